// 定时任务 the in-app scheduler: tasks registered by name run every interval, judged by the app's clock.
// Their state lives in scheduled_tasks, so it survives restarts; a run claims its task with a lease in one
// atomic UPDATE, so with several app instances exactly one runs a due task, and a crashed run's lease
// expires and the task is retried by whichever instance looks next. Each run is written down by its slot
// (task, due time) in scheduled_task_runs with the instance that ran it: a slot run twice shows as attempts.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { scheduledTaskRuns, scheduledTasks } from '../../db/schema/index.ts';
import type { Clock } from '../clock.ts';

export interface TaskRun {
  /** The app clock's time when the run started. */
  now: Date;
  /** Aborted when the app stops: a long task ends at its next safe point. */
  signal: AbortSignal;
}

export interface ScheduledTask {
  /** Unique, dotted by module: `notifications.deliver`, `appeals.deadlines`. */
  name: string;
  /** Time from the end of one run to the next one being due. */
  intervalMs: number;
  /** How long a run may take before another instance assumes it crashed (default 5 minutes). */
  leaseMs?: number;
  /** Should be idempotent: a run that crashed half-way is run again. */
  run(run: TaskRun): Promise<void>;
}

export interface TaskOutcome {
  name: string;
  ok: boolean;
  error: string | null;
}

export interface SchedulerLog {
  error(object: Record<string, unknown>, message: string): void;
}

const DEFAULT_LEASE_MS = 5 * 60_000;
const ERROR_MAX_LENGTH = 2_000;
/** How far ahead of this instance's clock another instance's start may be (clock skew, a slow query). */
const SET_BACK_SLACK_MS = 2_000;
/** How long the record of a run is kept. */
const RUNS_KEPT_MS = 14 * 86_400_000;

