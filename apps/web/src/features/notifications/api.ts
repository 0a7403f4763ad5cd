// 通知 the signed-in user's notifications: the unread count the bell polls, the list, marking read.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationPage, NotificationView } from '@qinqing/shared';
import { api } from '../../api/client.ts';

export const notificationsQueryKey = ['notifications'] as const;
/** How often the bell asks for the unread count. */
const POLL_MS = 30_000;

export function useUnreadCount() {
  return useQuery({
    queryKey: [...notificationsQueryKey, 'unread-count'],
    queryFn: () => api.get<{ unread: number }>('/notifications/unread-count'),
    refetchInterval: POLL_MS,
    staleTime: POLL_MS,
  });
}

export interface NotificationQuery {
  unread?: boolean;
  page: number;
  pageSize: number;
}

export function useNotifications(query: NotificationQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...notificationsQueryKey, 'list', query],
    queryFn: () =>
      api.get<NotificationPage>('/notifications', {
        query: { unread: query.unread ? 'true' : undefined, page: query.page, pageSize: query.pageSize },
      }),
    placeholderData: keepPreviousData,
    enabled: options.enabled,
  });
}

/** Marking read changes the count and every list: all of them are asked again. */
function useRefreshNotifications() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: notificationsQueryKey });
}

export function useMarkRead() {
  const refresh = useRefreshNotifications();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<{ notification: NotificationView }>(`/notifications/${id}/read`).then((r) => r.notification),
    onSuccess: refresh,
  });
}

export function useMarkAllRead() {
  const refresh = useRefreshNotifications();
  return useMutation({
    mutationFn: () => api.post<{ marked: number }>('/notifications/read-all'),
    onSuccess: refresh,
  });
}
