// 行政区划 administrative divisions to township level: loads divisions.tsv once at import; lookups, paths, search.
import { readReferenceTsv } from './tsv.ts';

/** 省级 province (2-digit code), 地级 prefecture (4), 县级 county (6), 乡级 township or street (9). */
export type DivisionLevel = 'province' | 'prefecture' | 'county' | 'township';

export interface Division {
  readonly code: string;
  readonly name: string;
  readonly level: DivisionLevel;
  readonly parentCode: string | null;
}

const LEVEL_BY_CODE_LENGTH: ReadonlyMap<number, DivisionLevel> = new Map([
  [2, 'province'],
  [4, 'prefecture'],
  [6, 'county'],
  [9, 'township'],
]);

const PARENT_CODE_LENGTH: Readonly<Record<DivisionLevel, number>> = {
  province: 0,
  prefecture: 2,
  county: 4,
  township: 6,
};

function loadDivisions(): {
  all: readonly Division[];
  byCode: ReadonlyMap<string, Division>;
  children: ReadonlyMap<string | null, readonly Division[]>;
} {
  const fileUrl = new URL('./divisions.tsv', import.meta.url);
  const all: Division[] = [];
  const byCode = new Map<string, Division>();
  const children = new Map<string | null, Division[]>([[null, []]]);
  // The file is sorted by code, so a parent always precedes its children and children stay in code order.
  for (const [code = '', name = '', parent = ''] of readReferenceTsv(fileUrl, 3)) {
    const level = LEVEL_BY_CODE_LENGTH.get(code.length);
    if (!level || !/^\d+$/.test(code) || name === '' || byCode.has(code)) {
      throw new Error(`divisions.tsv: bad entry ${code}`);
    }
    const parentCode = parent === '' ? null : parent;
    if (
      (parentCode?.length ?? 0) !== PARENT_CODE_LENGTH[level] ||
      !code.startsWith(parent) ||
      (parentCode !== null && !byCode.has(parentCode))
    ) {
      throw new Error(`divisions.tsv: ${code} has parent ${parent}, which must come first and be its prefix`);
    }
    const division: Division = Object.freeze({ code, name, level, parentCode });
    all.push(division);
    byCode.set(code, division);
    children.set(code, []);
    children.get(parentCode)?.push(division);
  }
  return { all, byCode, children };
}

const { all, byCode, children } = loadDivisions();

export function divisionByCode(code: string): Division | undefined {
  return byCode.get(code);
}

export function isDivision(code: string): boolean {
  return byCode.has(code);
}

/** The chain from the province down to `code` itself; undefined for an unknown code. */
export function divisionPath(code: string): Division[] | undefined {
  const path: Division[] = [];
  for (let current = byCode.get(code); current;) {
    path.unshift(current);
    current = current.parentCode === null ? undefined : byCode.get(current.parentCode);
  }
  return path.length > 0 ? path : undefined;
}

/** Direct children in code order; null gives the provinces; undefined for an unknown code. */
export function divisionChildren(parentCode: string | null): readonly Division[] | undefined {
  return children.get(parentCode);
}

/**
 * Digits search by code prefix (in code order); anything else by name fragment, exact names first, then
 * names starting with the fragment, then the rest, higher levels before lower ones.
 */
export function divisionSearch(query: string, limit = 20): Division[] {
  const needle = query.trim();
  if (needle === '' || limit <= 0) return [];
  if (/^\d+$/.test(needle)) {
    const found: Division[] = [];
    for (const division of all) {
      if (division.code.startsWith(needle)) {
        found.push(division);
        if (found.length >= limit) break;
      }
    }
    return found;
  }
  const rank = (division: Division): number =>
    division.name === needle ? 0 : division.name.startsWith(needle) ? 1 : 2;
  return all
    .filter((division) => division.name.includes(needle))
    .sort((a, b) => rank(a) - rank(b) || a.code.length - b.code.length || (a.code < b.code ? -1 : 1))
    .slice(0, limit);
}
