// 综合搜索 one search over enterprises, people and chambers, each within the caller's scope.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SearchItem, SearchKind } from '@qinqing/shared';
import { api } from '../../api/client.ts';

export function useGlobalSearch(q: string) {
  return useQuery({
    queryKey: ['search', q],
    queryFn: async ({ signal }) =>
      (await api.get<{ items: SearchItem[] }>('/search', { query: { q }, signal })).items,
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

const PATHS: Record<SearchKind, string> = {
  enterprise: '/enterprises',
  person: '/people',
  chamber: '/chambers',
};

/** Where a search result opens. */
export function pathOf(item: Pick<SearchItem, 'kind' | 'id'>): string {
  return `${PATHS[item.kind]}/${encodeURIComponent(item.id)}`;
}
