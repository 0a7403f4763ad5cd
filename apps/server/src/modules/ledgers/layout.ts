// 台账版式 the layout every ledger shares, as federations file them: a merged title, a line with the filing
// unit, the period and the time generated, the Chinese column headers, bordered data rows numbered 序号,
// a total line; frozen below the header; printed on A4 landscape, fitted to the page width, the header
// repeated on every page and "第 N 页 共 M 页" in the footer. Rows are streamed out as they are added.
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { MeasureEvaluation } from '../../core/measures/registry.ts';
import { loadExcelJs } from '../../core/office/load-exceljs.ts';
import { drained } from '../../core/streams.ts';
import type { DbOrTx } from '../../db/connection.ts';
import type { LedgerScope } from './repository.ts';

export interface LedgerColumn {
  header: string;
  /** In characters, as Excel counts them (a Chinese character is about two). */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface LedgerHeading {
  /** e.g. 示例区工商联会员企业台账 */
  title: string;
  /** 填报单位 */
  unitName: string;
  from: string;
  to: string;
  generatedAt: Date;
}

export type LedgerCell = string | number | null;

/** Title, filing line, then the header: data start on this row. */
const HEADER_ROW = 3;
const FIRST_DATA_ROW = HEADER_ROW + 1;

const FONT = '宋体';
const THIN = { style: 'thin' } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const SERIAL: LedgerColumn = { header: '序号', width: 6, align: 'center' };

/** China keeps UTC+8 all year: an instant as the minute a reader in Shanghai saw it. */
export function shanghaiMinute(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const FULL_WIDTH = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;

/** Width in Excel's character units: a Chinese (full-width) character at 10 pt takes a little under two. */
function displayWidth(text: string): number {
  let width = 0;
  // By code point: a rare character outside the BMP (𠮷) is one full-width character.
  for (const ch of text) width += FULL_WIDTH.test(ch) || ch.codePointAt(0)! > 0xffff ? 1.8 : 1;
  return width;
}

const LINE_HEIGHT = 14;

/**
 * The height a row needs for its wrapped text. Neither Excel nor LibreOffice refits row heights when it
 * opens a file, so a long name would otherwise be cut to one line on screen and on paper.
 */
function rowHeight(cells: LedgerCell[], columns: LedgerColumn[]): number {
  let lines = 1;
  cells.forEach((value, index) => {
    if (value === null || value === '') return;
    const room = Math.max(1, columns[index]!.width - 0.5);
    const needed = String(value)
      .split('\n')
      .reduce((sum, part) => sum + Math.max(1, Math.ceil(displayWidth(part) / room)), 0);
    lines = Math.max(lines, needed);
  });
  return lines * LINE_HEIGHT + 4;
}

export interface LedgerSheet {
  /** Appends one record (without its 序号, which is added here); waits while the client is behind. */
  addRow(cells: LedgerCell[]): Promise<void>;
  /**
   * The total line (or a note that the period has no records), then the sheet is completed (and, for a
   * sheet opened by openLedgerSheet, the file).
   */
  finish(total: string): Promise<void>;
  readonly rows: number;
  /** The client went away: stop reading rows. */
  readonly closed: boolean;
}

/** One ledger: its name, its columns, and how its rows are counted and written. */
export interface LedgerBuilder {
  /** Follows the unit's name in the title: 示例区工商联 + 会员企业台账. */
  title: string;
  /** The ASCII file name for clients that cannot take the Chinese one. */
  fileStem: string;
  columns: LedgerColumn[];
  count(db: DbOrTx, scope: LedgerScope): Promise<number>;
  /**
   * Writes the rows into the sheet; returns the total line, its figures counted with the rows or read from
   * `measures` (the registry evaluated on the same snapshot) where the registry defines them the same way.
   */
  write(db: DbOrTx, scope: LedgerScope, sheet: LedgerSheet, measures: MeasureEvaluation): Promise<string>;
}

export async function openLedgerSheet(
  out: Writable,
  sheetName: string,
  dataColumns: LedgerColumn[],
  heading: LedgerHeading,
): Promise<LedgerSheet> {
  const workbook = await openLedgerWorkbook(out, heading.unitName);
  const sheet = workbook.addSheet(sheetName, dataColumns, heading);
  return {
    get rows() {
      return sheet.rows;
    },
    get closed() {
      return sheet.closed;
    },
    addRow: (cells) => sheet.addRow(cells),
    async finish(total) {
      if (out.destroyed) return;
      await sheet.finish(total);
      await workbook.commit();
    },
  };
}

/**
 * A workbook of several ledgers, one sheet each in the same layout (the year-end social-responsibility
 * ledger: donations, volunteer service…). Sheets are written one after the other: each sheet's `finish`
 * writes its total line and commits it; `commit` completes the file.
 */
export interface LedgerWorkbook {
  addSheet(sheetName: string, dataColumns: LedgerColumn[], heading: LedgerHeading): LedgerSheet;
  commit(): Promise<void>;
}

export async function openLedgerWorkbook(out: Writable, creator: string): Promise<LedgerWorkbook> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  workbook.creator = creator;
  return {
    addSheet: (sheetName, dataColumns, heading) =>
      addLedgerSheet(workbook, out, sheetName, dataColumns, heading),
    async commit() {
      if (out.destroyed) return;
      await workbook.commit();
    },
  };
}

function addLedgerSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  out: Writable,
  sheetName: string,
  dataColumns: LedgerColumn[],
  heading: LedgerHeading,
): LedgerSheet {
  const columns = [SERIAL, ...dataColumns];
  const last = columns.length;
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${FIRST_DATA_ROW}` }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages tall as the rows need
      horizontalCentered: true,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页' },
  });
  sheet.columns = columns.map((column) => ({ width: column.width }));

  const banner = (rowNumber: number, value: string, font: Partial<ExcelJS.Font>, height: number) => {
    sheet.mergeCells(rowNumber, 1, rowNumber, last);
    const row = sheet.getRow(rowNumber);
    row.height = height;
    const cell = row.getCell(1);
    cell.value = value;
    cell.font = font;
    return { row, cell };
  };

  const title = banner(1, heading.title, { name: FONT, size: 18, bold: true }, 36);
  title.cell.alignment = { horizontal: 'center', vertical: 'middle' };
  title.row.commit();
  const filing = banner(
    2,
    `填报单位：${heading.unitName}    统计期间：${heading.from} 至 ${heading.to}    生成时间：${shanghaiMinute(heading.generatedAt)}`,
    { name: FONT, size: 10 },
    22,
  );
  filing.cell.alignment = { horizontal: 'left', vertical: 'middle' };
  filing.row.commit();

  const header = sheet.getRow(HEADER_ROW);
  header.height = 30;
  columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = column.header;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  header.commit();

  // One style object per column, shared by its cells: exceljs recognises a style it has seen by identity,
  // where a style built per cell is serialised and looked up again (most of the time of a large ledger).
  const bodyStyles: Partial<ExcelJS.Style>[] = columns.map((column) => ({
    font: { name: FONT, size: 10 },
    border: BORDER,
    alignment: { horizontal: column.align ?? 'left', vertical: 'middle', wrapText: true },
  }));
  let rows = 0;
  return {
    get rows() {
      return rows;
    },
    get closed() {
      return out.destroyed;
    },
    async addRow(cells) {
      rows++;
      const row = sheet.getRow(HEADER_ROW + rows);
      const values = [rows, ...cells];
      row.height = rowHeight(values, columns);
      values.forEach((value, index) => {
        const cell = row.getCell(index + 1);
        cell.value = value === '' ? null : value;
        cell.style = bodyStyles[index]!;
      });
      row.commit();
      await drained(out);
    },
    async finish(total) {
      if (out.destroyed) return;
      const rowNumber = HEADER_ROW + rows + 1;
      sheet.mergeCells(rowNumber, 1, rowNumber, last);
      const row = sheet.getRow(rowNumber);
      row.height = 22;
      for (let column = 1; column <= last; column++) row.getCell(column).border = BORDER;
      const cell = row.getCell(1);
      cell.value = total;
      cell.font = { name: FONT, size: 10, bold: true };
      cell.alignment = { horizontal: 'left', vertical: 'middle' };
      row.commit();
      sheet.commit();
    },
  };
}
