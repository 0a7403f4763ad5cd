// Queries over org units: a subtree is a prefix match on the materialised path.
import { and, asc, eq, like } from 'drizzle-orm';
import type { Actor } from '../../core/auth/sessions.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { orgUnits } from '../../db/schema/index.ts';

export type OrgUnitRow = typeof orgUnits.$inferSelect;

export function listSubtree(db: DbOrTx, actor: Pick<Actor, 'orgPath'>): Promise<OrgUnitRow[]> {
  return db
    .select()
    .from(orgUnits)
    .where(like(orgUnits.path, `${actor.orgPath}%`))
    .orderBy(asc(orgUnits.depth), asc(orgUnits.name));
}

export async function findOrgUnitInScope(
  db: DbOrTx,
  actor: Pick<Actor, 'orgPath'>,
  id: string,
): Promise<OrgUnitRow | undefined> {
  const [row] = await db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.id, id), like(orgUnits.path, `${actor.orgPath}%`)));
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

/**
 * Whether a write failed on the unique index `index`: two requests can both pass the check before either
 * inserts, and the index then refuses the second (PostgreSQL unique_violation, wrapped by Drizzle).
 */
export function violatesUniqueIndex(error: unknown, index: string): boolean {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const pgError = cause as { code?: unknown; constraint?: unknown } | null;
  return pgError?.code === '23505' && pgError.constraint === index;
}
