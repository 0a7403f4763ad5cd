// 政策推送 pushing a published policy: a background job on the jobs runner (resumable) that reaches the
// matched enterprises, a chamber's members or a chosen list — each recipient enterprise once per policy
// (policy_recipients' primary key, written with its contacts' notices in one transaction per chunk, so a
// repeated or resumed push never notifies anyone twice) — and posts one robot message per push.
import type { CreatePushRequest, PushView } from '@qinqing/shared';
import { sql, type SQL } from 'drizzle-orm';
import {
  policyAudienceScope,
  policyReadScope,
  pushChamberScope,
  pushesBeyondChamber,
} from '../../core/access/policy-scope.ts';
import { isFederationReader } from '../../core/access/registry-scope.ts';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, forbidden, invalidField, notFound } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { insertJob, type JobOutcome } from '../jobs/repository.ts';
import type { JobHandler, JobRunner } from '../jobs/runner.ts';
import { notify } from '../notifications/service.ts';
import { findPolicy, matchedIdsQuery, reachFigures, type PolicyRow } from './repository.ts';
import { countedRecipients, presentFigures } from './service.ts';

export const POLICY_PUSH_JOB = 'policy.push';
/** Enterprises per transaction: their recipients rows and their contacts' notices commit together. */
const CHUNK = 500;

interface PushRow extends Record<string, unknown> {
  id: string;
  policy_id: string;
  policy_title: string;
  target: CreatePushRequest['target'];
  chamber_id: string | null;
  enterprise_ids: string[] | null;
  job_id: string | null;
  targeted: number;
  notified: number;
  created_at: string;
  finished_at: string | null;
  status: string | null;
  progress: number | null;
}

async function findPushes(db: DbOrTx, where: SQL): Promise<PushRow[]> {
  const { rows } = await db.execute<PushRow>(
    sql`SELECT s.id, s.policy_id, p.title AS policy_title, s.target, s.chamber_id, s.enterprise_ids, s.job_id,
               s.targeted, s.notified, to_json(s.created_at) #>> '{}' AS created_at,
               to_json(s.finished_at) #>> '{}' AS finished_at, j.status, j.progress::float8 AS progress
          FROM policy_pushes s JOIN policies p ON p.id = s.policy_id LEFT JOIN jobs j ON j.id = s.job_id
         WHERE ${where}
         ORDER BY s.created_at DESC LIMIT 50`,
  );
  return rows;
}

/**
 * The enterprises a push reaches: under the policy's reach, within what the pusher may push to (staff their
 * subtree, a secretary their chamber's members), of the target. A query (a column `id`): the push and its
 * count read it in the database, not as 100,000 rows in the app.
 */
function pushTargets(
  actor: Actor,
  policy: PolicyRow,
  push: Pick<PushRow, 'target' | 'chamber_id' | 'enterprise_ids'>,
): SQL {
  const audience = policyAudienceScope(actor);
  if (push.target === 'matched') {
    const path = actor.orgPath.startsWith(policy.reach_path) ? actor.orgPath : policy.reach_path;
    return matchedIdsQuery(policy.conditions, path, audience);
  }
  const target =
    push.target === 'chamber'
      ? sql`e.id IN (SELECT enterprise_id FROM chamber_memberships WHERE chamber_id = ${push.chamber_id})`
      : sql`e.id = ANY (${sql.param(push.enterprise_ids ?? [])}::uuid[])`;
  return sql`SELECT e.id FROM enterprises e JOIN org_units u ON u.id = e.org_unit_id
              WHERE u.path LIKE ${policy.reach_path + '%'} AND e.merged_into_id IS NULL AND ${audience} AND ${target}`;
}

/** A uuid's text and the comma after it: the target list is sliced into chunks by this width. */
const ID_WIDTH = 37;

/** `count` ids from the `start`-th of a comma-separated list of uuids, as such a list. */
export function idsText(list: string, start: number, count: number): string {
  return list.slice(start * ID_WIDTH, (start + count) * ID_WIDTH - 1);
}

