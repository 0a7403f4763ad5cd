// 服务包 service packages through the API on the demo district: the demo's published package and its holders,
// writing (policies and services, in order), bad input named with a code and a Chinese message, the state
// machine, handing out by list and by registry filter as one write that never holds an enterprise twice, a
// visit that hands a package over, the figures and measures agreeing, the ledger, the enterprise's own
// packages, and who may not (each role).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { HandOutResult, HolderView, MyPackage, PackageStats, PackageView } from '@qinqing/shared';
import { createAccount, orgUnitId, setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';

describe('service packages', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let memberEnterprise: string;
  let chamberMember: string;
  let outsider: string;
  let chamber: string;
  let publishedPolicy: string;
  let draftPolicy: string;

  const call = (who: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    t.request({ method, url, body, cookie: cookies[who] });
  const errorOf = (response: { json(): unknown }) => (response.json() as ErrorJson).error;
  const pick = async (query: ReturnType<typeof sql>) => {
    const { rows } = await t.database.db.execute<{ id: string }>(query);
    assert.ok(rows[0], 'the demo has the row this test needs');
    return rows[0].id;
  };

  before(async () => {
    t = await setupTestApp();
    for (const name of ['staff', 'leader', 'secretary', 'member', 'liaison', 'hrhead', 'sysadmin', 'auditor'])
      cookies[name] = await t.sessionFor(await t.userId(name));
    memberEnterprise = await pick(sql`SELECT enterprise_id AS id FROM users WHERE username = 'member'`);
    chamber = await pick(sql`SELECT org_unit_id AS id FROM users WHERE username = 'secretary'`);
    chamberMember = await pick(sql`SELECT m.enterprise_id AS id FROM chamber_memberships m
      JOIN enterprises e ON e.id = m.enterprise_id
      WHERE m.chamber_id = ${chamber} AND e.merged_into_id IS NULL AND e.id <> ${memberEnterprise}
      ORDER BY m.enterprise_id LIMIT 1`);
    outsider = await pick(sql`SELECT e.id FROM enterprises e JOIN org_units u ON u.id = e.org_unit_id
      WHERE u.path LIKE (SELECT path FROM org_units WHERE name = '示例区工商联') || '%'
        AND e.merged_into_id IS NULL AND e.id <> ${memberEnterprise}
        AND e.id NOT IN (SELECT enterprise_id FROM chamber_memberships WHERE chamber_id = ${chamber})
        AND u.path NOT LIKE (SELECT path FROM org_units WHERE name = '西山街道工商联') || '%'
      ORDER BY e.id LIMIT 1`);
    publishedPolicy = await pick(sql`SELECT id FROM policies WHERE state = 'published' ORDER BY id LIMIT 1`);
    draftPolicy = await pick(sql`SELECT id FROM policies WHERE state = 'draft' ORDER BY id LIMIT 1`);
    await createAccount(t, {
      username: 'street-staff',
      orgUnitId: await orgUnitId(t, '西山街道工商联'),
      roles: ['federation_staff'],
    });
    cookies['street-staff'] = await t.sessionFor(await t.userId('street-staff'));
  });
  after(() => t.close());

  const created = async (extra: Record<string, unknown> = {}) => {
    const response = await call('staff', 'POST', '/api/service-packages', {
      name: '专精特新企业专属服务包',
      description: '一企一包，送政策上门',
      items: [{ policyId: publishedPolicy }, { service: '免费法律体检一次' }, { service: '融资对接' }],
      ...extra,
    });
    assert.equal(response.statusCode, 201, response.body);
    return (response.json() as { servicePackage: PackageView }).servicePackage;
  };
  const move = (who: string, pkg: { id: string; version: number }, action: string) =>
    call(who, 'POST', `/api/service-packages/${pkg.id}/transitions`, { action, version: pkg.version });
  const published = async (pkg: PackageView) => {
    const response = await move('staff', pkg, 'publish');
    assert.equal(response.statusCode, 200, response.body);
    return (response.json() as { servicePackage: PackageView }).servicePackage;
  };
  const current = async (id: string) =>
    ((await call('staff', 'GET', `/api/service-packages/${id}`)).json() as { servicePackage: PackageView })
      .servicePackage;
  const holders = async (who: string, id: string) => {
    const response = await call(who, 'GET', `/api/service-packages/${id}/holders?pageSize=200`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as { items: HolderView[]; total: number };
  };

  it('the demo shows a published package handed to five enterprises, the contact’s among them', async () => {
    const list = (await call('staff', 'GET', '/api/service-packages')).json() as {
      items: PackageView[];
      total: number;
    };
    const demo = list.items.find((item) => item.state === 'published');
    assert.ok(demo, 'a published demo package');
    assert.equal(demo.holderCount, 5);
    assert.ok(list.items.some((item) => item.state === 'draft'));
    const mine = (await call('member', 'GET', '/api/my/service-packages')).json() as { items: MyPackage[] };
    assert.deepEqual(
      mine.items.map((item) => item.name),
      [demo.name],
    );
    assert.ok(mine.items[0]!.items.some((item) => item.service?.includes('法律体检')));
    assert.ok(mine.items[0]!.items.some((item) => item.policy !== null));
  });

  it('writes a package of policies and services in order, audited', async () => {
    const pkg = await created();
    assert.equal(pkg.state, 'draft');
    assert.deepEqual(
      pkg.items.map((item) => [item.position, item.policy?.id ?? null, item.service]),
      [
        [1, publishedPolicy, null],
        [2, null, '免费法律体检一次'],
        [3, null, '融资对接'],
      ],
    );
    assert.ok(pkg.canEdit);
    assert.deepEqual(pkg.actions, ['publish']);
    assert.equal(pkg.canHandOut, false);
    const patched = await call('staff', 'PATCH', `/api/service-packages/${pkg.id}`, {
      version: pkg.version,
      name: '专精特新企业专属服务包（2026）',
      items: [{ service: '融资对接' }, { policyId: publishedPolicy }],
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const after = (patched.json() as { servicePackage: PackageView }).servicePackage;
    assert.equal(after.version, pkg.version + 1);
    assert.deepEqual(
      after.items.map((item) => item.service ?? item.policy?.id),
      ['融资对接', publishedPolicy],
    );
    const stale = await call('staff', 'PATCH', `/api/service-packages/${pkg.id}`, { version: pkg.version });
    assert.equal(stale.statusCode, 409);
    assert.equal(errorOf(stale).code, 'VERSION_CONFLICT');
    const { rows } = await t.database.db.execute<{ action: string }>(
      sql`SELECT action FROM audit_events WHERE object_id = ${pkg.id} ORDER BY seq`,
    );
    assert.deepEqual(
      rows.map((row) => row.action),
      ['service_package.created', 'service_package.updated'],
    );
  });

  it('refuses bad input with a code and a Chinese message', async () => {
    const empty = await call('staff', 'POST', '/api/service-packages', { name: '  ', items: [] });
    assert.equal(empty.statusCode, 400);
    assert.equal(errorOf(empty).code, 'VALIDATION_FAILED');
    assert.ok(errorOf(empty).details!.some((d) => d.path === 'name'));
    for (const policyId of [draftPolicy, '00000000-0000-4000-8000-000000000000']) {
      const response = await call('staff', 'POST', '/api/service-packages', {
        name: '含草稿政策',
        items: [{ service: '法律体检' }, { policyId }],
      });
      assert.equal(response.statusCode, 400, response.body);
      const detail = errorOf(response).details![0]!;
      assert.equal(detail.path, 'items.1.policyId');
      assert.equal(detail.code, 'POLICY_NOT_FOUND');
      assert.match(detail.message, /政策不存在/);
    }
    const twice = await call('staff', 'POST', '/api/service-packages', {
      name: '重复',
      items: [{ policyId: publishedPolicy }, { policyId: publishedPolicy }],
    });
    assert.equal(errorOf(twice).details![0]!.code, 'DUPLICATE_ITEM');
    const neither = await call('staff', 'POST', '/api/service-packages', { name: '空项', items: [{}] });
    assert.equal(neither.statusCode, 400);
    const otherOwner = await call('staff', 'POST', '/api/service-packages', {
      name: '别人的',
      items: [],
      orgUnitId: chamber,
    });
    assert.equal(otherOwner.statusCode, 400);
    assert.equal(errorOf(otherOwner).details![0]!.code, 'OWNER_NOT_FOUND');
    // Publishing an empty package; handing out a draft.
    const bare = await created({ items: [] });
    const publish = await move('staff', bare, 'publish');
    assert.equal(publish.statusCode, 400);
    assert.equal(errorOf(publish).details![0]!.code, 'EMPTY_PACKAGE');
    assert.match(errorOf(publish).details![0]!.message, /至少包含一项/);
    const draftHandOut = await call('staff', 'POST', `/api/service-packages/${bare.id}/holders`, {
      enterpriseIds: [outsider],
    });
    assert.equal(draftHandOut.statusCode, 409);
    assert.equal(errorOf(draftHandOut).code, 'INVALID_TRANSITION');
    const close = await move('staff', bare, 'close');
    assert.equal(close.statusCode, 409);
    assert.equal(errorOf(close).code, 'INVALID_TRANSITION');
    const stats = await call('staff', 'GET', '/api/service-packages/stats?groupBy=street');
    assert.equal(stats.statusCode, 400);
    assert.match(errorOf(stats).details![0]!.message, /groupBy/);
  });

  it('hands out by list and by filter as one write, each enterprise once; the figures agree', async () => {
    const pkg = await published(await created());
    assert.ok(pkg.canHandOut);
    const url = `/api/service-packages/${pkg.id}/holders`;
    const count = await call('staff', 'POST', `${url}/count`, { enterpriseIds: [outsider, chamberMember] });
    assert.deepEqual(count.json(), { added: 2, alreadyHeld: 0 });
    const first = await call('staff', 'POST', url, {
      enterpriseIds: [outsider, chamberMember],
      note: '专题活动现场发放',
    });
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(first.json(), { added: 2, alreadyHeld: 0 });
    const again = await call('staff', 'POST', url, { enterpriseIds: [outsider] });
    assert.deepEqual(again.json(), { added: 0, alreadyHeld: 1 });
    // Every member of the secretary's chamber, by the registry's own filter.
    const { rows: members } = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM chamber_memberships m JOIN enterprises e ON e.id = m.enterprise_id
           WHERE m.chamber_id = ${chamber} AND e.merged_into_id IS NULL`,
    );
    const byFilter = (await call('staff', 'POST', `${url}/count`, { filter: { chamberId: chamber } })).json();
    assert.deepEqual(byFilter, { added: members[0]!.n - 1, alreadyHeld: 1 });
    const handed = await call('staff', 'POST', url, { filter: { chamberId: chamber } });
    assert.deepEqual(handed.json(), byFilter);
    const list = await holders('staff', pkg.id);
    assert.equal(list.total, members[0]!.n + 1);
    const noted = list.items.find((h) => h.enterprise.id === outsider)!;
    assert.equal(noted.note, '专题活动现场发放');
    assert.equal(noted.handedBy?.name, '王晓燕');
    assert.equal(noted.handedOn, '2026-11-30');
    const { rows: audits } = await t.database.db.execute<{ detail: { added: number } }>(
      sql`SELECT detail FROM audit_events WHERE object_id = ${pkg.id} AND action = 'service_package.handed_out'
           ORDER BY seq`,
    );
    assert.deepEqual(
      audits.map((row) => row.detail.added),
      [2, 0, members[0]!.n - 1],
    );
    // Bad targets: both, neither, a future day, an enterprise out of reach.
    const both = await call('staff', 'POST', url, {
      enterpriseIds: [outsider],
      filter: { chamberId: chamber },
    });
    assert.equal(errorOf(both).details![0]!.code, 'ONE_TARGET');
    assert.equal(errorOf(await call('staff', 'POST', url, {})).details![0]!.code, 'NO_TARGET');
    const future = await call('staff', 'POST', url, { enterpriseIds: [outsider], handedOn: '2027-01-01' });
    assert.equal(errorOf(future).details![0]!.code, 'IN_FUTURE');
    const stray = await call('staff', 'POST', url, {
      enterpriseIds: [outsider, '00000000-0000-4000-8000-000000000000'],
    });
    assert.equal(stray.statusCode, 400);
    assert.equal(errorOf(stray).details![0]!.path, 'enterpriseIds.1');
    assert.match(errorOf(stray).details![0]!.message, /企业不存在/);

    // The figures: by package and by org unit, and the measures, count the same enterprises.
    const byPackage = (
      await call('staff', 'GET', '/api/service-packages/stats?groupBy=package&from=2026-11-01&to=2026-11-30')
    ).json() as PackageStats;
    const row = byPackage.groups.find((group) => group.key === pkg.id)!;
    assert.equal(row.enterprises, members[0]!.n + 1);
    const byUnit = (
      await call('staff', 'GET', '/api/service-packages/stats?groupBy=orgUnit&from=2026-11-01&to=2026-11-30')
    ).json() as PackageStats;
    assert.equal(
      byUnit.groups.reduce((sum, group) => sum + group.handedOut, 0),
      byUnit.handedOut,
    );
    const district = await orgUnitId(t, '示例区工商联');
    const measures = await call(
      'staff',
      'GET',
      `/api/measures/values?ids=packages.holders,packages.handedOut&orgUnitId=${district}&from=2026-11-01&to=2026-11-30`,
    );
    assert.equal(measures.statusCode, 200, measures.body);
    const values = Object.fromEntries(
      (measures.json() as { items: { id: string; value: number }[] }).items.map((item) => [
        item.id,
        item.value,
      ]),
    );
    assert.equal(values['packages.holders'], byPackage.enterprises);
    assert.equal(values['packages.handedOut'], byPackage.handedOut);

    // The ledger: an .xlsx (a zip) of the holders.
    const ledger = await call('staff', 'GET', `${url}.xlsx`);
    assert.equal(ledger.statusCode, 200);
    assert.equal(ledger.rawPayload.subarray(0, 2).toString(), 'PK');
    assert.match(String(ledger.headers['content-disposition']), /service-package-holders\.xlsx/);

    // Removing a holding made by mistake; closing ends handing out and editing.
    const removed = await call('staff', 'DELETE', `${url}/${outsider}`);
    assert.equal(removed.statusCode, 204);
    assert.equal((await call('staff', 'DELETE', `${url}/${outsider}`)).statusCode, 404);
    const closing = await move('staff', await current(pkg.id), 'close');
    assert.equal(closing.statusCode, 200, closing.body);
    const closed = (closing.json() as { servicePackage: PackageView }).servicePackage;
    assert.equal(closed.state, 'closed');
    const late = await call('staff', 'POST', url, { enterpriseIds: [outsider] });
    assert.equal(late.statusCode, 409);
    const edit = await call('staff', 'PATCH', `/api/service-packages/${pkg.id}`, {
      version: closed.version,
      name: '改名',
    });
    assert.equal(edit.statusCode, 409);
    assert.equal(errorOf(edit).code, 'INVALID_TRANSITION');
  });

  it('a done visit hands packages over; a planned one may not', async () => {
    const pkg = await published(await created({ name: '走访送达服务包' }));
    const visit = await call('staff', 'POST', '/api/visits', {
      enterpriseId: outsider,
      kind: 'care',
      visitedOn: '2026-11-28',
      servicePackageIds: [pkg.id],
    });
    assert.equal(visit.statusCode, 201, visit.body);
    const visitId = (visit.json() as { visit: { id: string } }).visit.id;
    const held = await holders('staff', pkg.id);
    assert.equal(held.total, 1);
    assert.equal(held.items[0]!.visitId, visitId);
    assert.equal(held.items[0]!.handedOn, '2026-11-28');
    const planned = await call('staff', 'POST', '/api/visits', {
      enterpriseId: outsider,
      kind: 'care',
      plannedOn: '2026-12-10',
      servicePackageIds: [pkg.id],
    });
    assert.equal(planned.statusCode, 400);
    assert.equal(errorOf(planned).details![0]!.code, 'VISIT_NOT_DONE');
    const draft = await created({ name: '未发布' });
    const early = await call('staff', 'POST', '/api/visits', {
      enterpriseId: outsider,
      kind: 'care',
      visitedOn: '2026-11-28',
      servicePackageIds: [draft.id],
    });
    assert.equal(early.statusCode, 400);
    assert.equal(errorOf(early).details![0]!.code, 'PACKAGE_NOT_AVAILABLE');
  });

  it('who may not: each role', async () => {
    const draft = await created({ name: '区级草稿' });
    const live = await published(await created({ name: '区级已发布' }));
    // Administrators, department liaisons and heads see none of it; an enterprise contact only its own.
    for (const who of ['sysadmin', 'auditor', 'liaison', 'hrhead', 'member']) {
      assert.equal((await call(who, 'GET', '/api/service-packages')).statusCode, 403, who);
      assert.equal((await call(who, 'GET', `/api/service-packages/${live.id}`)).statusCode, 403, who);
      assert.equal(
        (await call(who, 'POST', `/api/service-packages/${live.id}/holders`, { enterpriseIds: [outsider] }))
          .statusCode,
        403,
        who,
      );
    }
    for (const who of ['staff', 'leader', 'secretary', 'liaison', 'sysadmin'])
      assert.equal((await call(who, 'GET', '/api/my/service-packages')).statusCode, 403, who);
    // A leader reads, and does nothing else.
    assert.equal((await call('leader', 'GET', `/api/service-packages/${draft.id}`)).statusCode, 200);
    assert.equal(
      (await call('leader', 'POST', '/api/service-packages', { name: 'x', items: [] })).statusCode,
      403,
    );
    assert.equal((await move('leader', draft, 'publish')).statusCode, 403);
    assert.equal(
      (
        await call('leader', 'POST', `/api/service-packages/${live.id}/holders`, {
          enterpriseIds: [outsider],
        })
      ).statusCode,
      403,
    );
    // A secretary: another unit's draft is not there; the published one goes to their own members only.
    assert.equal((await call('secretary', 'GET', `/api/service-packages/${draft.id}`)).statusCode, 404);
    assert.equal((await move('secretary', draft, 'publish')).statusCode, 404);
    assert.equal((await call('secretary', 'GET', `/api/service-packages/${live.id}`)).statusCode, 200);
    assert.equal((await move('secretary', live, 'close')).statusCode, 403);
    assert.equal(
      (await call('secretary', 'PATCH', `/api/service-packages/${live.id}`, { version: live.version }))
        .statusCode,
      403,
    );
    const url = `/api/service-packages/${live.id}/holders`;
    const notMine = await call('secretary', 'POST', url, { enterpriseIds: [outsider] });
    assert.equal(notMine.statusCode, 400);
    assert.equal(errorOf(notMine).details![0]!.code, 'ENTERPRISE_NOT_FOUND');
    const everyone = (
      await call('secretary', 'POST', `${url}/count`, { filter: {} })
    ).json() as HandOutResult;
    const { rows: members } = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM chamber_memberships m JOIN enterprises e ON e.id = m.enterprise_id
           WHERE m.chamber_id = ${chamber} AND e.merged_into_id IS NULL`,
    );
    assert.equal(everyone.added, members[0]!.n, 'a filter reaches the secretary’s own members only');
    const mine = await call('secretary', 'POST', url, { enterpriseIds: [chamberMember] });
    assert.deepEqual(mine.json(), { added: 1, alreadyHeld: 0 });
    assert.equal((await call('secretary', 'DELETE', `${url}/${outsider}`)).statusCode, 404);
    // The staff side sees the secretary's hand-out; the secretary sees only their members' holdings.
    await call('staff', 'POST', url, { enterpriseIds: [outsider] });
    assert.equal((await holders('staff', live.id)).total, 2);
    assert.deepEqual(
      (await holders('secretary', live.id)).items.map((h) => h.enterprise.id),
      [chamberMember],
    );
    // Staff of a street: the district's draft is not there; its published package reaches only the street.
    assert.equal((await call('street-staff', 'GET', `/api/service-packages/${draft.id}`)).statusCode, 404);
    assert.equal((await call('street-staff', 'GET', `/api/service-packages/${live.id}`)).statusCode, 200);
    assert.equal((await move('street-staff', live, 'close')).statusCode, 403);
    const street = await call('street-staff', 'POST', url, { enterpriseIds: [outsider] });
    assert.equal(street.statusCode, 400);
    // An enterprise contact sees what their enterprise holds, never another's.
    const own = (await call('member', 'GET', '/api/my/service-packages')).json() as { items: MyPackage[] };
    assert.ok(!own.items.some((item) => item.id === live.id));
  });
});
