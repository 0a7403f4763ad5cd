// 工作日历 the working-day calendar: a year's overrides of the Monday-to-Friday week — statutory holidays
// that fall on weekdays, and weekend days worked instead (调休上班).
import { z } from 'zod';
import { line } from '../text.ts';
import { isoDate } from './registry.ts';

export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export const CALENDAR_MIN_YEAR = 2000;
export const CALENDAR_MAX_YEAR = 2100;

const year = z.coerce
  .number()
  .int()
  .min(CALENDAR_MIN_YEAR, { message: `年份须在 ${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR} 之间` })
  .max(CALENDAR_MAX_YEAR, { message: `年份须在 ${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR} 之间` });

/** ISO weekday of a `YYYY-MM-DD` day: 1 Monday … 7 Sunday. */
export function isoWeekday(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export function isWeekend(day: string): boolean {
  return isoWeekday(day) >= 6;
}

export const calendarDay = z.strictObject({
  day: isoDate,
  kind: z.enum(CALENDAR_DAY_KINDS),
  /** The holiday it belongs to: 春节, 国庆节… (an adjusted workday names the holiday it makes up for). */
  name: line(32),
});
export type CalendarDay = z.infer<typeof calendarDay>;

export const calendarYearQuery = z.strictObject({ year });
export const calendarYearParams = z.strictObject({ year });

export const calendarYearView = z.object({
  year: z.number().int(),
  /** False: nobody has entered this year's schedule; every weekday counts as a working day. */
  configured: z.boolean(),
  updatedAt: z.string().nullable(),
  days: z.array(calendarDay),
});
export type CalendarYearView = z.infer<typeof calendarYearView>;

export const updateCalendarYearRequest = z.strictObject({ days: z.array(calendarDay).max(366) });
export type UpdateCalendarYearRequest = z.infer<typeof updateCalendarYearRequest>;

/**
 * 节假日安排通知 the State Council's yearly notice typed as data (docs/calendar/README.md): per holiday the
 * days off as one range, weekends included as the notice writes them (`from`–`to`), and the weekend days
 * worked instead (`workdays`, 调休上班). `sample: true` marks a file that is not an official notice.
 */
export const holidayNotice = z.strictObject({
  year,
  /** The notice's title, e.g. 国务院办公厅关于2026年部分节假日安排的通知. */
  title: line(100),
  sample: z.boolean().optional(),
  holidays: z
    .array(
      z.strictObject({
        name: line(32),
        from: isoDate,
        to: isoDate,
        workdays: z.array(isoDate).max(4).optional(),
      }),
    )
    .min(1, { message: '通知中至少应有一个节日' })
    .max(20, { message: '一年的通知中节日不超过 20 个' }),
});
export type HolidayNotice = z.infer<typeof holidayNotice>;

/** Whether the working calendar is ready for what is coming: next year's schedule, from 1 November on. */
export const calendarStatus = z.object({
  /** The years whose schedule has been entered. */
  configuredYears: z.array(z.number().int()),
  /** From 1 November: next year while nobody has entered it (the warning shown to staff and administrators). */
  missingNextYear: z.number().int().nullable(),
});
export type CalendarStatus = z.infer<typeof calendarStatus>;
