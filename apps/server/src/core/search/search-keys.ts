// Search keys of a Chinese name: traditional characters folded to simplified (opencc), character
// bigrams for fragment search, full pinyin and initials (pinyin-pro, polyphones read in context), and a
// pinyin sort key. Computed on write; queries are normalised the same way.
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

const traditionalToSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
const hongKongToSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/** Simplified, lower-cased, full-width folded, white space collapsed. */
export function normalizeText(text: string): string {
  const halfWidth = text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  return hongKongToSimplified(traditionalToSimplified(halfWidth)).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Distinct two-character windows of each text (spaces and punctuation break windows). */
export function bigrams(texts: readonly string[]): string[] {
  const grams = new Set<string>();
  for (const text of texts) {
    for (const run of text.split(/[\s\p{P}\p{S}]+/u)) {
      const chars = [...run];
      if (chars.length === 1) grams.add(chars[0]!);
      for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
    }
  }
  return [...grams];
}

function syllables(text: string): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
}

export interface SearchKeys {
  searchName: string;
  searchBigrams: string[];
  namePinyin: string;
  nameInitials: string;
  sortKey: string;
}

export function searchKeysOf(name: string, formerNames: readonly string[] = []): SearchKeys {
  const simplified = normalizeText(name);
  const former = formerNames.map(normalizeText);
  const parts = syllables(simplified);
  return {
    searchName: [simplified, ...former].join(' '),
    searchBigrams: bigrams([simplified, ...former]),
    namePinyin: parts.join(''),
    nameInitials: parts.map((s) => s[0]).join(''),
    // Pinyin syllables separated by spaces sort 'an' before 'ang'; the name breaks ties.
    sortKey: `${parts.join(' ')}\u0001${simplified}`.slice(0, 400),
  };
}

export type QueryKind = 'uscc' | 'mobile' | 'latin' | 'text';

/** What a search box query most likely is. */
export function classifyQuery(raw: string): { kind: QueryKind; value: string } {
  const value = normalizeText(raw);
  if (/^1\d{10}$/.test(value)) return { kind: 'mobile', value };
  const compact = value.replace(/\s+/g, '');
  if (/^[0-9a-z]{2,18}$/.test(compact) && /\d/.test(compact))
    return { kind: 'uscc', value: compact.toUpperCase() };
  if (/^[a-z]+$/.test(compact)) return { kind: 'latin', value: compact };
  return { kind: 'text', value };
}
