// API tests of the audit log (审计日志): records by name (actions, people, records by business key, the
// detail as labelled fields), the filters and their errors, the readable .xlsx export (and its
// formula-injection guard, and LibreOffice opening it), chain verification and tampering, append-only
// storage, and who may read it — on a real PostgreSQL.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
// exceljs's streaming parser with its UTF-8 decoding fixed, before exceljs itself loads.
import '../../core/office/exceljs-utf8.ts';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import {
  DEMO_PASSWORD,
  DEMO_ROLE_ACCOUNTS,
  json,
  orgUnitId,
  setupTestApp,
  TEST_AUDIT_KEY,
  type ErrorJson,
  type TestApp,
} from '../../test/harness.ts';
import { insertAppeal } from '../../test/appeals.ts';
import { libreOfficeSkip, officeToPdf } from '../../test/libreoffice.ts';
import { testUscc } from '../../test/workbooks.ts';
import { verifyAuditChain } from '../../core/audit/verify.ts';
import { safeCell } from '../../core/office/cells.ts';

type Localized = { zh: string; en: string };
interface AuditEventJson {
  seq: number;
  occurredAt: string;
  actorName: string | null;
  actorDisplayName: string | null;
  action: string;
  actionName: Localized;
  actionGroup: string | null;
  objectType: string | null;
  objectId: string | null;
  object: { typeName: Localized; key: string; exists: boolean } | null;
  result: string;
  fields: { key: string; label: Localized; value: string }[];
  detail: Record<string, unknown> | null;
}

type AuditPage = { items: AuditEventJson[]; total: number; page: number; pageSize: number };
type VerifyJson = { checked: number; ok: boolean; firstBrokenSeq: number | null; reason: string | null };

const HEADERS = [
  '序号',
  '时间',
  '操作人',
  '角色',
  'IP',
  '分类',
  '操作',
  '对象类型',
  '对象',
  '结果',
  '详情',
  '操作代码',
  '对象标识',
  '校验值 (HMAC-SM3)',
];
const COLUMN = Object.fromEntries(HEADERS.map((header, i) => [header, i])) as Record<string, number>;
const FORMULA = "=cmd|' /C calc'!A0";

async function readWorkbook(response: LightMyRequestResponse): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  // read() rather than load(): exceljs declares its own global Buffer type that Node's Buffer does not match.
  await workbook.xlsx.read(Readable.from(response.rawPayload));
  const sheet = workbook.getWorksheet('审计日志');
  assert.ok(sheet, 'the workbook has the 审计日志 sheet');
  return sheet;
}

/** The cells of one row, without exceljs's empty slot 0. */
function rowValues(sheet: ExcelJS.Worksheet, row: number): ExcelJS.CellValue[] {
  return (sheet.getRow(row).values as ExcelJS.CellValue[]).slice(1);
}

