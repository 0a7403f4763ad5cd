// 指标 the measures registry and its API: the catalogue, values with the lists behind them, bad input, who
// may not ask — and one truth: on the demo, on the reports' hand-made district and on a synthetic city,
// every measure equals the number the dashboard, the appeal figures and the reports show for the same
// subtree and period (whole quarters, a month, and a period of partial months).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  AidStats,
  AppealStatsResult,
  DashboardResult,
  MeasureCatalogue,
  MeasureValues,
  ReportView,
} from '@qinqing/shared';
import { MeasureRegistry, measuresOf } from '../../core/measures/registry.ts';
import { generateSyntheticAppeals } from '../../demo/appeals-synthetic.ts';
import { SYNTHETIC_PROVINCE } from '../../demo/synthetic.ts';
import {
  DEMO_ROLE_ACCOUNTS,
  createAccount,
  json,
  orgUnitId,
  setupTestApp,
  type TestApp,
  type ErrorJson,
} from '../../test/harness.ts';
import { buildReportWorld, reportView, requestReport } from '../../test/report-world.ts';

interface Ask {
  cookie: string;
  orgUnitId?: string;
  from: string;
  to: string;
}

const query = (ask: Omit<Ask, 'cookie'>) =>
  new URLSearchParams(
    Object.entries({ orgUnitId: ask.orgUnitId, from: ask.from, to: ask.to }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  ).toString();

async function get<T>(t: TestApp, url: string, cookie: string): Promise<T> {
  const response = await t.request({ url, cookie });
  assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
  return json<T>(response);
}

/** Every measure of the catalogue for the subtree and period, by id. */
async function allValues(t: TestApp, ask: Ask) {
  const catalogue = await get<MeasureCatalogue>(t, '/api/measures', ask.cookie);
  const ids = catalogue.items.map((item) => item.id).join(',');
  const values = await get<MeasureValues>(t, `/api/measures/values?ids=${ids}&${query(ask)}`, ask.cookie);
  assert.deepEqual(
    values.items.map((item) => item.id),
    catalogue.items.map((item) => item.id),
  );
  return new Map(values.items.map((item) => [item.id, item]));
}

/** The measures against the dashboard and the appeal figures of the same subtree and period. */
async function assertOneTruth(t: TestApp, ask: Ask): Promise<Map<string, MeasureValues['items'][number]>> {
  const [values, dashboard, stats] = await Promise.all([
    allValues(t, ask),
    get<DashboardResult>(t, `/api/dashboard?${query(ask)}`, ask.cookie),
    get<AppealStatsResult>(t, `/api/appeals/stats?${query(ask)}`, ask.cookie),
  ]);
  const value = (id: string) => {
    assert.ok(values.has(id), `measure ${id}`);
    return values.get(id)!.value;
  };
  const link = (id: string) => values.get(id)!.list;
  const label = `${ask.orgUnitId ?? 'own unit'} ${ask.from}–${ask.to}`;

  // The dashboard's cards.
  assert.deepEqual(
    {
      active: [value('members.active'), link('members.active')],
      joined: [value('members.joined'), link('members.joined')],
      left: [value('members.left'), link('members.left')],
      visits: [value('visits.done'), link('visits.done')],
    },
    {
      active: [dashboard.members.active.value, dashboard.members.active.link],
      joined: [dashboard.members.joined.value, dashboard.members.joined.link],
      left: [dashboard.members.left.value, dashboard.members.left.link],
      visits: [dashboard.visits.visits.value, dashboard.visits.visits.link],
    },
    label,
  );
  assert.deepEqual(
    [
      value('party.organized'),
      value('party.covered'),
      value('party.organizationCoverage'),
      value('party.workCoverage'),
      value('visits.enterprises'),
      value('visits.visitedMembers'),
      value('visits.coverage'),
    ],
    [
      dashboard.party.organized,
      dashboard.party.covered,
      dashboard.party.organizationCoverage,
      dashboard.party.workCoverage,
      dashboard.visits.enterprisesVisited,
      dashboard.visits.visitedMembers,
      dashboard.visits.coverage,
    ],
    label,
  );
  for (const item of dashboard.appeals.funnel) {
    const id = `appeals.${item.key}`;
    assert.deepEqual([value(id), link(id)], [item.value, item.link], `${label} ${id}`);
  }
  for (const item of dashboard.appeals.rates) {
    const id = `appeals.${item.key}Rate`;
    assert.deepEqual([value(id), link(id)], [item.value, item.link], `${label} ${id}`);
  }

  // The appeal figures (诉求统计) of the same subtree and period.
  const total = stats.total;
  assert.deepEqual(
    [
      'received',
      'valid',
      'invalid',
      'forwarded',
      'responded',
      'resolved',
      'unsolvable',
      'overdue',
      'satisfied',
      'enterprises',
      'responseRate',
      'resolutionRate',
      'satisfactionRate',
      'onTimeRate',
    ].map((name) => value(`appeals.${name}`)),
    [
      total.received,
      total.valid,
      total.invalid,
      total.forwarded,
      total.responded,
      total.resolved,
      total.unsolvable,
      total.openOverdue,
      total.satisfied + total.basicallySatisfied,
      total.enterprises,
      total.responseRate,
      total.resolutionRate,
      total.satisfactionRate,
      total.onTimeRate,
    ],
    label,
  );
  return values;
}

/** The figures a report shows that the registry defines the same way, against the measures' values. */
const REPORT_FIGURES = [
  'members.joined',
  'members.left',
  'visits.done',
  'visits.enterprises',
  'appeals.received',
  'appeals.enterprises',
  'appeals.valid',
  'appeals.forwarded',
  'appeals.resolved',
  'appeals.overdue',
  'appeals.resolutionRate',
  'appeals.responseRate',
  'appeals.satisfactionRate',
  'appeals.onTimeRate',
  'suggestions.submitted',
  'suggestions.adopted',
];

/** Report figures the registry names apart: the report's 在册 counts the members active at the period's end. */
const REPORT_FIGURES_RENAMED: Record<string, string> = { 'members.active': 'members.activeAtPeriodEnd' };

async function assertReportAgrees(
  t: TestApp,
  ask: Ask & { orgUnitId: string },
  type: string,
  period: string,
) {
  const report: ReportView = await reportView(
    t,
    await requestReport(t, ask.cookie, { type, orgUnitId: ask.orgUnitId, period }),
    ask.cookie,
  );
  assert.equal(report.status, 'ready');
  assert.deepEqual([report.from, report.to], [ask.from, ask.to]);
  const values = await allValues(t, ask);
  for (const key of [...REPORT_FIGURES, ...Object.keys(REPORT_FIGURES_RENAMED)]) {
    const figure = report.figures.find((f) => f.key === key);
    assert.ok(figure, `report figure ${key}`);
    const id = REPORT_FIGURES_RENAMED[key] ?? key;
    assert.equal(values.get(id)!.value, figure.value, `${type} ${period} ${key}`);
  }
}

describe('measures (指标)', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};

  before(async () => {
    t = await setupTestApp();
    for (const name of DEMO_ROLE_ACCOUNTS) cookies[name] = await t.sessionFor(await t.userId(name));
  });
  after(() => t.close());

  describe('the catalogue', () => {
    it('lists every measure once, with labels in Chinese and English, a unit and a definition', async () => {
      const catalogue = await get<MeasureCatalogue>(t, '/api/measures', cookies.leader!);
      const ids = catalogue.items.map((item) => item.id);
      assert.equal(new Set(ids).size, ids.length);
      for (const expected of [
        'members.active',
        'party.workCoverage',
        'visits.coverage',
        'appeals.received',
        'appeals.resolutionRate',
        'suggestions.adopted',
        'donations.amount',
        'aid.posts',
        'aid.fulfilled',
        'aid.enterprisesHelped',
        'aid.quantity',
      ])
        assert.ok(ids.includes(expected), expected);
      for (const item of catalogue.items) {
        assert.match(item.id, /^[a-z]+\.[a-zA-Z]+$/);
        assert.ok(item.label && item.labelEn && item.definition, item.id);
        assert.ok(['count', 'ratio', 'fen'].includes(item.unit), item.id);
      }
      const rate = catalogue.items.find((item) => item.id === 'appeals.resolutionRate')!;
      assert.deepEqual([rate.label, rate.unit], ['解决率', 'ratio']);
      const donated = catalogue.items.find((item) => item.id === 'donations.amount')!;
      assert.deepEqual([donated.label, donated.unit], ['捐赠总额', 'fen']);
    });

    it('refuses a measure defined twice or named out of pattern when the registry is built', () => {
      const source = { name: 'test', compute: async () => 1 };
      const one = measuresOf(source, [
        { id: 'test.one', label: { zh: '一', en: 'One' }, unit: 'count', definition: '一', value: (n) => n },
      ]);
      assert.throws(() => new MeasureRegistry([...one, ...one]), /defined twice/);
      assert.throws(
        () => new MeasureRegistry(measuresOf(source, [{ ...one[0]!, id: 'Bad id', value: (n) => n }])),
        /expected domain\.name/,
      );
    });
  });

  describe('values', () => {
    it('answers this quarter of the caller’s own unit by default, with the lists behind the counts', async () => {
      const values = await get<MeasureValues>(
        t,
        '/api/measures/values?ids=appeals.received,members.active,appeals.resolutionRate',
        cookies.staff!,
      );
      assert.equal(values.orgUnit.name, '示例区工商联');
      assert.deepEqual([values.from, values.to], ['2026-10-01', '2026-12-31']);
      const [received, active, rate] = values.items;
      assert.ok(received!.value! > 0, 'the demo has appeals this quarter');
      assert.equal(received!.list, '/appeals?from=2026-10-01&to=2026-12-31');
      assert.equal(active!.list, '/enterprises?status=active');
      assert.equal(rate!.unit, 'ratio');
      assert.ok(rate!.value === null || (rate!.value >= 0 && rate!.value <= 1));
    });

    it('names the narrower unit in its lists, and counts only its subtree', async () => {
      const street = await orgUnitId(t, '东湖街道工商联');
      const values = await get<MeasureValues>(
        t,
        `/api/measures/values?ids=members.active&orgUnitId=${street}`,
        cookies.staff!,
      );
      const district = await get<MeasureValues>(t, '/api/measures/values?ids=members.active', cookies.staff!);
      assert.equal(values.orgUnit.name, '东湖街道工商联');
      assert.equal(values.items[0]!.list, `/enterprises?orgUnitId=${street}&status=active`);
      assert.ok(values.items[0]!.value! < district.items[0]!.value!);
    });

    it('equals the dashboard, the appeal figures and the report on the demo', async () => {
      await assertOneTruth(t, { cookie: cookies.staff!, from: '2026-10-01', to: '2026-12-31' });
      await assertOneTruth(t, { cookie: cookies.leader!, from: '2026-11-03', to: '2026-11-27' });
      const street = await orgUnitId(t, '东湖街道工商联');
      await assertOneTruth(t, {
        cookie: cookies.staff!,
        orgUnitId: street,
        from: '2026-09-15',
        to: '2026-11-30',
      });
      const district = await orgUnitId(t, '示例区工商联');
      await assertReportAgrees(
        t,
        { cookie: cookies.staff!, orgUnitId: district, from: '2026-11-01', to: '2026-11-30' },
        'monthly',
        '2026-11',
      );
    });
    it('counts mutual aid as the aid page does, the enterprises helped once across categories', async () => {
      const street = await orgUnitId(t, '东湖街道工商联');
      for (const ask of [
        { from: '2026-01-01', to: '2026-12-31' },
        { from: '2026-11-03', to: '2026-11-27' },
        { from: '2026-01-01', to: '2026-12-31', orgUnitId: street },
      ]) {
        const stats = await get<AidStats>(t, `/api/aid/stats?${query(ask)}`, cookies.staff!);
        const values = await get<MeasureValues>(
          t,
          `/api/measures/values?ids=aid.posts,aid.supplies,aid.demands,aid.matches,aid.fulfilled,aid.enterprisesHelped,aid.quantity&${query(ask)}`,
          cookies.staff!,
        );
        const value = (id: string) => values.items.find((item) => item.id === id)!.value;
        const { total } = stats;
        assert.deepEqual(
          [
            value('aid.posts'),
            value('aid.supplies'),
            value('aid.demands'),
            value('aid.matches'),
            value('aid.fulfilled'),
            value('aid.enterprisesHelped'),
            value('aid.quantity'),
          ],
          [
            total.posts,
            total.supplies,
            total.demands,
            total.matches,
            total.fulfilled,
            total.enterprisesHelped,
            Math.round(total.delivered.reduce((sum, item) => sum + item.quantity, 0)),
          ],
          JSON.stringify(ask),
        );
        const helpedByCategory = stats.categories.reduce((sum, c) => sum + c.enterprisesHelped, 0);
        assert.ok(total.enterprisesHelped <= helpedByCategory, 'one enterprise helped twice is one');
      }
      const year = await get<MeasureValues>(
        t,
        '/api/measures/values?ids=aid.posts,aid.fulfilled&from=2026-01-01&to=2026-12-31',
        cookies.staff!,
      );
      assert.ok(
        year.items[0]!.value! > 0 && year.items[1]!.value! > 0,
        'the demo has aid posts and a match fulfilled',
      );
    });
  });

  describe('bad input', () => {
    const refused = async (url: string, path: string, code: string) => {
      const response = await t.request({ url, cookie: cookies.staff });
      assert.equal(response.statusCode, 400, `${url}: ${response.body}`);
      const body = json<ErrorJson>(response);
      assert.equal(body.error.code, 'VALIDATION_FAILED');
      assert.ok(
        body.error.details?.some((d) => d.path === path && d.code === code),
        `${url}: ${response.body}`,
      );
    };

    it('names the field and what to fix', async () => {
      await refused(
        '/api/measures/values?ids=appeals.received,appeals.nothing',
        'querystring.ids',
        'UNKNOWN_MEASURE',
      );
      await refused('/api/measures/values?ids=,,', 'querystring.ids', 'REQUIRED');
      const many = Array.from({ length: 201 }, (_, i) => `x.m${i}`).join(',');
      await refused(`/api/measures/values?ids=${many}`, 'querystring.ids', 'TOO_MANY');
      await refused(
        '/api/measures/values?ids=appeals.received&from=2026-12-01&to=2026-11-01',
        'querystring.from',
        'DATE_RANGE',
      );
      await refused(
        '/api/measures/values?ids=appeals.received&from=2010-01-01&to=2026-11-01',
        'querystring.to',
        'PERIOD_TOO_LONG',
      );
      const missing = await t.request({ url: '/api/measures/values', cookie: cookies.staff });
      assert.equal(missing.statusCode, 400);
      const badDate = await t.request({
        url: '/api/measures/values?ids=appeals.received&from=2026-02-30',
        cookie: cookies.staff,
      });
      assert.equal(badDate.statusCode, 400);
      const badUnit = await t.request({
        url: '/api/measures/values?ids=appeals.received&orgUnitId=nope',
        cookie: cookies.staff,
      });
      assert.equal(badUnit.statusCode, 400);
      assert.match(
        json<ErrorJson & { error: { message: string } }>(missing).error.message,
        /[\u4e00-\u9fa5]/,
      );
    });

    it('does not find a unit outside the caller’s subtree', async () => {
      const streetStaff = await createAccount(t, {
        username: 'measures-street-staff',
        orgUnitId: await orgUnitId(t, '西山街道工商联'),
        roles: ['federation_staff'],
      });
      const district = await orgUnitId(t, '示例区工商联');
      const response = await t.request({
        url: `/api/measures/values?ids=members.active&orgUnitId=${district}`,
        cookie: await t.sessionFor(streetStaff),
      });
      assert.equal(response.statusCode, 404);
    });
  });

  describe('who may not', () => {
    it('is for those who read the dashboard: staff and leaders', async () => {
      for (const url of ['/api/measures', '/api/measures/values?ids=members.active']) {
        assert.equal((await t.request({ url })).statusCode, 401, url);
        for (const name of ['secretary', 'liaison', 'member', 'sysadmin', 'secadmin', 'auditor']) {
          const response = await t.request({ url, cookie: cookies[name] });
          assert.equal(response.statusCode, 403, `${name} ${url}`);
        }
        for (const name of ['staff', 'leader'])
          assert.equal((await t.request({ url, cookie: cookies[name] })).statusCode, 200, `${name} ${url}`);
      }
    });
  });
});

