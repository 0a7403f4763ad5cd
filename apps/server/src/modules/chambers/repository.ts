// Queries over 商会 chambers (org units of kind chamber/association with their profile), their leaders
// and member enterprises, within the caller's scope.
import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ChamberMemberListQuery } from '@qinqing/shared';
import {
  chamberMemberCandidateScope,
  chamberRosterScope,
  chamberScope,
  secretaryChambers,
  type ScopeMode,
} from '../../core/access/registry-scope.ts';
import { withinScope } from '../../core/access/access.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { DbOrTx } from '../../db/connection.ts';
import {
  chamberLeaders,
  chamberMembershipEnds,
  chamberMemberships,
  chamberProfiles,
  enterprises,
  orgUnits,
  people,
} from '../../db/schema/index.ts';
import { searchClause } from '../enterprises/repository.ts';

export const CHAMBER_KINDS = ['chamber', 'association'] as const;

const parents = alias(orgUnits, 'parent_unit');

const chamberColumns = {
  id: orgUnits.id,
  name: orgUnits.name,
  kind: orgUnits.kind,
  code: orgUnits.code,
  path: orgUnits.path,
  parentId: orgUnits.parentId,
  parentName: parents.name,
  chamberType: chamberProfiles.chamberType,
  foundedOn: chamberProfiles.foundedOn,
  registrationNo: chamberProfiles.registrationNo,
  registeredOn: chamberProfiles.registeredOn,
  address: chamberProfiles.address,
  profileVersion: chamberProfiles.version,
};

function selectChambers(db: DbOrTx, where: SQL) {
  return db
    .select(chamberColumns)
    .from(orgUnits)
    .leftJoin(chamberProfiles, eq(chamberProfiles.orgUnitId, orgUnits.id))
    .leftJoin(parents, eq(parents.id, orgUnits.parentId))
    .where(and(inArray(orgUnits.kind, [...CHAMBER_KINDS]), where));
}
/** A chamber with its profile and parent; its member count comes from activeMemberCounts when shown. */
export type ChamberRow = Awaited<ReturnType<typeof selectChambers>>[number];

/**
 * Every chamber the caller may see that passes the filters, without member counts: a province's 1,661
 * chambers take a few milliseconds, their 900,000 memberships counted took 7 s (activeMemberCounts reads a
 * page's). Search and order happen in code.
 */
export function chambersInScope(
  db: DbOrTx,
  actor: Actor,
  filter: { type?: string; parentId?: string } = {},
): Promise<ChamberRow[]> {
  const conditions: SQL[] = [chamberScope(orgUnits.id, actor, 'read')];
  if (filter.type)
    conditions.push(eq(chamberProfiles.chamberType, filter.type as ChamberRow['chamberType'] & string));
  if (filter.parentId) conditions.push(eq(orgUnits.parentId, filter.parentId));
  return selectChambers(db, and(...conditions) as SQL);
}

/**
 * 商会在册会员 the one count of a chamber's members (measure `chambers.activeMembers`): its active
 * memberships — a membership row still held (leaving a chamber deletes it), of an enterprise that is not a
 * merged duplicate and whose membership status is 正常 (active; not applying, suspended or withdrawn). Read
 * from chamber_member_rollups (migration 0012: kept by triggers on memberships and enterprises, merged
 * duplicates left out), which the dashboard, the chamber pages and the chamber's ledger all read.
 */
function activeMembersWhere(db: DbOrTx, where: SQL) {
  return db.execute<{ id: string; name: string; members: number }>(
    sql`SELECT ou.id, ou.name,
        coalesce(sum(r.members) FILTER (WHERE r.status = 'active'), 0)::int AS members
      FROM org_units ou LEFT JOIN chamber_member_rollups r ON r.chamber_id = ou.id
      WHERE ou.kind IN ('chamber', 'association') AND ${where}
      GROUP BY ou.id, ou.name
      ORDER BY 3 DESC, ou.name`,
  );
}

/** The active members of each of these chambers (the one count: see activeMembersWhere). */
export async function activeMemberCounts(db: DbOrTx, chamberIds: string[]): Promise<Map<string, number>> {
  if (chamberIds.length === 0) return new Map();
  const { rows } = await activeMembersWhere(db, inArray(sql`ou.id`, chamberIds));
  return new Map(rows.map((row) => [row.id, row.members]));
}

/** Every chamber and association of the subtree with its active members, the largest first. */
export async function activeMembersOfSubtree(
  db: DbOrTx,
  scope: { orgPath: string },
): Promise<{ id: string; name: string; members: number }[]> {
  return (await activeMembersWhere(db, withinScope(sql`ou.id`, scope))).rows;
}

