// 未评价诉求 appeals confirmed but never rated, run by the scheduler: the enterprise's contacts are reminded
// to rate QINQING_RATING_REMINDER_DAYS after confirmation (once: the appeal's rating_reminded_at is the
// claim), and the appeal closes as 未评价办结 QINQING_RATING_CLOSE_DAYS after it, through the state machine's
// system action (transition-appeal.ts closeUnratedAppeal): never counted as satisfied, never in the
// satisfaction rate's denominator, counted apart (appeals.closedUnrated, appeal-stats/measures.ts).
import { sql } from 'drizzle-orm';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import type { ScheduledTask } from '../../core/scheduler/scheduler.ts';
import { notify } from '../notifications/service.ts';
import { ratingReminderNotice } from './appeal-notices.ts';
import { contactAccountsOf, insertEvent } from './repository.ts';
import { closeUnratedAppeal } from './transition-appeal.ts';

export const UNRATED_TASK = 'appeals.unrated';
const INTERVAL_MS = 15 * 60_000;
const DAY_MS = 86_400_000;
const BATCH = 200;

const SYSTEM: AuditContext = {
  actorId: null,
  actorName: 'system',
  actorRoles: [],
  ip: null,
  requestId: null,
};

interface Awaiting extends Record<string, unknown> {
  id: string;
  version: number;
  number: string;
  title: string;
  enterprise_id: string;
}

async function awaitingRating(
  ctx: AppContext,
  confirmedBefore: Date,
  unremindedOnly: boolean,
  after: string,
) {
  const { rows } = await ctx.database.db.execute<Awaiting>(sql`
    SELECT id, version, number, title, enterprise_id FROM appeals
     WHERE state = 'confirmed' AND confirmed_at <= ${confirmedBefore} AND id > ${after}
       ${unremindedOnly ? sql`AND rating_reminded_at IS NULL` : sql``}
     ORDER BY id LIMIT ${BATCH}`);
  return rows;
}

/** Reminds once: the claim on the appeal row, its timeline entry, audit record and notice in one transaction. */
async function remind(ctx: AppContext, appeal: Awaiting, now: Date): Promise<boolean> {
  return ctx.database.db.transaction(async (tx) => {
    const claimed = await tx.execute(sql`
      UPDATE appeals SET rating_reminded_at = ${now}
       WHERE id = ${appeal.id} AND state = 'confirmed' AND rating_reminded_at IS NULL RETURNING id`);
    if (claimed.rows.length === 0) return false;
    const closeInDays = ctx.config.ratingCloseDays - ctx.config.ratingReminderDays;
    await insertEvent(tx, {
      appealId: appeal.id,
      occurredAt: now,
      actorName: '系统',
      action: 'rating_reminder',
      note: `已提醒企业评价；${closeInDays} 天内仍未评价将自动办结`,
    });
    await notify(ctx, tx, {
      ...ratingReminderNotice(appeal, closeInDays),
      recipientIds: await contactAccountsOf(tx, appeal.enterprise_id),
      link: `/appeals/${appeal.id}`,
      objectType: 'appeal',
      objectId: appeal.id,
      dedupeKey: `rating_reminder:${appeal.id}:${appeal.version}`,
    });
    await ctx.audit.record(tx, SYSTEM, {
      action: 'appeal.rating_reminder',
      objectType: 'appeal',
      objectId: appeal.id,
      detail: { number: appeal.number },
    });
    return true;
  });
}

/** One pass: closes what waited too long, then reminds what waited long enough. Answers how many of each. */
export async function runUnratedChecks(
  ctx: AppContext,
  now: Date,
  signal?: AbortSignal,
): Promise<{ closed: number; reminded: number }> {
  const { ratingReminderDays, ratingCloseDays } = ctx.config;
  let closed = 0;
  let reminded = 0;
  for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
    const batch = await awaitingRating(ctx, new Date(now.getTime() - ratingCloseDays * DAY_MS), false, after);
    for (const appeal of batch) {
      if (signal?.aborted) return { closed, reminded };
      try {
        await closeUnratedAppeal(ctx, appeal.id, appeal.version);
        closed++;
      } catch (error) {
        // Rated, reopened or changed at this very moment: the next run sees it as it now stands.
        if (!(error instanceof AppError)) throw error;
      }
    }
    if (batch.length < BATCH) break;
    after = batch.at(-1)!.id;
  }
  if (ratingReminderDays >= ratingCloseDays) return { closed, reminded };
  for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
    const batch = await awaitingRating(
      ctx,
      new Date(now.getTime() - ratingReminderDays * DAY_MS),
      true,
      after,
    );
    for (const appeal of batch) {
      if (signal?.aborted) return { closed, reminded };
      if (await remind(ctx, appeal, now)) reminded++;
    }
    if (batch.length < BATCH) break;
    after = batch.at(-1)!.id;
  }
  return { closed, reminded };
}

export function unratedAppealsTask(ctx: AppContext): ScheduledTask {
  return {
    name: UNRATED_TASK,
    intervalMs: INTERVAL_MS,
    run: async ({ now, signal }) => {
      await runUnratedChecks(ctx, now, signal);
    },
  };
}
