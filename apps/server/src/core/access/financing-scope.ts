// Which financing needs a user may see or act on — decided here, applied by modules/financing (alias `n` for
// financing_needs). Federation staff and leaders: needs of enterprises in their subtree. A chamber secretary:
// their members' needs. An enterprise contact: its own enterprise's. A bank account manager: the needs sent
// to their bank, and only while the enterprise's consent stands. Department liaisons and heads,
// administrators: none.
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/sessions.ts';
import { withinScope } from './access.ts';
import { isFederationReader, secretaryChambers } from './registry-scope.ts';

export const isFinancingStaff = (actor: Actor) =>
  actor.roles.includes('federation_staff') && actor.permissions.has('financing.manage');
export const isBankManager = (actor: Actor) => actor.roles.includes('bank_manager');
const isSecretary = (actor: Actor) => actor.roles.includes('chamber_secretary');
const contactEnterprise = (actor: Actor) =>
  actor.roles.includes('enterprise_contact') ? actor.enterpriseId : null;

/** The member enterprises of the secretary's chambers. */
export const secretaryMemberEnterprises = (actor: Actor) =>
  sql`(SELECT enterprise_id FROM chamber_memberships WHERE chamber_id IN ${secretaryChambers(actor)})`;

/** Needs (alias `n`) the actor may read. */
export function needReadScope(actor: Actor): SQL {
  if (!actor.permissions.has('financing.read')) return sql`false`;
  const parts: SQL[] = [];
  if (isFederationReader(actor)) parts.push(withinScope(sql`n.org_unit_id`, actor));
  if (isSecretary(actor)) parts.push(sql`n.enterprise_id IN ${secretaryMemberEnterprises(actor)}`);
  const own = contactEnterprise(actor);
  if (own) parts.push(sql`n.enterprise_id = ${own}`);
  if (isBankManager(actor)) {
    parts.push(sql`(n.consent AND EXISTS (SELECT 1 FROM financing_need_banks nb
      WHERE nb.need_id = n.id AND nb.bank_id = ${actor.orgUnitId}))`);
  }
  return parts.length > 0 ? sql`(${sql.join(parts, sql` OR `)})` : sql`false`;
}

/** Enterprises (alias `e`) the actor may state a need for: staff their subtree, a secretary their members, a contact its own. */
export function needStateScope(actor: Actor): SQL {
  if (!actor.permissions.has('financing.state')) return sql`false`;
  const parts: SQL[] = [];
  if (actor.roles.includes('federation_staff')) parts.push(withinScope(sql`e.org_unit_id`, actor));
  if (isSecretary(actor)) parts.push(sql`e.id IN ${secretaryMemberEnterprises(actor)}`);
  const own = contactEnterprise(actor);
  if (own) parts.push(sql`e.id = ${own}`);
  return parts.length > 0 ? sql`(${sql.join(parts, sql` OR `)})` : sql`false`;
}

/**
 * Banks (alias `b`, org units of kind bank) the actor may see and send to: those hanging under a federation
 * unit of their own line (above them or in their subtree); a bank account manager their own bank only.
 */
export function bankScope(actor: Actor): SQL {
  if (isBankManager(actor)) return sql`b.id = ${actor.orgUnitId}`;
  if (!actor.permissions.has('financing.read')) return sql`false`;
  return sql`(b.path LIKE ${actor.orgPath + '%'}
    OR ${actor.orgPath} LIKE (SELECT p.path FROM org_units p WHERE p.id = b.parent_id) || '%')`;
}

/** Programs (alias `p`) the actor reads: organised in their subtree or above them (federation readers, secretaries). */
export function programReadScope(actor: Actor): SQL {
  if (!actor.permissions.has('financing.read') || isBankManager(actor)) return sql`false`;
  const above = sql`p.org_unit_id IN (SELECT id FROM org_units WHERE ${actor.orgPath} LIKE path || '%')`;
  return isFederationReader(actor) ? sql`(${withinScope(sql`p.org_unit_id`, actor)} OR ${above})` : above;
}
