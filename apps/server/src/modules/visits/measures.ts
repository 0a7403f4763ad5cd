// 走访指标 the visit measures: done visits counted for the subtree in a period, the enterprises they reached,
// and 走访覆盖率 — the active members visited in the period ÷ the active members (as modules/visits
// defines it); and the reports' coverage, over the members active at the period's end.
import { listPath, measuresOf, rate, type MeasureSource } from '../../core/measures/registry.ts';
import { sideBySide } from '../../db/connection.ts';
import { activeAtPeriodEndSource, memberGroup, memberGroupsSource } from '../enterprises/measures.ts';
import { membersVisited, visitsMade, type VisitsMade } from './figures-repository.ts';

const visitsMadeSource: MeasureSource<VisitsMade> = {
  name: 'visits.made',
  compute: ({ db, ask }) => visitsMade(db, { orgPath: ask.unit.path }, ask.period),
};

/** Members visited over members: `visited` of `base`. */
interface Coverage {
  visited: number;
  base: number;
}

const coverageSource: MeasureSource<Coverage> = {
  name: 'visits.coverage',
  async compute({ db, ask, data }) {
    const [visited, members] = await sideBySide(db, [
      () => membersVisited(db, { orgPath: ask.unit.path }, ask.period, 'activeNow'),
      () => data(memberGroupsSource),
    ]);
    return { visited, base: memberGroup(members, 'status', 'active') };
  },
};

const coverageAtPeriodEndSource: MeasureSource<Coverage> = {
  name: 'visits.coverageAtPeriodEnd',
  async compute({ db, ask, data }) {
    const [visited, base] = await sideBySide(db, [
      () => membersVisited(db, { orgPath: ask.unit.path }, ask.period, 'activeAtPeriodEnd'),
      () => data(activeAtPeriodEndSource),
    ]);
    return { visited, base };
  },
};

export const visitMeasures = [
  ...measuresOf(visitsMadeSource, [
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
  ]),
  ...measuresOf(coverageSource, [
    {
      id: 'visits.visitedMembers',
      label: { zh: '已走访会员', en: 'Members visited' },
      unit: 'count',
      definition: '在册会员中期间内有完成走访的企业数（任何人走访均计）',
      value: (data) => data.visited,
    },
    {
      id: 'visits.coverage',
      label: { zh: '走访覆盖率', en: 'Visit coverage' },
      unit: 'ratio',
      definition: '期间内已走访的在册会员数 ÷ 在册会员数',
      value: (data) => rate(data.visited, data.base),
    },
  ]),
  ...measuresOf(coverageAtPeriodEndSource, [
    {
      id: 'visits.coveredAtPeriodEnd',
      label: { zh: '已走访期末在册会员', en: 'Members at the period’s end visited' },
      unit: 'count',
      definition: '期末在册会员中期间内有完成走访的企业数（任何人走访均计）；报告中的走访覆盖数',
      value: (data) => data.visited,
    },
    {
      id: 'visits.coverageAtPeriodEnd',
      label: { zh: '走访覆盖率（期末在册）', en: 'Visit coverage at the period’s end' },
      unit: 'ratio',
      definition: '期间内已走访的期末在册会员数 ÷ 期末在册会员数；报告中的走访覆盖率',
      value: (data) => rate(data.visited, data.base),
    },
  ]),
];
