// API tests of channels across levels (issue 10 item 5): the city opens its departments' channels to its
// districts; a district forwards through one as through its own; the city department's liaison sees the
// district's appeal only while it is forwarded to them; a channel not opened (or a sibling district's
// department) is not the district's to forward to; the district counts the forward by department and the
// city's department counts it as its own.
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
import type { Role } from '@qinqing/shared';
import { insertAppeal } from '../../test/appeals.ts';
import { insertOrgUnit } from '../org-units/service.ts';

interface ChannelJson {
  id: string;
  department: { id: string; name: string };
  openToSubordinates: boolean;
  orgUnitName: string;
  fromAbove: boolean;
  version: number;
}

interface AppealJson {
  id: string;
  state: string;
  version: number;
  forwards: { departmentName: string; state: string; respondDueAt: string; resolveDueAt: string }[];
  events: { action: string }[];
}

describe('channels across levels (市级通道向下级开放)', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let city: { id: string; path: string; depth: number };
  let court: string;
  let finance: string;
  let siblingDepartment: string;
  let districtEnterprise: string;
  let siblingEnterprise: string;

  const request = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, body?: unknown) =>
    t.request({ method, url, cookie, ...(body === undefined ? {} : { body }) });
  const channels = async (cookie: string) => {
    const response = await request('GET', '/api/channels', cookie);
    assert.equal(response.statusCode, 200, response.body);
    return json<{ items: ChannelJson[] }>(response).items;
  };
  const getAppeal = (id: string, cookie: string) => request('GET', `/api/appeals/${id}`, cookie);
  const step = async (id: string, body: Record<string, unknown>, cookie: string) => {
    const { version } = json<{ appeal: AppealJson }>(await getAppeal(id, cookie)).appeal;
    const response = await request('POST', `/api/appeals/${id}/transitions`, cookie, { version, ...body });
    return response;
  };
  const inbox = async (cookie: string) => {
    const response = await request('GET', '/api/appeals/inbox?pageSize=100', cookie);
    assert.equal(response.statusCode, 200, response.body);
    return json<{ items: { appealId: string; fromUnitName: string | null; state: string }[] }>(response)
      .items;
  };
  const byDepartment = async (cookie: string) => {
    const response = await request('GET', '/api/appeals/stats?groupBy=department', cookie);
    assert.equal(response.statusCode, 200, response.body);
    return json<{ groups: { key: string; label: string; forwarded: number; resolved: number }[] }>(response)
      .groups;
  };

  before(async () => {
    t = await setupTestApp();
    const { rows } = await t.database.pool.query<{ id: string; path: string; depth: number }>(
      "SELECT id, path, depth FROM org_units WHERE name = '示例市工商联'",
    );
    city = rows[0]!;
    court = await orgUnitId(t, '示例市中级人民法院');
    finance = (await insertOrgUnit(t.database.db, city, { kind: 'department', name: '市地方金融管理局' })).id;
    const sibling = await insertOrgUnit(t.database.db, city, { kind: 'district', name: '邻区工商联' });
    siblingDepartment = (
      await insertOrgUnit(t.database.db, sibling, { kind: 'department', name: '邻区市场监管局' })
    ).id;
    const accounts: [string, string, Role][] = [
      ['cityStaff', city.id, 'federation_staff'],
      ['siblingStaff', sibling.id, 'federation_staff'],
      ['financeLiaison', finance, 'department_liaison'],
      ['courtHead', court, 'department_head'],
      ['siblingLiaison', siblingDepartment, 'department_liaison'],
    ];
    for (const [username, unit, role] of accounts) {
      cookies[username] = await t.sessionFor(
        await createAccount(t, { username: `x-${username}`, orgUnitId: unit, roles: [role] }),
      );
    }
    for (const name of ['staff', 'liaison', 'courtliaison'])
      cookies[name] = await t.sessionFor(await t.userId(name));
    const { rows: enterprises } = await t.database.pool.query<{ id: string }>(
      'SELECT id FROM enterprises WHERE merged_into_id IS NULL ORDER BY sort_key DESC, id LIMIT 1',
    );
    districtEnterprise = enterprises[0]!.id;
    const { rows: inserted } = await t.database.pool.query<{ id: string }>(
      "INSERT INTO enterprises (org_unit_id, name, uscc) VALUES ($1, '邻区示例贸易有限公司', '91110000MA00SIBL0X') RETURNING id",
      [sibling.id],
    );
    siblingEnterprise = inserted[0]!.id;
  });
  after(() => t.close());

  it('the city opens a channel to its districts; the district lists it as the city’s, others may not open', async () => {
    const created = await request('POST', '/api/channels', cookies.cityStaff!, {
      departmentId: finance,
      name: '金融办直通车',
      respondDays: 1,
      resolveDays: 10,
    });
    assert.equal(created.statusCode, 201, created.body);
    const channel = json<{ channel: ChannelJson }>(created).channel;
    assert.equal(channel.openToSubordinates, false);
    // Not opened: the district neither lists it nor may change it.
    assert.ok(!(await channels(cookies.staff!)).some((c) => c.id === channel.id));
    const hidden = await request('PATCH', `/api/channels/${channel.id}`, cookies.staff!, {
      version: channel.version,
      openToSubordinates: true,
    });
    assert.equal(hidden.statusCode, 404, hidden.body);

    const opened = await request('PATCH', `/api/channels/${channel.id}`, cookies.cityStaff!, {
      version: channel.version,
      openToSubordinates: true,
    });
    assert.equal(opened.statusCode, 200, opened.body);
    assert.equal(json<{ channel: ChannelJson }>(opened).channel.openToSubordinates, true);
    const { rows: audit } = await t.database.pool.query<{ detail: Record<string, unknown> }>(
      "SELECT detail FROM audit_events WHERE action = 'channel.updated' AND object_id = $1",
      [channel.id],
    );
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0]!.detail, {
      before: { openToSubordinates: false },
      after: { openToSubordinates: true },
    });

    const listed = (await channels(cookies.staff!)).find((c) => c.id === channel.id);
    assert.deepEqual(
      [listed?.fromAbove, listed?.orgUnitName, listed?.department.name],
      [true, '示例市工商联', '市地方金融管理局'],
    );
    // The demo's opened court channel is listed too; the district's own are not from above.
    const mine = await channels(cookies.staff!);
    assert.equal(mine.find((c) => c.department.id === court)?.fromAbove, true);
    assert.equal(mine.filter((c) => !c.fromAbove).length, 8);

    // Opened, it is still the city's: the district reads it but may not change it.
    const listedVersion = listed!.version;
    const notTheirs = await request('PATCH', `/api/channels/${channel.id}`, cookies.staff!, {
      version: listedVersion,
      openToSubordinates: false,
    });
    assert.equal(notTheirs.statusCode, 403, notTheirs.body);
    // Only a city or province opens a channel downwards: a district has nobody below to open to.
    const own = mine.find((c) => !c.fromAbove)!;
    const district = await request('PATCH', `/api/channels/${own.id}`, cookies.staff!, {
      version: own.version,
      openToSubordinates: true,
    });
    assert.equal(district.statusCode, 400, district.body);
    assert.equal(json<ErrorJson>(district).error.details?.[0]?.code, 'NOT_AN_UPPER_LEVEL');
    const bad = await request('PATCH', `/api/channels/${channel.id}`, cookies.cityStaff!, {
      version: listedVersion,
      openToSubordinates: 'yes',
    });
    assert.equal(bad.statusCode, 400, bad.body);
  });

  it('a district forwards to the city’s court; its liaison sees the appeal only while it is theirs', async () => {
    const appealId = await insertAppeal(t, { enterpriseId: districtEnterprise, category: 'legal' });
    // Before the forward the court's liaison sees nothing of it.
    assert.equal((await getAppeal(appealId, cookies.courtliaison!)).statusCode, 404);
    const forwarded = await step(appealId, { action: 'forward', departmentIds: [court] }, cookies.staff!);
    assert.equal(forwarded.statusCode, 200, forwarded.body);
    const appeal = json<{ appeal: AppealJson }>(forwarded).appeal;
    assert.equal(appeal.state, 'forwarded');
    // The court channel's deadlines (2 and 15 working days), as for an own channel.
    const [forward] = appeal.forwards;
    assert.equal(forward?.departmentName, '示例市中级人民法院');
    assert.equal(forward?.respondDueAt, t.ctx.calendar.addWorkingDays(t.ctx.clock.now(), 2).toISOString());
    const { rows: marks } = await t.database.pool.query<{ across_levels: boolean }>(
      'SELECT across_levels FROM appeal_forwards WHERE appeal_id = $1',
      [appealId],
    );
    assert.deepEqual(marks, [{ across_levels: true }]);
    const { rows: told } = await t.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE u.username = 'courtliaison' AND (n.object_id = $1 OR n.link LIKE '%' || $1 || '%')`,
      [appealId],
    );
    assert.equal(told[0]!.n, 1);

    // The liaison sees it, named as the district's, in the inbox and in full, and works it.
    const item = (await inbox(cookies.courtliaison!)).find((i) => i.appealId === appealId);
    assert.equal(item?.fromUnitName, '示例区工商联');
    assert.equal((await getAppeal(appealId, cookies.courtliaison!)).statusCode, 200);
    // The district's own liaisons see nothing of it.
    assert.equal((await getAppeal(appealId, cookies.liaison!)).statusCode, 404);
    const returned = await step(
      appealId,
      { action: 'return', reason: '不属本院受理范围' },
      cookies.courtliaison!,
    );
    assert.equal(returned.statusCode, 200, returned.body);
    // Returned, the appeal is the district's alone: 404 for the court, gone from its inbox.
    assert.equal((await getAppeal(appealId, cookies.courtliaison!)).statusCode, 404);
    assert.ok(!(await inbox(cookies.courtliaison!)).some((i) => i.appealId === appealId));
    const back = json<{ appeal: AppealJson }>(await getAppeal(appealId, cookies.staff!)).appeal;
    assert.equal(back.state, 'returned');
    assert.deepEqual(
      back.events.map((e) => e.action),
      ['forward', 'return'],
    );
  });

  it('a channel not opened, or a sibling district’s department, is not the district’s to forward to', async () => {
    const tax = (await insertOrgUnit(t.database.db, city, { kind: 'department', name: '市税务局' })).id;
    await createAccount(t, { username: 'x-tax', orgUnitId: tax, roles: ['department_liaison'] });
    const created = await request('POST', '/api/channels', cookies.cityStaff!, {
      departmentId: tax,
      name: '市税务直通车',
    });
    assert.equal(created.statusCode, 201, created.body);
    const mine = await insertAppeal(t, { enterpriseId: districtEnterprise });
    for (const departmentId of [tax, siblingDepartment]) {
      const response = await step(mine, { action: 'forward', departmentIds: [departmentId] }, cookies.staff!);
      assert.equal(response.statusCode, 404, response.body);
    }
    const theirs = await insertAppeal(t, { enterpriseId: siblingEnterprise });
    const response = await step(theirs, { action: 'forward', departmentIds: [tax] }, cookies.siblingStaff!);
    assert.equal(response.statusCode, 404, response.body);
    const { rows } = await t.database.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM appeal_forwards WHERE appeal_id = ANY ($1)',
      [[mine, theirs]],
    );
    assert.equal(rows[0]!.n, 0);
    // The sibling district forwards through the opened finance channel like the demo district does.
    const opened = await step(theirs, { action: 'forward', departmentIds: [finance] }, cookies.siblingStaff!);
    assert.equal(opened.statusCode, 200, opened.body);
    assert.equal((await getAppeal(theirs, cookies.financeLiaison!)).statusCode, 200);
    // …and the demo district's staff see nothing of the sibling's appeal.
    assert.equal((await getAppeal(theirs, cookies.staff!)).statusCode, 404);
  });

  it('the district counts the forward by department, the city court counts it as its own', async () => {
    const appealId = await insertAppeal(t, { enterpriseId: districtEnterprise, category: 'legal' });
    assert.equal(
      (await step(appealId, { action: 'forward', departmentIds: [court] }, cookies.staff!)).statusCode,
      200,
    );
    assert.equal((await step(appealId, { action: 'accept' }, cookies.courtliaison!)).statusCode, 200);
    const answered = await step(appealId, { action: 'resolve', note: '已调解结案' }, cookies.courtliaison!);
    assert.equal(answered.statusCode, 200, answered.body);

    // Forwards to the court from the demo district: the demo's answered one, the returned one and this one.
    const { rows } = await t.database.pool.query<{ forwards: number; resolved: number }>(
      `SELECT count(*)::int AS forwards, count(*) FILTER (WHERE state = 'resolved')::int AS resolved
         FROM appeal_forwards WHERE department_id = $1`,
      [court],
    );
    assert.deepEqual(rows[0], { forwards: 3, resolved: 2 });
    const district = (await byDepartment(cookies.staff!)).find((g) => g.key === court);
    assert.deepEqual(
      [district?.label, district?.forwarded, district?.resolved],
      ['示例市中级人民法院', 3, 2],
    );
    // The city's figures by department count the court's forwards from its districts too.
    const cityGroups = await byDepartment(cookies.cityStaff!);
    assert.deepEqual(
      [
        cityGroups.find((g) => g.key === court)?.forwarded,
        cityGroups.find((g) => g.key === finance)?.forwarded,
      ],
      [3, 1],
    );
    // The court's own figures (its head's 本部门办理情况) count the district's forwards as its work.
    const figures = await request('GET', '/api/department-figures', cookies.courtHead!);
    assert.equal(figures.statusCode, 200, figures.body);
    const own = json<{
      departments: { id: string; forwarded: number; resolved: number; returned: number }[];
    }>(figures).departments;
    assert.deepEqual(own, [{ ...own[0]!, id: court, forwarded: 3, resolved: 2, returned: 1 }]);
    // The district's appeal figures count the appeal where it was raised: the city's sibling has none of it.
    const sibling = await request('GET', '/api/appeals/stats', cookies.siblingStaff!);
    assert.equal(json<{ total: { received: number } }>(sibling).total.received, 1);
  });
});
