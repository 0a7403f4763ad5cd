// The dashboard (工作看板) as the server computes it: one request per org unit and period.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DashboardQuery, DashboardResult } from '@qinqing/shared';
import { api } from '../../api/client.ts';

export const dashboardQueryKey = ['dashboard'] as const;

export function useDashboard(query: DashboardQuery) {
  return useQuery({
    queryKey: [...dashboardQueryKey, query],
    queryFn: () => api.get<DashboardResult>('/dashboard', { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}
