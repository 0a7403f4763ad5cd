// Queries over 教育培训 events within the caller's scope (core/access/event-scope.ts): events with their
// sessions and figures, registrations, check-ins (ON CONFLICT on the two unique constraints: one attendance
// per registration and session, a nonce once per session), the figures of a subtree by group, a chamber's
// months and the honours register. Times are timestamptz; months and days are Asia/Shanghai's.
import { sql, type SQL } from 'drizzle-orm';
import type { EventGrouping, EventListQuery } from '@qinqing/shared';
import {
  eventManageScope,
  eventReadScope,
  honourReadScope,
  honourWriteScope,
  organizerScope,
  registrantScope,
  registrationReadScope,
} from '../../core/access/event-scope.ts';
import { campaignReadScope } from '../../core/access/donation-scope.ts';
import { peopleScope } from '../../core/access/registry-scope.ts';
import { policyReadScope } from '../../core/access/policy-scope.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { DbOrTx } from '../../db/connection.ts';

const first = async <T>(db: DbOrTx, query: SQL): Promise<T | undefined> =>
  (await db.execute<T & Record<string, unknown>>(query)).rows[0] as T | undefined;
const all = async <T>(db: DbOrTx, query: SQL): Promise<T[]> =>
  (await db.execute<T & Record<string, unknown>>(query)).rows as T[];

// Events -------------------------------------------------------------------------------------------------

export interface OrganizerRow {
  id: string;
  name: string;
  kind: string;
  path: string;
}

export function findOrganizer(db: DbOrTx, actor: Actor, id: string): Promise<OrganizerRow | undefined> {
  return first(
    db,
    sql`SELECT u.id, u.name, u.kind, u.path FROM org_units u WHERE u.id = ${id} AND ${organizerScope(actor)}`,
  );
}

export function findChamber(db: DbOrTx, id: string): Promise<{ id: string; name: string } | undefined> {
  return first(
    db,
    sql`SELECT id, name FROM org_units WHERE id = ${id} AND kind IN ('chamber', 'association')`,
  );
}

export async function existingEnterprises(db: DbOrTx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await all<{ id: string }>(
    db,
    sql`SELECT id FROM enterprises WHERE id = ANY (${sql.param([...ids])}::uuid[]) AND merged_into_id IS NULL`,
  );
  return new Set(rows.map((row) => row.id));
}

export interface NewEvent {
  orgUnitId: string;
  title: string;
  kind: string;
  theme: string | null;
  description: string | null;
  program: string | null;
  capacity: number | null;
  audience: string;
  audienceChamberId: string | null;
  audienceConditions: Record<string, unknown>;
  startsAt: Date;
  endsAt: Date;
  createdBy: string;
  now: Date;
}

export async function insertEvent(db: DbOrTx, e: NewEvent): Promise<string> {
  const row = await first<{ id: string }>(
    db,
    sql`INSERT INTO events (org_unit_id, title, kind, theme, description, program, capacity, audience,
          audience_chamber_id, audience_conditions, starts_at, ends_at, created_by, created_at, updated_at)
        VALUES (${e.orgUnitId}, ${e.title}, ${e.kind}, ${e.theme}, ${e.description}, ${e.program}, ${e.capacity},
          ${e.audience}, ${e.audienceChamberId}, ${JSON.stringify(e.audienceConditions)}::jsonb, ${e.startsAt},
          ${e.endsAt}, ${e.createdBy}, ${e.now}, ${e.now})
        RETURNING id`,
  );
  return row!.id;
}

export async function insertSessions(
  db: DbOrTx,
  eventId: string,
  sessions: { startsAt: Date; endsAt: Date; place: string | null; onlineUrl: string | null }[],
): Promise<void> {
  for (const [i, s] of sessions.entries()) {
    await db.execute(sql`INSERT INTO event_sessions (event_id, seq, starts_at, ends_at, place, online_url)
      VALUES (${eventId}, ${i + 1}, ${s.startsAt}, ${s.endsAt}, ${s.place}, ${s.onlineUrl})`);
  }
}

export async function insertInvitees(db: DbOrTx, eventId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`INSERT INTO event_invitees (event_id, enterprise_id)
    SELECT ${eventId}, unnest(${sql.param([...ids])}::uuid[]) ON CONFLICT DO NOTHING`);
}

export interface EventRow {
  id: string;
  title: string;
  kind: string;
  /** The kind's label defined by the organiser's federation or above (0055); null: the built-in one. */
  kind_label: string | null;
  state: string;
  theme: string | null;
  description: string | null;
  program: string | null;
  capacity: number | null;
  audience: string;
  audience_chamber_id: string | null;
  audience_chamber_name: string | null;
  audience_conditions: Record<string, unknown>;
  org_unit_id: string;
  organizer_name: string;
  organizer_kind: string;
  starts_at: Date;
  ends_at: Date;
  version: number;
  registered: number;
  waitlisted: number;
  invited: number;
  person_times: number;
  persons: number;
  enterprises: number;
  manages: boolean;
}

