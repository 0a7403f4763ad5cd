// 工作日 working-day arithmetic in Asia/Shanghai: Monday to Friday work, Saturday and Sunday rest, unless an
// override says otherwise (a holiday on a weekday, an adjusted working weekend 调休上班). Pure, no I/O.
import { isWeekend, type CalendarDayKind } from '@qinqing/shared';

/** China has kept UTC+8 without daylight saving time since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** No real calendar has ten years without a working day: past this a search is a bug, not a holiday. */
const SEARCH_LIMIT_DAYS = 3_660;

/** The calendar day (`YYYY-MM-DD`) in Asia/Shanghai at an instant. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 23:59:59.999 Asia/Shanghai on a day: a deadline "on that day" ends then. */
export function endOfShanghaiDay(day: string): Date {
  return new Date(Date.parse(`${day}T23:59:59.999Z`) - SHANGHAI_OFFSET_MS);
}

export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export class WorkingDays {
  constructor(private readonly overrides: ReadonlyMap<string, CalendarDayKind>) {}

  isWorkday(day: string): boolean {
    const override = this.overrides.get(day);
    if (override) return override === 'workday';
    return !isWeekend(day);
  }

  /**
   * The deadline n working days after the day of `from`: the end (Asia/Shanghai) of the n-th working day
   * after it; n = 0 is the end of that day if it is a working day, else of the next working day.
   */
  addWorkingDays(from: Date, n: number): Date {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
    let day = shanghaiDay(from);
    if (n === 0 && this.isWorkday(day)) return endOfShanghaiDay(day);
    let left = Math.max(n, 1);
    for (let steps = 0; steps < SEARCH_LIMIT_DAYS; steps++) {
      day = shiftDay(day, 1);
      if (this.isWorkday(day) && --left === 0) return endOfShanghaiDay(day);
    }
    throw new Error(`no working day within ${SEARCH_LIMIT_DAYS} days of ${shanghaiDay(from)}`);
  }

  /**
   * Working days from the day of `from` to the day of `to`, signed: the working days after `from`'s day up
   * to and including `to`'s (2: "还剩 2 个工作日"), negative when `to` lies before (-1: "已超期 1 个工作日").
   */
  workingDaysBetween(from: Date, to: Date): number {
    const start = shanghaiDay(from);
    const end = shanghaiDay(to);
    if (start === end) return 0;
    const [low, high, sign] = start < end ? [start, end, 1] : [end, start, -1];
    let count = 0;
    for (let day = shiftDay(low, 1); day <= high; day = shiftDay(day, 1)) {
      if (this.isWorkday(day)) count++;
    }
    return sign * count;
  }
}
