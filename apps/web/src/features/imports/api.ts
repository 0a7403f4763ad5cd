// 批量导入 importing the registry from Excel templates — member enterprises, people, chamber memberships,
// party organizations — on one pipeline: upload (a dry run first), then follow the background job until it
// ends; the rejected rows come back listed and as a downloadable report.
import { useQuery } from '@tanstack/react-query';
import type { JobView, Permission } from '@qinqing/shared';
import { api } from '../../api/client.ts';

export const IMPORT_KINDS = ['enterprises', 'people', 'chamberMembers', 'partyOrganizations'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Where each kind's routes live and who may use them (the server decides; this only hides). */
export const IMPORT_KIND_ROUTES: Record<ImportKind, { base: string; permission: Permission; list: string }> =
  {
    enterprises: { base: '/enterprises', permission: 'registry.import', list: '/enterprises' },
    people: { base: '/people', permission: 'registry.import', list: '/people' },
    chamberMembers: { base: '/chamber-members', permission: 'registry.write', list: '/chambers' },
    partyOrganizations: {
      base: '/party-organizations',
      permission: 'registry.import',
      list: '/party-organizations',
    },
  };

export function isImportKind(value: string | null): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value ?? '');
}

export function templateUrl(kind: ImportKind): string {
  return `/api${IMPORT_KIND_ROUTES[kind].base}/import-template.xlsx`;
}

export function isFinished(job: JobView | undefined): boolean {
  return job?.status === 'succeeded' || job?.status === 'failed';
}

/** Sends the workbook as multipart (field `file`); the server answers 202 with the job to follow. */
export async function startImport(kind: ImportKind, file: File, dryRun: boolean): Promise<string> {
  const form = new FormData();
  form.append('file', file, file.name);
  const { jobId } = await api.upload<{ jobId: string }>(`${IMPORT_KIND_ROUTES[kind].base}/import`, form, {
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
