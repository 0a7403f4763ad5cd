// How a chamber (商会), its leaders and members are shown; a chamber without a profile shows version 0.
import type {
  ChamberLeaderRole,
  ChamberLeaderView,
  ChamberListItem,
  ChamberMemberRole,
  ChamberMemberView,
  ChamberType,
  ChamberView,
} from '@qinqing/shared';
import { isCurrentTerm } from '../people/presenter.ts';
import type { ChamberRow, LeaderRow, MemberRow } from './repository.ts';

function core(row: ChamberRow, memberCount: number) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as 'chamber' | 'association',
    chamberType: row.chamberType as ChamberType | null,
    parentId: row.parentId,
    parentName: row.parentName,
    memberCount,
    version: row.profileVersion ?? 0,
  };
}

export function presentChamberListItem(
  row: ChamberRow,
  memberCount: number,
  presidentName: string | null,
): ChamberListItem {
  return { ...core(row, memberCount), presidentName };
}

export function presentLeader(row: LeaderRow, today: string): ChamberLeaderView {
  return {
    id: row.id,
    personId: row.personId,
    personName: row.personName,
    role: row.role as ChamberLeaderRole,
    termStart: row.termStart,
    termEnd: row.termEnd,
    endReason: row.endReason,
    current: isCurrentTerm(row, today),
  };
}

export function presentChamber(
  row: ChamberRow,
  memberCount: number,
  leaders: LeaderRow[],
  today: string,
): ChamberView {
  return {
    ...core(row, memberCount),
    code: row.code,
    foundedOn: row.foundedOn,
    registrationNo: row.registrationNo,
    registeredOn: row.registeredOn,
    address: row.address,
    leaders: leaders.map((leader) => presentLeader(leader, today)),
  };
}

export function presentMember(row: MemberRow): ChamberMemberView {
  return { ...row, role: row.role as ChamberMemberRole };
}