const eventColumns = (actor: Actor) => sql`ev.id, ev.title, ev.kind,
  event_kind_label(ev.kind, o.path) AS kind_label, ev.state, ev.theme, ev.description,
  ev.program, ev.capacity, ev.audience, ev.audience_chamber_id, ac.name AS audience_chamber_name,
  ev.audience_conditions, ev.org_unit_id, o.name AS organizer_name, o.kind AS organizer_kind, ev.starts_at,
  ev.ends_at, ev.version,
  (SELECT count(*) FILTER (WHERE status = 'registered')::int FROM event_registrations WHERE event_id = ev.id) AS registered,
  (SELECT count(*) FILTER (WHERE status = 'waitlisted')::int FROM event_registrations WHERE event_id = ev.id) AS waitlisted,
  (SELECT count(*)::int FROM event_invitees WHERE event_id = ev.id) AS invited,
  f.person_times, f.persons, f.enterprises,
  (${eventManageScope(actor)}) AS manages`;

const eventFrom = sql`FROM events ev
  JOIN org_units o ON o.id = ev.org_unit_id
  LEFT JOIN org_units ac ON ac.id = ev.audience_chamber_id
  CROSS JOIN LATERAL (SELECT count(*)::int AS person_times, count(DISTINCT person_key)::int AS persons,
      count(DISTINCT enterprise_id)::int AS enterprises
    FROM event_attendances WHERE event_id = ev.id) f`;

export function findEvent(
  db: DbOrTx,
  actor: Actor,
  id: string,
  options: { forUpdate?: boolean; manage?: boolean } = {},
): Promise<EventRow | undefined> {
  const scope = options.manage ? eventManageScope(actor) : eventReadScope(actor);
  if (options.forUpdate) {
    return first(
      db,
      sql`WITH locked AS (SELECT id FROM events ev WHERE ev.id = ${id} AND ${scope} FOR UPDATE)
          SELECT ${eventColumns(actor)} ${eventFrom} WHERE ev.id IN (SELECT id FROM locked)`,
    );
  }
  return first(db, sql`SELECT ${eventColumns(actor)} ${eventFrom} WHERE ev.id = ${id} AND ${scope}`);
}