/**
 * The push's targets in order, as one text of comma-separated ids. Read as rows, 100,000 ids were parsed by
 * the app in long stretches (node reads up to 2 MB of a socket before it turns to anything else): the app
 * stopped answering for ~100 ms as a push began (bench/policy-push.ts). One value is only copied as it comes.
 */
async function targetList(db: DbOrTx, targets: SQL): Promise<{ text: string; count: number }> {
  const { rows } = await db.execute<{ ids: string | null }>(
    sql`SELECT string_agg(id::text, ',' ORDER BY id) AS ids FROM (${targets}) t`,
  );
  const text = rows[0]?.ids ?? '';
  return { text, count: text === '' ? 0 : (text.length + 1) / ID_WIDTH };
}

/**
 * The enterprise contacts (enabled) of these enterprises: who a push notifies, a chunk of enterprises at a
 * time. Found through users_enterprise_idx (migration 0058), not by a scan of every account.
 */
export async function enterpriseContacts(db: DbOrTx, enterpriseIds: readonly string[]): Promise<string[]> {
  if (enterpriseIds.length === 0) return [];
  const { rows } = await db.execute<{ id: string }>(
    sql`SELECT id FROM users WHERE enterprise_id = ANY (${sql.param([...enterpriseIds])}::uuid[])
          AND 'enterprise_contact' = ANY (roles) AND NOT disabled ORDER BY id`,
  );
  return rows.map((row) => row.id);
}

/** Registers the push job and answers the function that starts a push. */
export function policyPushes(ctx: AppContext, runner: JobRunner) {
  runner.register(POLICY_PUSH_JOB, pushHandler(ctx), { resumable: true });
  return async (
    actor: Actor,
    policyId: string,
    request: CreatePushRequest,
    audit: AuditContext,
  ): Promise<{ pushId: string; jobId: string }> => {
    const { db } = ctx.database;
    const policy = await findPolicy(db, policyReadScope(actor), policyId);
    if (!policy) throw notFound();
    if (policy.state !== 'published')
      throw new AppError('INVALID_TRANSITION', undefined, { state: policy.state, action: 'push' });
    if (request.target !== 'chamber' && !pushesBeyondChamber(actor)) throw forbidden();
    if (request.target === 'chamber') {
      if (!request.chamberId)
        throw invalidField('chamberId', 'CHAMBER_REQUIRED', '推送给商会会员时请选择商会');
      const { rows } = await db.execute(
        sql`SELECT 1 FROM org_units c WHERE c.id = ${request.chamberId} AND ${pushChamberScope(actor)}`,
      );
      if (rows.length === 0) throw notFound();
    }
    if (request.target === 'list') {
      if (!request.enterpriseIds?.length)
        throw invalidField('enterpriseIds', 'ENTERPRISES_REQUIRED', '推送给指定企业时请选择企业');
      const { rows } = await db.execute<{ id: string }>(
        sql`SELECT e.id FROM enterprises e JOIN org_units u ON u.id = e.org_unit_id
             WHERE e.id = ANY (${sql.param(request.enterpriseIds)}::uuid[]) AND ${policyAudienceScope(actor)}`,
      );
      const known = new Set(rows.map((row) => row.id));
      const unknown = request.enterpriseIds.filter((id) => !known.has(id));
      if (unknown.length > 0)
        throw invalidField(
          'enterpriseIds',
          'ENTERPRISE_NOT_FOUND',
          `企业不存在或不在管理范围内：${unknown.slice(0, 5).join('、')}`,
        );
    }
    const jobId = await insertJob(db, {
      kind: POLICY_PUSH_JOB,
      params: { policyId },
      createdBy: actor.userId,
      orgUnitId: actor.orgUnitId,
    });
    const pushId = await db.transaction(async (tx) => {
      const { rows } = await tx.execute<{ id: string }>(
        sql`INSERT INTO policy_pushes (policy_id, org_unit_id, target, chamber_id, enterprise_ids, job_id, pushed_by,
              created_at)
            VALUES (${policyId}, ${actor.orgUnitId}, ${request.target}, ${request.chamberId ?? null},
              ${request.enterpriseIds ? sql`${sql.param(request.enterpriseIds)}::uuid[]` : null}, ${jobId},
              ${actor.userId}, ${ctx.clock.now()})
            RETURNING id`,
      );
      const id = rows[0]!.id;
      await tx.execute(
        sql`UPDATE jobs SET params = params || ${JSON.stringify({ pushId: id })}::jsonb WHERE id = ${jobId}`,
      );
      await ctx.audit.record(tx, audit, {
        action: 'policy.pushed',
        objectType: 'policy',
        objectId: policyId,
        detail: {
          pushId: id,
          target: request.target,
          chamberId: request.chamberId ?? null,
          title: policy.title,
        },
      });
      return id;
    });
    runner.enqueue({ id: jobId, kind: POLICY_PUSH_JOB, actor, audit, cleanup: async () => undefined });
    return { pushId, jobId };
  };
}

