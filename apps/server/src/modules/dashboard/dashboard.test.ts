// 工作看板 dashboard: exact numbers on a district of its own (members, party coverage, visits, the appeals
// funnel, rates, categories, trend and the department ranking), the fairness of the ranking, links that
// lead to lists holding the same numbers, the default period, bad input, who may not ask, and the member
// rollups the triggers keep equal to a recount after changes through the API.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { usccCheckCharacter, type DashboardItem, type DashboardResult } from '@qinqing/shared';
import { industryChildren } from '../../reference/industries.ts';
import { readReferenceTsv } from '../../reference/tsv.ts';
import {
  DEMO_ROLE_ACCOUNTS,
  createAccount,
  json,
  orgUnitId,
  setupTestApp,
  type TestApp,
  type ErrorJson,
} from '../../test/harness.ts';
import { estimate, rankDepartments, type RankInput } from './fairness.ts';
import { rebuildMemberRollups } from '../enterprises/figures-repository.ts';

const at = (day: string, time = '10:00') => `${day}T${time}:00+08:00`;
const endOf = (day: string) => `${day}T23:59:59+08:00`;
const day = (month: number, date: number) =>
  `2019-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
const Q1 = 'from=2019-01-01&to=2019-03-31';

let usccSerial = 0;
function uscc(): string {
  const first17 = `91310105DB${String(++usccSerial).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
}

