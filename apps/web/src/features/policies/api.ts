// 惠企政策 as the pages read and change it: the library, one policy, its matches (and a preview of
// conditions before saving), pushes with their recipient count and reach, redemptions and the figures.
// Every query sits under one key, so a change refreshes them all.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  BenefitKind,
  CreatePolicyRequest,
  CreatePushRequest,
  PolicyCondition,
  PolicyLevel,
  PolicyAttachmentView,
  PolicyMatches,
  PolicyStats,
  PolicyState,
  PolicySummary,
  PolicyTransitionRequest,
  PolicyView,
  PushView,
  RecordRedemptionRequest,
  RedemptionView,
  UpdatePolicyRequest,
} from '@qinqing/shared';
import { api, type Page } from '../../api/client.ts';

export const policiesQueryKey = ['policies'] as const;

export interface PolicyQuery {
  q?: string;
  state?: PolicyState;
  level?: PolicyLevel;
  benefit?: BenefitKind;
  page: number;
  pageSize: number;
}

const policyPath = (id: string) => `/policies/${encodeURIComponent(id)}`;

export function usePolicies(query: PolicyQuery) {
  return useQuery({
    queryKey: [...policiesQueryKey, 'list', query],
    queryFn: () => api.get<Page<PolicySummary>>('/policies', { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

export function usePolicy(id: string) {
  return useQuery({
    queryKey: [...policiesQueryKey, 'detail', id],
    queryFn: async () => (await api.get<{ policy: PolicyView }>(policyPath(id))).policy,
  });
}

export function useMatches(id: string, version: number | undefined, limit = 50) {
  return useQuery({
    queryKey: [...policiesQueryKey, 'matches', id, version, limit],
    queryFn: () => api.get<PolicyMatches>(`${policyPath(id)}/matches`, { query: { limit } }),
    enabled: version !== undefined,
  });
}

export function usePushes(id: string) {
  return useQuery({
    queryKey: [...policiesQueryKey, 'pushes', id],
    queryFn: () => api.get<{ items: PushView[] }>(`${policyPath(id)}/pushes`),
    refetchInterval: (query) =>
      query.state.data?.items.some((push) => push.status === 'queued' || push.status === 'running')
        ? 1000
        : false,
  });
}

export function useRedemptions(id: string) {
  return useQuery({
    queryKey: [...policiesQueryKey, 'redemptions', id],
    queryFn: () => api.get<{ items: RedemptionView[] }>(`${policyPath(id)}/redemptions`),
  });
}

export function usePolicyStats(groupBy: 'policy' | 'orgUnit' | 'chamber') {
  return useQuery({
    queryKey: [...policiesQueryKey, 'stats', groupBy],
    queryFn: () => api.get<PolicyStats>('/policies/stats', { query: { groupBy } }),
  });
}

export const createPolicy = async (body: CreatePolicyRequest) =>
  (await api.post<{ policy: PolicyView }>('/policies', body)).policy;
export const updatePolicy = async (id: string, body: UpdatePolicyRequest) =>
  (await api.patch<{ policy: PolicyView }>(policyPath(id), body)).policy;
export const transitionPolicy = async (id: string, body: PolicyTransitionRequest) =>
  (await api.post<{ policy: PolicyView }>(`${policyPath(id)}/transitions`, body)).policy;
export const previewMatches = (conditions: PolicyCondition[]) =>
  api.post<PolicyMatches>('/policies/match-preview', { conditions, limit: 20 });
export const countRecipients = (id: string, body: CreatePushRequest) =>
  api.post<{ recipients: number; alreadyReached: number }>(`${policyPath(id)}/push-count`, body);
export const pushPolicy = (id: string, body: CreatePushRequest) =>
  api.post<{ pushId: string; jobId: string }>(`${policyPath(id)}/pushes`, body);
export const recordRedemption = async (id: string, body: RecordRedemptionRequest) =>
  (await api.post<{ redemption: RedemptionView }>(`${policyPath(id)}/redemptions`, body)).redemption;

export async function uploadPolicyAttachment(id: string, file: File): Promise<PolicyAttachmentView> {
  const form = new FormData();
  form.append('file', file, file.name);
  return (await api.upload<{ attachment: PolicyAttachmentView }>(`${policyPath(id)}/attachments`, form))
    .attachment;
}
export const removePolicyAttachment = (id: string, attachmentId: string) =>
  api.delete(`${policyPath(id)}/attachments/${encodeURIComponent(attachmentId)}`);
/** A plain GET the browser downloads (the session cookie goes with it). */
export const policyAttachmentUrl = (id: string, attachmentId: string) =>
  `/api${policyPath(id)}/attachments/${encodeURIComponent(attachmentId)}`;
