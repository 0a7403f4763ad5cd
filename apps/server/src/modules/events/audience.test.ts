// 参加对象 an event's audience through the API on the demo district, as the enterprise contact meets it:
// members matching registry conditions (size, industry — a code prefix or a section letter standing for its
// divisions —, tags) and an invited list are open to the
// enterprises they name and to no other (the list, the event, registration: 404 or NOT_IN_AUDIENCE), the
// invited contacts are notified, and bad audiences are refused by field with nothing written.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { ENTERPRISE_SIZES, type EventPage, type EventView } from '@qinqing/shared';
import { industryChildren } from '../../reference/industries.ts';
import { setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';

describe('event audiences', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let own: { id: string; size: string; industry: string };
  let other: string;

  const call = (who: string, method: 'GET' | 'POST', url: string, body?: unknown) =>
    t.request({ method, url, body, cookie: cookies[who] });
  const errorOf = (response: { json(): unknown }) => (response.json() as ErrorJson).error;

  before(async () => {
    t = await setupTestApp();
    for (const name of ['staff', 'member']) cookies[name] = await t.sessionFor(await t.userId(name));
    const { rows } = await t.database.db.execute<{ id: string; size: string; industry: string }>(
      sql`SELECT e.id, e.size, e.industry_code AS industry FROM enterprises e
          JOIN users u ON u.enterprise_id = e.id WHERE u.username = 'member'`,
    );
    own = rows[0]!;
    assert.ok(own.size && own.industry, 'the demo contact’s enterprise has a size and an industry');
    const { rows: others } = await t.database.db.execute<{ id: string }>(
      sql`SELECT e.id FROM enterprises e JOIN org_units u ON u.id = e.org_unit_id
          WHERE e.id <> ${own.id} AND e.merged_into_id IS NULL
            AND u.path LIKE (SELECT path FROM org_units WHERE name = '示例区工商联') || '%'
          ORDER BY e.id LIMIT 1`,
    );
    other = others[0]!.id;
  });
  after(() => t.close());

  const create = async (audience: unknown, title = `面向对象测试${randomUUID().slice(0, 6)}`) => {
    const response = await call('staff', 'POST', '/api/events', {
      title,
      kind: 'lecture',
      audience,
      sessions: [{ startsAt: '2026-12-20T09:00:00+08:00', endsAt: '2026-12-20T11:00:00+08:00' }],
    });
    return { response, title };
  };
  const created = async (audience: unknown) => {
    const { response } = await create(audience);
    assert.equal(response.statusCode, 201, response.body);
    return (response.json() as { event: EventView }).event;
  };
  /** What the contact meets: the event in its list, the event itself, and registering someone. */
  const asContact = async (eventId: string) => {
    const list = (await call('member', 'GET', '/api/events?pageSize=500')).json() as EventPage;
    const one = await call('member', 'GET', `/api/events/${eventId}`);
    const registration = await call('member', 'POST', `/api/events/${eventId}/registrations`, {
      personName: `对象测试${randomUUID().slice(0, 4)}`,
    });
    return {
      listed: list.items.some((e) => e.id === eventId),
      read: one.statusCode,
      registered: registration.statusCode,
    };
  };
  const invitedNotices = async (eventId: string) => {
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE u.username = 'member' AND n.kind = 'event.invited' AND n.object_id = ${eventId}`,
    );
    return rows[0]!.n;
  };

  it('members matching the conditions are the audience; an enterprise that does not match meets nothing', async () => {
    const fits = await created({
      kind: 'conditions',
      conditions: { sizes: [own.size], industryPrefix: own.industry.slice(0, 2) },
    });
    assert.deepEqual(await asContact(fits.id), { listed: true, read: 200, registered: 201 });
    assert.equal(await invitedNotices(fits.id), 1, 'the matching contact is invited');
    // A section letter stands for its divisions (the registry's codes are digits).
    const section = 'ABCDEFGHIJKLMNOPQRST'
      .split('')
      .find((letter) => industryChildren(letter)?.some((d) => own.industry.startsWith(d.code)))!;
    const bySection = await created({ kind: 'conditions', conditions: { industryPrefix: section } });
    assert.equal(bySection.audience.conditions.industryPrefix, section, 'shown as given');
    assert.deepEqual(await asContact(bySection.id), { listed: true, read: 200, registered: 201 });
    const otherSection = section === 'A' ? 'B' : 'A';
    const notBySection = await created({ kind: 'conditions', conditions: { industryPrefix: otherSection } });
    assert.equal((await asContact(notBySection.id)).read, 404);

    const otherSize = ENTERPRISE_SIZES.find((s) => s !== own.size)!;
    const misses = await created({ kind: 'conditions', conditions: { sizes: [otherSize] } });
    assert.deepEqual(await asContact(misses.id), { listed: false, read: 404, registered: 404 });
    assert.equal(await invitedNotices(misses.id), 0);
    const noTag = await created({ kind: 'conditions', conditions: { tags: ['不存在的标签'] } });
    assert.equal((await asContact(noTag.id)).read, 404);
  });

  it('an invited list is open to the enterprises on it only', async () => {
    const invited = await created({ kind: 'invited', enterpriseIds: [own.id, other] });
    assert.equal(invited.audience.invited, 2);
    assert.deepEqual(await asContact(invited.id), { listed: true, read: 200, registered: 201 });
    assert.equal(await invitedNotices(invited.id), 1);
    const notInvited = await created({ kind: 'invited', enterpriseIds: [other] });
    assert.deepEqual(await asContact(notInvited.id), { listed: false, read: 404, registered: 404 });
  });

  it('refuses an audience without its conditions, chamber or list, or naming what does not exist, writing nothing', async () => {
    const title = `无效对象${randomUUID().slice(0, 6)}`;
    const cases: [unknown, string, string][] = [
      [{ kind: 'conditions', conditions: {} }, 'audience.conditions', 'CONDITIONS_REQUIRED'],
      [{ kind: 'invited', enterpriseIds: [] }, 'audience.enterpriseIds', 'INVITEES_REQUIRED'],
      [{ kind: 'chamber' }, 'audience.chamberId', 'CHAMBER_REQUIRED'],
      [
        { kind: 'invited', enterpriseIds: [randomUUID()] },
        'audience.enterpriseIds.0',
        'ENTERPRISE_NOT_FOUND',
      ],
      [{ kind: 'chamber', chamberId: randomUUID() }, 'audience.chamberId', 'CHAMBER_NOT_FOUND'],
    ];
    for (const [audience, path, code] of cases) {
      const { response } = await create(audience, title);
      assert.equal(response.statusCode, 400, `${code}: ${response.body}`);
      assert.deepEqual(
        [errorOf(response).details?.[0]?.path, errorOf(response).details?.[0]?.code],
        [path, code],
      );
    }
    const unknown = await create({ kind: 'conditions', conditions: { industryPrefix: '00' } }, title);
    assert.equal(unknown.response.statusCode, 400);
    assert.equal(errorOf(unknown.response).details?.[0]?.code, 'INDUSTRY_UNKNOWN');
    const lowercase = await create({ kind: 'conditions', conditions: { industryPrefix: 'c27' } }, title);
    assert.equal(lowercase.response.statusCode, 400);
    assert.equal(errorOf(lowercase.response).details?.[0]?.path, 'audience.conditions.industryPrefix');
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM events WHERE title = ${title}`,
    );
    assert.equal(rows[0]!.n, 0);
  });
});
