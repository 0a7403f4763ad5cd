// Queries over 志愿服务: volunteers, teams, activities with their sign-ups and hours, blood drives — each
// within the caller's scope (core/access/volunteer-scope.ts) — and the counts the measures read.
import { sql, type SQL } from 'drizzle-orm';
import type { ActivityListQuery, ActivityStatus, VolunteerListQuery } from '@qinqing/shared';
import {
  activityScope,
  bloodDriveScope,
  organiserUnitScope,
  teamScope,
  volunteerScope,
  type VolunteerScopeMode,
} from '../../core/access/volunteer-scope.ts';
import { enterpriseScope, peopleScope } from '../../core/access/registry-scope.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { escapeLike } from '../../core/sql.ts';
import type { DbOrTx } from '../../db/connection.ts';

const where = (conditions: SQL[]) => sql.join(conditions, sql` AND `);

/** Minutes served at confirmed activities: what every figure of hours and 人次 counts. */
const CONFIRMED_SERVICE = sql`p.minutes_served IS NOT NULL AND a.status = 'confirmed'`;

export type VolunteerRow = {
  id: string;
  name: string;
  org_unit_id: string;
  org_unit_name: string;
  person_id: string | null;
  enterprise_id: string | null;
  enterprise_name: string | null;
  party_member: boolean;
  skills: string[];
  registered_on: string;
  teams: { id: string; name: string }[];
  minutes: number;
  times: number;
};

const volunteerColumns = sql`volunteers.id, volunteers.name, volunteers.org_unit_id, ou.name AS org_unit_name,
  volunteers.person_id, volunteers.enterprise_id, e.name AS enterprise_name, volunteers.party_member,
  volunteers.skills, volunteers.registered_on::text AS registered_on,
  coalesce((SELECT json_agg(json_build_object('id', t.id, 'name', t.name) ORDER BY t.name)
              FROM volunteer_team_members m JOIN volunteer_teams t ON t.id = m.team_id
             WHERE m.volunteer_id = volunteers.id), '[]'::json) AS teams,
  coalesce((SELECT sum(p.minutes_served) FROM volunteer_participations p
              JOIN volunteer_activities a ON a.id = p.activity_id
             WHERE p.volunteer_id = volunteers.id AND ${CONFIRMED_SERVICE}), 0)::int AS minutes,
  (SELECT count(*) FROM volunteer_participations p JOIN volunteer_activities a ON a.id = p.activity_id
    WHERE p.volunteer_id = volunteers.id AND ${CONFIRMED_SERVICE})::int AS times`;

const volunteerFrom = sql`volunteers JOIN org_units ou ON ou.id = volunteers.org_unit_id
  LEFT JOIN enterprises e ON e.id = volunteers.enterprise_id`;

