// 银行答复提醒 reminders to banks: a need sent to a bank that has not answered within
// FINANCING_ANSWER_WORKING_DAYS working days (the working-day calendar) is reminded once — the bank's account
// managers and the staff who sent it are told; the bank's row's reminded_at is the claim, the entry goes on
// the need's timeline (the bank's own) and the audit log, in one transaction. Run by the scheduler.
import { sql } from 'drizzle-orm';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { AppContext } from '../../core/context.ts';
import type { ScheduledTask } from '../../core/scheduler/scheduler.ts';
import { notify } from '../notifications/service.ts';
import { bankManagersOf, insertEvent } from './repository.ts';

export const BANK_REMINDER_TASK = 'financing.bankReminders';
/** Working days a bank has to answer a need before it is reminded. */
export const FINANCING_ANSWER_WORKING_DAYS = 3;
const INTERVAL_MS = 30 * 60_000;
const DAY_MS = 86_400_000;
const BATCH = 200;

const SYSTEM: AuditContext = {
  actorId: null,
  actorName: 'system',
  actorRoles: [],
  ip: null,
  requestId: null,
};

interface Unanswered extends Record<string, unknown> {
  need_id: string;
  bank_id: string;
  bank_name: string;
  enterprise_name: string;
  sent_at: Date;
  sent_by: string | null;
}

/** One pass: answers how many banks were reminded. */
export async function remindUnansweredBanks(
  ctx: AppContext,
  now: Date,
  signal?: AbortSignal,
): Promise<number> {
  let reminded = 0;
  // Working days are never fewer than calendar days: rows sent within the last N days cannot be due yet.
  const sentBefore = new Date(now.getTime() - FINANCING_ANSWER_WORKING_DAYS * DAY_MS);
  for (let after = new Date(0), afterNeed = '00000000-0000-0000-0000-000000000000'; ;) {
    const { rows } = await ctx.database.db
      .execute<Unanswered>(sql`SELECT nb.need_id, nb.bank_id, b.name AS bank_name,
        e.name AS enterprise_name, nb.sent_at, nb.sent_by
      FROM financing_need_banks nb JOIN financing_needs n ON n.id = nb.need_id
      JOIN org_units b ON b.id = nb.bank_id JOIN enterprises e ON e.id = n.enterprise_id
      WHERE nb.state = 'sent' AND nb.reminded_at IS NULL AND nb.sent_at <= ${sentBefore}
        AND n.state IN ('sent', 'approved') AND n.consent
        AND (nb.sent_at, nb.need_id) > (${after}, ${afterNeed}::uuid)
      ORDER BY nb.sent_at, nb.need_id LIMIT ${BATCH}`);
    for (const row of rows) {
      if (signal?.aborted) return reminded;
      if (ctx.calendar.workingDaysBetween(new Date(row.sent_at), now) < FINANCING_ANSWER_WORKING_DAYS)
        continue;
      const done = await ctx.database.db.transaction(async (tx) => {
        const claimed = await tx.execute(sql`UPDATE financing_need_banks SET reminded_at = ${now}
          WHERE need_id = ${row.need_id} AND bank_id = ${row.bank_id} AND state = 'sent' AND reminded_at IS NULL
          RETURNING need_id`);
        if (claimed.rows.length === 0) return false;
        const note = `${row.bank_name}已 ${FINANCING_ANSWER_WORKING_DAYS} 个工作日未答复，已提醒`;
        await insertEvent(tx, {
          needId: row.need_id,
          bankId: row.bank_id,
          at: now,
          actorId: null,
          actorName: '系统',
          action: 'bank_reminded',
          note,
        });
        await notify(ctx, tx, {
          recipientIds: [...(await bankManagersOf(tx, row.bank_id)), ...(row.sent_by ? [row.sent_by] : [])],
          kind: 'financing_need.bank_reminder',
          title: `融资需求待答复：${row.enterprise_name}`,
          body: note,
          link: `/financing/needs/${row.need_id}`,
          objectType: 'financing_need',
          objectId: row.need_id,
          dedupeKey: `financing:${row.need_id}:${row.bank_id}:remind`,
        });
        await ctx.audit.record(tx, SYSTEM, {
          action: 'financing_need.bank_reminded',
          objectType: 'financing_need',
          objectId: row.need_id,
          detail: { enterprise: row.enterprise_name, bank: row.bank_name },
        });
        return true;
      });
      if (done) reminded++;
    }
    if (rows.length < BATCH) break;
    after = new Date(rows.at(-1)!.sent_at);
    afterNeed = rows.at(-1)!.need_id;
  }
  return reminded;
}

export function bankRemindersTask(ctx: AppContext): ScheduledTask {
  return {
    name: BANK_REMINDER_TASK,
    intervalMs: INTERVAL_MS,
    run: async ({ now, signal }) => {
      await remindUnansweredBanks(ctx, now, signal);
    },
  };
}
