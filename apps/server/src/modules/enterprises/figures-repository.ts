// Member figures of a subtree (会员): counts from the rollups of migration 0012 (by status, industry section,
// size, party state and child unit in one pass); joined and left in a period, and the members active at a
// period's end, from the records.
import { sql } from 'drizzle-orm';
import { withinScope, withinSizedScope } from '../../core/access/access.ts';
import { sideBySide, type Db, type DbOrTx } from '../../db/connection.ts';
import { aggregateRows } from '../../db/aggregate.ts';

/** The org subtree counted. */
export interface FigureScope {
  orgPath: string;
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
  db: DbOrTx,
  scope: FigureScope,
  base: { id: string; path: string },
): Promise<MemberGroupRow[]> {
  return aggregateRows<MemberGroupRow>(
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

/**
 * Members of the subtree (merged duplicates left out) who joined in the period (joined_on), and who left
 * in it (withdrawn, membership_status_on in the period) — as the reports count them.
 */
export async function joinedAndLeft(
  db: DbOrTx,
  scope: FigureScope,
  period: { from: string; to: string },
): Promise<{ joined: number; left: number }> {
  const [joined, left] = await sideBySide(db, [
    () =>
      aggregateRows<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM enterprises
          WHERE merged_into_id IS NULL AND joined_on IS NOT NULL
            AND joined_on BETWEEN ${period.from}::date AND ${period.to}::date
            AND ${withinSizedScope(sql`org_unit_id`, scope)}`,
      ),
    () =>
      aggregateRows<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM enterprises
          WHERE merged_into_id IS NULL AND membership_status = 'withdrawn'
            AND membership_status_on BETWEEN ${period.from}::date AND ${period.to}::date
            AND ${withinSizedScope(sql`org_unit_id`, scope)}`,
      ),
  ]);
  return { joined: joined[0]?.n ?? 0, left: left[0]?.n ?? 0 };
}

/** A member (`e`) active now that had joined by the period's end (or on an unknown day). */
export const activeAtEnd = (period: { to: string }) =>
  sql`(e.membership_status = 'active' AND (e.joined_on IS NULL OR e.joined_on <= ${period.to}::date))`;

/**
 * The members active at the period's end, as the reports count them (merged duplicates left out): active
 * now, and joined by the period's end (or on an unknown day) — a report of a past period does not count
 * those who joined after it. The base of the reports' visit coverage.
 */
export async function activeAtPeriodEnd(
  db: DbOrTx,
  scope: FigureScope,
  period: { to: string },
): Promise<number> {
  const [row] = await aggregateRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM enterprises e
      WHERE ${withinScope(sql`e.org_unit_id`, scope)}
        AND e.merged_into_id IS NULL AND ${activeAtEnd(period)}`,
  );
  return row?.n ?? 0;
}

/** Recounts the member rollups from the records (rebuild_member_rollups, migration 0012). */
export async function rebuildMemberRollups(db: Db): Promise<void> {
  await db.execute(sql`SELECT rebuild_member_rollups()`);
}
