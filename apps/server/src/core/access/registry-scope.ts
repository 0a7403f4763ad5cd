// Which registry rows a user may see or change — decided here, applied by the registry repositories.
// Federation staff and leaders: their org unit's subtree. A chamber secretary: the members of their
// chamber, its leaders and profile, the people and party organizations around them. An enterprise
// contact: their own enterprise, its party organization and the people holding positions in it. A
// department liaison or head: the enterprises of the appeals forwarded to their department, and no people,
// chambers or party organizations. Administrators: nothing
// (三员分立: the system administrator sees no business data).
import { eq, or, sql, type SQL } from 'drizzle-orm';
import type { Role } from '@qinqing/shared';
import type { Actor } from '../auth/sessions.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { enterprises, partyOrganizations, people } from '../../db/schema/index.ts';
import { resolvedScope, withinScope } from './access.ts';

const FEDERATION_ROLES: readonly Role[] = ['federation_staff', 'federation_leader'];
/** Roles whose scope also allows changes (the permission `registry.write` decides who may try). */
const WRITING_ROLES: readonly Role[] = ['federation_staff', 'chamber_secretary'];

export type ScopeMode = 'read' | 'write';

function rolesFor(actor: Actor, mode: ScopeMode): Role[] {
  return mode === 'read' ? actor.roles : actor.roles.filter((role) => WRITING_ROLES.includes(role));
}

/** The chambers a chamber secretary speaks for: their own org unit and anything under it. */
export function secretaryChambers(actor: Pick<Actor, 'orgPath'>): SQL {
  return sql`(SELECT id FROM org_units WHERE path LIKE ${actor.orgPath + '%'} AND kind IN ('chamber', 'association'))`;
}