/** A chamber in scope: `read` to see it, `write` to change its profile, `roster` to change members and leaders. */
export async function findChamber(
  db: DbOrTx,
  actor: Actor,
  id: string,
  mode: ScopeMode | 'roster' = 'read',
): Promise<ChamberRow | undefined> {
  const scope =
    mode === 'roster' ? chamberRosterScope(orgUnits.id, actor) : chamberScope(orgUnits.id, actor, mode);
  const [row] = await selectChambers(db, and(eq(orgUnits.id, id), scope) as SQL);
  return row;
}

/** The chambers a chamber secretary speaks for (their org unit and anything under it), up to `limit`. */
export function chambersOfSecretary(
  db: DbOrTx,
  actor: Actor,
  limit: number,
): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(sql`${orgUnits.id} IN ${secretaryChambers(actor)}`)
    .limit(limit);
}

/** The current president (会长) of each chamber: a term under way, the latest started first. */
export async function presidentsOf(
  db: DbOrTx,
  chamberIds: string[],
  today: string,
): Promise<Map<string, string>> {
  if (chamberIds.length === 0) return new Map();
  const rows = await db
    .select({ chamberId: chamberLeaders.chamberId, name: people.name })
    .from(chamberLeaders)
    .innerJoin(people, eq(people.id, chamberLeaders.personId))
    .where(
      and(
        inArray(chamberLeaders.chamberId, chamberIds),
        eq(chamberLeaders.role, 'president'),
        sql`(${chamberLeaders.termStart} IS NULL OR ${chamberLeaders.termStart} <= ${today}::date)`,
        sql`(${chamberLeaders.termEnd} IS NULL OR ${chamberLeaders.termEnd} >= ${today}::date)`,
      ),
    )
    .orderBy(desc(sql`coalesce(${chamberLeaders.termStart}, '-infinity'::date)`));
  const presidents = new Map<string, string>();
  for (const row of rows) if (!presidents.has(row.chamberId)) presidents.set(row.chamberId, row.name);
  return presidents;
}

const ROLE_ORDER = sql`CASE ${chamberLeaders.role} WHEN 'president' THEN 0 WHEN 'vice_president' THEN 1
  WHEN 'secretary_general' THEN 2 ELSE 3 END`;

const leaderColumns = {
  id: chamberLeaders.id,
  personId: chamberLeaders.personId,
  personName: people.name,
  role: chamberLeaders.role,
  termStart: chamberLeaders.termStart,
  termEnd: chamberLeaders.termEnd,
  endReason: chamberLeaders.endReason,
};

export function leadersOf(db: DbOrTx, chamberId: string) {
  return db
    .select(leaderColumns)
    .from(chamberLeaders)
    .innerJoin(people, eq(people.id, chamberLeaders.personId))
    .where(eq(chamberLeaders.chamberId, chamberId))
    .orderBy(ROLE_ORDER, asc(people.sortKey), asc(chamberLeaders.termStart));
}
export type LeaderRow = Awaited<ReturnType<typeof leadersOf>>[number];

export async function findLeader(
  db: DbOrTx,
  chamberId: string,
  leaderId: string,
): Promise<LeaderRow | undefined> {
  const [row] = await db
    .select(leaderColumns)
    .from(chamberLeaders)
    .innerJoin(people, eq(people.id, chamberLeaders.personId))
    .where(and(eq(chamberLeaders.id, leaderId), eq(chamberLeaders.chamberId, chamberId)));
  return row;
}

