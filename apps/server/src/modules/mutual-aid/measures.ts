// 互助指标 the mutual aid measures: of the enterprises of the subtree, the posts made in the period (supplies
// and needs), the matches brokered for its needs, those fulfilled in the period, the enterprises helped and
// the quantity delivered ("为40家企业解决口罩5万余个"). Read from the figures /api/aid/stats answers
// (stats.ts aidFigures: one query), so the dashboard, the reports and the aid page count them one way.
import type { AidStats } from '@qinqing/shared';
import { listPath, measuresOf, type MeasureAsk, type MeasureSource } from '../../core/measures/registry.ts';
import { aidFigures } from './stats.ts';

const postList = (ask: MeasureAsk, params: Record<string, string | undefined> = {}) =>
  listPath('/aid', { orgUnitId: ask.listUnitId, ...params });

type AidTotals = AidStats['total'];

export const aidTotalsSource: MeasureSource<AidTotals> = {
  name: 'aid.totals',
  compute: async ({ db, ask }) => (await aidFigures(db, ask.unit.path, ask.period)).total,
};

export const aidMeasures = measuresOf(aidTotalsSource, [
  {
    id: 'aid.posts',
    label: { zh: '互助供需信息', en: 'Mutual aid posts' },
    unit: 'count',
    definition: '期间内（按发布日期）本单位及下级会员企业发布的供给和需求信息数',
    value: (totals) => totals.posts,
    list: (ask) => postList(ask),
  },
  {
    id: 'aid.supplies',
    label: { zh: '供给信息', en: 'Supplies posted' },
    unit: 'count',
    definition: '其中供给信息数',
    value: (totals) => totals.supplies,
    list: (ask) => postList(ask, { side: 'supply' }),
  },
  {
    id: 'aid.demands',
    label: { zh: '需求信息', en: 'Needs posted' },
    unit: 'count',
    definition: '其中需求信息数',
    value: (totals) => totals.demands,
    list: (ask) => postList(ask, { side: 'demand' }),
  },
  {
    id: 'aid.matches',
    label: { zh: '撮合对接', en: 'Matches brokered' },
    unit: 'count',
    definition: '期间内为本单位及下级会员企业的需求撮合的对接数',
    value: (totals) => totals.matches,
  },
  {
    id: 'aid.fulfilled',
    label: { zh: '完成对接', en: 'Matches fulfilled' },
    unit: 'count',
    definition: '期间内（按对接日期）完成的对接数',
    value: (totals) => totals.fulfilled,
  },
  {
    id: 'aid.enterprisesHelped',
    label: { zh: '受助企业', en: 'Enterprises helped' },
    unit: 'count',
    definition: '期间内需求经对接完成（按对接日期）的本单位及下级会员企业数，一家企业多次受助计一次',
    value: (totals) => totals.enterprisesHelped,
  },
  {
    id: 'aid.quantity',
    label: { zh: '对接数量', en: 'Quantity delivered' },
    unit: 'count',
    definition: '期间内完成的对接实际交付的数量合计（各计量单位相加，按类别细分见列表）',
    value: (totals) => Math.round(totals.delivered.reduce((sum, item) => sum + item.quantity, 0)),
  },
]);
