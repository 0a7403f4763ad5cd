// 会员指标 the member measures: members in the registry now (在册, from the rollups of migration 0012), those
// who joined and left in a period (merged duplicates left out), and the reports' 在册 — active and joined
// by the period's end, so that a past period's report does not count later members.
import { listPath, measuresOf, type MeasureAsk, type MeasureSource } from '../../core/measures/registry.ts';
import { activeAtPeriodEnd, joinedAndLeft, memberGroups, type MemberGroupRow } from './figures-repository.ts';

/** The enterprise list of the subtree, narrowed by `params`. */
export const enterpriseList = (ask: MeasureAsk, params: Record<string, string | undefined>) =>
  listPath('/enterprises', { orgUnitId: ask.listUnitId, ...params });

/** Member counts of the subtree by status, industry section, size, party state and child unit, in one pass. */
export const memberGroupsSource: MeasureSource<MemberGroupRow[]> = {
  name: 'members.groups',
  compute: ({ db, ask }) => memberGroups(db, { orgPath: ask.unit.path }, ask.unit),
};

const joinedAndLeftSource: MeasureSource<{ joined: number; left: number }> = {
  name: 'members.joinedAndLeft',
  compute: ({ db, ask }) => joinedAndLeft(db, { orgPath: ask.unit.path }, ask.period),
};

/** The members active at the period's end: the reports' 在册 and the base of their visit coverage. */
export const activeAtPeriodEndSource: MeasureSource<number> = {
  name: 'members.activeAtPeriodEnd',
  compute: ({ db, ask }) => activeAtPeriodEnd(db, { orgPath: ask.unit.path }, ask.period),
};

/** The count of one group of the member rollups (0 when the subtree has none). */
export function memberGroup(rows: readonly MemberGroupRow[], by: MemberGroupRow['by'], key: string): number {
  return rows.find((row) => row.by === by && row.key === key)?.members ?? 0;
}

export const memberMeasures = [
  ...measuresOf(memberGroupsSource, [
    {
      id: 'members.active',
      label: { zh: '在册会员', en: 'Active members' },
      unit: 'count',
      definition: '当前会员状态为正常的会员企业数（不含已合并的重复记录）',
      value: (rows) => memberGroup(rows, 'status', 'active'),
      list: (ask) => enterpriseList(ask, { status: 'active' }),
    },
  ]),
  ...measuresOf(activeAtPeriodEndSource, [
    {
      id: 'members.activeAtPeriodEnd',
      label: { zh: '期末在册会员', en: 'Active members at the period’s end' },
      unit: 'count',
      definition:
        '当前会员状态为正常、入会日期不晚于期末（或未填）的会员企业数（不含已合并的重复记录）；报告中的在册会员',
      value: (count) => count,
    },
  ]),
  ...measuresOf(joinedAndLeftSource, [
    {
      id: 'members.joined',
      label: { zh: '新入会', en: 'Joined' },
      unit: 'count',
      definition: '入会日期在期间内的会员企业数',
      value: (data) => data.joined,
      list: (ask) =>
        enterpriseList(ask, { joinedFrom: ask.period.from, joinedTo: ask.period.to, sort: 'recent' }),
    },
    {
      id: 'members.left',
      label: { zh: '退会', en: 'Left' },
      unit: 'count',
      definition: '期间内退会（状态变为已退会）的会员企业数',
      value: (data) => data.left,
      list: (ask) => enterpriseList(ask, { leftFrom: ask.period.from, leftTo: ask.period.to }),
    },
  ]),
];
