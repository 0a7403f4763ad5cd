// 诉求统计 appeal figures: exact numbers for every grouping on a district of hand-made appeals, bad input,
// who may not ask, and the rollups the triggers keep equal to a recount from the records after appeals
// moved through every state, concurrently too, and after the loop run through the API.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { permissionsOf, type AppealFigures, type AppealStatsResult } from '@qinqing/shared';
import type { Actor } from '../../core/auth/sessions.ts';
import {
  createAccount,
  json,
  orgUnitId,
  setupTestApp,
  type TestApp,
  type ErrorJson,
} from '../../test/harness.ts';
import { COUNTERS, rebuildAppealRollups, type Counter } from './repository.ts';
import { runDeadlineChecks } from '../appeals/deadlines.ts';
import { appealBreakdown, computeAppealFigures, countedPeriod, splitPeriod } from './service.ts';

type Group = AppealFigures & { key: string; label: string };
const at = (day: string, time = '10:00') => `${day}T${time}:00+08:00`;
const endOf = (day: string) => `${day}T23:59:59+08:00`;

describe('appeal figures (诉求统计)', () => {
  let t: TestApp;
  let pool: pg.Pool;
  const unit: Record<'district' | 's1' | 's2' | 'x' | 'y' | 'chamber' | 'association', string> = {
    district: '',
    s1: '',
    s2: '',
    x: '',
    y: '',
    chamber: '',
    association: '',
  };
  const enterprise: Record<'e1' | 'e2' | 'e3' | 'e4', string> = { e1: '', e2: '', e3: '', e4: '' };
  const channel: Record<'x' | 'y', string> = { x: '', y: '' };
  const cookies: Record<string, string> = {};
  let staffActor: Actor;
  let serial = 0;

  const addUnit = async (parent: string | null, kind: string, name: string) => {
    const id = randomUUID();
    const parentPath = parent
      ? (await pool.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [parent])).rows[0]!
          .path
      : '/';
    await pool.query(
      'INSERT INTO org_units (id, parent_id, kind, name, path, depth) VALUES ($1, $2, $3, $4, $5, $6)',
      [id, parent, kind, name, `${parentPath}${id}/`, parentPath.split('/').length - 2],
    );
    return id;
  };

  interface AppealSpec {
    enterprise: string;
    unit: string;
    category: string;
    state: string;
    receivedOn: string;
    validatedAt?: string;
    forwardedAt?: string;
    respondDueAt?: string;
    resolveDueAt?: string;
    respondedAt?: string;
    outcome?: 'resolved' | 'unsolvable';
    answeredAt?: string;
    overdue?: boolean;
    satisfaction?: string;
    mergedInto?: string;
  }
  const addAppeal = async (spec: AppealSpec) => {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO appeals (number, enterprise_id, org_unit_id, category_code, title, description, source,
         urgency, state, invalid_reason, merged_into_id, received_at, received_on, validated_at, forwarded_at,
         responded_at, respond_due_at, resolve_due_at, outcome, answered_at, overdue, satisfaction)
       VALUES ($1, $2, $3, $4, '统计测试诉求', '统计测试', 'phone', 'normal', $5,
         CASE WHEN $5 = 'invalid' THEN '非企业诉求' END, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       RETURNING id`,
      [
        `T${++serial}`,
        spec.enterprise,
        spec.unit,
        spec.category,
        spec.state,
        spec.mergedInto ?? null,
        at(spec.receivedOn, '09:00'),
        spec.receivedOn,
        spec.validatedAt ?? null,
        spec.forwardedAt ?? null,
        spec.respondedAt ?? null,
        spec.respondDueAt ?? null,
        spec.resolveDueAt ?? null,
        spec.outcome ?? null,
        spec.answeredAt ?? null,
        spec.overdue ?? false,
        spec.satisfaction ?? null,
      ],
    );
    return rows[0]!.id;
  };

  interface ForwardSpec {
    appeal: string;
    department: 'x' | 'y';
    state: string;
    forwardedAt: string;
    respondDueAt: string;
    resolveDueAt: string;
    respondedAt?: string;
    answeredAt?: string;
    responseOverdue?: boolean;
    resolveOverdue?: boolean;
    satisfaction?: string;
  }
  const addForward = async (spec: ForwardSpec) => {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO appeal_forwards (appeal_id, round, department_id, channel_id, org_unit_id, category_code, state,
         forwarded_at, forwarded_on, respond_due_at, resolve_due_at, responded_at, answered_at,
         response_overdue, resolve_overdue, satisfaction)
       SELECT a.id, a.round, $2, $3, a.org_unit_id, a.category_code, $4, $5,
         ($5::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, $6, $7, $8, $9, $10, $11, $12
       FROM appeals a WHERE a.id = $1
       RETURNING id`,
      [
        spec.appeal,
        unit[spec.department],
        channel[spec.department],
        spec.state,
        spec.forwardedAt,
        spec.respondDueAt,
        spec.resolveDueAt,
        spec.respondedAt ?? null,
        spec.answeredAt ?? null,
        spec.responseOverdue ?? false,
        spec.resolveOverdue ?? false,
        spec.satisfaction ?? null,
      ],
    );
    return rows[0]!.id;
  };

  const stats = async (query: string, cookie = cookies.staff!) => {
    const response = await t.request({ url: `/api/appeals/stats?${query}`, cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<AppealStatsResult>(response);
  };
  const group = (result: AppealStatsResult, key: string): Group => {
    const found = result.groups.find((g) => g.key === key);
    assert.ok(found, `no group ${key} in ${result.groups.map((g) => g.key).join(', ')}`);
    return found as Group;
  };

  before(async () => {
    t = await setupTestApp();
    pool = t.database.pool;
    // A district of its own under the demo city, so that the demo's records never mix in.
    unit.district = await addUnit(await orgUnitId(t, '示例市工商联'), 'district', '统计测试区工商联');
    unit.s1 = await addUnit(unit.district, 'street', '甲街道工商联');
    unit.s2 = await addUnit(unit.district, 'street', '乙街道工商联');
    unit.x = await addUnit(unit.district, 'department', '测试区人力资源社会保障局');
    unit.y = await addUnit(unit.district, 'department', '测试区税务局');
    unit.chamber = await addUnit(unit.s1, 'chamber', '甲街道商会');
    unit.association = await addUnit(unit.district, 'association', '测试区青年创业者协会');
    for (const [key, orgUnit] of [
      ['e1', unit.s1],
      ['e2', unit.s1],
      ['e3', unit.s2],
      ['e4', unit.district],
    ] as const) {
      const { rows } = await pool.query<{ id: string }>(
        'INSERT INTO enterprises (org_unit_id, name, uscc) VALUES ($1, $2, $3) RETURNING id',
        [orgUnit, `统计测试企业${key}`, `STATS-${key}-${randomUUID()}`],
      );
      enterprise[key] = rows[0]!.id;
    }
    await pool.query(
      'INSERT INTO chamber_memberships (chamber_id, enterprise_id) VALUES ($1, $2), ($1, $3)',
      [unit.chamber, enterprise.e1, enterprise.e3],
    );
    for (const key of ['x', 'y'] as const) {
      const { rows } = await pool.query<{ id: string }>(
        'INSERT INTO channels (org_unit_id, department_id, name) VALUES ($1, $2, $3) RETURNING id',
        [unit.district, unit[key], `通道${key}`],
      );
      channel[key] = rows[0]!.id;
    }
    const staffId = await createAccount(t, {
      username: 'stats-staff',
      orgUnitId: unit.district,
      roles: ['federation_staff'],
    });
    cookies.staff = await t.sessionFor(staffId);
    cookies.leader = await t.sessionFor(
      await createAccount(t, {
        username: 'stats-leader',
        orgUnitId: unit.district,
        roles: ['federation_leader'],
      }),
    );
    cookies.liaisonX = await t.sessionFor(
      await createAccount(t, { username: 'stats-liaison', orgUnitId: unit.x, roles: ['department_liaison'] }),
    );
    cookies.liaisonY = await t.sessionFor(
      await createAccount(t, {
        username: 'stats-liaison-y',
        orgUnitId: unit.y,
        roles: ['department_liaison'],
      }),
    );
    cookies.member = await t.sessionFor(
      await createAccount(t, {
        username: 'stats-member',
        orgUnitId: unit.s1,
        roles: ['enterprise_contact'],
      }),
    );
    await pool.query("UPDATE users SET enterprise_id = $1 WHERE username = 'stats-member'", [enterprise.e2]);
    for (const name of ['secretary', 'liaison', 'member', 'sysadmin', 'secadmin', 'auditor'])
      cookies[name] = await t.sessionFor(await t.userId(name));
    const staffPath = (
      await pool.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [unit.district])
    ).rows[0]!.path;
    staffActor = {
      sessionId: 'test',
      userId: staffId,
      username: 'stats-staff',
      displayName: 'stats-staff',
      roles: ['federation_staff'],
      permissions: permissionsOf(['federation_staff']),
      orgUnitId: unit.district,
      orgPath: staffPath,
      enterpriseId: null,
      mustChangePassword: false,
    };

    // Nine appeals of spring 2019 (see the expected figures below, worked out by hand).
    const a1 = await addAppeal({
      enterprise: enterprise.e1,
      unit: unit.s1,
      category: 'social_insurance',
      state: 'closed',
      receivedOn: '2019-03-05',
      validatedAt: at('2019-03-05'),
      forwardedAt: at('2019-03-06', '09:00'),
      respondDueAt: endOf('2019-03-08'),
      resolveDueAt: endOf('2019-03-27'),
      respondedAt: at('2019-03-07'),
      outcome: 'resolved',
      answeredAt: at('2019-03-20'),
      satisfaction: 'satisfied',
    });
    await addForward({
      appeal: a1,
      department: 'x',
      state: 'resolved',
      forwardedAt: at('2019-03-06', '09:00'),
      respondDueAt: endOf('2019-03-08'),
      resolveDueAt: endOf('2019-03-27'),
      respondedAt: at('2019-03-07'),
      answeredAt: at('2019-03-20'),
      satisfaction: 'satisfied',
    });
    const a2 = await addAppeal({
      enterprise: enterprise.e1,
      unit: unit.s1,
      category: 'tax',
      state: 'confirmed',
      receivedOn: '2019-03-20',
      validatedAt: at('2019-03-20'),
      forwardedAt: at('2019-03-21', '09:00'),
      respondDueAt: endOf('2019-03-25'),
      resolveDueAt: endOf('2019-04-10'),
      respondedAt: at('2019-03-22'),
      outcome: 'unsolvable',
      answeredAt: at('2019-04-15'),
    });
    await addForward({
      appeal: a2,
      department: 'y',
      state: 'unsolvable',
      forwardedAt: at('2019-03-21', '09:00'),
      respondDueAt: endOf('2019-03-25'),
      resolveDueAt: endOf('2019-04-10'),
      respondedAt: at('2019-03-22'),
      answeredAt: at('2019-04-15'),
    });
    await addForward({
      appeal: a2,
      department: 'x',
      state: 'returned',
      forwardedAt: at('2019-03-21', '09:00'),
      respondDueAt: endOf('2019-03-25'),
      resolveDueAt: endOf('2019-04-10'),
      respondedAt: at('2019-03-27'),
    });
    const a3 = await addAppeal({
      enterprise: enterprise.e2,
      unit: unit.s1,
      category: 'tax',
      state: 'in_progress',
      receivedOn: '2019-04-02',
      validatedAt: at('2019-04-02'),
      forwardedAt: at('2019-04-03', '09:00'),
      respondDueAt: endOf('2019-04-05'),
      resolveDueAt: endOf('2019-04-24'),
      respondedAt: at('2019-04-04'),
      overdue: true,
    });
    await addForward({
      appeal: a3,
      department: 'y',
      state: 'accepted',
      forwardedAt: at('2019-04-03', '09:00'),
      respondDueAt: endOf('2019-04-05'),
      resolveDueAt: endOf('2019-04-24'),
      respondedAt: at('2019-04-04'),
      resolveOverdue: true,
    });
    await addForward({
      appeal: a3,
      department: 'x',
      state: 'withdrawn',
      forwardedAt: at('2019-04-03', '09:00'),
      respondDueAt: endOf('2019-04-05'),
      resolveDueAt: endOf('2019-04-24'),
    });
    const a4 = await addAppeal({
      enterprise: enterprise.e3,
      unit: unit.s2,
      category: 'financing',
      state: 'forwarded',
      receivedOn: '2019-04-10',
      validatedAt: at('2019-04-10'),
      forwardedAt: at('2019-04-10', '15:00'),
      respondDueAt: endOf('2019-04-12'),
      resolveDueAt: endOf('2019-05-06'),
    });
    await addForward({
      appeal: a4,
      department: 'x',
      state: 'pending',
      forwardedAt: at('2019-04-10', '15:00'),
      respondDueAt: endOf('2019-04-12'),
      resolveDueAt: endOf('2019-05-06'),
      responseOverdue: true,
    });
    await addAppeal({
      enterprise: enterprise.e3,
      unit: unit.s2,
      category: 'financing',
      state: 'invalid',
      receivedOn: '2019-04-11',
    });
    await addAppeal({
      enterprise: enterprise.e3,
      unit: unit.s2,
      category: 'financing',
      state: 'merged',
      receivedOn: '2019-04-12',
      mergedInto: a4,
    });
    const a7 = await addAppeal({
      enterprise: enterprise.e4,
      unit: unit.district,
      category: 'legal',
      state: 'closed',
      receivedOn: '2019-05-10',
      validatedAt: at('2019-05-10'),
      forwardedAt: at('2019-05-10', '14:00'),
      respondDueAt: endOf('2019-05-14'),
      resolveDueAt: endOf('2019-05-31'),
      respondedAt: at('2019-05-11'),
      outcome: 'resolved',
      answeredAt: at('2019-05-20'),
      satisfaction: 'basically_satisfied',
    });
    await addForward({
      appeal: a7,
      department: 'x',
      state: 'resolved',
      forwardedAt: at('2019-05-10', '14:00'),
      respondDueAt: endOf('2019-05-14'),
      resolveDueAt: endOf('2019-05-31'),
      respondedAt: at('2019-05-11'),
      answeredAt: at('2019-05-20'),
      satisfaction: 'basically_satisfied',
    });
    await addAppeal({
      enterprise: enterprise.e2,
      unit: unit.s1,
      category: 'other',
      state: 'valid',
      receivedOn: '2019-04-30',
      validatedAt: at('2019-04-30'),
    });
    await addAppeal({
      enterprise: enterprise.e1,
      unit: unit.s1,
      category: 'tax',
      state: 'submitted',
      receivedOn: '2019-03-25',
    });
  });
  after(() => t.close());

  const SPRING = 'from=2019-03-01&to=2019-05-31';
  /** Partial months at both ends: whole April from the rollups, the rest from the records. */
  const PARTIAL = 'from=2019-03-10&to=2019-05-15';

  describe('GET /api/appeals/stats', () => {
    it('the total: counts and the three rates, without groups', async () => {
      const result = await stats(SPRING);
      assert.equal(result.from, '2019-03-01');
      assert.equal(result.to, '2019-05-31');
      assert.equal(result.groupBy, null);
      assert.deepEqual(result.groups, []);
      assert.deepEqual(result.total, {
        received: 9,
        valid: 6,
        invalid: 1,
        merged: 1,
        forwarded: 5,
        returned: 1,
        responded: 5,
        respondedOnTime: 4,
        resolved: 2,
        unsolvable: 1,
        closedOnTime: 2,
        closedLate: 1,
        openOverdue: 1,
        rated: 2,
        satisfied: 1,
        basicallySatisfied: 1,
        dissatisfied: 0,
        enterprises: 4,
        responseRate: 0.6667,
        resolutionRate: 0.3333,
        satisfactionRate: 1,
        onTimeRate: 0.5,
      });
    });

    it('partial months at both ends count only their days', async () => {
      const { total } = await stats(PARTIAL);
      assert.equal(total.received, 8);
      assert.equal(total.valid, 5);
      assert.equal(total.forwarded, 4);
      assert.equal(total.responded, 4);
      assert.equal(total.respondedOnTime, 3);
      assert.equal(total.responseRate, 0.6);
      assert.equal(total.resolutionRate, 0.2);
      assert.equal(total.onTimeRate, 0.3333);
      assert.equal(total.satisfactionRate, 1);
      assert.equal(total.enterprises, 4);
    });

    it('by department: each forward in the period of its forwarded_on', async () => {
      const result = await stats(`${SPRING}&groupBy=department`);
      assert.deepEqual(
        result.groups.map((g) => [g.label, g.received]),
        [
          ['测试区人力资源社会保障局', 5],
          ['测试区税务局', 2],
        ],
      );
      assert.deepEqual(group(result, unit.x), {
        key: unit.x,
        label: '测试区人力资源社会保障局',
        received: 5,
        valid: 3,
        invalid: 0,
        merged: 0,
        forwarded: 5,
        returned: 1,
        responded: 3,
        respondedOnTime: 2,
        resolved: 2,
        unsolvable: 0,
        closedOnTime: 2,
        closedLate: 0,
        openOverdue: 0,
        rated: 2,
        satisfied: 1,
        basicallySatisfied: 1,
        dissatisfied: 0,
        enterprises: 4,
        responseRate: 0.5,
        resolutionRate: 0.6667,
        satisfactionRate: 1,
        onTimeRate: 1,
      });
      const y = group(result, unit.y);
      assert.deepEqual(
        [
          y.received,
          y.valid,
          y.responded,
          y.respondedOnTime,
          y.unsolvable,
          y.closedLate,
          y.openOverdue,
          y.rated,
        ],
        [2, 2, 2, 2, 1, 1, 1, 0],
      );
      assert.deepEqual(
        [y.responseRate, y.resolutionRate, y.onTimeRate, y.satisfactionRate, y.enterprises],
        [1, 0, 0, null, 2],
      );
      // The total stays the appeal-level figures of appeals received in the period.
      assert.equal(result.total.received, 9);
      const partial = await stats(`${PARTIAL}&groupBy=department`);
      assert.equal(group(partial, unit.x).received, 4);
      assert.equal(group(partial, unit.y).received, 2);
    });

    it('by category: every category listed, its appeals and their forwards', async () => {
      const result = await stats(`${SPRING}&groupBy=category`);
      assert.equal(result.groups.length, 10);
      assert.equal(result.groups[0]!.key, 'financing');
      assert.equal(result.groups[0]!.label, '融资');
      const tax = group(result, 'tax');
      assert.equal(tax.label, '税务');
      assert.deepEqual(
        [
          tax.received,
          tax.valid,
          tax.forwarded,
          tax.returned,
          tax.responded,
          tax.respondedOnTime,
          tax.enterprises,
        ],
        [3, 2, 2, 1, 3, 2, 2],
      );
      assert.deepEqual(
        [tax.responseRate, tax.resolutionRate, tax.onTimeRate, tax.satisfactionRate],
        [0.6667, 0, 0, null],
      );
      const financing = group(result, 'financing');
      assert.deepEqual(
        [financing.received, financing.valid, financing.invalid, financing.merged, financing.enterprises],
        [3, 1, 1, 1, 1],
      );
      assert.equal(financing.responseRate, 0);
      assert.equal(group(result, 'rent').received, 0);
    });

    it('by org unit: the child streets with their subtrees, and the district itself (本级)', async () => {
      const result = await stats(`${SPRING}&groupBy=orgUnit`);
      assert.deepEqual(
        result.groups.map((g) => [g.label, g.received, g.enterprises]),
        [
          ['甲街道工商联', 5, 2],
          ['乙街道工商联', 3, 1],
          ['统计测试区工商联（本级）', 1, 1],
        ],
      );
      const narrowed = await stats(`${SPRING}&groupBy=orgUnit&orgUnitId=${unit.s1}`);
      assert.equal(narrowed.total.received, 5);
      assert.deepEqual(
        narrowed.groups.map((g) => [g.key, g.received]),
        [[unit.s1, 5]],
      );
    });

    it('by chamber: the appeals of its member enterprises', async () => {
      const result = await stats(`${SPRING}&groupBy=chamber`);
      assert.deepEqual(
        result.groups.map((g) => [
          g.label,
          g.received,
          g.valid,
          g.invalid,
          g.merged,
          g.forwarded,
          g.enterprises,
        ]),
        [
          ['甲街道商会', 6, 3, 1, 1, 3, 2],
          ['测试区青年创业者协会', 0, 0, 0, 0, 0, 0],
        ],
      );
    });

    it('by month: YYYY-MM, months between filled in', async () => {
      const result = await stats(`${SPRING}&groupBy=month`);
      assert.deepEqual(
        result.groups.map((g) => [g.key, g.label, g.received]),
        [
          ['2019-03', '2019-03', 3],
          ['2019-04', '2019-04', 5],
          ['2019-05', '2019-05', 1],
        ],
      );
      const open = await stats('groupBy=month');
      assert.deepEqual(
        open.groups.map((g) => g.key),
        ['2019-03', '2019-04', '2019-05'],
      );
      assert.equal(open.from, null);
      assert.equal(open.total.received, 9);
    });

    it('leaders may read it too', async () => {
      assert.equal((await stats(SPRING, cookies.leader)).total.received, 9);
    });

    it('bad groupBy, bad dates, a reversed period, unknown parameters → 400 with details', async () => {
      for (const [query, path] of [
        ['groupBy=street', 'groupBy'],
        ['from=2019-02-30', 'from'],
        ['to=2019/05/01', 'to'],
        ['from=2019-05-01&to=2019-04-01', 'to'],
        ['orgUnitId=abc', 'orgUnitId'],
        ['period=q1', ''],
      ] as const) {
        const response = await t.request({ url: `/api/appeals/stats?${query}`, cookie: cookies.staff });
        assert.equal(response.statusCode, 400, `${query}: ${response.body}`);
        const body = json<ErrorJson>(response);
        assert.equal(body.error.code, 'VALIDATION_FAILED');
        if (path)
          assert.ok(
            body.error.details?.some((d) => d.path === `querystring.${path}`),
            `${query}: ${response.body}`,
          );
      }
    });

    it('secretaries, liaisons, enterprise contacts and administrators may not ask (403)', async () => {
      for (const who of ['secretary', 'liaison', 'member', 'sysadmin', 'secadmin', 'auditor']) {
        const response = await t.request({ url: `/api/appeals/stats?${SPRING}`, cookie: cookies[who] });
        assert.equal(response.statusCode, 403, who);
        assert.equal(json<ErrorJson>(response).error.code, 'FORBIDDEN');
      }
      assert.equal((await t.request({ url: '/api/appeals/stats' })).statusCode, 401);
    });

    it('an org unit outside the caller’s subtree, or none at all, is not found (404)', async () => {
      for (const id of [
        await orgUnitId(t, '东湖街道工商联'),
        await orgUnitId(t, '示例市工商联'),
        randomUUID(),
      ]) {
        const response = await t.request({
          url: `/api/appeals/stats?orgUnitId=${id}`,
          cookie: cookies.staff,
        });
        assert.equal(response.statusCode, 404, response.body);
      }
    });
  });

  describe('splitting a period', () => {
    it('whole months from the rollups, the days around them from the records', () => {
      assert.deepEqual(splitPeriod('2019-03-01', '2019-05-31', 'rollups'), {
        months: { from: '2019-03-01', to: '2019-05-01' },
        days: [],
        whole: { from: '2019-03-01', to: '2019-05-31' },
        counted: null,
        countedMonths: { period: 'month', from: '2019-03-01', to: '2019-05-01' },
      });
      assert.deepEqual(splitPeriod('2019-03-10', '2019-05-15', 'rollups').days, [
        { from: '2019-03-10', to: '2019-03-31' },
        { from: '2019-05-01', to: '2019-05-15' },
      ]);
      assert.deepEqual(splitPeriod('2019-03-10', '2019-05-15', 'rollups').months, {
        from: '2019-04-01',
        to: '2019-04-01',
      });
      assert.deepEqual(splitPeriod('2019-03-10', '2019-03-20', 'rollups').months, null);
      assert.deepEqual(splitPeriod('2020-02-01', '2020-02-29', 'rollups').months, {
        from: '2020-02-01',
        to: '2020-02-01',
      });
      assert.deepEqual(splitPeriod('2019-03-01', '2019-05-31', 'records').months, null);
    });

    it('a calendar month, quarter or year has its distinct enterprises counted; other periods do not', () => {
      assert.deepEqual(countedPeriod('2020-02-01', '2020-02-29'), {
        period: 'month',
        from: '2020-02-01',
        to: '2020-02-01',
      });
      assert.deepEqual(countedPeriod('2019-04-01', '2019-06-30'), {
        period: 'quarter',
        from: '2019-04-01',
        to: '2019-04-01',
      });
      assert.deepEqual(countedPeriod('2019-01-01', '2019-12-31'), {
        period: 'year',
        from: '2019-01-01',
        to: '2019-01-01',
      });
      for (const [from, to] of [
        ['2019-02-01', '2019-04-30'], // three months, not a quarter
        ['2019-01-01', '2019-06-30'], // a half-year
        ['2019-01-02', '2019-01-31'],
        ['2019-01-01', '2019-01-30'],
        ['2019-12-01', '2020-01-31'],
      ] as const) {
        assert.equal(countedPeriod(from, to), null, `${from} … ${to}`);
      }
      assert.equal(splitPeriod('2019-01-01', '2019-03-31', 'records').counted, null);
      assert.equal(splitPeriod('2019-03-10', '2019-05-15', 'rollups').countedMonths, null);
    });
  });

  describe('rollups = a recount from the records', () => {
    type RollupRow = Record<string, unknown>;
    /**
     * Both rollup tables and the kept counts, summed over their shards (a recount writes shard 0, the
     * triggers each row's own; the sums are what readers read), all-zero keys left out (a key whose
     * records all moved away keeps its row).
     */
    const snapshot = async () => {
      const read = async (table: string, keys: string, counters: string) => {
        const list = counters.split(', ');
        const sums = list.map((c) => `sum(${c})::int AS ${c}`).join(', ');
        const summed = list.map((c) => `sum(${c})`).join(', ');
        return (
          await pool.query<RollupRow>(
            `SELECT ${keys}, ${sums} FROM ${table} GROUP BY ${keys}
             HAVING greatest(${summed}) > 0 OR least(${summed}) < 0 ORDER BY ${keys}`,
          )
        ).rows;
      };
      // Running day totals (migration 0062), summed day by day over the shards.
      const readDays = async (table: string, keys: string) =>
        (
          await pool.query<RollupRow>(
            `SELECT ${keys}, array_agg(n ORDER BY d) AS days FROM (
               SELECT ${keys}, d, sum(days[d])::int AS n FROM ${table}, generate_series(1, 31) AS d
               GROUP BY ${keys}, d) AS by_day
             GROUP BY ${keys} HAVING bool_or(n <> 0) ORDER BY ${keys}`,
          )
        ).rows;
      return {
        appeals: await read(
          'appeal_rollups',
          'month, org_unit_id, category_code',
          'received, valid, invalid, merged, forwarded, resolved, unsolvable, closed_on_time, closed_late, open_overdue, rated, satisfied, basically_satisfied, dissatisfied, returned, responded, responded_on_time, response_overdue',
        ),
        forwards: await read(
          'appeal_forward_rollups',
          'month, department_id, org_unit_id',
          'forwards, returned, withdrawn, responded, responded_on_time, response_overdue, resolved, unsolvable, closed_on_time, closed_late, open_overdue, rated, satisfied, basically_satisfied, dissatisfied',
        ),
        chambers: await read(
          'appeal_chamber_rollups',
          'month, org_unit_id, chamber_id',
          'received, valid, invalid, merged, forwarded, resolved, unsolvable, closed_on_time, closed_late, open_overdue, rated, satisfied, basically_satisfied, dissatisfied, returned, responded, responded_on_time, response_overdue',
        ),
        // The same counters by day and bucket, and by month and bucket (migration 0063).
        appealBuckets: await read(
          'appeal_bucket_rollups',
          'bucket_id, month, category_code',
          'received, valid, invalid, merged, forwarded, resolved, unsolvable, closed_on_time, closed_late, open_overdue, rated, satisfied, basically_satisfied, dissatisfied, returned, responded, responded_on_time, response_overdue',
        ),
        forwardBuckets: await read(
          'appeal_forward_bucket_rollups',
          'bucket_id, month, department_id',
          'forwards, returned, withdrawn, responded, responded_on_time, response_overdue, resolved, unsolvable, closed_on_time, closed_late, open_overdue, rated, satisfied, basically_satisfied, dissatisfied',
        ),
        chamberBuckets: await read(
          'appeal_chamber_bucket_rollups',
          'bucket_id, month, chamber_id',
          'received, valid, invalid, merged, forwarded, resolved, unsolvable, closed_on_time, closed_late, open_overdue, rated, satisfied, basically_satisfied, dissatisfied, returned, responded, responded_on_time, response_overdue',
        ),
        appealDays: await read(
          'appeal_day_rollups',
          'bucket_id, day, category_code',
          'received, valid, invalid, merged, forwarded, resolved, unsolvable, closed_on_time, closed_late, open_overdue, rated, satisfied, basically_satisfied, dissatisfied, returned, responded, responded_on_time, response_overdue',
        ),
        chamberDays: await read(
          'appeal_chamber_day_rollups',
          'bucket_id, day, chamber_id',
          'received, valid, invalid, merged, forwarded, resolved, unsolvable, closed_on_time, closed_late, open_overdue, rated, satisfied, basically_satisfied, dissatisfied, returned, responded, responded_on_time, response_overdue',
        ),
        forwardDays: await read(
          'appeal_forward_day_rollups',
          'bucket_id, day, department_id',
          'forwards, returned, withdrawn, responded, responded_on_time, response_overdue, resolved, unsolvable, closed_on_time, closed_late, open_overdue, rated, satisfied, basically_satisfied, dissatisfied',
        ),
        enterprises: await read(
          'appeal_enterprise_counts',
          'org_unit_id, period, starts_on, grouped_by, key',
          'enterprises',
        ),
        // The first records of migration 0062: each appeal's and forward's previous day, and their rollups.
        firstRecords: (await pool.query<RollupRow>('SELECT * FROM appeal_first_records ORDER BY appeal_id'))
          .rows,
        forwardFirstRecords: (
          await pool.query<RollupRow>('SELECT * FROM appeal_forward_first_records ORDER BY forward_id')
        ).rows,
        chamberFirstRecords: (
          await pool.query<RollupRow>(
            'SELECT * FROM appeal_chamber_first_records ORDER BY appeal_id, chamber_id',
          )
        ).rows,
        firstRollups: await readDays('appeal_first_rollups', 'bucket_id, month, grouped_by, key, prev_month'),
        chamberFirstRollups: await readDays(
          'appeal_chamber_first_rollups',
          'bucket_id, month, chamber_id, prev_month',
        ),
        forwardFirstRollups: await readDays(
          'appeal_forward_first_rollups',
          'bucket_id, month, department_id, prev_month',
        ),
      };
    };
    const assertRollupsMatchRecords = async () => {
      const kept = await snapshot();
      await rebuildAppealRollups(t.database.db);
      assert.deepEqual(kept, await snapshot(), 'the triggers kept what a rebuild recounts');
      for (const query of [
        {},
        { from: '2019-01-01', to: '2019-12-31' },
        { from: '2019-03-10', to: '2019-05-15' },
        { from: '2019-02-14', to: '2019-02-14' },
        { from: '2019-01-01', to: '2019-03-31' },
        { from: '2019-02-01', to: '2019-02-28' },
        { from: '2019-02-01', to: '2019-03-31' },
        { from: '2019-04-01', to: '2019-06-30' },
        { from: '2019-01-20', to: '2019-02-10' },
        { from: '2019-02-03', to: '2019-02-25' },
      ]) {
        for (const groupBy of [undefined, 'department', 'category', 'orgUnit', 'chamber', 'month'] as const) {
          const asked = { ...query, groupBy };
          assert.deepEqual(
            await computeAppealFigures(t.database.db, staffActor, asked, 'rollups'),
            await computeAppealFigures(t.database.db, staffActor, asked, 'records'),
            JSON.stringify(asked),
          );
        }
      }
      // The dashboard's and reports' breakdown keys each day by its own month, also across two months
      // with no whole month between them (it keyed them all by the first).
      for (const range of [
        { from: '2019-01-20', to: '2019-02-10' },
        { from: '2019-02-03', to: '2019-02-25' },
        { from: '2019-01-10', to: '2019-03-20' },
      ]) {
        const breakdown = await appealBreakdown(t.database.db, { orgPath: staffActor.orgPath }, range);
        const byMonth = await computeAppealFigures(
          t.database.db,
          staffActor,
          { ...range, groupBy: 'month' },
          'records',
        );
        const counted = (counters: Partial<Record<Counter, number>> | undefined) =>
          Object.fromEntries(COUNTERS.map((counter) => [counter, counters?.[counter] ?? 0]));
        for (const group of byMonth.groups) {
          assert.deepEqual(
            counted(breakdown.months.get(group.key)),
            counted(group),
            `${JSON.stringify(range)} ${group.key}`,
          );
        }
        assert.deepEqual(counted(breakdown.total), counted(byMonth.total), JSON.stringify(range));
      }
    };

    it('after appeals moved through every state, reopened, re-filed and deleted', async () => {
      let seed = 20_190_301;
      const random = () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        return seed / 2_147_483_648;
      };
      const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
      const enterprises = Object.values(enterprise);
      const units = [unit.s1, unit.s2, unit.district];
      const categories = ['financing', 'tax', 'legal', 'rent', 'other'];
      const appeals: { id: string; forwards: string[] }[] = [];
      for (let i = 0; i < 40; i++) {
        const day = `2019-${String(1 + Math.floor(random() * 3)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
        appeals.push({
          id: await addAppeal({
            enterprise: pick(enterprises),
            unit: pick(units),
            category: pick(categories),
            state: 'submitted',
            receivedOn: day,
          }),
          forwards: [],
        });
      }
      const update = (table: string, id: string, set: string, values: unknown[] = []) =>
        pool.query(`UPDATE ${table} SET ${set}, version = version + 1 WHERE id = $1`, [id, ...values]);
      for (const appeal of appeals) {
        const roll = random();
        if (roll < 0.1) {
          await update('appeals', appeal.id, "state = 'invalid', invalid_reason = '无效'");
          continue;
        }
        if (roll < 0.15) {
          await update('appeals', appeal.id, "state = 'merged', merged_into_id = $2", [appeals[0]!.id]);
          continue;
        }
        // Triage may re-file it: another category, another month.
        if (random() < 0.2) await update('appeals', appeal.id, 'category_code = $2', [pick(categories)]);
        if (random() < 0.15)
          await update(
            'appeals',
            appeal.id,
            "received_on = received_on + 35, received_at = received_at + interval '35 days'",
          );
        await update('appeals', appeal.id, "state = 'valid', validated_at = received_at + interval '1 hour'");
        if (random() < 0.15) continue;
        const forwardedAt = `(SELECT received_at + interval '1 day' FROM appeals WHERE id = $1)`;
        await update(
          'appeals',
          appeal.id,
          `state = 'forwarded', forwarded_at = ${forwardedAt}, respond_due_at = ${forwardedAt} + interval '2 days',
           resolve_due_at = ${forwardedAt} + interval '15 days'`,
        );
        const departments: ('x' | 'y')[] = random() < 0.3 ? ['x', 'y'] : [pick(['x', 'y'] as const)];
        for (const department of departments) {
          const { rows } = await pool.query<{
            forwarded_at: string;
            respond_due_at: string;
            resolve_due_at: string;
          }>('SELECT forwarded_at, respond_due_at, resolve_due_at FROM appeals WHERE id = $1', [appeal.id]);
          appeal.forwards.push(
            await addForward({
              appeal: appeal.id,
              department,
              state: 'pending',
              forwardedAt: rows[0]!.forwarded_at,
              respondDueAt: rows[0]!.respond_due_at,
              resolveDueAt: rows[0]!.resolve_due_at,
            }),
          );
        }
        // Each department responds (on time or late), or the scheduler marks the response overdue.
        for (const forward of appeal.forwards) {
          const late = random() < 0.3;
          const respond = `responded_at = forwarded_at + interval '${late ? 3 : 1} days'`;
          const move = random();
          if (move < 0.15) await update('appeal_forwards', forward, 'response_overdue = true');
          else if (move < 0.3) await update('appeal_forwards', forward, `state = 'returned', ${respond}`);
          else if (move < 0.35) await update('appeal_forwards', forward, "state = 'withdrawn'");
          else await update('appeal_forwards', forward, `state = 'accepted', ${respond}`);
        }
        await update(
          'appeals',
          appeal.id,
          "state = 'in_progress', responded_at = (SELECT min(responded_at) FROM appeal_forwards WHERE appeal_id = $1)",
        );
        if (random() < 0.25) {
          await update('appeals', appeal.id, 'overdue = true');
          for (const forward of appeal.forwards)
            await update('appeal_forwards', forward, 'resolve_overdue = true');
        }
        if (random() < 0.2) continue;
        const outcome = pick(['resolved', 'resolved', 'unsolvable'] as const);
        const answered = `forwarded_at + interval '${random() < 0.3 ? 20 : 5} days'`;
        for (const forward of appeal.forwards) {
          await update(
            'appeal_forwards',
            forward,
            `state = CASE WHEN state = 'accepted' THEN $2 ELSE state END,
             answered_at = CASE WHEN state = 'accepted' THEN ${answered} END`,
            [outcome],
          );
        }
        await update(
          'appeals',
          appeal.id,
          `state = 'answered', outcome = $2, answered_at = ${answered}, overdue = false`,
          [outcome],
        );
        if (random() < 0.2) continue;
        await update(
          'appeals',
          appeal.id,
          "state = 'confirmed', confirmed_at = answered_at + interval '1 day'",
        );
        const satisfaction = pick(['satisfied', 'basically_satisfied', 'dissatisfied'] as const);
        await update('appeals', appeal.id, "state = 'closed', satisfaction = $2, rated_at = confirmed_at", [
          satisfaction,
        ]);
        await pool.query(
          "UPDATE appeal_forwards SET satisfaction = $2 WHERE appeal_id = $1 AND state IN ('resolved', 'unsolvable')",
          [appeal.id, satisfaction],
        );
        // Reopened: back to valid with the history kept, then forwarded again to another round.
        if (random() < 0.2) {
          await update(
            'appeals',
            appeal.id,
            "state = 'valid', outcome = NULL, answered_at = NULL, satisfaction = NULL, round = round + 1, reopen_count = reopen_count + 1",
          );
        }
      }
      // A forward made by mistake and an appeal entered twice are deleted outright.
      const withForwards = appeals.filter((a) => a.forwards.length > 0);
      await pool.query('DELETE FROM appeal_forwards WHERE id = $1', [withForwards[0]!.forwards[0]]);
      const deleted = withForwards[withForwards.length - 1]!;
      await pool.query('DELETE FROM appeal_forwards WHERE appeal_id = $1', [deleted.id]);
      await pool.query(
        "UPDATE appeals SET merged_into_id = NULL, state = 'invalid', invalid_reason = '重复' WHERE merged_into_id = $1",
        [deleted.id],
      );
      await pool.query('DELETE FROM appeals WHERE id = $1', [deleted.id]);
      // An appeal moved to another street.
      await update('appeals', appeals[1]!.id, 'org_unit_id = $2', [unit.s2]);
      await assertRollupsMatchRecords();
      // Memberships change (an enterprise joins a chamber, another leaves, a role changes, one joins two at
      // once), and an appeal is re-registered to another enterprise: the chambers' rows and counts follow.
      await pool.query(
        'INSERT INTO chamber_memberships (chamber_id, enterprise_id) VALUES ($1, $2), ($3, $2)',
        [unit.chamber, enterprise.e2, unit.association],
      );
      await pool.query('DELETE FROM chamber_memberships WHERE chamber_id = $1 AND enterprise_id = $2', [
        unit.chamber,
        enterprise.e3,
      ]);
      await pool.query("UPDATE chamber_memberships SET role = 'director' WHERE enterprise_id = $1", [
        enterprise.e1,
      ]);
      await pool.query(
        'UPDATE chamber_memberships SET chamber_id = $1 WHERE enterprise_id = $2 AND chamber_id = $3',
        [unit.association, enterprise.e1, unit.chamber],
      );
      await update('appeals', appeals[2]!.id, 'enterprise_id = $2', [
        (
          await pool.query<{ enterprise_id: string }>('SELECT enterprise_id FROM appeals WHERE id = $1', [
            appeals[2]!.id,
          ])
        ).rows[0]!.enterprise_id === enterprise.e4
          ? enterprise.e1
          : enterprise.e4,
      ]);
      await assertRollupsMatchRecords();
    });

    it('one statement writing the memberships of thousands of enterprises fits the lock table', async () => {
      // One lock per enterprise outgrew max_locks_per_transaction × connections ("out of shared memory")
      // somewhere past 10,000 enterprises; a statement past 64 enterprises now takes the set's lock instead.
      await pool.query(
        `SELECT appeal_chamber_membership_change('{}', ARRAY(
           SELECT jsonb_populate_record(NULL::chamber_memberships,
             jsonb_build_object('chamber_id', $1::uuid, 'enterprise_id', gen_random_uuid()))
           FROM generate_series(1, 50000)))`,
        [unit.chamber],
      );
      // Through the triggers, with appeals to move: the set's lock keeps the counts as exact.
      const chamber = await addUnit(unit.district, 'chamber', '测试区批量商会');
      await pool.query(
        `INSERT INTO enterprises (org_unit_id, name, uscc)
         SELECT $1, '批量入会企业' || i, 'BULK-' || i || '-' || $2 FROM generate_series(1, 2000) AS i`,
        [unit.s1, randomUUID()],
      );
      const bulk = `SELECT id FROM enterprises WHERE name LIKE '批量入会企业%'`;
      await pool.query(
        `INSERT INTO chamber_memberships (chamber_id, enterprise_id)
         SELECT $1::uuid, id FROM (${bulk}) AS e UNION ALL SELECT $1::uuid, $2::uuid`,
        [chamber, enterprise.e2],
      );
      await assertRollupsMatchRecords();
      await pool.query('DELETE FROM chamber_memberships WHERE chamber_id = $1', [chamber]);
      await pool.query(`DELETE FROM enterprises WHERE id IN (${bulk})`);
      await assertRollupsMatchRecords();
    });

    it('concurrent writers of the same rollup rows neither deadlock nor lose a count', async () => {
      const before = (await stats('from=2019-06-01&to=2019-06-30&groupBy=department')).total.received;
      await Promise.all(
        Array.from({ length: 24 }, async (_, i) => {
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            const { rows } = await client.query<{ id: string }>(
              `INSERT INTO appeals (number, enterprise_id, org_unit_id, category_code, title, description, source,
                 urgency, state, received_at, received_on, validated_at, forwarded_at, respond_due_at, resolve_due_at)
               VALUES ($1, $2, $3, 'tax', '并发', '并发', 'phone', 'normal', 'forwarded', $4, '2019-06-03', $4, $4,
                 $4::timestamptz + interval '2 days', $4::timestamptz + interval '10 days')
               RETURNING id`,
              [`C${i}`, enterprise.e1, unit.s1, at('2019-06-03')],
            );
            for (const department of ['x', 'y'] as const) {
              await client.query(
                `INSERT INTO appeal_forwards (appeal_id, round, department_id, channel_id, org_unit_id, category_code,
                   state, forwarded_at, forwarded_on, respond_due_at, resolve_due_at)
                 VALUES ($1, 1, $2, $3, $4, 'tax', 'pending', $5, '2019-06-03', $5::timestamptz + interval '2 days',
                   $5::timestamptz + interval '10 days')`,
                [rows[0]!.id, unit[department], channel[department], unit.s1, at('2019-06-03')],
              );
            }
            await client.query(
              "UPDATE appeal_forwards SET state = 'accepted', responded_at = forwarded_at WHERE appeal_id = $1",
              [rows[0]!.id],
            );
            await client.query(
              "UPDATE appeals SET state = 'in_progress', responded_at = forwarded_at WHERE id = $1",
              [rows[0]!.id],
            );
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK');
            throw error;
          } finally {
            client.release();
          }
        }),
      );
      const after = await stats('from=2019-06-01&to=2019-06-30&groupBy=department');
      assert.equal(after.total.received, before + 24);
      assert.equal(group(after, unit.x).responded, 24);
      // The department's month in that street is kept in rows by appeal (0017 for the appeals', 0061 for
      // the forwards'): the 24 writers did not all add to one row and wait on its lock.
      for (const table of ['appeal_rollups', 'appeal_forward_rollups']) {
        const { rows } = await pool.query<{ shards: number }>(
          `SELECT count(DISTINCT shard)::int AS shards FROM ${table}
           WHERE org_unit_id = $1 AND month = '2019-06-01'`,
          [unit.s1],
        );
        assert.ok(rows[0]!.shards >= 4, `${table}: ${rows[0]!.shards} shards`);
      }
      await assertRollupsMatchRecords();
    });

    // Through the API: the appeals module's own writes, in its own order, under the triggers.
    const step = async (id: string, body: Record<string, unknown>, cookie: string) => {
      const current = await t.request({ url: `/api/appeals/${id}`, cookie });
      assert.equal(current.statusCode, 200, current.body);
      const { version } = json<{ appeal: { version: number } }>(current).appeal;
      const response = await t.request({
        method: 'POST',
        url: `/api/appeals/${id}/transitions`,
        body: { ...body, version },
        cookie,
      });
      assert.equal(response.statusCode, 200, `${String(body.action)}: ${response.body}`);
    };
    const raise = async (category: string, enterpriseId = enterprise.e2) => {
      const response = await t.request({
        method: 'POST',
        url: '/api/appeals',
        cookie: cookies.staff,
        body: {
          enterpriseId,
          category,
          title: '统计测试',
          description: '统计测试',
          source: 'phone',
          urgency: 'normal',
        },
      });
      assert.equal(response.statusCode, 201, response.body);
      return json<{ appeal: { id: string } }>(response).appeal.id;
    };

    it('the loop through the API moves the figures: raised, forwarded, resolved, rated 满意', async () => {
      t.ctx.clock.set(new Date('2019-07-08T02:00:00Z'));
      try {
        const july = 'from=2019-07-01&to=2019-07-31&groupBy=department';
        const id = await raise('employment');
        assert.equal((await stats(july)).total.received, 1);
        await step(id, { action: 'forward', departmentIds: [unit.x] }, cookies.staff!);
        await step(id, { action: 'accept' }, cookies.liaisonX!);
        await step(id, { action: 'resolve', note: '已推荐技工' }, cookies.liaisonX!);
        await step(id, { action: 'confirm' }, cookies.staff!);
        await step(id, { action: 'rate', satisfaction: 'satisfied', via: 'phone' }, cookies.staff!);
        const result = await stats(july);
        assert.deepEqual(
          [result.total.received, result.total.valid, result.total.forwarded, result.total.resolved],
          [1, 1, 1, 1],
        );
        assert.deepEqual(
          [result.total.satisfied, result.total.satisfactionRate, result.total.resolutionRate],
          [1, 1, 1],
        );
        const x = group(result, unit.x);
        assert.deepEqual([x.received, x.responded, x.resolved, x.satisfied, x.enterprises], [1, 1, 1, 1, 1]);
        await assertRollupsMatchRecords();
      } finally {
        t.ctx.clock.reset();
      }
    });

    it('every transition through the API, the deadline timers too, keeps rollups = records', async () => {
      t.ctx.clock.set(new Date('2019-08-05T02:00:00Z'));
      try {
        const returnedThenReopened = await raise('tax');
        const invalid = await raise('rent');
        const duplicate = await raise('tax');
        const late = await raise('legal', enterprise.e1);
        const unsolvable = await raise('permits', enterprise.e1);
        await step(invalid, { action: 'mark_invalid', reason: '非企业诉求' }, cookies.staff!);
        await step(duplicate, { action: 'merge', intoId: returnedThenReopened }, cookies.staff!);
        await step(
          returnedThenReopened,
          { action: 'forward', departmentIds: [unit.x, unit.y] },
          cookies.staff!,
        );
        await step(late, { action: 'forward', departmentIds: [unit.x] }, cookies.staff!);
        await step(unsolvable, { action: 'forward', departmentIds: [unit.y] }, cookies.staff!);
        await step(returnedThenReopened, { action: 'accept' }, cookies.liaisonX!);
        await step(returnedThenReopened, { action: 'return', reason: '不属本部门职责' }, cookies.liaisonY!);
        await step(returnedThenReopened, { action: 'resolve', note: '已办结' }, cookies.liaisonX!);
        await step(returnedThenReopened, { action: 'confirm' }, cookies.staff!);
        await step(
          returnedThenReopened,
          { action: 'rate', satisfaction: 'dissatisfied', via: 'phone' },
          cookies.staff!,
        );
        await step(returnedThenReopened, { action: 'reopen', reason: '问题没有真正解决' }, cookies.staff!);
        await step(unsolvable, { action: 'accept' }, cookies.liaisonY!);
        await step(unsolvable, { action: 'explain_unsolvable', note: '政策不允许' }, cookies.liaisonY!);
        await step(unsolvable, { action: 'confirm' }, cookies.staff!);
        await step(
          unsolvable,
          { action: 'rate', satisfaction: 'basically_satisfied', via: 'visit' },
          cookies.staff!,
        );
        // Forty days on, the timers mark the untouched forward overdue for response and resolution.
        t.ctx.clock.advance(40 * 86_400_000);
        await runDeadlineChecks(t.ctx, t.ctx.clock.now());
        const overdue = await stats('from=2019-08-01&to=2019-08-31&groupBy=department');
        assert.equal(overdue.total.openOverdue, 1);
        assert.equal(group(overdue, unit.x).responseRate, 0.5);
        await step(late, { action: 'accept' }, cookies.liaisonX!);
        await step(late, { action: 'resolve', note: '已办结' }, cookies.liaisonX!);
        await step(late, { action: 'confirm' }, cookies.staff!);
        const august = await stats('from=2019-08-01&to=2019-08-31&groupBy=department');
        assert.deepEqual(
          [august.total.received, august.total.invalid, august.total.merged, august.total.closedLate],
          [5, 1, 1, 1],
        );
        assert.deepEqual([group(august, unit.y).returned, group(august, unit.y).unsolvable], [1, 1]);
        await assertRollupsMatchRecords();
      } finally {
        t.ctx.clock.reset();
      }
    });
  });
});
