// API tests of 走访 visits and 走访计划 visit plans: recording, correcting and cancelling visits, bad input
// that writes nothing, every role's scope, plans with their progress, and visit coverage (走访覆盖率)
// computed on a known data set (the registry test world, beside the demo district).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { json, setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';
import { buildRegistryWorld, WORLD_TODAY, type RegistryWorld } from '../../test/registry-world.ts';

interface VisitJson {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  orgUnitId: string;
  planId: string | null;
  kind: string;
  status: string;
  plannedOn: string | null;
  visitedOn: string | null;
  visitors: { id: string; name: string }[];
  leaderNames: string[];
  departments: { id: string; name: string }[];
  brought: string[];
  notes: string | null;
  version: number;
}
type VisitPage = { items: VisitJson[]; total: number; page: number; pageSize: number };
interface Counts {
  members: number;
  visited: number;
  share: number | null;
}
type CoverageJson = {
  groupBy: string;
  from: string;
  to: string;
  rows: (Counts & { id: string; name: string })[];
  total: Counts;
};
interface PlanJson {
  id: string;
  name: string;
  orgUnitId: string;
  startsOn: string;
  endsOn: string;
  progress: { done: number; total: number };
  version: number;
  assignments: {
    enterpriseId: string;
    assigneeId: string;
    assigneeName: string;
    visitId: string | null;
    visitedOn: string | null;
  }[];
  byAssignee: { assigneeId: string; done: number; total: number }[];
}

