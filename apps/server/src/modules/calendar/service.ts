// 工作日历 working-day calendar: the overrides kept in memory for deadline arithmetic (ctx.calendar), and
// the administrator's reading and replacing of a year's schedule (validated, audited).
import {
  isoWeekday,
  isWeekend,
  type CalendarDay,
  type CalendarDayKind,
  type CalendarYearView,
  type ErrorDetail,
} from '@qinqing/shared';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import type { Db } from '../../db/connection.ts';
import { findYear, listAllOverrides, listConfiguredYears, replaceYear } from './repository.ts';
import { WorkingDays } from './working-days.ts';

/**
 * Another app instance may change the calendar: a cache older than this is reloaded in the background
 * while the old one keeps answering (calendar changes are rare and made well ahead of the days).
 */
const REFRESH_AFTER_MS = 5 * 60_000;

const WEEKDAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export class WorkingCalendar {
  private days: WorkingDays | undefined;
  private configuredYears: ReadonlySet<number> = new Set();
  private loadedAt = 0;
  private reloading: Promise<void> | undefined;

  constructor(private readonly db: Db) {}

  /** Reads the overrides; call at start and after a change (the service does after its own changes). */
  async load(): Promise<void> {
    const [overrides, years] = await Promise.all([listAllOverrides(this.db), listConfiguredYears(this.db)]);
    this.days = new WorkingDays(new Map(overrides.map((o): [string, CalendarDayKind] => [o.day, o.kind])));
    this.configuredYears = new Set(years);
    this.loadedAt = Date.now();
  }

  private current(): WorkingDays {
    if (!this.days) throw new Error('the working calendar is used before it was loaded');
    if (Date.now() - this.loadedAt > REFRESH_AFTER_MS && !this.reloading) {
      this.reloading = this.load()
        .catch(() => undefined)
        .finally(() => {
          this.reloading = undefined;
        });
    }
    return this.days;
  }

  /** Whether a day (`YYYY-MM-DD`) is a working day. */
  isWorkday(day: string): boolean {
    return this.current().isWorkday(day);
  }

  /**
   * The deadline n working days after the day of `from` (Asia/Shanghai): the end (23:59:59.999) of the
   * n-th working day after it; n = 0: the end of that day if it is a working day, else of the next one.
   */
  addWorkingDays(from: Date, n: number): Date {
    return this.current().addWorkingDays(from, n);
  }

  /** Working days from the day of `from` to the day of `to`; negative when `to` lies before `from`. */
  workingDaysBetween(from: Date, to: Date): number {
    return this.current().workingDaysBetween(from, to);
  }

  /** Whether an administrator has entered the year's schedule (else only weekends are days off). */
  isConfigured(year: number): boolean {
    this.current();
    return this.configuredYears.has(year);
  }
}

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
      action: 'calendar.year_replaced',
      objectType: 'working_calendar',
      objectId: String(year),
      detail: {
        removed: before.days.filter((day) => !kept.has(keyOf(day))),
        added: sorted.filter((day) => !previous.has(keyOf(day))),
      },
    });
  });
  await ctx.calendar.load();
  return getCalendarYear(ctx, year);
}
