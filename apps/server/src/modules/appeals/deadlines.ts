// 时限提醒与督办 deadline timers of forwarded appeals, run by the scheduler: remind the department's liaisons
// before a deadline; once a forward becomes overdue (overdue.ts decides, as for every view) tell its liaisons
// and the staff who forwarded it, mark it for the figures, and escalate an appeal overdue for resolution to
// the department head and the federation's leaders. Each alert is written with its notifications in one transaction under
// a unique key, so a repeated or interrupted run never alerts twice and never loses one.
import { sql } from 'drizzle-orm';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { ScheduledTask } from '../../core/scheduler/scheduler.ts';
import type { AppContext } from '../../core/context.ts';
import type { Tx } from '../../db/connection.ts';
import { notify } from '../notifications/service.ts';
import { resolutionOverdueSql, responseOverdueSql } from './overdue.ts';
import { accountsOver, headsOf, insertEvent, liaisonsOf } from './repository.ts';

export const DEADLINE_TASK = 'appeals.deadlines';
const INTERVAL_MS = 5 * 60_000;
/** A reminder to respond goes out this long before the response deadline. */
const RESPOND_REMINDER_MS = 4 * 3_600_000;
/** A reminder to resolve goes out on the last working day before the resolution deadline. */
const RESOLVE_REMINDER_WORKING_DAYS = 1;
const BATCH = 200;

const SYSTEM: AuditContext = {
  actorId: null,
  actorName: 'system',
  actorRoles: [],
  ip: null,
  requestId: null,
};

type AlertKind = 'respond_reminder' | 'resolve_reminder' | 'respond_overdue' | 'resolve_overdue';

interface Candidate extends Record<string, unknown> {
  forward_id: string;
  appeal_id: string;
  number: string;
  title: string;
  enterprise_name: string;
  department_id: string;
  department_name: string;
  org_path: string;
  respond_due_at: Date;
  resolve_due_at: Date;
  forwarded_by: string | null;
  head_user_id: string | null;
  webhook_url: string | null;
}

const CANDIDATE_COLUMNS = sql`f.id AS forward_id, a.id AS appeal_id, a.number, a.title, e.name AS enterprise_name,
  f.department_id, d.name AS department_name, o.path AS org_path, f.respond_due_at, f.resolve_due_at,
  f.forwarded_by, c.head_user_id, c.webhook_url`;

async function candidates(ctx: AppContext, kind: AlertKind, now: Date): Promise<Candidate[]> {
  const condition = {
    respond_reminder: sql`f.state = 'pending' AND f.respond_due_at > ${now} AND f.respond_due_at <= ${new Date(now.getTime() + RESPOND_REMINDER_MS)}`,
    // Working days are counted in code; this only narrows to deadlines within a week.
    resolve_reminder: sql`f.state IN ('pending', 'accepted') AND f.resolve_due_at > ${now} AND f.resolve_due_at <= ${new Date(now.getTime() + 7 * 86_400_000)}`,
    respond_overdue: responseOverdueSql('f', now),
    resolve_overdue: resolutionOverdueSql('f', now),
  }[kind];
  const result = await ctx.database.db.execute<Candidate>(sql`
    SELECT ${CANDIDATE_COLUMNS}
    FROM appeal_forwards f
    JOIN appeals a ON a.id = f.appeal_id
    JOIN enterprises e ON e.id = a.enterprise_id
    JOIN org_units d ON d.id = f.department_id
    JOIN org_units o ON o.id = a.org_unit_id
    JOIN channels c ON c.id = f.channel_id
    WHERE ${condition}
      AND NOT EXISTS (SELECT 1 FROM appeal_deadline_alerts x WHERE x.forward_id = f.id AND x.kind = ${kind})
    ORDER BY f.resolve_due_at, f.id
    LIMIT ${BATCH}`);
  return result.rows.map((row) => ({
    ...row,
    respond_due_at: new Date(row.respond_due_at),
    resolve_due_at: new Date(row.resolve_due_at),
  }));
}

/** Claims the alert; false when it was already sent (by an earlier run or another instance). */
async function claim(tx: Tx, forwardId: string, kind: AlertKind | 'escalated', now: Date): Promise<boolean> {
  const result = await tx.execute(sql`
    INSERT INTO appeal_deadline_alerts (forward_id, kind, sent_at) VALUES (${forwardId}, ${kind}, ${now})
    ON CONFLICT DO NOTHING RETURNING forward_id`);
  return result.rows.length === 1;
}

const shanghaiTime = (at: Date) =>
  new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

