// Reading one data row of an import, cell by cell, for the kinds that are not the member import (which has
// its own, older reader in member-row.ts): text with control characters refused and a formula guard undone,
// dates written as text, choices in their Chinese words, credit codes and mobile numbers as people write
// them — every problem named by the column's header as the file writes it, in Chinese.
import { z } from 'zod';
import { MOBILE_PATTERN, normalizeUscc, usccProblem, usccProblemMessage } from '@qinqing/shared';
import {
  displayOf,
  foldFullWidth,
  hasControlCharacter,
  parseDateCell,
  parseNumberCell,
  textOf,
  unescapeCell,
  type CellReading,
} from '../../core/office/cells.ts';
import type { ColumnSet, FileColumn } from './columns.ts';
import type { RowProblem } from './kind.ts';

const zhLocale = z.locales.zhCN().localeError;
const MASKED_MOBILE = /^\d{3}\*{4}\d{4}$/;

/** A zod issue's message in Chinese: the schema's own when it has one, zod's Chinese locale otherwise. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  const params = (issue as { params?: { code?: string } }).params;
  if ((issue.code === 'custom' && params?.code) || /[\u4e00-\u9fff]/.test(issue.message))
    return issue.message;
  const localized = zhLocale(issue as never);
  return (typeof localized === 'string' ? localized : localized?.message) ?? issue.message;
}

/** Mobile numbers as people write them: "138 0013 8000", "138-0013-8000", "+86 13800138000", full width. */
export function normalizeMobile(text: string): string {
  const compact = foldFullWidth(text).replace(/[\s\-()（）]/g, '');
  return compact.replace(/^(?:\+?86)(1\d{10})$/, '$1');
}

/** The words a choice column accepts: each value's labels (and the value itself) → the value. */
export function choices<T extends string>(labels: Record<T, readonly string[]>): Record<string, T> {
  const found: Record<string, T> = {};
  for (const [value, words] of Object.entries(labels) as [T, readonly string[]][]) {
    found[value] = value;
    for (const word of words) found[word] = value;
  }
  return found;
}

export class RowReader<F extends string> {
  readonly problems: RowProblem[] = [];
  readonly display: string[];
  private readonly readings = new Map<F, CellReading>();
  private readonly headers = new Map<F, string>();
  /** Columns with a problem already: a second opinion on them would only repeat it. */
  private readonly flagged = new Set<F | null>();

  constructor(
    readonly rowNumber: number,
    cells: CellReading[],
    columns: FileColumn<string>[],
    private readonly columnSet: ColumnSet<F>,
  ) {
    this.display = columns.map((column) => displayOf(cells[column.column - 1] ?? { kind: 'empty' }));
    for (const column of columns) {
      if (!column.field) continue;
      const field = column.field as F;
      this.headers.set(field, column.header);
      const reading = cells[column.column - 1] ?? { kind: 'empty' };
      if (reading.kind === 'problem') this.problem(field, reading.message);
      else if (reading.kind === 'text' && hasControlCharacter(reading.text))
        this.problem(field, '含有 NUL 等控制字符，请删除后重新导入');
      else if (reading.kind === 'text')
        this.readings.set(field, { kind: 'text', text: unescapeCell(reading.text).trim() });
      else if (reading.kind !== 'empty') this.readings.set(field, reading);
    }
  }

  /** The column's header as the file writes it. */
  label(field: F): string {
    return this.headers.get(field) ?? this.columnSet.headerOf(field);
  }

  problem(field: F | null, message: string): void {
    this.flagged.add(field);
    this.problems.push({ field: field === null ? null : this.label(field), message });
  }

  hasProblem(field: F): boolean {
    return this.flagged.has(field);
  }

  get valid(): boolean {
    return this.problems.length === 0;
  }

  text(field: F): string | undefined {
    const reading = this.readings.get(field);
    if (!reading) return undefined;
    const value = textOf(reading);
    return value === '' ? undefined : value;
  }

  required(field: F): string | undefined {
    const value = this.text(field);
    if (value === undefined && !this.flagged.has(field)) this.problem(field, '必填，不能为空');
    return value;
  }

  /** A date not after `today`. */
  date(field: F, today: string): string | undefined {
    const reading = this.readings.get(field);
    if (!reading) return undefined;
    const parsed = parseDateCell(reading);
    if ('error' in parsed) {
      this.problem(field, `${parsed.error}（填写的是“${displayOf(reading)}”）`);
      return undefined;
    }
    if (parsed.date > today) {
      this.problem(field, `不能晚于今天（填写的是“${parsed.date}”）`);
      return undefined;
    }
    return parsed.date;
  }

  integer(field: F): number | undefined {
    const reading = this.readings.get(field);
    if (!reading) return undefined;
    const value = parseNumberCell(reading);
    if (value === null || !Number.isInteger(value)) {
      this.problem(field, `应为整数（填写的是“${displayOf(reading)}”）`);
      return undefined;
    }
    return value;
  }

  choice<T>(field: F, options: Record<string, T>, expected: string): T | undefined {
    const value = this.text(field);
    if (value === undefined) return undefined;
    const found = options[value] ?? options[value.toLowerCase()];
    if (found === undefined) this.problem(field, `应为 ${expected} 之一（填写的是“${value}”）`);
    return found;
  }

  /** An 11-digit mobile; a number masked by an export (138****8000) says nothing and reads as empty. */
  mobile(field: F): string | undefined {
    const raw = this.text(field);
    if (raw === undefined || MASKED_MOBILE.test(raw)) return undefined;
    const mobile = normalizeMobile(raw);
    if (!MOBILE_PATTERN.test(mobile)) {
      this.problem(field, `手机号码格式不正确（11 位，以 1 开头；填写的是“${raw}”）`);
      return undefined;
    }
    return mobile;
  }

  /** A credit code, normalised and checked (check character included); a number Excel mangled is named. */
  uscc(field: F): string | undefined {
    const reading = this.readings.get(field);
    if (!reading) return undefined;
    if (reading.kind === 'number') {
      this.problem(
        field,
        '统一社会信用代码被 Excel 存成了数字，末尾几位可能已经丢失，请将该列设为文本格式后重新填写',
      );
      return undefined;
    }
    const code = normalizeUscc(textOf(reading));
    const problem = usccProblem(code);
    if (problem) {
      this.problem(field, `${usccProblemMessage(code, problem)}（填写的是“${textOf(reading)}”）`);
      return undefined;
    }
    return code;
  }

  /**
   * Checks `candidate` with the API's own schema; each issue goes to the column its path names (schema keys
   * are the columns' fields), unless that column has a problem already.
   */
  check<T>(schema: z.ZodType<T>, candidate: Record<string, unknown>): T | undefined {
    const parsed = schema.safeParse(candidate);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      const field = this.columnSet.byField.has(key as F) ? (key as F) : null;
      if (this.flagged.has(field)) continue;
      const missing = issue.code === 'invalid_type' && candidate[key] === undefined;
      this.problem(field, missing ? '必填，不能为空' : issueMessage(issue));
    }
    return undefined;
  }
}