describe('safeCell (formula injection guard)', () => {
  it('prefixes an apostrophe to text starting with =, +, -, @, tab or carriage return', () => {
    for (const value of ['=1+1', FORMULA, '+86 10 1234', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1']) {
      assert.equal(safeCell(value), `'${value}`, JSON.stringify(value));
    }
  });

  it('leaves other text alone and turns null, undefined and empty into an empty cell', () => {
    for (const value of ['sysadmin', '王晓燕', '{"after":{"displayName":"=x"}}', '1-2', ' =not at start']) {
      assert.equal(safeCell(value), value);
    }
    assert.equal(safeCell(null), '');
    assert.equal(safeCell(undefined), '');
    assert.equal(safeCell(''), '');
  });
});

describe('audit log', () => {
  let t: TestApp;
  let auditor: string;
  let sysadmin: string;
  let targetId: string;
  let staff: string;
  let enterpriseId: string;
  let appealId: string;
  const ENTERPRISE = '审计测试精密机械有限公司';
  const USCC = testUscc(7301);
  const APPEAL_NUMBER = 'SQ-AUDIT-0001';

  const count = async (sql: string, params: unknown[] = []) =>
    (await t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]
      ?.n ?? -1;

  const list = async (query: string) => {
    const response = await t.request({ url: `/api/audit-events${query}`, cookie: auditor });
    assert.equal(response.statusCode, 200, response.body);
    return json<AuditPage>(response);
  };

  const createUser = async (username: string, displayName: string) => {
    const response = await t.request({
      method: 'POST',
      url: '/api/users',
      cookie: sysadmin,
      body: {
        username,
        displayName,
        orgUnitId: await orgUnitId(t, '示例区工商联'),
        initialPassword: 'Harbour-lantern-2031',
      },
    });
    assert.equal(response.statusCode, 201, response.body);
    return json<{ user: { id: string; version: number } }>(response).user;
  };

  before(async () => {
    t = await setupTestApp({ env: { QINQING_LOGIN_RATE_LIMIT: '1000' } });
    auditor = await t.signIn('auditor');
    sysadmin = await t.signIn('sysadmin');
    // A created and then renamed account, a failed login, and two accounts created in early 2020.
    const target = await createUser('audit.target', '审计对象');
    targetId = target.id;
    const renamed = await t.request({
      method: 'PATCH',
      url: `/api/users/${targetId}`,
      cookie: sysadmin,
      body: { version: target.version, displayName: '审计对象（改）' },
    });
    assert.equal(renamed.statusCode, 200);
    const failed = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'staff', password: 'not-the-password' },
    });
    assert.equal(failed.statusCode, 401);
    try {
      t.ctx.clock.set(new Date('2020-01-15T08:00:00Z'));
      await createUser('early.one', '早一');
      t.ctx.clock.set(new Date('2020-03-15T08:00:00Z'));
      await createUser('early.two', '早二');
    } finally {
      t.ctx.clock.reset();
    }
    // An enterprise added by staff, and an appeal of it accepted as valid.
    staff = await t.signIn('staff');
    const created = await t.request({
      method: 'POST',
      url: '/api/enterprises',
      cookie: staff,
      body: { name: ENTERPRISE, uscc: USCC },
    });
    assert.equal(created.statusCode, 201, created.body);
    enterpriseId = json<{ enterprise: { id: string } }>(created).enterprise.id;
    appealId = await insertAppeal(t, { enterpriseId, number: APPEAL_NUMBER, state: 'submitted' });
    const accepted = await t.request({
      method: 'POST',
      url: `/api/appeals/${appealId}/transitions`,
      cookie: staff,
      body: { action: 'mark_valid', version: 1, note: '属实' },
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
  });
  after(() => t.close());

  describe('readable records', () => {
    const only = async (query: string) => {
      const page = await list(query);
      assert.equal(page.total, 1, query);
      return page.items[0]!;
    };

    it('names the action in Chinese and English, with its group', async () => {
      const event = await only(`?action=appeal.mark_valid`);
      assert.deepEqual(event.actionName, { zh: '受理诉求', en: 'Appeal accepted as valid' });
      assert.equal(event.actionGroup, 'appeals');
      assert.equal(event.action, 'appeal.mark_valid');
    });

    it('names the actor: the username and the display name', async () => {
      const event = await only(`?action=appeal.mark_valid`);
      assert.equal(event.actorName, 'staff');
      assert.equal(event.actorDisplayName, '王晓燕');
    });

    it('names each record by its business key: appeal number, enterprise and credit code, username', async () => {
      const appeal = await only(`?action=appeal.mark_valid`);
      assert.deepEqual(appeal.object, {
        typeName: { zh: '诉求', en: 'Appeal' },
        key: `${APPEAL_NUMBER} 测试诉求`,
        exists: true,
      });
      const enterprise = await only(`?action=enterprise.created&actor=staff`);
      assert.equal(enterprise.object?.key, `${ENTERPRISE}（${USCC}）`);
      const renamed = await only(`?action=user.updated`);
      assert.equal(renamed.object?.key, 'audit.target（审计对象（改））');
      const signIn = (await list('?action=auth.login&result=success&actor=auditor')).items.at(-1);
      assert.equal(signIn?.object?.key, 'auditor 的登录会话');
    });

    it('shows the detail as labelled fields with values in words', async () => {
      const appeal = await only(`?action=appeal.mark_valid`);
      const byLabel = Object.fromEntries(appeal.fields.map((f) => [f.label.zh, f.value]));
      assert.equal(byLabel['编号'], APPEAL_NUMBER);
      assert.equal(byLabel['原状态'], '待受理');
      assert.equal(byLabel['新状态'], '已受理');
      assert.equal(byLabel['说明'], '属实');
      assert.deepEqual(appeal.fields.find((f) => f.key === 'from')?.label, { zh: '原状态', en: 'From' });

      const failed = await only('?result=failure');
      assert.deepEqual(
        failed.fields.map((f) => [f.label.zh, f.value]),
        [
          ['原因', '密码错误'],
          ['连续失败次数', '1'],
        ],
      );
      // A change: before → after; an id of another record: its name.
      const renamed = await only(`?action=user.updated`);
      assert.deepEqual(
        renamed.fields.map((f) => [f.label.zh, f.value]),
        [['姓名', '审计对象 → 审计对象（改）']],
      );
      const early = await only(`?action=user.created&to=${encodeURIComponent('2020-02-01T00:00:00Z')}`);
      assert.deepEqual(
        early.fields.map((f) => [f.label.en, f.value]),
        [
          ['Username', 'early.one'],
          ['Name', '早一'],
          ['Organisation unit', '示例区工商联'],
        ],
      );
    });

    it('a record that is gone: the key its audit record wrote down, else a short id', async () => {
      const goneId = randomUUID();
      const otherId = randomUUID();
      const system = { actorId: null, actorName: null, actorRoles: [], ip: null, requestId: null };
      await t.database.db.transaction(async (tx) => {
        await t.ctx.audit.record(tx, system, {
          action: 'appeal.respond_overdue',
          objectType: 'appeal',
          objectId: goneId,
          detail: { number: 'SQ-GONE-1', department: '人社局' },
        });
        await t.ctx.audit.record(tx, system, {
          action: 'appeal.respond_overdue',
          objectType: 'appeal',
          objectId: otherId,
        });
      });
      const page = await list('?action=appeal.respond_overdue');
      assert.deepEqual(
        page.items.map((e) => [e.object?.key, e.object?.exists, e.actorName]),
        [
          [`#${otherId.slice(0, 8)}`, false, null],
          ['SQ-GONE-1', false, null],
        ],
      );
      // Found by the number it wrote down, and by its short id.
      assert.equal((await list('?object=SQ-GONE-1')).total, 1);
      assert.equal((await list(`?object=${otherId.slice(0, 8)}`)).total, 1);
    });
  });

  describe('listing', () => {
    it('lists every record newest first, with the total', async () => {
      const total = await count('audit_events');
      const page = await list('?pageSize=200');
      assert.equal(page.total, total);
      assert.equal(page.items.length, total);
      const seqs = page.items.map((e) => e.seq);
      assert.deepEqual(
        seqs,
        [...seqs].sort((a, b) => b - a),
      );
      assert.equal(seqs.at(-1), 1);
      assert.equal(page.items.at(-1)?.action, 'system.seeded');
    });

    it('pages: consecutive pages continue where the last one stopped', async () => {
      const first = await list('?pageSize=3&page=1');
      const second = await list('?pageSize=3&page=2');
      assert.equal(first.items.length, 3);
      assert.equal(second.items.length, 3);
      assert.equal(first.total, second.total);
      assert.equal(second.page, 2);
      assert.equal((second.items[0]?.seq ?? 0) + 1, first.items[2]?.seq);
    });

    it('filters by actor (part of the name, any case)', async () => {
      const page = await list('?actor=SYSADM&pageSize=200');
      assert.ok(page.total > 0);
      assert.equal(page.total, await count("audit_events WHERE actor_name = 'sysadmin'"));
      assert.ok(page.items.every((e) => e.actorName === 'sysadmin'));
    });

    it('filters by actions (any of several) and by group', async () => {
      const page = await list(`?action=${encodeURIComponent('user.created,user.updated')}&pageSize=200`);
      assert.deepEqual(
        page.items.map((e) => e.action),
        ['user.created', 'user.created', 'user.updated', 'user.created'],
      );
      assert.equal(page.total, await count("audit_events WHERE action IN ('user.created', 'user.updated')"));
      const account = await list('?group=account&pageSize=200');
      assert.equal(
        account.total,
        await count("audit_events WHERE action LIKE 'user.%' OR action LIKE 'auth.%'"),
      );
      assert.ok(account.items.every((e) => e.actionGroup === 'account'));
      // Both: the actions of the group among those asked for.
      assert.equal((await list('?group=appeals&action=user.created')).total, 0);
    });

    it('filters by person: part of the username or of the display name', async () => {
      const byName = await list(`?actor=${encodeURIComponent('晓燕')}&pageSize=200`);
      assert.ok(byName.total > 0);
      assert.equal(byName.total, await count("audit_events WHERE actor_name = 'staff'"));
    });

    it('filters by record: appeal number, enterprise name or credit code, username', async () => {
      const byNumber = await list(`?object=${encodeURIComponent('sq-audit')}`);
      assert.deepEqual(
        byNumber.items.map((e) => e.action),
        ['appeal.mark_valid'],
      );
      const byName = await list(`?object=${encodeURIComponent('精密机械')}`);
      assert.deepEqual(
        byName.items.map((e) => e.action),
        ['enterprise.created'],
      );
      assert.equal((await list(`?object=${USCC.slice(2, 12)}`)).total, 1);
      const byUser = await list(`?object=${encodeURIComponent('audit.target')}`);
      assert.deepEqual(
        byUser.items.map((e) => e.action),
        ['user.updated', 'user.created'],
      );
      assert.equal((await list(`?object=${encodeURIComponent('%')}`)).total, 0);
    });

    it('filters by result', async () => {
      const page = await list('?result=failure');
      assert.equal(page.total, 1);
      assert.equal(page.items[0]?.action, 'auth.login');
      assert.equal(page.items[0]?.actorName, 'staff');
      assert.deepEqual(page.items[0]?.detail, { reason: 'wrong_password', consecutiveFailures: 1 });
    });

    it('filters by object type and id', async () => {
      const page = await list(`?objectType=user&objectId=${targetId}`);
      assert.deepEqual(
        page.items.map((e) => e.action),
        ['user.updated', 'user.created'],
      );
      assert.equal((await list(`?objectType=org_unit&objectId=${targetId}`)).total, 0);
    });

    it('filters by time: from and to are inclusive bounds', async () => {
      const between = (from: string, to?: string) =>
        list(`?from=${encodeURIComponent(from)}${to ? `&to=${encodeURIComponent(to)}` : ''}&pageSize=200`);
      const january = await between('2020-01-01T00:00:00Z', '2020-02-01T00:00:00+08:00');
      assert.equal(january.total, 1);
      const early = january.items[0];
      assert.match(early?.occurredAt ?? '', /^2020-01-15T08:00/);
      assert.deepEqual(early?.detail?.after, {
        username: 'early.one',
        displayName: '早一',
        orgUnitId: await orgUnitId(t, '示例区工商联'),
      });
      const exact = await between(early?.occurredAt ?? '', early?.occurredAt);
      assert.deepEqual(
        exact.items.map((e) => e.seq),
        [early?.seq],
      );
      const since = await between('2020-02-01T00:00:00Z');
      assert.equal(since.total, (await count('audit_events')) - 1);
      assert.ok(since.items.every((e) => e.seq !== early?.seq));
      const until = await list(`?to=${encodeURIComponent('2020-12-31T23:59:59Z')}`);
      assert.deepEqual(
        until.items.map((e) => e.occurredAt.slice(0, 7)),
        ['2020-03', '2020-01'],
      );
    });

    it('refuses malformed filters with 400, saying in Chinese what to fix', async () => {
      const cases: [string, RegExp][] = [
        ['?from=yesterday', /开始时间须为带时区的时间/],
        ['?to=2020-01-01', /结束时间须为带时区的时间/],
        ['?result=maybe', /结果须为/],
        ['?action=auth.nope', /未知的操作.*auth\.nope/],
        [`?action=${encodeURIComponent('user.created,登录')}`, /未知的操作.*登录/],
        ['?group=hr', /未知的操作分类/],
        ['?objectType=lamp', /未知的对象类型/],
        [
          `?from=${encodeURIComponent('2020-02-01T00:00:00Z')}&to=${encodeURIComponent('2020-01-01T00:00:00Z')}`,
          /开始时间不能晚于结束时间/,
        ],
        [`?object=${'x'.repeat(101)}`, /对象最多 100 个字/],
        ['?seq=3', /./],
        ['?pageSize=0', /./],
      ];
      for (const [query, message] of cases) {
        const response = await t.request({ url: `/api/audit-events${query}`, cookie: auditor });
        assert.equal(response.statusCode, 400, query);
        const { error } = json<ErrorJson>(response);
        assert.equal(error.code, 'VALIDATION_FAILED', query);
        assert.match(error.message, /提交的数据有误/, query);
        assert.match((error.details ?? []).map((d) => d.message).join(' '), message, query);
      }
    });
  });

  describe('export', () => {
    const exportXlsx = (query: string) =>
      t.request({ url: `/api/audit-events/export.xlsx${query}`, cookie: auditor });

    it('exports the matching records as readable .xlsx, in seq order, and audits the export', async () => {
      const expected = (
        await t.database.pool.query<{ seq: number }>(
          "SELECT seq FROM audit_events WHERE action IN ('user.created', 'user.updated') ORDER BY seq",
        )
      ).rows.map((r) => r.seq);
      const response = await exportXlsx(`?action=${encodeURIComponent('user.created,user.updated')}`);
      assert.equal(response.statusCode, 200);
      assert.equal(
        response.headers['content-type'],
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      assert.match(
        String(response.headers['content-disposition']),
        /^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.xlsx"/,
      );
      const sheet = await readWorkbook(response);
      assert.deepEqual(rowValues(sheet, 1), HEADERS);
      assert.equal(sheet.rowCount - 1, expected.length);
      assert.deepEqual(
        expected.map((_, i) => rowValues(sheet, i + 2)[0]),
        expected,
      );
      const first = rowValues(sheet, 2);
      const cell = (header: string) => first[COLUMN[header]!];
      assert.match(String(cell('时间')), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      assert.equal(cell('操作人'), '系统管理员（sysadmin）');
      assert.equal(cell('角色'), '系统管理员');
      assert.equal(cell('分类'), '账号与登录');
      assert.equal(cell('操作'), '新建账号');
      assert.equal(cell('对象类型'), '账号');
      assert.equal(cell('对象'), 'audit.target（审计对象（改））');
      assert.equal(cell('结果'), '成功');
      assert.equal(cell('详情'), '用户名：audit.target\n姓名：审计对象\n所属单位：示例区工商联');
      assert.equal(cell('操作代码'), 'user.created');
      assert.equal(cell('对象标识'), targetId);
      assert.match(String(cell('校验值 (HMAC-SM3)')), /^[0-9a-f]{64}$/);

      const { rows } = await t.database.pool.query<{ seq: number; actor_name: string; detail: unknown }>(
        "SELECT seq, actor_name, detail FROM audit_events WHERE action = 'audit.exported' ORDER BY seq DESC LIMIT 1",
      );
      assert.equal(rows[0]?.actor_name, 'auditor');
      assert.deepEqual(rows[0]?.detail, {
        filter: { action: ['user.created', 'user.updated'] },
        rows: expected.length,
        upToSeq: (rows[0]?.seq ?? 0) - 1,
      });
    });

    it('exports the filtered records by record key: the appeal by its number', async () => {
      const sheet = await readWorkbook(await exportXlsx(`?object=${APPEAL_NUMBER}`));
      assert.equal(sheet.rowCount, 2);
      const row = rowValues(sheet, 2);
      assert.equal(row[COLUMN['操作']!], '受理诉求');
      assert.equal(row[COLUMN['操作人']!], '王晓燕（staff）');
      assert.equal(row[COLUMN['对象']!], `${APPEAL_NUMBER} 测试诉求`);
      assert.match(String(row[COLUMN['详情']!]), /原状态：待受理 *\n新状态：已受理/);
    });

    it('opens in LibreOffice with its Chinese names', { skip: libreOfficeSkip() }, async () => {
      const response = await exportXlsx(
        `?action=${encodeURIComponent('appeal.mark_valid,enterprise.created')}`,
      );
      assert.equal(response.statusCode, 200);
      const pdf = await officeToPdf(response.rawPayload, 'xlsx');
      for (const text of [
        '操作人',
        '受理诉求',
        '新增会员企业',
        APPEAL_NUMBER,
        ENTERPRISE,
        '王晓燕（staff）',
      ]) {
        assert.ok(pdf.text.includes(text), `${text} in the PDF`);
      }
    });

    it('an unfiltered export holds exactly as many rows as its audit record says', async () => {
      const before = await count('audit_events');
      const response = await exportXlsx('');
      assert.equal(response.statusCode, 200);
      const sheet = await readWorkbook(response);
      const { rows } = await t.database.pool.query<{
        seq: number;
        detail: { rows: number; upToSeq: number };
      }>("SELECT seq, detail FROM audit_events WHERE action = 'audit.exported' ORDER BY seq DESC LIMIT 1");
      assert.equal(rows[0]?.detail.rows, before);
      assert.equal(sheet.rowCount - 1, before);
      // The last row is the last record before the export's own.
      assert.equal(rows[0]?.detail.upToSeq, (rows[0]?.seq ?? 0) - 1);
      assert.equal(rowValues(sheet, sheet.rowCount)[0], rows[0]?.detail.upToSeq);
    });

    it('writes a cell that would start a formula as text with a leading apostrophe', async () => {
      // A failed login records the name typed, which may be anything.
      const attempt = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        body: { username: FORMULA, password: DEMO_PASSWORD },
      });
      assert.equal(attempt.statusCode, 401);
      await createUser('formula.name', FORMULA);

      const response = await exportXlsx(`?actor=${encodeURIComponent('=cmd')}`);
      const sheet = await readWorkbook(response);
      assert.equal(sheet.rowCount, 2);
      const cell = sheet.getRow(2).getCell(3);
      assert.equal(cell.type, ExcelJS.ValueType.String);
      assert.equal(cell.value, `'${FORMULA}`);

      // The display name reaches the sheet inside the labelled detail, which starts with its first label.
      const created = await readWorkbook(await exportXlsx('?action=user.created&actor=sysadmin'));
      const detail = String(rowValues(created, created.rowCount)[COLUMN['详情']!]);
      assert.ok(detail.startsWith('用户名：formula.name'), detail);
      assert.ok(detail.includes(FORMULA));
    });

    it('refuses unknown query parameters with 400 and records no export', async () => {
      const exports = await count("audit_events WHERE action = 'audit.exported'");
      const response = await exportXlsx('?format=csv');
      assert.equal(response.statusCode, 400);
      assert.equal(await count("audit_events WHERE action = 'audit.exported'"), exports);
    });
  });

  describe('verification and storage', () => {
    it('verifies the whole chain: ok, every record checked', async () => {
      const response = await t.request({ url: '/api/audit-events/verify', cookie: auditor });
      assert.equal(response.statusCode, 200);
      const result = json<VerifyJson>(response);
      assert.equal(result.ok, true);
      assert.equal(result.checked, await count('audit_events'));
      assert.equal(result.firstBrokenSeq, null);
    });

    it('is append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
      const before = await count('audit_events');
      for (const statement of [
        "UPDATE audit_events SET action = 'x' WHERE seq = 1",
        'DELETE FROM audit_events WHERE seq = 1',
        'DELETE FROM audit_events',
        'TRUNCATE audit_events',
      ]) {
        await assert.rejects(t.database.pool.query(statement), /append-only/, statement);
      }
      assert.equal(await count('audit_events'), before);
      assert.equal(await count("audit_events WHERE seq = 1 AND action = 'system.seeded'"), 1);
    });
  });

  describe('who may read it', () => {
    const routes = ['/api/audit-events', '/api/audit-events/export.xlsx', '/api/audit-events/verify'];

    it('every role but the audit administrator gets 403; nothing is exported', async () => {
      const exports = await count("audit_events WHERE action = 'audit.exported'");
      for (const username of DEMO_ROLE_ACCOUNTS.filter((name) => name !== 'auditor')) {
        const cookie = await t.sessionFor(await t.userId(username));
        for (const url of routes) {
          const response = await t.request({ url, cookie });
          assert.equal(response.statusCode, 403, `${username} ${url}`);
          assert.equal(json<ErrorJson>(response).error.code, 'FORBIDDEN');
        }
      }
      assert.equal(await count("audit_events WHERE action = 'audit.exported'"), exports);
      assert.equal(await count("audit_events WHERE action = 'access.denied' AND actor_name = 'secadmin'"), 3);
    });

    it('anonymous callers get 401', async () => {
      for (const url of routes) {
        const response = await t.request({ url });
        assert.equal(response.statusCode, 401, url);
        assert.equal(json<ErrorJson>(response).error.code, 'UNAUTHENTICATED');
      }
    });
  });
});