export async function listEvents(
  db: DbOrTx,
  actor: Actor,
  query: EventListQuery,
  period: { fromAt: Date | null; toAt: Date | null },
): Promise<{ rows: EventRow[]; total: number }> {
  const conditions: SQL[] = [eventReadScope(actor)];
  if (period.fromAt) conditions.push(sql`ev.ends_at >= ${period.fromAt}`);
  if (period.toAt) conditions.push(sql`ev.starts_at < ${period.toAt}`);
  if (query.kind) conditions.push(sql`ev.kind = ${query.kind}`);
  if (query.organizerId) conditions.push(sql`ev.org_unit_id = ${query.organizerId}`);
  if (query.orgUnitId) {
    conditions.push(
      sql`ev.org_unit_id IN (SELECT d.id FROM org_units d JOIN org_units u ON d.path LIKE u.path || '%' WHERE u.id = ${query.orgUnitId})`,
    );
  }
  if (query.policyId)
    conditions.push(
      sql`EXISTS (SELECT 1 FROM event_policies ep WHERE ep.event_id = ev.id AND ep.policy_id = ${query.policyId})`,
    );
  if (query.campaignId) conditions.push(sql`ev.campaign_id = ${query.campaignId}`);
  if (query.mine === 'true') {
    conditions.push(
      actor.enterpriseId
        ? sql`EXISTS (SELECT 1 FROM event_registrations r WHERE r.event_id = ev.id AND r.enterprise_id = ${actor.enterpriseId} AND r.status <> 'cancelled')`
        : sql`EXISTS (SELECT 1 FROM event_registrations r WHERE r.event_id = ev.id AND r.registered_by = ${actor.userId})`,
    );
  }
  const where = sql.join(conditions, sql` AND `);
  const rows = await all<EventRow>(
    db,
    sql`SELECT ${eventColumns(actor)} ${eventFrom} WHERE ${where}
        ORDER BY ev.starts_at DESC, ev.id LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
  );
  const count = await first<{ total: number }>(
    db,
    sql`SELECT count(*)::int AS total FROM events ev WHERE ${where}`,
  );
  return { rows, total: count?.total ?? 0 };
}

// Links: the policies an event explains, the campaign it belongs to ------------------------------------------

/** Of `ids`, the published policies the actor reads (what an event may be linked to). */
export async function linkablePolicies(
  db: DbOrTx,
  actor: Actor,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await all<{ id: string; title: string }>(
    db,
    sql`SELECT p.id, p.title FROM policies p
        WHERE p.id = ANY (${sql.param([...ids])}::uuid[]) AND p.state = 'published' AND ${policyReadScope(actor, 'p')}`,
  );
  return new Map(rows.map((row) => [row.id, row.title]));
}

/** The campaign if the actor reads it (what an event may belong to). */
export function linkableCampaign(
  db: DbOrTx,
  actor: Actor,
  id: string,
): Promise<{ id: string; name: string } | undefined> {
  return first(
    db,
    sql`SELECT id, name FROM donation_campaigns WHERE id = ${id} AND ${campaignReadScope(actor)}`,
  );
}

/** Replaces the event's policies and campaign. */
export async function saveEventLinks(
  db: DbOrTx,
  eventId: string,
  links: { policyIds: readonly string[]; campaignId: string | null },
): Promise<void> {
  await db.execute(sql`DELETE FROM event_policies WHERE event_id = ${eventId}`);
  if (links.policyIds.length > 0)
    await db.execute(sql`INSERT INTO event_policies (event_id, policy_id)
      SELECT ${eventId}, unnest(${sql.param([...links.policyIds])}::uuid[]) ON CONFLICT DO NOTHING`);
  await db.execute(sql`UPDATE events SET campaign_id = ${links.campaignId} WHERE id = ${eventId}`);
}

export interface EventLinksRow {
  policies: { id: string; title: string; document_number: string | null }[];
  campaign: { id: string; name: string } | null;
}

export async function eventLinks(db: DbOrTx, eventId: string): Promise<EventLinksRow> {
  const row = await first<EventLinksRow>(
    db,
    sql`SELECT
          coalesce((SELECT json_agg(json_build_object('id', p.id, 'title', p.title, 'document_number', p.document_number)
              ORDER BY p.title, p.id)
            FROM event_policies ep JOIN policies p ON p.id = ep.policy_id WHERE ep.event_id = ev.id), '[]') AS policies,
          (SELECT json_build_object('id', c.id, 'name', c.name) FROM donation_campaigns c WHERE c.id = ev.campaign_id) AS campaign
        FROM events ev WHERE ev.id = ${eventId}`,
  );
  return row ?? { policies: [], campaign: null };
}

/** A chamber's own group robot for its events' invitations, if set. */
export async function findChamberRobot(db: DbOrTx, chamberId: string): Promise<string | null> {
  const row = await first<{ webhook_url: string }>(
    db,
    sql`SELECT webhook_url FROM chamber_event_robots WHERE chamber_id = ${chamberId}`,
  );
  return row?.webhook_url ?? null;
}

export async function saveChamberRobot(
  db: DbOrTx,
  chamberId: string,
  webhookUrl: string | null,
  setBy: string,
  now: Date,
): Promise<void> {
  await db.execute(
    webhookUrl === null
      ? sql`DELETE FROM chamber_event_robots WHERE chamber_id = ${chamberId}`
      : sql`INSERT INTO chamber_event_robots (chamber_id, webhook_url, set_by, updated_at)
            VALUES (${chamberId}, ${webhookUrl}, ${setBy}, ${now})
            ON CONFLICT (chamber_id) DO UPDATE SET webhook_url = excluded.webhook_url, set_by = excluded.set_by,
              updated_at = excluded.updated_at`,
  );
}

/** The robots of the chambers an event is for: its audience chamber and its organiser when that is a chamber. */
export async function eventChamberRobots(db: DbOrTx, eventId: string): Promise<string[]> {
  const rows = await all<{ webhook_url: string }>(
    db,
    sql`SELECT DISTINCT r.webhook_url FROM events ev
        JOIN chamber_event_robots r ON r.chamber_id IN (ev.audience_chamber_id, ev.org_unit_id)
        WHERE ev.id = ${eventId}`,
  );
  return rows.map((row) => row.webhook_url);
}

export interface SessionRow {
  id: string;
  seq: number;
  starts_at: Date;
  ends_at: Date;
  place: string | null;
  online_url: string | null;
  attendance: number;
}

export function sessionsOf(db: DbOrTx, eventId: string): Promise<SessionRow[]> {
  return all(
    db,
    sql`SELECT s.id, s.seq, s.starts_at, s.ends_at, s.place, s.online_url,
          (SELECT count(*)::int FROM event_attendances a WHERE a.session_id = s.id) AS attendance
        FROM event_sessions s WHERE s.event_id = ${eventId} ORDER BY s.seq`,
  );
}

export function updateEventState(
  db: DbOrTx,
  id: string,
  state: string,
  now: Date,
  version: number,
): Promise<boolean> {
  return db
    .execute(
      sql`UPDATE events SET state = ${state}, version = version + 1, updated_at = ${now}
          WHERE id = ${id} AND version = ${version}`,
    )
    .then((result) => (result.rowCount ?? 0) > 0);
}

// Registrations -------------------------------------------------------------------------------------------

export interface RegistrationRow {
  id: string;
  event_id: string;
  person_name: string;
  post: string | null;
  mobile: string | null;
  enterprise_id: string | null;
  enterprise_name: string | null;
  person_id: string | null;
  status: 'registered' | 'waitlisted' | 'cancelled';
  walk_in: boolean;
  registered_by: string | null;
  created_at: Date;
  checked_in_session_ids: string[];
}

const registrationSelect = sql`SELECT r.id, r.event_id, r.person_name, r.post, r.mobile, r.enterprise_id,
    e.name AS enterprise_name, r.person_id, r.status, r.walk_in, r.registered_by, r.created_at,
    ARRAY(SELECT a.session_id FROM event_attendances a JOIN event_sessions s ON s.id = a.session_id
          WHERE a.registration_id = r.id ORDER BY s.seq) AS checked_in_session_ids
  FROM event_registrations r LEFT JOIN enterprises e ON e.id = r.enterprise_id`;

/** An event's registrations: all of them for those who run it, else what registrationReadScope allows. */
export function registrationsOf(
  db: DbOrTx,
  actor: Actor,
  eventId: string,
  manages: boolean,
): Promise<RegistrationRow[]> {
  return all(
    db,
    sql`${registrationSelect} WHERE r.event_id = ${eventId}
          AND ${manages ? sql`true` : registrationReadScope(actor)}
        ORDER BY CASE r.status WHEN 'registered' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, r.created_at, r.id`,
  );
}

export function findRegistration(db: DbOrTx, id: string): Promise<RegistrationRow | undefined> {
  return first(db, sql`${registrationSelect} WHERE r.id = ${id}`);
}

export function findRegistrationByKey(
  db: DbOrTx,
  eventId: string,
  personKey: string,
): Promise<RegistrationRow | undefined> {
  return first(
    db,
    sql`${registrationSelect} WHERE r.event_id = ${eventId} AND r.person_key = ${personKey} AND r.status <> 'cancelled'`,
  );
}

/** The registration of a mobile number at an event, without its sessions (the check-in path: one index probe). */
export function findRegistrationByMobile(
  db: DbOrTx,
  eventId: string,
  mobile: string,
): Promise<RegistrationRow | undefined> {
  return first(
    db,
    sql`SELECT r.id, r.event_id, r.person_name, r.post, r.mobile, r.enterprise_id, e.name AS enterprise_name,
          r.person_id, r.status, r.walk_in, r.registered_by, r.created_at, '{}'::uuid[] AS checked_in_session_ids
        FROM event_registrations r LEFT JOIN enterprises e ON e.id = r.enterprise_id
        WHERE r.event_id = ${eventId} AND r.mobile = ${mobile} AND r.status <> 'cancelled'
        ORDER BY r.created_at LIMIT 1`,
  );
}

/** The enterprise, if the actor may register its people to an event they do not run. */
export function findRegistrant(
  db: DbOrTx,
  actor: Actor,
  enterpriseId: string,
): Promise<{ id: string; name: string } | undefined> {
  return first(
    db,
    sql`SELECT e.id, e.name FROM enterprises e WHERE e.id = ${enterpriseId} AND e.merged_into_id IS NULL
          AND ${registrantScope(actor)}`,
  );
}

export function findEnterprise(db: DbOrTx, id: string): Promise<{ id: string; name: string } | undefined> {
  return first(db, sql`SELECT id, name FROM enterprises WHERE id = ${id} AND merged_into_id IS NULL`);
}

/**
 * A registry person the actor may register: one they may read (an enterprise contact: their own
 * enterprise's people), holding a position in the registration's enterprise when there is one; with that
 * position, the post the registration takes when none is typed.
 */
export function findRegistrablePerson(
  db: DbOrTx,
  actor: Actor,
  id: string,
  enterpriseId: string | null,
): Promise<{ id: string; name: string; mobile: string | null; position: string | null } | undefined> {
  const position = enterpriseId
    ? sql`(SELECT pp.position FROM person_positions pp WHERE pp.person_id = people.id
          AND pp.enterprise_id = ${enterpriseId} ORDER BY pp.position LIMIT 1)`
    : sql`NULL::text`;
  return first(
    db,
    sql`SELECT * FROM (SELECT people.id, people.name, people.mobile, ${position} AS position FROM people
          WHERE people.id = ${id} AND ${peopleScope(actor)}) p
        WHERE ${enterpriseId === null ? sql`true` : sql`p.position IS NOT NULL`}`,
  );
}

export async function eventOpenTo(db: DbOrTx, eventId: string, enterpriseId: string): Promise<boolean> {
  const row = await first<{ open: boolean }>(
    db,
    sql`SELECT event_open_to(${eventId}, ${enterpriseId}) AS open`,
  );
  return row?.open ?? false;
}

export async function registeredCount(db: DbOrTx, eventId: string): Promise<number> {
  const row = await first<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM event_registrations
        WHERE event_id = ${eventId} AND status = 'registered' AND NOT walk_in`,
  );
  return row?.n ?? 0;
}

