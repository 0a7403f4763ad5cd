// 后台任务 background jobs (imports of the member registry): what the upload answers, what polling a job shows.
import { z } from 'zod';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** What happened (or, in a dry run, would happen) to one data row of an import. */
export const IMPORT_VERDICTS = ['create', 'update', 'unchanged', 'reject'] as const;
export type ImportVerdict = (typeof IMPORT_VERDICTS)[number];

const booleanFlag = z
  .enum(['true', 'false'], { message: '应为 true 或 false' })
  .transform((value) => value === 'true');

/** `POST /api/enterprises/import?dryRun=true&orgUnitId=…` (the file itself is the multipart body). */
export const importQuery = z.strictObject({
  dryRun: booleanFlag.optional(),
  /** Where new members go: a federation unit in the importer's scope; the importer's own unit by default. */
  orgUnitId: z.string().uuid().optional(),
});

/** The imports whose rows say where each record belongs (chamber memberships, party organizations). */
export const importDryRunQuery = z.strictObject({ dryRun: booleanFlag.optional() });

export const jobAccepted = z.object({ jobId: z.string().uuid() });

export const importCounts = z.object({
  /** Data rows read (blank rows are not counted). */
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCounts>;

/** One problem with one row: `field` is the column's header as the file names it (null: the whole row). */
export const rowProblem = z.object({ field: z.string().nullable(), message: z.string() });

export const importPreviewRow = z.object({
  /** The row number in the worksheet, as Excel shows it. */
  row: z.number().int(),
  name: z.string().nullable(),
  uscc: z.string().nullable(),
  verdict: z.enum(IMPORT_VERDICTS),
  /** For `update`: the columns whose values change. */
  changes: z.array(z.string()),
  problems: z.array(rowProblem),
});
export type ImportPreviewRow = z.infer<typeof importPreviewRow>;

export const jobView = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  status: z.enum(JOB_STATUSES),
  /** 0–1. */
  progress: z.number(),
  dryRun: z.boolean(),
  fileName: z.string().nullable(),
  counts: importCounts,
  /** The rejected rows as an .xlsx report, when there are any. */
  reportUrl: z.string().nullable(),
  /** The first rows with what happens to them (all imports; the dry run's main answer). */
  preview: z.array(importPreviewRow),
  /** Every rejected row with its reasons, up to the first 1,000 (the report holds them all). */
  rejectedRows: z.array(importPreviewRow),
  /** Columns of the file that the import does not know and left out. */
  ignoredColumns: z.array(z.string()),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type JobView = z.infer<typeof jobView>;
