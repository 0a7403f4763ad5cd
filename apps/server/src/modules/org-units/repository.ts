// Queries over org units: the caller's subtree (core/access) is a prefix match on the materialised path.
import { and, asc, eq, sql } from 'drizzle-orm';
import { pathWithinScope } from '../../core/access/access.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { orgUnits } from '../../db/schema/index.ts';

export type OrgUnitRow = typeof orgUnits.$inferSelect;

export function listSubtree(db: DbOrTx, actor: Pick<Actor, 'orgPath'>): Promise<OrgUnitRow[]> {
  return db
    .select()
    .from(orgUnits)
    .where(pathWithinScope(orgUnits.path, actor))
    .orderBy(asc(orgUnits.depth), asc(orgUnits.name));
}

/** A unit by id, whatever the caller's scope (their own unit, say). */
export async function findOrgUnit(db: DbOrTx, id: string): Promise<OrgUnitRow | undefined> {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.id, id));
  return row;
}

export async function findOrgUnitInScope(
  db: DbOrTx,
  actor: Pick<Actor, 'orgPath'>,
  id: string,
): Promise<OrgUnitRow | undefined> {
  const [row] = await db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.id, id), pathWithinScope(orgUnits.path, actor)));
  return row;
}

export async function siblingNamed(
  db: DbOrTx,
  parentId: string,
  name: string,
): Promise<OrgUnitRow | undefined> {
  const [row] = await db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, parentId), eq(orgUnits.name, name)));
  return row;
}

export async function insertOrgUnitRow(
  db: DbOrTx,
  values: typeof orgUnits.$inferInsert,
): Promise<OrgUnitRow> {
  const [row] = await db.insert(orgUnits).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Changes a unit if its version is still `version`; undefined when someone else changed it first. */
export async function updateOrgUnitRow(
  db: DbOrTx,
  id: string,
  version: number,
  patch: { name?: string; code?: string | null },
  now: Date,
): Promise<OrgUnitRow | undefined> {
  const [row] = await db
    .update(orgUnits)
    .set({ ...patch, version: sql`${orgUnits.version} + 1`, updatedAt: now })
    .where(and(eq(orgUnits.id, id), eq(orgUnits.version, version)))
    .returning();
  return row;
}
