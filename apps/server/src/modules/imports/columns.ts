// 导入模板的列 the columns of an import: their Chinese headers, the variants people actually write
// (信用代码, 法人, 联系电话…), an example value for the template, and how a file's header row maps onto them.
// One `ColumnSet` per import kind; the member (enterprise) import's columns are defined here.
import { columnLetter, foldFullWidth, textOf, type CellReading } from '../../core/office/cells.ts';

export type MemberField =
  | 'name'
  | 'uscc'
  | 'size'
  | 'industryCode'
  | 'legalRepresentative'
  | 'address'
  | 'formerNames'
  | 'registeredCapital'
  | 'foundedOn'
  | 'divisionCode'
  | 'tags'
  | 'contactName'
  | 'contactPosition'
  | 'mobile'
  | 'membershipType'
  | 'membershipStatus'
  | 'statusReason'
  | 'joinedOn';

export interface ImportColumn<F extends string = string> {
  field: F;
  /** The header the template uses. */
  header: string;
  /** Other headers accepted for this column (compared after normalising, see `headerKey`). */
  aliases: string[];
  required?: boolean;
  example: string | number;
  /** How to fill it in: shown in the template's instructions sheet. */
  note: string;
  width: number;
}

export type MemberColumn = ImportColumn<MemberField>;

export const MEMBER_COLUMNS: readonly MemberColumn[] = [
  {
    field: 'name',
    header: '企业名称',
    aliases: ['名称', '单位名称', '企业（单位）名称', '公司名称', '会员名称', '会员企业名称', '企业全称'],
    required: true,
    example: '示例市东湖智能科技有限公司',
    note: '必填，与营业执照一致',
    width: 32,
  },
  {
    field: 'uscc',
    header: '统一社会信用代码',
    aliases: ['信用代码', '社会信用代码', '统一信用代码', '社会统一信用代码', '统一社会信用代码证号'],
    required: true,
    example: '91110105MA0000000Y',
    note: '必填，18 位；请将本列设为文本格式，以免 Excel 把数字代码改写',
    width: 24,
  },
  {
    field: 'size',
    header: '企业规模',
    aliases: ['规模', '企业规模类型', '规模类型'],
    example: '小',
    note: '大、中、小、微（也可写“小型”“小型企业”）',
    width: 10,
  },
  {
    field: 'industryCode',
    header: '行业代码',
    aliases: [
      '所属行业代码',
      '行业',
      '所属行业',
      '行业分类代码',
      '国民经济行业代码',
      '行业小类代码',
      '行业分类',
    ],
    example: '6513',
    note: 'GB/T 4754-2017 国民经济行业分类的 4 位小类代码，如 6513（应用软件开发）',
    width: 12,
  },
  {
    field: 'legalRepresentative',
    header: '法定代表人',
    aliases: ['法人', '法人代表', '法定代表人姓名', '法人姓名'],
    example: '陈志强',
    note: '',
    width: 12,
  },
  {
    field: 'address',
    header: '注册地址',
    aliases: ['地址', '住所', '注册地', '企业地址', '住所地', '注册住所', '通讯地址', '经营地址'],
    example: '示例市示例区东湖路 88 号',
    note: '',
    width: 32,
  },
  {
    field: 'formerNames',
    header: '曾用名',
    aliases: ['曾用名称', '原名称', '原企业名称'],
    example: '',
    note: '多个曾用名用顿号“、”或逗号分隔',
    width: 24,
  },
  {
    field: 'registeredCapital',
    header: '注册资本（万元）',
    aliases: ['注册资本', '注册资金', '注册资金（万元）', '注册资本(万元)'],
    example: 500,
    note: '单位：万元，填数字',
    width: 14,
  },
  {
    field: 'foundedOn',
    header: '成立日期',
    aliases: ['成立时间', '注册日期', '成立年月', '设立日期'],
    example: '2019-06-18',
    note: '如 2019-06-18；2019/6/18、2019.6.18、2019年6月（记为当月 1 日）也可',
    width: 12,
  },
  {
    field: 'divisionCode',
    header: '行政区划代码',
    aliases: ['区划代码', '行政区划', '所在地区划代码', '所在区划代码'],
    example: '110105001',
    note: 'GB/T 2260 代码：6 位区县或 9 位街道（乡镇）',
    width: 14,
  },
  {
    field: 'tags',
    header: '标签',
    aliases: ['企业标签', '标记'],
    example: '专精特新、高新技术企业',
    note: '多个标签用顿号“、”或逗号分隔；导入只增加标签，不删除已有标签',
    width: 24,
  },
  {
    field: 'contactName',
    header: '联系人',
    aliases: ['联系人姓名', '企业联系人'],
    example: '王晓燕',
    note: '按姓名匹配已有联系人：同名则更新职务和手机，否则新增',
    width: 10,
  },
  {
    field: 'contactPosition',
    header: '职务',
    aliases: ['联系人职务', '职位'],
    example: '办公室主任',
    note: '',
    width: 12,
  },
  {
    field: 'mobile',
    header: '手机',
    aliases: [
      '联系电话',
      '手机号码',
      '联系人手机',
      '手机号',
      '联系方式',
      '联系人电话',
      '移动电话',
      '联系人手机号',
    ],
    example: '13800138000',
    note: '11 位手机号；导出文件中脱敏的号码（138****8000）导入时忽略',
    width: 14,
  },
  {
    field: 'membershipType',
    header: '会员类型',
    aliases: ['会员类别', '会员种类'],
    example: '企业会员',
    note: '企业会员、个人会员、团体会员；不填为企业会员',
    width: 10,
  },
  {
    field: 'membershipStatus',
    header: '会员状态',
    aliases: ['会籍状态', '状态', '会员状况'],
    example: '正常',
    note: '申请中、正常、暂停、退会；不填为正常',
    width: 10,
  },
  {
    field: 'statusReason',
    header: '状态原因',
    aliases: ['状态说明', '暂停或退会原因', '退会原因', '暂停原因'],
    example: '',
    note: '会员状态为暂停或退会时必填',
    width: 20,
  },
  {
    field: 'joinedOn',
    header: '入会日期',
    aliases: ['入会时间', '加入日期'],
    example: '2021-03-01',
    note: '日期写法同“成立日期”',
    width: 12,
  },
];

