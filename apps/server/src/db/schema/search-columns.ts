// The derived search-key columns a searchable registry table carries (see core/search/search-keys.ts).
import { text } from 'drizzle-orm/pg-core';

/** A fresh set of column builders per table (Drizzle builders are not shared between tables). */
export function searchKeyColumns() {
  return {
    searchName: text('search_name').notNull().default(''),
    searchBigrams: text('search_bigrams').array().notNull().default([]),
    namePinyin: text('name_pinyin').notNull().default(''),
    nameInitials: text('name_initials').notNull().default(''),
    sortKey: text('sort_key').notNull().default(''),
  };
}
