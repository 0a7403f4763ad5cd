// 通知 the signed-in user's notifications: the unread count the bell polls, the list, marking read, and
// their delivery preferences.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  NotificationPage,
  NotificationPreferences,
  NotificationView,
  UpdateNotificationPreferencesRequest,
} from '@qinqing/shared';
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

const preferencesQueryKey = [...notificationsQueryKey, 'preferences'] as const;

/** The user's own choice of which kinds also go by email or to their own robot. */
export function useNotificationPreferences() {
  return useQuery({
    queryKey: preferencesQueryKey,
    queryFn: () => api.get<NotificationPreferences>('/notifications/preferences'),
  });
}

export function useSaveNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (preferences: UpdateNotificationPreferencesRequest) =>
      api.put<NotificationPreferences>('/notifications/preferences', preferences),
    onSuccess: (saved) => queryClient.setQueryData(preferencesQueryKey, saved),
  });
}