describe('measures: one truth on the reports’ district', () => {
  let t: TestApp;
  let district: string;
  let staff: string;

  before(async () => {
    t = await setupTestApp();
    const world = await buildReportWorld(t);
    district = world.unit.district;
    staff = world.cookies.staff!;
  });
  after(() => t.close());

  it('equals the quarterly report, the dashboard and the appeal figures of Q3 2026', async () => {
    const ask = { cookie: staff, orgUnitId: district, from: '2026-07-01', to: '2026-09-30' };
    const values = await assertOneTruth(t, ask);
    assert.equal(values.get('appeals.received')!.value, 6, 'a1–a6 received in Q3');
    await assertReportAgrees(t, ask, 'quarterly', '2026-Q3');
    await assertOneTruth(t, { ...ask, from: '2026-07-15', to: '2026-10-10' });
  });
});

describe('measures: one truth on a synthetic city', () => {
  let t: TestApp;
  let city: string;
  let staff: string;

  before(async () => {
    t = await setupTestApp({ demo: false });
    await generateSyntheticAppeals(t.database.pool, {
      appeals: 6000,
      enterprises: 600,
      until: '2026-06-30',
      years: 1,
    });
    const { rows } = await t.database.pool.query<{ id: string }>(
      `SELECT u.id FROM org_units u WHERE u.kind = 'city'
       ORDER BY (SELECT count(*) FROM appeals a JOIN org_units o ON o.id = a.org_unit_id
         WHERE o.path LIKE u.path || '%') DESC, u.id LIMIT 1`,
    );
    city = rows[0]!.id;
    const province = await orgUnitId(t, SYNTHETIC_PROVINCE.name);
    staff = await t.sessionFor(
      await createAccount(t, {
        username: 'measures-province-staff',
        orgUnitId: province,
        roles: ['federation_staff'],
      }),
    );
  });
  after(() => t.close());

  it('equals the dashboard, the appeal figures and the reports for quarters, a month and partial months', async () => {
    for (const [from, to] of [
      ['2026-04-01', '2026-06-30'],
      ['2026-01-01', '2026-03-31'],
      ['2026-05-01', '2026-05-31'],
      ['2026-02-10', '2026-06-20'],
    ] as const) {
      const values = await assertOneTruth(t, { cookie: staff, orgUnitId: city, from, to });
      assert.ok(values.get('appeals.received')!.value! > 20, `${from}–${to}: appeals to compare`);
      assert.ok(values.get('appeals.resolved')!.value! > 0, `${from}–${to}: resolved appeals to compare`);
    }
    const ask = { cookie: staff, orgUnitId: city, from: '2026-04-01', to: '2026-06-30' };
    await assertReportAgrees(t, ask, 'quarterly', '2026-Q2');
    // The province as a whole, from the root.
    await assertOneTruth(t, { cookie: staff, from: '2026-04-01', to: '2026-06-30' });
  });
});
