// 参考数据 reference lookups for pickers: industry classes (GB/T 4754-2017) and administrative divisions
// (GB/T 2260), one level at a time, with the chain above the level asked for.
import { z } from 'zod';
import { optionalLine } from '../text.ts';

/** A section letter, or a 2-, 3- or 4-digit division, group or class code. */
const industryCode = z.string().regex(/^[A-T]$|^\d{2,4}$/, { message: '行业代码格式不正确' });
/** A 2-digit province, 4-digit prefecture, 6-digit county or 9-digit township code. */
const divisionCode = z
  .string()
  .regex(/^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$/, { message: '行政区划代码格式不正确' });

export const industryLookupQuery = z.strictObject({
  /** Empty or absent: the 20 sections. */
  parent: industryCode.optional().or(z.literal('')),
});
export type IndustryLookupQuery = z.infer<typeof industryLookupQuery>;

export const industryOption = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['section', 'division', 'group', 'class']),
  /** A class: nothing below it. */
  isLeaf: z.boolean(),
});
export type IndustryOption = z.infer<typeof industryOption>;

export const industryLookup = z.object({
  items: z.array(industryOption),
  /** From the section down to `parent` itself; empty at the top. Lets a picker show a stored code. */
  ancestors: z.array(industryOption),
});
export type IndustryLookup = z.infer<typeof industryLookup>;

export const divisionLookupQuery = z.strictObject({
  /** Empty or absent: the provinces. */
  parent: divisionCode.optional().or(z.literal('')),
  /** A name fragment or code prefix: search all levels instead of listing children. */
  q: optionalLine(50).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type DivisionLookupQuery = z.infer<typeof divisionLookupQuery>;

export const divisionOption = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'prefecture', 'county', 'township']),
  /** A township or street: nothing below it. */
  isLeaf: z.boolean(),
  /** The names from the province down, placeholder levels (市辖区) left out: 北京市东城区东华门街道. */
  fullName: z.string(),
});
export type DivisionOption = z.infer<typeof divisionOption>;

export const divisionLookup = z.object({
  items: z.array(divisionOption),
  /** From the province down to `parent` itself; empty at the top or for a search. */
  ancestors: z.array(divisionOption),
});
export type DivisionLookup = z.infer<typeof divisionLookup>;
