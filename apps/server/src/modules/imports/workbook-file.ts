// The uploaded workbook, checked as a file before any row is read: really an .xlsx (magic bytes and the
// package's content types, not the name), not encrypted or a legacy .xls, not a zip bomb (the central
// directory's entry count and sizes, then every part actually inflated against them), not too many rows.
// What passes is copied into a plain archive with only the parts the reader needs, so that exceljs streams
// the first worksheet straight through and reads exactly what was checked.
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { loadExcelJs } from '../../core/office/load-exceljs.ts';
import { AppError, invalidField } from '../../core/errors.ts';
import { columnNumber, readCell, type CellReading } from '../../core/office/cells.ts';
import {
  copyEntries,
  readCentralDirectory,
  readEntry,
  ZipProblem,
  type AddedEntry,
  type CopiedEntry,
  type ZipEntry,
  type ZipProblemCode,
} from '../../core/office/zip.ts';
import type { ColumnSet, MergedRange } from './columns.ts';

export const IMPORT_LIMITS = {
  maxUploadBytes: 50 * 1024 * 1024,
  zip: {
    maxEntries: 10_000,
    maxUncompressedBytes: 200 * 1024 * 1024,
    maxRatio: 200,
    ratioFloorBytes: 1024 * 1024,
  },
  /** Data rows per file. */
  maxRows: 200_000,
  /** The header is looked for in the first rows (a title row above it is common). */
  headerSearchRows: 10,
} as const;

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const SHEET_MAIN =
  /application\/vnd\.(?:openxmlformats-officedocument\.spreadsheetml\.(?:sheet|template)|ms-excel\.(?:sheet|template)\.macroEnabled)\.main\+xml/;

const MESSAGES = {
  NOT_XLSX: '文件不是 Excel 工作簿（.xlsx），请用 Excel 或 WPS 另存为 .xlsx 后再上传',
  ENCRYPTED_OR_LEGACY: '加密或旧版 Excel 文件，请另存为 .xlsx',
  XLSB: '不支持 Excel 二进制工作簿（.xlsb），请另存为 .xlsx',
  ZIP_CORRUPT: '文件已损坏，无法读取，请重新保存后上传',
  ZIP_TOO_MANY_ENTRIES: `文件内部部件超过 ${IMPORT_LIMITS.zip.maxEntries} 个，不是正常的工作簿，已拒绝`,
  ZIP_TOO_LARGE: `文件解压后超过 ${IMPORT_LIMITS.zip.maxUncompressedBytes / 1024 / 1024} MB，请拆分成多个文件导入`,
  ZIP_RATIO: '文件压缩比异常（疑似压缩炸弹），已拒绝',
  ZIP_SIZE_MISMATCH: '文件内容与其目录记录不符（已损坏或被篡改），已拒绝',
  NO_WORKSHEET: '工作簿中没有工作表',
  TOO_MANY_ROWS: `工作表超过 ${IMPORT_LIMITS.maxRows.toLocaleString('en-US')} 行数据的上限，请拆分成多个文件导入`,
  NO_DATA_ROWS: '文件中只有表头，没有数据行',
} as const;

export type FileProblemCode = keyof typeof MESSAGES;

export function refuseFile(code: FileProblemCode | string, message?: string): AppError {
  return invalidField('file', code, message ?? MESSAGES[code as FileProblemCode] ?? MESSAGES.NOT_XLSX);
}

const ZIP_CODES: Record<ZipProblemCode, FileProblemCode> = {
  NOT_ZIP: 'NOT_XLSX',
  ZIP_CORRUPT: 'ZIP_CORRUPT',
  ZIP_TOO_MANY_ENTRIES: 'ZIP_TOO_MANY_ENTRIES',
  ZIP_TOO_LARGE: 'ZIP_TOO_LARGE',
  ZIP_RATIO: 'ZIP_RATIO',
  ZIP_ENCRYPTED: 'ENCRYPTED_OR_LEGACY',
  ZIP_UNSUPPORTED: 'NOT_XLSX',
  ZIP_SIZE_MISMATCH: 'ZIP_SIZE_MISMATCH',
};

class TooManyRows extends Error {}

/**
 * Counts the worksheet's rows and collects the merged ranges near the top while the sheet is inflated for
 * verification: byte-level, no XML parsing. Stops the copy once the row limit is passed.
 */
class SheetScanner {
  rows = 0;
  readonly merges = new Map<string, MergedRange>();
  private tail = '';
  private static readonly TAIL = 200;
  private static readonly ROW = /<(?:\w+:)?row[\s>/]/g;
  private static readonly MERGE =
    /<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"/g;

  constructor(private readonly maxRowTags: number) {}