export interface NewRegistration {
  eventId: string;
  personName: string;
  post: string | null;
  mobile: string | null;
  enterpriseId: string | null;
  personId: string | null;
  personKey: string;
  status: 'registered' | 'waitlisted';
  walkIn: boolean;
  registeredBy: string | null;
  now: Date;
}

/** The new registration's id, or undefined when the person is already registered (the unique index). */
export async function insertRegistration(db: DbOrTx, r: NewRegistration): Promise<string | undefined> {
  const row = await first<{ id: string }>(
    db,
    sql`INSERT INTO event_registrations (event_id, person_name, post, mobile, enterprise_id, person_id,
          person_key, status, walk_in, registered_by, created_at)
        VALUES (${r.eventId}, ${r.personName}, ${r.post}, ${r.mobile}, ${r.enterpriseId}, ${r.personId},
          ${r.personKey}, ${r.status}, ${r.walkIn}, ${r.registeredBy}, ${r.now})
        ON CONFLICT DO NOTHING RETURNING id`,
  );
  return row?.id;
}

// Check-ins -----------------------------------------------------------------------------------------------

export interface CheckInSessionRow {
  session_id: string;
  seq: number;
  starts_at: Date;
  ends_at: Date;
  place: string | null;
  event_id: string;
  title: string;
  state: string;
  organizer_name: string;
}

export function findCheckInSession(db: DbOrTx, sessionId: string): Promise<CheckInSessionRow | undefined> {
  return first(
    db,
    sql`SELECT s.id AS session_id, s.seq, s.starts_at, s.ends_at, s.place, ev.id AS event_id, ev.title,
          ev.state, o.name AS organizer_name
        FROM event_sessions s JOIN events ev ON ev.id = s.event_id JOIN org_units o ON o.id = ev.org_unit_id
        WHERE s.id = ${sessionId}`,
  );
}

/** The session, if the actor runs its event. */
export function findManagedSession(
  db: DbOrTx,
  actor: Actor,
  sessionId: string,
): Promise<{ id: string; event_id: string } | undefined> {
  return first(
    db,
    sql`SELECT s.id, s.event_id FROM event_sessions s JOIN events ev ON ev.id = s.event_id
        WHERE s.id = ${sessionId} AND ${eventManageScope(actor)}`,
  );
}

