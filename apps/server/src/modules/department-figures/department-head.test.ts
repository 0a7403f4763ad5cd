// API tests of the department head (部门负责人, issue 11): reads what reaches the department and its figures,
// is told of escalations, may not do the liaison's work; and of forwards to departments no account would
// receive — against a real PostgreSQL, on the demo (人社局 has a liaison and a head, the other seven
// departments neither).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createAccount,
  json,
  orgUnitId,
  setupTestApp,
  type ErrorJson,
  type TestApp,
} from '../../test/harness.ts';
import { runDeadlineChecks } from '../appeals/deadlines.ts';

interface AppealJson {
  id: string;
  version: number;
  state: string;
  allowedActions: string[];
}

describe('the department head and forwards nobody receives', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let hr: string;
  let tax: string;
  let enterpriseId: string;

  const move = (id: string, body: Record<string, unknown>, cookie = cookies.staff!) =>
    t.request({ method: 'POST', url: `/api/appeals/${id}/transitions`, cookie, body });
  const raisedValid = async () => {
    const raised = await t.request({
      method: 'POST',
      url: '/api/appeals',
      cookie: cookies.staff,
      body: {
        enterpriseId,
        category: 'employment',
        title: '社保补贴迟迟未到账',
        description: '企业申领的社保补贴三个月未到账。',
        source: 'phone',
        urgency: 'normal',
      },
    });
    assert.equal(raised.statusCode, 201, raised.body);
    // Raised by staff, it starts accepted (受理).
    const appeal = json<{ appeal: AppealJson }>(raised).appeal;
    assert.equal(appeal.state, 'valid');
    return appeal;
  };

  before(async () => {
    t = await setupTestApp();
    for (const name of ['staff', 'liaison', 'hrhead'])
      cookies[name] = await t.sessionFor(await t.userId(name));
    hr = await orgUnitId(t, '人力资源社会保障局');
    tax = await orgUnitId(t, '税务局');
    const { rows } = await t.database.pool.query<{ enterprise_id: string }>(
      "SELECT enterprise_id FROM users WHERE username = 'member'",
    );
    enterpriseId = rows[0]!.enterprise_id;
  });
  after(() => t.close());

  it('the demo’s head account holds the department head role, not the liaison’s', async () => {
    const { rows } = await t.database.pool.query("SELECT roles FROM users WHERE username = 'hrhead'");
    assert.deepEqual(rows[0]?.roles, ['department_head']);
  });

  it('reads the appeals forwarded to the department, but may not accept, answer or return them', async () => {
    const appeal = await raisedValid();
    const forwarded = await move(appeal.id, {
      action: 'forward',
      version: appeal.version,
      departmentIds: [hr],
    });
    assert.equal(forwarded.statusCode, 200, forwarded.body);
    const version = json<{ appeal: AppealJson }>(forwarded).appeal.version;

    const seen = await t.request({ url: `/api/appeals/${appeal.id}`, cookie: cookies.hrhead });
    assert.equal(seen.statusCode, 200, seen.body);
    assert.deepEqual(json<{ appeal: AppealJson }>(seen).appeal.allowedActions, []);
    const list = await t.request({ url: '/api/appeals?pageSize=200', cookie: cookies.hrhead });
    assert.ok(json<{ items: { id: string }[] }>(list).items.some((item) => item.id === appeal.id));

    const accept = await move(appeal.id, { action: 'accept', version }, cookies.hrhead);
    assert.equal(accept.statusCode, 403);
    assert.equal(json<ErrorJson>(accept).error.code, 'FORBIDDEN');
    assert.equal((await t.request({ url: '/api/appeals/inbox', cookie: cookies.hrhead })).statusCode, 403);
    // The liaison still works it.
    assert.equal((await move(appeal.id, { action: 'accept', version }, cookies.liaison)).statusCode, 200);
  });

  it('sees no appeal of another department', async () => {
    const { rows } = await t.database.pool.query<{ id: string }>(
      `SELECT a.id FROM appeals a WHERE NOT EXISTS
         (SELECT 1 FROM appeal_forwards f WHERE f.appeal_id = a.id AND f.department_id = $1) LIMIT 1`,
      [hr],
    );
    const response = await t.request({ url: `/api/appeals/${rows[0]!.id}`, cookie: cookies.hrhead });
    assert.equal(response.statusCode, 404);
  });

  it('reads the department’s figures; the liaison and staff do not', async () => {
    const response = await t.request({ url: '/api/department-figures', cookie: cookies.hrhead });
    assert.equal(response.statusCode, 200, response.body);
    const { departments } = json<{
      departments: { id: string; name: string; forwarded: number; open: number }[];
    }>(response);
    assert.deepEqual(
      departments.map((d) => d.name),
      ['人力资源社会保障局'],
    );
    const { rows } = await t.database.pool.query<{ n: number; open: number }>(
      `SELECT count(*)::int AS n, (count(*) FILTER (WHERE state IN ('pending', 'accepted')))::int AS open
         FROM appeal_forwards WHERE department_id = $1`,
      [hr],
    );
    assert.equal(departments[0]!.forwarded, rows[0]!.n);
    assert.equal(departments[0]!.open, rows[0]!.open);
    assert.ok(rows[0]!.n > 0);
    for (const who of ['liaison', 'staff']) {
      assert.equal(
        (await t.request({ url: '/api/department-figures', cookie: cookies[who] })).statusCode,
        403,
      );
    }
  });

  it('counts overdue as overdue.ts decides it at the moment asked: the same as the liaison’s 已超期, no scheduler run', async () => {
    type Figures = { departments: { responseOverdue: number; resolveOverdue: number; overdue: number }[] };
    const figures = async (cookie: string) => {
      const response = await t.request({ url: '/api/department-figures', cookie });
      assert.equal(response.statusCode, 200, response.body);
      return json<Figures>(response).departments[0]!;
    };
    const inboxOverdue = async (cookie: string) => {
      const response = await t.request({ url: '/api/appeals/inbox?overdue=true&pageSize=200', cookie });
      assert.equal(response.statusCode, 200, response.body);
      return json<{ total: number }>(response).total;
    };
    const appeal = await raisedValid();
    const forwarded = await move(appeal.id, {
      action: 'forward',
      version: appeal.version,
      departmentIds: [hr],
    });
    assert.equal(forwarded.statusCode, 200, forwarded.body);
    const { rows } = await t.database.pool.query<{ respond_due_at: Date }>(
      'SELECT respond_due_at FROM appeal_forwards WHERE appeal_id = $1',
      [appeal.id],
    );
    const before = await figures(cookies.hrhead!);
    assert.equal(before.overdue, await inboxOverdue(cookies.liaison!));
    t.ctx.clock.set(new Date(rows[0]!.respond_due_at.getTime() + 2 * 3_600_000));
    try {
      // Sessions follow the clock: new ones at the moved time.
      const head = await t.sessionFor(await t.userId('hrhead'));
      const liaison = await t.sessionFor(await t.userId('liaison'));
      const past = await figures(head);
      // This forward (and any other of the department's whose deadline the move passed) is now overdue.
      assert.ok(past.responseOverdue > before.responseOverdue);
      assert.ok(past.overdue > before.overdue);
      assert.equal(past.overdue, await inboxOverdue(liaison), 'the figures and the inbox’s 已超期 agree');
      const { rows: marks } = await t.database.pool.query<{ response_overdue: boolean }>(
        'SELECT response_overdue FROM appeal_forwards WHERE appeal_id = $1',
        [appeal.id],
      );
      assert.equal(marks[0]!.response_overdue, false, 'no scheduler mark was needed');
    } finally {
      t.ctx.clock.reset();
    }
  });

  it('a head of a department with no channel head account is escalated to anyway', async () => {
    const head = await createAccount(t, { username: 'tax-head', orgUnitId: tax, roles: ['department_head'] });
    await createAccount(t, { username: 'tax-liaison', orgUnitId: tax, roles: ['department_liaison'] });
    const appeal = await raisedValid();
    const forwarded = await move(appeal.id, {
      action: 'forward',
      version: appeal.version,
      departmentIds: [tax],
    });
    assert.equal(forwarded.statusCode, 200, forwarded.body);
    const { rows } = await t.database.pool.query<{ resolve_due_at: Date }>(
      'SELECT resolve_due_at FROM appeal_forwards WHERE appeal_id = $1',
      [appeal.id],
    );
    await runDeadlineChecks(t.ctx, new Date(rows[0]!.resolve_due_at.getTime() + 3_600_000));
    const notices = await t.request({
      url: '/api/notifications?pageSize=100',
      cookie: await t.sessionFor(head),
    });
    const kinds = json<{ items: { kind: string; link: string | null }[] }>(notices)
      .items.filter((n) => n.link === `/appeals/${appeal.id}`)
      .map((n) => n.kind);
    assert.deepEqual(kinds, ['appeal.escalated']);
  });

  it('a forward to a department without a liaison account is refused with DEPARTMENT_HAS_NO_LIAISON, nothing written', async () => {
    const finance = await orgUnitId(t, '财政局');
    const appeal = await raisedValid();
    const before = await t.database.pool.query('SELECT count(*)::int AS n FROM appeal_forwards');
    const refused = await move(appeal.id, {
      action: 'forward',
      version: appeal.version,
      departmentIds: [hr, finance],
    });
    assert.equal(refused.statusCode, 409, refused.body);
    const error = json<ErrorJson>(refused).error;
    assert.equal(error.code, 'DEPARTMENT_HAS_NO_LIAISON');
    assert.match(error.message, /联络员/);
    assert.deepEqual(
      error.details?.map((d) => [d.path, d.code]),
      [['departmentIds.1', 'DEPARTMENT_HAS_NO_LIAISON']],
    );
    assert.match(error.details?.[0]?.message ?? '', /财政局/);
    assert.deepEqual(
      (await t.database.pool.query('SELECT count(*)::int AS n FROM appeal_forwards')).rows,
      before.rows,
    );
    const after = await t.request({ url: `/api/appeals/${appeal.id}`, cookie: cookies.staff });
    assert.equal(json<{ appeal: AppealJson }>(after).appeal.state, 'valid');
  });

  it('a channel with a webhook delivers without a liaison account: the forward goes through', async () => {
    const commerce = await orgUnitId(t, '商务委');
    await t.database.pool.query(
      "UPDATE channels SET webhook_url = 'http://127.0.0.1:9/robot' WHERE department_id = $1",
      [commerce],
    );
    const appeal = await raisedValid();
    const forwarded = await move(appeal.id, {
      action: 'forward',
      version: appeal.version,
      departmentIds: [commerce],
    });
    assert.equal(forwarded.statusCode, 200, forwarded.body);
  });
});
