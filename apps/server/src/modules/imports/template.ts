// 导入模板 the member import template: the Chinese headers, one example row (refused if left in), text
// format on the code columns so Excel keeps their digits, drop-down lists, and a sheet of instructions.
import { loadExcelJs } from '../../core/office/load-exceljs.ts';
import { MEMBER_COLUMNS } from './columns.ts';
import { IMPORT_LIMITS } from './workbook-file.ts';

const LISTS: Partial<Record<string, string>> = {
  size: '"大,中,小,微"',
  membershipType: '"企业会员,个人会员,团体会员"',
  membershipStatus: '"申请中,正常,暂停,退会"',
};
const TEXT_COLUMNS = new Set(['uscc', 'industryCode', 'divisionCode', 'mobile']);
const LIST_ROWS = 5000;

export async function importTemplate(): Promise<Buffer> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '亲清';
  const sheet = workbook.addWorksheet('会员名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = MEMBER_COLUMNS.map((column) => ({
    header: column.header,
    key: column.field,
    width: column.width,
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
  MEMBER_COLUMNS.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    if (column.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    cell.note = column.note
      ? `${column.required ? '必填。' : ''}${column.note}`
      : column.required
        ? '必填'
        : '选填';
    if (TEXT_COLUMNS.has(column.field)) sheet.getColumn(index + 1).numFmt = '@';
    const list = LISTS[column.field];
    if (list) {
      const letter = sheet.getColumn(index + 1).letter;
      for (let row = 2; row <= LIST_ROWS; row++) {
        sheet.getCell(`${letter}${row}`).dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [list],
        };
      }
    }
  });
  const example = sheet.addRow(
    Object.fromEntries(MEMBER_COLUMNS.map((column) => [column.field, column.example])),
  );
  example.font = { italic: true, color: { argb: 'FF808080' } };

  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列', width: 20 },
    { header: '是否必填', width: 10 },
    { header: '填写说明', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const column of MEMBER_COLUMNS) {
    help.addRow([column.header, column.required ? '必填' : '选填', column.note]);
  }
  help.addRow([]);
  for (const line of [
    '第 2 行是示例，导入前请删除（留在文件里会被拒绝）。只读取第一个工作表。',
    `每个文件最多 ${IMPORT_LIMITS.maxRows.toLocaleString('en-US')} 行、${IMPORT_LIMITS.maxUploadBytes / 1024 / 1024} MB。`,
    '按统一社会信用代码识别企业：已登记的企业按文件更新（空白单元格不修改原值），未登记的新增；同一文件中重复的企业只导入第一行。',
    '表头可用常见写法，如“信用代码”“名称”“法人”“地址”“联系电话”；不认识的列（如“序号”“备注”）会被忽略。',
    '建议先“预检”：不写入任何数据，列出每一行的处理结果；未通过的行可下载报告，改正后直接用报告文件再次导入。',
  ]) {
    help.addRow(['', '', line]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
