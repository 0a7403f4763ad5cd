// Queries over accounts, always within the caller's org-unit scope.
import { and, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Role } from '@qinqing/shared';
import { withinScope } from '../../core/access/access.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { escapeLike } from '../../core/sql.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { orgUnits, users } from '../../db/schema/index.ts';

export type UserRow = typeof users.$inferSelect & { orgUnitName: string };

export interface UserFilter {
  q?: string;
  orgUnitId?: string;
  role?: Role;
}

function filterClause(actor: Actor, filter: UserFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    withinScope(users.orgUnitId, actor),
    // An API token's own account (disabled, never signs in) is kept with the token, not with the accounts.
    sql`NOT EXISTS (SELECT 1 FROM api_tokens t WHERE t.account_id = ${users.id})`,
  ];
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    conditions.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern)));
  }
  if (filter.orgUnitId) conditions.push(eq(users.orgUnitId, filter.orgUnitId));
  if (filter.role) conditions.push(sql`${filter.role} = ANY (${users.roles})`);
  return and(...conditions);
}

const selection = { user: users, orgUnitName: orgUnits.name };

export async function listUsers(
  db: DbOrTx,
  actor: Actor,
  filter: UserFilter,
  page: { page: number; pageSize: number },
): Promise<{ rows: UserRow[]; total: number }> {
  const where = filterClause(actor, filter);
  const [rows, totals] = await Promise.all([
    db
      .select(selection)
      .from(users)
      .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
      .where(where)
      .orderBy(users.username)
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return {
    rows: rows.map((row) => ({ ...row.user, orgUnitName: row.orgUnitName })),
    total: totals[0]?.total ?? 0,
  };
}

/** One account, or undefined when it does not exist or lies outside the caller's scope. */
export async function findUserInScope(db: DbOrTx, actor: Actor, id: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select(selection)
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(and(eq(users.id, id), withinScope(users.orgUnitId, actor)));
  return row ? { ...row.user, orgUnitName: row.orgUnitName } : undefined;
}

export async function usernameTaken(db: DbOrTx, username: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return row !== undefined;
}

export async function countUsersByRole(db: DbOrTx, actor: Actor): Promise<Map<string, number>> {
  const rows = await db
    .select({ role: sql<string>`unnest(${users.roles})`.as('role'), n: count() })
    .from(users)
    .where(withinScope(users.orgUnitId, actor))
    .groupBy(sql`1`);
  return new Map(rows.map((row) => [row.role, row.n]));
}

/**
 * A merge of duplicate enterprises: the duplicate's contact accounts speak for the kept enterprise, in the
 * merge's transaction (the merge decided who may do it).
 */
export async function moveAccountsToEnterprise(db: DbOrTx, fromId: string, toId: string): Promise<void> {
  await db.update(users).set({ enterpriseId: toId }).where(eq(users.enterpriseId, fromId));
}

export async function insertUser(
  db: DbOrTx,
  values: Omit<typeof users.$inferInsert, 'id'>,
): Promise<string | undefined> {
  const [row] = await db.insert(users).values(values).returning({ id: users.id });
  return row?.id;
}

/**
 * Changes an account (its version goes up); with `expectedVersion`, only if the version is still that:
 * false when someone else changed it first.
 */
export async function updateUserRow(
  db: DbOrTx,
  id: string,
  patch: Partial<typeof users.$inferInsert>,
  now: Date,
  expectedVersion?: number,
): Promise<boolean> {
  const updated = await db
    .update(users)
    .set({ ...patch, version: sql`${users.version} + 1`, updatedAt: now })
    .where(
      and(eq(users.id, id), expectedVersion === undefined ? undefined : eq(users.version, expectedVersion)),
    )
    .returning({ id: users.id });
  return updated.length > 0;
}
