// 报告 reports as the pages read and change them: the register, one report (polled while it is being
// generated), asking for one, regenerating it, saving its commentary, and downloading its .docx.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  type CreateReportRequest,
  type ReportStatus,
  type ReportSummary,
  type ReportType,
  type ReportView,
  type UpdateCommentaryRequest,
} from '@qinqing/shared';
import { api, type Page } from '../../api/client.ts';
import { downloadFile } from '../../api/download.ts';

/** Every report query sits under this key: a change refreshes the register and the report pages. */
export const reportsQueryKey = ['reports'] as const;

/** How often a page looks again while a report is queued or being generated. */
const POLL_MS = 1_500;
const unfinished = (status: ReportStatus) => status === 'queued' || status === 'running';

export interface ReportQuery {
  type?: ReportType;
  orgUnitId?: string;
  period?: string;
  page: number;
  pageSize: number;
}

export function useReports(query: ReportQuery) {
  return useQuery({
    queryKey: [...reportsQueryKey, 'list', query],
    queryFn: () => api.get<Page<ReportSummary>>('/reports', { query: { ...query } }),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((item) => unfinished(item.status)) ? POLL_MS : false),
  });
}

const reportPath = (id: string) => `/reports/${encodeURIComponent(id)}`;

export function useReport(id: string) {
  return useQuery({
    queryKey: [...reportsQueryKey, 'detail', id],
    queryFn: () => api.get<ReportView>(reportPath(id)),
    refetchInterval: (q) => (q.state.data && unfinished(q.state.data.status) ? POLL_MS : false),
  });
}

export async function createReport(body: CreateReportRequest): Promise<string> {
  return (await api.post<{ reportId: string }>('/reports', body)).reportId;
}

export async function regenerateReport(id: string): Promise<string> {
  return (await api.post<{ reportId: string }>(`${reportPath(id)}/regenerate`)).reportId;
}

export function saveCommentary(id: string, body: UpdateCommentaryRequest): Promise<ReportView> {
  return api.put<ReportView>(`${reportPath(id)}/commentary`, body);
}

/** Downloads the report's .docx; resolves with the file name once the browser has it. */
export function downloadReport(id: string): Promise<string> {
  return downloadFile(`${reportPath(id)}/file.docx`, 'report.docx');
}
