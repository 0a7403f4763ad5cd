// 定时任务 every task the scheduler runs, in one list registered at start-up (app.ts); main.ts starts the
// scheduler's timer, and tests run the due tasks through the scheduler themselves.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './core/context.ts';
import type { ScheduledTask } from './core/scheduler/scheduler.ts';
import { deadlineTimersTask } from './modules/appeals/deadlines.ts';
import { unratedAppealsTask } from './modules/appeals/unrated.ts';
import { backupTasks } from './modules/backups/schedule.ts';
import { notificationDeliveryTask } from './modules/notifications/delivery.ts';
import { periodEndReportsTask } from './modules/reports/schedule.ts';
// events (issue 16)
import { eventRemindersTask } from './modules/events/notices.ts';
// 惠企政策 policies
import { policyScheduleTask } from './modules/policies/schedule.ts';
// 融资 financing
import { bankRemindersTask } from './modules/financing/reminders.ts';
// 互助 mutual aid
import { aidExpiryTask } from './modules/mutual-aid/service.ts';

export function scheduledTasks(app: FastifyInstance, ctx: AppContext): ScheduledTask[] {
  return [
    notificationDeliveryTask(app, ctx),
    deadlineTimersTask(ctx),
    periodEndReportsTask(ctx, app.log),
    unratedAppealsTask(ctx),
    ...backupTasks(ctx, app.log),
    // events (issue 16): the reminder the day before a session
    eventRemindersTask(ctx),
    // 惠企政策 policies: expiry and closing-window reminders
    policyScheduleTask(ctx),
    bankRemindersTask(ctx), // 融资 financing
    aidExpiryTask(ctx), // 互助 mutual aid
  ];
}
