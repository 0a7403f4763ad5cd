// 商会 chambers of commerce and associations: the list, one chamber's profile with its leadership, and
// its member enterprises.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ChamberLeaderRole,
  ChamberLeaderView,
  ChamberListItem,
  ChamberMemberRole,
  ChamberMemberView,
  ChamberType,
  ChamberView,
  FormerChamberMemberView,
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

/** Members who left, with the day and the reason (退会 history). */
export function useFormerChamberMembers(id: string) {
  return useQuery({
    queryKey: [...chambersQueryKey, 'detail', id, 'former-members'],
    queryFn: async () =>
      (await api.get<{ items: FormerChamberMemberView[] }>(`${chamberPath(id)}/former-members`)).items,
  });
}

// Roster writes: the chamber's staff, or its own secretary (the server decides and answers 404 otherwise).

export function addChamberMember(
  chamberId: string,
  body: { enterpriseId?: string; uscc?: string; role: ChamberMemberRole; joinedOn?: string | null },
) {
  return api.post<{ member: ChamberMemberView }>(`${chamberPath(chamberId)}/members`, body);
}

export function updateChamberMember(
  chamberId: string,
  enterpriseId: string,
  body: { role?: ChamberMemberRole; joinedOn?: string | null },
) {
  return api.patch<{ member: ChamberMemberView }>(
    `${chamberPath(chamberId)}/members/${encodeURIComponent(enterpriseId)}`,
    body,
  );
}

export function endChamberMember(
  chamberId: string,
  enterpriseId: string,
  body: { leftOn: string; reason: string },
) {
  return api.post<void>(`${chamberPath(chamberId)}/members/${encodeURIComponent(enterpriseId)}/end`, body);
}

export function addChamberLeader(
  chamberId: string,
  body: {
    personId: string;
    role: ChamberLeaderRole;
    termStart?: string | null;
    termEnd?: string | null;
  },
) {
  return api.post<{ leader: ChamberLeaderView }>(`${chamberPath(chamberId)}/leaders`, body);
}

export function updateChamberLeader(
  chamberId: string,
  leaderId: string,
  body: { role?: ChamberLeaderRole; termStart?: string | null; termEnd?: string | null },
) {
  return api.patch<{ leader: ChamberLeaderView }>(
    `${chamberPath(chamberId)}/leaders/${encodeURIComponent(leaderId)}`,
    body,
  );
}

export function endChamberLeader(
  chamberId: string,
  leaderId: string,
  body: { termEnd: string; reason: string },
) {
  return api.post<{ leader: ChamberLeaderView }>(
    `${chamberPath(chamberId)}/leaders/${encodeURIComponent(leaderId)}/end`,
    body,
  );
}
