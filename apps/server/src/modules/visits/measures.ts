// 走访指标 the visit measures: done visits counted for the subtree in a period, the enterprises they reached,
// and 走访覆盖率 — the active members visited in the period ÷ the active members (as modules/visits
// defines it).
import { listPath, measuresOf, rate, type MeasureSource } from '../../core/measures/registry.ts';
import { memberGroup, memberGroupsSource } from '../enterprises/measures.ts';
import { visitCounts, type VisitCounts } from './figures-repository.ts';

const visitCountsSource: MeasureSource<VisitCounts & { activeMembers: number }> = {
  name: 'visits.counts',
  async compute({ db, ask, data }) {
    const [counts, members] = await Promise.all([
      visitCounts(db, { orgPath: ask.unit.path }, ask.period),
      data(memberGroupsSource),
    ]);
    return { ...counts, activeMembers: memberGroup(members, 'status', 'active') };
  },
};

export const visitMeasures = measuresOf(visitCountsSource, [
  {
    id: 'visits.done',
    label: { zh: '走访次数', en: 'Visits made' },
    unit: 'count',
    definition: '期间内完成的走访次数（按走访所属单位计）',
    value: (data) => data.visits,
    list: (ask) =>
      listPath('/visits', {
        orgUnitId: ask.listUnitId,
        status: 'done',
        from: ask.period.from,
        to: ask.period.to,
      }),
  },
  {
    id: 'visits.enterprises',
    label: { zh: '走访企业数', en: 'Enterprises visited' },
    unit: 'count',
    definition: '期间内完成的走访到达的企业数（同一企业只计一次）',
    value: (data) => data.enterprisesVisited,
  },
  {
    id: 'visits.visitedMembers',
    label: { zh: '已走访会员', en: 'Members visited' },
    unit: 'count',
    definition: '在册会员中期间内有完成走访的企业数（任何人走访均计）',
    value: (data) => data.visitedMembers,
  },
  {
    id: 'visits.coverage',
    label: { zh: '走访覆盖率', en: 'Visit coverage' },
    unit: 'ratio',
    definition: '期间内已走访的在册会员数 ÷ 在册会员数',
    value: (data) => rate(data.visitedMembers, data.activeMembers),
  },
]);
