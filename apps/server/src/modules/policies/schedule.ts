// 政策到期 the scheduler's part of the policy service: a published policy whose expiry date has passed
// becomes expired (audited, one policy at a time), and before an application window closes the matched
// enterprises that were pushed the policy and have not applied are reminded once; the kept matches of
// published policies are computed ahead of their first reading and the registry changes all of them have
// folded in are forgotten.
import type { PolicyCondition } from '@qinqing/shared';
import { sql } from 'drizzle-orm';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import { shanghaiDay } from '../../core/calendar/working-days.ts';
import type { AppContext } from '../../core/context.ts';
import type { ScheduledTask } from '../../core/scheduler/scheduler.ts';
import { notify } from '../notifications/service.ts';
import { pruneMatchChanges, refreshKeptMatches } from './kept-matches-repository.ts';

export const POLICY_SCHEDULE_TASK = 'policies.schedule';
const INTERVAL_MS = 60 * 60_000;
/** How many days before a window closes the pushed enterprises that have not applied are reminded. */
export const REMIND_DAYS_BEFORE_CLOSE = 3;

const SYSTEM: AuditContext = {
  actorId: null,
  actorName: 'system',
  actorRoles: [],
  ip: null,
  requestId: null,
};

/** Expires every published policy whose expiry date is before `day`; answers how many. */
export async function expirePolicies(ctx: AppContext, day: string): Promise<number> {
  const { rows } = await ctx.database.db.execute<{ id: string }>(
    sql`SELECT id FROM policies WHERE state = 'published' AND expires_on < ${day}::date ORDER BY id`,
  );
  let expired = 0;
  for (const { id } of rows) {
    await ctx.database.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      const { rows: moved } = await tx.execute<{ title: string; expires_on: string }>(
        sql`UPDATE policies SET state = 'expired', expired_at = ${now}, version = version + 1, updated_at = ${now}
             WHERE id = ${id} AND state = 'published' AND expires_on < ${day}::date
             RETURNING title, expires_on::text AS expires_on`,
      );
      if (!moved[0]) return;
      expired++;
      await ctx.audit.record(tx, SYSTEM, {
        action: 'policy.expired',
        objectType: 'policy',
        objectId: id,
        detail: { title: moved[0].title, expiresOn: moved[0].expires_on },
      });
    });
  }
  return expired;
}

/** Reminds the contacts of pushed enterprises that have neither marked applying nor a redemption. */
export async function remindClosingWindows(ctx: AppContext, day: string): Promise<number> {
  const { rows } = await ctx.database.db.execute<{ id: string; title: string; closes: string }>(
    sql`SELECT id, title, application_closes_on::text AS closes FROM policies
         WHERE state = 'published' AND application_closes_on BETWEEN ${day}::date
               AND ${day}::date + ${REMIND_DAYS_BEFORE_CLOSE}::int`,
  );
  let reminded = 0;
  for (const policy of rows) {
    await ctx.database.db.transaction(async (tx) => {
      const { rows: contacts } = await tx.execute<{ id: string }>(
        sql`SELECT u.id FROM policy_recipients r JOIN users u ON u.enterprise_id = r.enterprise_id
             WHERE r.policy_id = ${policy.id} AND 'enterprise_contact' = ANY (u.roles) AND NOT u.disabled
               AND NOT EXISTS (SELECT 1 FROM policy_marks m WHERE m.policy_id = r.policy_id
                                 AND m.enterprise_id = r.enterprise_id AND m.mark = 'applying')
               AND NOT EXISTS (SELECT 1 FROM policy_redemptions d WHERE d.policy_id = r.policy_id
                                 AND d.enterprise_id = r.enterprise_id)`,
      );
      if (contacts.length === 0) return;
      // The dedupe key makes the reminder once per contact and policy, however often the task runs.
      if (
        await notify(ctx, tx, {
          recipientIds: contacts.map((row) => row.id),
          kind: 'policy.closing_reminder',
          title: '惠企政策即将截止申报',
          body: `《${policy.title}》申报将于 ${policy.closes} 截止，符合条件的请尽快申报。`,
          link: `/policies/${policy.id}`,
          objectType: 'policy',
          objectId: policy.id,
          dedupeKey: `policy:${policy.id}:closing`,
        })
      )
        reminded += contacts.length;
    });
  }
  return reminded;
}

/** How many published policies a run matches in full at most (each is a scan of its reach). */
const KEEP_PER_RUN = 20;

/**
 * Computes the kept matches of published policies that have none or were matched for other conditions, so
 * that the first reading of a policy's matches finds them; answers how many it computed.
 */
export async function keepPublishedMatches(ctx: AppContext): Promise<number> {
  const { rows } = await ctx.database.db.execute<{
    id: string;
    conditions: PolicyCondition[];
    reach_path: string;
  }>(
    sql`SELECT p.id, p.conditions, p.reach_path FROM policies p
          LEFT JOIN policy_match_states s ON s.policy_id = p.id
         WHERE p.state = 'published' AND (s.policy_id IS NULL OR s.conditions <> p.conditions)
         ORDER BY p.published_at DESC NULLS LAST, p.id LIMIT ${KEEP_PER_RUN}`,
  );
  for (const row of rows)
    await ctx.database.db.transaction((tx) =>
      refreshKeptMatches(
        tx,
        { id: row.id, conditions: row.conditions, reachPath: row.reach_path },
        ctx.clock.now(),
      ),
    );
  return rows.length;
}

export function policyScheduleTask(ctx: AppContext): ScheduledTask {
  return {
    name: POLICY_SCHEDULE_TASK,
    intervalMs: INTERVAL_MS,
    async run() {
      const day = shanghaiDay(ctx.clock.now());
      await expirePolicies(ctx, day);
      await remindClosingWindows(ctx, day);
      await keepPublishedMatches(ctx);
      await pruneMatchChanges(ctx.database.db);
    },
  };
}
