// 建言 suggestions as the page reads and changes them: the list, one suggestion, the counts of a period, a
// draft's content, its transitions (submit, decide), and the appeals a draft may be built from.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  AppealSummary,
  CreateSuggestionRequest,
  SuggestionKind,
  SuggestionStats,
  SuggestionStatus,
  SuggestionSummary,
  SuggestionTransitionRequest,
  SuggestionView,
  UpdateSuggestionRequest,
} from '@qinqing/shared';
import { api, type Page } from '../../api/client.ts';

/** Every suggestion query (list, detail, counts) sits under this key: a change refreshes them all. */
export const suggestionsQueryKey = ['suggestions'] as const;

export interface SuggestionQuery {
  q?: string;
  status?: SuggestionStatus;
  kind?: SuggestionKind;
  /** The period submitted (YYYY-MM-DD). */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function useSuggestions(query: SuggestionQuery) {
  return useQuery({
    queryKey: [...suggestionsQueryKey, 'list', query],
    queryFn: () => api.get<Page<SuggestionSummary>>('/suggestions', { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

const suggestionPath = (id: string) => `/suggestions/${encodeURIComponent(id)}`;

export function useSuggestion(id: string) {
  return useQuery({
    queryKey: [...suggestionsQueryKey, 'detail', id],
    queryFn: async () => (await api.get<{ suggestion: SuggestionView }>(suggestionPath(id))).suggestion,
  });
}

/** Without a period: this year so far (the server's default). */
export function useSuggestionStats(period: { from?: string; to?: string }) {
  return useQuery({
    queryKey: [...suggestionsQueryKey, 'stats', period],
    queryFn: () => api.get<SuggestionStats>('/suggestions/stats', { query: { ...period } }),
    placeholderData: keepPreviousData,
  });
}

export async function createSuggestion(body: CreateSuggestionRequest): Promise<SuggestionView> {
  return (await api.post<{ suggestion: SuggestionView }>('/suggestions', body)).suggestion;
}

export async function updateSuggestion(id: string, body: UpdateSuggestionRequest): Promise<SuggestionView> {
  return (await api.patch<{ suggestion: SuggestionView }>(suggestionPath(id), body)).suggestion;
}

export async function transitionSuggestion(
  id: string,
  body: SuggestionTransitionRequest,
): Promise<SuggestionView> {
  return (await api.post<{ suggestion: SuggestionView }>(`${suggestionPath(id)}/transitions`, body))
    .suggestion;
}

/** Appeals matching a number, title or enterprise fragment: the first page is enough to pick from. */
export async function searchAppeals(q: string): Promise<AppealSummary[]> {
  return (await api.get<Page<AppealSummary>>('/appeals', { query: { q, page: 1, pageSize: 20 } })).items;
}
