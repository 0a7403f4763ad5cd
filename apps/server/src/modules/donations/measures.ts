// 捐赠指标 the donation measures: confirmed donations (received or acknowledged) by donors of the subtree,
// dated in the period — the amount in fen (exact: summed as bigint in SQL), of it cash, goods and services,
// directed, the directed share, the count and the donors. The dashboard's social-responsibility card, the
// reports' paragraph, the year-end ledger and /api/donations/stats read them from here.
import {
  listPath,
  measuresOf,
  rate,
  type MeasureAsk,
  type MeasureSource,
} from '../../core/measures/registry.ts';
import { subtreeTotals, type SubtreeTotals } from './repository.ts';

/** The confirmed donations of the period behind a figure, in the donations ledger. */
export const donationList = (ask: MeasureAsk, params: Record<string, string | undefined> = {}) =>
  listPath('/donations', {
    orgUnitId: ask.listUnitId,
    from: ask.period.from,
    to: ask.period.to,
    state: 'confirmed',
    ...params,
  });

export const donationTotalsSource: MeasureSource<SubtreeTotals> = {
  name: 'donations.totals',
  compute: ({ db, ask }) => subtreeTotals(db, { orgPath: ask.unit.path }, ask.period),
};

export const donationMeasures = measuresOf(donationTotalsSource, [
  {
    id: 'donations.amount',
    label: { zh: '捐赠总额', en: 'Donated' },
    unit: 'fen',
    definition:
      '期间内（按捐赠日期）本单位及下级会员、商会、党组织和个人已确认到账的捐款捐物合计（物资、服务、减免租金按折价计）',
    value: (totals) => Number(totals.fen),
    list: (ask) => donationList(ask),
  },
  {
    id: 'donations.cash',
    label: { zh: '捐款', en: 'Cash donated' },
    unit: 'fen',
    definition: '其中捐款金额',
    value: (totals) => Number(totals.cashFen),
    list: (ask) => donationList(ask, { kind: 'cash' }),
  },
  {
    id: 'donations.inKind',
    label: { zh: '捐物及服务折价', en: 'Goods and services (valued)' },
    unit: 'fen',
    definition: '其中捐物、捐服务和减免租金的折价合计',
    value: (totals) => Number(totals.inKindFen),
  },
  {
    id: 'donations.directed',
    label: { zh: '定向捐赠', en: 'Directed' },
    unit: 'fen',
    definition: '其中定向捐赠（指定地区或对象）的金额',
    value: (totals) => Number(totals.directedFen),
    list: (ask) => donationList(ask, { directed: 'true' }),
  },
  {
    id: 'donations.directedShare',
    label: { zh: '定向捐赠占比', en: 'Directed share' },
    unit: 'ratio',
    definition: '定向捐赠金额 ÷ 捐赠总额',
    value: (totals) => rate(Number(totals.directedFen), Number(totals.fen)),
  },
  {
    id: 'donations.count',
    label: { zh: '捐赠笔数', en: 'Donations' },
    unit: 'count',
    definition: '期间内已确认到账的捐赠笔数',
    value: (totals) => totals.count,
    list: (ask) => donationList(ask),
  },
  {
    id: 'donations.donors',
    label: { zh: '捐赠主体', en: 'Donors' },
    unit: 'count',
    definition: '期间内有已确认捐赠的企业、个人、商会和党组织数（每个捐赠方计一次）',
    value: (totals) => totals.donors,
  },
]);
