// 定时任务 every task the scheduler runs, in one list registered at start-up (app.ts); main.ts starts the
// scheduler's timer, and tests run the due tasks through the scheduler themselves.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './core/context.ts';
import type { ScheduledTask } from './core/scheduler/scheduler.ts';
import { deadlineTimersTask } from './modules/appeals/deadlines.ts';
import { unratedAppealsTask } from './modules/appeals/unrated.ts';
import { notificationDeliveryTask } from './modules/notifications/delivery.ts';
import { periodEndReportsTask } from './modules/reports/schedule.ts';

export function scheduledTasks(app: FastifyInstance, ctx: AppContext): ScheduledTask[] {
  return [
    notificationDeliveryTask(app, ctx),
    deadlineTimersTask(ctx),
    periodEndReportsTask(ctx, app.log),
    unratedAppealsTask(ctx),
  ];
}
