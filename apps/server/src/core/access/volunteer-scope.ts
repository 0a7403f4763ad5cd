// Which 志愿服务 volunteer and 小巷管家 street rows a user may see or change — decided here, applied by the
// volunteers and street-adoption repositories. Federation staff and leaders: their org unit's subtree (staff
// also write there). A chamber secretary: their chambers' activities, teams and blood drives, and the
// volunteers of their member enterprises (and the people holding positions in them); they write the same.
// An enterprise contact: their own enterprise's volunteers, and the teams and activities those joined; no
// writes. Department liaisons and heads, administrators: nothing. Streets: federation readers only.
import { or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/sessions.ts';
import {
  bloodDrives,
  streetSegments,
  volunteerActivities,
  volunteers,
  volunteerTeams,
} from '../../db/schema/index.ts';
import { withinScope } from './access.ts';
import { isFederationReader, secretaryChambers } from './registry-scope.ts';

export type VolunteerScopeMode = 'read' | 'write';

const isStaff = (actor: Actor) => actor.roles.includes('federation_staff');
const isSecretary = (actor: Actor) => actor.roles.includes('chamber_secretary');
const contactEnterprise = (actor: Actor) =>
  actor.roles.includes('enterprise_contact') ? actor.enterpriseId : null;

function anyOf(parts: SQL[]): SQL {
  return parts.length > 0 ? (or(...parts) as SQL) : sql`false`;
}

/** Federation staff and leaders read their subtree; staff alone write there. */
function federationPart(actor: Actor, mode: VolunteerScopeMode, column: Parameters<typeof withinScope>[0]) {
  return (mode === 'read' ? isFederationReader(actor) : isStaff(actor)) ? [withinScope(column, actor)] : [];
}

/** The enterprises of a secretary's chambers. */
function memberEnterprises(actor: Actor): SQL {
  return sql`(SELECT enterprise_id FROM chamber_memberships WHERE chamber_id IN ${secretaryChambers(actor)})`;
}

/** 志愿者 volunteers. */
export function volunteerScope(actor: Actor, mode: VolunteerScopeMode = 'read'): SQL {
  const parts = federationPart(actor, mode, volunteers.orgUnitId);
  if (isSecretary(actor)) {
    parts.push(
      sql`${volunteers.enterpriseId} IN ${memberEnterprises(actor)}`,
      sql`${volunteers.personId} IN (SELECT pp.person_id FROM person_positions pp WHERE pp.enterprise_id IN ${memberEnterprises(actor)})`,
    );
  }
  const own = contactEnterprise(actor);
  if (mode === 'read' && own) parts.push(sql`${volunteers.enterpriseId} = ${own}`);
  return anyOf(parts);
}

/** The ids of the contact's own volunteers, for the teams and activities they joined. */
function ownVolunteers(enterpriseId: string): SQL {
  return sql`(SELECT id FROM volunteers WHERE enterprise_id = ${enterpriseId})`;
}

/** 志愿服务队 teams. */
export function teamScope(actor: Actor, mode: VolunteerScopeMode = 'read'): SQL {
  const parts = federationPart(actor, mode, volunteerTeams.orgUnitId);
  if (isSecretary(actor)) parts.push(sql`${volunteerTeams.orgUnitId} IN ${secretaryChambers(actor)}`);
  const own = contactEnterprise(actor);
  if (mode === 'read' && own) {
    parts.push(
      sql`${volunteerTeams.id} IN (SELECT team_id FROM volunteer_team_members WHERE volunteer_id IN ${ownVolunteers(own)})`,
    );
  }
  return anyOf(parts);
}

/** 志愿活动 activities. */
export function activityScope(actor: Actor, mode: VolunteerScopeMode = 'read'): SQL {
  const parts = federationPart(actor, mode, volunteerActivities.orgUnitId);
  if (isSecretary(actor)) parts.push(sql`${volunteerActivities.orgUnitId} IN ${secretaryChambers(actor)}`);
  const own = contactEnterprise(actor);
  if (mode === 'read' && own) {
    parts.push(
      sql`${volunteerActivities.id} IN (SELECT activity_id FROM volunteer_participations WHERE volunteer_id IN ${ownVolunteers(own)})`,
    );
  }
  return anyOf(parts);
}

/** 无偿献血 blood drives: an enterprise contact sees none. */
export function bloodDriveScope(actor: Actor, mode: VolunteerScopeMode = 'read'): SQL {
  const parts = federationPart(actor, mode, bloodDrives.orgUnitId);
  if (isSecretary(actor)) parts.push(sql`${bloodDrives.orgUnitId} IN ${secretaryChambers(actor)}`);
  return anyOf(parts);
}

/**
 * The org units a new team, activity or blood drive may belong to: staff any unit of their subtree, a
 * chamber secretary their chambers. A condition on `org_units`.
 */
export function organiserUnitScope(actor: Actor): SQL {
  const parts: SQL[] = [];
  if (isStaff(actor)) parts.push(sql`org_units.path LIKE ${actor.orgPath + '%'}`);
  if (isSecretary(actor)) parts.push(sql`org_units.id IN ${secretaryChambers(actor)}`);
  return anyOf(parts);
}

/** Whether confirmed activities of the actor's own recording need no confirmation: staff's do not. */
export function recordsConfirmed(actor: Actor): boolean {
  return isStaff(actor);
}

/** 小巷管家 street segments (and their adoptions and matters): federation readers; staff write. */
export function streetScope(actor: Actor, mode: VolunteerScopeMode = 'read'): SQL {
  return anyOf(federationPart(actor, mode, streetSegments.streetOrgUnitId));
}
