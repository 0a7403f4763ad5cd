// How a job is shown to the user who started it: status, progress, counts, the dry run's preview, the report link.
import type { ImportPreviewRow, JobView } from '@qinqing/shared';
import type { JobSummary } from './repository.ts';

const COUNT_KEYS = ['total', 'created', 'updated', 'unchanged', 'rejected'] as const;

export function presentJob(row: JobSummary): JobView {
  const params = row.params as { dryRun?: boolean; fileName?: string };
  const result = row.result as {
    preview?: ImportPreviewRow[];
    rejected?: ImportPreviewRow[];
    ignoredColumns?: string[];
  };
  const error = row.error as { code?: string; message?: string } | null;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    progress: Number(row.progress),
    dryRun: params.dryRun === true,
    fileName: params.fileName ?? null,
    counts: Object.fromEntries(COUNT_KEYS.map((key) => [key, row.counts[key] ?? 0])) as JobView['counts'],
    reportUrl: row.hasReport ? `/api/jobs/${row.id}/report.xlsx` : null,
    preview: result.preview ?? [],
    rejectedRows: result.rejected ?? [],
    ignoredColumns: result.ignoredColumns ?? [],
    error: error ? { code: error.code ?? 'JOB_FAILED', message: error.message ?? '' } : null,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** "会员导入.xlsx" → "会员导入-问题行.xlsx": the report's name says which file it answers. */
export function reportFileName(params: Record<string, unknown>): string {
  const original = typeof params.fileName === 'string' ? params.fileName : '导入';
  return `${original.replace(/\.xlsx$/i, '')}-问题行.xlsx`;
}
