// 定期报告 the scheduler's reports: at the end of each week, month and quarter, every district federation
// (区县工商联) gets the weekly report, monthly summary, quarterly assessment and quarterly special report of
// the period that just ended — once (one scheduled revision per type, unit and period, whichever instance
// runs the task and however often). The same task re-queues reports a stopped process left unfinished.
import type { FastifyBaseLogger } from 'fastify';
import { lastEndedPeriod, REPORT_TYPES } from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import type { ScheduledTask } from '../../core/scheduler/scheduler.ts';
import { shanghaiDay } from '../../core/calendar/working-days.ts';
import { reportQueueOf, SYSTEM_AUDIT, type ReportQueue } from './generation.ts';
import { districtUnits, findUnit } from './repository.ts';
import { addRevision } from './service.ts';

export const PERIOD_END_TASK = 'reports.period-end';
/** Often enough that a report is ready on the morning after its period ends. */
const INTERVAL_MS = 30 * 60_000;

/** Adds the scheduled reports due on the app clock's day; answers how many were added. */
export async function addPeriodEndReports(ctx: AppContext, queue: ReportQueue, now: Date): Promise<number> {
  const db = ctx.database.db;
  const today = shanghaiDay(now);
  let added = 0;
  for (const { id } of await districtUnits(db)) {
    const unit = await findUnit(db, id);
    if (!unit) continue;
    for (const type of REPORT_TYPES) {
      const period = lastEndedPeriod(type, today);
      const created = await db.transaction((tx) =>
        addRevision(
          tx,
          { type, orgUnitId: unit.id, period, unitName: unit.name, trigger: 'scheduled', requestedBy: null },
          now,
        ),
      );
      if (!created) continue;
      queue.enqueue(created.id, SYSTEM_AUDIT);
      added++;
    }
  }
  return added;
}

/** The period-end task: it feeds the report queue the reports routes started. */
export function periodEndReportsTask(ctx: AppContext, log: FastifyBaseLogger): ScheduledTask {
  return {
    name: PERIOD_END_TASK,
    intervalMs: INTERVAL_MS,
    run: async ({ now }) => {
      const queue = reportQueueOf(ctx);
      const added = await addPeriodEndReports(ctx, queue, now);
      const recovered = await queue.recover();
      if (added > 0 || recovered > 0) log.info({ added, recovered }, 'period-end reports queued');
    },
  };
}
