// 权限 access: the one place that decides who may call a route and which rows they may see.
// Routes declare what they need (`config.access`); repositories apply `withinScope` to every query.
import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import type { ErrorCode, RouteAccess } from '@qinqing/shared';
import type { Actor } from '../auth/sessions.ts';

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

/** Whether an org unit (by its path) lies in the actor's subtree. */
export function pathInScope(path: string, actor: Pick<Actor, 'orgPath'>): boolean {
  return path.startsWith(actor.orgPath);
}
