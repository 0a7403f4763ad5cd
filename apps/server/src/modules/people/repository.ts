// Queries over 代表人士 people: filtered, searched lists within the caller's scope, and what hangs off a
// person (positions in visible enterprises, federation roles, chamber leadership).
import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { YOUNG_ENTREPRENEUR_AGE, type PersonListQuery } from '@qinqing/shared';
import {
  chamberScope,
  enterpriseScope,
  peopleScope,
  type ScopeMode,
} from '../../core/access/registry-scope.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { DbOrTx } from '../../db/connection.ts';
import {
  chamberLeaders,
  enterprises,
  orgUnits,
  people,
  personFederationRoles,
  personPositions,
} from '../../db/schema/index.ts';
import { classifyQuery } from '../../core/search/search-keys.ts';
import { nameSearchClause } from '../../core/search/name-match.ts';

export type PersonRow = typeof people.$inferSelect;

/**
 * The search box over people: name fragment (traditional folded), pinyin or initials, and a mobile
 * number only for those who may see numbers. Anything else (a credit code, digits) finds no person.
 */
export function personSearchClause(q: string, canSearchMobile: boolean): { where: SQL; rank: SQL } {
  const query = classifyQuery(q);
  // `0::int`, not `0`: a bare integer in ORDER BY would name a column by its position.
  if (query.value === '') return { where: sql`true`, rank: sql`0::int` };
  if (query.kind === 'mobile' && canSearchMobile) {
    return { where: eq(people.mobile, query.value), rank: sql`0::int` };
  }
  if (query.kind === 'uscc') return { where: sql`false`, rank: sql`0::int` };
  return nameSearchClause(people, query.kind === 'mobile' ? { kind: 'text', value: query.value } : query);
}

// Subqueries test `${people.id} IN (…)` rather than correlate on it: in a single-table query Drizzle
// writes the column unqualified ("id"), which inside a subquery would name the subquery's own id.
export function personFilterClause(
  actor: Actor,
  filter: Omit<PersonListQuery, 'page' | 'pageSize'>,
  today: string,
): { where: SQL; rank: SQL | undefined } {
  const conditions: SQL[] = [peopleScope(actor, 'read')];
  let rank: SQL | undefined;
  if (filter.q) {
    const search = personSearchClause(filter.q, actor.permissions.has('contacts.unmask'));
    conditions.push(search.where);
    rank = search.rank;
  }
  if (filter.gender) conditions.push(eq(people.gender, filter.gender));
  if (filter.affiliation) conditions.push(eq(people.politicalAffiliation, filter.affiliation));
  if (filter.deputy === 'npc') conditions.push(sql`${people.npcLevel} IS NOT NULL`);
  if (filter.deputy === 'cppcc') conditions.push(sql`${people.cppccLevel} IS NOT NULL`);
  if (filter.deputy === 'any') {
    conditions.push(sql`(${people.npcLevel} IS NOT NULL OR ${people.cppccLevel} IS NOT NULL)`);
  }
  if (filter.young !== undefined) {
    // Age from the birth year alone: under 45 this year means born after (this year − 45).
    const cutoff = Number(today.slice(0, 4)) - YOUNG_ENTREPRENEUR_AGE;
    conditions.push(
      filter.young ? sql`${people.birthYear} > ${cutoff}` : sql`${people.birthYear} <= ${cutoff}`,
    );
  }
  if (filter.enterpriseId) {
    conditions.push(
      sql`${people.id} IN (SELECT person_id FROM person_positions WHERE enterprise_id = ${filter.enterpriseId})`,
    );
  }
  if (filter.federationRole) {
    conditions.push(
      sql`${people.id} IN (SELECT person_id FROM person_federation_roles WHERE role = ${filter.federationRole}
        AND (term_start IS NULL OR term_start <= ${today}::date) AND (term_end IS NULL OR term_end >= ${today}::date))`,
    );
  }
  if (filter.orgUnitId) {
    conditions.push(
      sql`${people.orgUnitId} IN (SELECT id FROM org_units WHERE path LIKE (SELECT path FROM org_units WHERE id = ${filter.orgUnitId}) || '%')`,
    );
  }
  return { where: and(...conditions) as SQL, rank };
}

