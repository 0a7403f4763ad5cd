// 参考数据 the reference lookups the pickers load level by level: industries (GB/T 4754) and divisions (GB/T 2260).
import type { DivisionLookup, IndustryLookup } from '@qinqing/shared';
import { api } from '../../api/client.ts';
import { queryClient } from '../../api/query-client.ts';

/** One level below `parent` (null: the top) and the chain from the top down to `parent` itself. */
export interface ReferenceLevel {
  items: { code: string; name: string; isLeaf: boolean }[];
  ancestors: { code: string; name: string }[];
}

export type ReferenceKind = 'industries' | 'divisions';

/** Reference data never changes while the app runs: each level is fetched once. */
export function fetchReferenceLevel(kind: ReferenceKind, parent: string | null): Promise<ReferenceLevel> {
  return queryClient.fetchQuery({
    queryKey: ['reference', kind, parent ?? ''],
    queryFn: () =>
      api.get<IndustryLookup | DivisionLookup>(`/reference/${kind}`, { query: { parent: parent ?? '' } }),
    staleTime: Infinity,
  });
}
