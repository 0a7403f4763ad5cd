// 审计日志 audit log as the audit administrator reads it: filtered pages, Excel export, chain check.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditActionGroup, AuditEventView } from '@qinqing/shared';
import { api, queryString, type Page } from '../../api/client.ts';

export type AuditResult = AuditEventView['result'];

export interface AuditFilters {
  /** Part of the username or the display name. */
  actor?: string;
  /** Action codes, comma-separated (chosen by name in the page). */
  action?: string;
  group?: AuditActionGroup;
  /** The record by its business key: an appeal number, an enterprise name or credit code, a username… */
  object?: string;
  objectType?: string;
  objectId?: string;
  result?: AuditResult;
  /** ISO 8601 with offset. */
  from?: string;
  to?: string;
}

export interface AuditQuery extends AuditFilters {
  page: number;
  pageSize: number;
}

export function useAuditEvents(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit-events', query],
    queryFn: () => api.get<Page<AuditEventView>>('/audit-events', { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

/** The export is a plain GET the browser downloads, with the same filters as the list. */
export function exportUrl(filters: AuditFilters): string {
  return `/api/audit-events/export.xlsx${queryString({ ...filters })}`;
}

export interface AuditVerifyResult {
  checked: number;
  ok: boolean;
  firstBrokenSeq: number | null;
  reason: string | null;
}

export function verifyAuditChain(): Promise<AuditVerifyResult> {
  return api.get('/audit-events/verify');
}
