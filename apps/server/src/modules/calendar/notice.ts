// 节假日安排通知 the State Council's yearly holiday notice, typed as data (docs/calendar/README.md), turned
// into the year's overrides of the working calendar: each holiday's weekdays off, each adjusted working
// weekend. What zod cannot check is checked here, each problem named by its place in the file.
import {
  isoWeekday,
  isWeekend,
  type CalendarDay,
  type ErrorDetail,
  type HolidayNotice,
} from '@qinqing/shared';
import { shiftDay } from '../../core/calendar/working-days.ts';

/** The longest holiday of a notice (春节 and 国庆 run 8–9 days): a longer range is a typing error. */
const LONGEST_HOLIDAY_DAYS = 12;
const WEEKDAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export function daysOfNotice(notice: HolidayNotice): { days: CalendarDay[]; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  const days: CalendarDay[] = [];
  const taken = new Map<string, string>();
  const take = (path: string, day: CalendarDay) => {
    const other = taken.get(day.day);
    if (other) {
      problems.push({
        path,
        code: 'DUPLICATE_DAY',
        message: `${day.day} 同时出现在“${other}”和“${day.name}”中`,
      });
      return;
    }
    taken.set(day.day, day.name);
    days.push(day);
  };
  const inYear = (path: string, day: string) => {
    if (day.startsWith(`${notice.year}-`)) return true;
    problems.push({ path, code: 'DAY_OUTSIDE_YEAR', message: `${day} 不在通知所属的 ${notice.year} 年内` });
    return false;
  };
  notice.holidays.forEach((holiday, index) => {
    const at = `holidays.${index}`;
    if (!inYear(`${at}.from`, holiday.from) || !inYear(`${at}.to`, holiday.to)) return;
    if (holiday.to < holiday.from) {
      problems.push({
        path: `${at}.to`,
        code: 'RANGE_INVERTED',
        message: `${holiday.name}的放假结束日 ${holiday.to} 早于开始日 ${holiday.from}`,
      });
      return;
    }
    let length = 0;
    for (let day = holiday.from; day <= holiday.to; day = shiftDay(day, 1)) {
      if (++length > LONGEST_HOLIDAY_DAYS) {
        problems.push({
          path: `${at}.to`,
          code: 'RANGE_TOO_LONG',
          message: `${holiday.name}放假超过 ${LONGEST_HOLIDAY_DAYS} 天，请核对起止日期`,
        });
        return;
      }
      // Weekends are days off anyway: only the weekdays of the range are overrides.
      if (!isWeekend(day)) take(`${at}.from`, { day, kind: 'holiday', name: holiday.name });
    }
    (holiday.workdays ?? []).forEach((day, w) => {
      const path = `${at}.workdays.${w}`;
      if (!inYear(path, day)) return;
      if (!isWeekend(day)) {
        problems.push({
          path,
          code: 'WORKDAY_ON_WEEKDAY',
          message: `${day} 是${WEEKDAY_NAMES[isoWeekday(day)]}，本来就上班；调休上班日只能是周六或周日`,
        });
        return;
      }
      take(path, { day, kind: 'workday', name: holiday.name });
    });
  });
  return { days: days.sort((a, b) => a.day.localeCompare(b.day)), problems };
}
