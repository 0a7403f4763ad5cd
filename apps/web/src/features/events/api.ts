// 教育培训 as the pages read and change it: events, one event with its sessions, registrations, check-in
// tokens and check-ins, the figures, the chambers' duty and the honours. Every query sits under one key,
// so a change refreshes them all.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ActivityDutyOverview,
  CheckInToken,
  EventKindList,
  EventPage,
  EventStats,
  EventView,
  HonourList,
  RegistrationList,
} from '@qinqing/shared';
import { api } from '../../api/client.ts';

export const eventsQueryKey = ['events'] as const;

export function useEvents(
  filters: Record<string, string | undefined>,
  page: number,
  pageSize = 50,
  enabled = true,
) {
  return useQuery({
    queryKey: [...eventsQueryKey, 'list', filters, page, pageSize],
    queryFn: () => api.get<EventPage>('/events', { query: { ...filters, page, pageSize } }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEvent(id: string | undefined) {
  return useQuery({
    queryKey: [...eventsQueryKey, 'one', id],
    queryFn: async () => (await api.get<{ event: EventView }>(`/events/${id}`)).event,
    enabled: Boolean(id),
  });
}

export function useRegistrations(id: string | undefined) {
  return useQuery({
    queryKey: [...eventsQueryKey, 'registrations', id],
    queryFn: async () => (await api.get<RegistrationList>(`/events/${id}/registrations`)).items,
    enabled: Boolean(id),
  });
}

/** The session's check-in token, fetched again well before it expires (the screen keeps showing a valid code). */
export function useCheckInToken(sessionId: string | undefined) {
  return useQuery({
    queryKey: [...eventsQueryKey, 'token', sessionId],
    queryFn: () => api.get<CheckInToken>(`/event-sessions/${sessionId}/check-in-token`),
    enabled: Boolean(sessionId),
    refetchInterval: 10 * 60_000,
    staleTime: 5 * 60_000,
  });
}

export function useEventStats(query: { groupBy: string; from?: string; to?: string }) {
  return useQuery({
    queryKey: [...eventsQueryKey, 'stats', query],
    queryFn: () => api.get<EventStats>('/events/stats', { query }),
  });
}

export function useDuty(year: number) {
  return useQuery({
    queryKey: [...eventsQueryKey, 'duty', year],
    queryFn: () =>
      api.get<ActivityDutyOverview>('/chambers/activity-duty', { query: { year: String(year) } }),
  });
}

export function useHonours(query: { holderId?: string; level?: string }) {
  return useQuery({
    queryKey: [...eventsQueryKey, 'honours', query],
    queryFn: () => api.get<HonourList>('/honours', { query }),
  });
}

/** The phone page's address for a token: what the QR code encodes. */
export function checkInUrl(token: string): string {
  return `${window.location.origin}/m/check-in?token=${encodeURIComponent(token)}`;
}

/** A nonce per attempt: a retry of the same tick sends it again and is answered the same check-in. */
export function newNonce(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

/** 活动类型 the kinds in effect at a unit (the caller's own by default), retired ones included. */
export function useEventKinds(orgUnitId?: string) {
  return useQuery({
    queryKey: [...eventsQueryKey, 'kinds', orgUnitId ?? null],
    queryFn: () => api.get<EventKindList>('/event-kinds', { query: { orgUnitId } }),
    staleTime: 60_000,
  });
}
