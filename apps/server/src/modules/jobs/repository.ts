// Queries over background jobs: a job is seen only by the user who started it.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { jobs } from '../../db/schema/index.ts';

export type JobRow = typeof jobs.$inferSelect;
/** What a job's reader and its handler see; the lease columns are the runner's own. */
export type JobSummary = Omit<
  JobRow,
  'report' | 'leaseOwner' | 'leaseUntil' | 'attempts' | 'actor' | 'audit'
> & {
  hasReport: boolean;
};
export type JobStatus = JobRow['status'];

export interface JobError extends Record<string, unknown> {
  code: string;
  message: string;
}

const summaryColumns = {
  id: jobs.id,
  kind: jobs.kind,
  status: jobs.status,
  progress: jobs.progress,
  counts: jobs.counts,
  params: jobs.params,
  result: jobs.result,
  error: jobs.error,
  createdBy: jobs.createdBy,
  orgUnitId: jobs.orgUnitId,
  createdAt: jobs.createdAt,
  startedAt: jobs.startedAt,
  finishedAt: jobs.finishedAt,
  hasReport: sql<boolean>`${jobs.report} IS NOT NULL`,
};

export async function insertJob(
  db: DbOrTx,
  values: Pick<JobRow, 'kind' | 'params' | 'createdBy' | 'orgUnitId'> & { id?: string },
): Promise<string> {
  const [row] = await db
    .insert(jobs)
    .values({ ...values, status: 'queued' })
    .returning({ id: jobs.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** The job if `userId` started it; someone else's job is not found. */
export async function findOwnJob(db: DbOrTx, userId: string, id: string): Promise<JobSummary | undefined> {
  const [row] = await db
    .select(summaryColumns)
    .from(jobs)
    .where(and(eq(jobs.id, id), eq(jobs.createdBy, userId)));
  return row;
}

export async function findJob(db: DbOrTx, id: string): Promise<JobSummary | undefined> {
  const [row] = await db.select(summaryColumns).from(jobs).where(eq(jobs.id, id));
  return row;
}

export async function findOwnReport(
  db: DbOrTx,
  userId: string,
  id: string,
): Promise<{ report: Buffer | null; params: Record<string, unknown> } | undefined> {
  const [row] = await db
    .select({ report: jobs.report, params: jobs.params })
    .from(jobs)
    .where(and(eq(jobs.id, id), eq(jobs.createdBy, userId)));
  return row;
}

export async function recordProgress(
  db: DbOrTx,
  id: string,
  progress: number,
  counts: Record<string, number>,
): Promise<void> {
  await db
    .update(jobs)
    .set({ progress: Math.min(Math.max(progress, 0), 1), counts })
    .where(eq(jobs.id, id));
}

export interface JobOutcome {
  status: 'succeeded' | 'failed';
  counts: Record<string, number>;
  result?: Record<string, unknown>;
  error?: JobError | null;
  report?: Buffer | null;
}

/** Jobs that were queued or running when the process stopped can never finish: they are failed. */
export async function failUnfinishedJobs(
  db: DbOrTx,
  error: JobError,
  now: Date,
  ids?: string[],
): Promise<number> {
  const unfinished = inArray(jobs.status, ['queued', 'running']);
  const rows = await db
    .update(jobs)
    .set({ status: 'failed', error, finishedAt: now, leaseOwner: null, leaseUntil: null })
    .where(ids ? and(unfinished, inArray(jobs.id, ids)) : unfinished)
    .returning({ id: jobs.id });
  return rows.length;
}
