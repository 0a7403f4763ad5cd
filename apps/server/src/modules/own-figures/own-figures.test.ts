// API tests of 本单位工作情况 own figures against a real PostgreSQL, on the demo: a liaison's and a head's
// department figures equal the federation's department ranking (the dashboard) and figures by department
// (诉求统计) number for number; a secretary's chamber figures equal the figures by chamber, the chamber's
// page and the measures API; each role that may not is refused; a bad period is 400.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  AppealStatsResult,
  ChamberOwnFigures,
  DashboardResult,
  DepartmentOwnFigures,
  MeasureCatalogue,
  MeasureValues,
} from '@qinqing/shared';
import { json, orgUnitId, setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';

/** The periods asked, with their days: a year, a quarter and a month of the test clock's year (2026). */
const PERIODS = [
  { period: '2026', from: '2026-01-01', to: '2026-12-31' },
  { period: '2026-Q4', from: '2026-10-01', to: '2026-12-31' },
  { period: '2026-11', from: '2026-11-01', to: '2026-11-30' },
];
const RATES = ['response', 'resolution', 'satisfaction', 'onTime'] as const;

describe('own figures: a department’s and a chamber’s, through the measures registry', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let hr: string;
  let tax: string;
  let district: string;
  let chamber: { id: string; name: string };

  const get = async <T>(url: string, cookie: string): Promise<T> => {
    const response = await t.request({ url, cookie });
    assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 300)}`);
    return json<T>(response);
  };
  const figure = (figures: { id: string; value: number | null }[], id: string) => {
    const found = figures.find((f) => f.id === id);
    assert.ok(found, `figure ${id}`);
    return found.value;
  };

  before(async () => {
    t = await setupTestApp();
    for (const name of ['staff', 'leader', 'liaison', 'hrhead', 'secretary', 'member'])
      cookies[name] = await t.sessionFor(await t.userId(name));
    hr = await orgUnitId(t, '人力资源社会保障局');
    tax = await orgUnitId(t, '税务局');
    const { rows } = await t.database.pool.query<{ id: string; name: string; parent: string }>(
      `SELECT ou.id, ou.name, ou.parent_id AS parent FROM users u JOIN org_units ou ON ou.id = u.org_unit_id
        WHERE u.username = 'secretary'`,
    );
    chamber = rows[0]!;
    const { rows: hrRows } = await t.database.pool.query<{ parent: string }>(
      'SELECT parent_id AS parent FROM org_units WHERE id = $1',
      [hr],
    );
    district = hrRows[0]!.parent;
  });
  after(() => t.close());

  it('the liaison’s and the head’s department figures equal the federation’s ranking and figures by department', async () => {
    let forwardedInYear = 0;
    for (const { period, from, to } of PERIODS) {
      const own = await get<DepartmentOwnFigures>(
        `/api/own-figures/department?period=${period}`,
        cookies.liaison!,
      );
      assert.equal(own.unit.id, hr);
      assert.equal(own.federation?.id, district);
      assert.deepEqual([own.from, own.to], [from, to]);
      const asHead = await get<DepartmentOwnFigures>(
        `/api/own-figures/department?period=${period}`,
        cookies.hrhead!,
      );
      assert.deepEqual(asHead, own, 'the head reads the same figures');

      // The federation's dashboard ranks its departments: the liaison's rates and places are the same.
      const dashboard = await get<DashboardResult>(
        `/api/dashboard?orgUnitId=${district}&from=${from}&to=${to}`,
        cookies.leader!,
      );
      const ranked = dashboard.appeals.departments.items;
      const mine = ranked.find((item) => item.id === hr);
      assert.ok(mine, `${period}: 人社局 is ranked`);
      assert.equal(figure(own.figures, 'departments.forwarded'), mine.volume, period);
      for (const rate of RATES) {
        assert.equal(
          figure(own.figures, `departments.${rate}Rate`),
          mine.rates[rate].raw,
          `${period} ${rate}`,
        );
        assert.equal(
          figure(own.figures, `departments.${rate}Rank`),
          mine.ranks[rate],
          `${period} ${rate} place`,
        );
      }
      assert.equal(figure(own.figures, 'departments.ranked'), ranked.length);
      assert.deepEqual(own.ranking, {
        ranked: ranked.length,
        sufficient: mine.sufficient,
        minVolume: dashboard.appeals.departments.minVolume,
      });

      // And the figures by department (诉求统计) give the same rates.
      const stats = await get<AppealStatsResult>(
        `/api/appeals/stats?groupBy=department&orgUnitId=${district}&from=${from}&to=${to}`,
        cookies.staff!,
      );
      const group = stats.groups.find((g) => g.key === hr)!;
      assert.deepEqual(
        [
          figure(own.figures, 'departments.forwarded'),
          figure(own.figures, 'departments.responseRate'),
          figure(own.figures, 'departments.resolutionRate'),
          figure(own.figures, 'departments.satisfactionRate'),
          figure(own.figures, 'departments.onTimeRate'),
        ],
        [group.forwarded, group.responseRate, group.resolutionRate, group.satisfactionRate, group.onTimeRate],
        period,
      );
      if (period === '2026') forwardedInYear = group.forwarded;
      // Each figure carries the catalogue's words.
      const rateFigure = own.figures.find((f) => f.id === 'departments.satisfactionRate')!;
      assert.equal(rateFigure.label, '满意率');
      assert.equal(rateFigure.unit, 'ratio');
      assert.match(
        own.figures.find((f) => f.id === 'departments.forwarded')!.list ?? '',
        new RegExp(`^/appeals\\?departmentId=${hr}&from=${from}&to=${to}$`),
      );
    }
    assert.ok(
      forwardedInYear > 0,
      'the demo forwards appeals to 人社局 in 2026: the comparison is not of zeros',
    );
  });

  it('by default counts this quarter (the app clock’s)', async () => {
    const own = await get<DepartmentOwnFigures>('/api/own-figures/department', cookies.liaison!);
    assert.deepEqual(
      [own.period, own.periodLabel, own.from, own.to],
      ['2026-Q4', '2026年第四季度', '2026-10-01', '2026-12-31'],
    );
  });

  it('a liaison sees only their own department; other roles may not read a department’s figures', async () => {
    const other = await t.request({
      url: `/api/own-figures/department?departmentId=${tax}`,
      cookie: cookies.liaison,
    });
    assert.equal(other.statusCode, 404, other.body);
    assert.equal(json<ErrorJson>(other).error.code, 'NOT_FOUND');
    const own = await t.request({
      url: `/api/own-figures/department?departmentId=${hr}`,
      cookie: cookies.liaison,
    });
    assert.equal(own.statusCode, 200, own.body);
    for (const who of ['member', 'secretary', 'staff', 'leader']) {
      const refused = await t.request({ url: '/api/own-figures/department', cookie: cookies[who] });
      assert.equal(refused.statusCode, 403, `${who}: ${refused.body}`);
      assert.equal(json<ErrorJson>(refused).error.code, 'FORBIDDEN');
    }
    const anonymous = await t.request({ url: '/api/own-figures/department' });
    assert.equal(anonymous.statusCode, 401);
  });

  it('a bad period is 400 naming the field, in Chinese', async () => {
    for (const period of ['2026-13', '2026-Q5', '26', '1999', 'last-quarter', '2026-11-01']) {
      const response = await t.request({
        url: `/api/own-figures/department?period=${encodeURIComponent(period)}`,
        cookie: cookies.liaison,
      });
      assert.equal(response.statusCode, 400, `${period}: ${response.body}`);
      const error = json<ErrorJson>(response).error;
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.ok(
        error.details?.some((d) => d.path.includes('period')),
        response.body,
      );
      assert.match(error.details?.[0]?.message ?? '', /统计期间/);
    }
    const chamberBad = await t.request({
      url: '/api/own-figures/chamber?period=2026-00',
      cookie: cookies.secretary,
    });
    assert.equal(chamberBad.statusCode, 400, chamberBad.body);
    const unknown = await t.request({
      url: '/api/own-figures/department?from=2026-01-01',
      cookie: cookies.liaison,
    });
    assert.equal(unknown.statusCode, 400, unknown.body);
  });

  it('the secretary’s chamber figures equal the figures by chamber, the chamber’s page and the measures', async () => {
    const { rows: fed } = await t.database.pool.query<{ id: string }>(
      `SELECT a.id FROM org_units c JOIN org_units a ON starts_with(c.path, a.path) AND a.id <> c.id
        WHERE c.id = $1 AND a.kind IN ('province', 'city', 'district', 'street') ORDER BY a.depth DESC LIMIT 1`,
      [chamber.id],
    );
    const federation = fed[0]!.id;
    let receivedInYear = 0;
    for (const { period, from, to } of PERIODS) {
      const own = await get<ChamberOwnFigures>(
        `/api/own-figures/chamber?period=${period}`,
        cookies.secretary!,
      );
      assert.deepEqual(own.unit, { id: chamber.id, name: chamber.name });
      assert.equal(own.federation?.id, federation);

      const stats = await get<AppealStatsResult>(
        `/api/appeals/stats?groupBy=chamber&orgUnitId=${federation}&from=${from}&to=${to}`,
        cookies.staff!,
      );
      const group = stats.groups.find((g) => g.key === chamber.id)!;
      assert.ok(group, `${period}: the chamber is in the figures by chamber`);
      assert.deepEqual(
        [
          'chambers.appealsReceived',
          'chambers.appealsResolved',
          'chambers.appealsResponseRate',
          'chambers.appealsResolutionRate',
          'chambers.appealsSatisfactionRate',
          'chambers.appealsOnTimeRate',
        ].map((id) => figure(own.figures, id)),
        [
          group.received,
          group.resolved,
          group.responseRate,
          group.resolutionRate,
          group.satisfactionRate,
          group.onTimeRate,
        ],
        period,
      );
      if (period === '2026') receivedInYear = group.received;

      // Visits to the chamber's active members, counted here from the records.
      const { rows } = await t.database.pool.query<{ visits: number; visited: number; members: number }>(
        `SELECT (SELECT count(*) FROM visits v WHERE v.enterprise_id = ANY (m.ids) AND v.status = 'done'
                   AND v.visited_on BETWEEN $2 AND $3)::int AS visits,
                (SELECT count(DISTINCT v.enterprise_id) FROM visits v WHERE v.enterprise_id = ANY (m.ids)
                   AND v.status = 'done' AND v.visited_on BETWEEN $2 AND $3)::int AS visited,
                cardinality(m.ids) AS members
           FROM (SELECT array_agg(e.id) AS ids FROM chamber_memberships cm JOIN enterprises e ON e.id = cm.enterprise_id
                  WHERE cm.chamber_id = $1 AND e.merged_into_id IS NULL AND e.membership_status = 'active') m`,
        [chamber.id, from, to],
      );
      const counted = rows[0]!;
      assert.equal(figure(own.figures, 'chambers.visitsDone'), counted.visits, period);
      assert.equal(figure(own.figures, 'chambers.visitedMembers'), counted.visited, period);
      assert.equal(figure(own.figures, 'chambers.activeMembers'), counted.members, period);
      const coverage = figure(own.figures, 'chambers.visitCoverage');
      assert.equal(
        coverage,
        counted.members === 0 ? null : Math.round((counted.visited / counted.members) * 10_000) / 10_000,
      );
    }
    assert.ok(
      receivedInYear > 0,
      'the demo chamber’s members raised appeals in 2026: not a comparison of zeros',
    );

    // The members: the chamber's page, the measures API for the chamber and the dashboard's chamber chart.
    const own = await get<ChamberOwnFigures>('/api/own-figures/chamber', cookies.secretary!);
    const members = figure(own.figures, 'chambers.activeMembers');
    assert.ok(members !== null && members > 0);
    const page = await get<{ chamber: { memberCount: number } }>(
      `/api/chambers/${chamber.id}`,
      cookies.secretary!,
    );
    assert.equal(page.chamber.memberCount, members, 'the chamber’s page');
    const measured = await get<MeasureValues>(
      `/api/measures/values?ids=chambers.activeMembers&orgUnitId=${chamber.id}`,
      cookies.staff!,
    );
    assert.equal(measured.items[0]!.value, members, 'the measures API for the chamber');
    const dashboard = await get<DashboardResult>(`/api/dashboard?orgUnitId=${federation}`, cookies.staff!);
    const bar = dashboard.members.byChamber.find((item) => item.key === chamber.id);
    if (bar) assert.equal(bar.value, members, 'the dashboard’s chamber chart');
    assert.equal(
      own.figures.find((f) => f.id === 'chambers.activeMembers')!.list,
      `/enterprises?chamberId=${chamber.id}&status=active`,
    );
  });

  it('a secretary sees only their own chamber; other roles may not read a chamber’s figures', async () => {
    const { rows } = await t.database.pool.query<{ id: string }>(
      `SELECT id FROM org_units WHERE kind IN ('chamber', 'association') AND id <> $1 LIMIT 1`,
      [chamber.id],
    );
    const other = await t.request({
      url: `/api/own-figures/chamber?chamberId=${rows[0]!.id}`,
      cookie: cookies.secretary,
    });
    assert.equal(other.statusCode, 404, other.body);
    assert.equal(json<ErrorJson>(other).error.code, 'NOT_FOUND');
    for (const who of ['member', 'liaison', 'hrhead', 'staff', 'leader']) {
      const refused = await t.request({ url: '/api/own-figures/chamber', cookie: cookies[who] });
      assert.equal(refused.statusCode, 403, `${who}: ${refused.body}`);
    }
  });

  it('the measures are in the catalogue, and of a unit of another kind they are empty', async () => {
    const catalogue = await get<MeasureCatalogue>('/api/measures', cookies.staff!);
    const ids = new Set(catalogue.items.map((item) => item.id));
    for (const id of [
      'departments.satisfactionRate',
      'departments.onTimeRank',
      'chambers.appealsReceived',
      'chambers.visitCoverage',
    ])
      assert.ok(ids.has(id), id);
    const values = await get<MeasureValues>(
      '/api/measures/values?ids=departments.resolutionRate,departments.resolutionRank,chambers.appealsReceived',
      cookies.staff!,
    );
    assert.deepEqual(
      values.items.map((item) => item.value),
      [null, null, null],
      'the district is neither a department nor a chamber',
    );
    const ofDepartment = await get<MeasureValues>(
      `/api/measures/values?ids=departments.resolutionRate,departments.forwarded&orgUnitId=${hr}&from=2026-01-01&to=2026-12-31`,
      cookies.staff!,
    );
    const own = await get<DepartmentOwnFigures>('/api/own-figures/department?period=2026', cookies.liaison!);
    assert.deepEqual(
      ofDepartment.items.map((item) => item.value),
      [figure(own.figures, 'departments.resolutionRate'), figure(own.figures, 'departments.forwarded')],
      'the same measure, asked through the measures API by the federation',
    );
  });
});
