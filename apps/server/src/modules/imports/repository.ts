// Queries of the imports: the enterprises a batch's credit codes already name (locked while the batch is
// written), with whether the importer may change them, and their contacts; the people, chambers,
// memberships and party organizations a batch's rows name, within the importer's scope.
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import {
  chamberMemberCandidateScope,
  chamberRosterScope,
  chamberScope,
  enterpriseScope,
  partyOwnerEnterpriseScope,
  peopleScope,
} from '../../core/access/registry-scope.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { DbOrTx } from '../../db/connection.ts';
import {
  chamberMemberships,
  enterpriseContacts,
  enterprises,
  orgUnits,
  partyOrganizations,
  people,
  personPositions,
} from '../../db/schema/index.ts';
import type { ContactRow, EnterpriseRow } from '../enterprises/repository.ts';
import type { PersonRow } from '../people/repository.ts';

export interface ExistingEnterprise {
  row: EnterpriseRow;
  /** Within the importer's write scope (registry-scope decides). */
  writable: boolean;
  contacts: ContactRow[];
}

/**
 * Every enterprise (platform-wide: a credit code is unique everywhere) with one of `usccs`, by code.
 * `lock` holds the rows until the transaction ends, so an edit cannot slip in between compare and write.
 */
export async function existingByUscc(
  db: DbOrTx,
  actor: Actor,
  usccs: readonly string[],
  lock: boolean,
): Promise<Map<string, ExistingEnterprise>> {
  if (usccs.length === 0) return new Map();
  const query = db
    .select({ row: enterprises, writable: sql<boolean>`${enterpriseScope(actor, 'write')}` })
    .from(enterprises)
    // One array parameter rather than 500: the query builder's cost grows with every bound value.
    .where(sql`${enterprises.uscc} = ANY(${sql.param([...usccs])}::text[])`);
  const rows = lock ? await query.for('update', { of: enterprises }) : await query;
  const found = new Map(
    rows.map(({ row, writable }) => [row.uscc, { row, writable, contacts: [] as ContactRow[] }]),
  );
  if (rows.length > 0) {
    const byId = new Map([...found.values()].map((existing) => [existing.row.id, existing]));
    const contacts = await db
      .select()
      .from(enterpriseContacts)
      .where(sql`${enterpriseContacts.enterpriseId} = ANY(${sql.param([...byId.keys()])}::uuid[])`)
      .orderBy(asc(enterpriseContacts.enterpriseId), asc(enterpriseContacts.sort));
    for (const contact of contacts) byId.get(contact.enterpriseId)?.contacts.push(contact);
  }
  return found;
}

export interface NamedEnterprise {
  id: string;
  uscc: string;
  name: string;
  orgUnitId: string;
  mergedIntoId: string | null;
}

/** The enterprises with these credit codes that `scope` (a registry scope over enterprises) admits, by code. */
export async function enterprisesByUscc(
  db: DbOrTx,
  usccs: readonly string[],
  scope: SQL,
): Promise<Map<string, NamedEnterprise>> {
  if (usccs.length === 0) return new Map();
  const rows = await db
    .select({
      id: enterprises.id,
      uscc: enterprises.uscc,
      name: enterprises.name,
      orgUnitId: enterprises.orgUnitId,
      mergedIntoId: enterprises.mergedIntoId,
    })
    .from(enterprises)
    .where(and(sql`${enterprises.uscc} = ANY(${sql.param([...usccs])}::text[])`, scope));
  return new Map(rows.map((row) => [row.uscc, row]));
}

/** Enterprises a person's position may name: those the importer may write. */
export const positionEnterpriseScope = (actor: Actor) =>
  and(enterpriseScope(actor, 'write'), isNull(enterprises.mergedIntoId)) as SQL;

/** Enterprises a party organization may belong to: those whose party organizations the importer records. */
export const partyOwnerScope = (actor: Actor) => partyOwnerEnterpriseScope(actor);

/** Enterprises a chamber's roster may gain (see chamberMemberCandidateScope). */
export const memberCandidateScope = (actor: Actor, chamberParentPath: string | null) =>
  chamberMemberCandidateScope(actor, chamberParentPath);

export interface PersonWithPositions {
  row: PersonRow;
  /** Every enterprise the person holds a position in, and the positions. */
  positions: { enterpriseId: string; position: string }[];
}

/**
 * The people the importer may change who bear one of `names`, with all their positions; `lock` holds them
 * until the transaction ends.
 */
export async function peopleNamed(
  db: DbOrTx,
  actor: Actor,
  names: readonly string[],
  lock: boolean,
): Promise<PersonWithPositions[]> {
  if (names.length === 0) return [];
  const query = db
    .select()
    .from(people)
    .where(
      and(sql`${people.name} = ANY(${sql.param([...new Set(names)])}::text[])`, peopleScope(actor, 'write')),
    )
    .orderBy(asc(people.createdAt), asc(people.id));
  const rows = lock ? await query.for('update') : await query;
  const found = rows.map((row) => ({ row, positions: [] as PersonWithPositions['positions'] }));
  if (found.length > 0) {
    const byId = new Map(found.map((person) => [person.row.id, person]));
    const positions = await db
      .select({
        personId: personPositions.personId,
        enterpriseId: personPositions.enterpriseId,
        position: personPositions.position,
      })
      .from(personPositions)
      .where(inArray(personPositions.personId, [...byId.keys()]));
    for (const p of positions) byId.get(p.personId)?.positions.push(p);
  }
  return found;
}

