// Queries over 党组织 party organizations within the caller's scope, and the counts behind the two
// coverage ratios (两个覆盖) by org unit and by chamber.
import { and, asc, count, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { OrgUnitKind, PartyOrganizationListQuery } from '@qinqing/shared';
import {
  chamberScope,
  enterpriseScope,
  isFederationReader,
  partyOrganizationScope,
  partyOwnerEnterpriseScope,
  type ScopeMode,
} from '../../core/access/registry-scope.ts';
import { pathWithinScope } from '../../core/access/access.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { escapeLike } from '../../core/sql.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { chamberMemberships, enterprises, orgUnits, partyOrganizations } from '../../db/schema/index.ts';

const chambers = alias(orgUnits, 'owner_chamber');
const CHAMBER_KINDS: OrgUnitKind[] = ['chamber', 'association'];
const FEDERATION_KINDS: OrgUnitKind[] = ['province', 'city', 'district', 'street'];

const columns = {
  organization: partyOrganizations,
  ownerName: sql<string>`coalesce(${enterprises.name}, ${chambers.name})`,
};

function selectOrganizations(db: DbOrTx) {
  return db
    .select(columns)
    .from(partyOrganizations)
    .leftJoin(enterprises, eq(enterprises.id, partyOrganizations.enterpriseId))
    .leftJoin(chambers, eq(chambers.id, partyOrganizations.chamberId));
}
export type PartyOrganizationRow = typeof partyOrganizations.$inferSelect & { ownerName: string };

export async function listPartyOrganizations(
  db: DbOrTx,
  actor: Actor,
  query: PartyOrganizationListQuery,
): Promise<{ rows: PartyOrganizationRow[]; total: number }> {
  const conditions: SQL[] = [partyOrganizationScope(actor, 'read')];
  if (query.ownerKind === 'enterprise') conditions.push(sql`${partyOrganizations.enterpriseId} IS NOT NULL`);
  if (query.ownerKind === 'chamber') conditions.push(sql`${partyOrganizations.chamberId} IS NOT NULL`);
  if (query.form) conditions.push(eq(partyOrganizations.form, query.form));
  if (query.enterpriseId) conditions.push(eq(partyOrganizations.enterpriseId, query.enterpriseId));
  if (query.chamberId) conditions.push(eq(partyOrganizations.chamberId, query.chamberId));
  if (query.q) {
    const fragment = `%${escapeLike(query.q)}%`;
    conditions.push(
      or(
        sql`${partyOrganizations.name} ILIKE ${fragment}`,
        sql`${partyOrganizations.secretaryName} ILIKE ${fragment}`,
        sql`coalesce(${enterprises.name}, ${chambers.name}) ILIKE ${fragment}`,
      ) as SQL,
    );
  }
  const where = and(...conditions) as SQL;
  const [rows, totals] = await Promise.all([
    selectOrganizations(db)
      .where(where)
      .orderBy(
        sql`coalesce(${enterprises.sortKey}, ${chambers.name})`,
        asc(partyOrganizations.name),
        asc(partyOrganizations.id),
      )
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ total: count() })
      .from(partyOrganizations)
      .leftJoin(enterprises, eq(enterprises.id, partyOrganizations.enterpriseId))
      .leftJoin(chambers, eq(chambers.id, partyOrganizations.chamberId))
      .where(where),
  ]);
  return {
    rows: rows.map((row) => ({ ...row.organization, ownerName: row.ownerName })),
    total: totals[0]?.total ?? 0,
  };
}

export async function findPartyOrganization(
  db: DbOrTx,
  actor: Actor,
  id: string,
  mode: ScopeMode = 'read',
): Promise<PartyOrganizationRow | undefined> {
  const [row] = await selectOrganizations(db).where(
    and(eq(partyOrganizations.id, id), partyOrganizationScope(actor, mode)),
  );
  return row ? { ...row.organization, ownerName: row.ownerName } : undefined;
}

/** An enterprise whose party organization the caller may record (not a merged duplicate). */
export async function findOwnerEnterprise(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db
    .select({ id: enterprises.id, name: enterprises.name, orgUnitId: enterprises.orgUnitId })
    .from(enterprises)
    .where(and(eq(enterprises.id, id), isNull(enterprises.mergedIntoId), partyOwnerEnterpriseScope(actor)));
  return row;
}

/** A chamber whose party organization the caller may record. */
export async function findOwnerChamber(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(
      and(
        eq(orgUnits.id, id),
        inArray(orgUnits.kind, CHAMBER_KINDS),
        chamberScope(orgUnits.id, actor, 'write'),
      ),
    );
  return row;
}

// 两个覆盖 coverage -------------------------------------------------------------------------------------

export interface CoverageCounts {
  enterprises: number;
  organized: number;
  covered: number;
}

/** Member enterprises the ratios count: in the caller's scope, an active membership, not merged away. */
function countedEnterprises(actor: Actor): SQL {
  return and(
    enterpriseScope(actor, 'read'),
    isNull(enterprises.mergedIntoId),
    eq(enterprises.membershipStatus, 'active'),
  ) as SQL;
}

