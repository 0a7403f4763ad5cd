// One sheet of the year-end social-responsibility ledger (社会责任年度台账): its name, its title after the
// unit's name, its columns, and how it writes its rows and its total line (figures read from `measures`,
// the registry evaluated on the ledger's snapshot).
import type { MeasureEvaluation } from '../../core/measures/registry.ts';
import type { DbOrTx } from '../../db/connection.ts';
import type { LedgerColumn, LedgerSheet } from './layout.ts';
import type { LedgerScope } from './repository.ts';

export interface SocialResponsibilitySheet {
  /** The worksheet's tab, at most 31 characters. */
  sheetName: string;
  /** Follows the unit's name and the year in the sheet's title: 示例区工商联2026年度 + 捐赠台账. */
  title: string;
  columns: LedgerColumn[];
  write(db: DbOrTx, scope: LedgerScope, sheet: LedgerSheet, measures: MeasureEvaluation): Promise<string>;
}