describe('dashboard (工作看板)', () => {
  let t: TestApp;
  let pool: pg.Pool;
  const unit = { district: '', s1: '', s2: '', x: '', y: '', z: '', chamber: '', association: '' };
  const e: Record<string, string> = {};
  const cookies: Record<string, string> = {};
  let serial = 0;

  const addUnit = async (parent: string, kind: string, name: string, code?: string) => {
    const id = randomUUID();
    const parentPath = (
      await pool.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [parent])
    ).rows[0]!.path;
    await pool.query(
      'INSERT INTO org_units (id, parent_id, kind, name, code, path, depth) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [id, parent, kind, name, code ?? null, `${parentPath}${id}/`, parentPath.split('/').length - 2],
    );
    return id;
  };

  interface EnterpriseSpec {
    unit: string;
    industry?: string;
    size?: string;
    status?: string;
    statusOn?: string;
    joinedOn?: string;
    mergedInto?: string;
  }
  const addEnterprise = async (name: string, spec: EnterpriseSpec) => {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO enterprises (org_unit_id, name, uscc, industry_code, size, membership_status,
         membership_status_on, joined_on, merged_into_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        spec.unit,
        name,
        uscc(),
        spec.industry ?? null,
        spec.size ?? null,
        spec.status ?? 'active',
        spec.statusOn ?? null,
        spec.joinedOn ?? null,
        spec.mergedInto ?? null,
      ],
    );
    return rows[0]!.id;
  };

  const addVisit = async (enterprise: string, orgUnit: string, status: string, visitedOn: string) => {
    await pool.query(
      `INSERT INTO visits (enterprise_id, org_unit_id, kind, status, planned_on, visited_on)
       VALUES ($1, $2, 'directed', $3, $4, $5)`,
      [enterprise, orgUnit, status, visitedOn, status === 'done' ? visitedOn : null],
    );
  };

  interface AppealSpec {
    enterprise: string;
    category: string;
    receivedOn: string;
    state: string;
    department?: 'x' | 'y';
    satisfaction?: string;
  }
  /** An appeal; with a department, forwarded the next day, answered on time, resolved and rated. */
  const addAppeal = async (spec: AppealSpec) => {
    const forwarded = spec.department !== undefined;
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO appeals (number, enterprise_id, org_unit_id, category_code, title, description, source,
         urgency, state, invalid_reason, received_at, received_on, validated_at, forwarded_at, responded_at,
         respond_due_at, resolve_due_at, outcome, answered_at, satisfaction)
       SELECT $1, $2, e.org_unit_id, $3, '看板测试诉求', '看板测试', 'phone', 'normal', $4,
         CASE WHEN $4 = 'invalid' THEN '非企业诉求' END, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14
       FROM enterprises e WHERE e.id = $2
       RETURNING id`,
      [
        `D${++serial}`,
        spec.enterprise,
        spec.category,
        spec.state,
        at(spec.receivedOn, '09:00'),
        spec.receivedOn,
        spec.state === 'submitted' ? null : at(spec.receivedOn),
        forwarded ? at(spec.receivedOn, '11:00') : null,
        forwarded ? at(spec.receivedOn, '15:00') : null,
        forwarded ? endOf(spec.receivedOn) : null,
        forwarded ? endOf('2019-04-30') : null,
        forwarded ? 'resolved' : null,
        forwarded ? at(spec.receivedOn, '16:00') : null,
        spec.satisfaction ?? null,
      ],
    );
    const id = rows[0]!.id;
    if (spec.department) {
      await pool.query(
        `INSERT INTO appeal_forwards (appeal_id, round, department_id, channel_id, org_unit_id, category_code,
           state, forwarded_at, forwarded_on, respond_due_at, resolve_due_at, responded_at, answered_at,
           satisfaction)
         SELECT a.id, a.round, $2, c.id, a.org_unit_id, a.category_code, 'resolved', a.forwarded_at,
           $3::date, a.respond_due_at, a.resolve_due_at, a.responded_at, a.answered_at, a.satisfaction
         FROM appeals a, channels c WHERE a.id = $1 AND c.department_id = $2`,
        [id, unit[spec.department], spec.receivedOn],
      );
    }
    return id;
  };

  const dashboardOf = async (query: string, cookie = cookies.staff!) => {
    const response = await t.request({ url: `/api/dashboard?${query}`, cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<DashboardResult>(response);
  };
  const item = (items: readonly DashboardItem[], key: string) => {
    const found = items.find((i) => i.key === key);
    assert.ok(found, `no item ${key} in ${items.map((i) => i.key).join(', ')}`);
    return found;
  };
  /** The total of the list a link leads to, read through the API the list page calls. */
  const listTotal = async (link: string) => {
    const [pathname, query = ''] = link.split('?');
    const params = new URLSearchParams(query);
    params.set('pageSize', '1');
    const response = await t.request({ url: `/api${pathname}?${params}`, cookie: cookies.staff! });
    assert.equal(response.statusCode, 200, `${link}: ${response.body}`);
    return json<{ total: number }>(response).total;
  };

  before(async () => {
    t = await setupTestApp();
    pool = t.database.pool;
    // A district of its own under the demo city, so that the demo's records never mix in.
    unit.district = await addUnit(await orgUnitId(t, '示例市工商联'), 'district', '看板测试区工商联');
    unit.s1 = await addUnit(unit.district, 'street', '甲街道工商联', '001');
    unit.s2 = await addUnit(unit.district, 'street', '乙街道工商联', '002');
    unit.x = await addUnit(unit.district, 'department', '看板测试区人力资源社会保障局');
    unit.y = await addUnit(unit.district, 'department', '看板测试区税务局');
    unit.z = await addUnit(unit.district, 'department', '看板测试区司法局');
    unit.chamber = await addUnit(unit.s1, 'chamber', '甲街道商会');
    unit.association = await addUnit(unit.district, 'association', '看板测试区青年创业者协会');
    for (const department of [unit.x, unit.y, unit.z]) {
      await pool.query('INSERT INTO channels (org_unit_id, department_id, name) VALUES ($1, $2, $3)', [
        unit.district,
        department,
        `通道${department.slice(0, 4)}`,
      ]);
    }

    // Members: six active (two C, one F, one H, one without industry or size), one applying, one
    // withdrawn in the quarter, one merged away.
    e.rice = await addEnterprise('稻谷加工有限公司', {
      unit: unit.s1,
      industry: '1311',
      size: 'small',
      joinedOn: day(2, 10),
    });
    e.store = await addEnterprise('百货零售有限公司', { unit: unit.s1, industry: '5211', size: 'micro' });
    e.cotton = await addEnterprise('棉纺有限公司', {
      unit: unit.s2,
      industry: '1711',
      size: 'small',
      joinedOn: day(3, 1),
    });
    e.hotel = await addEnterprise('旅游饭店有限公司', {
      unit: unit.district,
      industry: '6110',
      size: 'medium',
      joinedOn: '2018-12-31',
    });
    e.blank = await addEnterprise('未填行业有限公司', { unit: unit.s2 });
    e.applying = await addEnterprise('申请中有限公司', {
      unit: unit.s1,
      industry: '1311',
      status: 'applying',
    });
    e.gone = await addEnterprise('已退会有限公司', {
      unit: unit.s2,
      industry: '1311',
      size: 'large',
      status: 'withdrawn',
      statusOn: day(3, 15),
    });
    e.duplicate = await addEnterprise('稻谷加工有限公司（重复）', {
      unit: unit.s1,
      industry: '1311',
      size: 'small',
      mergedInto: e.rice,
      joinedOn: day(1, 5),
    });
    // Party organizations: rice organized; store only an instructor; cotton both (organized).
    for (const [enterprise, form] of [
      [e.rice, 'independent_branch'],
      [e.store, 'instructor_only'],
      [e.cotton, 'instructor_only'],
      [e.cotton, 'committee'],
    ] as const) {
      await pool.query(
        `INSERT INTO party_organizations (org_unit_id, enterprise_id, name, form)
         SELECT org_unit_id, id, name || '党支部', $2 FROM enterprises WHERE id = $1`,
        [enterprise, form],
      );
    }
    await pool.query(
      `INSERT INTO chamber_memberships (chamber_id, enterprise_id)
       VALUES ($1, $2), ($1, $3), ($1, $4), ($5, $3)`,
      [unit.chamber, e.rice, e.cotton, e.gone, unit.association],
    );

    // Visits of the quarter: rice twice, cotton once (by the district), the withdrawn one once; a planned
    // visit and one of the quarter before do not count.
    await addVisit(e.rice, unit.s1, 'done', day(2, 1));
    await addVisit(e.rice, unit.s1, 'done', day(3, 1));
    await addVisit(e.cotton, unit.district, 'done', day(3, 10));
    await addVisit(e.gone, unit.s2, 'done', day(1, 20));
    await addVisit(e.store, unit.s1, 'planned', day(3, 25));
    await addVisit(e.hotel, unit.district, 'done', '2018-12-31');

    // Appeals of the quarter: forty to x (36 satisfied, 4 dissatisfied: 90 %), two to y (both satisfied),
    // one invalid, one not yet triaged.
    for (let i = 0; i < 40; i++) {
      await addAppeal({
        enterprise: i % 2 === 0 ? e.rice : e.cotton,
        category: i < 25 ? 'social_insurance' : 'tax',
        receivedOn: i < 20 ? day(1, 10 + (i % 15)) : day(2, 1 + (i % 15)),
        state: 'closed',
        department: 'x',
        satisfaction: i < 36 ? 'satisfied' : 'dissatisfied',
      });
    }
    for (const date of [5, 6]) {
      await addAppeal({
        enterprise: e.store,
        category: 'financing',
        receivedOn: day(3, date),
        state: 'closed',
        department: 'y',
        satisfaction: 'satisfied',
      });
    }
    await addAppeal({ enterprise: e.store, category: 'legal', receivedOn: day(2, 5), state: 'invalid' });
    await addAppeal({ enterprise: e.hotel, category: 'legal', receivedOn: day(3, 20), state: 'submitted' });

    cookies.staff = await t.sessionFor(
      await createAccount(t, {
        username: 'dash-staff',
        orgUnitId: unit.district,
        roles: ['federation_staff'],
      }),
    );
    cookies.leader = await t.sessionFor(
      await createAccount(t, {
        username: 'dash-leader',
        orgUnitId: unit.district,
        roles: ['federation_leader'],
      }),
    );
    cookies.streetLeader = await t.sessionFor(
      await createAccount(t, { username: 'dash-s1', orgUnitId: unit.s1, roles: ['federation_leader'] }),
    );
    for (const name of DEMO_ROLE_ACCOUNTS) cookies[`demo-${name}`] = await t.sessionFor(await t.userId(name));
  });
  after(() => t?.close());

  it('counts the members now, by status, industry, size, street and chamber, with joined and left', async () => {
    const { members, orgUnit } = await dashboardOf(Q1);
    assert.deepEqual(orgUnit, { id: unit.district, name: '看板测试区工商联' });
    assert.equal(members.active.value, 5);
    assert.deepEqual(
      members.byStatus.map((s) => [s.key, s.value]),
      [
        ['applying', 1],
        ['active', 5],
        ['suspended', 0],
        ['withdrawn', 1],
      ],
    );
    // Sections in the standard's order, the unrecorded last.
    assert.deepEqual(
      members.byIndustry.map((i) => [i.key, i.label, i.value]),
      [
        ['C', '制造业', 2],
        ['F', '批发和零售业', 1],
        ['H', '住宿和餐饮业', 1],
        ['', '未填行业', 1],
      ],
    );
    assert.deepEqual(
      members.bySize.map((s) => [s.key, s.value]),
      [
        ['large', 0],
        ['medium', 1],
        ['small', 2],
        ['micro', 1],
        ['', 1],
      ],
    );
    assert.deepEqual(
      members.byStreet.map((s) => [s.label, s.value]),
      [
        ['甲街道工商联', 2],
        ['乙街道工商联', 2],
        ['看板测试区工商联（本级）', 1],
      ],
    );
    assert.deepEqual(
      members.byChamber.map((c) => [c.label, c.value]),
      [
        ['甲街道商会', 2],
        ['看板测试区青年创业者协会', 1],
      ],
    );
    // Joined in the quarter: rice and cotton (the merged duplicate does not count); left: the withdrawn one.
    assert.equal(members.joined.value, 2);
    assert.equal(members.left.value, 1);
    // Outside the quarter.
    const later = await dashboardOf('from=2019-04-01&to=2019-06-30');
    assert.equal(later.members.joined.value, 0);
    assert.equal(later.members.left.value, 0);
    assert.equal(later.members.active.value, 5, 'the registry now, whatever the period');
  });

  it('gives party coverage and visit coverage as the party and visit modules define them', async () => {
    const { party, visits } = await dashboardOf(Q1);
    assert.equal(party.enterprises, 5);
    assert.equal(party.organized, 2);
    assert.equal(party.covered, 3);
    assert.equal(party.organizationCoverage, 0.4);
    assert.equal(party.workCoverage, 0.6);
    assert.deepEqual(
      party.items.map((i) => [i.key, i.value]),
      [
        ['organized', 2],
        ['instructor_only', 1],
        ['none', 2],
      ],
    );
    // Four done visits in the quarter, to three enterprises; two active members visited of five.
    assert.deepEqual(
      { ...visits, visits: visits.visits.value },
      {
        visits: 4,
        enterprisesVisited: 3,
        members: 5,
        visitedMembers: 2,
        coverage: 0.4,
      },
    );
    // The same as the party-organization and visit modules answer for this district.
    const partyCoverage = json<{ total: { enterprises: number; organized: number; covered: number } }>(
      await t.request({ url: '/api/party-organizations/coverage', cookie: cookies.staff! }),
    );
    assert.deepEqual(partyCoverage.total, {
      ...partyCoverage.total,
      enterprises: party.enterprises,
      organized: party.organized,
      covered: party.covered,
    });
    const visitCoverage = json<{ total: { members: number; visited: number } }>(
      await t.request({ url: `/api/visits/coverage?${Q1}`, cookie: cookies.staff! }),
    );
    assert.equal(visitCoverage.total.members, visits.members);
    assert.equal(visitCoverage.total.visited, visits.visitedMembers);
  });

  it('shows the appeals funnel, the rates, the top categories and the monthly trend', async () => {
    const { appeals } = await dashboardOf(Q1);
    assert.deepEqual(
      appeals.funnel.map((f) => [f.key, f.value]),
      [
        ['received', 44],
        ['valid', 42],
        ['forwarded', 42],
        ['responded', 42],
        ['resolved', 42],
        ['satisfied', 38],
      ],
    );
    assert.deepEqual(
      appeals.rates.map((r) => [r.key, r.value]),
      [
        ['response', 1],
        ['resolution', 1],
        ['satisfaction', 0.9048],
        ['onTime', 1],
      ],
    );
    assert.deepEqual(
      appeals.categories.map((c) => [c.key, c.value]),
      [
        ['social_insurance', 25],
        ['tax', 15],
        ['legal', 2],
        ['financing', 2],
      ].sort((a, b) => Number(b[1]) - Number(a[1])) as [string, number][],
    );
    assert.deepEqual(
      appeals.trend.map((m) => [m.month, m.received, m.resolved]),
      [
        ['2019-01', 20, 20],
        ['2019-02', 21, 20],
        ['2019-03', 3, 2],
      ],
    );
    // Every counter as the appeal figures count it, for whole months and for days at either end.
    for (const query of [Q1, 'from=2019-01-15&to=2019-03-05', 'from=2019-02-03&to=2019-02-20']) {
      const stats = json<{ total: Record<string, unknown> }>(
        await t.request({ url: `/api/appeals/stats?${query}`, cookie: cookies.staff! }),
      );
      const { enterprises: _enterprises, ...counted } = stats.total;
      assert.deepEqual((await dashboardOf(query)).appeals.total, counted, query);
    }
    // A period of partial months counts the same records from the appeals themselves.
    const ragged = await dashboardOf('from=2019-01-15&to=2019-03-05');
    assert.deepEqual(
      ragged.appeals.trend.map((m) => [m.month, m.received]),
      [
        ['2019-01', 10],
        ['2019-02', 21],
        ['2019-03', 1],
      ],
    );
  });

  it('ranks departments fairly: two appeals both satisfied do not outrank forty at 90 %', async () => {
    const { departments } = (await dashboardOf(Q1)).appeals;
    assert.equal(departments.minVolume, 5);
    assert.equal(departments.priorWeight, 10);
    assert.deepEqual(
      departments.items.map((d) => [d.name, d.volume, d.sufficient, d.ranks.satisfaction]),
      [
        ['看板测试区人力资源社会保障局', 40, true, 1],
        ['看板测试区税务局', 2, false, 2],
        ['看板测试区司法局', 0, false, 3],
      ],
    );
    const [x, y, z] = departments.items;
    assert.deepEqual(x!.rates.satisfaction, { successes: 36, trials: 40, raw: 0.9, score: 0.901 });
    assert.equal(y!.rates.satisfaction.raw, 1);
    // The overall rate 38 / 42 pulls the small sample down and leaves the large one nearly as it is.
    assert.equal(departments.overall.satisfaction, 0.9048);
    assert.equal(y!.rates.satisfaction.score, 0.9206);
    assert.equal(z!.rates.satisfaction.raw, null);
    assert.equal(z!.rates.satisfaction.score, 0.9048);
  });

  it('links every item to a list that holds the same number', async () => {
    const result = await dashboardOf(Q1);
    const { members, party, visits, appeals } = result;
    const x = appeals.departments.items[0]!;
    // The caller's own unit is the lists' default scope: links name a unit only when it is narrower.
    assert.equal(x.link, `/appeals?from=2019-01-01&to=2019-03-31&departmentId=${unit.x}`);
    const street = await dashboardOf(`orgUnitId=${unit.s1}&${Q1}`);
    assert.equal(
      street.appeals.departments.items[0]!.link,
      `/appeals?orgUnitId=${unit.s1}&from=2019-01-01&to=2019-03-31&departmentId=${unit.x}`,
    );
    assert.equal(await listTotal(street.appeals.departments.items[0]!.link), 20);
    assert.equal(await listTotal(item(street.members.byIndustry, 'C').link), 1);
    const checks: [string, number][] = [
      [members.active.link, members.active.value],
      [item(members.byIndustry, 'C').link, 2],
      [item(members.bySize, 'small').link, 2],
      [item(members.byStreet, unit.s1).link, 2],
      [item(members.byChamber, unit.chamber).link, 2],
      [item(members.byStatus, 'withdrawn').link, 1],
      [item(party.items, 'organized').link, 2],
      [item(party.items, 'instructor_only').link, 1],
      [item(party.items, 'none').link, 2],
      [visits.visits.link, 4],
      [item(appeals.funnel, 'received').link, 44],
      [item(appeals.funnel, 'valid').link, 42],
      [item(appeals.funnel, 'forwarded').link, 42],
      [item(appeals.funnel, 'resolved').link, 42],
      [members.joined.link, members.joined.value],
      [members.left.link, members.left.value],
      // 满意 counts the satisfied and the basically satisfied: so does its list.
      [item(appeals.funnel, 'satisfied').link, item(appeals.funnel, 'satisfied').value],
      [item(appeals.categories, 'social_insurance').link, 25],
      [x.link, 40],
      [appeals.departments.items[1]!.link, 2],
      [appeals.trend[1]!.receivedLink, 21],
      [appeals.trend[1]!.resolvedLink, 20],
    ];
    for (const [link, expected] of checks) assert.equal(await listTotal(link), expected, link);
    for (const link of [
      members.joined.link,
      members.left.link,
      party.link,
      ...members.byIndustry.map((i) => i.link),
      ...appeals.rates.map((r) => r.link),
    ])
      assert.match(link, /^\/[a-z-]+(\/[a-z-]+)?(\?.+)?$/);
  });

  it('narrows to a unit in the subtree, and defaults to the caller’s unit and this quarter', async () => {
    const street = await dashboardOf(`orgUnitId=${unit.s1}&${Q1}`);
    assert.equal(street.orgUnit.name, '甲街道工商联');
    assert.equal(street.members.active.value, 2);
    assert.equal(street.appeals.funnel[0]!.value, 20 + 2 + 1, 'rice’s 20, the store’s 2 and its invalid one');
    assert.equal((await dashboardOf(Q1, cookies.streetLeader!)).members.active.value, 2);

    const clock = await t.request({
      method: 'PUT',
      url: '/api/test/clock',
      cookie: cookies.staff!,
      body: { at: '2019-02-20T01:00:00+08:00' },
    });
    assert.equal(clock.statusCode, 200, clock.body);
    try {
      const current = await dashboardOf('');
      assert.deepEqual([current.from, current.to], ['2019-01-01', '2019-03-31']);
      assert.equal(current.appeals.funnel[0]!.value, 44);
      // The first day of a quarter in Shanghai is still the last of the previous one in UTC.
      await t.request({
        method: 'PUT',
        url: '/api/test/clock',
        cookie: cookies.staff!,
        body: { at: '2019-04-01T07:00:00+08:00' },
      });
      assert.deepEqual(
        [(await dashboardOf('')).from, (await dashboardOf('')).to],
        ['2019-04-01', '2019-06-30'],
      );
    } finally {
      await t.request({ method: 'DELETE', url: '/api/test/clock', cookie: cookies.staff! });
    }
  });

  it('refuses bad input with the field, and units outside the caller’s subtree as not found', async () => {
    const cases: [string, string, string][] = [
      ['from=2019-03-31&to=2019-01-01', 'querystring.from', 'DATE_RANGE'],
      ['from=2019-02-30', 'querystring.from', 'INVALID_FORMAT'],
      ['to=31/03/2019', 'querystring.to', 'INVALID_FORMAT'],
      ['from=2010-01-01&to=2019-12-31', 'querystring.to', 'PERIOD_TOO_LONG'],
      ['orgUnitId=abc', 'querystring.orgUnitId', 'INVALID_FORMAT'],
      ['groupBy=department', 'querystring', 'UNRECOGNIZED_KEYS'],
    ];
    for (const [query, path, code] of cases) {
      const response = await t.request({ url: `/api/dashboard?${query}`, cookie: cookies.staff! });
      assert.equal(response.statusCode, 400, `${query}: ${response.body}`);
      const body = json<ErrorJson>(response);
      assert.equal(body.error.code, 'VALIDATION_FAILED');
      assert.ok(
        body.error.details?.some((d) => d.path === path && d.code === code),
        `${query}: ${JSON.stringify(body.error.details)}`,
      );
    }
    for (const other of [
      await orgUnitId(t, '示例区工商联'),
      await orgUnitId(t, '示例市工商联'),
      randomUUID(),
    ]) {
      const response = await t.request({ url: `/api/dashboard?orgUnitId=${other}`, cookie: cookies.staff! });
      assert.equal(response.statusCode, 404, response.body);
    }
    const sibling = await t.request({
      url: `/api/dashboard?orgUnitId=${unit.s2}`,
      cookie: cookies.streetLeader!,
    });
    assert.equal(sibling.statusCode, 404);
  });

  it('answers federation staff and leaders only', async () => {
    for (const name of ['demo-staff', 'demo-leader', 'leader']) {
      const response = await t.request({ url: '/api/dashboard', cookie: cookies[name]! });
      assert.equal(response.statusCode, 200, `${name}: ${response.body}`);
    }
    for (const name of ['secretary', 'liaison', 'member', 'sysadmin', 'secadmin', 'auditor']) {
      const response = await t.request({ url: '/api/dashboard', cookie: cookies[`demo-${name}`]! });
      assert.equal(response.statusCode, 403, `${name}: ${response.body}`);
    }
    assert.equal((await t.request({ url: '/api/dashboard' })).statusCode, 401);
  });

  it('keeps the member rollups equal to a recount through registry changes', async () => {
    const staff = cookies.staff!;
    const call = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => {
      const response = await t.request({ method, url, cookie: staff, body: body ?? {} });
      assert.ok(response.statusCode < 300, `${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.statusCode === 204
        ? {}
        : json<{ [key: string]: { id: string; version: number } }>(response);
    };
    const created = (
      await call('POST', '/api/enterprises', {
        name: '看板新会员有限公司',
        uscc: uscc(),
        orgUnitId: unit.s2,
        industryCode: '6421',
        size: 'small',
      })
    ).enterprise!;
    const duplicate = (
      await call('POST', '/api/enterprises', { name: '看板新会员（重复）', uscc: uscc(), orgUnitId: unit.s1 })
    ).enterprise!;
    const party = (
      await call('POST', '/api/party-organizations', {
        enterpriseId: duplicate.id,
        name: '重复企业党支部',
        form: 'joint_branch',
      })
    ).partyOrganization!;
    await call('PATCH', `/api/party-organizations/${party.id}`, {
      version: party.version,
      form: 'instructor_only',
    });
    await call('POST', `/api/chambers/${unit.chamber}/members`, { enterpriseId: duplicate.id });
    await call('POST', `/api/chambers/${unit.chamber}/members`, { enterpriseId: created.id });
    await call('PATCH', `/api/enterprises/${created.id}`, {
      version: created.version,
      industryCode: '1311',
      orgUnitId: unit.s1,
      membership: { status: 'suspended', statusReason: '停业整顿', statusOn: '2019-03-01' },
    });
    await call('POST', `/api/enterprises/${created.id}/merge`, {
      duplicateId: duplicate.id,
      version: created.version + 1,
    });
    await call('DELETE', `/api/chambers/${unit.chamber}/members/${e.cotton}`);
    await pool.query("UPDATE enterprises SET membership_status = 'active' WHERE id = $1", [e.applying]);
    // Deleted with its party organization and membership (ON DELETE CASCADE).
    const doomed = await addEnterprise('待删除有限公司', { unit: unit.s2, industry: '1311' });
    await pool.query(
      `INSERT INTO party_organizations (org_unit_id, enterprise_id, name, form) VALUES ($1, $2, '待删除党支部', 'committee')`,
      [unit.s2, doomed],
    );
    await pool.query('INSERT INTO chamber_memberships (chamber_id, enterprise_id) VALUES ($1, $2)', [
      unit.chamber,
      doomed,
    ]);
    await pool.query('DELETE FROM enterprises WHERE id = $1', [doomed]);

    const snapshot = async () =>
      (
        await pool.query<{ row: string }>(
          `SELECT format('%s %s %s %s', org_unit_id, dimension, value, members) AS row
           FROM member_rollups WHERE members <> 0
           UNION ALL
           SELECT format('%s %s %s', chamber_id, status, members) FROM chamber_member_rollups WHERE members <> 0
           ORDER BY 1`,
        )
      ).rows.map((r) => r.row);
    const kept = await snapshot();
    await rebuildMemberRollups(t.database.db);
    assert.deepEqual(kept, await snapshot());
    // And the dashboard reads them: the five and the formerly applying; the new one suspended.
    const { members } = await dashboardOf(Q1);
    assert.equal(members.active.value, 6);
    assert.equal(item(members.byStatus, 'suspended').value, 1);
  });

  it('maps every GB/T 4754 division to its section as the reference table does', async () => {
    const divisions = readReferenceTsv(new URL('../../reference/industries.tsv', import.meta.url), 4)
      .filter(([, , level]) => level === 'division')
      .map(([code = '', , , parent = '']) => [code, parent]);
    assert.ok(divisions.length > 90);
    const { rows } = await pool.query<{ code: string; section: string }>(
      'SELECT code, industry_section(code) AS section FROM unnest($1::text[]) AS code',
      [divisions.map(([code]) => `${code}11`)],
    );
    assert.deepEqual(
      rows.map((r) => [r.code.slice(0, 2), r.section]),
      divisions,
    );
    const sections = (industryChildren(null) ?? []).map((s) => s.code);
    const { rows: letters } = await pool.query<{ section: string }>(
      'SELECT industry_section(code) AS section FROM unnest($1::text[]) AS code',
      [sections],
    );
    assert.deepEqual(
      letters.map((r) => r.section),
      sections,
    );
  });
});

