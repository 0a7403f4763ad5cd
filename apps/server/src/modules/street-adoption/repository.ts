// Queries over 小巷管家: street segments with their live adoption, adoptions, matters and their helpers, and
// the coverage of a subtree's streets — within the caller's scope (core/access/volunteer-scope.ts).
import { sql, type SQL } from 'drizzle-orm';
import type {
  StreetMatterKind,
  StreetMatterListQuery,
  StreetSegmentKind,
  StreetSegmentListQuery,
} from '@qinqing/shared';
import { withinScope } from '../../core/access/access.ts';
import { enterpriseScope, peopleScope } from '../../core/access/registry-scope.ts';
import { streetScope, type VolunteerScopeMode } from '../../core/access/volunteer-scope.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { escapeLike } from '../../core/sql.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { streetMatters } from '../../db/schema/index.ts';

const where = (conditions: SQL[]) => sql.join(conditions, sql` AND `);

/** A street (街道 org unit) in the caller's subtree, for reading or for changes. */
export async function findStreet(
  db: DbOrTx,
  actor: Actor,
  id: string,
  mode: VolunteerScopeMode = 'read',
): Promise<{ id: string; name: string } | undefined> {
  const canWrite = mode === 'read' || actor.roles.includes('federation_staff');
  if (!canWrite) return undefined;
  const { rows } = await db.execute<{ id: string; name: string }>(
    sql`SELECT id, name FROM org_units WHERE id = ${id} AND kind = 'street' AND path LIKE ${actor.orgPath + '%'}`,
  );
  return rows[0];
}

export type SegmentRow = {
  id: string;
  street_org_unit_id: string;
  street_name: string;
  kind: StreetSegmentKind;
  name: string;
  extent: string | null;
  length_m: number | null;
  adoption_id: string | null;
  adopter_enterprise_id: string | null;
  adopter_person_id: string | null;
  adopter_name: string | null;
  adopted_on: string | null;
  matters: number;
};

const segmentColumns = sql`street_segments.id, street_segments.street_org_unit_id, ou.name AS street_name,
  street_segments.kind, street_segments.name, street_segments.extent, street_segments.length_m,
  a.id AS adoption_id, a.adopter_enterprise_id, a.adopter_person_id,
  coalesce(ae.name, ap.name) AS adopter_name, a.adopted_on::text AS adopted_on,
  (SELECT count(*) FROM street_matters m WHERE m.segment_id = street_segments.id)::int AS matters`;

const segmentFrom = sql`street_segments JOIN org_units ou ON ou.id = street_segments.street_org_unit_id
  LEFT JOIN street_adoptions a ON a.segment_id = street_segments.id AND a.ended_on IS NULL
  LEFT JOIN enterprises ae ON ae.id = a.adopter_enterprise_id
  LEFT JOIN people ap ON ap.id = a.adopter_person_id`;

