// The report's 超期未办结 line, its link and the figures page agree on one definition (issue 11): the line counts
// the scheduled check's mark (measure appeals.overdue), as 诉求统计 does, and opens that page for the same unit
// and period — not the list's 已超期 (appeals.overdueNow), a distinct figure under a distinct name.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AppealStatsResult, MeasureCatalogue, MeasureValues, ReportView } from '@qinqing/shared';
import { json, setupTestApp, type TestApp } from '../../test/harness.ts';
import { buildReportWorld, reportView, requestReport, type ReportWorld } from '../../test/report-world.ts';

describe('the report’s 超期未办结 line', () => {
  let t: TestApp;
  let world: ReportWorld;
  let report: ReportView;
  const period = { from: '2026-07-01', to: '2026-09-30' };

  const get = async <T>(url: string): Promise<T> => {
    const response = await t.request({ url, cookie: world.cookies.staff });
    assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 300)}`);
    return json<T>(response);
  };

  before(async () => {
    t = await setupTestApp();
    world = await buildReportWorld(t);
    const id = await requestReport(t, world.cookies.staff!, {
      type: 'quarterly',
      orgUnitId: world.unit.district,
      period: '2026-Q3',
    });
    report = await reportView(t, id, world.cookies.staff!);
    assert.equal(report.status, 'ready', report.error ?? '');
  });
  after(() => t.close());

  it('counts what the figures page counts under the same name, and opens that page for its unit and period', async () => {
    const line = report.figures.find((figure) => figure.key === 'appeals.overdue')!;
    assert.equal(line.label, '超期未办结');
    assert.equal(
      line.link,
      `/appeals/stats?orgUnitId=${world.unit.district}&from=${period.from}&to=${period.to}`,
    );
    const stats = await get<AppealStatsResult>(
      `/api/appeals/stats?orgUnitId=${world.unit.district}&from=${period.from}&to=${period.to}`,
    );
    assert.equal(line.value, stats.total.openOverdue);
    assert.equal(line.value, 1, 'a5: open, and marked overdue by the check');
  });

  it('is the measure appeals.overdue; the list’s 已超期 is appeals.overdueNow, named apart', async () => {
    const values = await get<MeasureValues>(
      `/api/measures/values?ids=appeals.overdue,appeals.overdueNow&orgUnitId=${world.unit.district}&from=${period.from}&to=${period.to}`,
    );
    const [marked, now] = values.items;
    const line = report.figures.find((figure) => figure.key === 'appeals.overdue')!;
    assert.equal(marked!.value, line.value);
    assert.equal(marked!.list, null, 'no list filters by the check’s mark');
    assert.match(now!.list ?? '', /[?&]overdue=true/);
    assert.ok(!(line.link ?? '').includes('overdue=true'), 'the line does not open the overdue-now list');
    const catalogue = await get<MeasureCatalogue>('/api/measures');
    const label = (id: string) => catalogue.items.find((item) => item.id === id)!.label;
    assert.match(label('appeals.overdue'), /^超期未办结/);
    assert.equal(label('appeals.overdueNow'), '已超期');
  });
});