async function alert(ctx: AppContext, kind: AlertKind, c: Candidate, now: Date): Promise<boolean> {
  return ctx.database.db.transaction(async (tx) => {
    if (!(await claim(tx, c.forward_id, kind, now))) return false;
    const liaisons = await liaisonsOf(tx, c.department_id);
    const link = `/appeals/${c.appeal_id}`;
    const base = { link, objectType: 'appeal', objectId: c.appeal_id };
    const webhookUrls = c.webhook_url ? [c.webhook_url] : [];
    const subject = `诉求 ${c.number}（${c.enterprise_name}）`;
    if (kind === 'respond_reminder' || kind === 'resolve_reminder') {
      const respond = kind === 'respond_reminder';
      await notify(ctx, tx, {
        ...base,
        recipientIds: liaisons,
        kind: `appeal.${kind}`,
        title: respond ? `即将超期未响应：${c.title}` : `即将超期未办结：${c.title}`,
        body: `${subject}须在 ${shanghaiTime(respond ? c.respond_due_at : c.resolve_due_at)} 前${respond ? '响应' : '办结'}，请及时处理。`,
        dedupeKey: `${kind}:${c.forward_id}`,
        webhookUrls,
      });
      return true;
    }
    const response = kind === 'respond_overdue';
    await tx.execute(
      response
        ? sql`UPDATE appeal_forwards SET response_overdue = true, updated_at = ${now} WHERE id = ${c.forward_id}`
        : sql`UPDATE appeal_forwards SET resolve_overdue = true, updated_at = ${now} WHERE id = ${c.forward_id}`,
    );
    if (!response) {
      await tx.execute(sql`UPDATE appeals SET overdue = true, updated_at = ${now} WHERE id = ${c.appeal_id}`);
    }
    await insertEvent(tx, {
      appealId: c.appeal_id,
      forwardId: c.forward_id,
      occurredAt: now,
      actorName: '系统',
      action: kind,
      note: response ? `${c.department_name}超过响应时限未响应` : `${c.department_name}超过办结时限未办结`,
    });
    await notify(ctx, tx, {
      ...base,
      recipientIds: liaisons,
      kind: `appeal.${kind}`,
      title: response ? `已超期未响应：${c.title}` : `已超期未办结：${c.title}`,
      body: `${subject}已超过${response ? '响应' : '办结'}时限（${shanghaiTime(response ? c.respond_due_at : c.resolve_due_at)}），请尽快处理。`,
      dedupeKey: `${kind}:${c.forward_id}`,
      webhookUrls,
    });
    // The staff who forwarded it supervise (督办) a late response; a late resolution is escalated below.
    if (response && c.forwarded_by) {
      await notify(ctx, tx, {
        ...base,
        recipientIds: [c.forwarded_by],
        kind: `appeal.${kind}`,
        title: `已超期未响应：${c.title}`,
        body: `${subject}转${c.department_name}办理，已超过响应时限（${shanghaiTime(c.respond_due_at)}）仍未响应，请督办。`,
        dedupeKey: `${kind}:staff:${c.forward_id}`,
      });
    }
    if (!response && (await claim(tx, c.forward_id, 'escalated', now))) {
      // The channel's head account and the department's head accounts (often the same one: told once).
      const recipients = [
        ...new Set([
          ...(c.head_user_id ? [c.head_user_id] : []),
          ...(await headsOf(tx, c.department_id)),
          ...(await accountsOver(tx, 'federation_leader', c.org_path)),
          ...(c.forwarded_by ? [c.forwarded_by] : []),
        ]),
      ];
      await notify(ctx, tx, {
        ...base,
        recipientIds: recipients,
        kind: 'appeal.escalated',
        title: `超期督办：${c.title}`,
        body: `${subject}转${c.department_name}办理，已超过办结时限（${shanghaiTime(c.resolve_due_at)}）仍未办结，请督办。`,
        dedupeKey: `escalated:${c.forward_id}`,
        webhookUrls,
      });
      await insertEvent(tx, {
        appealId: c.appeal_id,
        forwardId: c.forward_id,
        occurredAt: now,
        actorName: '系统',
        action: 'escalated',
        note: `超期督办：已通知${c.department_name}负责人及工商联领导`,
      });
    }
    await ctx.audit.record(tx, SYSTEM, {
      action: `appeal.${kind}`,
      objectType: 'appeal',
      objectId: c.appeal_id,
      detail: { number: c.number, department: c.department_name, forwardId: c.forward_id },
    });
    return true;
  });
}

/** One pass over every kind of deadline; returns how many alerts went out. */
export async function runDeadlineChecks(ctx: AppContext, now: Date, signal?: AbortSignal): Promise<number> {
  let sent = 0;
  const kinds: AlertKind[] = ['respond_overdue', 'resolve_overdue', 'respond_reminder', 'resolve_reminder'];
  for (const kind of kinds) {
    for (;;) {
      if (signal?.aborted) return sent;
      let batch = await candidates(ctx, kind, now);
      if (kind === 'resolve_reminder') {
        batch = batch.filter(
          (c) => ctx.calendar.workingDaysBetween(now, c.resolve_due_at) <= RESOLVE_REMINDER_WORKING_DAYS,
        );
      }
      let progressed = 0;
      for (const candidate of batch) {
        if (signal?.aborted) return sent;
        if (await alert(ctx, kind, candidate, now)) progressed++;
      }
      sent += progressed;
      // Reminders filtered in code may leave a full batch with nothing to send: stop rather than spin.
      if (progressed === 0 || batch.length < BATCH) break;
    }
  }
  return sent;
}

export function deadlineTimersTask(ctx: AppContext): ScheduledTask {
  return {
    name: DEADLINE_TASK,
    intervalMs: INTERVAL_MS,
    run: async ({ now, signal }) => {
      await runDeadlineChecks(ctx, now, signal);
    },
  };
}
