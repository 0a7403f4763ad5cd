// 后台任务 background jobs, run in this process: a queue in memory, one job at a time (imports are heavy
// and the machine may have two cores), status and progress in the jobs table for the web app to poll.
// A job does not survive a restart: on start, jobs a crash left queued or running are marked failed.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import {
  failUnfinishedJobs,
  findJob,
  finishJob,
  markRunning,
  recordProgress,
  type JobOutcome,
  type JobSummary,
} from './repository.ts';

export interface JobRun {
  job: JobSummary;
  actor: Actor;
  audit: AuditContext;
  /** Aborted when the server stops: the job ends at its next safe point. */
  signal: AbortSignal;
  /** Stores progress (0–1) and the counts so far. */
  progress(fraction: number, counts: Record<string, number>): Promise<void>;
  log: FastifyBaseLogger;
}

export type JobHandler = (run: JobRun) => Promise<JobOutcome>;

interface QueuedJob {
  id: string;
  kind: string;
  actor: Actor;
  audit: AuditContext;
  /** Removes what the job kept outside the database (its uploaded file); runs however the job ends. */
  cleanup(): Promise<void>;
}

const INTERRUPTED = { code: 'INTERRUPTED', message: '服务已重启，任务被中断，请重新提交' };
const STOPPED = { code: 'INTERRUPTED', message: '服务正在停止，任务未执行，请稍后重新提交' };
const CRASHED = { code: 'JOB_FAILED', message: '任务执行出错，请稍后重试；如仍失败请联系管理员' };

export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly queue: QueuedJob[] = [];
  private running: Promise<void> | undefined;
  private closed = false;
  private readonly stopping = new AbortController();

  constructor(
    private readonly ctx: AppContext,
    private readonly log: FastifyBaseLogger,
  ) {}

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Fails the jobs a previous process left unfinished; call once, before accepting new jobs. */
  async recover(): Promise<number> {
    return failUnfinishedJobs(this.ctx.database.db, INTERRUPTED, this.ctx.clock.now());
  }

  enqueue(job: QueuedJob): void {
    if (this.closed) {
      void this.discard([job]);
      return;
    }
    this.queue.push(job);
    this.pump();
  }

  /** Resolves once nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops taking jobs, lets the running one stop at its next safe point, fails the queued ones. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopping.abort();
    const waiting = this.queue.splice(0);
    await this.running;
    await this.discard(waiting);
  }

  private pump(): void {
    if (this.running || this.closed) return;
    const next = this.queue.shift();
    if (!next) return;
    this.running = this.execute(next).finally(() => {
      this.running = undefined;
      this.pump();
    });
  }

  private async execute(queued: QueuedJob): Promise<void> {
    const { db } = this.ctx.database;
    try {
      const handler = this.handlers.get(queued.kind);
      const job = await findJob(db, queued.id);
      if (!handler || !job) throw new Error(`no handler or no job for ${queued.kind} ${queued.id}`);
      await markRunning(db, job.id, this.ctx.clock.now());
      const outcome = await handler({
        job: { ...job, status: 'running' },
        actor: queued.actor,
        audit: queued.audit,
        signal: this.stopping.signal,
        progress: (fraction, counts) => recordProgress(db, job.id, fraction, counts),
        log: this.log,
      });
      await finishJob(db, job.id, outcome, this.ctx.clock.now());
    } catch (error) {
      this.log.error({ err: error, jobId: queued.id }, 'job failed');
      await failUnfinishedJobs(db, CRASHED, this.ctx.clock.now(), [queued.id]).catch((failure: unknown) =>
        this.log.error({ err: failure, jobId: queued.id }, 'could not mark the job failed'),
      );
    } finally {
      await queued
        .cleanup()
        .catch((error: unknown) => this.log.warn({ err: error, jobId: queued.id }, 'job cleanup failed'));
    }
  }

  private async discard(jobs: QueuedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await failUnfinishedJobs(
      this.ctx.database.db,
      STOPPED,
      this.ctx.clock.now(),
      jobs.map((job) => job.id),
    ).catch((error: unknown) => this.log.error({ err: error }, 'could not fail the queued jobs'));
    await Promise.all(jobs.map((job) => job.cleanup().catch(() => undefined)));
  }
}

/** The app's job runner: unfinished jobs of a previous run failed, stopped with the app. */
export async function startJobRunner(app: FastifyInstance, ctx: AppContext): Promise<JobRunner> {
  const runner = new JobRunner(ctx, app.log);
  const failed = await runner.recover();
  if (failed > 0) app.log.warn({ failed }, 'jobs left unfinished by the previous run were marked failed');
  app.addHook('onClose', () => runner.close());
  return runner;
}
