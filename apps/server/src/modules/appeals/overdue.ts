// 超期 overdue, defined once for every view and the scheduler. A forward is open while pending or
// accepted; an open forward is
//   - response-overdue (超期未响应) once its response deadline has passed without a response (no accept,
//     progress reply or return: `responded_at` is null), and
//   - resolution-overdue (超期未办结) once its resolution deadline has passed without an answer (it is
//     still open: resolving, explaining or returning it closes it).
// An appeal is overdue of a kind when an open forward of its current round is. The appeal has no deadline
// of its own: its response and resolution deadlines are derived from its open forwards' (the earliest and
// the latest), so they add nothing to this. Both kinds are decided against the app's clock at the moment
// asked, not against marks a scheduler run left: the lists, the kanban, the inbox and the ledger agree with
// each other at every instant, and the scheduler's notices go out for the same forwards. The forwards'
// `response_overdue`/`resolve_overdue` and the appeal's `overdue` columns are the scheduler's marks, kept
// for the figures' rollups (migrations 0010/0017) and read by no view.
import { sql, type SQL } from 'drizzle-orm';

export const OPEN_FORWARD_STATES: readonly string[] = ['pending', 'accepted'];

export interface Overdue {
  /** 超期未响应 */
  response: boolean;
  /** 超期未办结 */
  resolution: boolean;
}

export interface DeadlinedForward {
  state: string;
  respondedAt: Date | null;
  respondDueAt: Date;
  resolveDueAt: Date;
}

/** How one forward stands at `now`. */
export function forwardOverdue(forward: DeadlinedForward, now: Date): Overdue {
  const open = OPEN_FORWARD_STATES.includes(forward.state);
  return {
    response: open && forward.respondedAt === null && now.getTime() > forward.respondDueAt.getTime(),
    resolution: open && now.getTime() > forward.resolveDueAt.getTime(),
  };
}

/** How an appeal stands at `now`, from the forwards of its current round. */
export function appealOverdue(currentRound: readonly DeadlinedForward[], now: Date): Overdue {
  const each = currentRound.map((forward) => forwardOverdue(forward, now));
  return { response: each.some((o) => o.response), resolution: each.some((o) => o.resolution) };
}

export const isOverdue = (overdue: Overdue) => overdue.response || overdue.resolution;

// The same in SQL, for a forward row under the alias `f` (a table name or alias in the query).
const OPEN_SQL = sql.raw(`('pending', 'accepted')`);

/** The forward under alias `f` is response-overdue at `now`. */
export function responseOverdueSql(f: string, now: Date): SQL {
  const t = sql.raw(f);
  return sql`(${t}.state IN ${OPEN_SQL} AND ${t}.responded_at IS NULL AND ${t}.respond_due_at < ${now})`;
}

/** The forward under alias `f` is resolution-overdue at `now`. */
export function resolutionOverdueSql(f: string, now: Date): SQL {
  const t = sql.raw(f);
  return sql`(${t}.state IN ${OPEN_SQL} AND ${t}.resolve_due_at < ${now})`;
}

/** The forward under alias `f` is overdue of either kind at `now`. */
export function forwardOverdueSql(f: string, now: Date): SQL {
  return sql`(${responseOverdueSql(f, now)} OR ${resolutionOverdueSql(f, now)})`;
}

/** The appeal under alias `a` has an open forward of its current round overdue (of either kind) at `now`. */
export function appealOverdueSql(a: string, now: Date): SQL {
  const t = sql.raw(a);
  return sql`EXISTS (SELECT 1 FROM appeal_forwards overdue_f
    WHERE overdue_f.appeal_id = ${t}.id AND overdue_f.round = ${t}.round AND ${forwardOverdueSql('overdue_f', now)})`;
}

/** The appeal under alias `a` was answered after its resolution deadline: it ran late (the ledger's 超期). */
export function answeredLateSql(a: string): SQL {
  const t = sql.raw(a);
  return sql`(${t}.answered_at > ${t}.resolve_due_at) IS TRUE`;
}
