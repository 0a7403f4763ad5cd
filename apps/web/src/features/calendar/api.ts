// 工作日历 the working-day calendar: a year's holidays and adjusted workdays, and replacing them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarDay, CalendarYearView } from '@qinqing/shared';
import { api } from '../../api/client.ts';

export const calendarQueryKey = ['calendar'] as const;

export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: [...calendarQueryKey, year],
    queryFn: () => api.get<CalendarYearView>('/calendar', { query: { year } }),
  });
}

export function useReplaceCalendarYear(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (days: CalendarDay[]) => api.put<CalendarYearView>(`/calendar/${year}`, { days }),
    onSuccess: (view) => queryClient.setQueryData([...calendarQueryKey, year], view),
  });
}
