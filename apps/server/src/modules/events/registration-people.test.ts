// Registering the registry's people (events, issue 16): an enterprise contact picks one of their own
// enterprise's people — the registration keeps the person (and takes their post and mobile when none is
// typed) — and another enterprise's person is refused, whoever sends it and whatever enterprise is named;
// staff may pick a person only with the enterprise they hold a position in.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { EventView, RegistrationView } from '@qinqing/shared';
import { setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';

describe('registering the registry’s people', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let chamber: string;
  let memberEnterprise: string;
  let otherEnterprise: string;
  let ownPerson: string;
  let otherPerson: string;

  const call = (who: string, method: 'GET' | 'POST', url: string, body?: unknown) =>
    t.request({ method, url, body, cookie: cookies[who] });
  const errorOf = (response: { json(): unknown }) => (response.json() as ErrorJson).error;
  const one = async (query: ReturnType<typeof sql>) => {
    const { rows } = await t.database.db.execute<{ id: string }>(query);
    return rows[0]!.id;
  };
  const personAt = async (enterpriseId: string, name: string, position: string, mobile: string) => {
    const id = await one(
      sql`INSERT INTO people (org_unit_id, name, mobile)
          SELECT org_unit_id, ${name}, ${mobile} FROM enterprises WHERE id = ${enterpriseId} RETURNING id`,
    );
    await t.database.db.execute(
      sql`INSERT INTO person_positions (person_id, enterprise_id, position) VALUES (${id}, ${enterpriseId}, ${position})`,
    );
    return id;
  };

  before(async () => {
    t = await setupTestApp();
    for (const name of ['staff', 'secretary', 'member'])
      cookies[name] = await t.sessionFor(await t.userId(name));
    chamber = await one(sql`SELECT org_unit_id AS id FROM users WHERE username = 'secretary'`);
    memberEnterprise = await one(sql`SELECT enterprise_id AS id FROM users WHERE username = 'member'`);
    otherEnterprise = await one(
      sql`SELECT m.enterprise_id AS id FROM chamber_memberships m WHERE m.chamber_id = ${chamber}
          AND m.enterprise_id <> ${memberEnterprise} ORDER BY m.enterprise_id LIMIT 1`,
    );
    await t.database.db.execute(
      sql`INSERT INTO chamber_memberships (chamber_id, enterprise_id) VALUES (${chamber}, ${memberEnterprise}) ON CONFLICT DO NOTHING`,
    );
    ownPerson = await personAt(memberEnterprise, '赵登记', '财务总监', '13911112222');
    otherPerson = await personAt(otherEnterprise, '钱别家', '董事长', '13933334444');
  });
  after(() => t.close());

  const openEvent = async () => {
    const response = await call('staff', 'POST', '/api/events', {
      title: `政策宣讲${randomUUID().slice(0, 4)}`,
      kind: 'lecture',
      organizerId: chamber,
      audience: { kind: 'chamber', chamberId: chamber },
      sessions: [{ startsAt: '2026-12-20T09:00:00+08:00', endsAt: '2026-12-20T11:00:00+08:00' }],
    });
    assert.equal(response.statusCode, 201, response.body);
    return (response.json() as { event: EventView }).event;
  };

  it('the contact’s people list holds their own people only, and registering one keeps the person, post and mobile', async () => {
    const list = await call('member', 'GET', '/api/people?pageSize=200');
    assert.equal(list.statusCode, 200, list.body);
    const ids = (list.json() as { items: { id: string }[] }).items.map((p) => p.id);
    assert.ok(ids.includes(ownPerson), 'their own person is offered');
    assert.ok(!ids.includes(otherPerson), 'another enterprise’s person is not');

    const event = await openEvent();
    const response = await call('member', 'POST', `/api/events/${event.id}/registrations`, {
      personName: '赵登记',
      personId: ownPerson,
    });
    assert.equal(response.statusCode, 201, response.body);
    const registration = (response.json() as { registration: RegistrationView }).registration;
    assert.equal(registration.personId, ownPerson);
    assert.equal(registration.post, '财务总监', 'the registry’s post when none is typed');
    assert.equal(registration.mobile, '13911112222');
    assert.equal(registration.enterprise?.id, memberEnterprise);

    const again = await call('member', 'POST', `/api/events/${event.id}/registrations`, {
      personName: '赵登记',
      personId: ownPerson,
      post: '副总',
    });
    assert.equal(again.statusCode, 409, 'the same registry person registers once');
  });

  it('another enterprise’s person is refused (400 PERSON_NOT_FOUND) and nothing is recorded', async () => {
    const event = await openEvent();
    for (const body of [
      { personName: '钱别家', personId: otherPerson },
      // The contact naming the other enterprise changes nothing: their registrations are their own.
      { personName: '钱别家', personId: otherPerson, enterpriseId: otherEnterprise },
      { personName: '不存在', personId: randomUUID() },
    ]) {
      const response = await call('member', 'POST', `/api/events/${event.id}/registrations`, body);
      assert.equal(response.statusCode, 400, response.body);
      const error = errorOf(response);
      assert.equal(error.details?.[0]?.code, 'PERSON_NOT_FOUND');
      assert.match(error.message + JSON.stringify(error.details), /人士不存在/);
    }
    const bad = await call('member', 'POST', `/api/events/${event.id}/registrations`, {
      personName: '钱别家',
      personId: 'not-a-uuid',
    });
    assert.equal(bad.statusCode, 400);
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM event_registrations WHERE event_id = ${event.id}`,
    );
    assert.equal(rows[0]!.n, 0);
  });

  it('staff pick a person only with the enterprise they hold a position in', async () => {
    const event = await openEvent();
    const wrong = await call('staff', 'POST', `/api/events/${event.id}/registrations`, {
      personName: '钱别家',
      personId: otherPerson,
      enterpriseId: memberEnterprise,
    });
    assert.equal(wrong.statusCode, 400, wrong.body);
    assert.equal(errorOf(wrong).details?.[0]?.code, 'PERSON_NOT_FOUND');
    const right = await call('staff', 'POST', `/api/events/${event.id}/registrations`, {
      personName: '钱别家',
      personId: otherPerson,
      enterpriseId: otherEnterprise,
    });
    assert.equal(right.statusCode, 201, right.body);
    assert.equal((right.json() as { registration: RegistrationView }).registration.post, '董事长');
  });
});
