// 商会 chambers of commerce and associations: the list, one chamber's profile, its leadership and members.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../api/client.ts';

export type ChamberType = 'street' | 'industry' | 'out_of_town' | 'association';
export type ChamberLeaderRole = 'president' | 'vice_president' | 'secretary_general' | 'executive';
export type ChamberMemberRole = 'president' | 'vice_president' | 'director' | 'member';

export interface ChamberListItem {
  id: string;
  name: string;
  chamberType: ChamberType | null;
  /** The federation the chamber hangs under. */
  parentName?: string | null;
  memberCount?: number;
  presidentName?: string | null;
  hasPartyOrganization?: boolean;
}

export interface ChamberView extends ChamberListItem {
  foundedOn: string | null;
  registrationNo: string | null;
  registeredOn: string | null;
  address: string | null;
  leaderCount?: number;
  version?: number;
}

export interface ChamberLeader {
  id: string;
  personId: string;
  personName: string;
  role: ChamberLeaderRole;
  termStart: string | null;
  termEnd: string | null;
  enterpriseName?: string | null;
}

export interface ChamberMember {
  enterpriseId: string;
  enterpriseName: string;
  uscc?: string;
  role: ChamberMemberRole;
  joinedOn: string | null;
  membershipStatus?: string;
}

export interface ChamberFilters {
  q?: string;
  type?: ChamberType;
  page: number;
  pageSize: number;
}

export const chambersQueryKey = ['chambers'] as const;

export function useChambers(filters: ChamberFilters) {
  return useQuery({
    queryKey: [...chambersQueryKey, 'list', filters],
    queryFn: () => api.get<Page<ChamberListItem>>('/chambers', { query: { ...filters } }),
    placeholderData: keepPreviousData,
  });
}

/** Every chamber in scope, for pickers (a district has up to about 50). */
export function useChamberOptions() {
  return useQuery({
    queryKey: [...chambersQueryKey, 'options'],
    queryFn: async () => (await api.get<Page<ChamberListItem>>('/chambers', { query: { pageSize: 200 } })).items,
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

export function useChamberLeaders(id: string) {
  return useQuery({
    queryKey: [...chambersQueryKey, 'detail', id, 'leaders'],
    queryFn: async () => (await api.get<{ items: ChamberLeader[] }>(`${chamberPath(id)}/leaders`)).items,
  });
}

export function useChamberMembers(id: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...chambersQueryKey, 'detail', id, 'members', page, pageSize],
    queryFn: () => api.get<Page<ChamberMember>>(`${chamberPath(id)}/members`, { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
  });
}