export async function listVolunteers(
  db: DbOrTx,
  actor: Actor,
  query: VolunteerListQuery,
): Promise<{ rows: VolunteerRow[]; total: number; partyMembers: number }> {
  const conditions = [volunteerScope(actor)];
  if (query.enterpriseId) conditions.push(sql`volunteers.enterprise_id = ${query.enterpriseId}`);
  if (query.teamId) {
    conditions.push(
      sql`volunteers.id IN (SELECT volunteer_id FROM volunteer_team_members WHERE team_id = ${query.teamId})`,
    );
  }
  if (query.q) conditions.push(sql`volunteers.name ILIKE ${`%${escapeLike(query.q)}%`}`);
  // The totals line counts party members among all the filtered volunteers, whatever the party filter.
  const totals = await db.execute<{ total: number; party_members: number }>(
    sql`SELECT count(*)::int AS total, count(*) FILTER (WHERE volunteers.party_member)::int AS party_members
          FROM volunteers WHERE ${where(conditions)}`,
  );
  if (query.partyMember !== undefined) conditions.push(sql`volunteers.party_member = ${query.partyMember}`);
  const { rows } = await db.execute<VolunteerRow>(
    sql`SELECT ${volunteerColumns} FROM ${volunteerFrom} WHERE ${where(conditions)}
         ORDER BY volunteers.registered_on DESC, volunteers.name, volunteers.id
         LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
  );
  const all = totals.rows[0]!;
  const total =
    query.partyMember === undefined
      ? all.total
      : query.partyMember
        ? all.party_members
        : all.total - all.party_members;
  return { rows, total, partyMembers: all.party_members };
}

export async function findVolunteer(db: DbOrTx, actor: Actor, id: string): Promise<VolunteerRow | undefined> {
  const { rows } = await db.execute<VolunteerRow>(
    sql`SELECT ${volunteerColumns} FROM ${volunteerFrom} WHERE volunteers.id = ${id} AND ${volunteerScope(actor)}`,
  );
  return rows[0];
}

/** Of the given volunteer ids, those within the actor's scope in `mode`. */
export async function volunteersInScope(
  db: DbOrTx,
  actor: Actor,
  ids: readonly string[],
  mode: VolunteerScopeMode,
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.execute<{ id: string; name: string }>(
    sql`SELECT id, name FROM volunteers WHERE id = ANY (${sql.param([...ids])}::uuid[]) AND ${volunteerScope(actor, mode)}`,
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

export type RegistryPerson = {
  id: string;
  name: string;
  org_unit_id: string;
  political_affiliation: string;
};

/** A registry person the actor may name as a volunteer (their people scope). */
export async function findPersonForVolunteer(
  db: DbOrTx,
  actor: Actor,
  id: string,
): Promise<RegistryPerson | undefined> {
  const { rows } = await db.execute<RegistryPerson>(
    sql`SELECT people.id, people.name, people.org_unit_id, people.political_affiliation FROM people
         WHERE people.id = ${id} AND ${peopleScope(actor, 'read')}`,
  );
  return rows[0];
}

/** A member enterprise whose staff the actor may register (their enterprise write scope). */
export async function findEnterpriseForVolunteer(
  db: DbOrTx,
  actor: Actor,
  id: string,
): Promise<{ id: string; name: string; org_unit_id: string } | undefined> {
  const { rows } = await db.execute<{ id: string; name: string; org_unit_id: string }>(
    sql`SELECT enterprises.id, enterprises.name, enterprises.org_unit_id FROM enterprises
         WHERE enterprises.id = ${id} AND ${enterpriseScope(actor, 'write')}`,
  );
  return rows[0];
}

export async function insertVolunteer(
  db: DbOrTx,
  values: {
    orgUnitId: string;
    personId: string | null;
    enterpriseId: string | null;
    name: string;
    partyMember: boolean;
    skills: string[];
    registeredOn: string;
    createdBy: string;
  },
): Promise<string | undefined> {
  // A person registered twice, or two staff of one name at one enterprise: the unique indexes refuse it.
  const { rows } = await db.execute<{ id: string }>(
    sql`INSERT INTO volunteers (org_unit_id, person_id, enterprise_id, name, party_member, skills, registered_on, created_by)
        VALUES (${values.orgUnitId}, ${values.personId}, ${values.enterpriseId}, ${values.name}, ${values.partyMember},
                ${sql.param(values.skills)}::text[], ${values.registeredOn}, ${values.createdBy})
        ON CONFLICT DO NOTHING RETURNING id`,
  );
  return rows[0]?.id;
}

export async function addTeamMembers(db: DbOrTx, teamId: string, volunteerIds: readonly string[]) {
  if (volunteerIds.length === 0) return [];
  const { rows } = await db.execute<{ volunteer_id: string }>(
    sql`INSERT INTO volunteer_team_members (team_id, volunteer_id)
        SELECT ${teamId}, unnest(${sql.param([...volunteerIds])}::uuid[])
        ON CONFLICT DO NOTHING RETURNING volunteer_id`,
  );
  return rows.map((row) => row.volunteer_id);
}

/** An org unit a team, activity or blood drive may be organised by. */
export async function findOrganiserUnit(
  db: DbOrTx,
  actor: Actor,
  id: string,
): Promise<{ id: string; name: string } | undefined> {
  const { rows } = await db.execute<{ id: string; name: string }>(
    sql`SELECT id, name FROM org_units WHERE id = ${id} AND kind <> 'department' AND ${organiserUnitScope(actor)}`,
  );
  return rows[0];
}

export type TeamRow = {
  id: string;
  name: string;
  org_unit_id: string;
  org_unit_name: string;
  founded_on: string;
  members: number;
  party_members: number;
  minutes: number;
  person_times: number;
};

const teamColumns = sql`volunteer_teams.id, volunteer_teams.name, volunteer_teams.org_unit_id, ou.name AS org_unit_name,
  volunteer_teams.founded_on::text AS founded_on,
  (SELECT count(*) FROM volunteer_team_members m WHERE m.team_id = volunteer_teams.id)::int AS members,
  (SELECT count(*) FROM volunteer_team_members m JOIN volunteers v ON v.id = m.volunteer_id
    WHERE m.team_id = volunteer_teams.id AND v.party_member)::int AS party_members,
  coalesce((SELECT sum(p.minutes_served) FROM volunteer_activities a JOIN volunteer_participations p ON p.activity_id = a.id
             WHERE a.team_id = volunteer_teams.id AND ${CONFIRMED_SERVICE}), 0)::int AS minutes,
  (SELECT count(*) FROM volunteer_activities a JOIN volunteer_participations p ON p.activity_id = a.id
    WHERE a.team_id = volunteer_teams.id AND ${CONFIRMED_SERVICE})::int AS person_times`;

export async function listTeams(db: DbOrTx, actor: Actor): Promise<TeamRow[]> {
  const { rows } = await db.execute<TeamRow>(
    sql`SELECT ${teamColumns} FROM volunteer_teams JOIN org_units ou ON ou.id = volunteer_teams.org_unit_id
         WHERE ${teamScope(actor)} ORDER BY volunteer_teams.founded_on DESC, volunteer_teams.name LIMIT 500`,
  );
  return rows;
}

export async function findTeam(
  db: DbOrTx,
  actor: Actor,
  id: string,
  mode: VolunteerScopeMode = 'read',
): Promise<TeamRow | undefined> {
  const { rows } = await db.execute<TeamRow>(
    sql`SELECT ${teamColumns} FROM volunteer_teams JOIN org_units ou ON ou.id = volunteer_teams.org_unit_id
         WHERE volunteer_teams.id = ${id} AND ${teamScope(actor, mode)}`,
  );
  return rows[0];
}

/** Of the given team ids, those the actor may add volunteers to. */
export async function teamsInWriteScope(
  db: DbOrTx,
  actor: Actor,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await db.execute<{ id: string }>(
    sql`SELECT id FROM volunteer_teams WHERE id = ANY (${sql.param([...ids])}::uuid[]) AND ${teamScope(actor, 'write')}`,
  );
  return new Set(rows.map((row) => row.id));
}

export async function insertTeam(
  db: DbOrTx,
  values: { orgUnitId: string; name: string; foundedOn: string; createdBy: string },
): Promise<string | undefined> {
  const { rows } = await db.execute<{ id: string }>(
    sql`INSERT INTO volunteer_teams (org_unit_id, name, founded_on, created_by)
        VALUES (${values.orgUnitId}, ${values.name}, ${values.foundedOn}, ${values.createdBy})
        ON CONFLICT (org_unit_id, name) DO NOTHING RETURNING id`,
  );
  return rows[0]?.id;
}

export type ActivityRow = {
  id: string;
  title: string;
  held_on: string;
  place: string | null;
  description: string | null;
  org_unit_id: string;
  org_unit_name: string;
  team_id: string | null;
  team_name: string | null;
  status: ActivityStatus;
  version: number;
  signed_up: number;
  person_times: number;
  minutes: number;
};

const activityColumns = sql`volunteer_activities.id, volunteer_activities.title, volunteer_activities.held_on::text AS held_on,
  volunteer_activities.place, volunteer_activities.description, volunteer_activities.org_unit_id,
  ou.name AS org_unit_name, volunteer_activities.team_id, t.name AS team_name, volunteer_activities.status,
  volunteer_activities.version,
  (SELECT count(*) FROM volunteer_participations p WHERE p.activity_id = volunteer_activities.id)::int AS signed_up,
  (SELECT count(*) FROM volunteer_participations p
    WHERE p.activity_id = volunteer_activities.id AND p.minutes_served IS NOT NULL)::int AS person_times,
  coalesce((SELECT sum(p.minutes_served) FROM volunteer_participations p
             WHERE p.activity_id = volunteer_activities.id), 0)::int AS minutes`;

const activityFrom = sql`volunteer_activities JOIN org_units ou ON ou.id = volunteer_activities.org_unit_id
  LEFT JOIN volunteer_teams t ON t.id = volunteer_activities.team_id`;

export async function listActivities(
  db: DbOrTx,
  actor: Actor,
  query: ActivityListQuery,
): Promise<{ rows: ActivityRow[]; total: number }> {
  const conditions = [activityScope(actor)];
  if (query.status) conditions.push(sql`volunteer_activities.status = ${query.status}`);
  if (query.teamId) conditions.push(sql`volunteer_activities.team_id = ${query.teamId}`);
  if (query.from) conditions.push(sql`volunteer_activities.held_on >= ${query.from}::date`);
  if (query.to) conditions.push(sql`volunteer_activities.held_on <= ${query.to}::date`);
  const [{ rows }, totals] = [
    await db.execute<ActivityRow>(
      sql`SELECT ${activityColumns} FROM ${activityFrom} WHERE ${where(conditions)}
           ORDER BY volunteer_activities.held_on DESC, volunteer_activities.created_at DESC, volunteer_activities.id
           LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
    ),
    await db.execute<{ total: number }>(
      sql`SELECT count(*)::int AS total FROM volunteer_activities WHERE ${where(conditions)}`,
    ),
  ];
  return { rows, total: totals.rows[0]?.total ?? 0 };
}