export async function managesEvent(db: DbOrTx, actor: Actor, eventId: string): Promise<boolean> {
  const row = await first<{ id: string }>(
    db,
    sql`SELECT ev.id FROM events ev WHERE ev.id = ${eventId} AND ${eventManageScope(actor)}`,
  );
  return row !== undefined;
}

export interface AttendanceRow {
  id: string;
  session_id: string;
  registration_id: string;
  method: 'qr' | 'staff' | 'import';
  checked_in_at: Date;
}

/** The new attendance, or undefined when the registration or the nonce already has one at the session. */
export function insertAttendance(
  db: DbOrTx,
  a: {
    eventId: string;
    sessionId: string;
    registration: { id: string; enterprise_id: string | null };
    personKey: string;
    nonce: string;
    method: 'qr' | 'staff' | 'import';
    recordedBy: string | null;
    now: Date;
  },
): Promise<AttendanceRow | undefined> {
  return first(
    db,
    sql`INSERT INTO event_attendances (event_id, session_id, registration_id, enterprise_id, person_key, nonce,
          method, recorded_by, checked_in_at)
        VALUES (${a.eventId}, ${a.sessionId}, ${a.registration.id}, ${a.registration.enterprise_id},
          ${a.personKey}, ${a.nonce}, ${a.method}, ${a.recordedBy}, ${a.now})
        ON CONFLICT DO NOTHING
        RETURNING id, session_id, registration_id, method, checked_in_at`,
  );
}

/** The attendance a repeated check-in answers: the same nonce's, else the registration's at the session. */
export function findAttendance(
  db: DbOrTx,
  sessionId: string,
  by: { nonce: string; registrationId?: string },
): Promise<AttendanceRow | undefined> {
  return first(
    db,
    sql`SELECT id, session_id, registration_id, method, checked_in_at FROM event_attendances
        WHERE session_id = ${sessionId}
          AND (nonce = ${by.nonce} ${by.registrationId ? sql`OR registration_id = ${by.registrationId}` : sql``})
        ORDER BY (nonce = ${by.nonce}) DESC LIMIT 1`,
  );
}

// Attendance sheet ----------------------------------------------------------------------------------------

export function attendanceSheetRows(
  db: DbOrTx,
  eventId: string,
): Promise<(RegistrationRow & { checked_in: { seq: number; at: Date; method: string }[] })[]> {
  return all(
    db,
    sql`SELECT r.id, r.person_name, r.post, r.mobile, r.status, r.walk_in, e.name AS enterprise_name,
          coalesce((SELECT json_agg(json_build_object('seq', s.seq, 'at', a.checked_in_at, 'method', a.method) ORDER BY s.seq)
             FROM event_attendances a JOIN event_sessions s ON s.id = a.session_id WHERE a.registration_id = r.id), '[]') AS checked_in
        FROM event_registrations r LEFT JOIN enterprises e ON e.id = r.enterprise_id
        WHERE r.event_id = ${eventId} AND r.status <> 'cancelled'
        ORDER BY r.walk_in, r.created_at, r.id`,
  );
}

// Figures -------------------------------------------------------------------------------------------------

export interface FigureRow {
  person_times: number;
  persons: number;
  enterprises: number;
  events: number;
}

/** Attendance at events organised in a subtree, checked in within [fromAt, toAt). */
export function subtreeFigures(
  db: DbOrTx,
  unit: { path: string },
  period: { fromAt: Date; toAt: Date },
): Promise<FigureRow & { held: number; by_kind: { kind: string; events: number }[] }> {
  return first(
    db,
    sql`WITH units AS (SELECT id FROM org_units WHERE path LIKE ${unit.path + '%'}),
        held AS (SELECT ev.id, ev.kind FROM events ev
          WHERE ev.org_unit_id IN (SELECT id FROM units) AND ev.state <> 'cancelled'
            AND ev.starts_at >= ${period.fromAt} AND ev.starts_at < ${period.toAt}),
        -- One pass over the attendances; persons compared bytewise (COLLATE "C"): the keys are codes, and a
        -- province's year sorted in the database's collation took seconds.
        att AS (SELECT count(*)::int AS person_times,
            count(DISTINCT a.person_key COLLATE "C")::int AS persons,
            count(DISTINCT a.enterprise_id)::int AS enterprises,
            count(DISTINCT a.event_id)::int AS events
          FROM event_attendances a WHERE a.event_id IN (SELECT id FROM held))
        SELECT att.person_times, att.persons, att.enterprises, att.events,
          (SELECT count(*)::int FROM held) AS held,
          (SELECT coalesce(json_agg(json_build_object('kind', kind, 'events', n) ORDER BY kind), '[]')
             FROM (SELECT kind, count(*)::int AS n FROM held GROUP BY kind) k) AS by_kind
        FROM att`,
  ) as never;
}

/**
 * Counted members (active, not merged) of the subtree with an attendance at any event in the period, from
 * the records: the definition the rollup below is held to.
 */
export async function membersReachedByRecords(
  db: DbOrTx,
  unit: { path: string },
  period: { fromAt: Date; toAt: Date },
): Promise<number> {
  const row = await first<{ n: number }>(
    db,
    sql`SELECT count(DISTINCT a.enterprise_id)::int AS n FROM event_attendances a
          JOIN enterprises e ON e.id = a.enterprise_id
          JOIN org_units u ON u.id = e.org_unit_id
         WHERE a.checked_in_at >= ${period.fromAt} AND a.checked_in_at < ${period.toAt}
           AND u.path LIKE ${unit.path + '%'} AND e.membership_status = 'active'
           AND e.merged_into_id IS NULL`,
  );
  return row?.n ?? 0;
}