// `${enterprises.id} IN (…)`, not a correlated EXISTS: in a single-table query Drizzle writes the column
// unqualified ("id"), which inside the subquery would name party_organizations.id.
const counts = {
  enterprises: sql<number>`count(DISTINCT ${enterprises.id})::int`,
  organized: sql<number>`count(DISTINCT ${enterprises.id}) FILTER (WHERE ${enterprises.id} IN
    (SELECT enterprise_id FROM party_organizations WHERE enterprise_id IS NOT NULL AND form <> 'instructor_only'))::int`,
  covered: sql<number>`count(DISTINCT ${enterprises.id}) FILTER (WHERE ${enterprises.id} IN
    (SELECT enterprise_id FROM party_organizations WHERE enterprise_id IS NOT NULL))::int`,
};

export async function coverageTotal(db: DbOrTx, actor: Actor): Promise<CoverageCounts> {
  const [row] = await db.select(counts).from(enterprises).where(countedEnterprises(actor));
  return row ?? { enterprises: 0, organized: 0, covered: 0 };
}

/** By the org unit each enterprise is registered with (each enterprise in exactly one row). */
export async function coverageByOrgUnit(
  db: DbOrTx,
  actor: Actor,
): Promise<({ id: string; name: string; depth: number } & CoverageCounts)[]> {
  const groups = await db
    .select({ id: enterprises.orgUnitId, ...counts })
    .from(enterprises)
    .where(countedEnterprises(actor))
    .groupBy(enterprises.orgUnitId);
  // A federation reader also sees the federation units of their subtree that have no enterprise yet.
  const unitCondition = isFederationReader(actor)
    ? or(
        and(inArray(orgUnits.kind, FEDERATION_KINDS), pathWithinScope(orgUnits.path, actor)),
        groups.length > 0
          ? inArray(
              orgUnits.id,
              groups.map((g) => g.id),
            )
          : undefined,
      )
    : groups.length > 0
      ? inArray(
          orgUnits.id,
          groups.map((g) => g.id),
        )
      : sql`false`;
  const units = await db
    .select({ id: orgUnits.id, name: orgUnits.name, depth: orgUnits.depth })
    .from(orgUnits)
    .where(unitCondition);
  const byId = new Map(groups.map((g) => [g.id, g]));
  return units.map((unit) => {
    const group = byId.get(unit.id);
    return {
      id: unit.id,
      name: unit.name,
      depth: unit.depth,
      enterprises: group?.enterprises ?? 0,
      organized: group?.organized ?? 0,
      covered: group?.covered ?? 0,
    };
  });
}

/** By chamber: each chamber's member enterprises (an enterprise in several chambers counts in each). */
export async function coverageByChamber(
  db: DbOrTx,
  actor: Actor,
): Promise<({ id: string; name: string } & CoverageCounts)[]> {
  const groups = await db
    .select({ id: chamberMemberships.chamberId, ...counts })
    .from(enterprises)
    .innerJoin(chamberMemberships, eq(chamberMemberships.enterpriseId, enterprises.id))
    .where(and(countedEnterprises(actor), chamberScope(chamberMemberships.chamberId, actor, 'read')))
    .groupBy(chamberMemberships.chamberId);
  const units = await db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(and(inArray(orgUnits.kind, CHAMBER_KINDS), chamberScope(orgUnits.id, actor, 'read')));
  const byId = new Map(groups.map((g) => [g.id, g]));
  return units.map((unit) => {
    const group = byId.get(unit.id);
    return {
      id: unit.id,
      name: unit.name,
      enterprises: group?.enterprises ?? 0,
      organized: group?.organized ?? 0,
      covered: group?.covered ?? 0,
    };
  });
}

/** A merge of duplicate enterprises: the duplicate's party organizations belong to the kept enterprise. */
export async function movePartyOrganizationsToEnterprise(
  db: DbOrTx,
  fromId: string,
  toId: string,
): Promise<void> {
  await db
    .update(partyOrganizations)
    .set({ enterpriseId: toId })
    .where(eq(partyOrganizations.enterpriseId, fromId));
}

export async function insertPartyOrganization(
  db: DbOrTx,
  values: Omit<typeof partyOrganizations.$inferInsert, 'id'>,
): Promise<string> {
  const [row] = await db.insert(partyOrganizations).values(values).returning({ id: partyOrganizations.id });
  return row!.id;
}

/** Changes a party organization if its version is still `version`; false when someone else changed it first. */
export async function updatePartyOrganizationRow(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Partial<typeof partyOrganizations.$inferInsert>,
  now: Date,
): Promise<boolean> {
  const updated = await db
    .update(partyOrganizations)
    .set({ ...patch, version: sql`${partyOrganizations.version} + 1`, updatedAt: now })
    .where(and(eq(partyOrganizations.id, id), eq(partyOrganizations.version, version)))
    .returning({ id: partyOrganizations.id });
  return updated.length > 0;
}
