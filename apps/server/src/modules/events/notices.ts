// 活动通知 the events' notices (in-app, by email where chosen, the federation's robot through notifications
// and, for a chamber's event, the chamber's own group robot): the invitation of the audience's enterprise contacts when an event is created with its
// first session to come, and the reminder the day before each session to those registered (their
// enterprise's contacts and whoever registered them), run by the scheduler. Each is deduplicated by key,
// so a run repeated after a crash notifies nobody twice.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context.ts';
import type { ScheduledTask } from '../../core/scheduler/scheduler.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { notify } from '../notifications/service.ts';
import { eventChamberRobots } from './repository.ts';

export const EVENT_REMINDER_TASK = 'events.reminders';
const INTERVAL_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

const beijing = (at: Date) =>
  new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Invites the contacts of the enterprises the event is open to (in the creating transaction). */
export async function inviteAudience(
  ctx: AppContext,
  tx: DbOrTx,
  event: { id: string; title: string; kindLabel: string; startsAt: Date; organizerName: string },
): Promise<void> {
  if (event.startsAt.getTime() <= ctx.clock.now().getTime()) return;
  const { rows } = await tx.execute<{ id: string }>(
    sql`SELECT u.id FROM users u
        WHERE 'enterprise_contact' = ANY (u.roles) AND u.enterprise_id IS NOT NULL AND NOT u.disabled
          AND event_open_to(${event.id}, u.enterprise_id)`,
  );
  // The chamber's own group robot, when the event is for a chamber that has one.
  const robots = await eventChamberRobots(tx, event.id);
  if (rows.length === 0 && robots.length === 0) return;
  await notify(ctx, tx, {
    recipientIds: rows.map((row) => row.id),
    webhookUrls: robots,
    kind: 'event.invited',
    title: `活动邀请：${event.title}`,
    body: `${event.organizerName}将于 ${beijing(event.startsAt)} 举办${event.kindLabel}“${event.title}”，欢迎报名参加。`,
    link: `/m/events`,
    objectType: 'event',
    objectId: event.id,
    dedupeKey: `event:${event.id}:invited`,
  });
}

/** Reminds those registered for the sessions starting in the next 24 hours (once per session and person). */
export async function remindUpcomingSessions(ctx: AppContext, now: Date): Promise<number> {
  const { rows } = await ctx.database.db.execute<{
    session_id: string;
    seq: number;
    starts_at: string;
    place: string | null;
    event_id: string;
    title: string;
    recipients: string[];
  }>(sql`
    SELECT s.id AS session_id, s.seq, s.starts_at, s.place, ev.id AS event_id, ev.title,
      ARRAY(SELECT DISTINCT x.id FROM (
          SELECT u.id FROM event_registrations r JOIN users u ON u.enterprise_id = r.enterprise_id
           WHERE r.event_id = ev.id AND r.status = 'registered' AND 'enterprise_contact' = ANY (u.roles) AND NOT u.disabled
          UNION
          SELECT r.registered_by FROM event_registrations r
           WHERE r.event_id = ev.id AND r.status = 'registered' AND r.registered_by IS NOT NULL) x) AS recipients
    FROM event_sessions s JOIN events ev ON ev.id = s.event_id
    WHERE ev.state <> 'cancelled' AND s.starts_at > ${now} AND s.starts_at <= ${new Date(now.getTime() + DAY_MS)}`);
  let sent = 0;
  for (const row of rows) {
    if (row.recipients.length === 0) continue;
    await ctx.database.db.transaction(async (tx) => {
      const stored = await notify(ctx, tx, {
        recipientIds: row.recipients,
        kind: 'event.reminder',
        title: `活动提醒：${row.title}`,
        body: `“${row.title}”第 ${row.seq} 场将于 ${beijing(new Date(row.starts_at))} 开始${row.place ? `，地点：${row.place}` : ''}。请准时参加，到场扫码签到。`,
        link: `/events/${row.event_id}`,
        objectType: 'event',
        objectId: row.event_id,
        dedupeKey: `event-session:${row.session_id}:reminder`,
      });
      if (stored) sent += 1;
    });
  }
  return sent;
}

export function eventRemindersTask(ctx: AppContext): ScheduledTask {
  return {
    name: EVENT_REMINDER_TASK,
    intervalMs: INTERVAL_MS,
    run: async ({ now }) => {
      await remindUpcomingSessions(ctx, now);
    },
  };
}