export async function listSegments(
  db: DbOrTx,
  actor: Actor,
  query: StreetSegmentListQuery,
): Promise<{ rows: SegmentRow[]; total: number }> {
  const conditions = [streetScope(actor), sql`street_segments.street_org_unit_id = ${query.streetOrgUnitId}`];
  if (query.kind) conditions.push(sql`street_segments.kind = ${query.kind}`);
  if (query.adopted !== undefined) conditions.push(query.adopted ? sql`a.id IS NOT NULL` : sql`a.id IS NULL`);
  if (query.q) conditions.push(sql`street_segments.name ILIKE ${`%${escapeLike(query.q)}%`}`);
  const { rows } = await db.execute<SegmentRow>(
    sql`SELECT ${segmentColumns} FROM ${segmentFrom} WHERE ${where(conditions)}
         ORDER BY street_segments.kind DESC, street_segments.name, street_segments.id
         LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
  );
  const totals = await db.execute<{ total: number }>(
    sql`SELECT count(*)::int AS total FROM ${segmentFrom} WHERE ${where(conditions)}`,
  );
  return { rows, total: totals.rows[0]?.total ?? 0 };
}

export async function findSegment(
  db: DbOrTx,
  actor: Actor,
  id: string,
  options: { mode?: VolunteerScopeMode; forUpdate?: boolean } = {},
): Promise<SegmentRow | undefined> {
  const { rows } = await db.execute<SegmentRow>(
    sql`SELECT ${segmentColumns} FROM ${segmentFrom}
         WHERE street_segments.id = ${id} AND ${streetScope(actor, options.mode ?? 'read')}
         ${options.forUpdate ? sql`FOR UPDATE OF street_segments` : sql``}`,
  );
  return rows[0];
}

export interface SegmentValues {
  kind: StreetSegmentKind;
  name: string;
  extent: string | null;
  lengthM: number | null;
}

export async function insertSegment(
  db: DbOrTx,
  streetOrgUnitId: string,
  values: SegmentValues,
  createdBy: string,
): Promise<string | undefined> {
  const { rows } = await db.execute<{ id: string }>(
    sql`INSERT INTO street_segments (street_org_unit_id, kind, name, extent, length_m, created_by)
        VALUES (${streetOrgUnitId}, ${values.kind}, ${values.name}, ${values.extent}, ${values.lengthM}, ${createdBy})
        ON CONFLICT (street_org_unit_id, kind, name) DO NOTHING RETURNING id`,
  );
  return rows[0]?.id;
}

/** A street's segments by their import key, locked against a concurrent import of the same street. */
export async function segmentsByKey(
  db: DbOrTx,
  streetOrgUnitId: string,
): Promise<Map<string, { id: string; extent: string | null; length_m: number | null }>> {
  const { rows } = await db.execute<{
    id: string;
    kind: string;
    name: string;
    extent: string | null;
    length_m: number | null;
  }>(
    sql`SELECT id, kind, name, extent, length_m FROM street_segments WHERE street_org_unit_id = ${streetOrgUnitId}
        FOR UPDATE`,
  );
  return new Map(rows.map((row) => [`${row.kind}\u0000${row.name}`, row]));
}

export async function updateSegment(
  db: DbOrTx,
  id: string,
  values: { extent: string | null; lengthM: number | null },
  now: Date,
): Promise<void> {
  await db.execute(
    sql`UPDATE street_segments SET extent = ${values.extent}, length_m = ${values.lengthM}, updated_at = ${now.toISOString()}
         WHERE id = ${id}`,
  );
}

/** An adopter the actor may name: an enterprise or a person within their write scope. */
export async function findAdopter(
  db: DbOrTx,
  actor: Actor,
  adopter: { enterpriseId?: string; personId?: string },
): Promise<{ id: string; name: string } | undefined> {
  const { rows } = adopter.enterpriseId
    ? await db.execute<{ id: string; name: string }>(
        sql`SELECT enterprises.id, enterprises.name FROM enterprises
             WHERE enterprises.id = ${adopter.enterpriseId} AND ${enterpriseScope(actor, 'write')}`,
      )
    : await db.execute<{ id: string; name: string }>(
        sql`SELECT people.id, people.name FROM people WHERE people.id = ${adopter.personId!} AND ${peopleScope(actor, 'write')}`,
      );
  return rows[0];
}

export async function insertAdoption(
  db: DbOrTx,
  values: {
    segmentId: string;
    enterpriseId: string | null;
    personId: string | null;
    adoptedOn: string;
    createdBy: string;
  },
): Promise<string> {
  const { rows } = await db.execute<{ id: string }>(
    sql`INSERT INTO street_adoptions (segment_id, adopter_enterprise_id, adopter_person_id, adopted_on, created_by)
        VALUES (${values.segmentId}, ${values.enterpriseId}, ${values.personId}, ${values.adoptedOn}, ${values.createdBy})
        RETURNING id`,
  );
  return rows[0]!.id;
}

export type AdoptionRow = {
  id: string;
  segment_id: string;
  adopted_on: string;
  ended_on: string | null;
};

/** An adoption whose segment is in the actor's write scope, locked. */
export async function findAdoptionForUpdate(
  db: DbOrTx,
  actor: Actor,
  id: string,
): Promise<AdoptionRow | undefined> {
  const { rows } = await db.execute<AdoptionRow>(
    sql`SELECT a.id, a.segment_id, a.adopted_on::text AS adopted_on, a.ended_on::text AS ended_on
          FROM street_adoptions a JOIN street_segments ON street_segments.id = a.segment_id
         WHERE a.id = ${id} AND ${streetScope(actor, 'write')} FOR UPDATE OF a`,
  );
  return rows[0];
}

export async function endAdoption(db: DbOrTx, id: string, endedOn: string, reason: string): Promise<void> {
  await db.execute(
    sql`UPDATE street_adoptions SET ended_on = ${endedOn}, end_reason = ${reason} WHERE id = ${id}`,
  );
}

/** Of the given volunteer ids, those the actor may read, with their names. */
export async function volunteerNames(
  db: DbOrTx,
  actor: Actor,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.execute<{ id: string; name: string }>(
    sql`SELECT volunteers.id, volunteers.name FROM volunteers
         WHERE volunteers.id = ANY (${sql.param([...ids])}::uuid[]) AND ${withinScope(sql`volunteers.org_unit_id`, actor)}`,
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function insertMatter(
  db: DbOrTx,
  values: {
    segmentId: string;
    streetOrgUnitId: string;
    handledOn: string;
    kind: StreetMatterKind;
    description: string;
    hotlineCaseNumber: string | null;
    helpers: readonly { name: string; volunteerId: string | null }[];
    createdBy: string;
  },
): Promise<string | undefined> {
  const { rows } = await db.execute<{ id: string }>(
    sql`INSERT INTO street_matters (segment_id, street_org_unit_id, handled_on, kind, description, hotline_case_number, created_by)
        VALUES (${values.segmentId}, ${values.streetOrgUnitId}, ${values.handledOn}, ${values.kind}, ${values.description},
                ${values.hotlineCaseNumber}, ${values.createdBy})
        ON CONFLICT (hotline_case_number) DO NOTHING RETURNING id`,
  );
  const id = rows[0]?.id;
  if (id && values.helpers.length > 0) {
    await db.execute(
      sql`INSERT INTO street_matter_helpers (matter_id, ordinal, name, volunteer_id)
          SELECT ${id}, h.ordinal, h.name, h.volunteer_id
            FROM unnest(${sql.param(values.helpers.map((_, i) => i + 1))}::int[],
                        ${sql.param(values.helpers.map((h) => h.name))}::text[],
                        ${sql.param(values.helpers.map((h) => h.volunteerId))}::uuid[]) AS h (ordinal, name, volunteer_id)`,
    );
  }
  return id;
}

export type MatterRow = {
  id: string;
  segment_id: string;
  segment_name: string;
  segment_kind: StreetSegmentKind;
  street_org_unit_id: string;
  street_name: string;
  handled_on: string;
  kind: StreetMatterKind;
  description: string;
  hotline_case_number: string | null;
  helpers: { name: string; volunteerId: string | null }[];
};

const matterColumns = sql`street_matters.id, street_matters.segment_id, s.name AS segment_name, s.kind AS segment_kind,
  street_matters.street_org_unit_id, ou.name AS street_name, street_matters.handled_on::text AS handled_on,
  street_matters.kind, street_matters.description, street_matters.hotline_case_number,
  coalesce((SELECT json_agg(json_build_object('name', h.name, 'volunteerId', h.volunteer_id) ORDER BY h.ordinal)
              FROM street_matter_helpers h WHERE h.matter_id = street_matters.id), '[]'::json) AS helpers`;

const matterFrom = sql`street_matters JOIN street_segments s ON s.id = street_matters.segment_id
  JOIN org_units ou ON ou.id = street_matters.street_org_unit_id`;

export async function listMatters(
  db: DbOrTx,
  actor: Actor,
  unitPath: string,
  query: StreetMatterListQuery,
): Promise<{ rows: MatterRow[]; total: number; hotlineCases: number; hotlinePersonTimes: number }> {
  const conditions = [
    withinScope(streetMatters.streetOrgUnitId, actor),
    withinScope(streetMatters.streetOrgUnitId, { orgPath: unitPath }),
  ];
  if (query.hotline !== undefined) {
    conditions.push(
      query.hotline
        ? sql`street_matters.hotline_case_number IS NOT NULL`
        : sql`street_matters.hotline_case_number IS NULL`,
    );
  }
  if (query.from) conditions.push(sql`street_matters.handled_on >= ${query.from}::date`);
  if (query.to) conditions.push(sql`street_matters.handled_on <= ${query.to}::date`);
  const { rows } = await db.execute<MatterRow>(
    sql`SELECT ${matterColumns} FROM ${matterFrom} WHERE ${where(conditions)}
         ORDER BY street_matters.handled_on DESC, street_matters.created_at DESC, street_matters.id
         LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
  );
  const totals = await db.execute<{ total: number; hotline_cases: number; hotline_person_times: number }>(
    sql`SELECT count(*)::int AS total,
               count(*) FILTER (WHERE street_matters.hotline_case_number IS NOT NULL)::int AS hotline_cases,
               coalesce(sum((SELECT count(*) FROM street_matter_helpers h WHERE h.matter_id = street_matters.id))
                 FILTER (WHERE street_matters.hotline_case_number IS NOT NULL), 0)::int AS hotline_person_times
          FROM street_matters WHERE ${where(conditions)}`,
  );
  const total = totals.rows[0]!;
  return {
    rows,
    total: total.total,
    hotlineCases: total.hotline_cases,
    hotlinePersonTimes: total.hotline_person_times,
  };
}