/**
 * The members counted at a calendar year's end (activeAtPeriodEnd's rule: active, not merged, joined by
 * then or on an unknown day), from the counts the enterprises' triggers keep (0056).
 */
export async function membersAtYearEnd(db: DbOrTx, unit: { path: string }, year: number): Promise<number> {
  const row = await first<{ n: number }>(
    db,
    sql`SELECT coalesce(sum(c.members), 0)::int AS n FROM member_join_counts c
          JOIN org_units u ON u.id = c.org_unit_id
         WHERE c.joined_year <= ${year} AND u.path LIKE ${unit.path + '%'}`,
  );
  return row?.n ?? 0;
}

/** The same for one calendar year, from the counts the attendance and membership triggers keep (0056). */
export async function membersReachedInYear(
  db: DbOrTx,
  unit: { path: string },
  year: number,
): Promise<number> {
  const row = await first<{ n: number }>(
    db,
    sql`SELECT coalesce(sum(c.members), 0)::int AS n FROM event_reach_counts c
          JOIN org_units u ON u.id = c.org_unit_id
         WHERE c.year = ${year} AND u.path LIKE ${unit.path + '%'}`,
  );
  return row?.n ?? 0;
}

export interface ProgramTotalsRow {
  years: number;
  first_year: number | null;
  events: number;
  person_times: number;
  persons: number;
}

/**
 * A recurring program's totals over all its years (连续N年，累计X人次): its non-cancelled events organised in
 * the subtree of `organizerId` (the event's organiser), their years, 人次 and distinct persons.
 */
export async function programTotals(
  db: DbOrTx,
  organizerId: string,
  program: string,
): Promise<ProgramTotalsRow> {
  const row = await first<ProgramTotalsRow>(
    db,
    sql`WITH held AS (
          SELECT ev.id, ev.starts_at FROM events ev JOIN org_units o ON o.id = ev.org_unit_id
          WHERE ev.program = ${program} AND ev.state <> 'cancelled'
            AND o.path LIKE (SELECT path FROM org_units WHERE id = ${organizerId}) || '%'),
        att AS (SELECT a.person_key FROM event_attendances a WHERE a.event_id IN (SELECT id FROM held))
        SELECT count(DISTINCT extract(year FROM h.starts_at AT TIME ZONE 'Asia/Shanghai'))::int AS years,
          min(extract(year FROM h.starts_at AT TIME ZONE 'Asia/Shanghai'))::int AS first_year,
          count(*)::int AS events,
          (SELECT count(*)::int FROM att) AS person_times,
          (SELECT count(DISTINCT person_key COLLATE "C")::int FROM att) AS persons
        FROM held h`,
  );
  return row ?? { years: 0, first_year: null, events: 0, person_times: 0, persons: 0 };
}

const GROUP_KEY: Record<Exclude<EventGrouping, 'orgUnit'>, SQL> = {
  kind: sql`ev.kind`,
  organizer: sql`ev.org_unit_id::text`,
  month: sql`to_char(ev.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`,
};

export function groupedFigures(
  db: DbOrTx,
  unit: { id: string; path: string },
  period: { fromAt: Date; toAt: Date },
  groupBy: EventGrouping,
): Promise<(FigureRow & { key: string; label: string })[]> {
  // orgUnit: the child unit of the asked one the organiser lies under (the unit itself for its own events).
  const key =
    groupBy === 'orgUnit'
      ? sql`(SELECT c.id::text FROM org_units c WHERE o.path LIKE c.path || '%'
            AND (c.id = ${unit.id} OR c.parent_id = ${unit.id}) ORDER BY length(c.path) DESC LIMIT 1)`
      : GROUP_KEY[groupBy];
  return all(
    db,
    sql`WITH held AS (
          SELECT ev.id, ${key} AS key, o.name AS organizer_name FROM events ev JOIN org_units o ON o.id = ev.org_unit_id
          WHERE o.path LIKE ${unit.path + '%'} AND ev.state <> 'cancelled'
            AND ev.starts_at >= ${period.fromAt} AND ev.starts_at < ${period.toAt})
        SELECT h.key, min(h.organizer_name) AS label, count(DISTINCT h.id)::int AS events,
          count(a.id)::int AS person_times, count(DISTINCT a.person_key COLLATE "C")::int AS persons,
          count(DISTINCT a.enterprise_id)::int AS enterprises
        FROM held h LEFT JOIN event_attendances a ON a.event_id = h.id
        GROUP BY h.key ORDER BY h.key`,
  );
}

