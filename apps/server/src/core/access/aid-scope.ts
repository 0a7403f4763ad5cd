// Which mutual aid posts and matches a user may see or act on — decided here, applied by modules/mutual-aid
// (alias `p` for aid_posts, `m` for aid_matches). Federation staff and leaders: those of their subtree. A
// chamber secretary: their members' posts and the matches they brokered or that touch their members. An
// enterprise contact: its own posts and matches. Secretaries and contacts also read others' open posts
// (never with a contact). Department liaisons and heads, bank managers, administrators: none.
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/sessions.ts';
import { withinScope } from './access.ts';
import { secretaryMemberEnterprises } from './financing-scope.ts';
import { isFederationReader } from './registry-scope.ts';

const isSecretary = (actor: Actor) => actor.roles.includes('chamber_secretary');
const contactEnterprise = (actor: Actor) =>
  actor.roles.includes('enterprise_contact') ? actor.enterpriseId : null;

function anyOf(parts: SQL[]): SQL {
  return parts.length > 0 ? sql`(${sql.join(parts, sql` OR `)})` : sql`false`;
}

/** Posts (alias `p`) the actor may read. */
export function aidPostReadScope(actor: Actor): SQL {
  if (!actor.permissions.has('aid.read')) return sql`false`;
  const parts: SQL[] = [];
  if (isFederationReader(actor)) parts.push(withinScope(sql`p.org_unit_id`, actor));
  if (isSecretary(actor)) parts.push(sql`p.enterprise_id IN ${secretaryMemberEnterprises(actor)}`);
  const own = contactEnterprise(actor);
  if (own) parts.push(sql`p.enterprise_id = ${own}`);
  if (isSecretary(actor) || own) parts.push(sql`p.state = 'open'`);
  return anyOf(parts);
}

/** Enterprises (alias `e`) the actor may post for: staff their subtree, a secretary their members, a contact its own. */
export function aidPostWriteScope(actor: Actor): SQL {
  if (!actor.permissions.has('aid.post')) return sql`false`;
  const parts: SQL[] = [];
  if (actor.roles.includes('federation_staff')) parts.push(withinScope(sql`e.org_unit_id`, actor));
  if (isSecretary(actor)) parts.push(sql`e.id IN ${secretaryMemberEnterprises(actor)}`);
  const own = contactEnterprise(actor);
  if (own) parts.push(sql`e.id = ${own}`);
  return anyOf(parts);
}

/** Posts (alias `p`) the actor may broker: staff their subtree, a secretary their members'. */
export function aidBrokerScope(actor: Actor): SQL {
  if (!actor.permissions.has('aid.broker')) return sql`false`;
  const parts: SQL[] = [];
  if (actor.roles.includes('federation_staff')) parts.push(withinScope(sql`p.org_unit_id`, actor));
  if (isSecretary(actor)) parts.push(sql`p.enterprise_id IN ${secretaryMemberEnterprises(actor)}`);
  return anyOf(parts);
}

/** Matches (alias `m`, with `s` its supply and `d` its demand) the actor may read. */
export function aidMatchReadScope(actor: Actor): SQL {
  if (!actor.permissions.has('aid.read')) return sql`false`;
  const parts: SQL[] = [];
  if (isFederationReader(actor)) {
    parts.push(withinScope(sql`s.org_unit_id`, actor), withinScope(sql`d.org_unit_id`, actor));
  }
  if (isSecretary(actor)) {
    parts.push(
      sql`m.brokered_by = ${actor.userId}`,
      sql`s.enterprise_id IN ${secretaryMemberEnterprises(actor)}`,
      sql`d.enterprise_id IN ${secretaryMemberEnterprises(actor)}`,
    );
  }
  const own = contactEnterprise(actor);
  if (own) parts.push(sql`s.enterprise_id = ${own}`, sql`d.enterprise_id = ${own}`);
  return anyOf(parts);
}
