// Tests of the 台账 ledgers: the member, visit and appeal ledgers read back cell by cell (title, filing line,
// header, rows, total line, frozen header, A4 landscape print setup with the header repeated), the period
// and unit rules, who may export, the audit record, many rows in keyset batches — and each ledger opened
// in LibreOffice and converted to PDF, its text and page count checked.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
// exceljs's streaming parser with its UTF-8 decoding fixed, before exceljs itself loads.
import '../../core/office/exceljs-utf8.ts';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { eq } from 'drizzle-orm';
import { orgUnits } from '../../db/schema/index.ts';
import { insertEnterprises } from '../enterprises/service.ts';
import { insertOrgUnit } from '../org-units/service.ts';
import { orgUnitId, setupTestApp, type TestApp } from '../../test/harness.ts';
import { libreOfficeSkip, officeToPdf, pdfText } from '../../test/libreoffice.ts';
import { buildRegistryWorld, worldUscc, type RegistryWorld } from '../../test/registry-world.ts';
import { ledgerPeriod, quarterOf } from './service.ts';

type Sheet = ExcelJS.Worksheet;

async function sheetOf(response: LightMyRequestResponse): Promise<Sheet> {
  assert.equal(response.statusCode, 200, response.body.slice(0, 300));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

/** The values of a row, without exceljs's leading hole; empty cells as ''. */
function rowValues(sheet: Sheet, rowNumber: number): unknown[] {
  const width = sheet.getRow(3).cellCount;
  return Array.from({ length: width }, (_, i) => sheet.getRow(rowNumber).getCell(i + 1).value ?? '');
}

/** Data rows: from below the header to before the total line. */
function dataRows(sheet: Sheet): unknown[][] {
  const rows: unknown[][] = [];
  for (let n = 4; n < sheet.rowCount; n++) rows.push(rowValues(sheet, n));
  return rows;
}

function column(sheet: Sheet, header: string): number {
  const index = rowValues(sheet, 3).indexOf(header);
  assert.ok(index >= 0, `no column ${header}`);
  return index;
}

const totalLine = (sheet: Sheet) => String(sheet.getRow(sheet.rowCount).getCell(1).value);

describe('ledger periods', () => {
  it('finds the quarter of a day', () => {
    assert.deepEqual(quarterOf('2026-08-15'), { from: '2026-07-01', to: '2026-09-30' });
    assert.deepEqual(quarterOf('2026-12-31'), { from: '2026-10-01', to: '2026-12-31' });
    assert.deepEqual(quarterOf('2024-02-29'), { from: '2024-01-01', to: '2024-03-31' });
  });

  it('defaults to this quarter in Asia/Shanghai, and refuses inverted or longer than five years', () => {
    // 2026-09-30 16:30 UTC is already 1 October in Shanghai: the fourth quarter.
    const now = new Date('2026-09-30T16:30:00Z');
    assert.deepEqual(ledgerPeriod({}, now), { from: '2026-10-01', to: '2026-12-31' });
    assert.deepEqual(ledgerPeriod({ from: '2026-01-01', to: '2026-01-31' }, now), {
      from: '2026-01-01',
      to: '2026-01-31',
    });
    assert.deepEqual(ledgerPeriod({ from: '2022-01-01' }, now), { from: '2022-01-01', to: '2026-12-31' });
    assert.throws(() => ledgerPeriod({ from: '2026-03-02', to: '2026-03-01' }, now), /VALIDATION_FAILED/);
    assert.throws(() => ledgerPeriod({ from: '2021-09-30' }, now), /VALIDATION_FAILED/);
  });
});

describe('ledgers', () => {
  let t: TestApp;
  let world: RegistryWorld;
  let staffId: string;
  let secondDepartment: string;
  const q2 = 'from=2026-04-01&to=2026-06-30';

  const get = (cookie: string, kind: string, query = '') =>
    t.request({ url: `/api/ledgers/${kind}.xlsx${query ? `?${query}` : ''}`, cookie });
  const lastAudit = async () =>
    (
      await t.database.pool.query<{ actor_name: string; object_id: string; detail: Record<string, unknown> }>(
        "SELECT actor_name, object_id, detail FROM audit_events WHERE action = 'ledger.exported' ORDER BY seq DESC LIMIT 1",
      )
    ).rows[0]!;

  before(async () => {
    t = await setupTestApp();
    world = await buildRegistryWorld(t);
    staffId = await t.userId('w-staff');
    const db = t.database.db;
    const today = '2026-06-15';
    const [district] = await db.select().from(orgUnits).where(eq(orgUnits.id, world.district));
    secondDepartment = (await insertOrgUnit(db, district!, { kind: 'department', name: '测试区税务局' })).id;

    // Members besides the world's: one who joined long ago, one who joins after the period, one applying,
    // and one who left before the period.
    await db.transaction((tx) =>
      insertEnterprises(
        tx,
        [
          {
            name: '静安老会员有限公司',
            uscc: worldUscc(20),
            orgUnitId: world.jingan,
            industryCode: '6513',
            size: 'small',
            legalRepresentative: '@张三',
            membership: { joinedOn: '2020-01-01' },
          },
          {
            name: '后来入会有限公司',
            uscc: worldUscc(21),
            orgUnitId: world.jingan,
            membership: { joinedOn: '2026-08-01' },
          },
          {
            name: '申请中有限公司',
            uscc: worldUscc(22),
            orgUnitId: world.jingan,
            membership: { status: 'applying' },
          },
          {
            name: '早已退会有限公司',
            uscc: worldUscc(23),
            orgUnitId: world.jingan,
            membership: { status: 'withdrawn', statusOn: '2025-12-01', joinedOn: '2019-01-01' },
          },
        ],
        { actorId: staffId, today },
      ),
    );

    const { smart, catering, pharma, building } = world.enterprises;
    const visit = (values: string) =>
      t.database.pool.query(
        `INSERT INTO visits (enterprise_id, org_unit_id, kind, status, planned_on, visited_on, visitor_ids,
           leader_names, department_ids, brought, notes)
         SELECT e.id, e.org_unit_id, v.kind, v.status, v.planned_on::date, v.visited_on::date, ARRAY[$1::uuid],
           v.leaders::text[], v.departments::uuid[], v.brought::text[], v.notes
         FROM (VALUES ${values}) AS v (enterprise_id, kind, status, planned_on, visited_on, leaders, departments, brought, notes)
         JOIN enterprises e ON e.id = v.enterprise_id::uuid`,
        [staffId],
      );
    await visit(`
      ('${smart}', 'directed', 'done', NULL, '2026-05-10', '{王主席}', '{${world.department},${secondDepartment}}', '{policy,warmth}', '=HYPERLINK("http://evil.example")'),
      ('${pharma}', 'care', 'done', NULL, '2026-06-01', '{}', '{}', '{warmth}', '送去防暑物资，了解企业高温季节的生产安排和用工情况。企业反映电费负担较重，已登记为诉求。'),
      ('${smart}', 'joint', 'done', NULL, '2026-06-30', '{}', '{}', '{}', NULL),
      ('${catering}', 'directed', 'planned', '2026-06-20', NULL, '{}', '{}', '{}', NULL),
      ('${building}', 'research', 'done', NULL, '2026-03-31', '{}', '{}', '{}', NULL)`);

    const { rows: channels } = await t.database.pool.query<{ id: string; department_id: string }>(
      `INSERT INTO channels (org_unit_id, department_id, name) VALUES ($1, $2, '金融办通道'), ($1, $3, '税务局通道')
       RETURNING id, department_id`,
      [world.district, world.department, secondDepartment],
    );
    const channelOf = (department: string) => channels.find((c) => c.department_id === department)!.id;
    const appeal = async (spec: {
      number: string;
      enterprise: string;
      category: string;
      receivedAt: string;
      state: string;
      respondDueAt?: string;
      resolveDueAt?: string;
      respondedAt?: string;
      answeredAt?: string;
      outcome?: string;
      satisfaction?: string;
      overdue?: boolean;
      forwards?: { department: string; at: string; state: string }[];
    }) => {
      const { rows } = await t.database.pool.query<{ id: string; org_unit_id: string }>(
        `INSERT INTO appeals (number, enterprise_id, org_unit_id, category_code, title, description, source,
           urgency, state, received_at, received_on, respond_due_at, resolve_due_at, responded_at, answered_at,
           outcome, satisfaction, overdue)
         SELECT $1, e.id, e.org_unit_id, $3, $1 || ' 的诉求', '诉求内容', 'visit', 'urgent', $4, $5,
           ($5::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, $6, $7, $8, $9, $10, $11, $12
         FROM enterprises e WHERE e.id = $2
         RETURNING id, org_unit_id`,
        [
          spec.number,
          spec.enterprise,
          spec.category,
          spec.state,
          spec.receivedAt,
          spec.respondDueAt ?? null,
          spec.resolveDueAt ?? null,
          spec.respondedAt ?? null,
          spec.answeredAt ?? null,
          spec.outcome ?? null,
          spec.satisfaction ?? null,
          spec.overdue ?? false,
        ],
      );
      const inserted = rows[0]!;
      for (const forward of spec.forwards ?? []) {
        await t.database.pool.query(
          `INSERT INTO appeal_forwards (appeal_id, round, department_id, channel_id, org_unit_id, category_code,
             state, forwarded_at, forwarded_on, respond_due_at, resolve_due_at)
           VALUES ($1, 1, $2, $3, $4, $5, $6, $7, ($7::timestamptz AT TIME ZONE 'Asia/Shanghai')::date,
             $7::timestamptz + interval '2 days', $7::timestamptz + interval '15 days')`,
          [
            inserted.id,
            forward.department,
            channelOf(forward.department),
            inserted.org_unit_id,
            spec.category,
            forward.state,
            forward.at,
          ],
        );
      }
    };
    await appeal({
      number: 'SQ2026T00001',
      enterprise: smart,
      category: 'financing',
      receivedAt: '2026-04-10T02:00:00Z',
      state: 'closed',
      respondDueAt: '2026-04-14T15:59:59Z',
      resolveDueAt: '2026-04-30T15:59:59Z',
      respondedAt: '2026-04-11T01:30:00Z',
      answeredAt: '2026-04-20T06:05:00Z',
      outcome: 'resolved',
      satisfaction: 'satisfied',
      forwards: [
        { department: secondDepartment, at: '2026-04-10T03:00:00Z', state: 'returned' },
        { department: world.department, at: '2026-04-10T05:00:00Z', state: 'resolved' },
      ],
    });
    await appeal({
      number: 'SQ2026T00002',
      enterprise: pharma,
      category: 'tax',
      receivedAt: '2026-05-20T01:00:00Z',
      state: 'in_progress',
      resolveDueAt: '2026-06-05T15:59:59Z',
      overdue: true,
      forwards: [{ department: secondDepartment, at: '2026-05-20T02:00:00Z', state: 'accepted' }],
    });
    // Received at 23:30 on 30 June in Shanghai (15:30 UTC): in the second quarter.
    await appeal({
      number: 'SQ2026T00003',
      enterprise: building,
      category: 'legal',
      receivedAt: '2026-06-30T15:30:00Z',
      state: 'submitted',
    });
    await appeal({
      number: 'SQ2026T00004',
      enterprise: catering,
      category: 'rent',
      receivedAt: '2026-06-30T16:30:00Z',
      state: 'submitted',
    });
    await appeal({
      number: 'SQ2026T00005',
      enterprise: catering,
      category: 'permits',
      receivedAt: '2026-04-02T01:00:00Z',
      state: 'answered',
      resolveDueAt: '2026-04-20T15:59:59Z',
      answeredAt: '2026-04-25T02:00:00Z',
      outcome: 'unsolvable',
    });
  });
  after(() => t.close());

  describe('member ledger', () => {
    it('lays out the title, filing line, header, rows and total, and audits the export', async () => {
      const response = await get(world.cookies.staff, 'members');
      assert.match(String(response.headers['content-type']), /spreadsheetml\.sheet/);
      assert.match(
        decodeURIComponent(String(response.headers['content-disposition'])),
        /测试区工商联会员企业台账（2026-04-01至2026-06-30）\.xlsx/,
      );
      const sheet = await sheetOf(response);
      assert.equal(sheet.name, '会员企业台账');

      const title = sheet.getCell('A1');
      assert.equal(title.value, '测试区工商联会员企业台账');
      assert.equal(title.font.bold, true);
      assert.ok(title.font.size! > 14);
      assert.equal(title.isMerged, true);
      assert.equal(sheet.getCell('M1').master.address, 'A1');
      const filing = String(sheet.getCell('A2').value);
      assert.match(filing, /填报单位：测试区工商联/);
      assert.match(filing, /统计期间：2026-04-01 至 2026-06-30/);
      assert.match(filing, /生成时间：2026-06-15 16:00/, 'the clock, in Asia/Shanghai');

      assert.deepEqual(rowValues(sheet, 3), [
        '序号',
        '企业名称',
        '统一社会信用代码',
        '所属单位',
        '所属行业',
        '企业规模',
        '会员类型',
        '法定代表人',
        '联系人',
        '联系电话',
        '入会日期',
        '状态',
        '退会日期',
      ]);
      const header = sheet.getCell('B3');
      assert.equal(header.font.bold, true);
      assert.equal(header.border.bottom?.style, 'thin');
      assert.equal((header.fill as ExcelJS.FillPattern).pattern, 'solid');
      assert.equal(header.alignment.wrapText, true);
      assert.equal(sheet.getColumn(2).width, 30);

      const rows = dataRows(sheet);
      const name = column(sheet, '企业名称');
      const byName = new Map(rows.map((row) => [row[name], row]));
      assert.deepEqual(
        [...byName.keys()].sort(),
        [
          '申请中有限公司',
          '测试区建材有限公司',
          '长宁餐饮管理有限公司',
          '长宁智能科技有限公司',
          '静安老会员有限公司',
          '静安物流有限公司',
          '静安医药有限公司',
        ].sort(),
        'joined by the period’s end, and those who left in it; not merged, later or long-gone members',
      );
      assert.deepEqual(
        rows.map((row) => row[0]),
        [1, 2, 3, 4, 5, 6, 7],
      );
      const smart = byName.get('长宁智能科技有限公司')!;
      assert.equal(smart[column(sheet, '统一社会信用代码')], worldUscc(1));
      assert.equal(smart[column(sheet, '所属单位')], '长宁街道工商联');
      assert.equal(smart[column(sheet, '联系人')], '周敏');
      assert.equal(smart[column(sheet, '联系电话')], '13800001111');
      assert.equal(smart[column(sheet, '入会日期')], '2026-06-15');
      assert.equal(smart[column(sheet, '状态')], '正常');
      const old = byName.get('静安老会员有限公司')!;
      assert.equal(old[column(sheet, '所属行业')], '应用软件开发');
      assert.equal(old[column(sheet, '企业规模')], '小');
      assert.equal(old[column(sheet, '会员类型')], '企业会员');
      assert.equal(old[column(sheet, '法定代表人')], "'@张三", 'formula-looking text is escaped');
      const left = byName.get('静安物流有限公司')!;
      assert.equal(left[column(sheet, '状态')], '退会');
      assert.equal(left[column(sheet, '退会日期')], '2026-06-15');
      assert.equal(byName.get('申请中有限公司')![column(sheet, '状态')], '申请中');
      assert.equal(sheet.getCell('B4').border.left?.style, 'thin');

      assert.equal(totalLine(sheet), '合计：会员企业 7 家，其中本期入会 4 家，本期退会 1 家。');
      assert.equal(sheet.getCell(`A${sheet.rowCount}`).isMerged, true);

      const audit = await lastAudit();
      assert.equal(audit.actor_name, 'w-staff');
      assert.equal(audit.object_id, world.district);
      assert.deepEqual(audit.detail, {
        kind: 'members',
        orgUnitId: world.district,
        orgUnitName: '测试区工商联',
        from: '2026-04-01',
        to: '2026-06-30',
        rows: 7,
      });
    });

    it('freezes the header and prints A4 landscape, one page wide, the header on every page, numbered', async () => {
      const sheet = await sheetOf(await get(world.cookies.staff, 'members', q2));
      const view = sheet.views[0] as ExcelJS.WorksheetViewFrozen;
      assert.equal(view.state, 'frozen');
      assert.equal(view.ySplit, 3);
      assert.equal(sheet.pageSetup.orientation, 'landscape');
      assert.equal(sheet.pageSetup.paperSize, 9);
      assert.equal(sheet.pageSetup.fitToPage, true);
      assert.equal(sheet.pageSetup.fitToWidth, 1);
      assert.equal(sheet.pageSetup.fitToHeight, 0);
      assert.equal(sheet.pageSetup.printTitlesRow, '3:3');
      assert.match(String(sheet.headerFooter.oddFooter), /第 &P 页 共 &N 页/);
    });

    it('covers a unit of the subtree when asked, and a leader may export too', async () => {
      const sheet = await sheetOf(await get(world.cookies.leader, 'members', `orgUnitId=${world.changning}`));
      assert.equal(sheet.getCell('A1').value, '长宁街道工商联会员企业台账');
      const name = column(sheet, '企业名称');
      assert.deepEqual(
        dataRows(sheet)
          .map((row) => row[name])
          .sort(),
        ['长宁智能科技有限公司', '长宁餐饮管理有限公司'].sort(),
      );
    });

    it('another district’s staff see none of this district’s members', async () => {
      const sheet = await sheetOf(await get(world.cookies.outsiderStaff, 'members', q2));
      const name = column(sheet, '企业名称');
      assert.ok(!dataRows(sheet).some((row) => String(row[name]).startsWith('长宁')));
    });
  });

  describe('visit ledger', () => {
    it('lists the visits made in the period with who went and what was brought', async () => {
      const sheet = await sheetOf(await get(world.cookies.staff, 'visits', q2));
      assert.equal(sheet.getCell('A1').value, '测试区工商联走访企业台账');
      assert.deepEqual(rowValues(sheet, 3), [
        '序号',
        '走访日期',
        '走访企业',
        '所属单位',
        '走访类型',
        '走访人员',
        '参加领导',
        '联合走访部门',
        '走访内容',
        '所属走访计划',
        '走访情况',
      ]);
      const rows = dataRows(sheet);
      assert.deepEqual(
        rows.map((row) => [row[1], row[2]]),
        [
          ['2026-05-10', '长宁智能科技有限公司'],
          ['2026-06-01', '静安医药有限公司'],
          ['2026-06-30', '长宁智能科技有限公司'],
        ],
        'done visits of the period, by day; not planned ones nor those of another quarter',
      );
      const first = rows[0]!;
      assert.equal(first[column(sheet, '走访类型')], '定向走访');
      assert.equal(first[column(sheet, '走访人员')], 'w-staff');
      assert.equal(first[column(sheet, '参加领导')], '王主席');
      assert.equal(first[column(sheet, '联合走访部门')], '测试区金融办、测试区税务局');
      assert.equal(first[column(sheet, '走访内容')], '送政策、送温暖');
      assert.equal(first[column(sheet, '走访情况')], `'=HYPERLINK("http://evil.example")`);
      assert.equal(rows[1]![column(sheet, '走访类型')], '送温暖/送清凉');
      assert.ok(
        sheet.getRow(5).height > sheet.getRow(4).height,
        'a row with long notes is made tall enough for its wrapped lines',
      );
      assert.equal(totalLine(sheet), '合计：走访 3 次，涉及会员企业 2 家。');
      assert.equal((await lastAudit()).detail.kind, 'visits');
    });

    it('streams thousands of rows in keyset batches, in order, each once', async () => {
      await t.database.pool.query(
        `INSERT INTO visits (enterprise_id, org_unit_id, kind, status, visited_on, visitor_ids)
         SELECT $1, $2, 'directed', 'done', DATE '2025-01-01' + (n % 90), ARRAY[$3::uuid]
         FROM generate_series(1, 4100) AS n`,
        [world.enterprises.building, world.district, staffId],
      );
      const sheet = await sheetOf(await get(world.cookies.staff, 'visits', 'from=2025-01-01&to=2025-03-31'));
      const rows = dataRows(sheet);
      assert.equal(rows.length, 4100);
      assert.deepEqual(
        rows.map((row) => row[0]),
        Array.from({ length: 4100 }, (_, i) => i + 1),
      );
      const days = rows.map((row) => String(row[1]));
      assert.deepEqual(days, [...days].sort());
      assert.equal(totalLine(sheet), '合计：走访 4100 次，涉及会员企业 1 家。');
      assert.equal((await lastAudit()).detail.rows, 4100);
    });
  });

  describe('appeal ledger', () => {
    it('lists the appeals received in the period with their departments, deadlines, outcome and lateness', async () => {
      const sheet = await sheetOf(await get(world.cookies.staff, 'appeals', q2));
      assert.equal(sheet.getCell('A1').value, '测试区工商联会员企业诉求办理台账');
      assert.deepEqual(rowValues(sheet, 3), [
        '序号',
        '诉求编号',
        '受理日期',
        '企业名称',
        '诉求类别',
        '诉求事项',
        '来源',
        '紧急程度',
        '办理状态',
        '承办部门',
        '响应时限',
        '办结时限',
        '响应时间',
        '答复时间',
        '办理结果',
        '满意度',
        '是否超期',
      ]);
      const rows = dataRows(sheet);
      assert.deepEqual(
        rows.map((row) => [row[1], row[2]]),
        [
          ['SQ2026T00005', '2026-04-02'],
          ['SQ2026T00001', '2026-04-10'],
          ['SQ2026T00002', '2026-05-20'],
          ['SQ2026T00003', '2026-06-30'],
        ],
        'received in the period (the Shanghai day), by day',
      );
      const cell = (row: unknown[], header: string) => row[column(sheet, header)];
      const closed = rows[1]!;
      assert.equal(cell(closed, '企业名称'), '长宁智能科技有限公司');
      assert.equal(cell(closed, '诉求类别'), '融资');
      assert.equal(cell(closed, '来源'), '走访');
      assert.equal(cell(closed, '紧急程度'), '紧急');
      assert.equal(cell(closed, '办理状态'), '已办结');
      assert.equal(cell(closed, '承办部门'), '测试区税务局、测试区金融办', 'in the order first forwarded');
      assert.equal(cell(closed, '响应时限'), '2026-04-14');
      assert.equal(cell(closed, '办结时限'), '2026-04-30');
      assert.equal(cell(closed, '响应时间'), '2026-04-11 09:30');
      assert.equal(cell(closed, '答复时间'), '2026-04-20 14:05');
      assert.equal(cell(closed, '办理结果'), '已解决');
      assert.equal(cell(closed, '满意度'), '满意');
      assert.equal(cell(closed, '是否超期'), '否');
      assert.equal(cell(rows[0]!, '办理结果'), '已解释无法解决');
      assert.equal(cell(rows[0]!, '是否超期'), '是', 'answered after the deadline');
      assert.equal(cell(rows[2]!, '办理状态'), '办理中');
      assert.equal(cell(rows[2]!, '是否超期'), '是', 'open and marked overdue');
      assert.equal(cell(rows[3]!, '承办部门'), '');
      assert.equal(cell(rows[3]!, '办理状态'), '待受理');
      assert.equal(
        totalLine(sheet),
        '合计：受理诉求 4 件，涉及会员企业 4 家；已解决 1 件，已解释无法解决 1 件，超期 2 件。',
      );
    });

    it('an empty period still gives the layout, with a zero total', async () => {
      const sheet = await sheetOf(await get(world.cookies.staff, 'appeals', 'from=2024-01-01&to=2024-12-31'));
      assert.equal(sheet.rowCount, 4);
      assert.equal(rowValues(sheet, 3)[1], '诉求编号');
      assert.match(totalLine(sheet), /受理诉求 0 件/);
    });
  });

  describe('refusals', () => {
    const problem = (response: LightMyRequestResponse) => {
      assert.equal(response.statusCode, 400, response.body);
      const error = response.json().error as { code: string; details: { path: string; message: string }[] };
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.ok(
        error.details.every((detail) => /[\u4e00-\u9fff]/.test(detail.message)),
        'Chinese messages',
      );
      return error.details.map((detail) => detail.path);
    };

    it('refuses bad periods and parameters with 400 and details', async () => {
      const staff = world.cookies.staff;
      const cases: [string, string, string][] = [
        ['members', 'from=2026-06-30&to=2026-04-01', 'from'],
        ['visits', 'from=2020-01-01&to=2026-06-30', 'to'],
        ['appeals', 'from=2026-02-30', 'from'],
        ['appeals', 'to=yesterday', 'to'],
        ['members', 'orgUnitId=abc', 'orgUnitId'],
      ];
      for (const [kind, query, path] of cases) {
        const paths = problem(await get(staff, kind, query));
        assert.ok(
          paths.some((p) => p.endsWith(path)),
          `${query}: ${JSON.stringify(paths)}`,
        );
      }
      assert.equal((await get(staff, 'members', 'format=csv')).statusCode, 400);
      assert.equal((await get(staff, 'ledger', '')).statusCode, 404);
    });

    it('a unit outside the caller’s subtree, or none, is not found', async () => {
      const demoDistrict = await orgUnitId(t, '示例区工商联');
      for (const kind of ['members', 'visits', 'appeals']) {
        const outside = await get(world.cookies.staff, kind, `orgUnitId=${demoDistrict}`);
        assert.equal(outside.statusCode, 404, outside.body);
        assert.equal(outside.json().error.code, 'NOT_FOUND');
      }
      const city = await orgUnitId(t, '示例市工商联');
      assert.equal((await get(world.cookies.staff, 'members', `orgUnitId=${city}`)).statusCode, 404);
      const missing = await get(
        world.cookies.staff,
        'members',
        'orgUnitId=00000000-0000-4000-8000-000000000000',
      );
      assert.equal(missing.statusCode, 404);
    });

    it('only federation staff and leaders may export: secretaries, liaisons, contacts and administrators get 403', async () => {
      const admins = await Promise.all(
        ['sysadmin', 'secadmin', 'auditor'].map(async (name) => t.sessionFor(await t.userId(name))),
      );
      const refused = [world.cookies.secretary, world.cookies.liaison, world.cookies.contact, ...admins];
      for (const cookie of refused) {
        for (const kind of ['members', 'visits', 'appeals']) {
          const response = await get(cookie, kind, q2);
          assert.equal(response.statusCode, 403, response.body);
          assert.equal(response.json().error.code, 'FORBIDDEN');
        }
      }
      assert.equal((await get('', 'members')).statusCode, 401);
    });
  });

  describe('opened in LibreOffice', { skip: libreOfficeSkip() }, () => {
    before(async () => {
      // Enough members in the demo district for the member ledger to need several printed pages.
      const demoDistrict = await orgUnitId(t, '示例区工商联');
      await t.database.db.transaction((tx) =>
        insertEnterprises(
          tx,
          Array.from({ length: 120 }, (_, i) => ({
            name: `示例区分页测试${String(i + 1).padStart(3, '0')}有限公司`,
            uscc: worldUscc(1000 + i),
            orgUnitId: demoDistrict,
            size: 'small' as const,
            membership: { joinedOn: '2026-05-01' },
          })),
          { actorId: staffId, today: '2026-06-15' },
        ),
      );
    });

    it('the member ledger converts to PDF over several pages, the header repeated on page 2', async () => {
      const response = await get(world.cookies.outsiderStaff, 'members', q2);
      const rows = dataRows(await sheetOf(response)).length;
      const pdf = await officeToPdf(response.rawPayload, 'xlsx');
      assert.match(pdf.text, /示例区工商联会员企业台账/);
      assert.match(pdf.text, /统计期间：2026-04-01 至 2026-06-30/);
      assert.match(pdf.text, /示例区分页测试120有限公司/);
      assert.match(pdf.text, new RegExp(`合计：会员企业 ${rows} 家`));
      assert.ok(pdf.pages > 1, `${rows} members on ${pdf.pages} page(s)`);
      assert.match(pdf.text, new RegExp(`第 1 页 共 ${pdf.pages} 页`));
      const second = await pdfText(pdf.pdfPath, { first: 2, last: 2 });
      assert.match(second, /序号\s+企业名称\s+统一社会信用代码/, 'the header row repeated');
      assert.doesNotMatch(second, /会员企业台账/, 'the title only on the first page');
      assert.match(second, new RegExp(`第 2 页 共 ${pdf.pages} 页`));
    });

    it('the visit and appeal ledgers convert to PDF with their title and figures', async () => {
      const visits = await officeToPdf((await get(world.cookies.staff, 'visits', q2)).rawPayload, 'xlsx');
      assert.match(visits.text, /测试区工商联走访企业台账/);
      assert.match(visits.text, /送政策、送温暖/);
      assert.match(visits.text, /合计：走访 3 次，涉及会员企业 2 家/);
      assert.equal(visits.pages, 1);

      const appeals = await officeToPdf((await get(world.cookies.staff, 'appeals', q2)).rawPayload, 'xlsx');
      assert.match(appeals.text, /测试区工商联会员企业诉求办理台账/);
      assert.match(appeals.text, /SQ2026T00001/);
      assert.match(appeals.text, /已解决 1 件，已解释无法解决 1 件，超期 2 件/);
      assert.ok(appeals.pages >= 1);
    });
  });
});
