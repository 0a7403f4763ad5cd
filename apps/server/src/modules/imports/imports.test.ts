// API tests of the member import (会员批量导入): the template, dry run and commit, upsert on re-import,
// duplicates, the rejected-rows report, every kind of bad file (fakes, encrypted, zip bombs, too many rows,
// bad headers), messy cells (text dates, full-width digits, formulas, NUL), scope, and who may not.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { JobView } from '@qinqing/shared';
import { demoUscc } from '../../demo/seed.ts';
import { unzipParts, zipOf } from '../../test/zips.ts';
import {
  createAccount,
  ORIGIN,
  orgUnitId,
  setupTestApp,
  type ErrorJson,
  type TestApp,
} from '../../test/harness.ts';
import {
  editPart,
  importFile,
  membersWorkbook,
  sheetRows,
  TEMPLATE_HEADERS,
  testUscc,
  upload,
  workbookOf,
} from '../../test/workbooks.ts';
import { IMPORT_BATCH_ROWS } from './service.ts';

describe('member import', () => {
  let t: TestApp;
  let staff: string;
  let district: string;
  let serial = 1000;
  const nextUscc = () => testUscc(serial++);

  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    (
      await t.database.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
        params,
      )
    ).rows[0]!.n;
  /** Row counts a dry run or a refused file must leave as they were. */
  const snapshot = async () => ({
    enterprises: await count('enterprises'),
    contacts: await count('enterprise_contacts'),
    history: await count('enterprise_status_history'),
    audit: await count('audit_events'),
    jobs: await count('jobs'),
  });
  const enterprise = async (uscc: string) =>
    (
      await t.database.pool.query<{
        id: string;
        name: string;
        former_names: string[];
        size: string | null;
        industry_code: string | null;
        founded_on: string | null;
        joined_on: string | null;
        registered_capital: string | null;
        address: string | null;
        tags: string[];
        version: number;
        org_unit_id: string;
        membership_status: string;
      }>(
        `SELECT id, name, former_names, size, industry_code, founded_on::text, joined_on::text, registered_capital::text,
                address, tags, version, org_unit_id, membership_status
         FROM enterprises WHERE uscc = $1`,
        [uscc],
      )
    ).rows[0];
  const contactsOf = async (enterpriseId: string) =>
    (
      await t.database.pool.query<{
        name: string;
        position: string | null;
        mobile: string | null;
        is_primary: boolean;
      }>(
        'SELECT name, position, mobile, is_primary FROM enterprise_contacts WHERE enterprise_id = $1 ORDER BY sort',
        [enterpriseId],
      )
    ).rows;
  const importDirFiles = () => {
    const dir = path.join(t.config.dataDir, 'imports');
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  };
  const refused = async (content: Buffer, code: string, status = 400) => {
    const before = await snapshot();
    const response = await upload(t, staff, content);
    assert.equal(response.statusCode, status, response.body);
    const body = response.json<ErrorJson>();
    if (status === 400) assert.equal(body.error.details?.[0]?.code, code, response.body);
    else assert.equal(body.error.code, code);
    assert.deepEqual(await snapshot(), before, 'a refused file writes nothing and starts no job');
    assert.deepEqual(importDirFiles(), [], 'a refused file leaves no file behind');
    return body;
  };

  before(async () => {
    t = await setupTestApp();
    staff = await t.signIn('staff');
    district = await orgUnitId(t, '示例区工商联');
  });
  after(() => t.close());

  describe('the template', () => {
    it('downloads with the Chinese headers and an example row, which an import refuses to take as data', async () => {
      const response = await t.request({ url: '/api/enterprises/import-template.xlsx', cookie: staff });
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /spreadsheetml\.sheet/);
      assert.match(String(response.headers['content-disposition']), /filename\*=UTF-8''/);
      const [headers, example] = await sheetRows(response.rawPayload);
      for (const header of TEMPLATE_HEADERS) {
        assert.ok(headers!.includes(header), header);
      }
      assert.equal(example![headers!.indexOf('企业名称')], '示例市东湖智能科技有限公司');

      const job = await importFile(t, staff, response.rawPayload, { query: '?dryRun=true' });
      assert.equal(job.status, 'succeeded');
      assert.deepEqual(job.counts, { total: 1, created: 0, updated: 0, unchanged: 0, rejected: 1 });
      assert.match(job.preview[0]!.problems[0]!.message, /示例行/);
    });
  });

  describe('dry run, commit, re-import', () => {
    const a = testUscc(1);
    const b = testUscc(2);
    const rows = [
      {
        企业名称: '东湖甲科技有限公司',
        统一社会信用代码: a,
        企业规模: '小',
        行业代码: '6513',
        法定代表人: '陈志强',
        注册地址: '示例区东湖路 1 号',
        '注册资本（万元）': 500,
        成立日期: '2020年3月',
        行政区划代码: '110105001',
        标签: '专精特新、高新技术企业',
        联系人: '王晓燕',
        职务: '办公室主任',
        手机: '13800138000',
        会员状态: '正常',
        入会日期: '2021/3/1',
      },
      { 企业名称: '东湖乙商贸有限公司', 统一社会信用代码: b, 企业规模: '微型企业' },
      { 企业名称: '坏代码公司', 统一社会信用代码: '91110105MB0000001X', 行业代码: '9999' },
    ];
    let file: Buffer;

    before(async () => {
      file = await membersWorkbook(rows);
    });

    it('a dry run gives each row its verdict and writes nothing', async () => {
      const before = await snapshot();
      const job = await importFile(t, staff, file, { query: '?dryRun=true' });
      assert.equal(job.status, 'succeeded');
      assert.equal(job.dryRun, true);
      assert.equal(job.progress, 1);
      assert.deepEqual(job.counts, { total: 3, created: 2, updated: 0, unchanged: 0, rejected: 1 });
      assert.deepEqual(
        job.preview.map((row) => [row.row, row.verdict]),
        [
          [2, 'create'],
          [3, 'create'],
          [4, 'reject'],
        ],
      );
      const problems = job.preview[2]!.problems.map((p) => p.field);
      assert.deepEqual(problems.sort(), ['统一社会信用代码', '行业代码']);
      assert.ok(job.reportUrl, 'a dry run reports its rejected rows too');
      assert.deepEqual(await snapshot(), { ...before, jobs: before.jobs + 1 });
      assert.equal(await enterprise(a), undefined);
    });

    it('the import commits the valid rows, normalised, reports the rejected one, and is audited', async () => {
      const job = await importFile(t, staff, file, { fileName: '东湖会员.xlsx' });
      assert.equal(job.status, 'succeeded', JSON.stringify(job.error));
      assert.deepEqual(job.counts, { total: 3, created: 2, updated: 0, unchanged: 0, rejected: 1 });
      assert.equal(job.fileName, '东湖会员.xlsx');

      const first = await enterprise(a);
      assert.equal(first?.name, '东湖甲科技有限公司');
      assert.equal(first?.size, 'small');
      assert.equal(first?.founded_on, '2020-03-01');
      assert.equal(first?.joined_on, '2021-03-01');
      assert.equal(Number(first?.registered_capital), 500);
      assert.deepEqual(first?.tags, ['专精特新', '高新技术企业']);
      assert.equal(first?.org_unit_id, district);
      assert.deepEqual(await contactsOf(first!.id), [
        { name: '王晓燕', position: '办公室主任', mobile: '13800138000', is_primary: true },
      ]);
      assert.equal((await enterprise(b))?.size, 'micro');
      assert.equal(await count('enterprise_status_history', 'enterprise_id = $1', [first!.id]), 1);

      const { rows: audits } = await t.database.pool.query<{
        action: string;
        detail: Record<string, unknown>;
      }>('SELECT action, detail FROM audit_events WHERE object_id = $1 ORDER BY seq', [job.id]);
      assert.deepEqual(
        audits.map((r) => r.action),
        ['enterprise.imported', 'enterprise.import_finished'],
      );
      const created = audits[0]!.detail.created as { uscc: string; row: number }[];
      assert.deepEqual(
        created.map((c) => [c.uscc, c.row]),
        [
          [a, 2],
          [b, 3],
        ],
      );
      assert.deepEqual((audits[1]!.detail as { counts: unknown }).counts, job.counts);

      const report = await t.request({ url: job.reportUrl!, cookie: staff });
      assert.equal(report.statusCode, 200);
      assert.match(
        decodeURIComponent(String(report.headers['content-disposition'])),
        /东湖会员-问题行\.xlsx/,
      );
      const [headers, rejected, ...rest] = await sheetRows(report.rawPayload);
      assert.equal(rest.length, 0);
      assert.equal(headers![0], '原行号');
      assert.equal(headers!.at(-1), '未导入原因');
      assert.equal(rejected![0], 4);
      assert.equal(rejected![headers!.indexOf('企业名称')], '坏代码公司');
      assert.equal(rejected![headers!.indexOf('行业代码')], '9999');
      assert.match(String(rejected!.at(-1)), /统一社会信用代码.*校验位.*行业代码/);
    });

    it('importing the same file again changes nothing', async () => {
      const before = { a: await enterprise(a), b: await enterprise(b), counts: await snapshot() };
      const job = await importFile(t, staff, file);
      assert.deepEqual(job.counts, { total: 3, created: 0, updated: 0, unchanged: 2, rejected: 1 });
      assert.deepEqual(await enterprise(a), before.a);
      assert.deepEqual(await enterprise(b), before.b);
      const after = await snapshot();
      assert.equal(after.enterprises, before.counts.enterprises);
      assert.equal(after.contacts, before.counts.contacts);
      assert.equal(after.audit, before.counts.audit + 1, 'only the import_finished record');
    });

    it('a changed row updates the enterprise: version bumped, contact matched by name, audited with masked numbers', async () => {
      const was = (await enterprise(a))!;
      const changed = await membersWorkbook([
        { ...rows[0], 注册地址: '示例区东湖路 99 号', 手机: '13900139000', 标签: '百强企业' },
        { 企业名称: '东湖乙商贸有限公司（新名）', 统一社会信用代码: b },
      ]);
      const dry = await importFile(t, staff, changed, { query: '?dryRun=true' });
      assert.deepEqual(
        dry.preview.map((row) => [row.verdict, row.changes.sort()]),
        [
          ['update', ['手机', '标签', '注册地址'].sort()],
          ['update', ['企业名称', '曾用名'].sort()],
        ],
      );
      const job = await importFile(t, staff, changed);
      assert.deepEqual(job.counts, { total: 2, created: 0, updated: 2, unchanged: 0, rejected: 0 });
      const now = (await enterprise(a))!;
      assert.equal(now.version, was.version + 1);
      assert.equal(now.address, '示例区东湖路 99 号');
      assert.deepEqual(now.tags, ['专精特新', '高新技术企业', '百强企业'], 'tags are only added');
      assert.equal(now.founded_on, was.founded_on, 'what did not change stays');
      assert.deepEqual(await contactsOf(now.id), [
        { name: '王晓燕', position: '办公室主任', mobile: '13900139000', is_primary: true },
      ]);
      const renamed = (await enterprise(b))!;
      assert.equal(renamed.name, '东湖乙商贸有限公司（新名）');
      assert.deepEqual(renamed.former_names, ['东湖乙商贸有限公司']);

      const { rows: audit } = await t.database.pool.query<{
        detail: Record<string, Record<string, unknown>>;
      }>(
        "SELECT detail FROM audit_events WHERE action = 'enterprise.updated' AND object_id = $1 ORDER BY seq DESC LIMIT 1",
        [now.id],
      );
      const detail = audit[0]!.detail;
      assert.equal(detail.before!.address, '示例区东湖路 1 号');
      assert.equal(detail.after!.address, '示例区东湖路 99 号');
      assert.deepEqual(detail.after!.contact, {
        name: '王晓燕',
        position: '办公室主任',
        mobile: '139****9000',
      });
      assert.equal((detail.import as { row: number }).row, 2);
      assert.equal(JSON.stringify(detail).includes('13900139000'), false, 'no full number in the audit log');
    });
  });

  it('the same enterprise twice in one file: the later rows are rejected, naming the first', async () => {
    const code = nextUscc();
    const job = await importFile(
      t,
      staff,
      await membersWorkbook([
        { 企业名称: '重复甲', 统一社会信用代码: code },
        { 企业名称: '其他', 统一社会信用代码: nextUscc() },
        { 企业名称: '重复乙', 统一社会信用代码: code.toLowerCase() },
        { 企业名称: '重复丙', 统一社会信用代码: ` ${code.slice(0, 9)} ${code.slice(9)} ` },
      ]),
    );
    assert.deepEqual(job.counts, { total: 4, created: 2, updated: 0, unchanged: 0, rejected: 2 });
    for (const row of job.preview.filter((r) => r.verdict === 'reject')) {
      assert.match(row.problems[0]!.message, /与第 2 行是同一企业/);
    }
    assert.equal((await enterprise(code))?.name, '重复甲');
  });

  it('messy cells are normalised: text and serial dates, full-width digits, spaced lower-case codes, 大型', async () => {
    const cases: [string, unknown, string][] = [
      ['2020年3月', '2020年3月', '2020-03-01'],
      ['2020.3.1', '2020.3.1', '2020-03-01'],
      ['2020/03/01', '2020/03/01', '2020-03-01'],
      ['2020-3-1', '2020-3-1', '2020-03-01'],
      ['serial', 43891, '2020-03-01'],
      ['date cell', new Date(Date.UTC(2020, 2, 1)), '2020-03-01'],
      ['full width', '２０２０－０３－０１', '2020-03-01'],
    ];
    const codes = cases.map(() => nextUscc());
    const fullWidthCode = nextUscc();
    const job = await importFile(
      t,
      staff,
      await membersWorkbook([
        ...cases.map(([label, value], i) => ({
          企业名称: `日期${label}公司`,
          统一社会信用代码: codes[i]!,
          成立日期: value as string,
        })),
        {
          企业名称: '全角公司',
          统一社会信用代码: fullWidthCode.replace(/[0-9A-Z]/g, (ch) =>
            String.fromCharCode(ch.charCodeAt(0) + 0xfee0),
          ),
          企业规模: '大型',
          '注册资本（万元）': '１,０００',
          行业代码: 'I6513',
          手机: '+86 139-0013-9000',
          联系人: '刘敏',
        },
      ]),
    );
    assert.equal(job.counts.rejected, 0, JSON.stringify(job.preview.filter((r) => r.verdict === 'reject')));
    for (const [i, [label, , expected]] of cases.entries()) {
      assert.equal((await enterprise(codes[i]!))?.founded_on, expected, label);
    }
    const wide = (await enterprise(fullWidthCode))!;
    assert.equal(wide.size, 'large');
    assert.equal(Number(wide.registered_capital), 1000);
    assert.equal(wide.industry_code, '6513');
    assert.equal((await contactsOf(wide.id))[0]?.mobile, '13900139000');
  });

  it('reports bad values per column, in Chinese, without stopping the import', async () => {
    const job = await importFile(
      t,
      staff,
      await membersWorkbook([
        { 企业名称: '坏日期公司', 统一社会信用代码: nextUscc(), 成立日期: '去年春天' },
        { 企业名称: '未来公司', 统一社会信用代码: nextUscc(), 成立日期: '2099-01-01' },
        { 企业名称: '坏规模公司', 统一社会信用代码: nextUscc(), 企业规模: '巨型' },
        { 企业名称: '坏手机公司', 统一社会信用代码: nextUscc(), 联系人: '张三', 手机: '12345' },
        { 企业名称: '数字代码公司', 统一社会信用代码: 911101050000000 },
        { 统一社会信用代码: nextUscc() },
        { 企业名称: '退会无因公司', 统一社会信用代码: nextUscc(), 会员状态: '退会' },
        { 企业名称: '好公司', 统一社会信用代码: nextUscc() },
      ]),
      { query: '?dryRun=true' },
    );
    assert.deepEqual(job.counts, { total: 8, created: 1, updated: 0, unchanged: 0, rejected: 7 });
    const byRow = new Map(
      job.preview.map((row) => [row.row, row.problems.map((p) => `${p.field}:${p.message}`)]),
    );
    assert.match(byRow.get(2)![0]!, /^成立日期:无法识别的日期.*去年春天/);
    assert.match(byRow.get(3)![0]!, /^成立日期:.*不能晚于今天/);
    assert.match(byRow.get(4)![0]!, /^企业规模:应为 大、中、小、微/);
    assert.match(byRow.get(5)![0]!, /^手机:手机号码格式不正确/);
    assert.match(byRow.get(6)![0]!, /^统一社会信用代码:.*存成了数字/);
    assert.match(byRow.get(7)![0]!, /^企业名称:必填/);
    assert.match(byRow.get(8)![0]!, /^状态原因:暂停或退会须填写原因/);
  });

  it('accepts header variants and a title row, leaves unknown columns out and names them', async () => {
    const code = nextUscc();
    const file = await workbookOf(
      ['序号', '单位名称', '信用代码', '规模', '所属行业', '法人代表', '住所', '联系人', '联系电话', '备注'],
      [[1, '变体表头公司', code, '中', '6513', '赵六', '示例区西山路 2 号', '钱七', '13700137000', '老会员']],
      { titleRows: [['示例区工商联会员名册（2026 年）']], merges: ['A1:J1'], sheets: ['填写说明'] },
    );
    const job = await importFile(t, staff, file);
    assert.equal(job.status, 'succeeded', JSON.stringify(job.error));
    assert.deepEqual(job.counts, { total: 1, created: 1, updated: 0, unchanged: 0, rejected: 0 });
    assert.deepEqual(job.ignoredColumns, ['序号', '备注']);
    const row = (await enterprise(code))!;
    assert.equal(row.size, 'medium');
    assert.equal(row.address, '示例区西山路 2 号');
    assert.equal((await contactsOf(row.id))[0]?.mobile, '13700137000');
  });

  it('formulas: a cached result is used, a formula without one is rejected, never evaluated', async () => {
    const cached = nextUscc();
    const job = await importFile(
      t,
      staff,
      await workbookOf(
        ['企业名称', '统一社会信用代码', '注册资本（万元）'],
        [
          [{ formula: '"公式"&"公司"', result: '公式公司' }, cached, { formula: '100*5', result: 500 }],
          ['无结果公司', nextUscc(), { formula: 'WEBSERVICE("http://127.0.0.1/")' }],
        ],
      ),
    );
    assert.deepEqual(job.counts, { total: 2, created: 1, updated: 0, unchanged: 0, rejected: 1 });
    assert.equal((await enterprise(cached))?.name, '公式公司');
    assert.equal(Number((await enterprise(cached))?.registered_capital), 500);
    const problem = job.preview.find((row) => row.verdict === 'reject')!.problems[0]!;
    assert.equal(problem.field, '注册资本（万元）');
    assert.match(problem.message, /公式且没有计算结果/);
  });

  it('a NUL byte (written by Excel as _x0000_) rejects its row', async () => {
    const code = nextUscc();
    const file = editPart(
      await membersWorkbook([
        { 企业名称: 'NULMARK公司', 统一社会信用代码: code },
        { 企业名称: '正常公司', 统一社会信用代码: nextUscc() },
      ]),
      'xl/sharedStrings.xml',
      (xml) => xml.replace('NULMARK', '_x0000_'),
    );
    const job = await importFile(t, staff, file);
    assert.deepEqual(job.counts, { total: 2, created: 1, updated: 0, unchanged: 0, rejected: 1 });
    assert.match(job.preview[0]!.problems[0]!.message, /NUL/);
    assert.equal(await enterprise(code), undefined);
  });

  describe('scope', () => {
    it('an existing credit code outside the importer’s write scope is rejected', async () => {
      const street = await orgUnitId(t, '西山街道工商联');
      await createAccount(t, { username: 'xishan-staff', orgUnitId: street, roles: ['federation_staff'] });
      const cookie = await t.signIn('xishan-staff');
      const mine = nextUscc();
      const job = await importFile(
        t,
        cookie,
        await membersWorkbook([
          { 企业名称: '改名企图', 统一社会信用代码: demoUscc(1) },
          { 企业名称: '西山新会员', 统一社会信用代码: mine },
        ]),
      );
      assert.deepEqual(job.counts, { total: 2, created: 1, updated: 0, unchanged: 0, rejected: 1 });
      assert.equal(job.preview[0]!.problems[0]!.message, '该企业已由其他单位登记');
      assert.equal((await enterprise(demoUscc(1)))?.name, '示例区东湖智能科技有限公司');
      assert.equal((await enterprise(mine))?.org_unit_id, street);
    });

    it('?orgUnitId= puts new members under a federation unit in scope; a chamber or a unit outside is refused', async () => {
      const street = await orgUnitId(t, '南河街道工商联');
      const code = nextUscc();
      const job = await importFile(
        t,
        staff,
        await membersWorkbook([{ 企业名称: '南河会员', 统一社会信用代码: code }]),
        {
          query: `?orgUnitId=${street}`,
        },
      );
      assert.equal(job.counts.created, 1);
      assert.equal((await enterprise(code))?.org_unit_id, street);

      const file = await membersWorkbook([{ 企业名称: '不该有', 统一社会信用代码: nextUscc() }]);
      for (const [unit, code] of [
        [await orgUnitId(t, '示例区医药商会'), 'ORG_UNIT_NOT_FEDERATION'],
        [await orgUnitId(t, '示例市工商联'), 'ORG_UNIT_OUT_OF_SCOPE'],
      ] as const) {
        const before = await snapshot();
        const response = await upload(t, staff, file, { query: `?orgUnitId=${unit}` });
        assert.equal(response.statusCode, 400);
        assert.equal(response.json<ErrorJson>().error.details?.[0]?.code, code);
        assert.deepEqual(await snapshot(), before);
      }
    });
  });

  describe('files refused as a whole (400, nothing stored, no job)', () => {
    it('not an .xlsx: text, a Word document, a zip without content types — whatever the name says', async () => {
      await refused(Buffer.from('企业名称,统一社会信用代码\n甲,91110105MB00000014\n'), 'NOT_XLSX');
      await refused(
        zipOf([
          {
            name: '[Content_Types].xml',
            data: Buffer.from(
              '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
            ),
          },
          { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
        ]),
        'NOT_XLSX',
      );
      await refused(zipOf([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }]), 'NOT_XLSX');
      await refused(Buffer.alloc(0), 'NOT_XLSX');
    });

    it('an encrypted or legacy workbook (OLE compound file) is named as such', async () => {
      const ole = Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(4096),
      ]);
      const body = await refused(ole, 'ENCRYPTED_OR_LEGACY');
      assert.equal(body.error.details?.[0]?.message, '加密或旧版 Excel 文件，请另存为 .xlsx');
    });

    it('zip bombs: abnormal ratio, too much data declared, too many entries, a directory that lies', async () => {
      await refused(
        zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20 * 1024 * 1024) }]),
        'ZIP_RATIO',
      );
      // Incompressible parts declaring 80 MB each: every ratio is plausible, the sum is over 200 MB.
      await refused(
        zipOf(
          ['xl/a.xml', 'xl/b.xml', 'xl/c.xml'].map((name) => ({
            name,
            data: randomBytes(512 * 1024),
            declaredSize: 80 * 1024 * 1024,
          })),
        ),
        'ZIP_TOO_LARGE',
      );
      await refused(
        zipOf(
          Array.from({ length: 10_001 }, (_, i) => ({
            name: `x/${i}`,
            data: Buffer.from('x'),
            method: 'store' as const,
          })),
        ),
        'ZIP_TOO_MANY_ENTRIES',
      );
      const honest = await membersWorkbook([{ 企业名称: '甲', 统一社会信用代码: nextUscc() }]);
      const parts = unzipParts(honest);
      await refused(
        zipOf(
          [...parts].map(([name, data]) => ({
            name,
            data,
            declaredSize: name === 'xl/worksheets/sheet1.xml' ? 50 : undefined,
          })),
        ),
        'ZIP_SIZE_MISMATCH',
      );
    });

    it('two million rows are refused without reading them all', async () => {
      const rows: string[] = [
        '<row r="1"><c r="A1" t="inlineStr"><is><t>企业名称</t></is></c><c r="B1" t="inlineStr"><is><t>统一社会信用代码</t></is></c></row>',
      ];
      for (let r = 2; r <= 2_000_001; r++) rows.push(`<row r="${r}"><c r="B${r}"><v>${r}</v></c></row>`);
      const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
      const parts = unzipParts(await membersWorkbook([{ 企业名称: '甲', 统一社会信用代码: nextUscc() }]));
      parts.set('xl/worksheets/sheet1.xml', Buffer.from(sheet));
      const started = performance.now();
      const body = await refused(zipOf([...parts].map(([name, data]) => ({ name, data }))), 'TOO_MANY_ROWS');
      assert.match(body.error.details![0]!.message, /200,000/);
      assert.ok(performance.now() - started < 60_000);
    });

    it('header problems name the column: blank, merged, two columns for one field, missing', async () => {
      const code = nextUscc();
      let body = await refused(
        await workbookOf(['企业名称', '统一社会信用代码', null, '法人'], [['甲', code, 'x', '乙']]),
        'HEADER_BLANK',
      );
      assert.match(body.error.details![0]!.message, /第 C 列/);
      body = await refused(
        await workbookOf(
          ['企业名称', '统一社会信用代码', '联系人', null],
          [['甲', code, '张三', '13800138000']],
          {
            merges: ['C1:D1'],
          },
        ),
        'HEADER_MERGED',
      );
      assert.match(body.error.details![0]!.message, /C1:D1/);
      body = await refused(
        await workbookOf(['企业名称', '统一社会信用代码', '信用代码'], [['甲', code, code]]),
        'HEADER_DUPLICATE',
      );
      assert.match(body.error.details![0]!.message, /第 C 列“信用代码”与第 B 列/);
      await refused(await workbookOf(['企业名称', '地址'], [['甲', '某地']]), 'HEADER_NOT_FOUND');
      await refused(await workbookOf(['企业名称', '统一社会信用代码'], []), 'NO_DATA_ROWS');
    });

    it('no file, or a JSON body, is refused', async () => {
      const empty = await t.app.inject({
        method: 'POST',
        url: '/api/enterprises/import',
        headers: {
          host: 'localhost:80',
          origin: ORIGIN,
          cookie: staff,
          'content-type': 'multipart/form-data; boundary=x',
        },
        payload: '--x\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--x--\r\n',
      });
      assert.equal(empty.statusCode, 400);
      assert.equal(empty.json<ErrorJson>().error.details?.[0]?.code, 'FILE_REQUIRED');
      const json = await t.request({
        method: 'POST',
        url: '/api/enterprises/import',
        cookie: staff,
        body: {},
      });
      assert.equal(json.statusCode, 400);
      assert.equal(json.json<ErrorJson>().error.details?.[0]?.code, 'FILE_REQUIRED');
    });

    it('an upload over 50 MB is refused with 413, declared or streamed', async () => {
      await refused(Buffer.alloc(51 * 1024 * 1024), 'PAYLOAD_TOO_LARGE', 413);
      const before = await snapshot();
      const boundary = 'qinqing-big';
      const chunks = [
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.xlsx"\r\n\r\n`,
        ),
        ...Array.from({ length: 52 }, () => Buffer.alloc(1024 * 1024, 0x41)),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ];
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/enterprises/import',
        headers: {
          host: 'localhost:80',
          origin: ORIGIN,
          cookie: staff,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload: Readable.from(chunks),
      });
      assert.equal(response.statusCode, 413, response.body);
      assert.equal(response.json<ErrorJson>().error.code, 'PAYLOAD_TOO_LARGE');
      assert.deepEqual(await snapshot(), before);
      assert.deepEqual(importDirFiles(), []);
    });
  });

  it('a failure mid-way fails the job, counts what was committed, and writes nothing of the failed batch', async () => {
    // A trigger stands in for the database failing while the second batch is written.
    const failAt = IMPORT_BATCH_ROWS + 200;
    await t.database.pool.query(`
      CREATE FUNCTION test_fail_import() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name = '故障公司' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER test_fail_import BEFORE INSERT ON enterprises FOR EACH ROW EXECUTE FUNCTION test_fail_import();`);
    try {
      const rows = Array.from({ length: 2 * IMPORT_BATCH_ROWS + 200 }, (_, i) => ({
        企业名称: i === failAt ? '故障公司' : `批量公司${i}`,
        统一社会信用代码: testUscc(50_000 + i),
      }));
      const job = await importFile(t, staff, await membersWorkbook(rows));
      assert.equal(job.status, 'failed');
      assert.equal(job.error?.code, 'IMPORT_FAILED');
      const committed = await count('enterprises', 'uscc = ANY($1)', [
        rows.map((row) => row.统一社会信用代码),
      ]);
      assert.ok(committed >= IMPORT_BATCH_ROWS, 'the batch before the failure is kept');
      assert.equal(job.counts.created, committed);
      assert.match(job.error!.message, new RegExp(`新增 ${committed} 家`));
      const failedBatch = rows
        .slice(IMPORT_BATCH_ROWS, 2 * IMPORT_BATCH_ROWS)
        .map((row) => row.统一社会信用代码);
      assert.equal(
        await count('enterprises', 'uscc = ANY($1)', [failedBatch]),
        0,
        'the failed batch is not half written',
      );
    } finally {
      await t.database.pool.query(
        'DROP TRIGGER test_fail_import ON enterprises; DROP FUNCTION test_fail_import();',
      );
    }
  });

  describe('who may not', () => {
    it('a chamber secretary and a federation leader cannot import or download the template (403)', async () => {
      const file = await membersWorkbook([{ 企业名称: '甲', 统一社会信用代码: nextUscc() }]);
      for (const username of ['secretary', 'leader']) {
        const cookie = await t.signIn(username);
        const before = await snapshot();
        const response = await upload(t, cookie, file);
        assert.equal(response.statusCode, 403);
        assert.equal(response.json<ErrorJson>().error.code, 'FORBIDDEN');
        assert.deepEqual(
          await snapshot(),
          { ...before, audit: before.audit + 1 },
          'only the access.denied record',
        );
        const template = await t.request({ url: '/api/enterprises/import-template.xlsx', cookie });
        assert.equal(template.statusCode, 403);
      }
    });

    it('a user cannot read another’s job or its report (404)', async () => {
      const job: JobView = await importFile(
        t,
        staff,
        await membersWorkbook([{ 企业名称: '坏', 统一社会信用代码: 'bad' }]),
        { query: '?dryRun=true' },
      );
      assert.ok(job.reportUrl);
      await createAccount(t, { username: 'other-staff', orgUnitId: district, roles: ['federation_staff'] });
      const other = await t.signIn('other-staff');
      assert.equal((await t.request({ url: `/api/jobs/${job.id}`, cookie: other })).statusCode, 404);
      assert.equal((await t.request({ url: job.reportUrl!, cookie: other })).statusCode, 404);
      assert.equal((await t.request({ url: job.reportUrl!, cookie: staff })).statusCode, 200);
    });
  });
});
