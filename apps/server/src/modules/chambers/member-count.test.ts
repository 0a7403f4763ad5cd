// One count of a chamber's members (商会在册会员, measure chambers.activeMembers): the dashboard's chamber
// chart, the chamber's page and list, the measures API, the enterprise list behind the chart and the
// chamber's member ledger all show the same number on the demo — after the chamber got members of every
// other kind: one withdrawn, one suspended, one applying, one merged into another record, and one who left
// the chamber.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
// exceljs's streaming parser with its UTF-8 decoding fixed, before exceljs itself loads.
import '../../core/office/exceljs-utf8.ts';
import ExcelJS from 'exceljs';
import type { DashboardResult, MeasureValues } from '@qinqing/shared';
import { json, setupTestApp, type TestApp } from '../../test/harness.ts';

describe('the one count of a chamber’s members', () => {
  let t: TestApp;
  let staff: string;
  let leader: string;

  const get = async <T>(url: string, cookie: string): Promise<T> => {
    const response = await t.request({ url, cookie });
    assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 300)}`);
    return json<T>(response);
  };

  before(async () => {
    t = await setupTestApp();
    staff = await t.sessionFor(await t.userId('staff'));
    leader = await t.sessionFor(await t.userId('leader'));
  });
  after(() => t.close());

  it('is the same on the dashboard, the chamber’s pages, the measures, the list and the ledger', async () => {
    const pool = t.database.pool;
    const dashboardBefore = await get<DashboardResult>('/api/dashboard', leader);
    const chamber = dashboardBefore.members.byChamber[0]!;
    const members = (
      await pool.query<{ id: string }>(
        `SELECT e.id FROM chamber_memberships cm JOIN enterprises e ON e.id = cm.enterprise_id
          WHERE cm.chamber_id = $1 AND e.merged_into_id IS NULL AND e.membership_status = 'active'
          ORDER BY e.sort_key LIMIT 6`,
        [chamber.key],
      )
    ).rows.map((row) => row.id);
    assert.equal(members.length, 6, 'the demo’s largest chamber has members');
    const [withdrawn, suspended, applying, duplicate, kept, leaving] = members as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    await pool.query(
      `UPDATE enterprises SET membership_status = 'withdrawn', membership_status_on = '2026-10-01' WHERE id = $1`,
      [withdrawn],
    );
    await pool.query(`UPDATE enterprises SET membership_status = 'suspended' WHERE id = $1`, [suspended]);
    await pool.query(`UPDATE enterprises SET membership_status = 'applying' WHERE id = $1`, [applying]);
    // A duplicate merged before merging moved memberships (an imported record): its membership stays.
    await pool.query(`UPDATE enterprises SET merged_into_id = $2 WHERE id = $1`, [duplicate, kept]);
    const left = await t.request({
      method: 'DELETE',
      url: `/api/chambers/${chamber.key}/members/${leaving}`,
      cookie: staff,
    });
    assert.equal(left.statusCode, 204, left.body);

    // The definition, counted from the records.
    const { rows } = await pool.query<{ active: number; all: number }>(
      `SELECT count(*) FILTER (WHERE e.merged_into_id IS NULL AND e.membership_status = 'active')::int AS active,
              count(*)::int AS all
         FROM chamber_memberships cm JOIN enterprises e ON e.id = cm.enterprise_id
        WHERE cm.chamber_id = $1`,
      [chamber.key],
    );
    const expected = rows[0]!.active;
    assert.equal(expected, chamber.value - 5, 'five fewer active members than before');
    assert.ok(rows[0]!.all > expected, 'the chamber still lists members who are not active');

    const dashboard = await get<DashboardResult>('/api/dashboard', leader);
    const onDashboard = dashboard.members.byChamber.find((item) => item.key === chamber.key);
    const page = await get<{ chamber: { memberCount: number } }>(`/api/chambers/${chamber.key}`, staff);
    const listed = await get<{ items: { id: string; memberCount: number }[] }>(
      `/api/chambers?q=${encodeURIComponent(chamber.label)}`,
      staff,
    );
    const measure = await get<MeasureValues>(
      `/api/measures/values?ids=chambers.activeMembers&orgUnitId=${chamber.key}`,
      leader,
    );
    const behindChart = await get<{ total: number }>(onDashboard!.link.replace(/^\//, '/api/'), staff);

    const ledger = await t.request({
      url: `/api/ledgers/members.xlsx?orgUnitId=${chamber.key}`,
      cookie: staff,
    });
    assert.equal(ledger.statusCode, 200, ledger.body.slice(0, 300));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(ledger.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(3).values as unknown[]).indexOf('状态');
    let activeRows = 0;
    for (let n = 4; n < sheet.rowCount; n++)
      if (sheet.getRow(n).getCell(header).value === '正常') activeRows++;
    const total = String(sheet.getRow(sheet.rowCount).getCell(1).value);

    assert.deepEqual(
      {
        dashboard: onDashboard?.value,
        chamberPage: page.chamber.memberCount,
        chamberList: listed.items.find((item) => item.id === chamber.key)?.memberCount,
        measure: measure.items[0]?.value,
        listBehindChart: behindChart.total,
        ledgerRows: activeRows,
        ledgerTotal: Number(/在册会员 (\d+) 家/.exec(total)?.[1]),
      },
      {
        dashboard: expected,
        chamberPage: expected,
        chamberList: expected,
        measure: expected,
        listBehindChart: expected,
        ledgerRows: expected,
        ledgerTotal: expected,
      },
    );
    // The ledger lists the chamber's other members too, each with its status.
    assert.ok(sheet.rowCount - 4 > activeRows, total);
  });

  it('says in the catalogue what it counts', async () => {
    const catalogue = await get<{ items: { id: string; definition: string }[] }>('/api/measures', leader);
    const measure = catalogue.items.find((item) => item.id === 'chambers.activeMembers');
    assert.match(measure?.definition ?? '', /会员状态为正常/);
  });
});
