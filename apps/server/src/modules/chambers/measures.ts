// 商会会员指标 the chamber measures: each chamber's active members (商会在册会员), the one count the
// dashboard's chamber chart, the chamber pages and a chamber's member ledger show.
import { listPath, measuresOf, type MeasureSource } from '../../core/measures/registry.ts';
import { activeMembersOfSubtree } from './repository.ts';

export interface ChamberMembers {
  id: string;
  name: string;
  members: number;
}

/** Every chamber and association of the subtree with its active members, the largest first. */
export const chamberMembersSource: MeasureSource<ChamberMembers[]> = {
  name: 'chambers.members',
  compute: ({ db, ask }) => activeMembersOfSubtree(db, { orgPath: ask.unit.path }),
};

/** The list behind one chamber's count: its active member enterprises. */
export const chamberMemberList = (chamberId: string) =>
  listPath('/enterprises', { chamberId, status: 'active' });

export const chamberMeasures = [
  ...measuresOf(chamberMembersSource, [
    {
      id: 'chambers.activeMembers',
      label: { zh: '商会在册会员', en: 'Active chamber members' },
      unit: 'count',
      definition:
        '商会（协会）的在册会员：仍在商会会员名单中（未退出商会）、未被合并为重复记录且会员状态为正常的企业数；' +
        '一家企业加入几个商会，在每个商会各计一次。本级为商会时即该商会的会员数，工作看板、商会页面和商会会员台账都取此数',
      // No list holds exactly these over several chambers (an enterprise counts once in each): one
      // chamber's list is chamberMemberList.
      value: (chambers) => chambers.reduce((sum, chamber) => sum + chamber.members, 0),
    },
  ]),
];
