// 邀请 invitations: staff and chamber secretaries invite an enterprise's contacts — one enterprise, or every
// enterprise of a list as a background job — and a contact accepts with the one-time code, making their own
// enterprise_contact account. Password-reset links for those accounts use the same one-time codes.
import type { CreateInvitationBatchRequest, InvitationBatchView, InvitationState } from '@qinqing/shared';
import { and, inArray, sql } from 'drizzle-orm';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import { checkPasswordPolicy, hashPassword } from '../../core/auth/passwords.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { Tx } from '../../db/connection.ts';
import { enterprises } from '../../db/schema/index.ts';
import { filterClause } from '../enterprises/repository.ts';
import { findOwnJob, insertJob } from '../jobs/repository.ts';
import type { JobHandler, JobRunner } from '../jobs/runner.ts';
import { EmailSender } from '../notifications/transports.ts';
import { createContactAccount } from './accounts.ts';
import { hashCode, invitationLink, newCode, setPasswordLink } from './codes.ts';
import {
  contactAccountInScope,
  enterpriseLetterFacts,
  enterprisesWithLiveInvitation,
  insertInvitations,
  insertResetLink,
  invitableEnterprise,
  listInvitations,
  lockByCode,
  markEmailed,
  markUsed,
} from './repository.ts';

export const INVITATION_BATCH_JOB = 'invitation_batch';
/** Enterprises per transaction of a batch: small enough to keep the app answering between them. */
const CHUNK = 1000;

export interface BatchLink {
  enterpriseId: string;
  name: string;
  uscc: string;
  link: string;
  code: string;
}

function expiresAt(ctx: AppContext, now: Date): Date {
  return new Date(now.getTime() + ctx.config.invitationDays * 86_400_000);
}

function invitationMail(name: string, link: string, code: string, until: Date) {
  return {
    subject: `【亲清平台】邀请${name}开通企业账号`,
    text: `您好！${name}的联系人可通过以下链接开通亲清平台企业账号（每个邀请码仅可使用一次）：\n${link}\n邀请码：${code}\n有效期至：${until.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`,
  };
}

/** Sends what it can; a mail that fails is logged and the invitation stands (the letter and list still work). */
async function mailInvitations(
  ctx: AppContext,
  mails: { invitationId: string; to: string; name: string; link: string; code: string; until: Date }[],
  warn: (error: unknown) => void,
): Promise<number> {
  if (!ctx.config.smtpUrl || mails.length === 0) return 0;
  const sender = new EmailSender(ctx.config.smtpUrl, ctx.config.smtpFrom, ctx.config.outboundAllow);
  const sent: string[] = [];
  try {
    for (const mail of mails) {
      try {
        await sender.send(mail.to, invitationMail(mail.name, mail.link, mail.code, mail.until));
        sent.push(mail.invitationId);
      } catch (error) {
        warn(error);
      }
    }
  } finally {
    sender.close();
  }
  await markEmailed(ctx.database.db, sent, ctx.clock.now());
  return sent.length;
}

export async function inviteEnterprise(
  ctx: AppContext,
  actor: Actor,
  enterpriseId: string,
  audit: AuditContext,
  warn: (error: unknown) => void,
): Promise<{ id: string; code: string; link: string; expiresAt: string }> {
  const { db } = ctx.database;
  const enterprise = await invitableEnterprise(db, actor, enterpriseId);
  if (!enterprise) throw notFound();
  const now = ctx.clock.now();
  const until = expiresAt(ctx, now);
  const code = newCode();
  const facts = (await enterpriseLetterFacts(db, [enterpriseId])).get(enterpriseId);
  const email = facts?.email ?? null;
  const id = await db.transaction(async (tx) => {
    const [row] = await insertInvitations(tx, [{ enterpriseId, codeHash: hashCode(code), email }], {
      batchId: null,
      createdBy: actor.userId,
      now,
      expiresAt: until,
    });
    if (!row) throw new Error('insert returned no row');
    await ctx.audit.record(tx, audit, {
      action: 'invitation.created',
      objectType: 'invitation',
      objectId: row.id,
      detail: { enterpriseId, enterpriseName: enterprise.name, expiresAt: until.toISOString() },
    });
    return row.id;
  });
  const link = invitationLink(ctx.config, code);
  if (email) {
    await mailInvitations(
      ctx,
      [{ invitationId: id, to: email, name: enterprise.name, link, code, until }],
      warn,
    );
  }
  return { id, code, link, expiresAt: until.toISOString() };
}

