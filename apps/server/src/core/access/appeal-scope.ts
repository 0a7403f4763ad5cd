// Which appeals (诉求) a user may see and in what capacity they may act — decided here, applied by the
// appeals repositories. Federation staff and leaders: appeals of enterprises in their subtree. A chamber
// secretary: appeals of their chambers' members and those their chambers raised. A department liaison or
// head: appeals ever forwarded to their department. An enterprise contact: their own enterprise's. Administrators:
// none (三员分立).
import { and, eq, inArray, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/sessions.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { appealForwards, appeals, enterprises } from '../../db/schema/index.ts';
import { withinScope } from './access.ts';
import { enterpriseScope, isFederationReader, secretaryChambers } from './registry-scope.ts';

/** The department org units a liaison works for (or a head leads): their own unit and anything under it. */
const liaisonDepartmentIds = (actor: Pick<Actor, 'orgPath'>) =>
  sql`SELECT id FROM org_units WHERE path LIKE ${actor.orgPath + '%'} AND kind = 'department'`;

export function liaisonDepartments(actor: Pick<Actor, 'orgPath'>): SQL {
  return sql`ARRAY(${liaisonDepartmentIds(actor)})`;
}

export function appealScope(actor: Actor): SQL {
  const parts: SQL[] = [];
  if (isFederationReader(actor)) parts.push(withinScope(appeals.orgUnitId, actor));
  if (actor.roles.includes('chamber_secretary')) {
    parts.push(
      sql`${appeals.enterpriseId} IN (SELECT enterprise_id FROM chamber_memberships WHERE chamber_id IN ${secretaryChambers(actor)})`,
      sql`${appeals.chamberId} IN ${secretaryChambers(actor)}`,
    );
  }
  if (actor.roles.includes('department_liaison') || actor.roles.includes('department_head')) {
    parts.push(
      sql`${appeals.id} IN (SELECT appeal_id FROM appeal_forwards WHERE department_id = ANY (${liaisonDepartments(actor)}) AND ${seenByItsDepartment(sql`appeal_forwards`)})`,
    );
  }
  if (actor.roles.includes('enterprise_contact') && actor.enterpriseId) {
    parts.push(sql`${appeals.enterpriseId} = ${actor.enterpriseId}`);
  }
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/**
 * The enterprises the caller may raise appeals for (a condition on enterprises): staff their subtree, a
 * secretary their members, a contact their own.
 */
export function appealRaisingScope(actor: Actor): SQL {
  const parts: SQL[] = [enterpriseScope(actor, 'write')];
  if (actor.roles.includes('enterprise_contact') && actor.enterpriseId)
    parts.push(eq(enterprises.id, actor.enterpriseId));
  return or(...parts) as SQL;
}

/** Federation staff act for the federation on appeals in their subtree (triage, forward, confirm). */
export function actsForFederation(actor: Actor, appealOrgPath: string): boolean {
  return actor.permissions.has('appeals.triage') && appealOrgPath.startsWith(actor.orgPath);
}

/**
 * The forwards a liaison works (those to their department(s)), with the departments read first: a
 * liaison's inbox then names its one department, and PostgreSQL walks the department's forwards newest
 * first in an index instead of sorting all of them.
 */
export async function forwardScopeResolved(db: DbOrTx, actor: Actor): Promise<SQL> {
  if (!actor.permissions.has('appeals.handle')) return sql`false`;
  const { rows } = await db.execute<{ id: string }>(liaisonDepartmentIds(actor));
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return sql`false`;
  const seen = seenByItsDepartment(sql`appeal_forwards`);
  if (ids.length === 1) return and(eq(appealForwards.departmentId, ids[0]!), seen) as SQL;
  return and(inArray(appealForwards.departmentId, ids), seen) as SQL;
}

/**
 * Whether a forward still shows its appeal to the department's liaisons: an own federation's forward
 * always (what was ever forwarded to them), one across levels (a district's, through the city's channel
 * opened to it) only while it is forwarded to them — returned or withdrawn, the appeal is the district's alone.
 */
export function seenByItsDepartment(forward: SQL): SQL {
  return sql`NOT (${forward}.across_levels AND ${forward}.state IN ('returned', 'withdrawn'))`;
}

/** The federation (district, city or province) an org unit belongs to, by name: a street's is its district. */
export function homeFederationName(orgUnitId: AnyColumn | SQL): SQL<string> {
  return sql<string>`(SELECT h.name FROM org_units u JOIN org_units h ON u.path LIKE h.path || '%'
    WHERE u.id = ${orgUnitId} AND h.kind IN ('province', 'city', 'district') ORDER BY h.depth DESC LIMIT 1)`;
}

/** Whether a department (by its org-unit path) is one the liaison works for. */
export function worksForDepartment(actor: Actor, departmentPath: string): boolean {
  return actor.permissions.has('appeals.handle') && departmentPath.startsWith(actor.orgPath);
}
