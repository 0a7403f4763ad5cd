// exceljs takes about a second to import: load it on first use, not at start-up — with its UTF-8 faults
// mended first (exceljs-utf8.ts, which must run before exceljs loads and requires JSZip itself).
import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | undefined;

export function loadExcelJs(): Promise<typeof ExcelJS> {
  loading ??= import('./exceljs-utf8.ts').then(() => import('exceljs')).then((module) => module.default);
  return loading;
}
