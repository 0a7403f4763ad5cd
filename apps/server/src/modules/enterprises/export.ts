// 会员名册导出 exporting any filtered list of members to .xlsx, streamed: rows come in keyset batches from one
// consistent snapshot and go out as they are written, so memory stays flat for a million rows. The columns
// are the import template's (an export can be imported again), cells that look like formulas are escaped,
// mobile numbers are masked unless the user may see them, and every export is audited with its row count
// before the first row leaves.
import { PassThrough, type Writable } from 'node:stream';
import { loadExcelJs } from '../../core/office/load-exceljs.ts';
import {
  ENTERPRISE_SIZE_LABELS,
  maskMobile,
  MEMBERSHIP_STATUS_LABELS,
  MEMBERSHIP_TYPE_LABELS,
} from '@qinqing/shared';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { safeCell } from '../../core/office/cells.ts';
import { drained } from '../../core/streams.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { COLUMN_BY_FIELD, type MemberField } from '../imports/columns.ts';
import { divisionName, industryName } from './presenter.ts';
import {
  countEnterprises,
  preferIndexOrder,
  primaryContacts,
  streamEnterprises,
  type EnterpriseFilter,
  type EnterpriseRow,
  type PrimaryContact,
} from './repository.ts';

type ExportRow = EnterpriseRow & { orgUnitName: string };

interface ExportColumn {
  header: string;
  width: number;
  value(row: ExportRow, contact: PrimaryContact | undefined, unmasked: boolean): string | number | null;
}

const text = (value: string | null | undefined) => safeCell(value ?? '');
const fromTemplate = (field: MemberField, value: ExportColumn['value']): ExportColumn => ({
  header: COLUMN_BY_FIELD.get(field)!.header,
  width: COLUMN_BY_FIELD.get(field)!.width,
  value,
});

/** The template's columns in its order, with the names of codes and the owning unit beside them. */
const EXPORT_COLUMNS: ExportColumn[] = [
  fromTemplate('name', (row) => text(row.name)),
  fromTemplate('uscc', (row) => row.uscc),
  fromTemplate('size', (row) => (row.size ? ENTERPRISE_SIZE_LABELS[row.size] : '')),
  fromTemplate('industryCode', (row) => row.industryCode ?? ''),
  { header: '行业名称', width: 24, value: (row) => industryName(row.industryCode) ?? '' },
  fromTemplate('legalRepresentative', (row) => text(row.legalRepresentative)),
  fromTemplate('address', (row) => text(row.address)),
  fromTemplate('formerNames', (row) => text(row.formerNames.join('、'))),
  fromTemplate('registeredCapital', (row) => row.registeredCapital),
  fromTemplate('foundedOn', (row) => row.foundedOn ?? ''),
  fromTemplate('divisionCode', (row) => row.divisionCode ?? ''),
  { header: '所在地区', width: 28, value: (row) => divisionName(row.divisionCode) ?? '' },
  fromTemplate('tags', (row) => text(row.tags.join('、'))),
  fromTemplate('contactName', (_, contact) => text(contact?.name)),
  fromTemplate('contactPosition', (_, contact) => text(contact?.position)),
  fromTemplate('mobile', (_, contact, unmasked) =>
    contact?.mobile ? (unmasked ? contact.mobile : maskMobile(contact.mobile)) : '',
  ),
  fromTemplate('membershipType', (row) => MEMBERSHIP_TYPE_LABELS[row.membershipType]),
  fromTemplate('membershipStatus', (row) => MEMBERSHIP_STATUS_LABELS[row.membershipStatus]),
  fromTemplate('statusReason', (row) => text(row.membershipStatusReason)),
  fromTemplate('joinedOn', (row) => row.joinedOn ?? ''),
  { header: '所属单位', width: 20, value: (row) => text(row.orgUnitName) },
];

const CHUNK = 1000;

/** Writes the matching rows to `out` as one worksheet; returns how many were written. */
export async function writeEnterpriseWorkbook(
  db: DbOrTx,
  actor: Actor,
  filter: EnterpriseFilter,
  out: Writable,
): Promise<number> {
  const unmasked = actor.permissions.has('contacts.unmask');
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet('会员名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((column) => ({ header: column.header, width: column.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let written = 0;
  let chunk: ExportRow[] = [];
  const writeChunk = async () => {
    const contacts = await primaryContacts(
      db,
      chunk.map((row) => row.id),
    );
    for (const row of chunk) {
      const contact = contacts.get(row.id);
      sheet.addRow(EXPORT_COLUMNS.map((column) => column.value(row, contact, unmasked))).commit();
    }
    written += chunk.length;
    chunk = [];
    await drained(out);
  };
  for await (const row of streamEnterprises(db, actor, filter)) {
    if (out.destroyed) return written;
    chunk.push(row);
    if (chunk.length >= CHUNK) await writeChunk();
  }
  if (chunk.length > 0) await writeChunk();
  if (out.destroyed) return written;
  sheet.commit();
  await workbook.commit();
  return written;
}

/**
 * Starts an export into the returned stream. Resolves once the rows are counted and the export audited
 * (`enterprise.exported`, with the filter and the row count) — before any row is sent; the count and the
 * rows come from one snapshot, so the audited count is the number of rows in the file.
 */
export function startEnterpriseExport(
  ctx: AppContext,
  actor: Actor,
  filter: EnterpriseFilter,
  audit: AuditContext,
  onStreamError: (error: unknown) => void,
): Promise<{ rows: number; stream: PassThrough }> {
  const stream = new PassThrough();
  return new Promise((resolve, reject) => {
    let started = false;
    ctx.database.db
      .transaction(
        async (snapshot) => {
          const rows = await countEnterprises(snapshot, actor, filter);
          await ctx.database.db.transaction((tx) =>
            ctx.audit.record(tx, audit, {
              action: 'enterprise.exported',
              objectType: 'enterprise',
              detail: { filter, rows },
            }),
          );
          await preferIndexOrder(snapshot);
          started = true;
          resolve({ rows, stream });
          await writeEnterpriseWorkbook(snapshot, actor, filter, stream);
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      )
      .catch((error: unknown) => {
        if (!started) return reject(error);
        onStreamError(error);
        stream.destroy(error as Error);
      });
  });
}
