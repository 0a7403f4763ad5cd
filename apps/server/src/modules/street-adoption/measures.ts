// 小巷管家指标 the street-adoption measures: a subtree's main streets and alleys, those adopted at the period's
// end and the coverage (adopted ÷ all), and the matters and 12345 hotline cases handled in the period with
// the person-times who helped — counted as GET /api/street-coverage counts them (one query, by street).
import type { CoverageFigures } from '@qinqing/shared';
import { listPath, measuresOf, type MeasureAsk, type MeasureSource } from '../../core/measures/registry.ts';
import { coverageByStreet } from './repository.ts';
import { coverageFiguresOf } from './service.ts';

const streetsSource: MeasureSource<CoverageFigures> = {
  name: 'streets.coverage',
  compute: async ({ db, ask }) =>
    coverageFiguresOf(await coverageByStreet(db, ask.unit.path, ask.period.to, ask.period)),
};

const coverageList = (ask: MeasureAsk) => listPath('/street-adoption', { orgUnitId: ask.listUnitId });
const matterList = (ask: MeasureAsk, hotline?: string) =>
  listPath('/street-adoption/matters', {
    orgUnitId: ask.listUnitId,
    hotline,
    from: ask.period.from,
    to: ask.period.to,
  });

export const streetMeasures = measuresOf(streetsSource, [
  {
    id: 'streets.segments',
    label: { zh: '主街小巷', en: 'Streets and alleys' },
    unit: 'count',
    definition: '各街道登记的主街和小巷条数',
    value: (figures) => figures.segments,
    list: coverageList,
  },
  {
    id: 'streets.adopted',
    label: { zh: '已认领', en: 'Adopted' },
    unit: 'count',
    definition: '期末有小巷管家认领（认领日不晚于期末、未结束）的主街和小巷条数',
    value: (figures) => figures.adopted,
    list: coverageList,
  },
  {
    id: 'streets.coverage',
    label: { zh: '小巷管家覆盖率', en: 'Street adoption coverage' },
    unit: 'ratio',
    definition: '已认领的主街小巷 ÷ 登记的主街小巷',
    value: (figures) => figures.coverage,
    list: coverageList,
  },
  {
    id: 'streets.matters',
    label: { zh: '小巷管家办理事项', en: 'Matters handled' },
    unit: 'count',
    definition: '期间内小巷管家办理的事项数（含协助处理的 12345 热线工单）',
    value: (figures) => figures.matters,
    list: (ask) => matterList(ask),
  },
  {
    id: 'streets.hotlineCases',
    label: { zh: '协助处理 12345 工单', en: '12345 cases assisted' },
    unit: 'count',
    definition: '期间内小巷管家协助处理的 12345 热线工单数',
    value: (figures) => figures.hotlineCases,
    list: (ask) => matterList(ask, 'true'),
  },
  {
    id: 'streets.hotlinePersonTimes',
    label: { zh: '协助热线人次', en: 'Person-times on hotline cases' },
    unit: 'count',
    definition: '期间内协助处理 12345 热线工单的参与人次',
    value: (figures) => figures.hotlinePersonTimes,
  },
]);