describe('audit chain tampering', () => {
  let t: TestApp;
  let auditor: string;
  const verify = async () =>
    json<VerifyJson>(await t.request({ url: '/api/audit-events/verify', cookie: auditor }));

  /** What only a database superuser can do: switch the append-only trigger off for one statement. */
  const tamper = async (statement: string) => {
    await t.database.pool.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change');
    try {
      await t.database.pool.query(statement);
    } finally {
      await t.database.pool.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change');
    }
  };

  before(async () => {
    t = await setupTestApp();
    for (const username of ['staff', 'leader', 'secretary', 'liaison']) await t.signIn(username);
    auditor = await t.signIn('auditor');
  });
  after(() => t.close());

  it('finds a deleted record and names the record after the gap', async () => {
    const before = await verify();
    assert.equal(before.ok, true);
    assert.equal(before.checked, 6);
    // One writer at a time: every record is in the first lane, numbered 1…6 there.
    const { rows } = await t.database.pool.query<{ lane: number; lane_seq: string }>(
      'SELECT lane, lane_seq FROM audit_events ORDER BY seq',
    );
    assert.deepEqual(
      rows.map((row) => [row.lane, Number(row.lane_seq)]),
      [1, 2, 3, 4, 5, 6].map((n) => [1, n]),
    );
    await tamper('DELETE FROM audit_events WHERE seq = 5');
    const after = await verify();
    assert.equal(after.ok, false);
    assert.equal(after.firstBrokenSeq, 6);
    assert.equal(after.checked, 4);
    assert.match(after.reason ?? '', /record missing/);
  });

  it('finds a changed record: ok false, firstBrokenSeq 3', async () => {
    await tamper("UPDATE audit_events SET action = 'x' WHERE seq = 3");
    const result = await verify();
    assert.equal(result.ok, false);
    assert.equal(result.firstBrokenSeq, 3);
    assert.equal(result.checked, 2);
    assert.match(result.reason ?? '', /hmac mismatch/);
    // The trigger is back on: the tampering cannot be repeated without a superuser.
    await assert.rejects(
      t.database.pool.query("UPDATE audit_events SET action = 'y' WHERE seq = 3"),
      /append-only/,
    );
  });
});

