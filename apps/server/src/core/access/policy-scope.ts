// Which policies (惠企政策) a user may see or act on — decided here, applied by modules/policies.
// Federation staff and leaders: the policies of their subtree in any state, and the published (or expired,
// withdrawn) policies of the units above them that reach them. A department liaison: their department's
// policies. A chamber secretary: the published policies that reach their chamber. An enterprise contact:
// published policies that reach their enterprise and fit it or were pushed to it (decided by the policies
// module, which matches). Administrators and department heads: none. Drafting: staff in their subtree, a
// liaison their own department's drafts only; publishing, withdrawing, redemptions: staff in their subtree.
import { or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/sessions.ts';
import { withinScope } from './access.ts';
import { isFederationReader } from './registry-scope.ts';

const isStaff = (actor: Actor) => actor.roles.includes('federation_staff');
const isLiaison = (actor: Actor) => actor.roles.includes('department_liaison');
const isSecretary = (actor: Actor) => actor.roles.includes('chamber_secretary');

/** A policy from a unit above (or at) the actor's that reaches them, once out of draft. */
const fromAbove = (actor: Actor, alias: string) =>
  sql`(${sql.raw(alias)}.state <> 'draft' AND ${actor.orgPath} LIKE ${sql.raw(alias)}.reach_path || '%')`;

/** Policies (table alias `alias`) the actor reads on the staff side. */
export function policyReadScope(actor: Actor, alias = 'p'): SQL {
  const parts: SQL[] = [];
  const owner = sql.raw(`${alias}.org_unit_id`);
  if (isFederationReader(actor)) parts.push(withinScope(owner, actor), fromAbove(actor, alias));
  if (isLiaison(actor) && actor.permissions.has('policies.draft')) parts.push(withinScope(owner, actor));
  if (isSecretary(actor)) parts.push(fromAbove(actor, alias));
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/** Policies the actor may edit: staff in their subtree; a liaison their department's drafts. */
export function policyEditScope(actor: Actor, alias = 'p'): SQL {
  const owner = sql.raw(`${alias}.org_unit_id`);
  const parts: SQL[] = [];
  if (isStaff(actor)) parts.push(withinScope(owner, actor));
  if (isLiaison(actor) && actor.permissions.has('policies.draft'))
    parts.push(sql`(${withinScope(owner, actor)} AND ${sql.raw(alias)}.state = 'draft')`);
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/** Whether the actor publishes, withdraws and records redemptions (in their subtree). */
export function managesPolicies(actor: Actor): boolean {
  return isStaff(actor) && actor.permissions.has('policies.manage');
}

/**
 * The units a new policy of the actor's may belong to: staff, a federation unit of their subtree; a
 * liaison, their own department (or one under it).
 */
export function policyOwnerScope(actor: Actor): SQL {
  const parts: SQL[] = [];
  if (isStaff(actor))
    parts.push(sql`(u.path LIKE ${actor.orgPath + '%'} AND u.kind NOT IN ('chamber', 'association'))`);
  if (isLiaison(actor)) parts.push(sql`(u.path LIKE ${actor.orgPath + '%'} AND u.kind = 'department')`);
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/**
 * The enterprises (alias `e`, its unit `u`) the actor may push to or see by name in a policy's matches:
 * staff and leaders their subtree; a secretary their chamber's members. Others: none by name.
 */
export function policyAudienceScope(actor: Actor): SQL {
  const parts: SQL[] = [];
  if (isFederationReader(actor)) parts.push(sql`u.path LIKE ${actor.orgPath + '%'}`);
  if (isSecretary(actor))
    parts.push(sql`e.id IN (SELECT enterprise_id FROM chamber_memberships WHERE chamber_id IN
      (SELECT id FROM org_units WHERE path LIKE ${actor.orgPath + '%'} AND kind IN ('chamber', 'association')))`);
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/** The chambers a push of the actor's may target: staff, any of their subtree; a secretary, their own. */
export function pushChamberScope(actor: Actor): SQL {
  return isStaff(actor) || isSecretary(actor)
    ? sql`(c.path LIKE ${actor.orgPath + '%'} AND c.kind IN ('chamber', 'association'))`
    : sql`false`;
}

/** Whether the actor may push to a list or to the matched enterprises (not only a chamber). */
export function pushesBeyondChamber(actor: Actor): boolean {
  return isStaff(actor) && actor.permissions.has('policies.push');
}
