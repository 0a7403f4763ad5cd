// Visit figures of a subtree (走访): done visits made in a period, the enterprises they reached, and the
// members visited — the numerator of 走访覆盖率 (visit coverage), over the active members now (the
// dashboard) or those active at the period's end (the reports).
import { sql } from 'drizzle-orm';
import { withinScope, withinSizedScope } from '../../core/access/access.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { aggregateRows } from '../../db/aggregate.ts';
import { activeAtEnd } from '../enterprises/figures-repository.ts';

/** The org subtree counted. */
export interface FigureScope {
  orgPath: string;
}

export interface VisitsMade {
  visits: number;
  enterprisesVisited: number;
}

/** Done visits counted for the subtree (the visit's org unit) made in the period, and their enterprises. */
export async function visitsMade(
  db: DbOrTx,
  scope: FigureScope,
  period: { from: string; to: string },
): Promise<VisitsMade> {
  const [row] = await aggregateRows<{ visits: number; enterprises: number }>(
    db,
    sql`SELECT count(*)::int AS visits, count(DISTINCT enterprise_id)::int AS enterprises
      FROM visits
      WHERE status = 'done' AND visited_on BETWEEN ${period.from}::date AND ${period.to}::date
        AND ${withinSizedScope(sql`org_unit_id`, scope)}`,
  );
  return { visits: row?.visits ?? 0, enterprisesVisited: row?.enterprises ?? 0 };
}

/**
 * The members of the subtree with a done visit in the period, by anyone — the numerator of 走访覆盖率 as
 * modules/visits defines it: of the members active now (`activeNow`: from enterprises_active_scope_idx,
 * matched against the period's visits from visits_done_day_idx, neither reading a table row), or of those
 * active at the period's end (`activeAtPeriodEnd`: the reports').
 */
export async function membersVisited(
  db: DbOrTx,
  scope: FigureScope,
  period: { from: string; to: string },
  base: 'activeNow' | 'activeAtPeriodEnd',
): Promise<number> {
  const active = base === 'activeNow' ? sql`e.membership_status = 'active'` : activeAtEnd(period);
  const [row] = await aggregateRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM enterprises e
      WHERE ${withinScope(sql`e.org_unit_id`, scope)}
        AND e.merged_into_id IS NULL AND ${active}
        AND EXISTS (
          SELECT 1 FROM visits v
          WHERE v.enterprise_id = e.id AND v.status = 'done'
            AND v.visited_on BETWEEN ${period.from}::date AND ${period.to}::date
        )`,
  );
  return row?.n ?? 0;
}
