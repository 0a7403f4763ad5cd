// 党组织 party organizations of enterprises and chambers, and 两个覆盖 (coverage of member enterprises by
// party organizations and by party work) grouped by chamber or by org unit.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CoverageResult,
  PartyOrganizationForm,
  PartyOrganizationView,
  PartyOwnerKind,
} from '@qinqing/shared';
import { api, type Page } from '../../api/client.ts';

export interface PartyOrganizationQuery {
  q?: string;
  ownerKind?: PartyOwnerKind;
  form?: PartyOrganizationForm;
  enterpriseId?: string;
  chamberId?: string;
  page: number;
  pageSize: number;
}

export const partyQueryKey = ['party-organizations'] as const;

export function usePartyOrganizations(query: PartyOrganizationQuery) {
  return useQuery({
    queryKey: [...partyQueryKey, 'list', query],
    queryFn: () => api.get<Page<PartyOrganizationView>>('/party-organizations', { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

export type CoverageGrouping = CoverageResult['groupBy'];

export function useCoverage(groupBy: CoverageGrouping) {
  return useQuery({
    queryKey: [...partyQueryKey, 'coverage', groupBy],
    queryFn: () => api.get<CoverageResult>('/party-organizations/coverage', { query: { groupBy } }),
  });
}
