// 商会 chambers of commerce and associations: the list, one chamber's profile with its leadership, and
// its member enterprises.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ChamberListItem,
  ChamberMemberRole,
  ChamberMemberView,
  ChamberType,
  ChamberView,
} from '@qinqing/shared';
import { api, type Page } from '../../api/client.ts';

export interface ChamberQuery {
  q?: string;
  type?: ChamberType;
  page: number;
  pageSize: number;
}

export const chambersQueryKey = ['chambers'] as const;

export function useChambers(query: ChamberQuery) {
  return useQuery({
    queryKey: [...chambersQueryKey, 'list', query],
    queryFn: () => api.get<Page<ChamberListItem>>('/chambers', { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

/** Every chamber in scope, for pickers (a district has about 50). */
export function useChamberOptions() {
  return useQuery({
    queryKey: [...chambersQueryKey, 'options'],
    queryFn: async () =>
      (await api.get<Page<ChamberListItem>>('/chambers', { query: { pageSize: 200 } })).items,
    staleTime: 5 * 60_000,
  });
}

const chamberPath = (id: string) => `/chambers/${encodeURIComponent(id)}`;

export function useChamber(id: string) {
  return useQuery({
    queryKey: [...chambersQueryKey, 'detail', id],
    queryFn: async () => (await api.get<{ chamber: ChamberView }>(chamberPath(id))).chamber,
  });
}

export interface ChamberMemberQuery {
  q?: string;
  role?: ChamberMemberRole;
  page: number;
  pageSize: number;
}

export function useChamberMembers(id: string, query: ChamberMemberQuery) {
  return useQuery({
    queryKey: [...chambersQueryKey, 'detail', id, 'members', query],
    queryFn: () => api.get<Page<ChamberMemberView>>(`${chamberPath(id)}/members`, { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}
