// 名称匹配 how a name answers the search box, for every registry record that carries search keys
// (core/search/search-keys.ts): the SQL condition and rank over stored keys, and the same judgement
// in code for keys computed on the fly (chambers) and for ranking mixed results.
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { SearchMatch } from '@qinqing/shared';
import { escapeLike } from '../sql.ts';
import { bigrams, normalizeText, searchKeysOf, type QueryKind, type SearchKeys } from './search-keys.ts';

/** 0 exact, 1 prefix, 2 fragment: the order results come in. */
export type MatchRank = 0 | 1 | 2;

export interface NameMatch {
  rank: MatchRank;
  matchedBy: SearchMatch;
}

export interface NameKeyColumns {
  searchName: AnyColumn;
  searchBigrams: AnyColumn;
  namePinyin: AnyColumn;
  nameInitials: AnyColumn;
}

/** A Chinese fragment (traditional folded to simplified) or pinyin / initials, over stored search keys. */
export function nameSearchClause(
  columns: NameKeyColumns,
  query: { kind: QueryKind; value: string },
): { where: SQL; rank: SQL } {
  const { value } = query;
  const prefix = escapeLike(value) + '%';
  const fragment = '%' + escapeLike(value) + '%';
  if (query.kind === 'latin') {
    return {
      where: sql`(${columns.nameInitials} LIKE ${fragment} OR ${columns.namePinyin} LIKE ${fragment})`,
      rank: sql`CASE WHEN ${columns.nameInitials} = ${value} OR ${columns.namePinyin} = ${value} THEN 0
                     WHEN ${columns.nameInitials} LIKE ${prefix} OR ${columns.namePinyin} LIKE ${prefix} THEN 1
                     ELSE 2 END`,
    };
  }
  const grams = bigrams([value]);
  // The bigram array narrows through its GIN index; LIKE confirms the characters are adjacent.
  const where =
    grams.length > 0 && [...value].length >= 2
      ? sql`${columns.searchBigrams} @> ${sql.param(grams)}::text[] AND ${columns.searchName} LIKE ${fragment}`
      : sql`${columns.searchName} LIKE ${fragment}`;
  return {
    where,
    rank: sql`CASE WHEN ${columns.searchName} = ${value} THEN 0
                   WHEN ${columns.searchName} LIKE ${prefix} THEN 1
                   ELSE 2 END`,
  };
}

/**
 * How well a record's names answer a text or pinyin query. `names`: the current name first, then
 * former names (raw; normalised here). A former name only ever counts as a fragment match, as in SQL.
 */
export function matchName(
  query: { kind: QueryKind; value: string },
  keys: { names: readonly string[]; namePinyin: string; nameInitials: string },
): NameMatch | undefined {
  const { value } = query;
  const level = (text: string): MatchRank | undefined =>
    text === value ? 0 : text.startsWith(value) ? 1 : text.includes(value) ? 2 : undefined;
  if (query.kind === 'latin') {
    const byInitials = level(keys.nameInitials);
    const byPinyin = level(keys.namePinyin);
    if (byInitials === undefined && byPinyin === undefined) return undefined;
    if (byPinyin === undefined || (byInitials !== undefined && byInitials <= byPinyin)) {
      return { rank: byInitials!, matchedBy: 'initials' };
    }
    return { rank: byPinyin, matchedBy: 'pinyin' };
  }
  const [current, ...former] = keys.names.map(normalizeText);
  const byName = current === undefined ? undefined : level(current);
  if (byName !== undefined) return { rank: byName, matchedBy: 'name' };
  if (former.some((name) => name.includes(value))) return { rank: 2, matchedBy: 'former_name' };
  return undefined;
}

const computedKeys = new Map<string, SearchKeys>();

/**
 * Search keys of a name that has none stored (chambers: few, renamed rarely), computed once per name.
 * The cache is cleared when it grows past what any deployment has chambers, so it cannot grow unbounded.
 */
export function searchKeysOfCached(name: string): SearchKeys {
  let keys = computedKeys.get(name);
  if (!keys) {
    if (computedKeys.size >= 20_000) computedKeys.clear();
    keys = searchKeysOf(name);
    computedKeys.set(name, keys);
  }
  return keys;
}