export async function findActivity(
  db: DbOrTx,
  actor: Actor,
  id: string,
  options: { mode?: VolunteerScopeMode; forUpdate?: boolean } = {},
): Promise<ActivityRow | undefined> {
  const { rows } = await db.execute<ActivityRow>(
    sql`SELECT ${activityColumns} FROM ${activityFrom}
         WHERE volunteer_activities.id = ${id} AND ${activityScope(actor, options.mode ?? 'read')}
         ${options.forUpdate ? sql`FOR UPDATE OF volunteer_activities` : sql``}`,
  );
  return rows[0];
}

export type ParticipantRow = {
  volunteer_id: string;
  name: string;
  enterprise_name: string | null;
  party_member: boolean;
  minutes_served: number | null;
};

/** The sign-ups of an activity; an enterprise contact sees only their own enterprise's. */
export async function participants(db: DbOrTx, actor: Actor, activityId: string): Promise<ParticipantRow[]> {
  const { rows } = await db.execute<ParticipantRow>(
    sql`SELECT volunteers.id AS volunteer_id, volunteers.name, e.name AS enterprise_name, volunteers.party_member,
               p.minutes_served
          FROM volunteer_participations p JOIN volunteers ON volunteers.id = p.volunteer_id
          LEFT JOIN enterprises e ON e.id = volunteers.enterprise_id
         WHERE p.activity_id = ${activityId} AND ${volunteerScope(actor)}
         ORDER BY p.signed_up_at, volunteers.name`,
  );
  return rows;
}

