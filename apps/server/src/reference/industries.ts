// 国民经济行业分类 industry classification (GB/T 4754-2017): loads industries.tsv once at import; lookups by code.
import { readReferenceTsv } from './tsv.ts';

export type IndustryLevel = 'section' | 'division' | 'group' | 'class';

export interface Industry {
  readonly code: string;
  readonly name: string;
  readonly level: IndustryLevel;
  /** Section letter for a division, division code for a group, group code for a class; null for a section. */
  readonly parentCode: string | null;
}

const CODE_SHAPE: Readonly<Record<IndustryLevel, RegExp>> = {
  section: /^[A-T]$/,
  division: /^\d{2}$/,
  group: /^\d{3}$/,
  class: /^\d{4}$/,
};

function isIndustryLevel(value: string): value is IndustryLevel {
  return Object.hasOwn(CODE_SHAPE, value);
}

function loadIndustries(): {
  byCode: ReadonlyMap<string, Industry>;
  children: ReadonlyMap<string | null, readonly Industry[]>;
} {
  const fileUrl = new URL('./industries.tsv', import.meta.url);
  const byCode = new Map<string, Industry>();
  const children = new Map<string | null, Industry[]>([[null, []]]);
  for (const [code = '', name = '', level = '', parent = ''] of readReferenceTsv(fileUrl, 4)) {
    if (!isIndustryLevel(level) || !CODE_SHAPE[level].test(code) || name === '' || byCode.has(code)) {
      throw new Error(`industries.tsv: bad entry ${code}`);
    }
    const parentCode = parent === '' ? null : parent;
    const parentLevel = parentCode === null ? undefined : byCode.get(parentCode)?.level;
    const expectedParentLevel = {
      section: undefined,
      division: 'section',
      group: 'division',
      class: 'group',
    }[level];
    if (parentLevel !== expectedParentLevel || (level !== 'division' && !code.startsWith(parentCode ?? ''))) {
      throw new Error(
        `industries.tsv: ${code} has parent ${parent}, which must come first and be its ${expectedParentLevel}`,
      );
    }
    const industry: Industry = Object.freeze({ code, name, level, parentCode });
    byCode.set(code, industry);
    children.set(code, []);
    children.get(parentCode)?.push(industry);
  }
  return { byCode, children };
}

const { byCode, children } = loadIndustries();

export function industryByCode(code: string): Industry | undefined {
  return byCode.get(code);
}

/** True for a 4-digit 小类 class, the level that enterprise records carry. */
export function isIndustryClass(code: string): boolean {
  return byCode.get(code)?.level === 'class';
}

/** The chain from the section down to `code` itself; undefined for an unknown code. */
export function industryPath(code: string): Industry[] | undefined {
  const path: Industry[] = [];
  for (let current = byCode.get(code); current;) {
    path.unshift(current);
    current = current.parentCode === null ? undefined : byCode.get(current.parentCode);
  }
  return path.length > 0 ? path : undefined;
}

/** Direct children in standard order; null gives the 20 sections; undefined for an unknown code. */
export function industryChildren(parentCode: string | null): readonly Industry[] | undefined {
  return children.get(parentCode);
}
