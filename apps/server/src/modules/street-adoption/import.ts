// 主街小巷导入 importing a street's main streets and alleys from .xlsx, on the import pipeline's conventions:
// the upload is checked as a file first (imports/workbook-file.ts `withPreparedUpload`: really an .xlsx,
// no zip bomb, row limit), every row is checked on its own and against the file, a dry run decides every row and writes
// nothing, and a real run writes the valid rows in one transaction and reports the rejected ones with
// their row number and reason. Keyed by (street, kind, name): importing the same file again creates
// nothing twice (unchanged), and a blank cell never clears a stored value. A street's list is a few
// thousand rows at most, so the import answers at once instead of running as a background job.
import type { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { STREET_IMPORT_HEADERS, type StreetImportResult, type StreetSegmentKind } from '@qinqing/shared';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { hasControlCharacter, type CellReading } from '../../core/office/cells.ts';
import { loadExcelJs } from '../../core/office/load-exceljs.ts';
import type { Tx } from '../../db/connection.ts';
import { refuseFile, rowCells, withPreparedUpload, worksheetRows } from '../imports/workbook-file.ts';
import { findStreet, insertSegment, segmentsByKey, updateSegment, type SegmentValues } from './repository.ts';

export const STREET_IMPORT_LIMITS = {
  maxUploadBytes: 5 * 1024 * 1024,
  maxRows: 20_000,
  headerSearchRows: 10,
};

const KIND_WORDS: Record<string, StreetSegmentKind> = {
  主街: 'main_street',
  主街道: 'main_street',
  街: 'main_street',
  main_street: 'main_street',
  小巷: 'alley',
  巷: 'alley',
  胡同: 'alley',
  alley: 'alley',
};
/** The template's example row starts with this; left in the file, it is refused. */
export const EXAMPLE_MARK = '（示例）';

type Field = keyof typeof STREET_IMPORT_HEADERS;
const FIELDS = Object.keys(STREET_IMPORT_HEADERS) as Field[];

function textOf(cell: CellReading | undefined): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'text':
      return cell.text.trim();
    case 'number':
      return String(cell.value);
    case 'date':
      return cell.date;
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'problem':
      return cell.display;
  }
}

interface ParsedRow {
  row: number;
  values: string[];
  segment?: SegmentValues;
  problem?: { field: string; reason: string };
}

function parseRow(row: number, values: string[]): ParsedRow {
  const [kindText = '', name = '', extent = '', lengthText = ''] = values;
  const problem = (field: Field, reason: string): ParsedRow => ({
    row,
    values,
    problem: { field: STREET_IMPORT_HEADERS[field], reason },
  });
  const kind = KIND_WORDS[kindText];
  if (!kind) return problem('kind', '类型应为“主街”或“小巷”');
  if (!name) return problem('name', '请填写名称');
  if (name.startsWith(EXAMPLE_MARK)) return problem('name', '这是模板中的示例行，请删除后再导入');
  if (name.length > 100) return problem('name', '名称不能超过 100 个字');
  if (extent.length > 200) return problem('extent', '起止点不能超过 200 个字');
  if (values.some(hasControlCharacter)) return problem('name', '不能包含控制字符');
  let lengthM: number | null = null;
  if (lengthText) {
    if (!/^\d{1,6}$/.test(lengthText) || Number(lengthText) < 1) {
      return problem('lengthM', '长度应为正整数（米）');
    }
    lengthM = Number(lengthText);
  }
  return { row, values, segment: { kind, name, extent: extent || null, lengthM } };
}

/** The header row (类型 and 名称 among its cells) and the column of each field. */
function headerColumns(cells: CellReading[]): Map<Field, number> | undefined {
  const texts = cells.map(textOf);
  const columns = new Map<Field, number>();
  for (const field of FIELDS) {
    const index = texts.indexOf(STREET_IMPORT_HEADERS[field]);
    if (index >= 0) columns.set(field, index);
  }
  return columns.has('kind') && columns.has('name') ? columns : undefined;
}