export async function insertActivity(
  db: DbOrTx,
  values: {
    orgUnitId: string;
    teamId: string | null;
    title: string;
    heldOn: string;
    place: string | null;
    description: string | null;
    status: ActivityStatus;
    createdBy: string;
    now: Date;
  },
): Promise<string> {
  const confirmed = values.status === 'confirmed';
  const { rows } = await db.execute<{ id: string }>(
    sql`INSERT INTO volunteer_activities (org_unit_id, team_id, title, held_on, place, description, status,
                                          confirmed_by, confirmed_at, created_by, created_at)
        VALUES (${values.orgUnitId}, ${values.teamId}, ${values.title}, ${values.heldOn}, ${values.place},
                ${values.description}, ${values.status}, ${confirmed ? values.createdBy : null},
                ${confirmed ? values.now.toISOString() : null}, ${values.createdBy}, ${values.now.toISOString()})
        RETURNING id`,
  );
  return rows[0]!.id;
}

/** Signs volunteers up (those already signed up are kept as they are); answers the ones newly signed up. */
export async function signUp(
  db: DbOrTx,
  activityId: string,
  volunteerIds: readonly string[],
  now: Date,
): Promise<string[]> {
  const { rows } = await db.execute<{ volunteer_id: string }>(
    sql`INSERT INTO volunteer_participations (activity_id, volunteer_id, signed_up_at)
        SELECT ${activityId}, unnest(${sql.param([...volunteerIds])}::uuid[]), ${now.toISOString()}
        ON CONFLICT DO NOTHING RETURNING volunteer_id`,
  );
  return rows.map((row) => row.volunteer_id);
}

