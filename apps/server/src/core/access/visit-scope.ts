// Which 走访 visits and 走访计划 visit plans a user may see or change — decided here, applied by the visits
// repository. Federation staff and leaders: visits counted for their subtree (the visit's org unit). A
// chamber secretary: visits to their chambers' member enterprises, which they may also record. An
// enterprise contact: the done visits to their own enterprise, read only. Department liaisons and
// administrators: none. Writes: federation staff in their subtree, a chamber secretary for their members.
import { eq, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/sessions.ts';
import { enterprises, users, visitPlans, visits } from '../../db/schema/index.ts';
import { withinScope } from './access.ts';
import { isFederationReader, secretaryChambers, type ScopeMode } from './registry-scope.ts';

const isStaff = (actor: Actor) => actor.roles.includes('federation_staff');
const isSecretary = (actor: Actor) => actor.roles.includes('chamber_secretary');

/** The enterprises of the secretary's chambers, as a subquery of ids. */
function chamberMemberIds(actor: Actor): SQL {
  return sql`(SELECT enterprise_id FROM chamber_memberships WHERE chamber_id IN ${secretaryChambers(actor)})`;
}

export function visitScope(actor: Actor, mode: ScopeMode = 'read'): SQL {
  const parts: SQL[] = [];
  if (mode === 'read' ? isFederationReader(actor) : isStaff(actor))
    parts.push(withinScope(visits.orgUnitId, actor));
  if (isSecretary(actor)) parts.push(sql`${visits.enterpriseId} IN ${chamberMemberIds(actor)}`);
  if (mode === 'read' && actor.roles.includes('enterprise_contact') && actor.enterpriseId) {
    parts.push(sql`(${visits.enterpriseId} = ${actor.enterpriseId} AND ${visits.status} = 'done')`);
  }
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/**
 * The enterprises whose visits the caller sees (read) or may record (write): the member base coverage
 * counts and the enterprises a visit or a plan assignment may name.
 */
export function visitEnterpriseScope(actor: Actor, mode: ScopeMode = 'read'): SQL {
  const parts: SQL[] = [];
  if (mode === 'read' ? isFederationReader(actor) : isStaff(actor))
    parts.push(withinScope(enterprises.orgUnitId, actor));
  if (isSecretary(actor)) parts.push(sql`${enterprises.id} IN ${chamberMemberIds(actor)}`);
  if (mode === 'read' && actor.roles.includes('enterprise_contact') && actor.enterpriseId)
    parts.push(eq(enterprises.id, actor.enterpriseId));
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/**
 * Visit plans belong to the unit that runs them: federation staff and leaders see their subtree's, a
 * chamber secretary their chamber's. Writes: federation staff and chamber secretaries, in their subtree.
 */
export function visitPlanScope(actor: Actor, mode: ScopeMode = 'read'): SQL {
  const allowed =
    mode === 'read' ? isFederationReader(actor) || isSecretary(actor) : isStaff(actor) || isSecretary(actor);
  return allowed ? withinScope(visitPlans.orgUnitId, actor) : sql`false`;
}

/**
 * Who may go on a visit or be assigned one: enabled business accounts of the caller's subtree. Only those
 * who record or oversee visits pick visitors; an enterprise contact is offered no one.
 */
export function visitorScope(actor: Actor): SQL {
  if (!isFederationReader(actor) && !isSecretary(actor)) return sql`false`;
  return sql`(${withinScope(users.orgUnitId, actor)} AND NOT ${users.disabled}
    AND ${users.roles} && ARRAY['federation_staff', 'federation_leader', 'chamber_secretary']::text[])`;
}
