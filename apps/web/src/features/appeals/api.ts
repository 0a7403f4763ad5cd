// 诉求 appeals as the pages read and change them: the board, one appeal with its forwards and timeline, its
// transitions and attachments, the liaison's inbox, the categories and the figures (三率).
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import type {
  AppealContactUnmasked,
  AppealAttachmentView,
  AppealCategoryView,
  AppealOutcome,
  AppealSource,
  AppealState,
  AppealStatsGroup,
  AppealStatsResult,
  AppealSummary,
  AppealTransitionRequest,
  AppealUrgency,
  AppealView,
  CreateAppealRequest,
  ForwardState,
  InboxItem,
  Satisfaction,
  UpsertAppealCategoryRequest,
} from '@qinqing/shared';
import { api, type Page } from '../../api/client.ts';

/** Every appeal query (board, detail, inbox, figures) sits under this key: a transition refreshes them all. */
export const appealsQueryKey = ['appeals'] as const;

export type AppealSort = 'received_desc' | 'received_asc' | 'due_asc';

/** What the board can be narrowed by (the server's appealListQuery; lists go as comma-separated values). */
export interface AppealFilters {
  q?: string;
  state?: AppealState[];
  category?: string[];
  urgency?: AppealUrgency;
  source?: AppealSource;
  departmentId?: string;
  enterpriseId?: string;
  overdue?: boolean;
  from?: string;
  to?: string;
  sort?: AppealSort;
  /** Set by links from the dashboard (工作看板), kept until the filters are reset. */
  orgUnitId?: string;
  outcome?: AppealOutcome;
  satisfaction?: Satisfaction[];
}

export interface AppealQuery extends AppealFilters {
  page: number;
  pageSize: number;
}

function listParams(query: AppealQuery) {
  return {
    ...query,
    state: query.state?.join(','),
    category: query.category?.join(','),
    satisfaction: query.satisfaction?.join(','),
    overdue: query.overdue === undefined ? undefined : String(query.overdue),
  };
}

export function fetchAppeals(query: AppealQuery): Promise<Page<AppealSummary>> {
  return api.get<Page<AppealSummary>>('/appeals', { query: listParams(query) });
}

export function useAppeals(query: AppealQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...appealsQueryKey, 'list', query],
    queryFn: () => fetchAppeals(query),
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
}

const appealPath = (id: string) => `/appeals/${encodeURIComponent(id)}`;
export const appealQueryKey = (id: string) => [...appealsQueryKey, 'detail', id] as const;

export function useAppeal(id: string) {
  return useQuery({
    queryKey: appealQueryKey(id),
    queryFn: async () => (await api.get<{ appeal: AppealView }>(appealPath(id))).appeal,
  });
}

/** `idempotencyKey`: one per opened form, so a double click or a retry answers the same appeal. */
export async function createAppeal(body: CreateAppealRequest, idempotencyKey: string): Promise<AppealView> {
  return (
    await api.post<{ appeal: AppealView }>('/appeals', body, {
      headers: { 'Idempotency-Key': idempotencyKey },
    })
  ).appeal;
}

/** The full number of the appeal's contact; the server records who looked. */
export async function unmaskAppealContact(id: string): Promise<string | null> {
  return (await api.post<AppealContactUnmasked>(`${appealPath(id)}/contact/unmask`)).mobile;
}

export async function transitionAppeal(id: string, body: AppealTransitionRequest): Promise<AppealView> {
  return (await api.post<{ appeal: AppealView }>(`${appealPath(id)}/transitions`, body)).appeal;
}

export async function uploadAttachment(appealId: string, file: File): Promise<AppealAttachmentView> {
  const form = new FormData();
  form.append('file', file, file.name);
  return (await api.upload<{ attachment: AppealAttachmentView }>(`${appealPath(appealId)}/attachments`, form))
    .attachment;
}

/** A plain GET the browser downloads (the session cookie goes with it). */
export function attachmentUrl(appealId: string, attachmentId: string): string {
  return `/api${appealPath(appealId)}/attachments/${encodeURIComponent(attachmentId)}`;
}

/** After a change: the appeal everywhere it shows (its page, the board, the inbox, the figures). */
export function refreshAppeals(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: appealsQueryKey });
}

// The liaison's inbox: the forwards to their department.
export interface InboxQuery {
  state?: ForwardState[];
  overdue?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

export function useInbox(query: InboxQuery) {
  return useQuery({
    queryKey: [...appealsQueryKey, 'inbox', query],
    queryFn: () =>
      api.get<Page<InboxItem>>('/appeals/inbox', {
        query: {
          ...query,
          state: query.state?.join(','),
          overdue: query.overdue === undefined ? undefined : String(query.overdue),
        },
      }),
    placeholderData: keepPreviousData,
  });
}

// Figures (三率).
export interface AppealStatsQuery {
  groupBy: AppealStatsGroup;
  from?: string;
  to?: string;
  /** A unit inside the caller's subtree; the caller's own when absent. */
  orgUnitId?: string | undefined;
}

export function useAppealStats(query: AppealStatsQuery) {
  return useQuery({
    queryKey: [...appealsQueryKey, 'stats', query],
    queryFn: () => api.get<AppealStatsResult>('/appeals/stats', { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

// Categories (configurable; the demo's are 融资, 社保, 用工…).
export const categoriesQueryKey = ['appeal-categories'] as const;

export function useAppealCategories() {
  return useQuery({
    queryKey: categoriesQueryKey,
    queryFn: async () => (await api.get<{ items: AppealCategoryView[] }>('/appeal-categories')).items,
    staleTime: 5 * 60_000,
  });
}

export async function upsertCategory(body: UpsertAppealCategoryRequest): Promise<void> {
  await api.put(`/appeal-categories/${encodeURIComponent(body.code)}`, body);
}

/** The categories in effect at the caller's federation, each own or inherited, and whether they may define. */
export interface AppealCategoryList {
  items: AppealCategoryView[];
  orgUnitId: string;
  orgUnitName: string;
  editable: boolean;
}

export function useAppealCategoryList() {
  return useQuery({
    queryKey: [...categoriesQueryKey, 'list'],
    queryFn: () => api.get<AppealCategoryList>('/appeal-categories'),
    staleTime: 5 * 60_000,
  });
}

/** Removes the caller's level's override: the category is inherited from above again. */
export async function inheritCategory(code: string): Promise<void> {
  await api.post(`/appeal-categories/${encodeURIComponent(code)}/inherit`, {});
}
