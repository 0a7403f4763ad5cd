// The enterprise list's filters as URL query parameters: a reload or a shared link shows the same list.
import {
  ENTERPRISE_SIZES,
  MEMBERSHIP_STATUSES,
  PARTY_ORG_FILTERS,
  type EnterpriseSize,
  type MembershipStatus,
} from '@qinqing/shared';
import type { EnterpriseFilters, EnterpriseQuery, PartyFilter } from './api.ts';

export const DEFAULT_PAGE_SIZE = 20;

export function positiveInt(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

export function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** A parameter kept only when it has the shape the server accepts (a hand-edited URL must not break the page). */
function matching(pattern: RegExp, value: string | null): string | undefined {
  return value !== null && pattern.test(value) ? value : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function queryFromParams(params: URLSearchParams): EnterpriseQuery {
  return {
    q: params.get('q')?.trim() || undefined,
    industry: matching(/^[A-T]$|^\d{2,4}$/, params.get('industry')),
    size: oneOf<EnterpriseSize>(ENTERPRISE_SIZES, params.get('size')),
    division: matching(/^\d{2,9}$/, params.get('division')),
    chamberId: matching(UUID, params.get('chamberId')),
    orgUnitId: matching(UUID, params.get('orgUnitId')),
    tag: params.get('tag')?.trim().slice(0, 20) || undefined,
    status: oneOf<MembershipStatus>(MEMBERSHIP_STATUSES, params.get('status')),
    party: oneOf<PartyFilter>(PARTY_ORG_FILTERS, params.get('party')),
    joinedFrom: matching(DATE, params.get('joinedFrom')),
    joinedTo: matching(DATE, params.get('joinedTo')),
    leftFrom: matching(DATE, params.get('leftFrom')),
    leftTo: matching(DATE, params.get('leftTo')),
    sort: params.get('sort') === 'recent' ? 'recent' : undefined,
    page: positiveInt(params.get('page'), 1),
    pageSize: Math.min(positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE), 200),
  };
}

/** The URL parameters of a list query: defaults (first page, pinyin order) are left out. */
export function paramsFromQuery(query: EnterpriseQuery): Record<string, string> {
  return cleanParams({
    ...filtersOf(query),
    page: query.page !== 1 ? query.page : undefined,
    pageSize: query.pageSize !== DEFAULT_PAGE_SIZE ? query.pageSize : undefined,
  });
}

export function filtersOf(query: EnterpriseQuery): EnterpriseFilters {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  return filters;
}

/** URL parameters from values: empty ones left out, so a default list has a clean URL. */
export function cleanParams(
  values: Record<string, string | number | boolean | undefined>,
): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params[key] = String(value);
  }
  return params;
}