describe('fair department ranking', () => {
  const department = (id: string, volume: number, satisfied: number, rated = volume): RankInput => ({
    id,
    name: id,
    volume,
    samples: {
      satisfaction: { successes: satisfied, trials: rated },
      resolution: { successes: 0, trials: 0 },
      response: { successes: 0, trials: 0 },
      onTime: { successes: 0, trials: 0 },
    },
  });

  it('shrinks toward the overall rate: (successes + k·overall) ÷ (trials + k)', () => {
    assert.deepEqual(estimate({ successes: 2, trials: 2 }, 0.8, 10), {
      successes: 2,
      trials: 2,
      raw: 1,
      score: 0.8333,
    });
    assert.deepEqual(estimate({ successes: 0, trials: 0 }, 0.8, 10), {
      successes: 0,
      trials: 0,
      raw: null,
      score: 0.8,
    });
    assert.equal(estimate({ successes: 0, trials: 0 }, null).score, null);
  });

  it('puts forty at 90 % above two at 100 % by shrinkage alone, and by the minimum volume', () => {
    const departments = [department('small', 2, 2), department('large', 40, 36), department('weak', 50, 30)];
    const shrunk = rankDepartments(departments, { minVolume: 0 });
    assert.deepEqual(
      shrunk.ranked.map((r) => r.department.id),
      ['large', 'small', 'weak'],
    );
    const withMinimum = rankDepartments(departments);
    assert.deepEqual(
      withMinimum.ranked.map((r) => [r.department.id, r.sufficient]),
      [
        ['large', true],
        ['weak', true],
        ['small', false],
      ],
    );
  });

  it('ranks by every rate separately, the larger sample first among equal scores', () => {
    const a = department('a', 10, 5);
    const b = department('b', 20, 10);
    const { ranked } = rankDepartments([a, b]);
    assert.deepEqual(
      ranked.map((r) => [r.department.id, r.ranks.satisfaction, r.ranks.resolution]),
      [
        ['b', 1, 1],
        ['a', 2, 2],
      ],
    );
  });
});
