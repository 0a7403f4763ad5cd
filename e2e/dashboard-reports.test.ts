// Browser journeys of what leaders read (issue 5): the leader opens the dashboard (工作看板) from the
// workbench, clicks a department's bar in the satisfaction chart and lands on that department's appeals,
// goes back, opens the resolved appeals from the funnel and sees (and removes) the filter it applied;
// staff generates the quarterly special report (会员企业困难问题调研报告), writes a commentary section and
// downloads the .docx, which holds the text written.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { DashboardResult } from '@qinqing/shared';
import { unzipParts } from '../apps/server/src/test/zips.ts';
import { DEMO_PASSWORD } from '../apps/server/src/test/harness.ts';
import {
  dialogOpened,
  screenshotOnFailure,
  signInThroughPage,
  startPlatform,
  type Platform,
} from './harness.ts';

// The layout of the department chart (features/dashboard/charts.ts): a fixed grid, one band per department.
const GRID = { left: 180, top: 8, bottom: 28 };

/** A signed-in API caller on the app under test, for reading what the pages should show. */
async function apiAs(platform: Platform, username: string) {
  const cookie = await platform.t.signIn(username, DEMO_PASSWORD);
  return async <T>(url: string): Promise<T> => {
    const response = await platform.t.request({ url, cookie });
    assert.equal(response.statusCode, 200, `GET ${url} → ${response.statusCode} ${response.body}`);
    return response.json() as T;
  };
}

