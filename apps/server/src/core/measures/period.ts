// The period a figure is asked for: both ends inclusive, Asia/Shanghai days, by default this quarter.
import { shanghaiDay } from '../calendar/working-days.ts';
import { invalidField } from '../errors.ts';
import type { MeasurePeriod } from './registry.ts';

/** This quarter of the Asia/Shanghai day of `now`. */
export function quarterAround(now: Date): MeasurePeriod {
  const day = shanghaiDay(now);
  const year = Number(day.slice(0, 4));
  const first = Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3;
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  return { from: iso(new Date(Date.UTC(year, first, 1))), to: iso(new Date(Date.UTC(year, first + 3, 0))) };
}

/** The period asked for, each end defaulting to this quarter's; refused when inverted or too long. */
export function periodAsked(
  query: { from?: string; to?: string },
  now: Date,
  maxYears: number,
): MeasurePeriod {
  const quarter = quarterAround(now);
  const from = query.from ?? quarter.from;
  const to = query.to ?? quarter.to;
  if (from > to) throw invalidField('querystring.from', 'DATE_RANGE', '开始日期不能晚于结束日期');
  const limit = `${Number(from.slice(0, 4)) + maxYears}${from.slice(4)}`;
  if (to >= limit) {
    throw invalidField('querystring.to', 'PERIOD_TOO_LONG', `统计期间不能超过 ${maxYears} 年`);
  }
  return { from, to };
}
