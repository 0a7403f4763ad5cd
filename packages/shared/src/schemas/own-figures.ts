// 本单位工作情况 own figures: a department liaison's (or head's) department — its three rates (三率), on-time
// rate and place in the federation's department ranking — and a chamber secretary's chamber — its members'
// appeals, the visits to its members and its members — for one month, quarter or year. Every number is a
// measure of the registry (GET /api/measures), evaluated for the department or the chamber.
import { z } from 'zod';
import { MEASURE_UNITS } from './measures.ts';

export const OWN_FIGURE_PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type OwnFigurePeriodKind = (typeof OWN_FIGURE_PERIOD_KINDS)[number];

const PERIOD_MESSAGE = '统计期间应为年月（如 2026-11）、年度季度（如 2026-Q4）或年份（如 2026）';
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The kind and days of a period written 2026-11, 2026-Q4 or 2026; null when it is none of them. */
export function ownFigurePeriod(
  period: string,
): { kind: OwnFigurePeriodKind; from: string; to: string; labelZh: string } | null {
  const match = /^(\d{4})(?:-(\d{2})|-Q([1-4]))?$/.exec(period);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < FIRST_YEAR || year > LAST_YEAR) return null;
  const span = (first: number, months: number) => ({
    from: iso(Date.UTC(year, first - 1, 1)),
    to: iso(Date.UTC(year, first - 1 + months, 1) - 86_400_000),
  });
  if (match[2] !== undefined) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) return null;
    return { kind: 'month', ...span(month, 1), labelZh: `${year}年${month}月` };
  }
  if (match[3] !== undefined) {
    const quarter = Number(match[3]);
    return {
      kind: 'quarter',
      ...span((quarter - 1) * 3 + 1, 3),
      labelZh: `${year}年第${'一二三四'[quarter - 1]}季度`,
    };
  }
  return { kind: 'year', ...span(1, 12), labelZh: `${year}年` };
}

/** The period of a kind that a day (YYYY-MM-DD) falls in, as ownFigurePeriod reads it. */
export function ownFigurePeriodOf(kind: OwnFigurePeriodKind, day: string): string {
  const year = day.slice(0, 4);
  if (kind === 'year') return year;
  if (kind === 'month') return day.slice(0, 7);
  return `${year}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
}

const period = z
  .string()
  .trim()
  .refine((value) => ownFigurePeriod(value) !== null, { message: PERIOD_MESSAGE })
  .optional();

/** period: 2026-11, 2026-Q4 or 2026 (default: this quarter); departmentId: the caller's own when omitted. */
export const departmentFiguresQuery = z.strictObject({
  period,
  departmentId: z.string().uuid({ message: '部门编号格式不正确' }).optional(),
});
export type DepartmentFiguresQuery = z.infer<typeof departmentFiguresQuery>;

/** period as above; chamberId: the secretary's own chamber when omitted. */
export const chamberFiguresQuery = z.strictObject({
  period,
  chamberId: z.string().uuid({ message: '商会编号格式不正确' }).optional(),
});
export type ChamberFiguresQuery = z.infer<typeof chamberFiguresQuery>;

/** One measure's value with the catalogue's words for it and the list of records behind it. */
export const ownFigure = z.object({
  id: z.string(),
  label: z.string(),
  labelEn: z.string(),
  unit: z.enum(MEASURE_UNITS),
  definition: z.string(),
  /** null: a ratio with nothing to divide by, or a place in a ranking the unit is not in. */
  value: z.number().nullable(),
  list: z.string().nullable(),
});
export type OwnFigure = z.infer<typeof ownFigure>;

const unitRef = z.object({ id: z.string().uuid(), name: z.string() });

const ownFiguresBase = {
  /** The department or chamber counted. */
  unit: unitRef,
  /** The federation (工商联) whose figures these are part of: the department's or chamber's own. */
  federation: unitRef.nullable(),
  period: z.string(),
  periodLabel: z.string(),
  from: z.string(),
  to: z.string(),
  figures: z.array(ownFigure),
};

export const departmentOwnFigures = z.object({
  ...ownFiguresBase,
  /** How many departments the federation ranks, and whether this one has enough forwards to be judged. */
  ranking: z.object({ ranked: z.number().int(), sufficient: z.boolean(), minVolume: z.number().int() }),
});
export type DepartmentOwnFigures = z.infer<typeof departmentOwnFigures>;

export const chamberOwnFigures = z.object(ownFiguresBase);
export type ChamberOwnFigures = z.infer<typeof chamberOwnFigures>;