export interface RosterChamber {
  id: string;
  name: string;
  code: string | null;
  path: string;
}

/** Chambers whose name or code is one of `names`, among those the importer keeps the roster of. */
export function rosterChambersNamed(
  db: DbOrTx,
  actor: Actor,
  names: readonly string[],
): Promise<RosterChamber[]> {
  return chambersNamed(db, names, chamberRosterScope(orgUnits.id, actor));
}

/** Chambers whose name or code is one of `names` that the importer may record party organizations of. */
export function writableChambersNamed(
  db: DbOrTx,
  actor: Actor,
  names: readonly string[],
): Promise<RosterChamber[]> {
  return chambersNamed(db, names, chamberScope(orgUnits.id, actor, 'write'));
}

async function chambersNamed(db: DbOrTx, names: readonly string[], scope: SQL): Promise<RosterChamber[]> {
  if (names.length === 0) return [];
  const list = sql.param([...new Set(names)]);
  return db
    .select({ id: orgUnits.id, name: orgUnits.name, code: orgUnits.code, path: orgUnits.path })
    .from(orgUnits)
    .where(
      and(
        inArray(orgUnits.kind, ['chamber', 'association']),
        sql`(${orgUnits.name} = ANY(${list}::text[]) OR ${orgUnits.code} = ANY(${list}::text[]))`,
        scope,
      ),
    );
}

export interface MembershipRow {
  chamberId: string;
  enterpriseId: string;
  role: string;
  joinedOn: string | null;
}

/** The live memberships of these enterprises in these chambers; `lock` holds them to the transaction's end. */
export async function membershipsOf(
  db: DbOrTx,
  chamberIds: readonly string[],
  enterpriseIds: readonly string[],
  lock: boolean,
): Promise<MembershipRow[]> {
  if (chamberIds.length === 0 || enterpriseIds.length === 0) return [];
  const query = db
    .select({
      chamberId: chamberMemberships.chamberId,
      enterpriseId: chamberMemberships.enterpriseId,
      role: chamberMemberships.role,
      joinedOn: chamberMemberships.joinedOn,
    })
    .from(chamberMemberships)
    .where(
      and(
        inArray(chamberMemberships.chamberId, [...new Set(chamberIds)]),
        inArray(chamberMemberships.enterpriseId, [...new Set(enterpriseIds)]),
      ),
    );
  return lock ? query.for('update') : query;
}

export type PartyOrganizationRecord = typeof partyOrganizations.$inferSelect;

/** The party organizations bearing one of `names` in one of `orgUnitIds`; `lock` as above. */
export async function partyOrganizationsNamed(
  db: DbOrTx,
  names: readonly string[],
  orgUnitIds: readonly string[],
  lock: boolean,
): Promise<PartyOrganizationRecord[]> {
  if (names.length === 0 || orgUnitIds.length === 0) return [];
  const query = db
    .select()
    .from(partyOrganizations)
    .where(
      and(
        sql`${partyOrganizations.name} = ANY(${sql.param([...new Set(names)])}::text[])`,
        inArray(partyOrganizations.orgUnitId, [...new Set(orgUnitIds)]),
      ),
    );
  return lock ? query.for('update') : query;
}

export async function insertPartyOrganizations(
  db: DbOrTx,
  values: (typeof partyOrganizations.$inferInsert)[],
): Promise<string[]> {
  if (values.length === 0) return [];
  const rows = await db.insert(partyOrganizations).values(values).returning({ id: partyOrganizations.id });
  return rows.map((row) => row.id);
}

export async function updatePartyOrganizationFields(
  db: DbOrTx,
  id: string,
  patch: Partial<PartyOrganizationRecord>,
  now: Date,
): Promise<void> {
  await db
    .update(partyOrganizations)
    .set({ ...patch, version: sql`${partyOrganizations.version} + 1`, updatedAt: now })
    .where(eq(partyOrganizations.id, id));
}

export async function insertMemberships(db: DbOrTx, values: MembershipRow[]): Promise<void> {
  if (values.length === 0) return;
  await db.insert(chamberMemberships).values(values).onConflictDoNothing();
}

export async function updateMembership(
  db: DbOrTx,
  chamberId: string,
  enterpriseId: string,
  patch: Partial<Pick<MembershipRow, 'role' | 'joinedOn'>>,
): Promise<void> {
  await db
    .update(chamberMemberships)
    .set(patch)
    .where(
      and(eq(chamberMemberships.chamberId, chamberId), eq(chamberMemberships.enterpriseId, enterpriseId)),
    );
}