export async function findMatter(db: DbOrTx, id: string): Promise<MatterRow | undefined> {
  const { rows } = await db.execute<MatterRow>(
    sql`SELECT ${matterColumns} FROM ${matterFrom} WHERE street_matters.id = ${id}`,
  );
  return rows[0];
}

export type StreetCoverageRow = {
  org_unit_id: string;
  name: string;
  main_streets: number;
  main_streets_adopted: number;
  alleys: number;
  alleys_adopted: number;
  matters: number;
  hotline_cases: number;
  hotline_person_times: number;
};

/**
 * Every street (街道 org unit) of a subtree with its segments by kind and those adopted on `day` (adopted on
 * or before it and not ended by it), and its matters and hotline cases (handled within `period`, or ever).
 */
export async function coverageByStreet(
  db: DbOrTx,
  unitPath: string,
  day: string,
  period?: { from: string; to: string },
): Promise<StreetCoverageRow[]> {
  const handled = period ? sql`AND m.handled_on BETWEEN ${period.from}::date AND ${period.to}::date` : sql``;
  const { rows } = await db.execute<StreetCoverageRow>(
    sql`WITH streets AS (
          SELECT id, name, path FROM org_units WHERE path LIKE ${unitPath + '%'} AND kind = 'street'
        ), segments AS (
          SELECT s.street_org_unit_id, s.kind,
                 EXISTS (SELECT 1 FROM street_adoptions a
                          WHERE a.segment_id = s.id AND a.adopted_on <= ${day}::date
                            AND (a.ended_on IS NULL OR a.ended_on > ${day}::date)) AS adopted
            FROM street_segments s WHERE s.street_org_unit_id IN (SELECT id FROM streets)
        ), by_street AS (
          SELECT street_org_unit_id,
                 count(*) FILTER (WHERE kind = 'main_street')::int AS main_streets,
                 count(*) FILTER (WHERE kind = 'main_street' AND adopted)::int AS main_streets_adopted,
                 count(*) FILTER (WHERE kind = 'alley')::int AS alleys,
                 count(*) FILTER (WHERE kind = 'alley' AND adopted)::int AS alleys_adopted
            FROM segments GROUP BY street_org_unit_id
        ), matters AS (
          SELECT m.street_org_unit_id, count(*)::int AS matters,
                 count(*) FILTER (WHERE m.hotline_case_number IS NOT NULL)::int AS hotline_cases,
                 coalesce(sum((SELECT count(*) FROM street_matter_helpers h WHERE h.matter_id = m.id))
                   FILTER (WHERE m.hotline_case_number IS NOT NULL), 0)::int AS hotline_person_times
            FROM street_matters m WHERE m.street_org_unit_id IN (SELECT id FROM streets) ${handled}
           GROUP BY m.street_org_unit_id
        )
        SELECT st.id AS org_unit_id, st.name,
               coalesce(b.main_streets, 0) AS main_streets, coalesce(b.main_streets_adopted, 0) AS main_streets_adopted,
               coalesce(b.alleys, 0) AS alleys, coalesce(b.alleys_adopted, 0) AS alleys_adopted,
               coalesce(m.matters, 0) AS matters, coalesce(m.hotline_cases, 0) AS hotline_cases,
               coalesce(m.hotline_person_times, 0) AS hotline_person_times
          FROM streets st LEFT JOIN by_street b ON b.street_org_unit_id = st.id
          LEFT JOIN matters m ON m.street_org_unit_id = st.id
         ORDER BY st.path`,
  );
  return rows;
}
