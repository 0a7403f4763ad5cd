// 服务包 service packages as the pages read and change them: the list, one package with its items, its
// holders (paged), hand-outs with their recipient count, and the figures. One query key refreshes them all.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CreatePackageRequest,
  HandOutRequest,
  HandOutResult,
  HandOutTarget,
  HolderView,
  PackageState,
  PackageStats,
  PackageSummary,
  PackageTransitionRequest,
  PackageView,
  UpdatePackageRequest,
} from '@qinqing/shared';
import { api, type Page } from '../../api/client.ts';

export const packagesQueryKey = ['service-packages'] as const;

export interface PackageQuery {
  q?: string;
  state?: PackageState;
  page: number;
  pageSize: number;
}

const packagePath = (id: string) => `/service-packages/${encodeURIComponent(id)}`;

export function usePackages(query: PackageQuery) {
  return useQuery({
    queryKey: [...packagesQueryKey, 'list', query],
    queryFn: () => api.get<Page<PackageSummary>>('/service-packages', { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

export function usePackage(id: string) {
  return useQuery({
    queryKey: [...packagesQueryKey, 'detail', id],
    queryFn: async () => (await api.get<{ servicePackage: PackageView }>(packagePath(id))).servicePackage,
  });
}

export function useHolders(id: string, paging: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...packagesQueryKey, 'holders', id, paging],
    queryFn: () => api.get<Page<HolderView>>(`${packagePath(id)}/holders`, { query: { ...paging } }),
    placeholderData: keepPreviousData,
  });
}

export function usePackageStats(groupBy: 'package' | 'orgUnit') {
  return useQuery({
    queryKey: [...packagesQueryKey, 'stats', groupBy],
    queryFn: () => api.get<PackageStats>('/service-packages/stats', { query: { groupBy } }),
  });
}

export const createPackage = async (body: CreatePackageRequest) =>
  (await api.post<{ servicePackage: PackageView }>('/service-packages', body)).servicePackage;
export const updatePackage = async (id: string, body: UpdatePackageRequest) =>
  (await api.patch<{ servicePackage: PackageView }>(packagePath(id), body)).servicePackage;
export const transitionPackage = async (id: string, body: PackageTransitionRequest) =>
  (await api.post<{ servicePackage: PackageView }>(`${packagePath(id)}/transitions`, body)).servicePackage;
export const countHandOut = (id: string, body: HandOutTarget) =>
  api.post<HandOutResult>(`${packagePath(id)}/holders/count`, body);
export const handOut = (id: string, body: HandOutRequest) =>
  api.post<HandOutResult>(`${packagePath(id)}/holders`, body);
export const removeHolder = (id: string, enterpriseId: string) =>
  api.delete(`${packagePath(id)}/holders/${encodeURIComponent(enterpriseId)}`);
/** A plain GET the browser downloads (the session cookie goes with it). */
export const holdersLedgerUrl = (id: string) => `/api${packagePath(id)}/holders.xlsx`;
