// 后台任务 background jobs: each node runs one job at a time (imports are heavy and the machine may have two
// cores), status and progress in the jobs table for the web app to poll. Several nodes may share the
// database, so a job is held by one node through a lease in its row (migration 0041), renewed while the
// node keeps it — queued in its memory or running — and guarded on every write of the outcome:
// - a node runs the jobs it accepted, in order, claiming each (queued → running) only while it holds it;
// - when a node dies (kill -9, a lost machine) its leases run out: another node, looking every few seconds,
//   takes a job of a *resumable* kind (`FOR UPDATE SKIP LOCKED`, so two nodes never take the same one) and
//   runs it again as its creator (the actor and audit context are kept with the job) — the handler must
//   skip what the first run committed (the invitation batch does); a job of any other kind (an import,
//   whose upload is a file on the node that took it) is failed as interrupted, to be submitted again;
// - a node that stops cleanly gives its resumable jobs back (lease ended) and fails the others.
// A job that was taken MAX_ATTEMPTS times is failed rather than taken again.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import {
  failUnfinishedJobs,
  findJob,
  recordProgress,
  type JobError,
  type JobOutcome,
  type JobSummary,
} from './repository.ts';

export interface JobRun {
  job: JobSummary;
  actor: Actor;
  audit: AuditContext;
  /** Aborted when the server stops or the lease is lost: the job ends at its next safe point. */
  signal: AbortSignal;
  /** Stores progress (0–1) and the counts so far. */
  progress(fraction: number, counts: Record<string, number>): Promise<void>;
  log: FastifyBaseLogger;
}

export type JobHandler = (run: JobRun) => Promise<JobOutcome>;

export interface JobKindOptions {
  /**
   * Another node may run the job again after its node died: the handler finds what an earlier run
   * committed and does not do it twice. Default false: the job is failed as interrupted instead.
   */
  resumable?: boolean;
}

interface QueuedJob {
  id: string;
  kind: string;
  actor: Actor;
  audit: AuditContext;
  /** Removes what the job kept outside the database (its uploaded file); runs however the job ends here. */
  cleanup(): Promise<void>;
}

export interface JobRunnerOptions {
  /** This node, told apart from other nodes and restarts. */
  owner?: string;
  /** How long a job stays with its node without a renewal (default: config.jobLeaseMs, QINQING_JOB_LEASE_MS). */
  leaseMs?: number;
  /** How often a node looks for jobs whose node died (default: config.jobPollMs, QINQING_JOB_POLL_MS). */
  pollMs?: number;
}

const INTERRUPTED = { code: 'INTERRUPTED', message: '服务已重启，任务被中断，请重新提交' };
const STOPPED = { code: 'INTERRUPTED', message: '服务正在停止，任务未执行，请稍后重新提交' };
const CRASHED = { code: 'JOB_FAILED', message: '任务执行出错，请稍后重试；如仍失败请联系管理员' };
const GAVE_UP = { code: 'JOB_FAILED', message: '任务多次中断未能完成，请稍后重新提交' };
/** Takes of one job (its first run included) before it is failed rather than taken again. */
export const MAX_ATTEMPTS = 3;

/** The actor as kept in jobs.actor: its permission set as a list. */
function actorToJson(actor: Actor): Record<string, unknown> {
  return { ...actor, permissions: [...(actor.permissions ?? [])] };
}

function actorFromJson(json: Record<string, unknown>): Actor {
  return { ...json, permissions: new Set(json.permissions as string[]) } as unknown as Actor;
}