  readonly feed = (chunk: Buffer): void => {
    const text = this.tail + chunk.toString('latin1');
    // A match ending inside the old tail was counted with the previous chunk.
    const fresh = (match: RegExpExecArray) => match.index + match[0].length > this.tail.length;
    for (const match of text.matchAll(SheetScanner.ROW)) if (fresh(match)) this.rows++;
    if (this.rows > this.maxRowTags) throw new TooManyRows();
    if (text.includes('mergeCell')) {
      for (const match of text.matchAll(SheetScanner.MERGE)) {
        const [, left, top, right, bottom] = match;
        const range: MergedRange = {
          ref: right ? `${left}${top}:${right}${bottom}` : `${left}${top}`,
          left: columnNumber(left!),
          top: Number(top),
          right: columnNumber(right ?? left!),
          bottom: Number(bottom ?? top),
        };
        if (range.top <= IMPORT_LIMITS.headerSearchRows && this.merges.size < 100) {
          this.merges.set(range.ref, range);
        }
      }
    }
    this.tail = text.slice(-SheetScanner.TAIL);
  };
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    found[match[1]!] = (match[2] ?? match[3] ?? '').replace(/&amp;/g, '&');
  }
  return found;
}

function relationships(xml: string): Relationship[] {
  return [...xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)].map((match) => {
    const attrs = attributes(match[1]!);
    return { id: attrs.Id ?? '', type: attrs.Type ?? '', target: attrs.Target ?? '' };
  });
}

/** A relationship target of the workbook part (xl/workbook.xml) as a path inside the package. */
function resolveTarget(target: string): string {
  return target.startsWith('/') ? target.slice(1) : path.posix.normalize(`xl/${target}`);
}

/** The first sheet in the workbook's own order (the tab Excel shows first), by its relationship. */
function firstSheetPath(workbookXml: string, rels: Relationship[]): string | undefined {
  const sheet = /<(?:\w+:)?sheet\b([^>]*)>/.exec(workbookXml);
  const relId = sheet
    ? Object.entries(attributes(sheet[1]!)).find(([name]) => /^\w+:id$/.test(name))?.[1]
    : undefined;
  const rel =
    rels.find((r) => r.id === relId && r.type.endsWith('/worksheet')) ??
    rels.find((r) => r.type.endsWith('/worksheet'));
  return rel ? resolveTarget(rel.target) : undefined;
}

const EMPTY_SHARED_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

export interface WorkbookFacts {
  /** Row elements in the first worksheet (including the header and any title rows). */
  rowElements: number;
  merges: MergedRange[];
}

async function startsWith(filePath: string, magic: Buffer): Promise<boolean> {
  const file = await fs.promises.open(filePath, 'r');
  try {
    const head = Buffer.alloc(magic.length);
    const { bytesRead } = await file.read(head, 0, magic.length, 0);
    return bytesRead === magic.length && head.equals(magic);
  } finally {
    await file.close();
  }
}

/**
 * Checks the upload at `uploadPath` and writes the parts the import reads to `targetPath`; throws a
 * VALIDATION_FAILED on `file` with a code and a Chinese message when the file is refused.
 */
