// 我的会话 my sessions: the signed-in sessions of the current account, and ending one of them.
import { useQuery } from '@tanstack/react-query';
import type { SessionView } from '@qinqing/shared';
import { api } from '../../api/client.ts';

export const sessionsQueryKey = ['sessions'] as const;

export function useSessions() {
  return useQuery({
    queryKey: sessionsQueryKey,
    queryFn: async () => (await api.get<{ items: SessionView[] }>('/auth/sessions')).items,
  });
}

export function revokeSession(id: string): Promise<void> {
  return api.delete(`/auth/sessions/${encodeURIComponent(id)}`);
}