export class JobRunner {
  readonly owner: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly kinds = new Map<string, { handler: JobHandler; resumable: boolean }>();
  private readonly queue: { job: QueuedJob; held: Promise<boolean> }[] = [];
  private running: Promise<void> | undefined;
  /** The job running here and how to stop it when its lease is lost. */
  private current: { id: string; lost: AbortController } | undefined;
  private closed = false;
  private readonly stopping = new AbortController();
  private timers: NodeJS.Timeout[] = [];
  private polling = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly log: FastifyBaseLogger,
    options: JobRunnerOptions = {},
  ) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.leaseMs = options.leaseMs ?? ctx.config.jobLeaseMs;
    this.pollMs = options.pollMs ?? ctx.config.jobPollMs;
  }

  register(kind: string, handler: JobHandler, options: JobKindOptions = {}): void {
    this.kinds.set(kind, { handler, resumable: options.resumable ?? false });
  }

  /** Renews this node's leases and looks for jobs whose node died, until close(). */
  start(): void {
    if (this.timers.length > 0 || this.closed) return;
    const renew = setInterval(() => void this.renew(), Math.max(Math.floor(this.leaseMs / 3), 50));
    const poll = setInterval(() => void this.poll(), this.pollMs);
    renew.unref();
    poll.unref();
    this.timers = [renew, poll];
  }

  /**
   * Fails the jobs no node holds that cannot be taken again: a kind that is not resumable (or unknown
   * here) whose lease ran out, and a job taken MAX_ATTEMPTS times. Answers how many.
   */
  async recover(): Promise<number> {
    const resumable = [...this.kinds].filter(([, kind]) => kind.resumable).map(([name]) => name);
    const abandoned = sql`status IN ('queued', 'running')
      AND (lease_until < now() OR (lease_until IS NULL AND created_at < now() - ${`${this.leaseMs} milliseconds`}::interval))`;
    const { rows: interrupted } = await this.ctx.database.db.execute<{ id: string }>(
      sql`SELECT id FROM jobs WHERE ${abandoned}
            AND (kind <> ALL (${sql.param(resumable)}::text[]) OR actor IS NULL)`,
    );
    const { rows: exhausted } = await this.ctx.database.db.execute<{ id: string }>(
      sql`SELECT id FROM jobs WHERE ${abandoned} AND attempts >= ${MAX_ATTEMPTS}`,
    );
    const now = this.ctx.clock.now();
    const db = this.ctx.database.db;
    let failed = 0;
    if (interrupted.length > 0)
      failed += await failUnfinishedJobs(
        db,
        INTERRUPTED,
        now,
        interrupted.map((row) => row.id),
      );
    if (exhausted.length > 0)
      failed += await failUnfinishedJobs(
        db,
        GAVE_UP,
        now,
        exhausted.map((row) => row.id),
      );
    return failed;
  }

  /** Takes a job accepted on this node: it is held here (leased) at once and run in turn. */
  enqueue(job: QueuedJob): void {
    if (this.closed) {
      void this.discard([job]);
      return;
    }
    this.queue.push({ job, held: this.hold(job) });
    this.pump();
  }

  /** Resolves once nothing is queued or running here. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * Stops taking jobs and lets the running one stop at its next safe point; the queued ones are given
   * back (resumable: another node or the next start takes them) or failed.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.stopping.abort();
    const waiting = this.queue.splice(0).map((entry) => entry.job);
    await this.running;
    await this.discard(waiting);
  }

  /** Writes this node's lease and the job's actor on a job just accepted (still queued). */
  private async hold(job: QueuedJob): Promise<boolean> {
    const { rows } = await this.ctx.database.db.execute<{ id: string }>(
      sql`UPDATE jobs SET lease_owner = ${this.owner}, lease_until = now() + ${this.lease()}::interval,
                          actor = ${JSON.stringify(actorToJson(job.actor))}::jsonb,
                          audit = ${JSON.stringify(job.audit)}::jsonb
           WHERE id = ${job.id} AND status = 'queued' AND lease_owner IS NULL RETURNING id`,
    );
    return rows.length > 0;
  }

  private lease(): string {
    return `${this.leaseMs} milliseconds`;
  }

  private async renew(): Promise<void> {
    if (this.closed) return;
    try {
      const { rows } = await this.ctx.database.db.execute<{ id: string }>(
        sql`UPDATE jobs SET lease_until = now() + ${this.lease()}::interval
             WHERE lease_owner = ${this.owner} AND status IN ('queued', 'running') RETURNING id`,
      );
      const current = this.current;
      if (current && !rows.some((row) => row.id === current.id)) {
        this.log.warn({ jobId: current.id }, 'job lease lost to another node: stopping it here');
        current.lost.abort();
      }
    } catch (error) {
      this.log.error({ err: error }, 'could not renew job leases');
    }
  }

  /** Fails what cannot be taken again, then takes one resumable job whose node died, when idle. */
  private async poll(): Promise<void> {
    if (this.closed || this.polling) return;
    this.polling = true;
    try {
      await this.recover();
      if (this.running || this.queue.length > 0) return;
      const resumable = [...this.kinds].filter(([, kind]) => kind.resumable).map(([name]) => name);
      if (resumable.length === 0) return;
      const { rows } = await this.ctx.database.db.execute<{
        id: string;
        kind: string;
        actor: Record<string, unknown>;
        audit: AuditContext;
      }>(
        sql`UPDATE jobs SET status = 'running', lease_owner = ${this.owner},
                            lease_until = now() + ${this.lease()}::interval, attempts = attempts + 1
             WHERE id = (SELECT id FROM jobs
                          WHERE status IN ('queued', 'running') AND lease_until < now()
                            AND kind = ANY (${sql.param(resumable)}::text[]) AND actor IS NOT NULL
                            AND attempts < ${MAX_ATTEMPTS}
                          ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING id, kind, actor, audit`,
      );
      const taken = rows[0];
      if (!taken || this.running || this.closed) return;
      this.log.warn({ jobId: taken.id, kind: taken.kind }, 'resuming a job whose node stopped');
      const job: QueuedJob = {
        id: taken.id,
        kind: taken.kind,
        actor: actorFromJson(taken.actor),
        audit: taken.audit,
        cleanup: async () => undefined,
      };
      this.running = this.execute(job, true).finally(() => {
        this.running = undefined;
        this.pump();
      });
    } catch (error) {
      this.log.error({ err: error }, 'job poll failed');
    } finally {
      this.polling = false;
    }
  }

  private pump(): void {
    if (this.running || this.closed) return;
    const next = this.queue.shift();
    if (!next) return;
    this.running = next.held
      .then((held) => (held ? this.execute(next.job, false) : this.skip(next.job)))
      .catch((error: unknown) => this.log.error({ err: error, jobId: next.job.id }, 'job could not start'))
      .finally(() => {
        this.running = undefined;
        this.pump();
      });
  }

  private async skip(job: QueuedJob): Promise<void> {
    this.log.warn({ jobId: job.id }, 'job not held here (another node took it)');
    await job.cleanup().catch(() => undefined);
  }

  /** Marks the job running (unless `taken`: poll did) while this node still holds it. */
  private async claim(id: string): Promise<boolean> {
    const { rows } = await this.ctx.database.db.execute<{ id: string }>(
      sql`UPDATE jobs SET status = 'running', started_at = coalesce(started_at, ${this.ctx.clock.now()}),
                          lease_until = now() + ${this.lease()}::interval, attempts = attempts + 1
           WHERE id = ${id} AND lease_owner = ${this.owner} AND status = 'queued' RETURNING id`,
    );
    return rows.length > 0;
  }

  private async execute(queued: QueuedJob, taken: boolean): Promise<void> {
    const { db } = this.ctx.database;
    const lost = new AbortController();
    this.current = { id: queued.id, lost };
    const kind = this.kinds.get(queued.kind);
    try {
      const job = await findJob(db, queued.id);
      if (!kind || !job) throw new Error(`no handler or no job for ${queued.kind} ${queued.id}`);
      if (!taken && !(await this.claim(job.id))) {
        this.log.warn({ jobId: job.id }, 'job not held here (another node took it)');
        return;
      }
      const signal = AbortSignal.any([this.stopping.signal, lost.signal]);
      const outcome = await kind.handler({
        job: { ...job, status: 'running' },
        actor: queued.actor,
        audit: queued.audit,
        signal,
        progress: (fraction, counts) => recordProgress(db, job.id, fraction, counts),
        log: this.log,
      });
      if (lost.signal.aborted) return;
      if (kind.resumable && signal.aborted) {
        // Stopped part-way: given back, for another node or the next start to finish.
        await this.release(job.id);
        return;
      }
      if (!(await this.finish(job.id, outcome))) {
        this.log.warn({ jobId: job.id }, 'job finished after its lease was lost: outcome not written');
      }
    } catch (error) {
      this.log.error({ err: error, jobId: queued.id }, 'job failed');
      if (!lost.signal.aborted) {
        await this.finish(queued.id, { status: 'failed', counts: {}, error: CRASHED }, true).catch(
          (failure: unknown) =>
            this.log.error({ err: failure, jobId: queued.id }, 'could not mark the job failed'),
        );
      }
    } finally {
      this.current = undefined;
      await queued
        .cleanup()
        .catch((error: unknown) => this.log.warn({ err: error, jobId: queued.id }, 'job cleanup failed'));
    }
  }

  /** Writes the outcome only while this node holds the job; `keepCounts`: leave counts and result as they are. */
  private async finish(id: string, outcome: JobOutcome, keepCounts = false): Promise<boolean> {
    const error: JobError | null = outcome.error ?? null;
    const { rows } = await this.ctx.database.db.execute<{ id: string }>(
      keepCounts
        ? sql`UPDATE jobs SET status = ${outcome.status}, error = ${JSON.stringify(error)}::jsonb,
                              finished_at = ${this.ctx.clock.now()}, lease_owner = NULL, lease_until = NULL
               WHERE id = ${id} AND lease_owner = ${this.owner} AND status = 'running' RETURNING id`
        : sql`UPDATE jobs SET status = ${outcome.status},
                              progress = CASE WHEN ${outcome.status} = 'succeeded' THEN 1 ELSE progress END,
                              counts = ${JSON.stringify(outcome.counts)}::jsonb,
                              result = ${JSON.stringify(outcome.result ?? {})}::jsonb,
                              error = ${JSON.stringify(error)}::jsonb, report = ${outcome.report ?? null},
                              finished_at = ${this.ctx.clock.now()}, lease_owner = NULL, lease_until = NULL
               WHERE id = ${id} AND lease_owner = ${this.owner} AND status = 'running' RETURNING id`,
    );
    return rows.length > 0;
  }

  /** Ends this node's lease on a job so that another node (or the next start) may take it at once. */
  private async release(id: string): Promise<void> {
    await this.ctx.database.db.execute(
      sql`UPDATE jobs SET lease_until = now() WHERE id = ${id} AND lease_owner = ${this.owner}`,
    );
  }

  private async discard(jobs: QueuedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const give = jobs.filter((job) => this.kinds.get(job.kind)?.resumable);
    const fail = jobs.filter((job) => !this.kinds.get(job.kind)?.resumable);
    try {
      for (const job of give) await this.release(job.id);
      if (fail.length > 0) {
        await failUnfinishedJobs(
          this.ctx.database.db,
          STOPPED,
          this.ctx.clock.now(),
          fail.map((job) => job.id),
        );
      }
    } catch (error) {
      this.log.error({ err: error }, 'could not give back or fail the queued jobs');
    }
    await Promise.all(jobs.map((job) => job.cleanup().catch(() => undefined)));
  }
}

/** The app's job runner: jobs no node can finish failed, leases renewed, stopped with the app. */
export async function startJobRunner(app: FastifyInstance, ctx: AppContext): Promise<JobRunner> {
  const runner = new JobRunner(ctx, app.log);
  app.addHook('onReady', async () => {
    // After every module registered its kinds: which are resumable decides what recover() fails.
    const failed = await runner.recover();
    if (failed > 0) app.log.warn({ failed }, 'jobs left unfinished by a stopped node were marked failed');
    if (!ctx.config.testMode) runner.start();
  });
  app.addHook('onClose', () => runner.close());
  return runner;
}
