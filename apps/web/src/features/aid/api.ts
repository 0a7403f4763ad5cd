// 互助 as the pages read and change it: the board, a post's candidates, matches and their transitions.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  AidCandidate,
  AidMatchTransitionRequest,
  AidMatchView,
  AidPostView,
  AidStats,
  CreateAidPostRequest,
} from '@qinqing/shared';
import { api, type Page } from '../../api/client.ts';

export const aidQueryKey = ['aid'] as const;

export interface AidQuery {
  side?: string;
  category?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export function useAidPosts(query: AidQuery) {
  return useQuery({
    queryKey: [...aidQueryKey, 'posts', query],
    queryFn: () => api.get<Page<AidPostView>>('/aid-posts', { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

export function useCandidates(postId: string | undefined) {
  return useQuery({
    queryKey: [...aidQueryKey, 'candidates', postId],
    queryFn: async () => (await api.get<{ items: AidCandidate[] }>(`/aid-posts/${postId}/matches`)).items,
    enabled: Boolean(postId),
  });
}

export function useMatches() {
  return useQuery({
    queryKey: [...aidQueryKey, 'matches'],
    queryFn: async () => (await api.get<{ items: AidMatchView[] }>('/aid-matches')).items,
  });
}

export function useMatch(id: string | undefined) {
  return useQuery({
    queryKey: [...aidQueryKey, 'match', id],
    queryFn: async () => (await api.get<{ match: AidMatchView }>(`/aid-matches/${id}`)).match,
    enabled: Boolean(id),
  });
}

/** Mutual aid's figures by category for the caller's unit, this year. */
export function useAidStats() {
  return useQuery({
    queryKey: [...aidQueryKey, 'stats'],
    queryFn: () => api.get<AidStats>('/aid/stats'),
  });
}

export const createPost = (body: CreateAidPostRequest) => api.post<{ post: AidPostView }>('/aid-posts', body);
export const createMatch = (supplyId: string, demandId: string) =>
  api.post<{ match: AidMatchView }>('/aid-matches', { supplyId, demandId });
export const transitionMatch = (id: string, body: AidMatchTransitionRequest) =>
  api.post<{ match: AidMatchView }>(`/aid-matches/${id}/transitions`, body);