/** How many enterprises a push would reach now, and how many of them an earlier push already reached. */
export async function countPushTargets(
  ctx: AppContext,
  actor: Actor,
  policyId: string,
  request: CreatePushRequest,
): Promise<{ recipients: number; alreadyReached: number }> {
  const { db } = ctx.database;
  const policy = await findPolicy(db, policyReadScope(actor), policyId);
  if (!policy) throw notFound();
  const targets = pushTargets(actor, policy, {
    target: request.target,
    chamber_id: request.chamberId ?? null,
    enterprise_ids: request.enterpriseIds ?? null,
  });
  const { rows } = await db.execute<{ recipients: number; reached: number }>(
    sql`SELECT count(*)::int AS recipients,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM policy_recipients r
                                               WHERE r.policy_id = ${policyId} AND r.enterprise_id = t.id))::int
                 AS reached
          FROM (${targets}) t`,
  );
  return { recipients: rows[0]?.recipients ?? 0, alreadyReached: rows[0]?.reached ?? 0 };
}

function pushHandler(ctx: AppContext): JobHandler {
  return async (run): Promise<JobOutcome> => {
    const { db } = ctx.database;
    const { policyId, pushId } = run.job.params as { policyId: string; pushId: string };
    const policy = await findPolicy(db, sql`true`, policyId);
    const [push] = await findPushes(db, sql`s.id = ${pushId}`);
    if (!policy || !push)
      return { status: 'failed', counts: {}, error: { code: 'NOT_FOUND', message: '政策或推送不存在' } };
    const targets = await targetList(db, pushTargets(run.actor, policy, push));
    await db.execute(sql`UPDATE policy_pushes SET targeted = ${targets.count} WHERE id = ${pushId}`);
    let notified = 0;
    for (let start = 0; start < targets.count; start += CHUNK) {
      // Stopping: the runner gives a resumable job back; the next run skips the enterprises reached.
      if (run.signal.aborted) return { status: 'failed', counts: { notified }, error: null };
      const size = Math.min(CHUNK, targets.count - start);
      const chunk = idsText(targets.text, start, size);
      notified += await db.transaction(async (tx) => {
        const now = ctx.clock.now();
        // Only enterprises no push of this policy reached yet are written — and notified.
        const { rows: fresh } = await tx.execute<{ enterprise_id: string }>(
          sql`INSERT INTO policy_recipients (policy_id, enterprise_id, push_id, notified_at)
              SELECT ${policyId}, id, ${pushId}, ${now} FROM unnest(string_to_array(${chunk}, ',')::uuid[]) AS id
              ON CONFLICT DO NOTHING RETURNING enterprise_id`,
        );
        if (fresh.length === 0) return 0;
        const contacts = await enterpriseContacts(
          tx,
          fresh.map((row) => row.enterprise_id),
        );
        if (contacts.length > 0)
          await notify(ctx, tx, {
            recipientIds: contacts,
            kind: 'policy.pushed',
            title: '有一项惠企政策适合贵企业',
            body: `《${policy.title}》${policy.application_closes_on ? `，申报截止 ${policy.application_closes_on}` : ''}`,
            link: `/policies/${policyId}`,
            objectType: 'policy',
            objectId: policyId,
            dedupeKey: `policy:${policyId}:pushed`,
          });
        await tx.execute(
          sql`UPDATE policy_pushes SET notified = notified + ${fresh.length} WHERE id = ${pushId}`,
        );
        return fresh.length;
      });
      await run.progress(Math.min(1, (start + size) / targets.count), {
        targeted: targets.count,
        notified,
      });
    }
    await db.transaction(async (tx) => {
      const { rows } = await tx.execute<{ notified: number }>(
        sql`UPDATE policy_pushes SET finished_at = ${ctx.clock.now()} WHERE id = ${pushId} RETURNING notified`,
      );
      // The group robot: one message per push, whatever number of chunks (deduplicated by the push).
      await notify(ctx, tx, {
        recipientIds: [],
        kind: 'policy.push_summary',
        title: '惠企政策推送',
        body: `《${policy.title}》已推送给 ${rows[0]?.notified ?? notified} 家企业，请提醒会员企业及时查看。`,
        link: `/policies/${policyId}`,
        objectType: 'policy',
        objectId: policyId,
        dedupeKey: `policy-push:${pushId}`,
      });
    });
    return { status: 'succeeded', counts: { targeted: targets.count, notified }, result: { pushId } };
  };
}

