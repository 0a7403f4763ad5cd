// Visit figures of a subtree (走访): done visits made in a period, the enterprises they reached, and the
// active members visited — the numerator of 走访覆盖率 (visit coverage).
import { sql } from 'drizzle-orm';
import { withinScope, withinSizedScope } from '../../core/access/access.ts';
import type { Db } from '../../db/connection.ts';
import { aggregateRows } from '../../db/aggregate.ts';

/** The org subtree counted. */
export interface FigureScope {
  orgPath: string;
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
  scope: FigureScope,
  period: { from: string; to: string },
): Promise<VisitCounts> {
  const [made, covered] = await Promise.all([
    aggregateRows<{ visits: number; enterprises: number }>(
      db,
      sql`SELECT count(*)::int AS visits, count(DISTINCT enterprise_id)::int AS enterprises
        FROM visits
        WHERE status = 'done' AND visited_on BETWEEN ${period.from}::date AND ${period.to}::date
          AND ${withinSizedScope(sql`org_unit_id`, scope)}`,
    ),
    aggregateRows<{ n: number }>(
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