/** The minutes each volunteer had before (null: not served, undefined: not signed up). */
export async function servedBefore(
  db: DbOrTx,
  activityId: string,
  volunteerIds: readonly string[],
): Promise<Map<string, number | null>> {
  const { rows } = await db.execute<{ volunteer_id: string; minutes_served: number | null }>(
    sql`SELECT volunteer_id, minutes_served FROM volunteer_participations
         WHERE activity_id = ${activityId} AND volunteer_id = ANY (${sql.param([...volunteerIds])}::uuid[])`,
  );
  return new Map(rows.map((row) => [row.volunteer_id, row.minutes_served]));
}

export async function recordMinutes(
  db: DbOrTx,
  activityId: string,
  entries: readonly { volunteerId: string; minutes: number }[],
  recordedBy: string,
  now: Date,
): Promise<void> {
  await db.execute(
    sql`INSERT INTO volunteer_participations (activity_id, volunteer_id, signed_up_at, minutes_served,
                                              served_recorded_by, served_recorded_at)
        SELECT ${activityId}, entry.volunteer_id, ${now.toISOString()}, entry.minutes, ${recordedBy}, ${now.toISOString()}
          FROM unnest(${sql.param(entries.map((e) => e.volunteerId))}::uuid[],
                      ${sql.param(entries.map((e) => e.minutes))}::int[]) AS entry (volunteer_id, minutes)
        ON CONFLICT (activity_id, volunteer_id) DO UPDATE
           SET minutes_served = EXCLUDED.minutes_served, served_recorded_by = EXCLUDED.served_recorded_by,
               served_recorded_at = EXCLUDED.served_recorded_at`,
  );
}

export async function saveActivityStatus(
  db: DbOrTx,
  id: string,
  version: number,
  status: ActivityStatus,
  confirmedBy: string | null,
  now: Date,
): Promise<boolean> {
  const { rows } = await db.execute<{ id: string }>(
    sql`UPDATE volunteer_activities
           SET status = ${status}, version = version + 1,
               confirmed_by = coalesce(${confirmedBy}::uuid, confirmed_by),
               confirmed_at = CASE WHEN ${confirmedBy}::uuid IS NULL THEN confirmed_at ELSE ${now.toISOString()}::timestamptz END
         WHERE id = ${id} AND version = ${version} RETURNING id`,
  );
  return rows.length === 1;
}

export type BloodDriveRow = {
  id: string;
  title: string;
  held_on: string;
  place: string | null;
  org_unit_id: string;
  org_unit_name: string;
  registered: number;
  donated: number;
  version: number;
};

const bloodDriveColumns = sql`blood_drives.id, blood_drives.title, blood_drives.held_on::text AS held_on, blood_drives.place,
  blood_drives.org_unit_id, ou.name AS org_unit_name, blood_drives.registered, blood_drives.donated, blood_drives.version`;

export async function listBloodDrives(
  db: DbOrTx,
  actor: Actor,
  period: { from?: string; to?: string },
): Promise<BloodDriveRow[]> {
  const conditions = [bloodDriveScope(actor)];
  if (period.from) conditions.push(sql`blood_drives.held_on >= ${period.from}::date`);
  if (period.to) conditions.push(sql`blood_drives.held_on <= ${period.to}::date`);
  const { rows } = await db.execute<BloodDriveRow>(
    sql`SELECT ${bloodDriveColumns} FROM blood_drives JOIN org_units ou ON ou.id = blood_drives.org_unit_id
         WHERE ${where(conditions)} ORDER BY blood_drives.held_on DESC, blood_drives.id LIMIT 1000`,
  );
  return rows;
}

