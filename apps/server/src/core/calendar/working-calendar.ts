// 工作日历 the working-day calendar every deadline is computed on (ctx.calendar): the overrides kept in
// memory, reloaded after a change and, for changes made by another instance, every few minutes.
import type { CalendarDayKind } from '@qinqing/shared';
import type { Db } from '../../db/connection.ts';
import { listAllOverrides, listConfiguredYears } from './repository.ts';
import { shanghaiDay, WorkingDays } from './working-days.ts';

/**
 * Another app instance may change the calendar: a cache older than this is reloaded in the background
 * while the old one keeps answering (calendar changes are rare and made well ahead of the days).
 */
const REFRESH_AFTER_MS = 5 * 60_000;

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

  /**
   * The years between two instants (Asia/Shanghai) whose schedule nobody entered: a deadline counted across
   * them knows weekends only, so it is shown as 日历缺失 (calendar missing), never silently as exact.
   */
  missingYearsBetween(from: Date, to: Date): number[] {
    const first = Number(shanghaiDay(from).slice(0, 4));
    const last = Number(shanghaiDay(to).slice(0, 4));
    const missing: number[] = [];
    for (let year = first; year <= last; year++) if (!this.isConfigured(year)) missing.push(year);
    return missing;
  }

  /**
   * The year a warning is due for at `now`: from 1 November (Asia/Shanghai) on, next year while nobody has
   * entered its schedule; else undefined.
   */
  missingNextYear(now: Date): number | undefined {
    const today = shanghaiDay(now);
    const next = Number(today.slice(0, 4)) + 1;
    return today.slice(5) >= '11-01' && !this.isConfigured(next) ? next : undefined;
  }

  /** The years whose schedule has been entered, in order. */
  configuredYearList(): number[] {
    this.current();
    return [...this.configuredYears].sort((a, b) => a - b);
  }

  /** Whether an administrator has entered the year's schedule (else only weekends are days off). */
  isConfigured(year: number): boolean {
    this.current();
    return this.configuredYears.has(year);
  }
}
