// Which events, registrations and honours a user may see or act on — decided here, applied by
// modules/events. Federation staff and leaders: the events organised in their subtree; staff run them. A
// chamber secretary: their chamber's events (run them) and the events whose audience is their chamber. An
// enterprise contact: the events open to its enterprise and those it registered people to; of the
// registrations, only its own. Department liaisons and heads, administrators: none (no permission).
import { or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/sessions.ts';
import { withinScope } from './access.ts';
import { isFederationReader, secretaryChambers } from './registry-scope.ts';

const isStaff = (actor: Actor) => actor.roles.includes('federation_staff');
const isSecretary = (actor: Actor) => actor.roles.includes('chamber_secretary');
const contactEnterprise = (actor: Actor) =>
  actor.roles.includes('enterprise_contact') ? actor.enterpriseId : null;

/** Events (alias `ev`) the actor may read. */
export function eventReadScope(actor: Actor): SQL {
  if (!actor.permissions.has('events.read')) return sql`false`;
  const parts: SQL[] = [];
  if (isFederationReader(actor)) parts.push(withinScope(sql`ev.org_unit_id`, actor));
  if (isSecretary(actor)) {
    parts.push(
      sql`ev.org_unit_id IN ${secretaryChambers(actor)}`,
      sql`ev.audience_chamber_id IN ${secretaryChambers(actor)}`,
    );
  }
  const own = contactEnterprise(actor);
  if (own) {
    parts.push(
      sql`event_open_to(ev.id, ${own})`,
      sql`EXISTS (SELECT 1 FROM event_registrations r WHERE r.event_id = ev.id AND r.enterprise_id = ${own})`,
    );
  }
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/** Events (alias `ev`) the actor runs: staff in their subtree, a secretary their chamber's. */
export function eventManageScope(actor: Actor): SQL {
  if (!actor.permissions.has('events.manage')) return sql`false`;
  const parts: SQL[] = [];
  if (isStaff(actor)) parts.push(withinScope(sql`ev.org_unit_id`, actor));
  if (isSecretary(actor)) parts.push(sql`ev.org_unit_id IN ${secretaryChambers(actor)}`);
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/**
 * Registrations (alias `r`) of an event the actor reads but does not run: a federation reader sees all
 * (the event is in their subtree), a secretary their members', a contact its own enterprise's.
 */
export function registrationReadScope(actor: Actor): SQL {
  const parts: SQL[] = [];
  if (isFederationReader(actor)) parts.push(sql`true`);
  if (isSecretary(actor)) {
    parts.push(
      sql`r.enterprise_id IN (SELECT enterprise_id FROM chamber_memberships WHERE chamber_id IN ${secretaryChambers(actor)})`,
    );
  }
  const own = contactEnterprise(actor);
  if (own) parts.push(sql`r.enterprise_id = ${own}`);
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/**
 * Enterprises (alias `e`) the actor may register people of to an event they do not run: a secretary their
 * members, a contact its own enterprise (the event must be open to it besides).
 */
export function registrantScope(actor: Actor): SQL {
  const parts: SQL[] = [];
  if (isSecretary(actor)) {
    parts.push(
      sql`e.id IN (SELECT enterprise_id FROM chamber_memberships WHERE chamber_id IN ${secretaryChambers(actor)})`,
    );
  }
  const own = contactEnterprise(actor);
  if (own) parts.push(sql`e.id = ${own}`);
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/** Units (alias `u`) that may organise the actor's events: staff any federation unit or chamber of their subtree, a secretary their chamber. */
export function organizerScope(actor: Actor): SQL {
  const parts: SQL[] = [];
  if (isStaff(actor)) {
    parts.push(
      sql`u.path LIKE ${actor.orgPath + '%'} AND u.kind IN ('province', 'city', 'district', 'street', 'chamber', 'association')`,
    );
  }
  if (isSecretary(actor)) parts.push(sql`u.id IN ${secretaryChambers(actor)}`);
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/** Honours (alias `h`) the actor may read: a federation reader's subtree, a secretary's members, a contact's own. */
export function honourReadScope(actor: Actor): SQL {
  if (!actor.permissions.has('honours.read')) return sql`false`;
  const parts: SQL[] = [];
  if (isFederationReader(actor)) parts.push(withinScope(sql`h.org_unit_id`, actor));
  if (isSecretary(actor)) {
    parts.push(
      sql`h.enterprise_id IN (SELECT enterprise_id FROM chamber_memberships WHERE chamber_id IN ${secretaryChambers(actor)})`,
    );
  }
  const own = contactEnterprise(actor);
  if (own) parts.push(sql`h.enterprise_id = ${own}`);
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/** Holders the actor may record an honour for: staff, their subtree (alias `x`: the enterprise or person). */
export function honourWriteScope(actor: Actor): SQL {
  return isStaff(actor) && actor.permissions.has('honours.write')
    ? withinScope(sql`x.org_unit_id`, actor)
    : sql`false`;
}
