// API tests of 快捷通道 channels and 诉求类别 categories: the demo's eight channels, creating and changing
// one (deadlines per category, head, webhook), the deadlines a forward then gets, bad input, who may not.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  createAccount,
  json,
  orgUnitId,
  setupTestApp,
  type ErrorJson,
  type TestApp,
} from '../../test/harness.ts';
import { insertOrgUnit } from '../org-units/service.ts';

interface ChannelJson {
  id: string;
  name: string;
  department: { id: string; name: string };
  liaisons: { displayName: string }[];
  head: { displayName: string } | null;
  deadlines: { category: string; respondDays: number; resolveDays: number }[];
  respondDays: number | null;
  resolveDays: number | null;
  version: number;
  fromAbove: boolean;
}

describe('channels (快捷通道) and appeal categories', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let newDepartment: string;

  const channels = async (cookie = cookies.staff!) => {
    const response = await t.request({ url: '/api/channels', cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<{ items: ChannelJson[] }>(response).items;
  };

  before(async () => {
    t = await setupTestApp();
    for (const name of ['staff', 'leader', 'liaison', 'member', 'secretary'])
      cookies[name] = await t.sessionFor(await t.userId(name));
    const { rows } = await t.database.pool.query<{ id: string; path: string; depth: number }>(
      "SELECT id, path, depth FROM org_units WHERE name = '示例区工商联'",
    );
    newDepartment = (
      await insertOrgUnit(t.database.db, rows[0]!, { kind: 'department', name: '住房城乡建设委' })
    ).id;
    await createAccount(t, {
      username: 'housing-liaison',
      orgUnitId: newDepartment,
      roles: ['department_liaison'],
    });
  });
  after(() => t.close());

  it('the demo has a channel to each of its eight departments, with liaisons and 人社局’s head', async () => {
    // Eight of its own, and the city court's opened to the district (issue 10 item 5).
    const items = (await channels()).filter((c) => !c.fromAbove);
    assert.equal(items.length, 8);
    const hr = items.find((c) => c.department.name === '人力资源社会保障局')!;
    // Issue 11: 赵刚 is the department's head (部门负责人), no longer one of its liaisons.
    assert.deepEqual(
      hr.liaisons.map((l) => l.displayName),
      ['刘敏'],
    );
    assert.equal(hr.head?.displayName, '赵刚');
    assert.equal((await channels(cookies.leader)).length, 9);
  });

  it('staff open a channel with per-category deadlines; a forward through it gets them', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/channels',
      cookie: cookies.staff,
      body: {
        departmentId: newDepartment,
        name: '住建直通车',
        respondDays: 1,
        resolveDays: 20,
        deadlines: [{ category: 'rent', respondDays: 1, resolveDays: 5 }],
        webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=demo',
      },
    });
    assert.equal(response.statusCode, 201, response.body);
    const channel = json<{ channel: ChannelJson }>(response).channel;
    assert.deepEqual(
      channel.liaisons.map((l) => l.displayName),
      ['housing-liaison'],
    );
    assert.deepEqual(channel.deadlines, [{ category: 'rent', respondDays: 1, resolveDays: 5 }]);
    const again = await t.request({
      method: 'POST',
      url: '/api/channels',
      cookie: cookies.staff,
      body: { departmentId: newDepartment, name: '重复通道' },
    });
    assert.equal(again.statusCode, 400);
    assert.equal(json<ErrorJson>(again).error.details?.[0]?.code, 'CHANNEL_EXISTS');

    const { rows } = await t.database.pool.query<{ enterprise_id: string }>(
      "SELECT enterprise_id FROM users WHERE username = 'member'",
    );
    const raised = await t.request({
      method: 'POST',
      url: '/api/appeals',
      cookie: cookies.staff,
      body: {
        enterpriseId: rows[0]!.enterprise_id,
        category: 'rent',
        title: '厂房租金',
        description: '申请减免',
        source: 'phone',
        urgency: 'normal',
      },
    });
    // Raised by staff, it starts accepted (受理) and goes straight to forwarding.
    const appeal = json<{ appeal: { id: string; version: number } }>(raised).appeal;
    const forwarded = await t.request({
      method: 'POST',
      url: `/api/appeals/${appeal.id}/transitions`,
      cookie: cookies.staff,
      body: {
        action: 'forward',
        version: appeal.version,
        departmentIds: [newDepartment],
      },
    });
    assert.equal(forwarded.statusCode, 200, forwarded.body);
    const [forward] = json<{ appeal: { forwards: { respondDueAt: string; resolveDueAt: string }[] } }>(
      forwarded,
    ).appeal.forwards;
    const now = t.ctx.clock.now();
    assert.equal(forward!.respondDueAt, t.ctx.calendar.addWorkingDays(now, 1).toISOString());
    assert.equal(forward!.resolveDueAt, t.ctx.calendar.addWorkingDays(now, 5).toISOString());
    const outbox = await t.database.pool.query(
      "SELECT count(*)::int AS n FROM notification_outbox WHERE transport = 'webhook'",
    );
    assert.ok(outbox.rows[0].n >= 1);
  });

  it('changes are versioned and checked', async () => {
    const hr = (await channels()).find((c) => c.department.name === '人力资源社会保障局')!;
    const patch = (body: Record<string, unknown>) =>
      t.request({ method: 'PATCH', url: `/api/channels/${hr.id}`, cookie: cookies.staff, body });
    const changed = await patch({
      version: hr.version,
      deadlines: [{ category: 'employment', respondDays: 1, resolveDays: 7 }],
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal((await patch({ version: hr.version, name: '旧版本' })).statusCode, 409);
    const current = json<{ channel: ChannelJson }>(changed).channel.version;
    for (const [body, path] of [
      [
        { version: current, deadlines: [{ category: 'nope', respondDays: 1, resolveDays: 2 }] },
        'deadlines.0.category',
      ],
      [
        { version: current, deadlines: [{ category: 'tax', respondDays: 5, resolveDays: 2 }] },
        'deadlines.0.respondDays',
      ],
      [{ version: current, resolveDays: 0 }, 'resolveDays'],
      [{ version: current, webhookUrl: 'ftp://example.com' }, 'webhookUrl'],
      [{ version: current, headUserId: randomUUID() }, 'headUserId'],
    ] as const) {
      const response = await patch(body);
      assert.equal(response.statusCode, 400, `${path}: ${response.body}`);
      assert.ok(
        json<ErrorJson>(response).error.details?.some((d) => d.path === path),
        response.body,
      );
    }
    const audit = await t.database.pool.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'channel.updated' AND object_id = $1",
      [hr.id],
    );
    assert.equal(audit.rows[0].n, 1);
  });

  it('only federation staff configure; others are refused', async () => {
    for (const who of ['leader', 'liaison', 'member', 'secretary']) {
      const response = await t.request({
        method: 'POST',
        url: '/api/channels',
        cookie: cookies[who],
        body: { departmentId: newDepartment, name: 'x' },
      });
      assert.equal(response.statusCode, 403, who);
    }
    const notDepartment = await t.request({
      method: 'POST',
      url: '/api/channels',
      cookie: cookies.staff,
      body: { departmentId: await orgUnitId(t, '东湖街道工商联'), name: '错误通道' },
    });
    assert.equal(notDepartment.statusCode, 400);
  });

  it('categories: listed in order, added and changed by staff with versions', async () => {
    const list = await t.request({ url: '/api/appeal-categories', cookie: cookies.member });
    const items = json<{ items: { code: string; version: number }[] }>(list).items;
    assert.deepEqual(
      items.slice(0, 3).map((c) => c.code),
      ['financing', 'social_insurance', 'employment'],
    );
    const put = (code: string, body: Record<string, unknown>, cookie = cookies.staff!) =>
      t.request({ method: 'PUT', url: `/api/appeal-categories/${code}`, cookie, body });
    const created = await put('energy', {
      code: 'energy',
      nameZh: '能源保障',
      nameEn: 'Energy',
      respondDays: 1,
      resolveDays: 5,
    });
    assert.equal(created.statusCode, 200, created.body);
    const changed = await put('energy', {
      code: 'energy',
      nameZh: '水电气保障',
      nameEn: 'Utilities',
      respondDays: 1,
      resolveDays: 3,
      version: 1,
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(
      (
        await put('energy', {
          code: 'energy',
          nameZh: 'x',
          nameEn: 'x',
          respondDays: 1,
          resolveDays: 3,
          version: 1,
        })
      ).statusCode,
      409,
    );
    assert.equal(
      (await put('energy', { code: 'other', nameZh: 'x', nameEn: 'x', respondDays: 1, resolveDays: 3 }))
        .statusCode,
      400,
    );
    assert.equal(
      (
        await put('energy', {
          code: 'energy',
          nameZh: 'x',
          nameEn: 'x',
          respondDays: 9,
          resolveDays: 3,
          version: 2,
        })
      ).statusCode,
      400,
    );
    assert.equal(
      (
        await put(
          'energy',
          { code: 'energy', nameZh: 'x', nameEn: 'x', respondDays: 1, resolveDays: 3 },
          cookies.leader,
        )
      ).statusCode,
      403,
    );
  });
});
