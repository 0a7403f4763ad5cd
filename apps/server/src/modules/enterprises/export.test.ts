// API tests of the member registry export (会员名册导出): a filtered list streamed as .xlsx with the
// template's columns, formula-looking cells escaped, mobile numbers masked for those who may not see them,
// every export audited with its row count, and an export that imports back unchanged.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { orgUnitId, setupTestApp, type TestApp } from '../../test/harness.ts';
import { importFile, membersWorkbook, sheetRows, testUscc, type Cell } from '../../test/workbooks.ts';

describe('member export', () => {
  let t: TestApp;
  let staff: string;
  const codes = [testUscc(900), testUscc(901), testUscc(902)];

  const exportOf = async (cookie: string, query = '') => {
    const response = await t.request({ url: `/api/enterprises/export.xlsx${query}`, cookie });
    assert.equal(response.statusCode, 200, response.body.slice(0, 300));
    const [headers, ...rows] = await sheetRows(response.rawPayload);
    const column = (header: string) => headers!.indexOf(header);
    const byUscc = new Map(rows.map((row) => [String(row[column('统一社会信用代码')]), row]));
    return { response, headers: headers!, rows, column, byUscc };
  };
  const lastExportAudit = async () =>
    (
      await t.database.pool.query<{
        actor_name: string;
        detail: { filter: Record<string, unknown>; rows: number };
      }>(
        "SELECT actor_name, detail FROM audit_events WHERE action = 'enterprise.exported' ORDER BY seq DESC LIMIT 1",
      )
    ).rows[0]!;

  before(async () => {
    t = await setupTestApp();
    staff = await t.signIn('staff');
    const job = await importFile(
      t,
      staff,
      await membersWorkbook([
        {
          企业名称: '=HYPERLINK("http://evil.example","点我")',
          统一社会信用代码: codes[0],
          企业规模: '小',
          行业代码: '6513',
          法定代表人: '@SUM(1+1)',
          注册地址: '+86 示例区东湖路',
          标签: '导出测试、-负面',
          联系人: '王晓燕',
          职务: '主任',
          手机: '13800138000',
          成立日期: '2020-03-01',
          入会日期: '2021-03-01',
        },
        {
          企业名称: '导出乙有限公司',
          统一社会信用代码: codes[1],
          企业规模: '中',
          行业代码: '5191',
          标签: '导出测试',
          联系人: '刘敏',
          手机: '13900139000',
        },
        {
          企业名称: '导出丙有限公司',
          统一社会信用代码: codes[2],
          企业规模: '小',
          行业代码: '6513',
          标签: '导出测试',
        },
      ]),
    );
    assert.equal(job.counts.created, 3, JSON.stringify(job.preview));
    // Tab and carriage return cannot arrive through the API (text is trimmed); they can sit in old data.
    await t.database.pool.query(
      "UPDATE enterprises SET address = E'\\t=1+2', former_names = ARRAY[E'\\r=3'] WHERE uscc = $1",
      [codes[2]],
    );
    // The chamber secretary sees the members of 东湖街道商会.
    const chamber = await orgUnitId(t, '东湖街道商会');
    await t.database.pool.query(
      "INSERT INTO chamber_memberships (chamber_id, enterprise_id, joined_on) SELECT $1, id, '2021-03-01' FROM enterprises WHERE uscc = $2",
      [chamber, codes[1]],
    );
  });
  after(() => t.close());

  it('streams the filtered list with the template’s columns and audits the export with its row count', async () => {
    const { response, headers, rows, column, byUscc } = await exportOf(staff, '?tag=导出测试');
    assert.match(String(response.headers['content-type']), /spreadsheetml\.sheet/);
    assert.match(
      decodeURIComponent(String(response.headers['content-disposition'])),
      /会员名册-\d{4}-\d{2}-\d{2}\.xlsx/,
    );
    assert.equal(response.headers['content-length'], undefined, 'streamed, not buffered');
    for (const header of [
      '企业名称',
      '统一社会信用代码',
      '企业规模',
      '行业代码',
      '行业名称',
      '手机',
      '会员状态',
      '所属单位',
    ]) {
      assert.ok(headers.includes(header), header);
    }
    assert.equal(rows.length, 3);
    const second = byUscc.get(codes[1]!)!;
    assert.equal(second[column('企业名称')], '导出乙有限公司');
    assert.equal(second[column('企业规模')], '中');
    assert.equal(second[column('行业名称')], '再生物资回收与批发');
    assert.equal(second[column('会员状态')], '正常');
    assert.equal(second[column('所属单位')], '示例区工商联');
    assert.equal(second[column('手机')], '13900139000', 'staff may see numbers');

    const audit = await lastExportAudit();
    assert.equal(audit.actor_name, 'staff');
    assert.equal(audit.detail.rows, 3);
    assert.equal(audit.detail.filter.tag, '导出测试');
  });

  it('escapes cells that begin like a formula: =, +, -, @, tab, carriage return', async () => {
    const { byUscc, column } = await exportOf(staff, '?tag=导出测试');
    const first = byUscc.get(codes[0]!)!;
    assert.equal(first[column('企业名称')], `'=HYPERLINK("http://evil.example","点我")`);
    assert.equal(first[column('法定代表人')], "'@SUM(1+1)");
    assert.equal(first[column('注册地址')], "'+86 示例区东湖路");
    assert.equal(first[column('标签')], '导出测试、-负面', 'only the start of a cell matters');
    const third = byUscc.get(codes[2]!)!;
    assert.equal(third[column('注册地址')], "'\t=1+2");
    // XML reads a raw carriage return back as a line feed; the apostrophe in front is what counts.
    assert.match(String(third[column('曾用名')]), /^'[\r\n]=3$/);
    for (const row of byUscc.values()) {
      for (const cell of row as Cell[]) {
        assert.ok(typeof cell !== 'object' || cell === null, `no formula cells: ${JSON.stringify(cell)}`);
      }
    }
  });

  it('masks mobile numbers for a user without contacts.unmask, and keeps to their scope', async () => {
    const secretary = await t.signIn('secretary');
    const { rows, byUscc, column } = await exportOf(secretary);
    assert.equal(byUscc.get(codes[1]!)?.[column('手机')], '139****9000');
    assert.equal(byUscc.has(codes[0]!), false, 'not a member of the secretary’s chamber');
    for (const row of rows) {
      const mobile = row[column('手机')];
      assert.ok(
        mobile === undefined || mobile === null || /^\d{3}\*{4}\d{4}$/.test(String(mobile)),
        String(mobile),
      );
    }
    assert.equal((await lastExportAudit()).detail.rows, rows.length);
  });

  it('a federation leader may export (and see numbers); filters match the list', async () => {
    const leader = await t.signIn('leader');
    const query = '?industry=6513&size=small&tag=导出测试';
    const { rows, byUscc } = await exportOf(leader, query);
    const list = await t.request({ url: `/api/enterprises${query}`, cookie: leader });
    assert.equal(rows.length, list.json<{ total: number }>().total);
    assert.deepEqual([...byUscc.keys()].sort(), [codes[0], codes[2]].sort());
    assert.equal((await lastExportAudit()).actor_name, 'leader');
  });

  it('an empty result is a workbook with the header row only, audited with 0 rows', async () => {
    const { rows } = await exportOf(staff, '?tag=没有这个标签');
    assert.equal(rows.length, 0);
    assert.equal((await lastExportAudit()).detail.rows, 0);
  });

  it('an exported file imports back unchanged (escaped cells included)', async () => {
    const { response } = await exportOf(staff, '?tag=导出测试');
    const job = await importFile(t, staff, response.rawPayload, { query: '?dryRun=true' });
    assert.equal(job.status, 'succeeded');
    assert.deepEqual(job.ignoredColumns, ['行业名称', '所在地区', '所属单位']);
    const verdicts = new Map(job.preview.map((row) => [row.uscc, [row.verdict, row.changes.sort()]]));
    assert.deepEqual(verdicts.get(codes[0]!), ['unchanged', []]);
    assert.deepEqual(verdicts.get(codes[1]!), ['unchanged', []]);
    // The leading tab of the old address and former name is white space an import trims.
    assert.deepEqual(verdicts.get(codes[2]!), ['update', ['曾用名', '注册地址']]);
  });
});
