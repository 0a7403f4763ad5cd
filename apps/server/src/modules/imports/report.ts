// 问题行报告 the rejected rows of an import as an .xlsx: the original row number, the row's values under the
// file's own headers, and the reason in Chinese. Written as a stream to a file while the import runs (memory
// stays flat however many rows are rejected); fixed in place, it can be imported again as it is.
import fs from 'node:fs';
import type ExcelJS from 'exceljs';
import { safeCell } from '../../core/office/cells.ts';

export const ROW_NUMBER_HEADER = '原行号';
export const REASON_HEADER = '未导入原因';

export class RejectedRowsReport {
  private writer: ExcelJS.stream.xlsx.WorkbookWriter | undefined;
  private sheet: ExcelJS.Worksheet | undefined;
  rows = 0;

  constructor(
    private readonly filePath: string,
    private readonly headers: readonly string[],
    /** exceljs, loaded on first use (see core/office/load-exceljs.ts). */
    private readonly excel: typeof ExcelJS,
  ) {}

  add(row: number, values: readonly string[], reason: string): void {
    const sheet = this.sheet ?? this.open();
    sheet.addRow([row, ...values.map((value) => safeCell(value)), safeCell(reason)]).commit();
    this.rows++;
  }

  /** The finished workbook, or null when no row was rejected; the file is removed either way. */
  async finish(): Promise<Buffer | null> {
    if (!this.writer || !this.sheet) return null;
    try {
      this.sheet.commit();
      await this.writer.commit();
      return await fs.promises.readFile(this.filePath);
    } finally {
      await this.discard();
    }
  }

  async discard(): Promise<void> {
    this.writer = undefined;
    this.sheet = undefined;
    await fs.promises.rm(this.filePath, { force: true });
  }

  private open(): ExcelJS.Worksheet {
    this.writer = new this.excel.stream.xlsx.WorkbookWriter({
      stream: fs.createWriteStream(this.filePath, { mode: 0o600 }),
      useSharedStrings: false,
      useStyles: true,
    });
    const sheet = this.writer.addWorksheet('未导入的行', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [
      { header: ROW_NUMBER_HEADER, width: 8 },
      ...this.headers.map((header) => ({
        header: safeCell(header),
        width: Math.min(Math.max(header.length * 2 + 4, 10), 32),
      })),
      { header: REASON_HEADER, width: 60 },
    ];
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    this.sheet = sheet;
    return sheet;
  }
}
