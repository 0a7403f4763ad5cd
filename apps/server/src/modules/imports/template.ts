// 导入模板 an import's template: the Chinese headers, one example row (refused if left in), text format on
// the code columns so Excel keeps their digits, drop-down lists, and a sheet of instructions (填写说明).
// One function for every import kind; each kind says its columns, lists and instructions.
import { loadExcelJs } from '../../core/office/load-exceljs.ts';
import type { ImportColumn } from './columns.ts';
import { IMPORT_LIMITS } from './workbook-file.ts';

export interface TemplateSpec {
  /** The data sheet's name (the first tab, the one an import reads). */
  sheetName: string;
  columns: readonly ImportColumn[];
  /** Drop-down choices per field. */
  lists: Partial<Record<string, readonly string[]>>;
  /** Fields whose cells are text (codes, numbers with leading zeros, mobiles). */
  textFields: ReadonlySet<string>;
  /** How rows are matched to records already registered, and what a re-import does. */
  lines: readonly string[];
}

const LIST_ROWS = 5000;

export async function importTemplate(spec: TemplateSpec): Promise<Buffer> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '亲清';
  const sheet = workbook.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((column) => ({
    header: column.header,
    key: column.field,
    width: column.width,
  }));
  // The example goes in row 2 before the lists are set on the rows below: a row added after them would
  // land under the last row holding a list.
  const example = sheet.addRow(
    Object.fromEntries(spec.columns.map((column) => [column.field, column.example])),
  );
  example.font = { italic: true, color: { argb: 'FF808080' } };
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
  spec.columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    if (column.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    cell.note = column.note
      ? `${column.required ? '必填。' : ''}${column.note}`
      : column.required
        ? '必填'
        : '选填';
    if (spec.textFields.has(column.field)) sheet.getColumn(index + 1).numFmt = '@';
    const list = spec.lists[column.field];
    if (list) {
      const letter = sheet.getColumn(index + 1).letter;
      const formula = `"${list.join(',')}"`;
      for (let row = 2; row <= LIST_ROWS; row++) {
        sheet.getCell(`${letter}${row}`).dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [formula],
        };
      }
    }
  });

  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列', width: 20 },
    { header: '是否必填', width: 10 },
    { header: '填写说明', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const column of spec.columns) {
    help.addRow([column.header, column.required ? '必填' : '选填', column.note]);
  }
  help.addRow([]);
  for (const line of [
    '第 2 行是示例，导入前请删除（留在文件里会被拒绝）。只读取第一个工作表。',
    `每个文件最多 ${IMPORT_LIMITS.maxRows.toLocaleString('en-US')} 行、${IMPORT_LIMITS.maxUploadBytes / 1024 / 1024} MB。`,
    ...spec.lines,
    '建议先“预检”：不写入任何数据，列出每一行的处理结果；未通过的行可下载报告，改正后直接用报告文件再次导入。',
  ]) {
    help.addRow(['', '', line]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