export async function listPeople(
  db: DbOrTx,
  actor: Actor,
  query: PersonListQuery,
  today: string,
): Promise<{ rows: (PersonRow & { orgUnitName: string })[]; total: number }> {
  const { where, rank } = personFilterClause(actor, query, today);
  const order = rank ? [rank, asc(people.sortKey), asc(people.id)] : [asc(people.sortKey), asc(people.id)];
  const [rows, totals] = await Promise.all([
    db
      .select({ person: people, orgUnitName: orgUnits.name })
      .from(people)
      .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
      .where(where)
      .orderBy(...order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(people).where(where),
  ]);
  return {
    rows: rows.map((row) => ({ ...row.person, orgUnitName: row.orgUnitName })),
    total: totals[0]?.total ?? 0,
  };
}

/** The search box's people: those in scope matching `q`, best first, up to `limit`. */
export function searchPeople(db: DbOrTx, actor: Actor, q: string, canSearchMobile: boolean, limit: number) {
  const clause = personSearchClause(q, canSearchMobile);
  return db
    .select({
      id: people.id,
      name: people.name,
      namePinyin: people.namePinyin,
      nameInitials: people.nameInitials,
      sortKey: people.sortKey,
      orgUnitName: orgUnits.name,
    })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .where(and(peopleScope(actor, 'read'), clause.where))
    .orderBy(clause.rank, asc(people.sortKey), asc(people.id))
    .limit(limit);
}

export async function findPerson(
  db: DbOrTx,
  actor: Actor,
  id: string,
  mode: ScopeMode = 'read',
): Promise<(PersonRow & { orgUnitName: string }) | undefined> {
  const [row] = await db
    .select({ person: people, orgUnitName: orgUnits.name })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .where(and(eq(people.id, id), peopleScope(actor, mode)));
  return row ? { ...row.person, orgUnitName: row.orgUnitName } : undefined;
}

export interface PositionRow {
  personId: string;
  enterpriseId: string;
  enterpriseName: string;
  position: string;
}

/** Positions of these people in enterprises the caller may see (others' names stay hidden). */
export async function positionsOf(db: DbOrTx, actor: Actor, personIds: string[]): Promise<PositionRow[]> {
  if (personIds.length === 0) return [];
  return db
    .select({
      personId: personPositions.personId,
      enterpriseId: personPositions.enterpriseId,
      enterpriseName: enterprises.name,
      position: personPositions.position,
    })
    .from(personPositions)
    .innerJoin(enterprises, eq(enterprises.id, personPositions.enterpriseId))
    .where(and(inArray(personPositions.personId, personIds), enterpriseScope(actor, 'read')))
    .orderBy(asc(enterprises.sortKey), asc(personPositions.position));
}

export function federationRolesOf(db: DbOrTx, personIds: string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: personFederationRoles.id,
      personId: personFederationRoles.personId,
      orgUnitId: personFederationRoles.orgUnitId,
      orgUnitName: orgUnits.name,
      orgUnitPath: orgUnits.path,
      role: personFederationRoles.role,
      termStart: personFederationRoles.termStart,
      termEnd: personFederationRoles.termEnd,
    })
    .from(personFederationRoles)
    .innerJoin(orgUnits, eq(orgUnits.id, personFederationRoles.orgUnitId))
    .where(inArray(personFederationRoles.personId, personIds))
    .orderBy(asc(orgUnits.depth), asc(personFederationRoles.termStart), asc(personFederationRoles.role));
}
export type FederationRoleRow = Awaited<ReturnType<typeof federationRolesOf>>[number];

/** The chambers this person leads, among those the caller may see. */
export function chamberRolesOf(db: DbOrTx, actor: Actor, personId: string) {
  return db
    .select({
      chamberId: chamberLeaders.chamberId,
      chamberName: orgUnits.name,
      role: chamberLeaders.role,
      termStart: chamberLeaders.termStart,
      termEnd: chamberLeaders.termEnd,
    })
    .from(chamberLeaders)
    .innerJoin(orgUnits, eq(orgUnits.id, chamberLeaders.chamberId))
    .where(and(eq(chamberLeaders.personId, personId), chamberScope(chamberLeaders.chamberId, actor)))
    .orderBy(asc(orgUnits.name), asc(chamberLeaders.termStart));
}

// Writes, made by the service inside its transactions.

export async function insertPerson(db: DbOrTx, values: typeof people.$inferInsert): Promise<string> {
  const [row] = await db.insert(people).values(values).returning({ id: people.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** Changes a person if their version is still `version`; false when someone else changed them first. */
export async function updatePersonRow(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Partial<PersonRow>,
  now: Date,
): Promise<boolean> {
  const updated = await db
    .update(people)
    .set({ ...patch, version: sql`${people.version} + 1`, updatedAt: now })
    .where(and(eq(people.id, id), eq(people.version, version)))
    .returning({ id: people.id });
  return updated.length > 0;
}

/** Adds positions; one the person holds already stays as it is. */
export async function insertPositions(
  db: DbOrTx,
  positions: (typeof personPositions.$inferInsert)[],
): Promise<void> {
  if (positions.length === 0) return;
  await db.insert(personPositions).values(positions).onConflictDoNothing();
}

/** The person's positions in enterprises the caller may see; those in others stay. */
export async function deleteVisiblePositions(db: DbOrTx, actor: Actor, personId: string): Promise<void> {
  await db
    .delete(personPositions)
    .where(
      and(
        eq(personPositions.personId, personId),
        sql`${personPositions.enterpriseId} IN (SELECT id FROM enterprises WHERE ${enterpriseScope(actor, 'read')})`,
      ),
    );
}

/**
 * A merge of duplicate enterprises: the duplicate's positions become the kept enterprise's (one held in
 * both stays once) in the merge's transaction.
 */
export async function movePositionsToEnterprise(db: DbOrTx, fromId: string, toId: string): Promise<void> {
  await db.execute(sql`
    INSERT INTO person_positions (person_id, enterprise_id, position)
    SELECT person_id, ${toId}, position FROM person_positions WHERE enterprise_id = ${fromId}
    ON CONFLICT DO NOTHING`);
  await db.delete(personPositions).where(eq(personPositions.enterpriseId, fromId));
}

export async function insertFederationRoles(
  db: DbOrTx,
  roles: (typeof personFederationRoles.$inferInsert)[],
): Promise<void> {
  if (roles.length === 0) return;
  await db.insert(personFederationRoles).values(roles);
}

export async function deleteFederationRoles(db: DbOrTx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.delete(personFederationRoles).where(inArray(personFederationRoles.id, ids));
}