/** A header as compared: half-width, no spaces, no required-field stars or colons, lower case. */
export function headerKey(text: string): string {
  return foldFullWidth(text)
    .replace(/[\s*:：]/g, '')
    .toLowerCase();
}

/** A column of the file: where it is, what its header says, and the field it feeds (if any). */
export interface FileColumn<F extends string = MemberField> {
  /** 1-based column number. */
  column: number;
  header: string;
  field?: F;
}

export interface HeaderProblem {
  code: 'HEADER_BLANK' | 'HEADER_MERGED' | 'HEADER_DUPLICATE' | 'HEADER_MISSING';
  message: string;
}

/** A rectangular merge of cells, 1-based and inclusive. */
export interface MergedRange {
  ref: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The columns of one import kind, and how a file's header row is recognised and mapped onto them. */
export class ColumnSet<F extends string> {
  readonly byField: ReadonlyMap<F, ImportColumn<F>>;
  private readonly byKey = new Map<string, F>();

  constructor(
    readonly columns: readonly ImportColumn<F>[],
    /** The columns a row must name to be taken for the header row (searched among the first rows). */
    readonly headerFields: readonly F[],
  ) {
    this.byField = new Map(columns.map((column) => [column.field, column]));
    for (const column of columns) {
      for (const name of [column.header, ...column.aliases, column.field])
        this.byKey.set(headerKey(name), column.field);
    }
  }

  /** The field a header names: exactly, or once a trailing note in parentheses ("成立日期（年月日）") is dropped. */
  fieldOfHeader(text: string): F | undefined {
    const key = headerKey(text);
    return this.byKey.get(key) ?? this.byKey.get(key.replace(/\(.*\)$/, ''));
  }

