// Which donations and campaigns a user may see or act on — decided here, applied by modules/donations.
// Federation staff and leaders: donations by donors of their subtree. A chamber secretary: the donations
// of their chamber, of its party organization and of its member enterprises. An enterprise contact: its
// own enterprise's donations. Department liaisons and heads, administrators: none. Confirming, voiding and
// campaigns: federation staff in their subtree. Campaigns are read from above too: a district's members
// give to the city's campaign.
import { eq, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/sessions.ts';
import { donationCampaigns, donations, orgUnits } from '../../db/schema/index.ts';
import { withinScope } from './access.ts';
import { isFederationReader, secretaryChambers } from './registry-scope.ts';

const isStaff = (actor: Actor) => actor.roles.includes('federation_staff');
const isSecretary = (actor: Actor) => actor.roles.includes('chamber_secretary');
const contactEnterprise = (actor: Actor) =>
  actor.roles.includes('enterprise_contact') ? actor.enterpriseId : null;

const secretaryMembers = (actor: Actor) =>
  sql`(SELECT enterprise_id FROM chamber_memberships WHERE chamber_id IN ${secretaryChambers(actor)})`;
const secretaryPartyOrganizations = (actor: Actor) =>
  sql`(SELECT id FROM party_organizations WHERE chamber_id IN ${secretaryChambers(actor)}
        OR enterprise_id IN ${secretaryMembers(actor)})`;

/** Donations the actor may read. */
export function donationReadScope(actor: Actor): SQL {
  const parts: SQL[] = [];
  if (isFederationReader(actor)) parts.push(withinScope(donations.orgUnitId, actor));
  if (isSecretary(actor)) {
    parts.push(
      sql`${donations.donorChamberId} IN ${secretaryChambers(actor)}`,
      sql`${donations.donorEnterpriseId} IN ${secretaryMembers(actor)}`,
      sql`${donations.donorPartyOrganizationId} IN ${secretaryPartyOrganizations(actor)}`,
    );
  }
  const own = contactEnterprise(actor);
  if (own) parts.push(eq(donations.donorEnterpriseId, own));
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/** Donations the actor may confirm, acknowledge or void: federation staff, their subtree. */
export function donationManageScope(actor: Actor): SQL {
  return isStaff(actor) ? withinScope(donations.orgUnitId, actor) : sql`false`;
}

/** Whether the actor confirms (rather than only records) donations. */
export function managesDonations(actor: Actor): boolean {
  return isStaff(actor);
}

/**
 * The donors the actor may record a donation for, one condition per kind of donor over its table's alias
 * (`e` enterprises, `p` people, `c` org units of chambers, `po` party organizations). Staff: their subtree.
 * A secretary: their chambers, their members and their party organizations. A contact: its own enterprise.
 */
export const donorRecordScope = {
  enterprise(actor: Actor): SQL {
    const parts: SQL[] = [];
    if (isStaff(actor)) parts.push(withinScope(sql`e.org_unit_id`, actor));
    if (isSecretary(actor)) parts.push(sql`e.id IN ${secretaryMembers(actor)}`);
    const own = contactEnterprise(actor);
    if (own) parts.push(sql`e.id = ${own}`);
    return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
  },
  person(actor: Actor): SQL {
    return isStaff(actor) ? withinScope(sql`p.org_unit_id`, actor) : sql`false`;
  },
  chamber(actor: Actor): SQL {
    const parts: SQL[] = [];
    if (isStaff(actor)) parts.push(withinScope(sql`c.id`, actor));
    if (isSecretary(actor)) parts.push(sql`c.id IN ${secretaryChambers(actor)}`);
    return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
  },
  partyOrganization(actor: Actor): SQL {
    const parts: SQL[] = [];
    if (isStaff(actor)) parts.push(withinScope(sql`po.org_unit_id`, actor));
    if (isSecretary(actor)) parts.push(sql`po.id IN ${secretaryPartyOrganizations(actor)}`);
    return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
  },
};

/**
 * Campaigns the actor may read: those organised in their subtree (federation staff and leaders) and those
 * of the units above them or their own (anyone who reads donations: they give to them).
 */
export function campaignReadScope(actor: Actor): SQL {
  const above = sql`${donationCampaigns.orgUnitId} IN (SELECT id FROM org_units WHERE ${actor.orgPath} LIKE path || '%')`;
  if (!actor.permissions.has('donations.read')) return sql`false`;
  return isFederationReader(actor)
    ? (or(withinScope(donationCampaigns.orgUnitId, actor), above) as SQL)
    : above;
}

/** Campaigns the actor may create or change: federation staff, organised in their subtree. */
export function campaignManageScope(actor: Actor): SQL {
  return isStaff(actor) ? withinScope(donationCampaigns.orgUnitId, actor) : sql`false`;
}

/** Whether a unit (by path) may organise a campaign of the actor's: a federation unit or chamber of their subtree. */
export function organizerScope(actor: Actor): SQL {
  return isStaff(actor)
    ? sql`${orgUnits.path} LIKE ${actor.orgPath + '%'} AND ${orgUnits.kind} <> 'department'`
    : sql`false`;
}
