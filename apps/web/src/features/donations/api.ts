// 捐赠 as the pages read and change it: campaigns and programs, the donations ledger, one donation, its
// transitions. Every query sits under one key, so a change refreshes them all.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CampaignSummary,
  CampaignView,
  CreateCampaignRequest,
  CreateDonationRequest,
  DonationAttachmentView,
  DonationPage,
  DonationTransitionRequest,
  DonationView,
} from '@qinqing/shared';
import { api, type Page } from '../../api/client.ts';

export const donationsQueryKey = ['donations'] as const;

export type DonationFilters = Record<string, string | undefined>;

export function useDonations(filters: DonationFilters, page: number, pageSize = 20) {
  return useQuery({
    queryKey: [...donationsQueryKey, 'list', filters, page, pageSize],
    queryFn: () => api.get<DonationPage>('/donations', { query: { ...filters, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
}

export function useDonation(id: string | undefined) {
  return useQuery({
    queryKey: [...donationsQueryKey, 'one', id],
    queryFn: async () => (await api.get<{ donation: DonationView }>(`/donations/${id}`)).donation,
    enabled: Boolean(id),
  });
}

export function useCampaigns(query: { kind?: string; q?: string; page: number; pageSize?: number }) {
  return useQuery({
    queryKey: [...donationsQueryKey, 'campaigns', query],
    queryFn: () => api.get<Page<CampaignSummary>>('/campaigns', { query: { pageSize: 20, ...query } }),
    placeholderData: keepPreviousData,
  });
}

export function useCampaign(id: string | undefined) {
  return useQuery({
    queryKey: [...donationsQueryKey, 'campaign', id],
    queryFn: async () => (await api.get<{ campaign: CampaignView }>(`/campaigns/${id}`)).campaign,
    enabled: Boolean(id),
  });
}

/** Names to pick a donor by: enterprises have their own picker; chambers, party organizations, people here. */
export function searchNamed(path: '/chambers' | '/party-organizations' | '/people', q: string) {
  return api.get<Page<{ id: string; name: string }>>(path, { query: { q: q || undefined, pageSize: 20 } });
}

export const createCampaign = (body: CreateCampaignRequest) =>
  api.post<{ campaign: CampaignView }>('/campaigns', body);
export const createDonation = (body: CreateDonationRequest) =>
  api.post<{ donation: DonationView }>('/donations', body);
export const transitionDonation = (id: string, body: DonationTransitionRequest) =>
  api.post<{ donation: DonationView }>(`/donations/${id}/transitions`, body);

/** 捐赠凭证: one evidence file added to a donation (the server judges its type by content). */
export async function uploadEvidence(donationId: string, file: File): Promise<DonationAttachmentView> {
  const form = new FormData();
  form.append('file', file, file.name);
  return (
    await api.upload<{ attachment: DonationAttachmentView }>(
      `/donations/${encodeURIComponent(donationId)}/attachments`,
      form,
    )
  ).attachment;
}

export const evidenceUrl = (donationId: string, attachmentId: string) =>
  `/api/donations/${encodeURIComponent(donationId)}/attachments/${encodeURIComponent(attachmentId)}`;