  /** The header the template gives a field. */
  headerOf(field: F): string {
    return this.byField.get(field)!.header;
  }

  /** Whether a row reads as the header row: it names the columns every file of this kind needs. */
  looksLikeHeader(cells: CellReading[]): boolean {
    const fields = new Set(cells.map((cell) => this.fieldOfHeader(textOf(cell))));
    return this.headerFields.every((field) => fields.has(field));
  }

  /** What a file without a recognisable header is told. */
  headerNotFound(searchedRows: number): string {
    const names = this.headerFields.map((field) => `“${this.headerOf(field)}”`);
    const count = names.length === 1 ? '一列' : names.length === 2 ? '两列' : `${names.length} 列`;
    return `前 ${searchedRows} 行中没有找到表头：表头须包含${names.join('和')}${count}，请使用导入模板`;
  }

  /**
   * Maps the header row onto fields. Refused: a merged header cell, a blank header between named columns,
   * two columns for one field, a required column missing. Unknown headers (序号, 备注…) are kept as
   * columns without a field: left out.
   */
  mapHeader(
    rowNumber: number,
    cells: CellReading[],
    merges: MergedRange[],
  ): { columns: FileColumn<F>[]; problems: HeaderProblem[] } {
    const problems: HeaderProblem[] = [];
    for (const merge of merges) {
      if (merge.top <= rowNumber && merge.bottom >= rowNumber) {
        problems.push({
          code: 'HEADER_MERGED',
          message: `表头第 ${rowNumber} 行 ${merge.ref} 是合并单元格（第 ${columnLetter(merge.left)} 至 ${columnLetter(merge.right)} 列），请取消合并，每列填写一个表头`,
        });
      }
    }
    const texts = cells.map((cell) => textOf(cell));
    const last = texts.reduce((found, text, index) => (text === '' ? found : index), -1);
    const columns: FileColumn<F>[] = [];
    const seen = new Map<F, FileColumn<F>>();
    for (let index = 0; index <= last; index++) {
      const header = texts[index] ?? '';
      const column = index + 1;
      if (header === '') {
        problems.push({
          code: 'HEADER_BLANK',
          message: `表头第 ${columnLetter(column)} 列为空，请填写表头或删除该列`,
        });
        continue;
      }
      const field = this.fieldOfHeader(header);
      const earlier = field ? seen.get(field) : undefined;
      if (field && earlier) {
        problems.push({
          code: 'HEADER_DUPLICATE',
          message: `第 ${columnLetter(column)} 列“${header}”与第 ${columnLetter(earlier.column)} 列“${earlier.header}”是同一项，请只保留一列`,
        });
        continue;
      }
      const fileColumn: FileColumn<F> = { column, header, field };
      if (field) seen.set(field, fileColumn);
      columns.push(fileColumn);
    }
    for (const column of this.columns) {
      if (column.required && !seen.has(column.field)) {
        problems.push({ code: 'HEADER_MISSING', message: `缺少必填列“${column.header}”` });
      }
    }
    return { columns, problems };
  }
}

export const MEMBER_COLUMN_SET = new ColumnSet<MemberField>(MEMBER_COLUMNS, ['name', 'uscc']);
export const COLUMN_BY_FIELD = MEMBER_COLUMN_SET.byField;

/** The member import's field a header names (see ColumnSet.fieldOfHeader). */
export function fieldOfHeader(text: string): MemberField | undefined {
  return MEMBER_COLUMN_SET.fieldOfHeader(text);
}

/** The member import's header mapping (see ColumnSet.mapHeader). */
export function mapHeader(
  rowNumber: number,
  cells: CellReading[],
  merges: MergedRange[],
): { columns: FileColumn[]; problems: HeaderProblem[] } {
  return MEMBER_COLUMN_SET.mapHeader(rowNumber, cells, merges);
}
