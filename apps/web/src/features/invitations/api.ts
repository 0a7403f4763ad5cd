// 邀请 invitations and 账号申请 access requests, staff side: invite one or a batch, follow the batch, list, decide.
import { useQuery } from '@tanstack/react-query';
import type {
  AccessRequestState,
  AccessRequestView,
  CreateInvitationBatchRequest,
  InvitationBatchView,
  InvitationState,
  InvitationView,
} from '@qinqing/shared';
import { api } from '../../api/client.ts';

export const invitationsKey = ['invitations'] as const;
export const accessRequestsKey = ['access-requests'] as const;

export function useInvitations(query: { state?: InvitationState; enterpriseId?: string; page: number }) {
  return useQuery({
    queryKey: [...invitationsKey, query],
    queryFn: () =>
      api.get<{ items: InvitationView[]; total: number }>('/invitations', {
        query: { ...query, pageSize: 20 },
      }),
  });
}

/** A one-time link for an enterprise contact's account to set a new password. */
export async function issuePasswordReset(userId: string) {
  return (
    await api.post<{ reset: { code: string; link: string; expiresAt: string } }>('/password-resets', {
      userId,
    })
  ).reset;
}

export async function inviteEnterprise(enterpriseId: string) {
  return (
    await api.post<{ invitation: { id: string; code: string; link: string; expiresAt: string } }>(
      '/invitations',
      {
        enterpriseId,
      },
    )
  ).invitation;
}

export async function startBatch(body: CreateInvitationBatchRequest): Promise<string> {
  return (await api.post<{ jobId: string }>('/invitations/batches', body)).jobId;
}

/** The batch, polled every second until it has finished. */
export function useBatch(id: string | undefined) {
  return useQuery({
    queryKey: ['invitation-batch', id],
    enabled: id !== undefined,
    queryFn: () => api.get<InvitationBatchView>(`/invitations/batches/${encodeURIComponent(id!)}`),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'succeeded' || status === 'failed' ? false : 1000;
    },
  });
}

export function useChamberOptions() {
  return useQuery({
    queryKey: ['invitations', 'chambers'],
    queryFn: async () =>
      (await api.get<{ items: { id: string; name: string }[] }>('/chambers', { query: { pageSize: 200 } }))
        .items,
    staleTime: 5 * 60_000,
  });
}

export function useAccessRequests(query: { state?: AccessRequestState; page: number }) {
  return useQuery({
    queryKey: [...accessRequestsKey, query],
    queryFn: () =>
      api.get<{ items: AccessRequestView[]; total: number }>('/access-requests', {
        query: { ...query, pageSize: 20 },
      }),
  });
}

export async function decideAccessRequest(id: string, action: 'approve' | 'reject', version: number) {
  return api.post<{ accessRequest: AccessRequestView; setPasswordLink: string | null }>(
    `/access-requests/${encodeURIComponent(id)}/transitions`,
    { action, version },
  );
}
