// One data row of a member import, read and checked on its own: cells to values (dates written as text,
// full-width digits, credit codes with spaces or lower case, 大/中/小/微 …), then the same rules as the
// registry form (createEnterpriseRequest, checkEnterpriseFields). Every problem is named by its column.
import {
  createEnterpriseRequest,
  MEMBERSHIP_STATUS_LABELS,
  MEMBERSHIP_TYPE_LABELS,
  normalizeUscc,
  type CreateEnterpriseRequest,
  type EnterpriseSize,
  type MembershipStatus,
} from '@qinqing/shared';
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
import { checkEnterpriseFields } from '../enterprises/service.ts';
import { COLUMN_BY_FIELD, type FileColumn, type MemberField } from './columns.ts';
import type { KindRow, RowProblem } from './kind.ts';
import { issueMessage, normalizeMobile } from './row-reader.ts';

export type { RowProblem } from './kind.ts';

export type MemberInput = Omit<CreateEnterpriseRequest, 'orgUnitId'>;

export type ParsedRow = KindRow<MemberInput>;

/** The template's example row: left in by mistake, it must not become a member. */
export const EXAMPLE_USCC = String(COLUMN_BY_FIELD.get('uscc')!.example);

const SIZES: Record<string, EnterpriseSize> = {};
for (const [size, label] of [
  ['large', '大'],
  ['medium', '中'],
  ['small', '小'],
  ['micro', '微'],
] as const) {
  for (const text of [label, `${label}型`, `${label}型企业`, `${label}企业`, size]) SIZES[text] = size;
}

type MembershipType = keyof typeof MEMBERSHIP_TYPE_LABELS;
const MEMBERSHIP_TYPES: Record<string, MembershipType> = {};
for (const [type, label] of Object.entries(MEMBERSHIP_TYPE_LABELS)) {
  MEMBERSHIP_TYPES[label] = type as MembershipType;
  MEMBERSHIP_TYPES[label.replace('会员', '')] = type as MembershipType;
  MEMBERSHIP_TYPES[type] = type as MembershipType;
}

const STATUSES: Record<string, MembershipStatus> = {
  在册: 'active',
  已退会: 'withdrawn',
  已暂停: 'suspended',
};
for (const [status, label] of Object.entries(MEMBERSHIP_STATUS_LABELS)) {
  STATUSES[label] = status as MembershipStatus;
  STATUSES[status] = status as MembershipStatus;
}

const LIST_SEPARATORS = /[、,，;；\n]+/;
const MASKED_MOBILE = /^\d{3}\*{4}\d{4}$/;

/** "6513", "I6513", "6513 应用软件开发", or the number 111 (Excel dropped the zero of 0111). */
function normalizeIndustry(reading: CellReading): string {
  if (
    reading.kind === 'number' &&
    Number.isInteger(reading.value) &&
    reading.value >= 100 &&
    reading.value < 1000
  ) {
    return String(reading.value).padStart(4, '0');
  }
  const text = foldFullWidth(textOf(reading));
  return /^[A-Ta-t]?\s*(\d{4})(?:\D|$)/.exec(text)?.[1] ?? text;
}

function listOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(LIST_SEPARATORS)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

const CONTACT_FIELDS: Record<string, MemberField> = {
  name: 'contactName',
  position: 'contactPosition',
  mobile: 'mobile',
};
const MEMBERSHIP_FIELDS: Record<string, MemberField> = {
  type: 'membershipType',
  status: 'membershipStatus',
  statusReason: 'statusReason',
  statusOn: 'membershipStatus',
  joinedOn: 'joinedOn',
};

/** Which column a schema path (`contacts.0.mobile`, `membership.joinedOn`, `name`) belongs to. */
function fieldOfPath(pathParts: readonly PropertyKey[]): MemberField | null {
  const [first, second, third] = pathParts.map(String);
  if (first === 'contacts') return CONTACT_FIELDS[third ?? ''] ?? 'contactName';
  if (first === 'membership') return MEMBERSHIP_FIELDS[second ?? ''] ?? 'membershipStatus';
  return COLUMN_BY_FIELD.has(first as MemberField) ? (first as MemberField) : null;
}

/**
 * Reads one data row. `columns` are the file's columns (header mapped); `today` bounds dates. The row is
 * valid when `input` is set; otherwise `problems` say why, per column, in Chinese.
 */
