// 线上签到名单导入 an online session's attendance from a list (.xlsx: 姓名, 手机号码, optional 单位), on the
// import pipeline's file checks (imports/workbook-file.ts). Each row is matched to a registration of the
// event by mobile number, else by a name registered once; an attendee not registered becomes a walk-in.
// Bad rows (no name, a mobile that is not 11 digits, a row repeated in the file, the template's example
// left in) are reported with row, column and reason; every accepted row says what it does (the preview); a
// dry run writes nothing; importing the same list again records nobody twice (the attendance's unique
// constraints, the nonce derived from the person). The template is the import pipeline's (imports/template.ts).
import type { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { MOBILE_PATTERN, type AttendanceImportResult } from '@qinqing/shared';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { hasControlCharacter, type CellReading } from '../../core/office/cells.ts';
import type { ImportColumn } from '../imports/columns.ts';
import { importTemplate } from '../imports/template.ts';
import { refuseFile, rowCells, withPreparedUpload, worksheetRows } from '../imports/workbook-file.ts';
import { findManagedSession, insertAttendance, insertRegistration } from './repository.ts';
import { personKeyOf } from './service.ts';

const HEADERS = { personName: '姓名', mobile: '手机号码', unit: '单位' } as const;
const MAX_ROWS = 5_000;
const HEADER_SEARCH_ROWS = 10;
/** The template's example row: refused if left in. */
const EXAMPLE = { personName: '张示例', mobile: '13800000000' } as const;

const TEMPLATE_COLUMNS: readonly ImportColumn[] = [
  {
    field: 'personName',
    header: HEADERS.personName,
    aliases: [],
    required: true,
    example: EXAMPLE.personName,
    note: '参加人姓名，与报名时一致',
    width: 16,
  },
  {
    field: 'mobile',
    header: HEADERS.mobile,
    aliases: [],
    example: EXAMPLE.mobile,
    note: '11 位手机号码；按手机号码匹配报名，没有手机号码时按姓名匹配（名单中同名的须填写手机号码）',
    width: 18,
  },
  {
    field: 'unit',
    header: HEADERS.unit,
    aliases: [],
    example: '示例市东湖智能科技有限公司',
    note: '选填，所在单位，仅供核对',
    width: 32,
  },
];

/** The sign-in list's template (.xlsx): 姓名, 手机号码, 单位, an example row and the instructions sheet. */
export function attendanceImportTemplate(): Promise<Buffer> {
  return importTemplate({
    sheetName: '签到名单',
    columns: TEMPLATE_COLUMNS,
    lists: {},
    textFields: new Set(['mobile']),
    lines: [
      '一个文件是一场活动的一个场次的签到名单（如线上会议平台导出的参会名单），在活动页面选择场次后导入。',
      '已报名的人员记为签到；名单中未报名的人员按现场参加补登报名并签到。',
      '同一名单重复导入不会重复计数：已签到的人员记为“已签到”。',
    ],
  });
}

function textOf(cell: CellReading | undefined): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'text':
      return cell.text.trim();
    case 'number':
      return String(cell.value);
    case 'date':
      return cell.date;
    case 'boolean':
      return '';
    case 'problem':
      return cell.display;
  }
}

interface Row {
  row: number;
  values: string[];
}

