// API tests of the roster imports on the one import pipeline (issue 10 item 3): people, chamber
// memberships and party organizations — the template per kind (instructions sheet, drop-down lists, the
// example row refused), dry run, commit, the same file twice (nothing changes the second time), a changed
// row, bad rows with row, column and a Chinese reason, files refused whole, the audit of every committed
// import, scope (staff's subtree; a secretary's own chamber), every role that may not, and the template
// and the rejected-rows report opened in LibreOffice.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import '../../core/office/exceljs-utf8.ts';
import ExcelJS from 'exceljs';
import type { JobView } from '@qinqing/shared';
import { insertEnterprises } from '../enterprises/service.ts';
import { ORIGIN, orgUnitId, setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';
import { libreOfficeSkip, officeToPdf } from '../../test/libreoffice.ts';
import { finishedJob, multipart, sheetRows, testUscc, workbookOf, type Cell } from '../../test/workbooks.ts';

const PEOPLE = '/api/people';
const MEMBERS = '/api/chamber-members';
const PARTY = '/api/party-organizations';

describe('roster imports (people, chamber memberships, party organizations)', () => {
  let t: TestApp;
  let staff: string;
  let secretary: string;
  let district: string;
  let street: string;
  /** Enterprises registered for these tests: under the district, and under the secretary's street. */
  const inDistrict = [testUscc(5001), testUscc(5002), testUscc(5003)] as const;
  const inStreet = [testUscc(5101), testUscc(5102)] as const;
  const unknownUscc = testUscc(5999);

  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    (
      await t.database.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
        params,
      )
    ).rows[0]!.n;
  const auditCount = (action: string) => count('audit_events', 'action = $1', [action]);

  const upload = (base: string, cookie: string, content: Buffer, query = '', fileName = '导入.xlsx') => {
    const { payload, contentType } = multipart(fileName, content);
    return t.app.inject({
      method: 'POST',
      url: `${base}/import${query}`,
      headers: { host: 'localhost:80', origin: ORIGIN, cookie, 'content-type': contentType },
      payload,
    });
  };
  const importAs = async (base: string, cookie: string, content: Buffer, query = ''): Promise<JobView> => {
    const response = await upload(base, cookie, content, query);
    assert.equal(response.statusCode, 202, response.body);
    return finishedJob(t, cookie, response.json<{ jobId: string }>().jobId);
  };
  const template = (base: string, cookie: string) =>
    t.request({ url: `${base}/import-template.xlsx`, cookie });
  /** The one rejected row `row` of a job: its problems as "column：message". */
  const rejection = (job: JobView, row: number) => {
    const found = job.rejectedRows.find((r) => r.row === row);
    assert.ok(found, `row ${row} rejected: ${JSON.stringify(job.rejectedRows)}`);
    assert.equal(found.verdict, 'reject');
    return found.problems.map((p) => (p.field ? `${p.field}：${p.message}` : p.message)).join('；');
  };

  before(async () => {
    t = await setupTestApp();
    staff = await t.signIn('staff');
    secretary = await t.signIn('secretary');
    district = await orgUnitId(t, '示例区工商联');
    street = await orgUnitId(t, '东湖街道工商联');
    const staffId = (
      await t.database.pool.query<{ id: string }>(`SELECT id FROM users WHERE username = 'staff'`)
    ).rows[0]!.id;
    await t.database.db.transaction((tx) =>
      insertEnterprises(
        tx,
        [
          ...inDistrict.map((uscc, i) => ({
            name: `导入测试区属企业${i + 1}有限公司`,
            uscc,
            orgUnitId: district,
          })),
          ...inStreet.map((uscc, i) => ({
            name: `导入测试东湖企业${i + 1}有限公司`,
            uscc,
            orgUnitId: street,
          })),
        ],
        { actorId: staffId, today: '2026-11-01' },
      ),
    );
  });
  after(() => t.close());

  describe('templates', () => {
    for (const [base, headers, sheet] of [
      ['/api/enterprises', ['企业名称', '统一社会信用代码', '会员状态'], '会员名册'],
      [PEOPLE, ['姓名', '手机', '任职企业统一社会信用代码', '企业职务', '政治面貌'], '代表人士'],
      [MEMBERS, ['商会名称', '统一社会信用代码', '会员身份', '入会日期'], '商会会员'],
      [PARTY, ['党组织名称', '组织形式', '所属企业统一社会信用代码', '所属商会', '党员人数'], '党组织'],
    ] as const) {
      it(`${base}: headers, a 填写说明 sheet, drop-down lists; its example row is refused as data`, async () => {
        const response = await template(base, staff);
        assert.equal(response.statusCode, 200);
        assert.match(String(response.headers['content-type']), /spreadsheetml\.sheet/);
        assert.match(String(response.headers['content-disposition']), /filename\*=UTF-8''/);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
        assert.deepEqual(
          workbook.worksheets.map((w) => w.name),
          [sheet, '填写说明'],
        );
        const [head] = await sheetRows(response.rawPayload);
        for (const header of headers) assert.ok(head!.includes(header), header);
        const data = workbook.worksheets[0]!;
        const lists = [...Array(head!.length).keys()]
          .map((i) => data.getRow(3).getCell(i + 1).dataValidation)
          .filter((v) => v?.type === 'list');
        assert.ok(lists.length >= 1, 'at least one drop-down list');
        const help = workbook.worksheets[1]!;
        const helpText = help.getColumn(3).values.join('\n');
        assert.match(helpText, /预检/);

        const job = await importAs(base, staff, response.rawPayload, '?dryRun=true');
        assert.equal(job.status, 'succeeded');
        assert.equal(job.counts.rejected, 1, JSON.stringify(job));
        assert.match(rejection(job, 2), /示例行/);
      });
    }
  });

  describe('people', () => {
    const HEADERS = [
      '姓名',
      '性别',
      '出生年份',
      '政治面貌',
      '政协委员',
      '手机',
      '任职企业统一社会信用代码',
      '企业职务',
    ];
    const rows: Cell[][] = [
      ['周导入', '男', 1975, '中共党员', '区县', '13911110001', inDistrict[0], '董事长'],
      ['吴导入', '女', '1988', '民建', null, null, inDistrict[1], '总经理'],
      ['郑导入', null, null, null, null, '139 1111 0003', null, null],
    ];
    let file: Buffer;
    before(async () => {
      file = await workbookOf(HEADERS, rows);
    });
    const person = async (name: string) =>
      (
        await t.database.pool.query<{
          id: string;
          gender: string | null;
          birth_year: number | null;
          political_affiliation: string;
          cppcc_level: string | null;
          mobile: string | null;
          version: number;
          org_unit_id: string;
        }>('SELECT * FROM people WHERE name = $1', [name])
      ).rows;

    it('a dry run gives each row its verdict and writes nothing', async () => {
      const before = await count('people');
      const job = await importAs(PEOPLE, staff, file, '?dryRun=true');
      assert.equal(job.kind, 'person_import');
      assert.deepEqual(job.counts, { total: 3, created: 3, updated: 0, unchanged: 0, rejected: 0 });
      assert.deepEqual(
        job.preview.map((r) => [r.row, r.name, r.verdict]),
        [
          [2, '周导入', 'create'],
          [3, '吴导入', 'create'],
          [4, '郑导入', 'create'],
        ],
      );
      assert.equal(await count('people'), before);
      assert.equal(await auditCount('person.import_finished'), 0);
    });

    it('commits: people created under the importer’s unit with their positions, audited', async () => {
      const job = await importAs(PEOPLE, staff, file);
      assert.equal(job.status, 'succeeded', JSON.stringify(job.error));
      assert.deepEqual(job.counts, { total: 3, created: 3, updated: 0, unchanged: 0, rejected: 0 });
      const [zhou] = await person('周导入');
      assert.equal(zhou!.gender, 'male');
      assert.equal(zhou!.birth_year, 1975);
      assert.equal(zhou!.political_affiliation, 'cpc');
      assert.equal(zhou!.cppcc_level, 'district');
      assert.equal(zhou!.org_unit_id, district);
      const [zheng] = await person('郑导入');
      assert.equal(zheng!.mobile, '13911110003');
      assert.equal(
        await count(
          'person_positions pp JOIN enterprises e ON e.id = pp.enterprise_id',
          `pp.person_id = $1 AND e.uscc = $2 AND pp.position = '董事长'`,
          [zhou!.id, inDistrict[0]],
        ),
        1,
      );
      assert.equal(await auditCount('person.imported'), 1);
      assert.equal(await auditCount('person.import_finished'), 1);
      const { rows: audit } = await t.database.pool.query<{ detail: { created: { mobile: string }[] } }>(
        `SELECT detail FROM audit_events WHERE action = 'person.imported'`,
      );
      assert.ok(
        audit[0]!.detail.created.every((c) => c.mobile === null || c.mobile.includes('****')),
        'numbers masked in the audit',
      );
    });

    it('the same file again changes nothing', async () => {
      const before = { people: await count('people'), positions: await count('person_positions') };
      const versions = (await person('周导入'))[0]!.version;
      const job = await importAs(PEOPLE, staff, file);
      assert.deepEqual(job.counts, { total: 3, created: 0, updated: 0, unchanged: 3, rejected: 0 });
      assert.deepEqual({ people: await count('people'), positions: await count('person_positions') }, before);
      assert.equal((await person('周导入'))[0]!.version, versions);
      assert.equal(await auditCount('person.updated'), 0);
    });

    it('a changed row updates its person (found by name and enterprise without a number); a position is added', async () => {
      const changed = await workbookOf(HEADERS, [
        ['吴导入', null, null, '民盟', null, '13911110002', inDistrict[1], '总经理'],
        ['周导入', null, null, null, null, '13911110001', inDistrict[2], '监事'],
      ]);
      const job = await importAs(PEOPLE, staff, changed);
      assert.deepEqual(job.counts, { total: 2, created: 0, updated: 2, unchanged: 0, rejected: 0 });
      assert.deepEqual(job.preview[0]!.changes.sort(), ['手机', '政治面貌'].sort());
      assert.deepEqual(job.preview[1]!.changes, ['企业职务']);
      const [wu] = await person('吴导入');
      assert.equal(wu!.political_affiliation, 'cdl');
      assert.equal(wu!.mobile, '13911110002');
      assert.equal(wu!.version, 2);
      assert.equal((await person('周导入')).length, 1, 'no second 周导入');
      assert.equal(await auditCount('person.updated'), 2);
    });

    it('bad rows are rejected with row, column and a Chinese reason; the others go in', async () => {
      const bad = await workbookOf(HEADERS, [
        ['王坏码', null, null, null, null, null, '91110105MB00000010', '经理'],
        ['王未知', null, null, null, null, null, unknownUscc, '经理'],
        ['王无号', null, null, null, null, null, null, null],
        ['王手机', null, null, null, null, '1391111', null, null],
        ['王性别', '未知', null, null, null, '13911110009', null, null],
        ['王重复', null, null, null, null, '13911110010', null, null],
        ['王重复', null, null, null, null, '13911110010', null, null],
        [null, null, null, null, null, '13911110011', null, null],
      ]);
      const job = await importAs(PEOPLE, staff, bad);
      assert.deepEqual(job.counts, { total: 8, created: 1, updated: 0, unchanged: 0, rejected: 7 });
      assert.match(rejection(job, 2), /^任职企业统一社会信用代码：统一社会信用代码.*校验/);
      assert.match(rejection(job, 3), /^任职企业统一社会信用代码：名册中没有这个统一社会信用代码的企业/);
      assert.match(rejection(job, 4), /请填写手机或任职企业的统一社会信用代码/);
      assert.match(rejection(job, 5), /^手机：手机号码格式不正确/);
      assert.match(rejection(job, 6), /^性别：应为 男、女 之一（填写的是“未知”）/);
      assert.match(rejection(job, 8), /与第 7 行是同一人士/);
      assert.match(rejection(job, 9), /^姓名：必填/);
      assert.ok(job.reportUrl);
      const report = await t.request({ url: job.reportUrl, cookie: staff });
      assert.equal(report.statusCode, 200);
      const reportRows = await sheetRows(report.rawPayload);
      assert.deepEqual(reportRows[0], ['原行号', ...HEADERS, '未导入原因']);
      // Rows rejected against the registry come after those rejected on their own.
      assert.deepEqual(
        reportRows
          .slice(1)
          .map((r) => r[0])
          .sort(),
        [2, 3, 4, 5, 6, 8, 9],
      );
      assert.match(
        String(reportRows.find((r) => r[0] === 3)!.at(-1)),
        /名册中没有这个统一社会信用代码的企业/,
      );
    });

    it('?orgUnitId= places new people under a federation unit in scope', async () => {
      const job = await importAs(
        PEOPLE,
        staff,
        await workbookOf(['姓名', '手机'], [['街道人士', '13911110020']]),
        `?orgUnitId=${street}`,
      );
      assert.equal(job.counts.created, 1);
      assert.equal((await person('街道人士'))[0]!.org_unit_id, street);
    });
  });

  describe('chamber memberships', () => {
    const HEADERS = ['商会名称', '统一社会信用代码', '企业名称', '会员身份', '入会日期'];
    let file: Buffer;
    const members = (chamber: string) =>
      t.database.pool
        .query<{ uscc: string; role: string; joined_on: string | null }>(
          `SELECT e.uscc, m.role, m.joined_on::text FROM chamber_memberships m
           JOIN enterprises e ON e.id = m.enterprise_id JOIN org_units c ON c.id = m.chamber_id
           WHERE c.name = $1 AND e.uscc LIKE '91110105MB%' ORDER BY e.uscc`,
          [chamber],
        )
        .then((r) => r.rows);
    before(async () => {
      file = await workbookOf(HEADERS, [
        ['示例区餐饮商会', inDistrict[0], '导入测试区属企业1有限公司', '理事单位', '2025-03-01'],
        ['示例区医药商会', inDistrict[0], null, null, null],
        ['示例区餐饮商会', inDistrict[1], null, '会长单位', '2024-01-15'],
      ]);
    });

    it('staff: dry run, commit, and the same file again', async () => {
      const before = await count('chamber_memberships');
      const dry = await importAs(MEMBERS, staff, file, '?dryRun=true');
      assert.equal(dry.kind, 'chamber_member_import');
      assert.deepEqual(dry.counts, { total: 3, created: 3, updated: 0, unchanged: 0, rejected: 0 });
      assert.equal(await count('chamber_memberships'), before);

      const job = await importAs(MEMBERS, staff, file);
      assert.deepEqual(job.counts, { total: 3, created: 3, updated: 0, unchanged: 0, rejected: 0 });
      assert.deepEqual(await members('示例区餐饮商会'), [
        { uscc: inDistrict[0], role: 'director', joined_on: '2025-03-01' },
        { uscc: inDistrict[1], role: 'president', joined_on: '2024-01-15' },
      ]);
      // No joining date: the day of the import, as on the roster page.
      assert.deepEqual(await members('示例区医药商会'), [
        { uscc: inDistrict[0], role: 'member', joined_on: '2026-11-30' },
      ]);
      assert.equal(await auditCount('chamber.members_imported'), 1);
      assert.equal(await auditCount('chamber.members_import_finished'), 1);

      const again = await importAs(MEMBERS, staff, file);
      assert.deepEqual(again.counts, { total: 3, created: 0, updated: 0, unchanged: 3, rejected: 0 });
      assert.equal(await count('chamber_memberships'), before + 3);
      assert.equal(await auditCount('chamber.members_imported'), 1);
    });

    it('a changed role updates the membership, audited with before and after', async () => {
      const job = await importAs(
        MEMBERS,
        staff,
        await workbookOf(HEADERS, [['示例区餐饮商会', inDistrict[0], null, '副会长单位', null]]),
      );
      assert.deepEqual(job.counts, { total: 1, created: 0, updated: 1, unchanged: 0, rejected: 0 });
      assert.deepEqual(job.preview[0]!.changes, ['会员身份']);
      assert.equal((await members('示例区餐饮商会'))[0]!.role, 'vice_president');
      const { rows } = await t.database.pool.query<{ detail: { updated: { before: { role: string } }[] } }>(
        `SELECT detail FROM audit_events WHERE action = 'chamber.members_imported' ORDER BY seq DESC LIMIT 1`,
      );
      assert.equal(rows[0]!.detail.updated[0]!.before.role, 'director');
    });

    it('bad rows: unknown chamber, unknown or bad credit code, a duplicate, a bad role, a future date', async () => {
      const job = await importAs(
        MEMBERS,
        staff,
        await workbookOf(HEADERS, [
          ['没有这个商会', inDistrict[2], null, null, null],
          ['示例区餐饮商会', unknownUscc, null, null, null],
          ['示例区餐饮商会', '91110105MB0000001', null, null, null],
          ['示例区餐饮商会', inDistrict[2], null, '顾问单位', null],
          ['示例区餐饮商会', inDistrict[2], null, null, '2030-01-01'],
          ['示例区医药商会', inDistrict[2], null, null, null],
          ['示例区医药商会', inDistrict[2], null, null, null],
          ['示例区医药商会', 9.1110105e17, null, null, null],
        ]),
      );
      assert.deepEqual(job.counts, { total: 8, created: 1, updated: 0, unchanged: 0, rejected: 7 });
      assert.match(rejection(job, 2), /^商会名称：商会“没有这个商会”不存在或不在您的管理范围内/);
      assert.match(rejection(job, 3), /^统一社会信用代码：本商会所属工商联名册中没有这个统一社会信用代码/);
      assert.match(rejection(job, 4), /^统一社会信用代码：统一社会信用代码应为 18 位/);
      assert.match(rejection(job, 5), /^会员身份：应为 会长单位、副会长单位、理事单位、会员单位 之一/);
      assert.match(rejection(job, 6), /^入会日期：不能晚于今天/);
      assert.match(rejection(job, 8), /与第 7 行是同一商会的同一企业/);
      assert.match(rejection(job, 9), /存成了数字/);
    });

    it('a chamber secretary imports into their own chamber; a row for another chamber is rejected, not skipped', async () => {
      const job = await importAs(
        MEMBERS,
        secretary,
        await workbookOf(HEADERS, [
          ['东湖街道商会', inStreet[0], null, '理事单位', '2026-01-05'],
          ['西山街道商会', inStreet[1], null, null, null],
          ['示例区餐饮商会', inStreet[1], null, null, null],
          ['东湖街道商会', inDistrict[2], null, null, null],
        ]),
      );
      assert.deepEqual(job.counts, { total: 4, created: 1, updated: 0, unchanged: 0, rejected: 3 });
      assert.match(rejection(job, 3), /^商会名称：您只能导入本商会的会员，“西山街道商会”不是您所在的商会/);
      assert.match(rejection(job, 4), /“示例区餐饮商会”不是您所在的商会/);
      // An enterprise of the district, not of the chamber's street, is out of the secretary's reach.
      assert.match(rejection(job, 5), /本商会所属工商联名册中没有/);
      assert.deepEqual(await members('东湖街道商会'), [
        { uscc: inStreet[0], role: 'director', joined_on: '2026-01-05' },
      ]);
      assert.equal(
        await count(
          'chamber_memberships m JOIN org_units c ON c.id = m.chamber_id JOIN enterprises e ON e.id = m.enterprise_id',
          `c.name = '西山街道商会' AND e.uscc = $1`,
          [inStreet[1]],
        ),
        0,
      );
      const report = await t.request({ url: job.reportUrl!, cookie: secretary });
      assert.equal(report.statusCode, 200);
    });

    it('a file without the chamber column is refused, naming it', async () => {
      const response = await upload(
        MEMBERS,
        staff,
        await workbookOf(['企业名称', '统一社会信用代码'], [['甲', inDistrict[0]]]),
      );
      assert.equal(response.statusCode, 400);
      const body = response.json<ErrorJson>();
      assert.equal(body.error.details?.[0]?.code, 'HEADER_MISSING');
      assert.match(body.error.details![0]!.message, /缺少必填列“商会名称”/);
    });
  });

  describe('party organizations', () => {
    const HEADERS = [
      '党组织名称',
      '组织形式',
      '所属企业统一社会信用代码',
      '所属商会',
      '书记',
      '党员人数',
      '成立日期',
    ];
    let file: Buffer;
    before(async () => {
      file = await workbookOf(HEADERS, [
        ['导入测试区属企业1有限公司党支部', '独立党支部', inDistrict[0], null, '党书记', 7, '2021-07-01'],
        ['示例区餐饮商会联合党支部', '联合党支部', null, '示例区餐饮商会', null, '12', null],
        ['导入测试区属企业2有限公司党建指导员', '党建指导员', inDistrict[1], null, '指导员', null, null],
      ]);
    });
    const party = (name: string) =>
      t.database.pool
        .query<{
          form: string;
          member_count: number;
          version: number;
          enterprise_id: string | null;
          chamber_id: string | null;
        }>(
          'SELECT form, member_count, version, enterprise_id, chamber_id FROM party_organizations WHERE name = $1',
          [name],
        )
        .then((r) => r.rows);

    it('dry run, commit, and the same file again', async () => {
      const before = await count('party_organizations');
      const dry = await importAs(PARTY, staff, file, '?dryRun=true');
      assert.deepEqual(dry.counts, { total: 3, created: 3, updated: 0, unchanged: 0, rejected: 0 });
      assert.equal(await count('party_organizations'), before);
      const job = await importAs(PARTY, staff, file);
      assert.deepEqual(job.counts, { total: 3, created: 3, updated: 0, unchanged: 0, rejected: 0 });
      const [branch] = await party('导入测试区属企业1有限公司党支部');
      assert.equal(branch!.form, 'independent_branch');
      assert.equal(branch!.member_count, 7);
      const [joint] = await party('示例区餐饮商会联合党支部');
      assert.equal(joint!.chamber_id, await orgUnitId(t, '示例区餐饮商会'));
      assert.equal(await auditCount('party_organization.imported'), 1);
      assert.equal(await auditCount('party_organization.import_finished'), 1);

      const again = await importAs(PARTY, staff, file);
      assert.deepEqual(again.counts, { total: 3, created: 0, updated: 0, unchanged: 3, rejected: 0 });
      assert.equal(await count('party_organizations'), before + 3);
    });

    it('a changed member count updates the organization (version bumped, audited)', async () => {
      const job = await importAs(
        PARTY,
        staff,
        await workbookOf(HEADERS, [
          ['导入测试区属企业1有限公司党支部', '独立党支部', inDistrict[0], null, null, 9, null],
        ]),
      );
      assert.deepEqual(job.counts, { total: 1, created: 0, updated: 1, unchanged: 0, rejected: 0 });
      assert.deepEqual(job.preview[0]!.changes, ['党员人数']);
      const [branch] = await party('导入测试区属企业1有限公司党支部');
      assert.equal(branch!.member_count, 9);
      assert.equal(branch!.version, 2);
      assert.equal(await auditCount('party_organization.updated'), 1);
    });

    it('bad rows: no owner, two owners, an unknown enterprise or chamber, a bad form, a name taken by another owner', async () => {
      const job = await importAs(
        PARTY,
        staff,
        await workbookOf(HEADERS, [
          ['无主党支部', '独立党支部', null, null, null, null, null],
          ['双主党支部', '独立党支部', inDistrict[2], '示例区餐饮商会', null, null, null],
          ['未知企业党支部', '独立党支部', unknownUscc, null, null, null, null],
          ['未知商会党支部', '联合党支部', null, '没有这个商会', null, null, null],
          ['形式不对党支部', '党小组', inDistrict[2], null, null, null, null],
          ['导入测试区属企业1有限公司党支部', '独立党支部', inDistrict[2], null, null, null, null],
          ['人数不对党支部', '独立党支部', inDistrict[2], null, null, '七', null],
        ]),
      );
      assert.deepEqual(job.counts, { total: 7, created: 0, updated: 0, unchanged: 0, rejected: 7 });
      assert.match(
        rejection(job, 2),
        /^所属企业统一社会信用代码：请填写所属企业的统一社会信用代码或所属商会/,
      );
      assert.match(rejection(job, 3), /^所属商会：所属企业和所属商会只能填一项/);
      assert.match(rejection(job, 4), /^所属企业统一社会信用代码：名册中没有这个统一社会信用代码的企业/);
      assert.match(rejection(job, 5), /^所属商会：商会“没有这个商会”不存在/);
      assert.match(rejection(job, 6), /^组织形式：应为 独立党支部、/);
      assert.match(rejection(job, 7), /^党组织名称：同一单位内已有同名党组织，属于另一企业或商会/);
      assert.match(rejection(job, 8), /^党员人数：应为整数/);
    });

    it('a file without the form column is refused, naming it', async () => {
      const response = await upload(
        PARTY,
        staff,
        await workbookOf(['党组织名称', '所属商会'], [['甲党支部', '示例区餐饮商会']]),
      );
      assert.equal(response.statusCode, 400);
      assert.match(response.json<ErrorJson>().error.details![0]!.message, /缺少必填列“组织形式”/);
    });
  });

  describe('files refused as a whole', () => {
    it('not an .xlsx, whatever its name; a workbook of another kind has no header this import knows', async () => {
      for (const base of [PEOPLE, MEMBERS, PARTY]) {
        const before = await count('jobs');
        const text = await upload(base, staff, Buffer.from('姓名,手机\n张三,13900000000\n'), '', '人士.xlsx');
        assert.equal(text.statusCode, 400);
        assert.equal(text.json<ErrorJson>().error.details?.[0]?.code, 'NOT_XLSX');
        assert.equal(await count('jobs'), before, 'no job for a refused file');
      }
      const other = await upload(
        PEOPLE,
        staff,
        await workbookOf(['企业名称', '统一社会信用代码'], [['甲', inDistrict[0]]]),
      );
      assert.equal(other.statusCode, 400);
      const detail = other.json<ErrorJson>().error.details![0]!;
      assert.equal(detail.code, 'HEADER_NOT_FOUND');
      assert.match(detail.message, /“姓名”/);
    });

    it('an unknown query parameter is refused; ?orgUnitId= means nothing to a membership import', async () => {
      const file = await workbookOf(['商会名称', '统一社会信用代码'], [['示例区餐饮商会', inDistrict[2]]]);
      const response = await upload(MEMBERS, staff, file, `?orgUnitId=${district}`);
      assert.equal(response.statusCode, 400);
    });
  });

  describe('who may not', () => {
    it('a chamber secretary imports neither people nor party organizations (403), nor reads their templates', async () => {
      const file = await workbookOf(['姓名', '手机'], [['某人', '13911119999']]);
      for (const base of [PEOPLE, PARTY, '/api/enterprises']) {
        assert.equal((await upload(base, secretary, file)).statusCode, 403, base);
        assert.equal((await template(base, secretary)).statusCode, 403, base);
      }
    });

    it('a federation leader, a department liaison and an enterprise contact import nothing (403)', async () => {
      const file = await workbookOf(['商会名称', '统一社会信用代码'], [['示例区餐饮商会', inDistrict[2]]]);
      for (const username of ['leader', 'liaison', 'member']) {
        const cookie = await t.signIn(username);
        for (const base of [PEOPLE, MEMBERS, PARTY]) {
          assert.equal((await upload(base, cookie, file)).statusCode, 403, `${username} ${base}`);
          assert.equal((await template(base, cookie)).statusCode, 403, `${username} ${base}`);
        }
      }
      assert.equal(
        await count('chamber_memberships m JOIN enterprises e ON e.id = m.enterprise_id', 'e.uscc = $1', [
          inDistrict[2],
        ]),
        1,
        'only the staff import’s one membership of this enterprise',
      );
    });

    it('a job and its report are seen only by who started it', async () => {
      const job = await importAs(
        MEMBERS,
        secretary,
        await workbookOf(['商会名称', '统一社会信用代码'], [['西山街道商会', inStreet[1]]]),
      );
      assert.equal((await t.request({ url: `/api/jobs/${job.id}`, cookie: staff })).statusCode, 404);
      assert.equal((await t.request({ url: job.reportUrl!, cookie: staff })).statusCode, 404);
    });
  });

  describe('opened in LibreOffice', { skip: libreOfficeSkip() }, () => {
    it('each template and a rejected-rows report convert to PDF with their Chinese text', async () => {
      for (const [base, words] of [
        [PEOPLE, /任职企业统一社会信用代码/],
        [MEMBERS, /商会名称/],
        [PARTY, /党组织名称/],
      ] as const) {
        const pdf = await officeToPdf((await template(base, staff)).rawPayload, 'xlsx');
        assert.match(pdf.text, words);
        assert.ok(pdf.pages >= 1);
      }
      const job = await importAs(
        PARTY,
        staff,
        await workbookOf(
          ['党组织名称', '组织形式', '所属商会'],
          [['报告党支部', '党小组', '示例区餐饮商会']],
        ),
      );
      const report = await t.request({ url: job.reportUrl!, cookie: staff });
      const pdf = await officeToPdf(report.rawPayload, 'xlsx');
      assert.match(pdf.text, /未导入原因/);
      assert.match(pdf.text, /报告党支部/);
      assert.match(pdf.text, /组织形式/);
    });
  });
});