/** Registers the batch job and answers the function that starts one. */
export function invitationBatches(ctx: AppContext, runner: JobRunner) {
  runner.register(INVITATION_BATCH_JOB, batchHandler(ctx), { resumable: true });
  return async (
    actor: Actor,
    request: CreateInvitationBatchRequest,
    audit: AuditContext,
  ): Promise<string> => {
    if (request.chamberId) {
      // A chamber outside the caller's reach is not found, whether or not it exists.
      const { rows } = await ctx.database.db.execute<{ id: string }>(
        sql`SELECT id FROM org_units WHERE id = ${request.chamberId} AND kind IN ('chamber', 'association')
              AND path LIKE ${actor.orgPath + '%'}`,
      );
      if (rows.length === 0) throw notFound();
    }
    const jobId = await insertJob(ctx.database.db, {
      kind: INVITATION_BATCH_JOB,
      params: { request } as Record<string, unknown>,
      createdBy: actor.userId,
      orgUnitId: actor.orgUnitId,
    });
    runner.enqueue({ id: jobId, kind: INVITATION_BATCH_JOB, actor, audit, cleanup: async () => undefined });
    return jobId;
  };
}

/** The ids of the enterprises a batch asks for, within what the caller may invite. */
async function batchTargets(
  ctx: AppContext,
  actor: Actor,
  request: CreateInvitationBatchRequest,
): Promise<string[]> {
  const filter = request.filter ?? (request.chamberId ? { chamberId: request.chamberId } : {});
  const { where } = filterClause(actor, filter, 'write');
  const rows = await ctx.database.db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(request.enterpriseIds ? and(where, inArray(enterprises.id, request.enterpriseIds)) : where)
    .orderBy(enterprises.sortKey, enterprises.id);
  return rows.map((row) => row.id);
}

/**
 * The batch job. Resumable: each chunk's links are appended to the job's result in the chunk's own
 * transaction, so a run on another node (after this one died) starts from what was committed — the
 * enterprises this batch already invited are neither invited again nor counted as skipped, and their codes
 * are still in the result for the letters.
 */
