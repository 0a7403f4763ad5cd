// 台账 ledgers: the member, visit and appeal ledgers of an org unit for a period, downloaded as .xlsx.
import { z } from 'zod';
import { isoDate } from './registry.ts';

export const LEDGER_KINDS = ['members', 'visits', 'appeals'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** A period longer than this is refused: a ledger is filed per month, quarter or year. */
export const LEDGER_MAX_YEARS = 5;

/**
 * orgUnitId: the caller's own unit when omitted, otherwise a unit in their subtree. from/to: the period
 * (days, inclusive, Asia/Shanghai); each defaults to the current quarter's first or last day.
 */
export const ledgerQuery = z.strictObject({
  orgUnitId: z.string().uuid({ message: '组织编号格式不正确' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type LedgerQuery = z.infer<typeof ledgerQuery>;

/**
 * The year-end social-responsibility ledger (社会责任年度台账: donations, volunteer service…): one sheet per
 * domain, for an org unit's subtree (the caller's own by default) and a calendar year (this year by default).
 */
export const socialResponsibilityLedgerQuery = z.strictObject({
  orgUnitId: z.string().uuid({ message: '组织编号格式不正确' }).optional(),
  year: z.coerce
    .number({ message: '年度应为四位数字' })
    .int('年度应为四位数字')
    .min(2000, '年度不能早于 2000 年')
    .max(2100, '年度不能晚于 2100 年')
    .optional(),
});
export type SocialResponsibilityLedgerQuery = z.infer<typeof socialResponsibilityLedgerQuery>;
