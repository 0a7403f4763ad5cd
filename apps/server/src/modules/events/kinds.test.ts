// 活动类型 event kinds configured per federation (issue 16: "kind … — configurable"), on the demo district:
// staff with the settings permission add a kind, rename and reorder a built-in one, retire one; the built-in
// codes keep working; a retired kind stays on its events and cannot be chosen; a street federation inherits
// the district's kinds and may define its own; figures by kind use the federation's labels; bad input,
// stale versions and units out of reach are refused, and every role that may not is.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { EventKindList, EventKindView, EventStats, EventView } from '@qinqing/shared';
import { DEMO_OWN_KIND } from '../../demo/events-demo.ts';
import { setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';

describe('event kinds, configured per federation', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let district: string;
  let city: string;
  let street: string;
  let streetChamber: string;

  const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
    t.request({ method, url, body, cookie: cookies[who] });
  const errorOf = (response: { json(): unknown }) => (response.json() as ErrorJson).error;
  const unit = async (name: string) => {
    const { rows } = await t.database.db.execute<{ id: string }>(
      sql`SELECT id FROM org_units WHERE name = ${name}`,
    );
    return rows[0]!.id;
  };
  const kindsAt = async (who = 'staff', orgUnitId?: string) => {
    const response = await call(who, 'GET', `/api/event-kinds${orgUnitId ? `?orgUnitId=${orgUnitId}` : ''}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as EventKindList;
  };
  const kindOf = (list: EventKindList, code: string) => list.items.find((k) => k.code === code);
  const createEvent = (kind: string, organizerId = district) =>
    call('staff', 'POST', '/api/events', {
      title: `活动${randomUUID().slice(0, 4)}`,
      kind,
      organizerId,
      sessions: [{ startsAt: '2026-12-10T09:00:00+08:00', endsAt: '2026-12-10T11:00:00+08:00' }],
    });
  const putKind = (who: string, code: string, body: Record<string, unknown>) =>
    call(who, 'PUT', `/api/event-kinds/${code}`, body);

  before(async () => {
    t = await setupTestApp();
    for (const name of ['staff', 'leader', 'secretary', 'member', 'liaison', 'sysadmin', 'auditor'])
      cookies[name] = await t.sessionFor(await t.userId(name));
    district = await unit('示例区工商联');
    city = await unit('示例市工商联');
    street = await unit('东湖街道工商联');
    streetChamber = await unit('东湖街道商会');
  });
  after(() => t.close());

  it('lists the built-in kinds in order with the demo district’s own kind among them, editable for staff only', async () => {
    const list = await kindsAt();
    assert.equal(list.orgUnitId, district);
    assert.equal(list.editable, true);
    const own = list.items.find((k) => k.label === DEMO_OWN_KIND.label);
    assert.ok(own, 'the demo district’s own kind');
    assert.match(own.code, /^custom_\d+$/);
    assert.deepEqual(
      { sort: own.sort, active: own.active, own: own.own, builtIn: own.builtIn, by: own.definedBy?.id },
      { sort: 15, active: true, own: true, builtIn: false, by: district },
    );
    assert.deepEqual(
      list.items.map((k) => k.code),
      [
        'education',
        own.code,
        'training',
        'lecture',
        'site_visit',
        'symposium',
        'salon',
        'bank_meeting',
        'policy_briefing',
        'job_fair',
        'other',
      ],
    );
    assert.ok(
      list.items
        .filter((k) => k !== own)
        .every((k) => k.builtIn && k.active && !k.own && k.definedBy === null),
    );
    assert.equal(kindOf(list, 'education')?.label, '理想信念教育实践活动');
    const lectures = (await call('staff', 'GET', '/api/events?kind=' + own.code)).json() as {
      items: EventView[];
    };
    assert.ok(lectures.items.length >= 1, 'the demo holds lectures of its own kind');
    assert.ok(lectures.items.every((e) => e.kindLabel === DEMO_OWN_KIND.label));
    assert.equal((await kindsAt('leader')).editable, false, 'leaders read');
    assert.equal((await kindsAt('secretary')).editable, false, 'a chamber secretary reads');
  });

  it('staff add a kind of their own: a code of its own, offered for events of their subtree, audited', async () => {
    const response = await call('staff', 'POST', '/api/event-kinds', {
      label: '非公经济人士座谈会',
      sort: 55,
    });
    assert.equal(response.statusCode, 201, response.body);
    const kind = (response.json() as { kind: EventKindView }).kind;
    assert.match(kind.code, /^custom_\d+$/);
    assert.deepEqual(
      { label: kind.label, sort: kind.sort, active: kind.active, own: kind.own, builtIn: kind.builtIn },
      { label: '非公经济人士座谈会', sort: 55, active: true, own: true, builtIn: false },
    );
    const list = await kindsAt();
    const codes = list.items.map((k) => k.code);
    assert.equal(
      codes.indexOf(kind.code),
      codes.indexOf('symposium') + 1,
      'placed by its order (50 < 55 < 60)',
    );

    const event = await createEvent(kind.code);
    assert.equal(event.statusCode, 201, event.body);
    assert.equal((event.json() as { event: EventView }).event.kindLabel, '非公经济人士座谈会');
    // A chamber under the district (a street's) takes it too.
    assert.equal((await createEvent(kind.code, streetChamber)).statusCode, 201);

    const { rows } = await t.database.db.execute<{ action: string }>(
      sql`SELECT action FROM audit_events WHERE object_type = 'event_kind' AND object_id = ${kind.code}`,
    );
    assert.deepEqual(
      rows.map((r) => r.action),
      ['event_kind.created'],
    );
  });

  it('a built-in kind renamed and reordered keeps its code; events, lists and figures by kind show the new name', async () => {
    const before = kindOf(await kindsAt(), 'training')!;
    assert.equal(before.version, 0);
    const response = await putKind('staff', 'training', {
      label: '非公经济人士培训班',
      sort: 5,
      active: true,
      version: 0,
    });
    assert.equal(response.statusCode, 200, response.body);
    const kind = (response.json() as { kind: EventKindView }).kind;
    assert.deepEqual(
      { code: kind.code, label: kind.label, own: kind.own, builtIn: kind.builtIn, version: kind.version },
      { code: 'training', label: '非公经济人士培训班', own: true, builtIn: true, version: 1 },
    );
    assert.equal((await kindsAt()).items[0]!.code, 'training', 'first now');

    const stale = await putKind('staff', 'training', { label: '培训', sort: 5, active: true, version: 0 });
    assert.equal(stale.statusCode, 409, 'a stale version is refused');

    const created = await createEvent('training');
    assert.equal(created.statusCode, 201, created.body);
    const event = (created.json() as { event: EventView }).event;
    assert.equal(event.kind, 'training', 'the built-in code the API keeps');
    assert.equal(event.kindLabel, '非公经济人士培训班');
    const listed = await call('staff', 'GET', '/api/events?kind=training&from=2026-12-10&to=2026-12-10');
    assert.ok(
      (listed.json() as { items: EventView[] }).items.every((e) => e.kindLabel === '非公经济人士培训班'),
    );
    const stats = await call('staff', 'GET', '/api/events/stats?groupBy=kind&from=2026-12-01&to=2026-12-31');
    assert.equal(stats.statusCode, 200, stats.body);
    const training = (stats.json() as EventStats).items.find((i) => i.key === 'training');
    assert.equal(training?.label, '非公经济人士培训班', 'figures by kind in the federation’s words');

    // The city above keeps the built-in name: a district's definition holds in its subtree only.
    assert.equal(kindOf(await kindsAt('staff', city), 'training')?.label, '培训班');
  });

  it('a retired kind stays on its events and cannot be chosen; brought back, it can', async () => {
    const before = await createEvent('job_fair');
    assert.equal(before.statusCode, 201, before.body);
    const old = (before.json() as { event: EventView }).event;

    const retired = await putKind('staff', 'job_fair', {
      label: '招聘会',
      sort: 90,
      active: false,
      version: 0,
    });
    assert.equal(retired.statusCode, 200, retired.body);
    assert.equal(kindOf(await kindsAt(), 'job_fair')?.active, false, 'listed, marked retired');

    const refused = await createEvent('job_fair');
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(errorOf(refused).details?.[0]?.code, 'KIND_RETIRED');
    assert.equal(errorOf(refused).details?.[0]?.path, 'kind');

    const kept = await call('staff', 'GET', `/api/events/${old.id}`);
    assert.equal(kept.statusCode, 200);
    const event = (kept.json() as { event: EventView }).event;
    assert.deepEqual([event.kind, event.kindLabel], ['job_fair', '招聘会'], 'the old event keeps its kind');

    const back = await putKind('staff', 'job_fair', { label: '招聘会', sort: 90, active: true, version: 1 });
    assert.equal(back.statusCode, 200, back.body);
    assert.equal((await createEvent('job_fair')).statusCode, 201);
  });

  it('a street federation inherits the district’s kinds and may define its own over them', async () => {
    const inherited = kindOf(await kindsAt('staff', street), 'training')!;
    assert.equal(inherited.label, '非公经济人士培训班');
    assert.deepEqual([inherited.own, inherited.definedBy?.id, inherited.version], [false, district, 0]);

    const own = await putKind('staff', 'training', {
      orgUnitId: street,
      label: '街道企业家培训',
      sort: 5,
      active: true,
      version: 0,
    });
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(kindOf(await kindsAt('staff', street), 'training')?.label, '街道企业家培训');
    assert.equal(kindOf(await kindsAt(), 'training')?.label, '非公经济人士培训班', 'the district’s stays');
    const streetEvent = await createEvent('training', streetChamber);
    assert.equal((streetEvent.json() as { event: EventView }).event.kindLabel, '街道企业家培训');
  });

  it('bad input is refused with a code and a Chinese message, and nothing is defined', async () => {
    const cases: [string, string, Record<string, unknown>, number, string?][] = [
      ['POST', '/api/event-kinds', { label: '' }, 400],
      ['POST', '/api/event-kinds', { label: '很'.repeat(31) }, 400],
      ['POST', '/api/event-kinds', { label: '沙龙活动', sort: -1 }, 400],
      ['POST', '/api/event-kinds', { label: '沙龙活动', color: 'red' }, 400],
      ['POST', '/api/event-kinds', { label: '沙龙' }, 400, 'KIND_LABEL_TAKEN'],
      ['POST', '/api/event-kinds', { label: '商会座谈', orgUnitId: streetChamber }, 400, 'NOT_A_FEDERATION'],
      ['POST', '/api/event-kinds', { label: '市级活动', orgUnitId: city }, 404],
      ['POST', '/api/event-kinds', { label: '不存在', orgUnitId: randomUUID() }, 404],
      ['PUT', '/api/event-kinds/Bad-Code', { label: 'x', sort: 1, active: true, version: 0 }, 400],
      ['PUT', '/api/event-kinds/no_such_kind', { label: '无', sort: 1, active: true, version: 0 }, 404],
      ['PUT', '/api/event-kinds/salon', { label: '沙龙', sort: 1, active: 'yes', version: 0 }, 400],
      [
        'PUT',
        '/api/event-kinds/salon',
        { label: '座谈会', sort: 1, active: true, version: 0 },
        400,
        'KIND_LABEL_TAKEN',
      ],
    ];
    const count = async () =>
      (await t.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM event_kinds`)).rows[0]!
        .n;
    const kinds = await count();
    for (const [method, url, body, status, code] of cases) {
      const response = await call('staff', method as 'POST' | 'PUT', url, body);
      assert.equal(response.statusCode, status, `${method} ${url} ${JSON.stringify(body)}: ${response.body}`);
      if (status === 400) {
        const error = errorOf(response);
        assert.ok(error.code, 'a code');
        assert.match(error.message, /[\u4e00-\u9fff]/, 'a Chinese message');
        if (code) assert.equal(error.details?.[0]?.code, code);
      }
    }
    assert.equal(await count(), kinds);

    const unknown = await createEvent('no_such_kind');
    assert.equal(unknown.statusCode, 400, unknown.body);
    assert.equal(errorOf(unknown).details?.[0]?.code, 'KIND_UNKNOWN');
    const malformed = await createEvent('培训');
    assert.equal(malformed.statusCode, 400);
  });

  it('the last kind in use cannot be retired', async () => {
    // At the third street: retire all but one, then the last is refused.
    const third = await unit('南河街道工商联');
    const list = await kindsAt('staff', third);
    const active = list.items.filter((k) => k.active);
    for (const kind of active.slice(1)) {
      const response = await putKind('staff', kind.code, {
        orgUnitId: third,
        label: kind.label,
        sort: kind.sort,
        active: false,
        version: 0,
      });
      assert.equal(response.statusCode, 200, response.body);
    }
    const last = active[0]!;
    const refused = await putKind('staff', last.code, {
      orgUnitId: third,
      label: last.label,
      sort: last.sort,
      active: false,
      version: 0,
    });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal(errorOf(refused).details?.[0]?.code, 'LAST_ACTIVE_KIND');
  });

  it('refuses every role that may not: 403 to define; liaisons and administrators read none', async () => {
    for (const who of ['leader', 'secretary', 'member', 'liaison', 'sysadmin', 'auditor']) {
      const add = await call(who, 'POST', '/api/event-kinds', { label: `${who}的类型` });
      assert.equal(add.statusCode, 403, `${who} adds: ${add.body}`);
      const change = await putKind(who, 'salon', { label: '沙龙', sort: 60, active: false, version: 0 });
      assert.equal(change.statusCode, 403, `${who} changes: ${change.body}`);
    }
    for (const who of ['liaison', 'sysadmin', 'auditor']) {
      const read = await call(who, 'GET', '/api/event-kinds');
      assert.equal(read.statusCode, 403, `${who} reads`);
    }
    const member = await call('member', 'GET', '/api/event-kinds');
    assert.equal(member.statusCode, 200, 'an enterprise contact reads the kinds (of events open to it)');
    assert.equal(kindOf(await kindsAt(), 'salon')?.active, true, 'nothing changed');
  });
});
