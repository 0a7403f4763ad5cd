// The enterprise list's filters as URL query parameters: a reload or a shared link shows the same list.
import {
  ENTERPRISE_SIZES,
  MEMBERSHIP_STATUSES,
  PARTY_ORG_FILTERS,
  type EnterpriseSize,
  type MembershipStatus,
} from '@qinqing/shared';
import {
  cleanParams,
  DATE,
  matching,
  oneOf,
  pagingFrom,
  pagingParams,
  UUID,
} from '../../components/list-query.ts';
import type { EnterpriseFilters, EnterpriseQuery, PartyFilter } from './api.ts';

const DEFAULT_PAGE_SIZE = 20;

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
    ...pagingFrom(params, DEFAULT_PAGE_SIZE),
  };
}

/** The URL parameters of a list query: defaults (first page, pinyin order) are left out. */
export function paramsFromQuery(query: EnterpriseQuery): Record<string, string> {
  return cleanParams({ ...filtersOf(query), ...pagingParams(query, DEFAULT_PAGE_SIZE) });
}

export function filtersOf(query: EnterpriseQuery): EnterpriseFilters {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  return filters;
}