export async function getPush(ctx: AppContext, actor: Actor, id: string): Promise<PushView> {
  const { db } = ctx.database;
  const [push] = await findPushes(
    db,
    sql`s.id = ${id} AND ${policyReadScope(actor)} AND (${ownedPushes(actor)})`,
  );
  if (!push) throw notFound();
  const [view] = await presentPushes(ctx, actor, [push]);
  return view!;
}

/** Staff and leaders read the pushes of their subtree; a secretary or a contact reads the pushes they made. */
function ownedPushes(actor: Actor): SQL {
  return isFederationReader(actor)
    ? sql`s.org_unit_id IN (SELECT id FROM org_units WHERE path LIKE ${actor.orgPath + '%'})`
    : sql`s.pushed_by = ${actor.userId}`;
}

/** Running until the push has written its last recipient (its own finish, before the job's is recorded). */
function isRunning(push: PushRow): boolean {
  return push.finished_at === null && (push.status === 'queued' || push.status === 'running');
}

/**
 * The pushes as the policy's page shows them. Their reach figures are counted in one statement for all the
 * finished pushes; a push still running has none yet (`figures: null`): the page reads its pushes every
 * second while one runs, and counting a large push's recipients on each of those reads would take the
 * app's time from everyone else while the push itself is writing.
 */
async function presentPushes(ctx: AppContext, actor: Actor, pushes: readonly PushRow[]): Promise<PushView[]> {
  const finished = pushes.filter((push) => !isRunning(push)).map((push) => push.id);
  const figures =
    finished.length === 0
      ? []
      : await reachFigures(
          ctx.database.db,
          countedRecipients(actor, sql`r.push_id = ANY (${sql.param(finished)}::uuid[])`),
          { key: sql`r.push_id::text`, name: sql`''` },
        );
  const byPush = new Map(figures.map((row) => [row.key, row]));
  return pushes.map((push) => ({
    id: push.id,
    policyId: push.policy_id,
    policyTitle: push.policy_title,
    target: push.target,
    chamberId: push.chamber_id,
    createdAt: new Date(push.created_at).toISOString(),
    finishedAt: push.finished_at ? new Date(push.finished_at).toISOString() : null,
    status: push.status ?? 'succeeded',
    progress: push.progress ?? 1,
    targeted: push.targeted,
    notified: push.notified,
    figures: isRunning(push) ? null : presentFigures(byPush.get(push.id)),
  }));
}

export async function listPushes(
  ctx: AppContext,
  actor: Actor,
  policyId: string,
): Promise<{ items: PushView[] }> {
  const { db } = ctx.database;
  const policy = await findPolicy(db, policyReadScope(actor), policyId);
  if (!policy) throw notFound();
  const pushes = await findPushes(db, sql`s.policy_id = ${policyId} AND (${ownedPushes(actor)})`);
  return { items: await presentPushes(ctx, actor, pushes) };
}
