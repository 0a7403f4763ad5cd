// 代表人士 people: the filtered list (also an enterprise's people) and one person's record.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  DEPUTY_FILTERS,
  FederationRole,
  Gender,
  PersonListItem,
  PersonView,
  PoliticalAffiliation,
} from '@qinqing/shared';
import { api, type Page } from '../../api/client.ts';

export type DeputyFilter = (typeof DEPUTY_FILTERS)[number];

export interface PersonQuery {
  q?: string;
  gender?: Gender;
  affiliation?: PoliticalAffiliation;
  deputy?: DeputyFilter;
  /** true: under 45 (青年企业家). */
  young?: boolean;
  enterpriseId?: string;
  federationRole?: FederationRole;
  page: number;
  pageSize: number;
}

export const peopleQueryKey = ['people'] as const;

export function usePeople(query: PersonQuery, enabled = true) {
  return useQuery({
    queryKey: [...peopleQueryKey, 'list', query],
    queryFn: () => api.get<Page<PersonListItem>>('/people', { query: { ...query } }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

const personPath = (id: string) => `/people/${encodeURIComponent(id)}`;

export function usePerson(id: string) {
  return useQuery({
    queryKey: [...peopleQueryKey, 'detail', id],
    queryFn: async () => (await api.get<{ person: PersonView }>(personPath(id))).person,
  });
}

/** The full number of one person; the server records who looked. */
export async function unmaskPerson(id: string): Promise<string | null> {
  return (await api.post<{ personId: string; mobile: string | null }>(`${personPath(id)}/unmask`)).mobile;
}