export function parseMemberRow(
  rowNumber: number,
  cells: CellReading[],
  columns: FileColumn[],
  today: string,
): ParsedRow {
  const problems: RowProblem[] = [];
  const cellProblems: [MemberField, string][] = [];
  const readings = new Map<MemberField, CellReading>();
  const headerOf = new Map<MemberField, string>();
  const label = (field: MemberField | null) =>
    field ? (headerOf.get(field) ?? COLUMN_BY_FIELD.get(field)!.header) : null;
  const display = columns.map((column) => displayOf(cells[column.column - 1] ?? { kind: 'empty' }));

  for (const column of columns) {
    if (!column.field) continue;
    headerOf.set(column.field, column.header);
    const reading = cells[column.column - 1] ?? { kind: 'empty' };
    if (reading.kind === 'problem') {
      cellProblems.push([column.field, reading.message]);
      continue;
    }
    if (reading.kind === 'text' && hasControlCharacter(reading.text)) {
      cellProblems.push([column.field, '含有 NUL 等控制字符，请删除后重新导入']);
      continue;
    }
    if (reading.kind === 'text')
      readings.set(column.field, { kind: 'text', text: unescapeCell(reading.text).trim() });
    else if (reading.kind !== 'empty') readings.set(column.field, reading);
  }

  const text = (field: MemberField): string | undefined => {
    const reading = readings.get(field);
    if (!reading) return undefined;
    const value = textOf(reading);
    return value === '' ? undefined : value;
  };
  /** Columns that already have a problem: the schema's second opinion on them would only repeat it. */
  const flagged = new Set<MemberField | null>();
  const problem = (field: MemberField, message: string) => {
    flagged.add(field);
    problems.push({ field: label(field), message });
  };
  for (const [field, message] of cellProblems) problem(field, message);
  const date = (field: MemberField): string | undefined => {
    const reading = readings.get(field);
    if (!reading) return undefined;
    const parsed = parseDateCell(reading);
    if ('error' in parsed) {
      problem(field, `${parsed.error}（填写的是“${displayOf(reading)}”）`);
      return undefined;
    }
    return parsed.date;
  };
  const choice = <T>(field: MemberField, options: Record<string, T>, expected: string): T | undefined => {
    const value = text(field);
    if (value === undefined) return undefined;
    const found = options[value] ?? options[value.toLowerCase()];
    if (found === undefined) problem(field, `应为 ${expected} 之一（填写的是“${value}”）`);
    return found;
  };

  const candidate: Record<string, unknown> = {};
  const name = text('name');
  if (name !== undefined) candidate.name = name;

  const usccReading = readings.get('uscc');
  let uscc: string | null = null;
  if (usccReading?.kind === 'number') {
    problem(
      'uscc',
      '统一社会信用代码被 Excel 存成了数字，末尾几位可能已经丢失，请将该列设为文本格式后重新填写',
    );
  } else if (usccReading) {
    uscc = normalizeUscc(textOf(usccReading));
    candidate.uscc = uscc;
  }
  if (uscc === EXAMPLE_USCC)
    problems.push({ field: null, message: '这是导入模板中的示例行，请删除后再导入' });

  const size = choice('size', SIZES, '大、中、小、微');
  if (size) candidate.size = size;
  const industry = readings.get('industryCode');
  if (industry) candidate.industryCode = normalizeIndustry(industry);
  const legalRepresentative = text('legalRepresentative');
  if (legalRepresentative !== undefined) candidate.legalRepresentative = legalRepresentative;
  const address = text('address');
  if (address !== undefined) candidate.address = address;
  const formerNames = text('formerNames');
  if (formerNames !== undefined) candidate.formerNames = listOf(formerNames);
  const capital = readings.get('registeredCapital');
  if (capital) {
    const value = parseNumberCell(capital);
    if (value === null) problem('registeredCapital', `应为数字，单位万元（填写的是“${displayOf(capital)}”）`);
    else candidate.registeredCapital = value;
  }
  const foundedOn = date('foundedOn');
  if (foundedOn) candidate.foundedOn = foundedOn;
  const division = text('divisionCode');
  if (division !== undefined) candidate.divisionCode = foldFullWidth(division).replace(/\s/g, '');
  const tags = text('tags');
  if (tags !== undefined) candidate.tags = listOf(tags);

  const contactName = text('contactName');
  const position = text('contactPosition');
  const rawMobile = text('mobile');
  // A number masked by an export (138****8000) says nothing new: the stored one is kept.
  const mobile =
    rawMobile === undefined || MASKED_MOBILE.test(rawMobile) ? undefined : normalizeMobile(rawMobile);
  if (contactName !== undefined) {
    candidate.contacts = [
      {
        name: contactName,
        ...(position !== undefined ? { position } : {}),
        ...(mobile !== undefined ? { mobile } : {}),
        isPrimary: true,
      },
    ];
  } else if (position !== undefined || mobile !== undefined) {
    problem('contactName', '填写了联系人职务或手机，但没有填写联系人姓名');
  }

  const membership: Record<string, unknown> = {};
  const type = choice('membershipType', MEMBERSHIP_TYPES, '企业会员、个人会员、团体会员');
  if (type) membership.type = type;
  const status = choice('membershipStatus', STATUSES, '申请中、正常、暂停、退会');
  if (status) membership.status = status;
  const reason = text('statusReason');
  if (reason !== undefined) membership.statusReason = reason;
  const joinedOn = date('joinedOn');
  if (joinedOn) membership.joinedOn = joinedOn;
  if (Object.keys(membership).length > 0) candidate.membership = membership;

  const parsed = createEnterpriseRequest.safeParse(candidate);
  if (!parsed.success) {
    const earlier = new Set(flagged);
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path);
      if (earlier.has(field)) continue;
      flagged.add(field);
      // A required field left empty reads better as "必填" than as zod's type message.
      const missing = issue.code === 'invalid_type' && candidate[String(issue.path[0])] === undefined;
      problems.push({ field: label(field), message: missing ? '必填，不能为空' : issueMessage(issue) });
    }
  }
  // The registry's own rules (known codes, no future dates…) on what zod let through, so that one pass
  // names every problem of the row.
  for (const detail of checkEnterpriseFields((parsed.data ?? candidate) as MemberInput, today)) {
    const field = fieldOfPath(detail.path.split('.'));
    if (!flagged.has(field)) problems.push({ field: label(field), message: detail.message });
  }
  return {
    row: rowNumber,
    display,
    name: name ?? null,
    uscc,
    input: problems.length === 0 && parsed.success ? parsed.data : undefined,
    problems,
  };
}

/** "统一社会信用代码：校验位不正确；手机：格式不正确" — the reason column of the report. */
export function reasonText(problems: RowProblem[]): string {
  return problems
    .map((p) => (p.field && !p.message.startsWith(p.field) ? `${p.field}：${p.message}` : p.message))
    .join('；');
}