/** `subtree`: the federation reader's subtree as resolveEnterpriseScope found it, instead of withinScope. */
export function enterpriseScope(
  actor: Actor,
  mode: ScopeMode = 'read',
  options: { subtree?: SQL } = {},
): SQL {
  const roles = rolesFor(actor, mode);
  const parts: SQL[] = [];
  if (roles.some((role) => FEDERATION_ROLES.includes(role)))
    parts.push(options.subtree ?? withinScope(enterprises.orgUnitId, actor));
  if (roles.includes('chamber_secretary')) {
    parts.push(
      sql`${enterprises.id} IN (SELECT enterprise_id FROM chamber_memberships WHERE chamber_id IN ${secretaryChambers(actor)})`,
    );
  }
  if (roles.includes('enterprise_contact') && actor.enterpriseId)
    parts.push(eq(enterprises.id, actor.enterpriseId));
  if (roles.includes('department_liaison') || roles.includes('department_head')) {
    parts.push(
      sql`${enterprises.id} IN (SELECT a.enterprise_id FROM appeals a JOIN appeal_forwards f ON f.appeal_id = a.id WHERE f.department_id = ANY (ARRAY(SELECT id FROM org_units WHERE path LIKE ${actor.orgPath + '%'} AND kind = 'department')))`,
    );
  }
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/**
 * The org-unit path whose subtree alone is the actor's enterprise scope in `mode` — when only federation
 * roles give it (withinScope's rule, for a statement that checks one row's path itself); undefined when
 * other roles reach enterprises too, or none do: ask enterpriseScope then.
 */
export function federationSubtree(actor: Actor, mode: ScopeMode): string | undefined {
  const roles = rolesFor(actor, mode);
  if (roles.length === 0 || !roles.every((role) => FEDERATION_ROLES.includes(role))) return undefined;
  return actor.orgPath;
}

/**
 * enterpriseScope for the registry's lists and searches, with a federation reader's subtree looked up
 * first (resolvedScope): a district's or a city's units as a list of ids, a province's as a semi-join —
 * sizes the planner can see. ANY (ARRAY(…)) made every province search a bitmap of the org-unit index over
 * all enterprises (measured by bench/registry-search.ts).
 */
export async function resolveEnterpriseScope(
  db: DbOrTx,
  actor: Actor,
  mode: ScopeMode = 'read',
): Promise<SQL> {
  if (!rolesFor(actor, mode).some((role) => FEDERATION_ROLES.includes(role)))
    return enterpriseScope(actor, mode);
  return enterpriseScope(actor, mode, { subtree: await resolvedScope(db, enterprises.orgUnitId, actor) });
}

type ScopeColumn = Parameters<typeof withinScope>[0];

/** Federation staff and leaders: readers of everything in their org unit's subtree. */
export function isFederationReader(actor: Actor): boolean {
  return actor.roles.some((role) => FEDERATION_ROLES.includes(role));
}

/**
 * Who may create and change people, chambers (their profile) and party organizations: federation staff,
 * in their subtree. A chamber secretary manages only their chamber's roster (members and leaders);
 * everyone else reads at most.
 */
export function managesRegistryRecords(actor: Actor): boolean {
  return actor.roles.includes('federation_staff');
}

/**
 * 代表人士 people. Federation staff and leaders: people registered in their subtree. A chamber secretary:
 * the people holding positions in their chambers' member enterprises, and their chambers' leaders. An
 * enterprise contact: the people holding positions in their own enterprise. Writes: federation staff only.
 */
export function peopleScope(actor: Actor, mode: ScopeMode = 'read'): SQL {
  if (mode === 'write')
    return managesRegistryRecords(actor) ? withinScope(people.orgUnitId, actor) : sql`false`;
  const parts: SQL[] = [];
  if (isFederationReader(actor)) parts.push(withinScope(people.orgUnitId, actor));
  if (actor.roles.includes('chamber_secretary')) {
    parts.push(
      sql`${people.id} IN (SELECT pp.person_id FROM person_positions pp JOIN chamber_memberships cm ON cm.enterprise_id = pp.enterprise_id WHERE cm.chamber_id IN ${secretaryChambers(actor)})`,
      sql`${people.id} IN (SELECT person_id FROM chamber_leaders WHERE chamber_id IN ${secretaryChambers(actor)})`,
    );
  }
  if (actor.roles.includes('enterprise_contact') && actor.enterpriseId) {
    parts.push(
      sql`${people.id} IN (SELECT person_id FROM person_positions WHERE enterprise_id = ${actor.enterpriseId})`,
    );
  }
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/**
 * 商会 chambers (a column holding a chamber's org unit id). Read: federation staff and leaders their
 * subtree, a chamber secretary their own chamber(s). Write (the profile, founding a chamber): federation
 * staff in their subtree.
 */
export function chamberScope(column: ScopeColumn, actor: Actor, mode: ScopeMode = 'read'): SQL {
  if (mode === 'write') return managesRegistryRecords(actor) ? withinScope(column, actor) : sql`false`;
  const parts: SQL[] = [];
  if (isFederationReader(actor)) parts.push(withinScope(column, actor));
  if (actor.roles.includes('chamber_secretary')) parts.push(sql`${column} IN ${secretaryChambers(actor)}`);
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/** A chamber's roster (members, leaders) may be changed by federation staff and by its own secretary. */
export function chamberRosterScope(column: ScopeColumn, actor: Actor): SQL {
  const parts: SQL[] = [];
  if (managesRegistryRecords(actor)) parts.push(withinScope(column, actor));
  if (actor.roles.includes('chamber_secretary')) parts.push(sql`${column} IN ${secretaryChambers(actor)}`);
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/**
 * Enterprises a chamber's roster may gain, once the chamber itself is in the caller's roster scope: what
 * the caller may read, and for a chamber secretary also the enterprises registered under the chamber's
 * own federation (`chamberParentPath`'s subtree) — named by credit code or id, so a secretary recruits in
 * their street or district without ever listing its registry.
 */
export function chamberMemberCandidateScope(actor: Actor, chamberParentPath: string | null): SQL {
  const parts = [enterpriseScope(actor, 'read')];
  if (actor.roles.includes('chamber_secretary') && chamberParentPath) {
    parts.push(
      sql`${enterprises.orgUnitId} IN (SELECT id FROM org_units WHERE path LIKE ${chamberParentPath + '%'})`,
    );
  }
  return or(...parts) as SQL;
}

/** Roles that read enterprises for the appeals they handle, never the party organizations around them. */
const DEPARTMENT_ROLES: readonly Role[] = ['department_liaison', 'department_head'];

/**
 * 党组织 party organizations follow their owner: those of the enterprises and chambers the caller may
 * see (an enterprise contact: their own enterprise's) — except what a department's roles reach: a liaison
 * or head reads an enterprise for its appeals, not its party work. Writes: federation staff, owners in
 * their subtree.
 */
export function partyOrganizationScope(actor: Actor, mode: ScopeMode = 'read'): SQL {
  if (mode === 'write' && !managesRegistryRecords(actor)) return sql`false`;
  const reader = { ...actor, roles: actor.roles.filter((role) => !DEPARTMENT_ROLES.includes(role)) };
  const ownerEnterprises = sql`(SELECT id FROM enterprises WHERE ${
    mode === 'write' ? partyOwnerEnterpriseScope(actor) : enterpriseScope(reader, 'read')
  })`;
  return or(
    sql`${partyOrganizations.enterpriseId} IN ${ownerEnterprises}`,
    chamberScope(partyOrganizations.chamberId, actor, mode),
  ) as SQL;
}

/** Enterprises whose party organizations the caller may record or change: federation staff, their subtree. */
export function partyOwnerEnterpriseScope(actor: Actor): SQL {
  return managesRegistryRecords(actor) ? withinScope(enterprises.orgUnitId, actor) : sql`false`;
}
