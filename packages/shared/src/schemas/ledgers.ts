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
