// 权限 access: the one place that decides who may call a route and which rows they may see.
// Routes declare what they need (`config.access`); repositories apply `withinScope` to every query.
import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import type { ErrorCode, RouteAccess } from '@qinqing/shared';
import type { Actor } from '../auth/sessions.ts';
import type { DbOrTx } from '../../db/connection.ts';

/** The verdict on one request: `null` lets it through, an error code refuses it. */
export function authorize(actor: Actor | undefined, access: RouteAccess | undefined): ErrorCode | null {
  if (access === undefined) return 'FORBIDDEN';
  if (access === 'public') return null;
  if (!actor) return 'UNAUTHENTICATED';
  if (access === 'authenticated') return null;
  if (actor.mustChangePassword) return 'PASSWORD_CHANGE_REQUIRED';
  if (access === 'session') return null;
  return actor.permissions.has(access) ? null : 'FORBIDDEN';
}

/**
 * Row scope by org unit: the rows whose org unit lies in the actor's subtree. Out-of-scope rows are
 * simply not found, so a caller cannot learn that they exist.
 */
export function withinScope(orgUnitColumn: AnyColumn | SQL, actor: Pick<Actor, 'orgPath'>): SQL {
  // ARRAY(…) is computed once, before the scan: the planner then probes the org-unit index with a list
  // instead of joining a subquery it cannot size (a province-wide plan for a district's page otherwise).
  return sql`${orgUnitColumn} = ANY (ARRAY(SELECT id FROM org_units WHERE path LIKE ${actor.orgPath + '%'}))`;
}

/**
 * withinScope as a semi-join on org_units, which the planner sizes from their statistics: a province's
 * scope is then checked on the matches (a hash of its units) instead of becoming a bitmap of every
 * enterprise in the org-unit index. For the registry's lists and searches over a large subtree
 * (resolveEnterpriseScope); elsewhere withinScope is kept.
 */
export function withinSizedScope(orgUnitColumn: AnyColumn | SQL, actor: Pick<Actor, 'orgPath'>): SQL {
  return sql`${orgUnitColumn} IN (SELECT id FROM org_units WHERE path LIKE ${actor.orgPath + '%'})`;
}

/** Up to this many org units, a subtree is sent as a list of ids: planning 3,000 listed ids takes ~10 ms. */
const LISTED_SUBTREE_MAX = 500;

/**
 * withinScope with the subtree looked up first, for statements whose plan depends on its size: a
 * district's or a city's units as a list of ids (sized exactly by the planner), a province's as
 * withinSizedScope. ANY (ARRAY(…)) is sized by neither, which sends a province into nested loops over a
 * million rows or a district into a province-wide bitmap (bench/registry-search.ts, bench/service-loop.ts).
 */
export async function resolvedScope(
  db: DbOrTx,
  orgUnitColumn: AnyColumn | SQL,
  actor: Pick<Actor, 'orgPath'>,
): Promise<SQL> {
  // The ids only when they are few: a province's subtree answers null, not 3,000 ids.
  const { rows } = await db.execute<{ ids: string[] | null }>(
    sql`SELECT CASE WHEN count(*) <= ${LISTED_SUBTREE_MAX} THEN coalesce(array_agg(id), '{}') END AS ids
          FROM (SELECT id FROM org_units WHERE path LIKE ${actor.orgPath + '%'} LIMIT ${LISTED_SUBTREE_MAX + 1}) subtree`,
  );
  const ids = rows[0]?.ids;
  return ids
    ? sql`${orgUnitColumn} = ANY (${sql.param(ids)}::uuid[])`
    : withinSizedScope(orgUnitColumn, actor);
}

/**
 * Org units themselves (a condition on their `path` column) in the actor's subtree: withinScope's rule for a
 * query over org_units, without the subquery.
 */
export function pathWithinScope(pathColumn: AnyColumn | SQL, actor: Pick<Actor, 'orgPath'>): SQL {
  return sql`${pathColumn} LIKE ${actor.orgPath + '%'}`;
}

/** Whether an org unit (by its path) lies in the actor's subtree. */
export function pathInScope(path: string, actor: Pick<Actor, 'orgPath'>): boolean {
  return path.startsWith(actor.orgPath);
}