export class Scheduler {
  private readonly tasks = new Map<string, ScheduledTask>();
  /** Names whose state row may not exist yet. */
  private readonly unseeded = new Set<string>();
  /** Passes run one after another in this instance: a tick and a test's runDue never overlap. */
  private pass: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private readonly stopping = new AbortController();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** Who holds a lease: this process, told apart from other instances and restarts. */
    readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
  ) {}

  register(task: ScheduledTask): void {
    if (this.tasks.has(task.name)) throw new Error(`scheduled task ${task.name} registered twice`);
    if (!(task.intervalMs > 0)) throw new Error(`scheduled task ${task.name} needs a positive interval`);
    this.tasks.set(task.name, task);
    this.unseeded.add(task.name);
  }

  /** Runs every task that is due now (by the app's clock) and not leased; answers the ones that ran. */
  runDue(): Promise<TaskOutcome[]> {
    const next = this.pass.then(() => this.runDueNow());
    this.pass = next.catch(() => undefined);
    return next;
  }

  /** Looks for due tasks every `tickMs` of real time (0: never; tests call runDue instead). */
  start(tickMs: number, log: SchedulerLog): void {
    if (tickMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      // A pass slower than the tick is not queued up behind itself.
      if (this.ticking) return;
      this.ticking = true;
      this.runDue()
        .then((outcomes) => {
          for (const outcome of outcomes.filter((o) => !o.ok)) {
            log.error({ task: outcome.name, error: outcome.error }, 'scheduled task failed');
          }
        })
        .catch((error: unknown) => log.error({ err: error }, 'scheduler pass failed'))
        .finally(() => {
          this.ticking = false;
        });
    }, tickMs);
    this.timer.unref();
  }

  /** Stops the timer, asks a running task to stop, and waits for the pass to end. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.stopping.abort();
    await this.pass;
  }

  private async runDueNow(): Promise<TaskOutcome[]> {
    if (this.stopping.signal.aborted) return [];
    await this.seed();
    const outcomes: TaskOutcome[] = [];
    for (const task of this.tasks.values()) {
      if (this.stopping.signal.aborted) break;
      const now = this.clock.now();
      const dueAt = await this.claim(task, now);
      if (!dueAt) continue;
      let error: string | null = null;
      try {
        await task.run({ now, signal: this.stopping.signal });
      } catch (failure) {
        error = (failure instanceof Error ? failure.message : String(failure)).slice(0, ERROR_MAX_LENGTH);
      }
      await this.release(task, dueAt, error);
      outcomes.push({ name: task.name, ok: error === null, error });
    }
    return outcomes;
  }

  /** A new task is due at once. */
  private async seed(): Promise<void> {
    if (this.unseeded.size === 0) return;
    const names = [...this.unseeded];
    const now = this.clock.now();
    await this.db
      .insert(scheduledTasks)
      .values(names.map((name) => ({ name, nextRunAt: now })))
      .onConflictDoNothing();
    const seeded = await this.db
      .select({ name: scheduledTasks.name })
      .from(scheduledTasks)
      .where(inArray(scheduledTasks.name, names));
    for (const row of seeded) this.unseeded.delete(row.name);
  }

  /**
   * Takes the task's lease if it is due and nobody holds a live lease. A last run that started later than
   * now (by more than the slack) means the clock was set back (tests): the task then counts as due and its
   * lease as expired. It is judged by the last start, never by the next run: another instance that read its
   * clock a moment before this one finished would otherwise take the next run as "set back" and run the
   * same slot twice.
   */
  private async claim(task: ScheduledTask, now: Date): Promise<Date | undefined> {
    const leaseMs = task.leaseMs ?? DEFAULT_LEASE_MS;
    const setBack = gt(scheduledTasks.lastStartedAt, new Date(now.getTime() + SET_BACK_SLACK_MS));
    const [claimed] = await this.db
      .update(scheduledTasks)
      .set({ leaseOwner: this.owner, leaseUntil: new Date(now.getTime() + leaseMs), lastStartedAt: now })
      .where(
        and(
          eq(scheduledTasks.name, task.name),
          or(lte(scheduledTasks.nextRunAt, now), setBack),
          or(isNull(scheduledTasks.leaseUntil), lt(scheduledTasks.leaseUntil, now), setBack),
        ),
      )
      .returning({ dueAt: scheduledTasks.nextRunAt });
    if (!claimed) return undefined;
    await this.db
      .insert(scheduledTaskRuns)
      .values({ name: task.name, dueAt: claimed.dueAt, owner: this.owner, startedAt: now })
      .onConflictDoUpdate({
        target: [scheduledTaskRuns.name, scheduledTaskRuns.dueAt],
        set: {
          owner: this.owner,
          attempts: sql`${scheduledTaskRuns.attempts} + 1`,
          startedAt: now,
          finishedAt: null,
          error: null,
        },
      });
    return claimed.dueAt;
  }

  /** Sets the next run and gives the lease back, unless it expired and another instance took it. */
  private async release(task: ScheduledTask, dueAt: Date, error: string | null): Promise<void> {
    const finished = this.clock.now();
    await this.db
      .update(scheduledTaskRuns)
      .set({ finishedAt: finished, error })
      .where(
        and(
          eq(scheduledTaskRuns.name, task.name),
          eq(scheduledTaskRuns.dueAt, dueAt),
          eq(scheduledTaskRuns.owner, this.owner),
        ),
      );
    await this.db
      .delete(scheduledTaskRuns)
      .where(
        and(
          eq(scheduledTaskRuns.name, task.name),
          lt(scheduledTaskRuns.dueAt, new Date(finished.getTime() - RUNS_KEPT_MS)),
        ),
      );
    await this.db
      .update(scheduledTasks)
      .set({
        nextRunAt: new Date(finished.getTime() + task.intervalMs),
        leaseOwner: null,
        leaseUntil: null,
        lastFinishedAt: finished,
        lastError: error,
      })
      .where(and(eq(scheduledTasks.name, task.name), eq(scheduledTasks.leaseOwner, this.owner)));
  }
}