function batchHandler(ctx: AppContext): JobHandler {
  return async (run) => {
    const { db } = ctx.database;
    const request = (run.job.params as { request: CreateInvitationBatchRequest }).request;
    const ids = await batchTargets(ctx, run.actor, request);
    const earlier = run.job.result as { links?: BatchLink[]; expiresAt?: string };
    const links: BatchLink[] = [...(earlier.links ?? [])];
    const ours = new Set(links.map((link) => link.enterpriseId));
    const now = ctx.clock.now();
    const until = earlier.expiresAt ? new Date(earlier.expiresAt) : expiresAt(ctx, now);
    let skipped = 0;
    for (let start = 0; start < ids.length; start += CHUNK) {
      if (run.signal.aborted) break;
      const chunk = ids.slice(start, start + CHUNK).filter((id) => !ours.has(id));
      if (chunk.length === 0) continue;
      const facts = await enterpriseLetterFacts(db, chunk);
      await db.transaction(async (tx) => {
        // One chunk at a time across every instance of the app: two batches never both find an enterprise
        // without a live invitation and invite it twice.
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('invitation_batch'))`);
        const live = await enterprisesWithLiveInvitation(tx, chunk, now);
        const fresh = chunk.filter((id) => !live.has(id));
        skipped += chunk.length - fresh.length;
        const codes = new Map(fresh.map((id) => [id, newCode()]));
        const inserted = await insertInvitations(
          tx,
          fresh.map((id) => ({
            enterpriseId: id,
            codeHash: hashCode(codes.get(id)!),
            email: facts.get(id)?.email ?? null,
          })),
          { batchId: run.job.id, createdBy: run.actor.userId, now, expiresAt: until },
        );
        const added = inserted.map((row) => {
          const fact = facts.get(row.enterpriseId)!;
          const code = codes.get(row.enterpriseId)!;
          const link = invitationLink(ctx.config, code);
          return { enterpriseId: row.enterpriseId, name: fact.name, uscc: fact.uscc, link, code };
        });
        await tx.execute(
          sql`UPDATE jobs SET result = jsonb_build_object(
                'links', coalesce(result -> 'links', '[]'::jsonb) || ${JSON.stringify(added)}::jsonb,
                'expiresAt', ${until.toISOString()}::text)
               WHERE id = ${run.job.id}`,
        );
        links.push(...added);
      });
      await run.progress(Math.min(1, (start + chunk.length) / Math.max(ids.length, 1)) * 0.95, {
        total: ids.length,
        created: links.length,
        skipped,
      });
    }
    if (run.signal.aborted) {
      return { status: 'failed', counts: { total: ids.length, created: links.length, skipped }, error: null };
    }
    // Mails for every invitation of the batch not mailed yet, an earlier run's included.
    const codeOf = new Map(links.map((link) => [link.enterpriseId, link]));
    const { rows: unmailed } = await db.execute<{ id: string; enterprise_id: string; email: string }>(
      sql`SELECT id, enterprise_id, email FROM invitations
           WHERE batch_id = ${run.job.id} AND email IS NOT NULL AND emailed_at IS NULL`,
    );
    const mails = unmailed.flatMap((row) => {
      const link = codeOf.get(row.enterprise_id);
      return link
        ? [{ invitationId: row.id, to: row.email, name: link.name, link: link.link, code: link.code, until }]
        : [];
    });
    const emailed = await mailInvitations(ctx, mails, (error) =>
      run.log.warn({ err: error }, 'invitation mail failed'),
    );
    const counts = { total: ids.length, created: links.length, skipped, emailed };
    await db.transaction((tx) =>
      ctx.audit.record(tx, run.audit, {
        action: 'invitation.batch_created',
        objectType: 'job',
        objectId: run.job.id,
        detail: { ...counts, scope: request.chamberId ? 'chamber' : request.filter ? 'filter' : 'selection' },
      }),
    );
    // The links are kept with the job for its creator's letters and list: the codes exist nowhere else.
    return { status: 'succeeded', counts, result: { links, expiresAt: until.toISOString() } };
  };
}

/** The batch as its creator follows it; someone else's batch is not found. */
export async function readBatch(ctx: AppContext, actor: Actor, id: string): Promise<InvitationBatchView> {
  const job = await findOwnJob(ctx.database.db, actor.userId, id);
  if (!job || job.kind !== INVITATION_BATCH_JOB) throw notFound();
  const counts = job.counts as Record<string, number | undefined>;
  const done = job.status === 'succeeded';
  const error = job.error as { code?: string; message?: string } | null;
  return {
    id: job.id,
    status: job.status,
    progress: Number(job.progress),
    counts: {
      total: counts.total ?? 0,
      created: counts.created ?? 0,
      skipped: counts.skipped ?? 0,
      emailed: counts.emailed ?? 0,
    },
    error: error ? { code: error.code ?? 'JOB_FAILED', message: error.message ?? '' } : null,
    lettersUrl: done ? `/api/invitations/letters.docx?batchId=${job.id}` : null,
    listUrl: done ? `/api/invitations/list.txt?batchId=${job.id}` : null,
  };
}

/** The batch's links, for its creator only, once it has finished. */
export async function batchLinks(
  ctx: AppContext,
  actor: Actor,
  batchId: string,
): Promise<{ links: BatchLink[]; expiresAt: string | null }> {
  const { rows } = await ctx.database.db.execute<{ links: BatchLink[] | null; expires_at: string | null }>(
    sql`SELECT result -> 'links' AS links, result ->> 'expiresAt' AS expires_at FROM jobs
         WHERE id = ${batchId} AND created_by = ${actor.userId} AND kind = ${INVITATION_BATCH_JOB} AND status = 'succeeded'`,
  );
  const links = rows[0]?.links;
  if (!links) throw notFound();
  return { links, expiresAt: rows[0]?.expires_at ?? null };
}

export async function readInvitations(
  ctx: AppContext,
  actor: Actor,
  query: { enterpriseId?: string; batchId?: string; state?: InvitationState; page: number; pageSize: number },
) {
  const { rows, total } = await listInvitations(ctx.database.db, actor, query, ctx.clock.now());
  return {
    total,
    items: rows.map((row) => ({
      id: row.id,
      enterpriseId: row.enterpriseId,
      enterpriseName: row.enterpriseName,
      state: row.state,
      batchId: row.batchId,
      emailed: row.emailedAt !== null,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      usedAt: row.usedAt?.toISOString() ?? null,
      accountId: row.accountId,
      accountName: row.accountName,
    })),
  };
}

/** What the public accept page shows for a code: its enterprise, or why it cannot be used. */
export async function previewInvitation(ctx: AppContext, code: string) {
  const row = await lockByCode(ctx.database.db, hashCode(code));
  if (!row || row.kind !== 'invitation') throw new AppError('INVITATION_INVALID');
  if (row.usedAt || row.expiresAt <= ctx.clock.now() || row.mergedIntoId)
    throw new AppError('INVITATION_GONE');
  return { enterpriseName: row.enterpriseName, expiresAt: row.expiresAt.toISOString() };
}

export async function acceptInvitation(
  ctx: AppContext,
  input: { code: string; name: string; mobile: string; password: string },
  audit: AuditContext,
) {
  const policy = await ctx.security.get();
  const problems = checkPasswordPolicy(input.password, policy, { username: input.mobile, path: 'password' });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const row = await lockByCode(tx, hashCode(input.code));
    if (!row || row.kind !== 'invitation') throw new AppError('INVITATION_INVALID');
    if (row.usedAt || row.expiresAt <= now || row.mergedIntoId) throw new AppError('INVITATION_GONE');
    const userId = await createContactAccount(tx, {
      enterpriseId: row.enterpriseId,
      orgUnitId: row.orgUnitId,
      name: input.name,
      mobile: input.mobile,
      passwordHash,
      now,
    });
    await markUsed(tx, row.id, userId, now);
    const who = { ...audit, actorId: userId, actorName: input.mobile, actorRoles: ['enterprise_contact'] };
    await ctx.audit.record(tx, who, {
      action: 'invitation.accepted',
      objectType: 'invitation',
      objectId: row.id,
      detail: {
        enterpriseId: row.enterpriseId,
        enterpriseName: row.enterpriseName,
        userId,
        name: input.name,
      },
    });
    return { id: userId, username: input.mobile, enterpriseName: row.enterpriseName };
  });
}

/** A one-time set-password link for an enterprise contact's account; earlier links of the account end. */
export async function issueSetPasswordLink(
  ctx: AppContext,
  tx: Tx,
  account: { userId: string; enterpriseId: string },
  createdBy: string | null,
): Promise<{ code: string; link: string; expiresAt: string }> {
  const now = ctx.clock.now();
  const until = new Date(now.getTime() + ctx.config.passwordResetHours * 3_600_000);
  const code = newCode();
  await insertResetLink(tx, {
    enterpriseId: account.enterpriseId,
    userId: account.userId,
    codeHash: hashCode(code),
    createdBy,
    now,
    expiresAt: until,
  });
  return { code, link: setPasswordLink(ctx.config, code), expiresAt: until.toISOString() };
}

export async function issuePasswordReset(ctx: AppContext, actor: Actor, userId: string, audit: AuditContext) {
  const account = await contactAccountInScope(ctx.database.db, actor, userId);
  if (!account?.enterpriseId) throw notFound();
  const enterpriseId = account.enterpriseId;
  return ctx.database.db.transaction(async (tx) => {
    const reset = await issueSetPasswordLink(ctx, tx, { userId, enterpriseId }, actor.userId);
    await ctx.audit.record(tx, audit, {
      action: 'invitation.password_reset_issued',
      objectType: 'user',
      objectId: userId,
      detail: { username: account.username, expiresAt: reset.expiresAt },
    });
    return reset;
  });
}

export async function setPasswordByLink(
  ctx: AppContext,
  input: { code: string; password: string },
  audit: AuditContext,
): Promise<void> {
  const now = ctx.clock.now();
  const { db } = ctx.database;
  const found = await lockByCode(db, hashCode(input.code));
  if (!found || found.kind !== 'password_reset' || !found.userId) throw new AppError('RESET_LINK_GONE');
  const [account] = (
    await db.execute<{ username: string }>(sql`SELECT username FROM users WHERE id = ${found.userId}`)
  ).rows;
  const policy = await ctx.security.get();
  const problems = checkPasswordPolicy(input.password, policy, {
    username: account?.username,
    path: 'password',
  });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const row = await lockByCode(tx, hashCode(input.code));
    if (!row?.userId || row.kind !== 'password_reset' || row.usedAt || row.expiresAt <= now)
      throw new AppError('RESET_LINK_GONE');
    await tx.execute(
      sql`UPDATE users SET password_hash = ${passwordHash}, password_changed_at = ${now}, must_change_password = false,
                 failed_login_count = 0, locked_until = NULL, version = version + 1, updated_at = ${now}
           WHERE id = ${row.userId}`,
    );
    // Whoever held the old password is signed out everywhere.
    await tx.execute(sql`DELETE FROM sessions WHERE user_id = ${row.userId}`);
    await markUsed(tx, row.id, row.userId, now);
    await ctx.audit.record(
      tx,
      {
        ...audit,
        actorId: row.userId,
        actorName: account?.username ?? null,
        actorRoles: ['enterprise_contact'],
      },
      { action: 'invitation.password_set', objectType: 'user', objectId: row.userId, detail: {} },
    );
  });
}
