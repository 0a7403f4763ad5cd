// 指标 measures: the catalogue of every figure the platform computes (id, labels, unit, definition) and
// their values for an org unit's subtree and a period — the numbers the dashboard, the reports and the
// ledgers show, from one definition each.
import { z } from 'zod';
import { isoDate } from './registry.ts';

/** fen: money as a whole number of fen (分), exact (shown in yuan: money.ts). */
export const MEASURE_UNITS = ['count', 'ratio', 'fen'] as const;
export type MeasureUnit = (typeof MEASURE_UNITS)[number];

/** Longest list of ids one request may ask for. */
export const MEASURES_PER_REQUEST = 200;

export const measureView = z.object({
  id: z.string(),
  label: z.string(),
  labelEn: z.string(),
  /** count: a whole number; ratio: 0–1 to four places, null when there is nothing to divide by. */
  unit: z.enum(MEASURE_UNITS),
  definition: z.string(),
  /** Whether a value comes with the app path of the list of records behind it. */
  hasList: z.boolean(),
});
export type MeasureView = z.infer<typeof measureView>;

export const measureCatalogue = z.object({ items: z.array(measureView) });
export type MeasureCatalogue = z.infer<typeof measureCatalogue>;

/**
 * ids: comma-separated measure ids (from the catalogue). orgUnitId: the caller's own unit when omitted,
 * otherwise a unit in their subtree (outside: 404). from/to: the period (days, inclusive, Asia/Shanghai);
 * by default this quarter.
 */
export const measureValuesQuery = z.strictObject({
  ids: z
    .string({ message: '请指定指标编号（ids，逗号分隔）' })
    .trim()
    .min(1, '请指定指标编号（ids，逗号分隔）')
    .max(4000, '指标编号过多'),
  orgUnitId: z.string().uuid({ message: '组织编号格式不正确' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type MeasureValuesQuery = z.infer<typeof measureValuesQuery>;

export const measureValue = z.object({
  id: z.string(),
  label: z.string(),
  unit: z.enum(MEASURE_UNITS),
  value: z.number().nullable(),
  /** The app path of the list of records behind the number, or null. */
  list: z.string().nullable(),
});
export type MeasureValue = z.infer<typeof measureValue>;

export const measureValues = z.object({
  orgUnit: z.object({ id: z.string().uuid(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  items: z.array(measureValue),
});
export type MeasureValues = z.infer<typeof measureValues>;
