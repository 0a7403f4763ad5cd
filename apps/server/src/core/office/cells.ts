// 表格单元格 spreadsheet cells, both ways: what a cell read by exceljs holds (text, number, date, or a
// problem such as a formula without a cached result), dates written as text, full-width digits — and the
// formula-injection guard for cells we write.
import type ExcelJS from 'exceljs';

/** A cell that starts like a formula is written as text with a leading apostrophe (CSV/formula injection). */
export function safeCell(value: string | null | undefined): string {
  if (!value) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Undoes `safeCell` on text read back (an exported workbook imported again keeps its values). */
export function unescapeCell(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** Full-width ASCII (０-９, Ａ-Ｚ, ．, －…) and the ideographic space folded to their half-width forms. */
export function foldFullWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** OOXML writes characters XML cannot hold (NUL, other controls) as `_xHHHH_`; exceljs leaves them escaped. */
export function decodeOoxmlEscapes(text: string): string {
  return text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function hasControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}

/** What one cell holds, after formulas are replaced by their cached results. */
export type CellReading =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; date: string }
  | { kind: 'boolean'; value: boolean }
  /** A value that cannot be used: `display` is what the report shows, `message` why. */
  | { kind: 'problem'; display: string; message: string };

function isoDateOf(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

/**
 * Reads an exceljs cell value. A formula is never evaluated: its cached result is used when the file has
 * one, otherwise the cell is a problem. Error values (#N/A…) are problems too.
 */
export function readCell(value: ExcelJS.CellValue | undefined): CellReading {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'string') {
    const text = decodeOoxmlEscapes(value);
    return text.trim() === '' ? { kind: 'empty' } : { kind: 'text', text };
  }
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? { kind: 'number', value }
      : { kind: 'problem', display: String(value), message: '不是有效的数字' };
  }
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) {
    const date = isoDateOf(value);
    return date ? { kind: 'date', date } : { kind: 'problem', display: '', message: '日期无效' };
  }
  if ('richText' in value) return readCell(value.richText.map((run) => run.text ?? '').join(''));
  if ('error' in value) {
    return {
      kind: 'problem',
      display: String(value.error),
      message: `单元格为错误值 ${String(value.error)}`,
    };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'formula' in value ? value.formula : value.sharedFormula;
    const result = value.result;
    const display = formula ? `=${formula}` : '（公式）';
    if (result === undefined || result === null || (typeof result === 'number' && Number.isNaN(result))) {
      return { kind: 'problem', display, message: '单元格是公式且没有计算结果，请复制后“粘贴为数值”' };
    }
    return readCell(result as ExcelJS.CellValue);
  }
  if ('text' in value && typeof value.text === 'string') return readCell(value.text);
  return { kind: 'problem', display: '', message: '无法识别的单元格内容' };
}

/** The cell as the report repeats it: text as written, numbers plain, dates as YYYY-MM-DD. */
export function displayOf(reading: CellReading): string {
  switch (reading.kind) {
    case 'empty':
      return '';
    case 'text':
      return reading.text;
    case 'number':
      return String(reading.value);
    case 'date':
      return reading.date;
    case 'boolean':
      return reading.value ? 'TRUE' : 'FALSE';
    case 'problem':
      return reading.display;
  }
}

/** A reading as text for a text field: numbers without exponent or grouping, dates as YYYY-MM-DD. */
export function textOf(reading: CellReading): string {
  if (reading.kind === 'number') {
    return Number.isInteger(reading.value) && Math.abs(reading.value) < 1e21
      ? reading.value.toFixed(0)
      : String(reading.value);
  }
  return displayOf(reading).trim();
}

function validDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Excel's serial day number (1900 date system) to YYYY-MM-DD. */
export function excelSerialToDate(serial: number): string | null {
  const whole = Math.floor(serial);
  // Serial 60 is Excel's phantom 1900-02-29; from 61 on, day 0 is 1899-12-30.
  if (!Number.isFinite(serial) || whole < 1 || whole === 60 || whole >= 73051) return null;
  const base = whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return isoDateOf(new Date(base + whole * 86_400_000));
}

const DATE_PATTERNS: { pattern: RegExp; wholeMonth?: boolean }[] = [
  // 2020-03-01, 2020/3/1, 2020.3.1, 2020年3月1日, optionally followed by a time of day.
  {
    pattern:
      /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/,
  },
  // 20200301
  { pattern: /^(\d{4})(\d{2})(\d{2})$/ },
  // 2020年3月, 2020-03, 2020.3: the first of the month.
  { pattern: /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/, wholeMonth: true },
];

/** A date cell, an Excel serial number or a date written as text → YYYY-MM-DD, or why not. */
export function parseDateCell(reading: CellReading): { date: string } | { error: string } {
  const unknown = { error: '无法识别的日期，请写成 2020-03-01 的形式' };
  if (reading.kind === 'date') return { date: reading.date };
  if (reading.kind === 'number') {
    const value = reading.value;
    if (Number.isInteger(value) && value >= 19000101 && value <= 21001231) {
      const date = validDate(Math.floor(value / 10000), Math.floor(value / 100) % 100, value % 100);
      return date ? { date } : unknown;
    }
    const date = excelSerialToDate(value);
    return date ? { date } : unknown;
  }
  if (reading.kind !== 'text') return unknown;
  const text = foldFullWidth(reading.text).trim();
  for (const { pattern, wholeMonth } of DATE_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const date = validDate(Number(match[1]), Number(match[2]), wholeMonth ? 1 : Number(match[3]));
    return date ? { date } : { error: `日期 ${text} 不存在` };
  }
  return unknown;
}

/** A number cell, or text such as "1,000", "１００", "100万元" → a number, or null when it is not one. */
export function parseNumberCell(reading: CellReading): number | null {
  if (reading.kind === 'number') return reading.value;
  if (reading.kind !== 'text') return null;
  const text = foldFullWidth(reading.text)
    .replace(/[,\s]/g, '')
    .replace(/(万元|万|元)$/, '');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

/** Column number (1-based) → letters as Excel shows them: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** Letters → column number: A → 1, AA → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