async function readRows(preparedPath: string): Promise<Row[]> {
  let columns: number[] | undefined;
  const rows: Row[] = [];
  try {
    for await (const row of worksheetRows(preparedPath)) {
      const cells = rowCells(row).map(textOf);
      if (!columns) {
        if (row.number > HEADER_SEARCH_ROWS) break;
        const found = Object.values(HEADERS).map((header) => cells.indexOf(header));
        if (found[0]! >= 0 && found[1]! >= 0) columns = found;
        continue;
      }
      const values = columns.map((index) => (index >= 0 ? (cells[index] ?? '') : ''));
      if (values.every((value) => value === '')) continue;
      if (rows.length >= MAX_ROWS) throw refuseFile('TOO_MANY_ROWS');
      rows.push({ row: row.number, values });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refuseFile('ZIP_CORRUPT', '工作表内容无法解析，文件可能已损坏，请用 Excel 重新保存后上传');
  }
  if (!columns) {
    throw refuseFile(
      'HEADER_NOT_FOUND',
      `前 ${HEADER_SEARCH_ROWS} 行中没有找到表头：表头须包含“姓名”和“手机号码”两列`,
    );
  }
  if (rows.length === 0) throw refuseFile('NO_DATA_ROWS');
  return rows;
}

export async function importAttendance(
  ctx: AppContext,
  actor: Actor,
  audit: AuditContext,
  upload: { file: Readable & { truncated?: boolean } },
  options: { sessionId: string; dryRun: boolean },
): Promise<AttendanceImportResult> {
  const db = ctx.database.db;
  const session = await findManagedSession(db, actor, options.sessionId);
  if (!session) throw notFound();
  const rows = await withPreparedUpload(upload, readRows);
  const result: AttendanceImportResult = {
    dryRun: options.dryRun,
    recorded: 0,
    already: 0,
    walkIns: 0,
    rejected: [],
    rows: [],
  };
  await db.transaction(async (tx) => {
    // One import of a session at a time: a second waits, then finds the first's attendance.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${'attendance_import:' + session.id}))`);
    const { rows: registrations } = await tx.execute<{
      id: string;
      person_name: string;
      mobile: string | null;
      enterprise_id: string | null;
      person_key: string;
      present: boolean;
    }>(sql`SELECT r.id, r.person_name, r.mobile, r.enterprise_id, r.person_key,
        EXISTS (SELECT 1 FROM event_attendances a WHERE a.registration_id = r.id AND a.session_id = ${session.id}) AS present
      FROM event_registrations r WHERE r.event_id = ${session.event_id} AND r.status <> 'cancelled'`);
    const byMobile = new Map(registrations.filter((r) => r.mobile).map((r) => [r.mobile!, r]));
    const byName = new Map<string, (typeof registrations)[number] | null>();
    for (const r of registrations) byName.set(r.person_name, byName.has(r.person_name) ? null : r);
    const seen = new Map<string, number>();
    const now = ctx.clock.now();
    for (const { row, values } of rows) {
      const [personName = '', mobile = ''] = values;
      const reject = (field: string, reason: string) => result.rejected.push({ row, values, field, reason });
      if (!personName) {
        reject(HEADERS.personName, '请填写姓名');
        continue;
      }
      if (personName === EXAMPLE.personName && mobile === EXAMPLE.mobile) {
        reject(HEADERS.personName, '这是导入模板中的示例行，请删除后再导入');
        continue;
      }
      if (personName.length > 50 || values.some(hasControlCharacter)) {
        reject(HEADERS.personName, '姓名不能超过 50 个字，不能包含控制字符');
        continue;
      }
      if (mobile && !MOBILE_PATTERN.test(mobile)) {
        reject(HEADERS.mobile, '手机号码应为 11 位数字，以 1 开头');
        continue;
      }
      const key = mobile || `name:${personName}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        reject(mobile ? HEADERS.mobile : HEADERS.personName, `与第 ${earlier} 行重复`);
        continue;
      }
      seen.set(key, row);
      const named = byName.get(personName);
      let registration = (mobile ? byMobile.get(mobile) : undefined) ?? named ?? undefined;
      if (!registration && named === null) {
        reject(HEADERS.mobile, `报名名单中有不止一位“${personName}”，请填写手机号码`);
        continue;
      }
      const accepted = (outcome: 'matched' | 'walk_in' | 'already', registrationId: string | null) =>
        result.rows.push({ row, personName, mobile: mobile || null, outcome, registrationId });
      if (registration?.present) {
        result.already++;
        accepted('already', registration.id);
        continue;
      }
      if (!registration) {
        result.walkIns++;
        if (options.dryRun) {
          result.recorded++;
          accepted('walk_in', null);
          continue;
        }
        const personKey = personKeyOf({ mobile: mobile || null, personName });
        const id = await insertRegistration(tx, {
          eventId: session.event_id,
          personName,
          post: null,
          mobile: mobile || null,
          enterpriseId: null,
          personId: null,
          personKey,
          status: 'registered',
          walkIn: true,
          registeredBy: actor.userId,
          now,
        });
        if (!id) {
          reject(HEADERS.personName, '该人员已报名但信息与名单不一致，请核对手机号码');
          result.walkIns--;
          continue;
        }
        registration = {
          id,
          person_name: personName,
          mobile: mobile || null,
          enterprise_id: null,
          person_key: personKey,
          present: false,
        };
        accepted('walk_in', id);
      } else {
        accepted('matched', registration.id);
      }
      if (!options.dryRun) {
        await insertAttendance(tx, {
          eventId: session.event_id,
          sessionId: session.id,
          registration,
          personKey: registration.person_key,
          nonce: `import-${registration.id.replaceAll('-', '')}`,
          method: 'import',
          recordedBy: actor.userId,
          now,
        });
      }
      result.recorded++;
    }
    if (!options.dryRun) {
      await ctx.audit.record(tx, audit, {
        action: 'event.attendance_imported',
        objectType: 'event',
        objectId: session.event_id,
        detail: {
          sessionId: session.id,
          recorded: result.recorded,
          already: result.already,
          walkIns: result.walkIns,
          rejected: result.rejected.length,
        },
      });
    }
  });
  return result;
}