describe('audit chain lanes under concurrent writers', () => {
  let t: TestApp;
  before(async () => {
    t = await setupTestApp({ demo: false });
  });
  after(() => t.close());

  const context = { actorId: null, actorName: 'lanes', actorRoles: [], ip: null, requestId: null };
  const verify = () => verifyAuditChain(t.database.pool, Buffer.from(TEST_AUDIT_KEY));

  it('writers that overlap take other lanes; every lane verifies; a transaction keeps its lane', async () => {
    const writers = 12;
    // Each writer holds its lane until all have written, so that none can reuse a lane freed early.
    let written = 0;
    let release!: () => void;
    const allWritten = new Promise<void>((resolve) => (release = resolve));
    await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        t.database.db.transaction(async (tx) => {
          await t.ctx.audit.record(tx, context, { action: 'system.seeded', detail: { i } });
          await t.ctx.audit.record(tx, context, { action: 'access.denied', detail: { i } });
          if (++written === Math.min(writers, 8)) release();
          await Promise.race([allWritten, new Promise((resolve) => setTimeout(resolve, 2000))]);
        }),
      ),
    );
    const { rows } = await t.database.pool.query<{ lanes: number; split: number; records: number }>(
      `SELECT count(DISTINCT lane)::int AS lanes, count(*)::int AS records,
         (SELECT count(*)::int FROM (
            SELECT detail->>'i' FROM audit_events WHERE actor_name = 'lanes'
            GROUP BY 1 HAVING count(DISTINCT lane) > 1) AS moved) AS split
       FROM audit_events WHERE actor_name = 'lanes'`,
    );
    assert.equal(rows[0]!.records, writers * 2);
    assert.equal(rows[0]!.lanes, 8, 'eight writers at once fill the eight lanes');
    assert.equal(rows[0]!.split, 0, 'both records of a transaction are in one lane');
    const result = await verify();
    assert.deepEqual(result, {
      checked: await t.database.pool
        .query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events')
        .then((r) => r.rows[0]!.n),
      ok: true,
      firstBrokenSeq: null,
      reason: null,
    });
  });

  it('a record changed in another lane than the first is found', async () => {
    const { rows } = await t.database.pool.query<{ seq: string }>(
      "SELECT seq::text FROM audit_events WHERE lane = 5 AND actor_name = 'lanes' ORDER BY lane_seq LIMIT 1",
    );
    const seq = Number(rows[0]!.seq);
    await t.database.pool.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change');
    try {
      await t.database.pool.query('UPDATE audit_events SET detail = \'{"i": 99}\' WHERE seq = $1', [seq]);
    } finally {
      await t.database.pool.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change');
    }
    const result = await verify();
    assert.equal(result.ok, false);
    assert.equal(result.firstBrokenSeq, seq);
    assert.match(result.reason ?? '', /hmac mismatch/);
  });
});
