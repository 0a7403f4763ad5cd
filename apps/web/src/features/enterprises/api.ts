// 会员企业 enterprises as the registry pages read and change them: the filtered list (and its Excel export),
// one record, its membership history, create, change, merge a duplicate, reveal a contact's number.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  EnterpriseListItem,
  EnterprisePage,
  EnterpriseSize,
  EnterpriseView,
  MembershipStatus,
  PARTY_ORG_FILTERS,
} from '@qinqing/shared';
import { api, queryString, type Page } from '../../api/client.ts';

export const enterprisesQueryKey = ['enterprises'] as const;

export type PartyFilter = (typeof PARTY_ORG_FILTERS)[number];
export type EnterpriseSort = 'pinyin' | 'recent';

/** What the list can be narrowed by; the export takes the same. */
export interface EnterpriseFilters {
  q?: string;
  /** A section letter or a 2–4 digit industry code. */
  industry?: string;
  size?: EnterpriseSize;
  /** A division code prefix (province … street). */
  division?: string;
  chamberId?: string;
  orgUnitId?: string;
  tag?: string;
  status?: MembershipStatus;
  party?: PartyFilter;
  /** Joined or left within these days (YYYY-MM-DD): set by the dashboard's links, kept until reset. */
  joinedFrom?: string;
  joinedTo?: string;
  leftFrom?: string;
  leftTo?: string;
  sort?: EnterpriseSort;
}

export interface EnterpriseQuery extends EnterpriseFilters {
  page: number;
  pageSize: number;
}

export function useEnterprises(query: EnterpriseQuery) {
  return useQuery({
    queryKey: [...enterprisesQueryKey, 'list', query],
    queryFn: () => api.get<EnterprisePage>('/enterprises', { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

/** The export is a plain GET the browser downloads, with the list's filters. */
export function enterprisesExportUrl(filters: EnterpriseFilters): string {
  return `/api/enterprises/export.xlsx${queryString({ ...filters })}`;
}

const enterprisePath = (id: string) => `/enterprises/${encodeURIComponent(id)}`;
const enterpriseQueryKey = (id: string) => [...enterprisesQueryKey, 'detail', id] as const;

export function useEnterprise(id: string) {
  return useQuery({
    queryKey: enterpriseQueryKey(id),
    queryFn: async () => (await api.get<{ enterprise: EnterpriseView }>(enterprisePath(id))).enterprise,
  });
}

export interface StatusChange {
  fromStatus: MembershipStatus | null;
  toStatus: MembershipStatus;
  reason: string | null;
  changedOn: string;
  changedAt: string;
}

export function useStatusHistory(id: string) {
  return useQuery({
    queryKey: [...enterpriseQueryKey(id), 'status-history'],
    queryFn: async () =>
      (await api.get<{ items: StatusChange[] }>(`${enterprisePath(id)}/status-history`)).items,
  });
}

export interface ContactInput {
  id?: string;
  name: string;
  position?: string;
  /** Left out for an existing contact: the server keeps the stored number. */
  mobile?: string;
  email?: string;
  isPrimary?: boolean;
}

export interface EnterpriseInput {
  name?: string;
  uscc?: string;
  formerNames?: string[];
  legalRepresentative?: string;
  registeredCapital?: number | null;
  foundedOn?: string | null;
  industryCode?: string | null;
  size?: EnterpriseSize | null;
  divisionCode?: string | null;
  address?: string | null;
  tags?: string[];
  contacts?: ContactInput[];
  orgUnitId?: string;
  membership?: {
    type?: EnterpriseView['membership']['type'];
    status?: MembershipStatus;
    statusReason?: string;
    statusOn?: string;
    joinedOn?: string | null;
  };
}

type EnterpriseEnvelope = { enterprise: EnterpriseView };

export async function createEnterprise(body: EnterpriseInput): Promise<EnterpriseView> {
  return (await api.post<EnterpriseEnvelope>('/enterprises', body)).enterprise;
}

export async function updateEnterprise(
  id: string,
  body: EnterpriseInput & { version: number },
): Promise<EnterpriseView> {
  return (await api.patch<EnterpriseEnvelope>(enterprisePath(id), body)).enterprise;
}

/** Merges `duplicateId` into `keepId`; the kept record comes back. */
export async function mergeEnterprise(
  keepId: string,
  duplicateId: string,
  version: number,
): Promise<EnterpriseView> {
  return (await api.post<EnterpriseEnvelope>(`${enterprisePath(keepId)}/merge`, { duplicateId, version }))
    .enterprise;
}

/** The full number of one contact; the server records who looked. */
export async function unmaskContact(enterpriseId: string, contactId: string): Promise<string | null> {
  const result = await api.post<{ contactId: string; mobile: string | null }>(
    `${enterprisePath(enterpriseId)}/contacts/${encodeURIComponent(contactId)}/unmask`,
  );
  return result.mobile;
}

/** A few enterprises by name, code or pinyin: for pickers (merge, links). */
export async function searchEnterprises(q: string): Promise<EnterpriseListItem[]> {
  return (await api.get<Page<EnterpriseListItem>>('/enterprises', { query: { q, pageSize: 10 } })).items;
}