export async function prepareWorkbook(uploadPath: string, targetPath: string): Promise<WorkbookFacts> {
  if (await startsWith(uploadPath, CFB_MAGIC)) throw refuseFile('ENCRYPTED_OR_LEGACY');
  if (!(await startsWith(uploadPath, ZIP_MAGIC))) throw refuseFile('NOT_XLSX');
  try {
    const entries = await readCentralDirectory(uploadPath, IMPORT_LIMITS.zip);
    const byName = new Map(entries.map((entry) => [entry.name, entry]));
    const part = (name: string): ZipEntry => {
      const entry = byName.get(name);
      if (!entry) throw refuseFile('NOT_XLSX');
      return entry;
    };
    const contentTypes = (await readEntry(uploadPath, part('[Content_Types].xml'), 1024 * 1024)).toString(
      'utf8',
    );
    if (/ms-excel\.sheet\.binary/.test(contentTypes)) throw refuseFile('XLSB');
    if (!SHEET_MAIN.test(contentTypes)) throw refuseFile('NOT_XLSX');
    const workbook = part('xl/workbook.xml');
    const workbookRels = part('xl/_rels/workbook.xml.rels');
    const rels = relationships((await readEntry(uploadPath, workbookRels, 1024 * 1024)).toString('utf8'));
    const sheetPath = firstSheetPath(
      (await readEntry(uploadPath, workbook, 10 * 1024 * 1024)).toString('utf8'),
      rels,
    );
    const sheet = sheetPath ? byName.get(sheetPath) : undefined;
    if (!sheet) throw refuseFile('NO_WORKSHEET');
    const related = (type: string) => {
      const rel = rels.find((r) => r.type.endsWith(type));
      return rel ? byName.get(resolveTarget(rel.target)) : undefined;
    };
    const styles = related('/styles');
    const sharedStrings = related('/sharedStrings');
    const scanner = new SheetScanner(IMPORT_LIMITS.maxRows + IMPORT_LIMITS.headerSearchRows);
    // The order matters to exceljs: with the shared strings and relations already read it streams the
    // worksheet directly instead of spooling it to a temporary file first.
    const parts: (CopiedEntry | AddedEntry)[] = [
      { entry: part('[Content_Types].xml'), as: '[Content_Types].xml' },
      { entry: workbookRels, as: 'xl/_rels/workbook.xml.rels' },
      { entry: workbook, as: 'xl/workbook.xml' },
      ...(styles ? [{ entry: styles, as: 'xl/styles.xml' }] : []),
      sharedStrings
        ? { entry: sharedStrings, as: 'xl/sharedStrings.xml' }
        : { as: 'xl/sharedStrings.xml', data: EMPTY_SHARED_STRINGS },
      { entry: sheet, as: 'xl/worksheets/sheet1.xml', onData: scanner.feed },
    ];
    await copyEntries(uploadPath, parts, targetPath);
    return { rowElements: scanner.rows, merges: [...scanner.merges.values()] };
  } catch (error) {
    await fs.promises.rm(targetPath, { force: true });
    if (error instanceof ZipProblem) throw refuseFile(ZIP_CODES[error.code]);
    if (error instanceof TooManyRows) throw refuseFile('TOO_MANY_ROWS');
    throw error;
  }
}

export const READER_OPTIONS = {
  sharedStrings: 'cache',
  // Styles tell date cells from numbers.
  styles: 'cache',
  hyperlinks: 'ignore',
  worksheets: 'emit',
  entries: 'ignore',
} as const;

/** The cells of a row (1-based column n at index n-1). */
export function rowCells(row: ExcelJS.Row): CellReading[] {
  return Array.from({ length: row.cellCount }, (_, index) => readCell(row.getCell(index + 1).value));
}

/**
 * Streams the rows of the prepared workbook's (only) worksheet. Stops reading when the caller stops
 * iterating: the file stream is closed, nothing else is left behind.
 */
export async function* worksheetRows(preparedPath: string): AsyncGenerator<ExcelJS.Row> {
  const input = fs.createReadStream(preparedPath);
  try {
    const excel = await loadExcelJs();
    const reader = new excel.stream.xlsx.WorkbookReader(input, READER_OPTIONS);
    for await (const sheet of reader) {
      for await (const row of sheet) yield row;
      return;
    }
  } finally {
    input.destroy();
  }
}

export interface HeaderRow {
  rowNumber: number;
  cells: CellReading[];
  /** Row elements up to and including the header (title rows above it). */
  rowsThrough: number;
}

/** Finds the header row of an import of `columnSet`'s kind among the first rows of the prepared workbook. */
export async function readHeaderRow(preparedPath: string, columnSet: ColumnSet<string>): Promise<HeaderRow> {
  let seen = 0;
  try {
    for await (const row of worksheetRows(preparedPath)) {
      if (row.number > IMPORT_LIMITS.headerSearchRows) break;
      seen++;
      const cells = rowCells(row);
      if (columnSet.looksLikeHeader(cells)) return { rowNumber: row.number, cells, rowsThrough: seen };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refuseFile('ZIP_CORRUPT', '工作表内容无法解析，文件可能已损坏，请用 Excel 重新保存后上传');
  }
  throw refuseFile('HEADER_NOT_FOUND', columnSet.headerNotFound(IMPORT_LIMITS.headerSearchRows));
}

/**
 * An upload written to a private temporary folder, checked and prepared as above, handed to `work` as the
 * prepared file's path; the folder is removed afterwards. For the small synchronous imports (events, issue 16).
 */
export async function withPreparedUpload<T>(
  upload: { file: NodeJS.ReadableStream & { truncated?: boolean } },
  work: (preparedPath: string) => Promise<T>,
): Promise<T> {
  const os = await import('node:os');
  const { randomUUID } = await import('node:crypto');
  const { pipeline } = await import('node:stream/promises');
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'qinqing-upload-'));
  const uploadPath = path.join(dir, `${randomUUID()}.upload`);
  const preparedPath = path.join(dir, `${randomUUID()}.xlsx`);
  try {
    await pipeline(upload.file, fs.createWriteStream(uploadPath, { flags: 'wx', mode: 0o600 }));
    if (upload.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
    await prepareWorkbook(uploadPath, preparedPath);
    return await work(preparedPath);
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
