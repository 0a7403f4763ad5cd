// How a person (代表人士) is shown: age and 青年 derived from the birth year, the mobile number masked
// (revealed only through the audited unmask call), positions limited to enterprises the viewer may see.
import {
  maskMobile,
  YOUNG_ENTREPRENEUR_AGE,
  type CPPCC_LEVELS,
  type FederationRole,
  type NPC_LEVELS,
  type PersonListItem,
  type PersonView,
  type PoliticalAffiliation,
} from '@qinqing/shared';
import type { FederationRoleRow, PersonRow, PositionRow } from './repository.ts';

/** A term is current when it has begun (or has no start) and has not ended (or has no end). */
export function isCurrentTerm(
  term: { termStart: string | null; termEnd: string | null },
  today: string,
): boolean {
  return (
    (term.termStart === null || term.termStart <= today) && (term.termEnd === null || term.termEnd >= today)
  );
}

function core(row: PersonRow & { orgUnitName: string }, positions: PositionRow[], today: string) {
  const age = row.birthYear === null ? null : Number(today.slice(0, 4)) - row.birthYear;
  return {
    id: row.id,
    name: row.name,
    gender: row.gender,
    birthYear: row.birthYear,
    age,
    young: age !== null && age < YOUNG_ENTREPRENEUR_AGE,
    politicalAffiliation: row.politicalAffiliation as PoliticalAffiliation,
    npcLevel: row.npcLevel as (typeof NPC_LEVELS)[number] | null,
    cppccLevel: row.cppccLevel as (typeof CPPCC_LEVELS)[number] | null,
    mobile: row.mobile === null ? null : maskMobile(row.mobile),
    mobileMasked: row.mobile !== null,
    positions: positions
      .filter((p) => p.personId === row.id)
      .map((p) => ({ enterpriseId: p.enterpriseId, enterpriseName: p.enterpriseName, position: p.position })),
    orgUnitId: row.orgUnitId,
    orgUnitName: row.orgUnitName,
    version: row.version,
  };
}

export function presentPersonListItem(
  row: PersonRow & { orgUnitName: string },
  extra: { positions: PositionRow[]; roles: FederationRoleRow[]; today: string },
): PersonListItem {
  const current = extra.roles.filter((r) => r.personId === row.id && isCurrentTerm(r, extra.today));
  return {
    ...core(row, extra.positions, extra.today),
    federationRoles: [...new Set(current.map((r) => r.role as FederationRole))],
  };
}

export function presentPerson(
  row: PersonRow & { orgUnitName: string },
  extra: {
    positions: PositionRow[];
    roles: FederationRoleRow[];
    chamberRoles: {
      chamberId: string;
      chamberName: string;
      role: string;
      termStart: string | null;
      termEnd: string | null;
    }[];
    today: string;
  },
): PersonView {
  return {
    ...core(row, extra.positions, extra.today),
    email: row.email,
    federationRoles: extra.roles.map((r) => ({
      id: r.id,
      orgUnitId: r.orgUnitId,
      orgUnitName: r.orgUnitName,
      role: r.role as FederationRole,
      termStart: r.termStart,
      termEnd: r.termEnd,
      current: isCurrentTerm(r, extra.today),
    })),
    chamberRoles: extra.chamberRoles,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
