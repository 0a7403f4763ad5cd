// 批量导入 importing enterprises from the Excel template: upload (a dry run first), then follow the
// background job until it ends; the rejected rows come back as a downloadable report.
import { useQuery } from '@tanstack/react-query';
import type { JobView } from '@qinqing/shared';
import { api } from '../../api/client.ts';

export const IMPORT_TEMPLATE_URL = '/api/enterprises/import-template.xlsx';

export function isFinished(job: JobView | undefined): boolean {
  return job?.status === 'succeeded' || job?.status === 'failed';
}

/** Sends the workbook as multipart (field `file`); the server answers 202 with the job to follow. */
export async function startImport(file: File, dryRun: boolean): Promise<string> {
  const form = new FormData();
  form.append('file', file, file.name);
  const { jobId } = await api.upload<{ jobId: string }>('/enterprises/import', form, {
    query: dryRun ? { dryRun: true } : undefined,
  });
  return jobId;
}

/** The job, polled every second until it has finished. */
export function useJob(jobId: string | null) {
  return useQuery({
    queryKey: ['jobs', jobId],
    queryFn: () => api.get<JobView>(`/jobs/${encodeURIComponent(jobId ?? '')}`),
    enabled: jobId !== null,
    refetchInterval: (query) => (isFinished(query.state.data) ? false : 1000),
    staleTime: 0,
  });
}
