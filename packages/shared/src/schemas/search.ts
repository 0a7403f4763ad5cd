// 综合搜索 the search box: enterprises, people and chambers in one ranked list, each within the caller's scope.
import { z } from 'zod';

export const SEARCH_KINDS = ['enterprise', 'person', 'chamber'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const SEARCH_MATCHES = ['name', 'former_name', 'pinyin', 'initials', 'uscc', 'mobile'] as const;
export type SearchMatch = (typeof SEARCH_MATCHES)[number];

export const searchQuery = z.strictObject({
  q: z.string().trim().min(1, { message: '请输入搜索内容' }).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const searchItem = z.object({
  kind: z.enum(SEARCH_KINDS),
  id: z.string(),
  title: z.string(),
  subtitle: z.string().nullable(),
  matchedBy: z.enum(SEARCH_MATCHES),
  /** 0 exact, 1 prefix, 2 fragment: items come in this order. */
  rank: z.number().int(),
});
export type SearchItem = z.infer<typeof searchItem>;
export const searchResult = z.object({ items: z.array(searchItem) });
