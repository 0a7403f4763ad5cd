// 台账 ledgers: the .xlsx of an org unit's members, visits or appeals for a period, fetched (so that a
// refusal shows as a message, not as a downloaded error) and handed to the browser as a file.
import type { LedgerKind } from '@qinqing/shared';
import { queryString } from '../../api/client.ts';
import { downloadFile } from '../../api/download.ts';

export interface LedgerRequest {
  orgUnitId: string;
  /** YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
}

/** Downloads the ledger; resolves with the file name once the browser has it. */
export function downloadLedger(kind: LedgerKind, request: LedgerRequest): Promise<string> {
  return downloadFile(`/ledgers/${kind}.xlsx${queryString({ ...request })}`, `${kind}-ledger.xlsx`);
}
