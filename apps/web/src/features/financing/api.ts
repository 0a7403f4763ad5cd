// 融资对接 as the pages read and change it: needs (a bank's inbox is the same list, scoped by the server),
// one need with its timeline, its transitions, banks and their products. One query key: a change refreshes all.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  BankView,
  CreateNeedRequest,
  CreateProgramRequest,
  CreateProductRequest,
  NeedPage,
  NeedTransitionRequest,
  NeedView,
  ProductView,
  ProgramEntryRequest,
  ProgramView,
} from '@qinqing/shared';
import { api } from '../../api/client.ts';

export const financingQueryKey = ['financing'] as const;

export interface NeedQuery {
  state?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export function useNeeds(query: NeedQuery) {
  return useQuery({
    queryKey: [...financingQueryKey, 'needs', query],
    queryFn: () => api.get<NeedPage>('/financing-needs', { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

export function useNeed(id: string | undefined) {
  return useQuery({
    queryKey: [...financingQueryKey, 'need', id],
    queryFn: async () => (await api.get<{ need: NeedView }>(`/financing-needs/${id}`)).need,
    enabled: Boolean(id),
  });
}

export function useBanks(enabled = true) {
  return useQuery({
    queryKey: [...financingQueryKey, 'banks'],
    queryFn: async () => (await api.get<{ items: BankView[] }>('/banks')).items,
    enabled,
  });
}

export function useProducts(bankId: string | undefined) {
  return useQuery({
    queryKey: [...financingQueryKey, 'products', bankId],
    queryFn: async () => (await api.get<{ items: ProductView[] }>(`/banks/${bankId}/products`)).items,
    enabled: Boolean(bankId),
  });
}

export const createNeed = (body: CreateNeedRequest) => api.post<{ need: NeedView }>('/financing-needs', body);
export const transitionNeed = (id: string, body: NeedTransitionRequest) =>
  api.post<{ need: NeedView }>(`/financing-needs/${id}/transitions`, body);
export const createProduct = (bankId: string, body: CreateProductRequest) =>
  api.post<{ product: ProductView }>(`/banks/${bankId}/products`, body);

// 专项 programs and the enterprises recommended into them.
export type ProgramSummary = Omit<ProgramView, 'entries'> & { entries: number };

export function usePrograms() {
  return useQuery({
    queryKey: [...financingQueryKey, 'programs'],
    queryFn: async () => (await api.get<{ items: ProgramSummary[] }>('/financing-programs')).items,
  });
}

export function useProgram(id: string | undefined) {
  return useQuery({
    queryKey: [...financingQueryKey, 'program', id],
    queryFn: async () => (await api.get<{ program: ProgramView }>(`/financing-programs/${id}`)).program,
    enabled: Boolean(id),
  });
}

export const createProgram = (body: CreateProgramRequest) =>
  api.post<{ program: ProgramView }>('/financing-programs', body);
export const recordProgramEntry = (id: string, body: ProgramEntryRequest) =>
  api.post<{ program: ProgramView }>(`/financing-programs/${id}/entries`, body);