export async function unitNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await all<{ id: string; name: string }>(
    db,
    sql`SELECT id, name FROM org_units WHERE id = ANY (${sql.param([...ids])}::uuid[])`,
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

// Chambers' monthly duty ----------------------------------------------------------------------------------

/** The events each chamber (of the ids) held by month of the year (Asia/Shanghai), with their 人次. */
export function chamberMonths(
  db: DbOrTx,
  chamberIds: readonly string[],
  year: number,
): Promise<{ chamber_id: string; month: number; events: number; person_times: number }[]> {
  return all(
    db,
    sql`SELECT ev.org_unit_id AS chamber_id,
          extract(month FROM ev.starts_at AT TIME ZONE 'Asia/Shanghai')::int AS month,
          count(*)::int AS events,
          coalesce(sum((SELECT count(*) FROM event_attendances a WHERE a.event_id = ev.id)), 0)::int AS person_times
        FROM events ev
        WHERE ev.org_unit_id = ANY (${sql.param([...chamberIds])}::uuid[]) AND ev.state <> 'cancelled'
          AND ev.starts_at >= (make_date(${year}, 1, 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND ev.starts_at < (make_date(${year + 1}, 1, 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
        GROUP BY 1, 2`,
  );
}

/**
 * Each chamber's live members (active, not merged) and how many of them had someone checked in at any event
 * during the year (Asia/Shanghai), whoever organised it.
 */
export function chamberParticipation(
  db: DbOrTx,
  chamberIds: readonly string[],
  year: number,
): Promise<{ chamber_id: string; members: number; reached: number }[]> {
  return all(
    db,
    sql`SELECT m.chamber_id, count(*)::int AS members,
          count(*) FILTER (WHERE EXISTS (SELECT 1 FROM event_attendances a WHERE a.enterprise_id = m.enterprise_id
            AND a.checked_in_at >= (make_date(${year}, 1, 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
            AND a.checked_in_at < (make_date(${year + 1}, 1, 1)::timestamp AT TIME ZONE 'Asia/Shanghai')))::int AS reached
        FROM chamber_memberships m JOIN enterprises e ON e.id = m.enterprise_id
        WHERE m.chamber_id = ANY (${sql.param([...chamberIds])}::uuid[])
          AND e.membership_status = 'active' AND e.merged_into_id IS NULL
        GROUP BY m.chamber_id`,
  );
}

/** Chambers the actor may read (a federation reader's subtree, a secretary's own). */
export function chambersInScope(
  db: DbOrTx,
  actor: Actor,
  id?: string,
): Promise<{ id: string; name: string; created_at: Date }[]> {
  const scope: SQL[] = [];
  if (actor.roles.some((r) => r === 'federation_staff' || r === 'federation_leader'))
    scope.push(sql`u.path LIKE ${actor.orgPath + '%'}`);
  if (actor.roles.includes('chamber_secretary')) scope.push(sql`u.path LIKE ${actor.orgPath + '%'}`);
  if (scope.length === 0) return Promise.resolve([]);
  return all(
    db,
    sql`SELECT u.id, u.name, u.created_at FROM org_units u
        WHERE u.kind IN ('chamber', 'association') AND (${sql.join(scope, sql` OR `)})
          ${id ? sql`AND u.id = ${id}` : sql``}
        ORDER BY u.path`,
  );
}

// Honours -------------------------------------------------------------------------------------------------

export interface HonourRow {
  id: string;
  enterprise_id: string | null;
  person_id: string | null;
  holder_name: string;
  title: string;
  level: 'national' | 'province' | 'city' | 'district' | 'street';
  issuer: string;
  year: number;
  evidence: string | null;
  created_at: Date;
}

export function findHolder(
  db: DbOrTx,
  actor: Actor,
  kind: 'enterprise' | 'person',
  id: string,
): Promise<{ id: string; name: string; org_unit_id: string } | undefined> {
  return first(
    db,
    kind === 'enterprise'
      ? sql`SELECT x.id, x.name, x.org_unit_id FROM enterprises x WHERE x.id = ${id} AND x.merged_into_id IS NULL AND ${honourWriteScope(actor)}`
      : sql`SELECT x.id, x.name, x.org_unit_id FROM people x WHERE x.id = ${id} AND ${honourWriteScope(actor)}`,
  );
}

export function insertHonour(
  db: DbOrTx,
  h: {
    orgUnitId: string;
    enterpriseId: string | null;
    personId: string | null;
    holderName: string;
    title: string;
    level: string;
    issuer: string;
    year: number;
    evidence: string | null;
    recordedBy: string;
    now: Date;
  },
): Promise<HonourRow | undefined> {
  return first(
    db,
    sql`INSERT INTO honours (org_unit_id, enterprise_id, person_id, holder_name, title, level, issuer, year,
          evidence, recorded_by, created_at)
        VALUES (${h.orgUnitId}, ${h.enterpriseId}, ${h.personId}, ${h.holderName}, ${h.title}, ${h.level},
          ${h.issuer}, ${h.year}, ${h.evidence}, ${h.recordedBy}, ${h.now})
        ON CONFLICT DO NOTHING
        RETURNING id, enterprise_id, person_id, holder_name, title, level, issuer, year, evidence, created_at`,
  );
}

export function listHonours(
  db: DbOrTx,
  actor: Actor,
  filter: { holderId?: string; level?: string; year?: number },
): Promise<HonourRow[]> {
  const conditions: SQL[] = [honourReadScope(actor)];
  if (filter.holderId)
    conditions.push(sql`(h.enterprise_id = ${filter.holderId} OR h.person_id = ${filter.holderId})`);
  if (filter.level) conditions.push(sql`h.level = ${filter.level}`);
  if (filter.year) conditions.push(sql`h.year = ${filter.year}`);
  return all(
    db,
    sql`SELECT h.id, h.enterprise_id, h.person_id, h.holder_name, h.title, h.level, h.issuer, h.year, h.evidence,
          h.created_at
        FROM honours h WHERE ${sql.join(conditions, sql` AND `)}
        ORDER BY h.year DESC, CASE h.level WHEN 'national' THEN 0 WHEN 'province' THEN 1 WHEN 'city' THEN 2
          WHEN 'district' THEN 3 ELSE 4 END, h.holder_name, h.id
        LIMIT 1000`,
  );
}

/** Honours won in the period's years by holders of the subtree, by level (the reports count them). */
export function honoursByLevel(
  db: DbOrTx,
  unit: { path: string },
  years: { from: number; to: number },
): Promise<{ level: string; count: number }[]> {
  return all(
    db,
    sql`SELECT h.level, count(*)::int AS count FROM honours h
        WHERE h.org_unit_id IN (SELECT id FROM org_units WHERE path LIKE ${unit.path + '%'})
          AND h.year BETWEEN ${years.from} AND ${years.to}
        GROUP BY h.level`,
  );
}

/**
 * Chambers of a subtree and how many (chamber, month) pairs of the period they held no activity in, counting
 * only months already over on `today` (Asia/Shanghai).
 */
export async function chamberMonthsMissed(
  db: DbOrTx,
  unit: { path: string },
  period: { from: string; to: string },
  today: string,
): Promise<{ chambers: number; missing: number }> {
  const row = await first<{ chambers: number; missing: number }>(
    db,
    sql`WITH months AS (
          SELECT m::date AS month FROM generate_series(date_trunc('month', ${period.from}::date),
            date_trunc('month', least(${period.to}::date, ${today}::date)), interval '1 month') m
          WHERE m < date_trunc('month', ${today}::date)),
        chambers AS (SELECT id FROM org_units WHERE path LIKE ${unit.path + '%'} AND kind IN ('chamber', 'association')),
        missed AS (
          SELECT c.id, mo.month FROM chambers c CROSS JOIN months mo
          WHERE NOT EXISTS (SELECT 1 FROM events ev WHERE ev.org_unit_id = c.id AND ev.state <> 'cancelled'
            AND ev.starts_at >= (mo.month::timestamp AT TIME ZONE 'Asia/Shanghai')
            AND ev.starts_at < ((mo.month + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai')))
        SELECT count(DISTINCT id)::int AS chambers, count(*)::int AS missing FROM missed`,
  );
  return row ?? { chambers: 0, missing: 0 };
}

// 活动类型 event kinds (0055) ---------------------------------------------------------------------------------

export interface KindDefinitionRow {
  code: string;
  label: string;
  sort: number;
  active: boolean;
  version: number;
  org_unit_id: string;
  owner_name: string;
  owner_path: string;
}

/** The kind definitions of a unit and its ancestors, the nearest last (the one in effect per code). */
export function kindDefinitionsAt(db: DbOrTx, path: string): Promise<KindDefinitionRow[]> {
  return all(
    db,
    sql`SELECT k.code, k.label, k.sort, k.active, k.version, k.org_unit_id, o.name AS owner_name,
          o.path AS owner_path
        FROM event_kinds k JOIN org_units o ON o.id = k.org_unit_id
        WHERE starts_with(${path}, o.path)
        ORDER BY length(o.path), k.code`,
  );
}

export function findKindUnit(
  db: DbOrTx,
  id: string,
): Promise<{ id: string; name: string; kind: string; path: string } | undefined> {
  return first(db, sql`SELECT id, name, kind, path FROM org_units WHERE id = ${id}`);
}

/** The unit's own definition of a code, locked: one change at a time, checked against its version. */
export function lockKindDefinition(
  db: DbOrTx,
  unitId: string,
  code: string,
): Promise<{ label: string; sort: number; active: boolean; version: number } | undefined> {
  return first(
    db,
    sql`SELECT label, sort, active, version FROM event_kinds
        WHERE org_unit_id = ${unitId} AND code = ${code} FOR UPDATE`,
  );
}

export async function saveKindDefinition(
  db: DbOrTx,
  unitId: string,
  code: string,
  k: { label: string; sort: number; active: boolean; version: number; now: Date },
): Promise<void> {
  await db.execute(
    sql`INSERT INTO event_kinds (org_unit_id, code, label, sort, active, version, updated_at)
        VALUES (${unitId}, ${code}, ${k.label}, ${k.sort}, ${k.active}, ${k.version}, ${k.now})
        ON CONFLICT (org_unit_id, code) DO UPDATE SET label = excluded.label, sort = excluded.sort,
          active = excluded.active, version = excluded.version, updated_at = excluded.updated_at`,
  );
}

/** A code for a kind a federation adds: unique across the tree. */
export async function nextKindCode(db: DbOrTx): Promise<string> {
  const row = await first<{ n: string }>(db, sql`SELECT nextval('event_kind_codes')::text AS n`);
  return `custom_${row!.n}`;
}

/**
 * Labels of kind codes as a unit sees them: the definition in effect at its path, else (a kind a federation
 * below it added) the adding federation's, else null (a built-in code).
 */
export async function kindLabelsAt(
  db: DbOrTx,
  path: string,
  codes: readonly string[],
): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await all<{ code: string; label: string | null }>(
    db,
    sql`SELECT c AS code, coalesce(event_kind_label(c, ${path}),
          (SELECT k.label FROM event_kinds k JOIN org_units o ON o.id = k.org_unit_id
            WHERE k.code = c ORDER BY length(o.path), o.path LIMIT 1)) AS label
        FROM unnest(${sql.param([...codes])}::text[]) AS c`,
  );
  return new Map(rows.filter((r) => r.label !== null).map((r) => [r.code, r.label!]));
}