export async function findBloodDrive(
  db: DbOrTx,
  actor: Actor,
  id: string,
  options: { mode?: VolunteerScopeMode; forUpdate?: boolean } = {},
): Promise<BloodDriveRow | undefined> {
  const { rows } = await db.execute<BloodDriveRow>(
    sql`SELECT ${bloodDriveColumns} FROM blood_drives JOIN org_units ou ON ou.id = blood_drives.org_unit_id
         WHERE blood_drives.id = ${id} AND ${bloodDriveScope(actor, options.mode ?? 'read')}
         ${options.forUpdate ? sql`FOR UPDATE OF blood_drives` : sql``}`,
  );
  return rows[0];
}

export async function insertBloodDrive(
  db: DbOrTx,
  values: {
    orgUnitId: string;
    title: string;
    heldOn: string;
    place: string | null;
    registered: number;
    donated: number;
    createdBy: string;
  },
): Promise<string> {
  const { rows } = await db.execute<{ id: string }>(
    sql`INSERT INTO blood_drives (org_unit_id, title, held_on, place, registered, donated, created_by)
        VALUES (${values.orgUnitId}, ${values.title}, ${values.heldOn}, ${values.place}, ${values.registered},
                ${values.donated}, ${values.createdBy}) RETURNING id`,
  );
  return rows[0]!.id;
}

export async function updateBloodDriveCounts(
  db: DbOrTx,
  id: string,
  version: number,
  counts: { registered: number; donated: number },
): Promise<boolean> {
  const { rows } = await db.execute<{ id: string }>(
    sql`UPDATE blood_drives SET registered = ${counts.registered}, donated = ${counts.donated}, version = version + 1
         WHERE id = ${id} AND version = ${version} RETURNING id`,
  );
  return rows.length === 1;
}

export interface VolunteerCounts {
  volunteers: number;
  partyMembers: number;
  teams: number;
  minutes: number;
  personTimes: number;
  bloodRegistered: number;
  bloodDonated: number;
}

/**
 * The figures of a subtree (by path) and period: volunteers and teams registered by the period's end, and
 * the hours, 人次 and blood drives of what was held in the period (confirmed activities only).
 */
export async function countVolunteering(
  db: DbOrTx,
  unitPath: string,
  period: { from: string; to: string },
): Promise<VolunteerCounts> {
  const units = sql`(SELECT id FROM org_units WHERE path LIKE ${unitPath + '%'})`;
  const { rows } = await db.execute<{
    volunteers: number;
    party_members: number;
    teams: number;
    minutes: number;
    person_times: number;
    blood_registered: number;
    blood_donated: number;
  }>(
    sql`SELECT
          (SELECT count(*) FROM volunteers WHERE org_unit_id IN ${units} AND registered_on <= ${period.to}::date)::int AS volunteers,
          (SELECT count(*) FROM volunteers WHERE org_unit_id IN ${units} AND registered_on <= ${period.to}::date
              AND party_member)::int AS party_members,
          (SELECT count(*) FROM volunteer_teams WHERE org_unit_id IN ${units} AND founded_on <= ${period.to}::date)::int AS teams,
          coalesce(s.minutes, 0)::int AS minutes, coalesce(s.person_times, 0)::int AS person_times,
          coalesce(b.registered, 0)::int AS blood_registered, coalesce(b.donated, 0)::int AS blood_donated
        FROM (SELECT sum(p.minutes_served) AS minutes, count(*) AS person_times
                FROM volunteer_activities a JOIN volunteer_participations p ON p.activity_id = a.id
               WHERE a.org_unit_id IN ${units} AND a.held_on BETWEEN ${period.from}::date AND ${period.to}::date
                 AND ${CONFIRMED_SERVICE}) s,
             (SELECT sum(registered) AS registered, sum(donated) AS donated FROM blood_drives
               WHERE org_unit_id IN ${units} AND held_on BETWEEN ${period.from}::date AND ${period.to}::date) b`,
  );
  const row = rows[0]!;
  return {
    volunteers: row.volunteers,
    partyMembers: row.party_members,
    teams: row.teams,
    minutes: row.minutes,
    personTimes: row.person_times,
    bloodRegistered: row.blood_registered,
    bloodDonated: row.blood_donated,
  };
}
