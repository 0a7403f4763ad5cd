// 工作日历 the administrator's reading and replacing of a year's schedule of the working-day calendar
// (validated, audited); the calendar that deadlines are computed on is core/calendar.
import {
  isoWeekday,
  isWeekend,
  type CalendarDay,
  type CalendarStatus,
  type CalendarYearView,
  type ErrorDetail,
  type HolidayNotice,
} from '@qinqing/shared';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { daysOfNotice } from './notice.ts';
import { findYear, replaceYear } from './repository.ts';

const WEEKDAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export async function getCalendarYear(ctx: AppContext, year: number): Promise<CalendarYearView> {
  const found = await findYear(ctx.database.db, year);
  return {
    year,
    configured: found.configured,
    updatedAt: found.updatedAt?.toISOString() ?? null,
    days: found.days,
  };
}

/** What zod cannot check: every day inside the year, none twice, the kind matching the weekday. */
function checkYear(year: number, days: CalendarDay[]): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  days.forEach((entry, index) => {
    const path = `days.${index}.day`;
    const weekday = WEEKDAY_NAMES[isoWeekday(entry.day)];
    if (!entry.day.startsWith(`${year}-`)) {
      details.push({ path, code: 'DAY_OUTSIDE_YEAR', message: `${entry.day} 不在 ${year} 年内` });
    } else if (seen.has(entry.day)) {
      details.push({ path, code: 'DUPLICATE_DAY', message: `${entry.day} 重复出现` });
    } else if (entry.kind === 'workday' && !isWeekend(entry.day)) {
      details.push({
        path,
        code: 'WORKDAY_ON_WEEKDAY',
        message: `${entry.day} 是${weekday}，本来就上班；调休上班只能设在周六或周日`,
      });
    } else if (entry.kind === 'holiday' && isWeekend(entry.day)) {
      details.push({
        path,
        code: 'HOLIDAY_ON_WEEKEND',
        message: `${entry.day} 是${weekday}，本来就休息；节假日只需列出放假期间的周一至周五`,
      });
    }
    seen.add(entry.day);
  });
  return details;
}

const keyOf = (day: CalendarDay) => `${day.day} ${day.kind} ${day.name}`;

/** Replaces a year's holidays and adjusted workdays (the State Council's schedule for that year). */
export async function replaceCalendarYear(
  ctx: AppContext,
  year: number,
  days: CalendarDay[],
  audit: AuditContext,
  /** The notice file the days were read from, named in the audit record. */
  notice?: { title: string; sample: boolean },
): Promise<CalendarYearView> {
  const problems = checkYear(year, days);
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
  const sorted = [...days].sort((a, b) => a.day.localeCompare(b.day));
  await ctx.database.db.transaction(async (tx) => {
    const before = await findYear(tx, year);
    await replaceYear(tx, year, sorted, audit.actorId, ctx.clock.now());
    const kept = new Set(sorted.map(keyOf));
    const previous = new Set(before.days.map(keyOf));
    await ctx.audit.record(tx, audit, {
      action: notice ? 'calendar.notice_loaded' : 'calendar.year_replaced',
      objectType: 'working_calendar',
      objectId: String(year),
      detail: {
        ...(notice ? { notice: notice.title, sample: notice.sample } : {}),
        removed: before.days.filter((day) => !kept.has(keyOf(day))),
        added: sorted.filter((day) => !previous.has(keyOf(day))),
      },
    });
  });
  await ctx.calendar.load();
  return getCalendarYear(ctx, year);
}

/** Loads a year from its holiday notice file: every problem of the file at once (400), else the whole year. */
export async function loadHolidayNotice(
  ctx: AppContext,
  notice: HolidayNotice,
  audit: AuditContext,
): Promise<CalendarYearView> {
  const { days, problems } = daysOfNotice(notice);
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
  return replaceCalendarYear(ctx, notice.year, days, audit, {
    title: notice.title,
    sample: notice.sample ?? false,
  });
}

/** What the warning and the health endpoint read: next year missing from 1 November on. */
export function calendarStatusOf(ctx: AppContext): CalendarStatus {
  return {
    configuredYears: ctx.calendar.configuredYearList(),
    missingNextYear: ctx.calendar.missingNextYear(ctx.clock.now()) ?? null,
  };
}