async function readRows(preparedPath: string): Promise<ParsedRow[]> {
  let columns: Map<Field, number> | undefined;
  const rows: ParsedRow[] = [];
  try {
    for await (const row of worksheetRows(preparedPath)) {
      const cells = rowCells(row);
      if (!columns) {
        if (row.number > STREET_IMPORT_LIMITS.headerSearchRows) break;
        columns = headerColumns(cells);
        continue;
      }
      const values = FIELDS.map((field) => {
        const index = columns!.get(field);
        return index === undefined ? '' : textOf(cells[index]);
      });
      if (values.every((value) => value === '')) continue;
      if (rows.length >= STREET_IMPORT_LIMITS.maxRows) throw refuseFile('TOO_MANY_ROWS');
      rows.push(parseRow(row.number, values));
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refuseFile('ZIP_CORRUPT', '工作表内容无法解析，文件可能已损坏，请用 Excel 重新保存后上传');
  }
  if (!columns) {
    throw refuseFile(
      'HEADER_NOT_FOUND',
      `前 ${STREET_IMPORT_LIMITS.headerSearchRows} 行中没有找到表头：表头须包含“类型”和“名称”两列，请使用导入模板`,
    );
  }
  if (rows.length === 0) throw refuseFile('NO_DATA_ROWS');
  return rows;
}

export interface StreetUpload {
  file: Readable & { truncated?: boolean };
  fileName: string;
}

export async function importStreetSegments(
  ctx: AppContext,
  actor: Actor,
  audit: AuditContext,
  upload: StreetUpload,
  options: { streetOrgUnitId: string; dryRun: boolean },
): Promise<StreetImportResult> {
  const street = await findStreet(ctx.database.db, actor, options.streetOrgUnitId, 'write');
  if (!street) throw notFound();
  const parsed = await withPreparedUpload(upload, readRows);
  const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const rejected: StreetImportResult['rejected'] = [];
  const reject = (row: ParsedRow, field: string, reason: string) => {
    counts.rejected++;
    rejected.push({ row: row.row, values: row.values, field, reason });
  };
  const decide = async (tx: Tx) => {
    // One import of a street at a time: the second waits and then finds the first's rows unchanged.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${'street_import:' + street.id}))`);
    const existing = await segmentsByKey(tx, street.id);
    const firstRow = new Map<string, number>();
    const now = ctx.clock.now();
    for (const row of parsed) {
      if (row.problem) {
        reject(row, row.problem.field, row.problem.reason);
        continue;
      }
      const segment = row.segment!;
      const key = `${segment.kind}\u0000${segment.name}`;
      const earlier = firstRow.get(key);
      if (earlier !== undefined) {
        reject(row, STREET_IMPORT_HEADERS.name, `与第 ${earlier} 行重复（同一类型同名）`);
        continue;
      }
      firstRow.set(key, row.row);
      const stored = existing.get(key);
      if (!stored) {
        counts.created++;
        if (!options.dryRun) await insertSegment(tx, street.id, segment, actor.userId);
        continue;
      }
      // A blank cell keeps the stored value.
      const next = { extent: segment.extent ?? stored.extent, lengthM: segment.lengthM ?? stored.length_m };
      if (next.extent === stored.extent && next.lengthM === stored.length_m) {
        counts.unchanged++;
      } else {
        counts.updated++;
        if (!options.dryRun) await updateSegment(tx, stored.id, next, now);
      }
    }
    if (!options.dryRun && counts.created + counts.updated > 0) {
      await ctx.audit.record(tx, audit, {
        action: 'street_segment.imported',
        objectType: 'org_unit',
        objectId: street.id,
        detail: { fileName: upload.fileName, ...counts },
      });
    }
  };
  await ctx.database.db.transaction(decide);
  return { dryRun: options.dryRun, counts, rejected };
}

/** The template: the four headers, a drop-down of kinds, an example row (refused if left in). */
export async function streetImportTemplate(): Promise<Buffer> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '亲清';
  const sheet = workbook.addWorksheet('主街小巷', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: STREET_IMPORT_HEADERS.kind, width: 10 },
    { header: STREET_IMPORT_HEADERS.name, width: 28 },
    { header: STREET_IMPORT_HEADERS.extent, width: 40 },
    { header: STREET_IMPORT_HEADERS.lengthM, width: 12 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (let row = 2; row <= 2000; row++) {
    sheet.getCell(`A${row}`).dataValidation = { type: 'list', allowBlank: true, formulae: ['"主街,小巷"'] };
  }
  const example = sheet.addRow(['小巷', `${EXAMPLE_MARK}东湖北里一巷`, '东湖路口至北里小区南门', 320]);
  example.font = { italic: true, color: { argb: 'FF808080' } };
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ header: '填写说明', width: 100 }];
  for (const text of [
    '类型：主街 或 小巷（必填）；名称：必填，同一街道内同一类型的名称不能重复；起止点、长度（米，正整数）选填。',
    '第 2 行是示例，导入前请删除（留在文件里会被拒绝）。只读取第一个工作表。',
    `每个文件最多 ${STREET_IMPORT_LIMITS.maxRows.toLocaleString('en-US')} 行、${STREET_IMPORT_LIMITS.maxUploadBytes / 1024 / 1024} MB。`,
    '按“类型 + 名称”识别路段：已登记的按文件更新起止点和长度（空白单元格不修改原值），未登记的新增；再次导入同一文件不会重复登记。',
    '建议先“预检”：不写入任何数据，列出未通过的行及原因；改正后再导入。',
  ]) {
    help.addRow([text]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
