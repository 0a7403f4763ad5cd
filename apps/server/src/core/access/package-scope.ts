// Which 服务包 service packages a user may see or act on — decided here, applied by modules/service-packages.
// Federation staff and leaders: the packages of their subtree in any state, and the published (or closed)
// packages of the units above them. A chamber secretary: the published or closed packages of the units
// above their chamber, handed to their own chamber's members only. An enterprise contact: the packages
// their enterprise holds (the module's own query, by the account's enterprise). Administrators, department
// liaisons and heads: none. Writing and publishing: staff in their subtree. Another unit's draft: not found.
import { or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/sessions.ts';
import { enterprises } from '../../db/schema/index.ts';
import { withinScope } from './access.ts';
import { isFederationReader, secretaryChambers } from './registry-scope.ts';

const isStaff = (actor: Actor) => actor.roles.includes('federation_staff');
const isSecretary = (actor: Actor) => actor.roles.includes('chamber_secretary');

/** A package (alias) of a unit at or above the actor's, once out of draft. */
const fromAbove = (actor: Actor, alias: string) =>
  sql`(${sql.raw(alias)}.state <> 'draft'
       AND ${actor.orgPath} LIKE (SELECT path FROM org_units WHERE id = ${sql.raw(alias)}.org_unit_id) || '%')`;

/** Packages (table alias `alias`) the actor reads on the staff side. */
export function packageReadScope(actor: Actor, alias = 'sp'): SQL {
  if (!actor.permissions.has('packages.read')) return sql`false`;
  const parts: SQL[] = [];
  if (isFederationReader(actor))
    parts.push(withinScope(sql.raw(`${alias}.org_unit_id`), actor), fromAbove(actor, alias));
  if (isSecretary(actor)) parts.push(fromAbove(actor, alias));
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/** Packages the actor may change, publish and close: staff, in their subtree. */
export function packageEditScope(actor: Actor, alias = 'sp'): SQL {
  return isStaff(actor) && actor.permissions.has('packages.write')
    ? withinScope(sql.raw(`${alias}.org_unit_id`), actor)
    : sql`false`;
}

/** The units a new package may belong to: federation units (not chambers or departments) of the subtree. */
export function packageOwnerScope(actor: Actor): SQL {
  return isStaff(actor) && actor.permissions.has('packages.write')
    ? sql`(u.path LIKE ${actor.orgPath + '%'} AND u.kind NOT IN ('chamber', 'association', 'department'))`
    : sql`false`;
}

/**
 * The enterprises (the `enterprises` table, unaliased, as the registry's filter names it) the actor may hand
 * a package to: staff, those of their subtree; a secretary, their own chamber's members. Others: none.
 */
export function handOutAudienceScope(actor: Actor): SQL {
  if (!actor.permissions.has('packages.handOut')) return sql`false`;
  const parts: SQL[] = [];
  if (isStaff(actor)) parts.push(withinScope(enterprises.orgUnitId, actor));
  if (isSecretary(actor))
    parts.push(
      sql`${enterprises.id} IN (SELECT enterprise_id FROM chamber_memberships WHERE chamber_id IN ${secretaryChambers(actor)})`,
    );
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/**
 * The holdings (alias `h`) the actor sees by name and counts: staff and leaders, those counted for their
 * subtree (the unit the enterprise had when it was handed); a secretary, their chamber's members'.
 */
export function holderReadScope(actor: Actor, alias = 'h'): SQL {
  if (!actor.permissions.has('packages.read')) return sql`false`;
  const parts: SQL[] = [];
  if (isFederationReader(actor)) parts.push(withinScope(sql.raw(`${alias}.org_unit_id`), actor));
  if (isSecretary(actor))
    parts.push(
      sql`${sql.raw(alias)}.enterprise_id IN (SELECT enterprise_id FROM chamber_memberships WHERE chamber_id IN ${secretaryChambers(actor)})`,
    );
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}
