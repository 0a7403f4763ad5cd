// 走访 visits and 走访计划 visit plans as the pages read and change them, the accounts that may go on a
// visit, and visit coverage (走访覆盖率). Every query sits under ['visits']: a write refreshes them all
// (the enterprise timeline's visits included).
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import type {
  CreateVisitPlanRequest,
  CreateVisitRequest,
  UpdateVisitPlanRequest,
  UpdateVisitRequest,
  VisitCoverageGrouping,
  VisitCoverageResult,
  VisitKind,
  VisitorView,
  VisitPlanSummary,
  VisitPlanView,
  VisitStatus,
  VisitView,
} from '@qinqing/shared';
import { api, type Page } from '../../api/client.ts';

export const visitsQueryKey = ['visits'] as const;

export function refreshVisits(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: visitsQueryKey });
}

export interface VisitFilters {
  enterpriseId?: string;
  status?: VisitStatus;
  kind?: VisitKind;
  from?: string;
  to?: string;
  visitorId?: string;
  planId?: string;
  orgUnitId?: string;
}

export interface VisitQuery extends VisitFilters {
  page: number;
  pageSize: number;
}

export function useVisits(query: VisitQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...visitsQueryKey, 'list', query],
    queryFn: () => api.get<Page<VisitView>>('/visits', { query: { ...query } }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useVisit(id: string | undefined) {
  return useQuery({
    queryKey: [...visitsQueryKey, 'one', id],
    queryFn: async () => (await api.get<{ visit: VisitView }>(`/visits/${encodeURIComponent(id!)}`)).visit,
    enabled: id !== undefined,
  });
}

export function useVisitors() {
  return useQuery({
    queryKey: [...visitsQueryKey, 'visitors'],
    queryFn: async () => (await api.get<{ items: VisitorView[] }>('/visits/visitors')).items,
    staleTime: 60_000,
  });
}

export function useVisitCoverage(groupBy: VisitCoverageGrouping, from?: string, to?: string) {
  return useQuery({
    queryKey: [...visitsQueryKey, 'coverage', groupBy, from, to],
    queryFn: () => api.get<VisitCoverageResult>('/visits/coverage', { query: { groupBy, from, to } }),
    placeholderData: keepPreviousData,
  });
}

export async function createVisit(body: CreateVisitRequest): Promise<VisitView> {
  return (await api.post<{ visit: VisitView }>('/visits', body)).visit;
}

export async function updateVisit(id: string, body: UpdateVisitRequest): Promise<VisitView> {
  return (await api.patch<{ visit: VisitView }>(`/visits/${encodeURIComponent(id)}`, body)).visit;
}

// 走访计划 visit plans -----------------------------------------------------------------------------------

export interface VisitPlanQuery {
  kind?: VisitKind;
  activeOn?: string;
  page: number;
  pageSize: number;
}

export function useVisitPlans(query: VisitPlanQuery) {
  return useQuery({
    queryKey: [...visitsQueryKey, 'plans', query],
    queryFn: () => api.get<Page<VisitPlanSummary>>('/visit-plans', { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

export function useVisitPlan(id: string | undefined) {
  return useQuery({
    queryKey: [...visitsQueryKey, 'plan', id],
    queryFn: async () =>
      (await api.get<{ plan: VisitPlanView }>(`/visit-plans/${encodeURIComponent(id!)}`)).plan,
    enabled: id !== undefined,
  });
}

export async function createVisitPlan(body: CreateVisitPlanRequest): Promise<VisitPlanView> {
  return (await api.post<{ plan: VisitPlanView }>('/visit-plans', body)).plan;
}

export async function updateVisitPlan(id: string, body: UpdateVisitPlanRequest): Promise<VisitPlanView> {
  return (await api.patch<{ plan: VisitPlanView }>(`/visit-plans/${encodeURIComponent(id)}`, body)).plan;
}