/** Another 会长 of this chamber whose term overlaps [start, end] (open ends reach forever). */
export async function overlappingPresident(
  db: DbOrTx,
  chamberId: string,
  term: { start: string | null; end: string | null },
  exceptId?: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: chamberLeaders.id })
    .from(chamberLeaders)
    .where(
      and(
        eq(chamberLeaders.chamberId, chamberId),
        eq(chamberLeaders.role, 'president'),
        exceptId ? sql`${chamberLeaders.id} <> ${exceptId}` : undefined,
        sql`daterange(${chamberLeaders.termStart}, ${chamberLeaders.termEnd}, '[]') && daterange(${term.start}::date, ${term.end}::date, '[]')`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

const memberColumns = {
  enterpriseId: chamberMemberships.enterpriseId,
  enterpriseName: enterprises.name,
  uscc: enterprises.uscc,
  membershipStatus: enterprises.membershipStatus,
  role: chamberMemberships.role,
  joinedOn: chamberMemberships.joinedOn,
};

const MEMBER_ROLE_ORDER = sql`CASE ${chamberMemberships.role} WHEN 'president' THEN 0 WHEN 'vice_president' THEN 1
  WHEN 'director' THEN 2 ELSE 3 END`;

export async function listMembers(
  db: DbOrTx,
  actor: Actor,
  chamberId: string,
  query: ChamberMemberListQuery,
): Promise<{ rows: MemberRow[]; total: number }> {
  const conditions: (SQL | undefined)[] = [
    eq(chamberMemberships.chamberId, chamberId),
    isNull(enterprises.mergedIntoId),
  ];
  let rank: SQL | undefined;
  if (query.q) {
    const search = searchClause(query.q, actor.permissions.has('contacts.unmask'));
    if (search) {
      conditions.push(search.where);
      rank = search.rank;
    }
  }
  if (query.role) conditions.push(eq(chamberMemberships.role, query.role));
  const where = and(...conditions) as SQL;
  const order = [...(rank ? [rank] : []), MEMBER_ROLE_ORDER, asc(enterprises.sortKey), asc(enterprises.id)];
  const [rows, totals] = await Promise.all([
    db
      .select(memberColumns)
      .from(chamberMemberships)
      .innerJoin(enterprises, eq(enterprises.id, chamberMemberships.enterpriseId))
      .where(where)
      .orderBy(...order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ total: count() })
      .from(chamberMemberships)
      .innerJoin(enterprises, eq(enterprises.id, chamberMemberships.enterpriseId))
      .where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

export async function findMember(
  db: DbOrTx,
  chamberId: string,
  enterpriseId: string,
): Promise<MemberRow | undefined> {
  const [row] = await db
    .select(memberColumns)
    .from(chamberMemberships)
    .innerJoin(enterprises, eq(enterprises.id, chamberMemberships.enterpriseId))
    .where(
      and(eq(chamberMemberships.chamberId, chamberId), eq(chamberMemberships.enterpriseId, enterpriseId)),
    );
  return row;
}
export type MemberRow = {
  enterpriseId: string;
  enterpriseName: string;
  uscc: string;
  membershipStatus: (typeof enterprises.$inferSelect)['membershipStatus'];
  role: string;
  joinedOn: string | null;
};

// Writes, made by the service inside its transactions.

type ProfileFields = Omit<typeof chamberProfiles.$inferInsert, 'orgUnitId' | 'version'>;

/** A chamber's first profile: when it is founded, or on the first change of one founded before profiles. */
export async function insertProfile(db: DbOrTx, orgUnitId: string, profile: ProfileFields): Promise<void> {
  await db.insert(chamberProfiles).values({ orgUnitId, ...profile });
}

/** Changes a profile if its version is still `version`; false when someone else changed it first. */
export async function updateProfile(
  db: DbOrTx,
  orgUnitId: string,
  version: number,
  profile: ProfileFields,
): Promise<boolean> {
  const updated = await db
    .update(chamberProfiles)
    .set({ ...profile, version: sql`${chamberProfiles.version} + 1` })
    .where(and(eq(chamberProfiles.orgUnitId, orgUnitId), eq(chamberProfiles.version, version)))
    .returning({ id: chamberProfiles.orgUnitId });
  return updated.length > 0;
}

/** Renames a chamber's org unit, or makes it a chamber or an association. */
export async function updateChamberUnit(
  db: DbOrTx,
  id: string,
  change: { name?: string; kind: (typeof CHAMBER_KINDS)[number] },
  now: Date,
): Promise<void> {
  await db
    .update(orgUnits)
    .set({ ...change, version: sql`${orgUnits.version} + 1`, updatedAt: now })
    .where(eq(orgUnits.id, id));
}

/** Adds a member; false when the enterprise is a member already. */
export async function insertMember(
  db: DbOrTx,
  member: typeof chamberMemberships.$inferInsert,
): Promise<boolean> {
  const inserted = await db
    .insert(chamberMemberships)
    .values(member)
    .onConflictDoNothing()
    .returning({ enterpriseId: chamberMemberships.enterpriseId });
  return inserted.length > 0;
}

const membership = (chamberId: string, enterpriseId: string) =>
  and(eq(chamberMemberships.chamberId, chamberId), eq(chamberMemberships.enterpriseId, enterpriseId));

export async function updateMember(
  db: DbOrTx,
  chamberId: string,
  enterpriseId: string,
  change: Partial<Pick<typeof chamberMemberships.$inferInsert, 'role' | 'joinedOn'>>,
): Promise<void> {
  await db.update(chamberMemberships).set(change).where(membership(chamberId, enterpriseId));
}

export async function deleteMember(db: DbOrTx, chamberId: string, enterpriseId: string): Promise<void> {
  await db.delete(chamberMemberships).where(membership(chamberId, enterpriseId));
}

/**
 * A merge of duplicate enterprises: the duplicate's memberships become the kept enterprise's (where it is
 * a member already, its own membership stays) in the merge's transaction.
 */
export async function moveMembershipsToEnterprise(db: DbOrTx, fromId: string, toId: string): Promise<void> {
  await db.execute(sql`
    INSERT INTO chamber_memberships (chamber_id, enterprise_id, role, joined_on)
    SELECT chamber_id, ${toId}, role, joined_on FROM chamber_memberships WHERE enterprise_id = ${fromId}
    ON CONFLICT DO NOTHING`);
  await db.delete(chamberMemberships).where(eq(chamberMemberships.enterpriseId, fromId));
}

/** Holds the chamber's row until the transaction ends: two appointments of a 会长 queue one behind the other. */
export async function lockChamber(db: DbOrTx, chamberId: string): Promise<void> {
  await db.execute(sql`SELECT 1 FROM org_units WHERE id = ${chamberId} FOR UPDATE`);
}

export async function insertLeader(db: DbOrTx, leader: typeof chamberLeaders.$inferInsert): Promise<string> {
  const [row] = await db.insert(chamberLeaders).values(leader).returning({ id: chamberLeaders.id });
  return row!.id;
}

export async function updateLeader(
  db: DbOrTx,
  leaderId: string,
  change: { role: string; termStart: string | null; termEnd: string | null },
): Promise<void> {
  await db.update(chamberLeaders).set(change).where(eq(chamberLeaders.id, leaderId));
}

export async function deleteLeader(db: DbOrTx, leaderId: string): Promise<void> {
  await db.delete(chamberLeaders).where(eq(chamberLeaders.id, leaderId));
}

/** Ends a leader's term on `termEnd` for `reason`; the appointment stays as the chamber's history. */
export async function endLeader(
  db: DbOrTx,
  leaderId: string,
  termEnd: string,
  reason: string,
): Promise<void> {
  await db.update(chamberLeaders).set({ termEnd, endReason: reason }).where(eq(chamberLeaders.id, leaderId));
}

/**
 * The enterprise a roster may gain, by id or credit code (see chamberMemberCandidateScope); the chamber's
 * parent path bounds where a secretary may look.
 */
export async function findMemberCandidate(
  db: DbOrTx,
  actor: Actor,
  chamberParentPath: string | null,
  by: { enterpriseId?: string; uscc?: string },
) {
  const [row] = await db
    .select({ id: enterprises.id, name: enterprises.name, mergedIntoId: enterprises.mergedIntoId })
    .from(enterprises)
    .where(
      and(
        by.enterpriseId ? eq(enterprises.id, by.enterpriseId) : eq(enterprises.uscc, by.uscc ?? ''),
        chamberMemberCandidateScope(actor, chamberParentPath),
      ),
    );
  return row;
}

/** Moves a live membership into the chamber's history with the day it ended and why. */
export async function endMembership(
  db: DbOrTx,
  member: { chamberId: string; enterpriseId: string; role: string; joinedOn: string | null },
  end: { leftOn: string; reason: string; endedBy: string; endedAt: Date },
): Promise<void> {
  await db.insert(chamberMembershipEnds).values({ ...member, ...end });
  await deleteMember(db, member.chamberId, member.enterpriseId);
}

/** The chamber's ended memberships, latest first (a district's chamber has a few hundred at most). */
export function formerMembersOf(db: DbOrTx, chamberId: string) {
  return db
    .select({
      id: chamberMembershipEnds.id,
      enterpriseId: chamberMembershipEnds.enterpriseId,
      enterpriseName: enterprises.name,
      uscc: enterprises.uscc,
      role: chamberMembershipEnds.role,
      joinedOn: chamberMembershipEnds.joinedOn,
      leftOn: chamberMembershipEnds.leftOn,
      reason: chamberMembershipEnds.reason,
    })
    .from(chamberMembershipEnds)
    .innerJoin(enterprises, eq(enterprises.id, chamberMembershipEnds.enterpriseId))
    .where(eq(chamberMembershipEnds.chamberId, chamberId))
    .orderBy(desc(chamberMembershipEnds.leftOn), desc(chamberMembershipEnds.endedAt))
    .limit(500);
}
