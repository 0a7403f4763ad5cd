// Queries behind the 工作看板 dashboard that the appeal figures (modules/appeal-stats) do not already answer:
// member counts from the rollups of migration 0012 (by status, industry section, size, party state and child
// unit in one pass), chamber members, joined and left in a period, and done visits with visit coverage.
import { sql, type SQL } from 'drizzle-orm';
import { withinScope } from '../../core/access/access.ts';
import type { Db } from '../../db/connection.ts';
import { COUNTERS, type KeyedCounters, type Scope } from '../appeal-stats/repository.ts';

/**
 * The org units of the subtree as a hashed set: for the queries driven by a day index (joined, left,
 * visits), where `withinScope`'s array would be searched row by row. The subtree is one the caller's scope
 * holds (checked by the service), so this narrows, never widens, what they see.
 */
const inSubtree = (column: SQL, scope: Scope) =>
  sql`${column} IN (SELECT id FROM org_units WHERE path LIKE ${scope.orgPath + '%'})`;

/**
 * The statements here aggregate many rows once: compiling them (JIT) would cost more than it saves, and a
 * province's year of visits is hashed in memory rather than in batches on disk.
 */
async function rowsOf<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL jit = off`);
    await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
    return (await tx.execute<T>(query)).rows as T[];
  });
}

/** A counter's column in appeal_rollups (migration 0010): its name in snake case. */
const rollupColumn = (counter: string) => counter.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The appeal counters of whole months from appeal_rollups (migration 0010), by month and category in one
 * scan: the dashboard's categories, trend and totals are sums of these rows. Keys are 'YYYY-MM category'.
 */
export function appealCountersByMonthAndCategory(
  db: Db,
  scope: Scope,
  months: { from: string; to: string },
): Promise<KeyedCounters[]> {
  const sums = sql.join(
    COUNTERS.map(
      (counter) => sql`sum(r.${sql.raw(rollupColumn(counter))})::int AS ${sql.identifier(counter)}`,
    ),
    sql`, `,
  );
  return rowsOf<KeyedCounters>(
    db,
    sql`SELECT to_char(r.month, 'YYYY-MM') || ' ' || r.category_code AS key, ${sums}
      FROM appeal_rollups r
      WHERE ${withinScope(sql`r.org_unit_id`, scope)}
        AND r.month BETWEEN ${months.from}::date AND ${months.to}::date
      GROUP BY r.month, r.category_code`,
  );
}

export interface MemberGroupRow extends Record<string, unknown> {
  /** Which grouping the row belongs to: a rollup dimension, or the child unit. */
  by: 'status' | 'industry' | 'size' | 'party' | 'unit';
  key: string;
  /** Members of every status (the status grouping), or active members (the others). */
  members: number;
}

/**
 * Member counts of the subtree of `base` from member_rollups: all statuses by status; active members by
 * industry section, by size, by party state, and by the child unit of `base` whose subtree holds them
 * (`base` itself for members registered directly with it).
 */
export function memberGroups(
  db: Db,
  scope: Scope,
  base: { id: string; path: string },
): Promise<MemberGroupRow[]> {
  return rowsOf<MemberGroupRow>(
    db,
    sql`SELECT r.dimension AS "by", r.value AS key, sum(r.members)::int AS members
      FROM member_rollups r
      WHERE ${withinScope(sql`r.org_unit_id`, scope)}
      GROUP BY 1, 2
      UNION ALL
      SELECT 'unit', CASE WHEN ou.id = ${base.id} THEN ou.id::text
          ELSE substr(ou.path, ${base.path.length + 1}, 36) END,
        sum(r.members)::int
      FROM member_rollups r JOIN org_units ou ON ou.id = r.org_unit_id
      WHERE ${withinScope(sql`r.org_unit_id`, scope)} AND r.dimension = 'status' AND r.value = 'active'
      GROUP BY 2`,
  );
}

export interface ChamberRow extends Record<string, unknown> {
  id: string;
  name: string;
  members: number;
}

/** The chambers and associations of the subtree with their active members, the largest first. */
export function chamberMembers(db: Db, scope: Scope, limit: number): Promise<ChamberRow[]> {
  return rowsOf<ChamberRow>(
    db,
    sql`SELECT ou.id, ou.name, coalesce(sum(r.members) FILTER (WHERE r.status = 'active'), 0)::int AS members
      FROM org_units ou LEFT JOIN chamber_member_rollups r ON r.chamber_id = ou.id
      WHERE ou.kind IN ('chamber', 'association') AND ${withinScope(sql`ou.id`, scope)}
      GROUP BY ou.id, ou.name
      ORDER BY 3 DESC, ou.name
      LIMIT ${limit}`,
  );
}

/**
 * Members of the subtree (merged duplicates left out) who joined in the period (joined_on), and who left
 * in it (withdrawn, membership_status_on in the period) — as the reports count them.
 */
export async function joinedAndLeft(
  db: Db,
  scope: Scope,
  period: { from: string; to: string },
): Promise<{ joined: number; left: number }> {
  const [joined, left] = await Promise.all([
    rowsOf<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM enterprises
        WHERE merged_into_id IS NULL AND joined_on IS NOT NULL
          AND joined_on BETWEEN ${period.from}::date AND ${period.to}::date
          AND ${inSubtree(sql`org_unit_id`, scope)}`,
    ),
    rowsOf<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM enterprises
        WHERE merged_into_id IS NULL AND membership_status = 'withdrawn'
          AND membership_status_on BETWEEN ${period.from}::date AND ${period.to}::date
          AND ${inSubtree(sql`org_unit_id`, scope)}`,
    ),
  ]);
  return { joined: joined[0]?.n ?? 0, left: left[0]?.n ?? 0 };
}

export interface VisitCounts {
  visits: number;
  enterprisesVisited: number;
  visitedMembers: number;
}

/**
 * Done visits counted for the subtree (the visit's org unit) made in the period, their distinct
 * enterprises; and the active members of the subtree with a done visit in the period, by anyone — the
 * numerator of 走访覆盖率 as modules/visits defines it (members from enterprises_active_scope_idx, matched
 * against the period's visits from visits_done_day_idx: neither reads a table row).
 */
export async function visitCounts(
  db: Db,
  scope: Scope,
  period: { from: string; to: string },
): Promise<VisitCounts> {
  const [made, covered] = await Promise.all([
    rowsOf<{ visits: number; enterprises: number }>(
      db,
      sql`SELECT count(*)::int AS visits, count(DISTINCT enterprise_id)::int AS enterprises
        FROM visits
        WHERE status = 'done' AND visited_on BETWEEN ${period.from}::date AND ${period.to}::date
          AND ${inSubtree(sql`org_unit_id`, scope)}`,
    ),
    rowsOf<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM enterprises e
        WHERE ${withinScope(sql`e.org_unit_id`, scope)}
          AND e.merged_into_id IS NULL AND e.membership_status = 'active'
          AND EXISTS (
            SELECT 1 FROM visits v
            WHERE v.enterprise_id = e.id AND v.status = 'done'
              AND v.visited_on BETWEEN ${period.from}::date AND ${period.to}::date
          )`,
    ),
  ]);
  return {
    visits: made[0]?.visits ?? 0,
    enterprisesVisited: made[0]?.enterprises ?? 0,
    visitedMembers: covered[0]?.n ?? 0,
  };
}

/** Recounts the member rollups from the records (rebuild_member_rollups, migration 0012). */
export async function rebuildMemberRollups(db: Db): Promise<void> {
  await db.execute(sql`SELECT rebuild_member_rollups()`);
}