/** The text of a .docx's body, its runs joined. */
function documentText(docx: Buffer): string {
  const xml = unzipParts(docx).get('word/document.xml')?.toString('utf8') ?? '';
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe('dashboard and report journeys', { timeout: 300_000 }, () => {
  let platform: Platform;
  before(async () => {
    platform = await startPlatform();
  });
  after(() => platform?.close());

  it('the leader clicks a department’s bar in the satisfaction chart and lands on its appeals', async () => {
    const leaderApi = await apiAs(platform, 'leader');
    // The demo's appeals are of the last thirty days: in the first days of a quarter the leader reads the
    // months that hold them (a range of months on the page), otherwise the quarter the page opens with.
    const quarter = await leaderApi<DashboardResult>('/api/dashboard');
    const busy = quarter.appeals.departments.items.some((item) => item.volume > 0);
    const recent = new Date(platform.t.ctx.clock.now().getTime() - 31 * 86_400_000);
    const monthStart = `${recent.getFullYear()}-${String(recent.getMonth() + 1).padStart(2, '0')}-01`;
    const months = `period=custom&from=${monthStart}&to=${quarter.to}`;
    const dashboard = busy
      ? quarter
      : await leaderApi<DashboardResult>(`/api/dashboard?from=${monthStart}&to=${quarter.to}`);
    const ranked = dashboard.appeals.departments.items;
    // The busiest department of the period, at its place in the satisfaction ranking.
    const department = [...ranked].sort((a, b) => b.volume - a.volume)[0];
    assert.ok(department && department.volume > 0, 'the demo has forwards in the period');
    const index = ranked.findIndex((item) => item.id === department.id);
    const list = await leaderApi<{ total: number }>(`/api${department.link}&page=1&pageSize=20`);
    assert.ok(list.total > 0, 'the department has appeals received this quarter');

    const page = await platform.newPage();
    await screenshotOnFailure(page, 'dashboard-leader', async () => {
      await signInThroughPage(page, 'leader', DEMO_PASSWORD);
      await page.getByTestId('app-layout').waitFor();
      // What a leader sees first: the quarter's key figures on the workbench, one click from the dashboard.
      await page.getByTestId('home-dashboard').getByText(String(quarter.members.active.value)).waitFor();
      await page.getByTestId('side-menu').getByText('工作看板', { exact: true }).click();
      await page.waitForURL(/\/dashboard$/);
      if (!busy) await page.goto(`/dashboard?${months}`);
      await page.getByTestId('kpi-members').getByText(String(dashboard.members.active.value)).waitFor();

      const chart = page.getByTestId('chart-department-satisfaction');
      await chart.locator('canvas').first().waitFor();
      await chart.scrollIntoViewIfNeeded();
      // The table beside the chart lists the departments in the same order.
      const row = page.getByTestId(`department-rank-${department.id}`);
      await row.getByText(department.name).waitFor();
      const box = await chart.boundingBox();
      assert.ok(box, 'the chart is on the page');
      const band = (box.height - GRID.top - GRID.bottom) / ranked.length;
      await page.mouse.click(box.x + GRID.left + 4, box.y + GRID.top + band * (index + 0.5));

      await page.waitForURL(
        (url) => url.pathname === '/appeals' && url.searchParams.get('departmentId') === department.id,
      );
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('from'), dashboard.from);
      assert.equal(url.searchParams.get('to'), dashboard.to);
      // The board is filtered by that department and lists its appeals.
      await page
        .getByTestId('appeal-board')
        .locator('.ant-select')
        .getByText(department.name)
        .first()
        .waitFor();
      const table = page.getByTestId('appeals-table');
      await table.locator('.ant-table-row').first().waitFor();
      assert.equal(
        await table.locator('.ant-table-row').count(),
        Math.min(list.total, 20),
        'the list shows the department’s appeals',
      );
      await page.getByText(`共 ${list.total} 条诉求`).first().waitFor();
      for (const text of await table.locator('.ant-table-row').allInnerTexts())
        assert.ok(text.includes(department.name), `every row names ${department.name}: ${text}`);

      // The list says where it came from: back to the dashboard, the same period.
      const dashboardSearch = busy ? '' : `?${months}`;
      await page.getByTestId('drill-back').click();
      await page.waitForURL((url) => url.pathname === '/dashboard');
      assert.equal(new URL(page.url()).search, dashboardSearch);

      // The funnel's resolved stage opens the resolved appeals of the period: the outcome, which the filter
      // form has no field for, is shown by name and can be removed; the way back stays.
      const resolved = dashboard.appeals.funnel.find((item) => item.link.includes('outcome=resolved'));
      assert.ok(resolved, 'the funnel has a resolved stage');
      const funnel = page.getByTestId('chart-appeal-funnel-card');
      await page.getByTestId('chart-appeal-funnel-view').locator('.ant-segmented-item').nth(1).click();
      await funnel.locator(`a[href="${resolved.link}"]`).click();
      await page.waitForURL(
        (url) => url.pathname === '/appeals' && url.searchParams.get('outcome') === 'resolved',
      );
      assert.equal(new URL(page.url()).searchParams.get('from'), dashboard.from);
      assert.equal(new URL(page.url()).searchParams.get('to'), dashboard.to);
      const outcome = page.getByTestId('applied-filter-outcome');
      await outcome.getByText('办理结果').waitFor();
      await outcome.locator('.ant-tag-close-icon').click();
      await page.waitForURL((url) => url.pathname === '/appeals' && !url.searchParams.has('outcome'));
      await outcome.waitFor({ state: 'detached' });
      assert.equal(new URL(page.url()).searchParams.get('from'), dashboard.from, 'the period stays');
      await page.getByTestId('drill-back').click();
      await page.waitForURL((url) => url.pathname === '/dashboard');
      assert.equal(new URL(page.url()).search, dashboardSearch);
    });
  });

  it('staff generates the special report, writes a commentary section and downloads the .docx', async () => {
    const commentary = `旅程测试：融资难问题集中在首贷和续贷环节，建议金融办牵头组织银企对接。${randomUUID().slice(0, 8)}`;
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'reports-staff', async () => {
      await signInThroughPage(page, 'staff', DEMO_PASSWORD);
      await page.getByTestId('app-layout').waitFor();
      await page.getByTestId('side-menu').getByText('报告', { exact: true }).click();
      await page.getByTestId('report-generate').click();
      await dialogOpened(page);
      await page.getByTestId('report-type').getByText('季度专报').click();
      // Choosing the type sets the period to its last ended one (2026-Q3): wait for the field to show it.
      await page.waitForFunction(() =>
        /^\d{4}-Q[1-4]$/.test(
          document.querySelector<HTMLInputElement>('[data-testid="report-period"]')?.value ?? '',
        ),
      );
      assert.match(await page.getByTestId('report-period').inputValue(), /^\d{4}-Q[1-4]$/);
      await page.getByTestId('report-generate-submit').click();
      await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
      const detail = page.getByTestId('report-detail');
      await detail.getByText('会员企业困难问题调研报告').first().waitFor();

      // Generated in the background: the commentary appears once the report is ready.
      const section = page.getByTestId('report-commentary-analysis');
      await section.waitFor({ timeout: 60_000 });
      await section.fill(commentary);
      await page.getByTestId('report-commentary-save').click();
      await page.getByText('评述已保存，文档已更新').first().waitFor();

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('report-download').click(),
      ]);
      assert.match(download.suggestedFilename(), /\.docx$/);
      const file = await download.path();
      const docx = fs.readFileSync(file);
      assert.equal(docx.subarray(0, 4).toString('binary'), 'PK\u0003\u0004', 'a zip archive');
      const text = documentText(docx);
      assert.ok(text.includes('会员企业困难问题调研报告'), 'the title');
      assert.ok(text.includes(commentary), 'the commentary written on the page');
    });
  });

  it('the 两个覆盖 donut shows 未覆盖 in grey and coverage in green', async () => {
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'dashboard-party-colours', async () => {
      await signInThroughPage(page, 'leader', DEMO_PASSWORD);
      await page.getByTestId('app-layout').waitFor();
      await page.goto('/dashboard');
      const card = page.getByTestId('chart-party-coverage-card');
      await card.locator('canvas').first().waitFor();
      await page.getByTestId('chart-party-coverage-view').locator('.ant-segmented-item').nth(1).click();
      const list = page.getByTestId('chart-party-coverage-list');
      // The swatch before each name is the item's colour in the chart (charts.ts PARTY_COLOURS).
      const colourOf = (name: string) =>
        list
          .locator('tr', { hasText: name })
          .locator('.chart-swatch')
          .evaluate((swatch) => getComputedStyle(swatch).backgroundColor);
      const rgb = (css: string) => css.match(/\d+/g)!.slice(0, 3).map(Number) as [number, number, number];
      const green = ([r, g, b]: [number, number, number]) => g > r + 40 && g > b + 40;
      const none = rgb(await colourOf('未覆盖'));
      assert.ok(!green(none), `未覆盖 is not green: ${none}`);
      assert.deepEqual(none, [191, 191, 191], 'a neutral grey');
      assert.ok(green(rgb(await colourOf('已建党组织'))), '已建党组织 in the positive green');
    });
  });
});