describe('visits (走访) and visit plans (走访计划)', () => {
  let t: TestApp;
  let w: RegistryWorld;
  const ids: Record<'staff' | 'leader' | 'secretary' | 'contact' | 'liaison', string> = {
    staff: '',
    leader: '',
    secretary: '',
    contact: '',
    liaison: '',
  };

  const count = async (table: string) =>
    (await t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  const snapshot = async () => ({
    visits: await count('visits'),
    plans: await count('visit_plans'),
    audit: await count("audit_events WHERE action <> 'access.denied'"),
  });
  const create = (body: Record<string, unknown>, cookie = w.cookies.staff) =>
    t.request({ method: 'POST', url: '/api/visits', cookie, body });
  const patch = (id: string, body: unknown, cookie = w.cookies.staff) =>
    t.request({ method: 'PATCH', url: `/api/visits/${id}`, cookie, body });
  const created = async (body: Record<string, unknown>, cookie = w.cookies.staff) => {
    const response = await create(body, cookie);
    assert.equal(response.statusCode, 201, response.body);
    return json<{ visit: VisitJson }>(response).visit;
  };
  const list = async (query: string, cookie = w.cookies.staff) => {
    const response = await t.request({ url: `/api/visits${query}`, cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<VisitPage>(response);
  };
  const coverage = async (query: string, cookie = w.cookies.staff) => {
    const response = await t.request({ url: `/api/visits/coverage${query}`, cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<CoverageJson>(response);
  };
  const refusal = (response: { statusCode: number; json: () => unknown }) => {
    const body = response.json() as ErrorJson;
    return { status: response.statusCode, code: body.error.code, details: body.error.details ?? [] };
  };
  const done = (enterpriseId: string, visitedOn: string, extra: Record<string, unknown> = {}) => ({
    enterpriseId,
    kind: 'directed',
    status: 'done',
    visitedOn,
    ...extra,
  });

  before(async () => {
    t = await setupTestApp();
    w = await buildRegistryWorld(t);
    for (const [key, username] of [
      ['staff', 'w-staff'],
      ['leader', 'w-leader'],
      ['secretary', 'w-secretary'],
      ['contact', 'w-contact'],
      ['liaison', 'w-liaison'],
    ] as const) {
      ids[key] = await t.userId(username);
    }
  });
  after(() => t.close());

  describe('recording a visit', () => {
    it('records a done joint visit and shows names of the enterprise, visitors and departments', async () => {
      const before = await snapshot();
      const visit = await created({
        enterpriseId: w.enterprises.smart,
        kind: 'joint',
        visitedOn: '2026-06-10',
        visitorIds: [ids.staff, ids.leader, ids.staff],
        leaderNames: ['区委统战部副部长'],
        departmentIds: [w.department],
        brought: ['policy', 'warmth', 'policy'],
        notes: '会同金融办了解融资需求\n企业希望对接贴息贷款',
      });
      assert.equal(visit.status, 'done', 'a visit date without a status records it as done');
      assert.equal(visit.enterpriseName, '长宁智能科技有限公司');
      assert.equal(visit.orgUnitId, w.changning, 'counted for the enterprise’s street');
      assert.deepEqual(
        visit.visitors.map((v) => v.name),
        ['w-staff', 'w-leader'],
      );
      assert.deepEqual(visit.departments, [{ id: w.department, name: '测试区金融办' }]);
      assert.deepEqual(visit.brought, ['policy', 'warmth']);
      assert.deepEqual(visit.leaderNames, ['区委统战部副部长']);
      assert.equal(visit.version, 1);
      const after = await snapshot();
      assert.deepEqual([after.visits - before.visits, after.audit - before.audit], [1, 1]);
      const { rows } = await t.database.pool.query(
        "SELECT actor_name, detail->'enterprise'->>'name' AS name FROM audit_events WHERE action = 'visit.created' AND object_id = $1",
        [visit.id],
      );
      assert.deepEqual(rows, [{ actor_name: 'w-staff', name: '长宁智能科技有限公司' }]);

      const read = await t.request({ url: `/api/visits/${visit.id}`, cookie: w.cookies.leader });
      assert.equal(read.statusCode, 200, read.body);
      assert.equal(
        json<{ visit: VisitJson }>(read).visit.notes,
        '会同金融办了解融资需求\n企业希望对接贴息贷款',
      );
    });

    it('defaults the visitors to the caller, and a visit without a date to planned', async () => {
      const visit = await created({
        enterpriseId: w.enterprises.catering,
        kind: 'care',
        plannedOn: '2026-06-20',
      });
      assert.equal(visit.status, 'planned');
      assert.deepEqual(
        visit.visitors.map((v) => v.id),
        [ids.staff],
      );
    });

    it('filters the list by enterprise, status, kind, period, visitor, org unit and paginates', async () => {
      const a = await created(
        done(w.enterprises.pharma, '2026-06-05', { kind: 'research', visitorIds: [ids.leader] }),
      );
      const b = await created(done(w.enterprises.building, '2026-06-06'));
      const has = (page: VisitPage, visit: VisitJson) => page.items.some((item) => item.id === visit.id);
      assert.ok(has(await list(`?enterpriseId=${w.enterprises.pharma}`), a));
      assert.ok(!has(await list(`?enterpriseId=${w.enterprises.pharma}`), b));
      assert.ok((await list('?status=planned')).items.every((item) => item.status === 'planned'));
      assert.ok((await list('?kind=research')).items.every((item) => item.kind === 'research'));
      const june5 = await list('?from=2026-06-05&to=2026-06-05');
      assert.deepEqual(
        june5.items.map((item) => item.id),
        [a.id],
      );
      assert.ok(has(await list(`?visitorId=${ids.leader}`), a));
      assert.ok(!has(await list(`?visitorId=${ids.leader}`), b));
      const jingan = await list(`?orgUnitId=${w.jingan}`);
      assert.ok(has(jingan, a) && !has(jingan, b));
      assert.ok(has(await list(`?orgUnitId=${w.district}`), b), 'an org unit filter covers its subtree');
      const paged = await list('?pageSize=1&page=2');
      assert.equal(paged.items.length, 1);
      assert.equal(paged.page, 2);
      assert.ok(paged.total >= 3);
      // Newest first, by the day visited or planned.
      const all = await list('?pageSize=200');
      const days = all.items.map((item) => item.visitedOn ?? item.plannedOn ?? '');
      assert.deepEqual(days, [...days].sort().reverse());
    });

    it('records a planned visit as done, refuses a stale version, and may cancel it', async () => {
      const visit = await created({
        enterpriseId: w.enterprises.building,
        kind: 'directed',
        plannedOn: '2026-06-12',
      });
      const noDate = await patch(visit.id, { version: 1, status: 'done' });
      assert.equal(refusal(noDate).status, 400);
      assert.deepEqual(
        refusal(noDate).details.map((d) => [d.path, d.code]),
        [['visitedOn', 'REQUIRED']],
      );
      const recorded = await patch(visit.id, {
        version: 1,
        status: 'done',
        visitedOn: '2026-06-13',
        brought: ['service'],
      });
      assert.equal(recorded.statusCode, 200, recorded.body);
      const visitJson = json<{ visit: VisitJson }>(recorded).visit;
      assert.deepEqual([visitJson.status, visitJson.visitedOn, visitJson.version], ['done', '2026-06-13', 2]);
      const stale = await patch(visit.id, { version: 1, notes: '晚到的修改' });
      assert.deepEqual([refusal(stale).status, refusal(stale).code], [409, 'VERSION_CONFLICT']);
      const back = await patch(visit.id, { version: 2, status: 'planned', visitedOn: null });
      assert.deepEqual(
        [refusal(back).status, refusal(back).details[0]?.code],
        [400, 'INVALID_STATUS_CHANGE'],
      );
      const cancelled = await patch(visit.id, { version: 2, status: 'cancelled' });
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      assert.equal(json<{ visit: VisitJson }>(cancelled).visit.status, 'cancelled');
      const { rows } = await t.database.pool.query<{ action: string }>(
        'SELECT action FROM audit_events WHERE object_id = $1 ORDER BY seq',
        [visit.id],
      );
      assert.deepEqual(
        rows.map((r) => r.action),
        ['visit.created', 'visit.recorded', 'visit.cancelled'],
      );
      const same = await patch(visit.id, { version: 3, status: 'cancelled' });
      assert.equal(json<{ visit: VisitJson }>(same).visit.version, 3, 'no change, no new version');
    });

    it('takes "today" in Asia/Shanghai from the app clock', async () => {
      // 17:00 UTC is already 01:00 the next day in Shanghai.
      t.ctx.clock.set(new Date(`${WORLD_TODAY}T17:00:00Z`));
      try {
        const cookie = await t.sessionFor(ids.staff);
        const response = await create(done(w.enterprises.catering, '2026-06-16'), cookie);
        assert.equal(response.statusCode, 201, response.body);
        const tooEarly = await create(done(w.enterprises.catering, '2026-06-17'), cookie);
        assert.equal(refusal(tooEarly).details[0]?.code, 'DATE_IN_FUTURE');
      } finally {
        t.ctx.clock.set(new Date(`${WORLD_TODAY}T08:00:00Z`));
      }
    });
  });

  describe('bad input writes nothing', () => {
    const cases: [string, Record<string, unknown>, string, string][] = [];
    before(() => {
      cases.push(
        [
          'a visit date in the future',
          done(w.enterprises.smart, '2026-06-16'),
          'visitedOn',
          'DATE_IN_FUTURE',
        ],
        [
          'done without a date',
          { enterpriseId: w.enterprises.smart, kind: 'directed', status: 'done' },
          'visitedOn',
          'REQUIRED',
        ],
        [
          'planned without a date',
          { enterpriseId: w.enterprises.smart, kind: 'directed' },
          'plannedOn',
          'REQUIRED',
        ],
        [
          'an unknown department',
          done(w.enterprises.smart, '2026-06-01', {
            departmentIds: ['00000000-0000-4000-8000-000000000000'],
          }),
          'departmentIds.0',
          'NOT_FOUND',
        ],
        [
          'a street named as a department',
          done(w.enterprises.smart, '2026-06-01', { departmentIds: [w.changning] }),
          'departmentIds.0',
          'NOT_FOUND',
        ],
        [
          'a liaison as a visitor',
          done(w.enterprises.smart, '2026-06-01', { visitorIds: [ids.liaison] }),
          'visitorIds.0',
          'NOT_FOUND',
        ],
        [
          'no visitor at all',
          done(w.enterprises.smart, '2026-06-01', { visitorIds: [] }),
          'visitorIds',
          'TOO_SMALL',
        ],
        [
          'a kind not in the list',
          done(w.enterprises.smart, '2026-06-01', { kind: 'party' }),
          'kind',
          'INVALID_VALUE',
        ],
        [
          'a status not in the list',
          done(w.enterprises.smart, '2026-06-01', { status: 'cancelled' }),
          'status',
          'INVALID_VALUE',
        ],
        [
          'something brought not in the list',
          done(w.enterprises.smart, '2026-06-01', { brought: ['money'] }),
          'brought.0',
          'INVALID_VALUE',
        ],
        [
          'a control character in the notes',
          done(w.enterprises.smart, '2026-06-01', { notes: 'a\u0000b' }),
          'notes',
          'CONTROL_CHARACTER',
        ],
        ['a malformed date', done(w.enterprises.smart, '2026-6-1'), 'visitedOn', 'INVALID_FORMAT'],
        ['an unknown field', done(w.enterprises.smart, '2026-06-01', { rating: 5 }), '', 'UNRECOGNIZED_KEYS'],
      );
    });

    it('answers 400 with the field and a Chinese message', async () => {
      const before = await snapshot();
      for (const [what, body, path, code] of cases) {
        const { status, code: errorCode, details } = refusal(await create(body));
        assert.deepEqual([status, errorCode], [400, 'VALIDATION_FAILED'], what);
        const detail = details.find((d) => d.path.replace(/^body\.?/, '') === path);
        assert.ok(detail, `${what}: ${JSON.stringify(details)}`);
        assert.equal(detail.code, code, what);
        assert.match(detail.message, /[\u4e00-\u9fff]/, `${what}: a Chinese message`);
      }
      assert.deepEqual(await snapshot(), before);
    });

    it('answers 404 for an enterprise outside the caller’s scope, or merged away', async () => {
      for (const enterpriseId of [
        w.enterprises.demo,
        w.enterprises.mergedAway,
        '00000000-0000-4000-8000-000000000000',
      ]) {
        assert.equal(refusal(await create(done(enterpriseId, '2026-06-01'))).status, 404);
      }
    });

    it('answers 400 for a bad list filter', async () => {
      for (const query of ['?kind=party', '?status=open', '?from=yesterday', '?pageSize=500', '?planId=1']) {
        const response = await t.request({ url: `/api/visits${query}`, cookie: w.cookies.staff });
        assert.equal(response.statusCode, 400, query);
      }
    });
  });

  describe('who sees and records what', () => {
    let staffVisit: VisitJson;
    let plannedForContact: VisitJson;
    let secretaryVisit: VisitJson;
    before(async () => {
      staffVisit = await created(done(w.enterprises.pharma, '2026-06-08'));
      plannedForContact = await created({
        enterpriseId: w.enterprises.smart,
        kind: 'care',
        plannedOn: '2026-06-25',
      });
      secretaryVisit = await created(done(w.enterprises.catering, '2026-06-09'), w.cookies.secretary);
    });

    it('a leader reads every visit of the subtree but may not record one (403)', async () => {
      assert.ok(
        (await list('?pageSize=200', w.cookies.leader)).items.some((v) => v.id === secretaryVisit.id),
      );
      assert.equal(
        refusal(await create(done(w.enterprises.smart, '2026-06-01'), w.cookies.leader)).status,
        403,
      );
      assert.equal(refusal(await patch(staffVisit.id, { version: 1 }, w.cookies.leader)).status, 403);
    });

    it('a department liaison and the administrators see no visits (403)', async () => {
      assert.equal((await t.request({ url: '/api/visits', cookie: w.cookies.liaison })).statusCode, 403);
      const sysadmin = await t.sessionFor(await t.userId('sysadmin'));
      assert.equal((await t.request({ url: '/api/visits', cookie: sysadmin })).statusCode, 403);
    });

    it('an enterprise contact sees only the done visits to their own enterprise, and records none', async () => {
      const mine = await list('?pageSize=200', w.cookies.contact);
      assert.ok(mine.total > 0);
      assert.ok(mine.items.every((v) => v.enterpriseId === w.enterprises.smart && v.status === 'done'));
      const planned = await t.request({
        url: `/api/visits/${plannedForContact.id}`,
        cookie: w.cookies.contact,
      });
      assert.equal(planned.statusCode, 404);
      const other = await t.request({ url: `/api/visits/${staffVisit.id}`, cookie: w.cookies.contact });
      assert.equal(other.statusCode, 404);
      assert.equal(
        refusal(await create(done(w.enterprises.smart, '2026-06-01'), w.cookies.contact)).status,
        403,
      );
      const plans = await t.request({ url: '/api/visit-plans', cookie: w.cookies.contact });
      assert.equal(json<{ total: number }>(plans).total, 0);
    });

    it('a chamber secretary sees and records visits to their chamber’s members only', async () => {
      const theirs = await list('?pageSize=200', w.cookies.secretary);
      const members = new Set([w.enterprises.smart, w.enterprises.catering]);
      assert.ok(theirs.items.length > 0);
      assert.ok(theirs.items.every((v) => members.has(v.enterpriseId)));
      assert.ok(
        theirs.items.some((v) => v.id === plannedForContact.id),
        'staff’s visits to their members too',
      );
      const outside = await t.request({ url: `/api/visits/${staffVisit.id}`, cookie: w.cookies.secretary });
      assert.equal(outside.statusCode, 404);
      assert.equal(
        refusal(await patch(staffVisit.id, { version: 1, notes: 'x' }, w.cookies.secretary)).status,
        404,
      );
      assert.equal(
        refusal(await create(done(w.enterprises.pharma, '2026-06-01'), w.cookies.secretary)).status,
        404,
      );
      // Their own visit is counted for the enterprise's street, so the federation sees it too.
      const read = await t.request({ url: `/api/visits/${secretaryVisit.id}`, cookie: w.cookies.staff });
      assert.equal(read.statusCode, 200);
    });

    it('federation staff of another district neither see nor change this one’s visits', async () => {
      const response = await t.request({
        url: `/api/visits/${staffVisit.id}`,
        cookie: w.cookies.outsiderStaff,
      });
      assert.equal(response.statusCode, 404);
      assert.equal(
        refusal(await patch(staffVisit.id, { version: 1, notes: 'x' }, w.cookies.outsiderStaff)).status,
        404,
      );
    });

    it('offers as visitors the business accounts of the caller’s subtree', async () => {
      const response = await t.request({ url: '/api/visits/visitors', cookie: w.cookies.staff });
      assert.equal(response.statusCode, 200);
      const items = json<{ items: { id: string; displayName: string; roles: string[] }[] }>(response).items;
      assert.deepEqual(items.map((v) => v.displayName).sort(), ['w-leader', 'w-secretary', 'w-staff']);
      assert.deepEqual(items.find((v) => v.id === ids.staff)?.roles, ['federation_staff']);
      const contact = await t.request({ url: '/api/visits/visitors', cookie: w.cookies.contact });
      assert.deepEqual(json<{ items: unknown[] }>(contact).items, []);
      const secretary = await t.request({ url: '/api/visits/visitors', cookie: w.cookies.secretary });
      assert.deepEqual(
        json<{ items: { id: string }[] }>(secretary).items.map((v) => v.id),
        [ids.secretary],
      );
    });
  });

  describe('visit plans', () => {
    let plan: PlanJson;
    const post = (body: unknown, cookie = w.cookies.staff) =>
      t.request({ method: 'POST', url: '/api/visit-plans', cookie, body });
    const planBody = (assignments: { enterpriseId: string; assigneeId: string }[]) => ({
      name: '六月重点企业走访',
      kind: 'directed',
      startsOn: '2026-06-01',
      endsOn: '2026-06-30',
      notes: '每家至少一次',
      assignments,
    });

    it('creates a plan and shows progress per assignment and per assignee', async () => {
      const response = await post(
        planBody([
          { enterpriseId: w.enterprises.smart, assigneeId: ids.staff },
          { enterpriseId: w.enterprises.pharma, assigneeId: ids.leader },
          { enterpriseId: w.enterprises.logistics, assigneeId: ids.staff },
        ]),
      );
      assert.equal(response.statusCode, 201, response.body);
      plan = json<{ plan: PlanJson }>(response).plan;
      assert.equal(plan.orgUnitId, w.district, 'the caller’s unit by default');
      // smart and pharma were visited in June above; logistics was not.
      assert.deepEqual(plan.progress, { done: 2, total: 3 });
      const smart = plan.assignments.find((a) => a.enterpriseId === w.enterprises.smart)!;
      assert.equal(smart.visitedOn, '2026-06-10', 'the latest done visit in the period');
      assert.equal(plan.assignments.find((a) => a.enterpriseId === w.enterprises.logistics)?.visitId, null);
      assert.deepEqual(
        plan.byAssignee.map((a) => [a.assigneeId, a.done, a.total]).sort(),
        [
          [ids.leader, 1, 1],
          [ids.staff, 1, 2],
        ].sort(),
      );
      const listed = await t.request({
        url: '/api/visit-plans?activeOn=2026-06-15',
        cookie: w.cookies.leader,
      });
      const items = json<{ items: PlanJson[] }>(listed).items;
      assert.deepEqual(items.find((p) => p.id === plan.id)?.progress, { done: 2, total: 3 });
      const { rows } = await t.database.pool.query(
        "SELECT detail->>'assignments' AS n FROM audit_events WHERE action = 'visit_plan.created' AND object_id = $1",
        [plan.id],
      );
      assert.deepEqual(rows, [{ n: '3' }]);
    });

    it('counts a visit recorded later, and changes assignments with the version', async () => {
      await created(done(w.enterprises.logistics, '2026-06-14', { planId: plan.id }));
      const read = await t.request({ url: `/api/visit-plans/${plan.id}`, cookie: w.cookies.staff });
      assert.deepEqual(json<{ plan: PlanJson }>(read).plan.progress, { done: 3, total: 3 });
      const byPlan = await list(`?planId=${plan.id}`);
      assert.equal(byPlan.total, 1);

      const changed = await t.request({
        method: 'PATCH',
        url: `/api/visit-plans/${plan.id}`,
        cookie: w.cookies.staff,
        body: {
          version: 1,
          endsOn: '2026-07-15',
          assignments: [
            { enterpriseId: w.enterprises.smart, assigneeId: ids.staff },
            { enterpriseId: w.enterprises.building, assigneeId: ids.secretary },
          ],
        },
      });
      assert.equal(changed.statusCode, 200, changed.body);
      const next = json<{ plan: PlanJson }>(changed).plan;
      assert.deepEqual([next.version, next.endsOn, next.progress], [2, '2026-07-15', { done: 2, total: 2 }]);
      const stale = await t.request({
        method: 'PATCH',
        url: `/api/visit-plans/${plan.id}`,
        cookie: w.cookies.staff,
        body: { version: 1, name: '改名' },
      });
      assert.deepEqual([refusal(stale).status, refusal(stale).code], [409, 'VERSION_CONFLICT']);
      const early = await t.request({
        method: 'PATCH',
        url: `/api/visit-plans/${plan.id}`,
        cookie: w.cookies.staff,
        body: { version: 2, endsOn: '2026-05-01' },
      });
      assert.deepEqual([refusal(early).status, refusal(early).details[0]?.code], [400, 'DATE_RANGE']);
    });

    it('refuses bad plans: duplicates, enterprises and assignees out of scope, a department as the unit', async () => {
      const before = await snapshot();
      const bad = await post(
        planBody([
          { enterpriseId: w.enterprises.smart, assigneeId: ids.staff },
          { enterpriseId: w.enterprises.smart, assigneeId: ids.leader },
          { enterpriseId: w.enterprises.demo, assigneeId: ids.staff },
          { enterpriseId: w.enterprises.pharma, assigneeId: ids.liaison },
        ]),
      );
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(
        refusal(bad).details.map((d) => [d.path, d.code]),
        [
          ['assignments.1.enterpriseId', 'DUPLICATE'],
          ['assignments.2.enterpriseId', 'NOT_FOUND'],
          ['assignments.3.assigneeId', 'NOT_FOUND'],
        ],
      );
      const department = await post({ ...planBody([]), orgUnitId: w.department });
      assert.deepEqual(refusal(department).details[0]?.path, 'orgUnitId');
      const reversed = await post({ ...planBody([]), endsOn: '2026-05-01' });
      assert.deepEqual(refusal(reversed).details[0]?.code, 'DATE_RANGE');
      const kind = await post({ ...planBody([]), kind: 'tour' });
      assert.equal(refusal(kind).status, 400);
      assert.deepEqual(await snapshot(), before);
    });

    it('keeps plans to their unit’s subtree; a leader may not make one', async () => {
      assert.equal((await post(planBody([]), w.cookies.leader)).statusCode, 403);
      const outsider = await t.request({
        url: `/api/visit-plans/${plan.id}`,
        cookie: w.cookies.outsiderStaff,
      });
      assert.equal(outsider.statusCode, 404);
      const secretary = await t.request({ url: `/api/visit-plans/${plan.id}`, cookie: w.cookies.secretary });
      assert.equal(secretary.statusCode, 404);
      const own = await post(
        {
          ...planBody([{ enterpriseId: w.enterprises.catering, assigneeId: ids.secretary }]),
          name: '商会走访',
        },
        w.cookies.secretary,
      );
      assert.equal(own.statusCode, 201, own.body);
      assert.equal(json<{ plan: PlanJson }>(own).plan.orgUnitId, w.streetChamber);
    });
  });

  describe('coverage (走访覆盖率)', () => {
    // April 2026 holds only these visits: smart twice, pharma, the withdrawn logistics; building in March;
    // catering only planned.
    before(async () => {
      await created(done(w.enterprises.smart, '2026-04-02'));
      await created(done(w.enterprises.smart, '2026-04-20'));
      await created(done(w.enterprises.pharma, '2026-04-05'));
      await created(done(w.enterprises.logistics, '2026-04-03'));
      await created(done(w.enterprises.building, '2026-03-20'));
      const cancelled = await created(done(w.enterprises.catering, '2026-04-08'));
      await patch(cancelled.id, { version: 1, status: 'cancelled' });
      await created({ enterpriseId: w.enterprises.catering, kind: 'directed', plannedOn: '2026-04-30' });
    });
    const counts = (c: Counts) => [c.members, c.visited, c.share];

    it('by org unit: the district’s own members, then each street with its subtree', async () => {
      const result = await coverage('?from=2026-04-01&to=2026-04-30&groupBy=orgUnit');
      assert.deepEqual([result.from, result.to, result.groupBy], ['2026-04-01', '2026-04-30', 'orgUnit']);
      assert.deepEqual(
        result.rows.map((row) => [row.id, ...counts(row)]),
        [
          [w.district, 1, 0, 0],
          [w.changning, 2, 1, 0.5],
          [w.jingan, 1, 1, 1],
        ],
      );
      // Active, not merged: smart, catering, pharma, building (logistics withdrawn, mergedAway merged).
      assert.deepEqual(counts(result.total), [4, 2, 0.5]);
      const withMarch = await coverage('?from=2026-03-01&to=2026-04-30');
      assert.deepEqual(counts(withMarch.total), [4, 3, 0.75]);
    });

    it('by chamber: each chamber’s active members', async () => {
      const result = await coverage('?from=2026-04-01&to=2026-04-30&groupBy=chamber');
      const row = (id: string) => counts(result.rows.find((r) => r.id === id)!);
      assert.deepEqual(row(w.streetChamber), [2, 1, 0.5]);
      assert.deepEqual(row(w.industryChamber), [2, 2, 1]);
      assert.deepEqual(row(w.association), [0, 0, null]);
      assert.deepEqual(counts(result.total), [4, 2, 0.5]);
    });

    it('a chamber secretary counts their members; the default period is this year to today', async () => {
      const result = await coverage('?from=2026-04-01&to=2026-04-30', w.cookies.secretary);
      assert.deepEqual(
        result.rows.map((row) => [row.id, ...counts(row)]),
        [[w.streetChamber, 2, 1, 0.5]],
      );
      const byDefault = await coverage('');
      assert.deepEqual([byDefault.from, byDefault.to], ['2026-01-01', WORLD_TODAY]);
      const reversed = await t.request({
        url: '/api/visits/coverage?from=2026-05-01&to=2026-04-01',
        cookie: w.cookies.staff,
      });
      assert.equal(refusal(reversed).details[0]?.code, 'DATE_RANGE');
    });

    it('the demo district lists its three streets and has visits', async () => {
      const result = await coverage('?from=2020-01-01&to=2026-06-15', w.cookies.outsiderStaff);
      const names = result.rows.map((row) => row.name);
      for (const street of ['东湖街道工商联', '西山街道工商联', '南河街道工商联'])
        assert.ok(names.includes(street));
      assert.ok(result.total.members > 200);
      assert.equal(
        result.total.members,
        result.rows.reduce((sum, row) => sum + row.members, 0),
      );
      const demoVisits = await list('?status=done', w.cookies.outsiderStaff);
      assert.ok(demoVisits.total >= 12, 'the demo has visits by staff');
    });
  });
});
