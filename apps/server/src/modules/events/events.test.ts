// 教育培训 events through the API on the demo district: a training class with two sessions open to a chamber,
// registrations past capacity waiting (and promoted), check-in by the session's signed token (forged,
// expired or another session's: 401 and nothing recorded), retries by nonce and 200 concurrent check-ins of
// one person from four devices finding one attendance, walk-ins, the figures in 人次/persons/enterprises,
// a chamber's monthly duty, honours, who may do what (each role that may not), and the attendance sheet and
// the completion certificate opened in LibreOffice.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type {
  ActivityDuty,
  CheckInToken,
  CheckInView,
  EventStats,
  EventView,
  HonourList,
  RegistrationView,
} from '@qinqing/shared';
import { ORIGIN, setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';
import { multipart, workbookOf } from '../../test/workbooks.ts';
import { remindUpcomingSessions } from './notices.ts';
import { libreOfficeSkip, officeToPdf } from '../../test/libreoffice.ts';

describe('events', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let chamber: string;
  let otherChamber: string;
  let memberEnterprise: string;
  let chamberMember: string;

  const call = (who: string | null, method: 'GET' | 'POST', url: string, body?: unknown) =>
    t.request({ method, url, body, cookie: who ? cookies[who] : undefined });
  const errorOf = (response: { json(): unknown }) => (response.json() as ErrorJson).error;
  const nonce = () => randomUUID().replaceAll('-', '');

  before(async () => {
    t = await setupTestApp();
    for (const name of ['staff', 'leader', 'secretary', 'member', 'liaison', 'sysadmin', 'auditor'])
      cookies[name] = await t.sessionFor(await t.userId(name));
    const pick = async (query: ReturnType<typeof sql>) => {
      const { rows } = await t.database.db.execute<{ id: string }>(query);
      return rows[0]!.id;
    };
    chamber = await pick(sql`SELECT org_unit_id AS id FROM users WHERE username = 'secretary'`);
    otherChamber = await pick(sql`SELECT id FROM org_units WHERE name = '西山街道商会'`);
    memberEnterprise = await pick(sql`SELECT enterprise_id AS id FROM users WHERE username = 'member'`);
    chamberMember = await pick(
      // Another member than the demo contact's own (ids are random: the first by id may be it).
      sql`SELECT m.enterprise_id AS id FROM chamber_memberships m WHERE m.chamber_id = ${chamber}
        AND NOT EXISTS (SELECT 1 FROM users u WHERE u.enterprise_id = m.enterprise_id)
        ORDER BY m.enterprise_id LIMIT 1`,
    );
    // The contact's enterprise is a member of the secretary's chamber in the demo; make sure of it.
    await t.database.db.execute(
      sql`INSERT INTO chamber_memberships (chamber_id, enterprise_id) VALUES (${chamber}, ${memberEnterprise}) ON CONFLICT DO NOTHING`,
    );
  });
  after(() => t.close());

  const training = async (body: Record<string, unknown> = {}, who = 'staff') => {
    const response = await call(who, 'POST', '/api/events', {
      title: `企业家培训班${randomUUID().slice(0, 4)}`,
      kind: 'training',
      organizerId: chamber,
      audience: { kind: 'chamber', chamberId: chamber },
      sessions: [
        { startsAt: '2026-11-30T09:00:00+08:00', endsAt: '2026-11-30T11:30:00+08:00', place: '商会会议室' },
        { startsAt: '2026-11-30T14:00:00+08:00', endsAt: '2026-11-30T17:00:00+08:00', place: '商会会议室' },
      ],
      ...body,
    });
    assert.equal(response.statusCode, 201, response.body);
    return (response.json() as { event: EventView }).event;
  };
  const registered = async (who: string, eventId: string, body: Record<string, unknown>) => {
    const response = await call(who, 'POST', `/api/events/${eventId}/registrations`, body);
    assert.equal(response.statusCode, 201, response.body);
    return (response.json() as { registration: RegistrationView }).registration;
  };
  const tokenOf = async (sessionId: string, who = 'staff') => {
    const response = await call(who, 'GET', `/api/event-sessions/${sessionId}/check-in-token`);
    assert.equal(response.statusCode, 200, response.body);
    return (response.json() as CheckInToken).token;
  };
  const attendances = async (eventId: string) => {
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM event_attendances WHERE event_id = ${eventId}`,
    );
    return rows[0]!.n;
  };

  it('staff create a two-session training class for a chamber; the contact registers two people; QR, staff tick and the second session give 3 人次, 2 persons, 1 enterprise', async () => {
    const event = await training();
    assert.equal(event.sessions.length, 2);
    assert.deepEqual(event.figures, { personTimes: 0, persons: 0, enterprises: 0 });
    assert.deepEqual(event.actions, ['close', 'cancel']);
    const a = await registered('member', event.id, {
      personName: '王明',
      post: '总经理',
      mobile: '13900000001',
    });
    const b = await registered('member', event.id, { personName: '李华', mobile: '13900000002' });
    assert.equal(a.enterprise?.id, memberEnterprise, 'a contact registers its own people');
    assert.equal(a.mobile, '13900000001', 'its own people’s numbers unmasked');

    const [first, second] = event.sessions;
    const token1 = await tokenOf(first!.id);
    const info = await call(null, 'GET', `/api/check-ins/session?token=${encodeURIComponent(token1)}`);
    assert.equal(info.statusCode, 200, info.body);
    const byQr = await call(null, 'POST', '/api/check-ins', {
      token: token1,
      nonce: nonce(),
      mobile: '13900000001',
    });
    assert.equal(byQr.statusCode, 201, byQr.body);
    assert.equal((byQr.json() as { checkIn: CheckInView }).checkIn.method, 'qr');
    const byStaff = await call('staff', 'POST', '/api/check-ins', {
      token: token1,
      nonce: nonce(),
      registrationId: b.id,
    });
    assert.equal(byStaff.statusCode, 201, byStaff.body);
    assert.equal((byStaff.json() as { checkIn: CheckInView }).checkIn.method, 'staff');
    const token2 = await tokenOf(second!.id);
    assert.equal(
      (await call(null, 'POST', '/api/check-ins', { token: token2, nonce: nonce(), mobile: '13900000001' }))
        .statusCode,
      201,
    );
    const view = (await call('staff', 'GET', `/api/events/${event.id}`)).json() as { event: EventView };
    assert.deepEqual(view.event.figures, { personTimes: 3, persons: 2, enterprises: 1 });
    assert.deepEqual(
      view.event.sessions.map((s) => s.attendance),
      [2, 1],
    );
    const duty = (
      await call('staff', 'GET', `/api/chambers/${chamber}/activity-duty?year=2026`)
    ).json() as ActivityDuty;
    assert.equal(duty.months[10]!.state, 'met', 'the chamber’s November is met');
  });

  it('a retry with the same nonce answers the same check-in (200); the same person again counts once', async () => {
    const event = await training();
    await registered('staff', event.id, {
      personName: '赵强',
      mobile: '13900000011',
      enterpriseId: chamberMember,
    });
    const token = await tokenOf(event.sessions[0]!.id);
    const once = nonce();
    const first = await call(null, 'POST', '/api/check-ins', { token, nonce: once, mobile: '13900000011' });
    assert.equal(first.statusCode, 201);
    const retry = await call(null, 'POST', '/api/check-ins', { token, nonce: once, mobile: '13900000011' });
    assert.equal(retry.statusCode, 200);
    assert.equal(
      (retry.json() as { checkIn: CheckInView }).checkIn.id,
      (first.json() as { checkIn: CheckInView }).checkIn.id,
    );
    const again = await call(null, 'POST', '/api/check-ins', {
      token,
      nonce: nonce(),
      mobile: '13900000011',
    });
    assert.equal(again.statusCode, 200, 'another device, the same person: the same check-in');
    assert.equal(await attendances(event.id), 1);
  });

  it('200 check-ins of one person from 4 devices at once record one attendance', async () => {
    const event = await training();
    await registered('staff', event.id, {
      personName: '钱进',
      mobile: '13900000021',
      enterpriseId: chamberMember,
    });
    const token = await tokenOf(event.sessions[0]!.id);
    const devices = Array.from({ length: 4 }, () => nonce());
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        call(null, 'POST', '/api/check-ins', { token, nonce: devices[i % 4], mobile: '13900000021' }),
      ),
    );
    assert.ok(
      responses.every((r) => r.statusCode === 200 || r.statusCode === 201),
      responses.find((r) => r.statusCode >= 300)?.body,
    );
    assert.equal(responses.filter((r) => r.statusCode === 201).length, 1);
    assert.equal(await attendances(event.id), 1);
  });

  it('a forged, expired or malformed token is 401 with its code and records nothing; a token admits to its own session only', async () => {
    const event = await training();
    await registered('staff', event.id, {
      personName: '孙丽',
      mobile: '13900000031',
      enterpriseId: chamberMember,
    });
    const token = await tokenOf(event.sessions[0]!.id);
    const [id, exp, sig] = token.split('.') as [string, string, string];
    const forged = await call(null, 'POST', '/api/check-ins', {
      token: `${event.sessions[1]!.id}.${exp}.${sig}`,
      nonce: nonce(),
      mobile: '13900000031',
    });
    assert.equal(forged.statusCode, 401);
    assert.equal(errorOf(forged).code, 'CHECK_IN_TOKEN_INVALID');
    const longer = await call(null, 'POST', '/api/check-ins', {
      token: `${id}.${Number(exp) + 86_400}.${sig}`,
      nonce: nonce(),
      mobile: '13900000031',
    });
    assert.equal(errorOf(longer).code, 'CHECK_IN_TOKEN_INVALID', 'the expiry is signed');
    assert.equal(
      errorOf(
        await call(null, 'POST', '/api/check-ins', { token: 'x.y.z', nonce: nonce(), mobile: '13900000031' }),
      ).code,
      'CHECK_IN_TOKEN_INVALID',
    );
    t.ctx.clock.advance(31 * 60_000);
    try {
      const expired = await call(null, 'POST', '/api/check-ins', {
        token,
        nonce: nonce(),
        mobile: '13900000031',
      });
      assert.equal(expired.statusCode, 401);
      assert.equal(errorOf(expired).code, 'CHECK_IN_TOKEN_EXPIRED');
      assert.match(errorOf(expired).message, /过期/);
    } finally {
      t.ctx.clock.advance(-31 * 60_000);
    }
    assert.equal(await attendances(event.id), 0, 'nothing recorded');
  });

  it('bad input: a session ending before it starts, a mobile of 10 digits, an unknown mobile without a name, no sessions', async () => {
    const reversed = await call('staff', 'POST', '/api/events', {
      title: '倒序',
      kind: 'lecture',
      sessions: [{ startsAt: '2026-12-01T10:00:00+08:00', endsAt: '2026-12-01T09:00:00+08:00' }],
    });
    assert.equal(reversed.statusCode, 400);
    assert.equal(errorOf(reversed).details?.[0]?.path, 'sessions.0.endsAt');
    const none = await call('staff', 'POST', '/api/events', {
      title: '无场次',
      kind: 'lecture',
      sessions: [],
    });
    assert.equal(none.statusCode, 400);
    const badKind = await call('staff', 'POST', '/api/events', {
      title: 'x',
      kind: 'party',
      sessions: [{ startsAt: '2026-12-01T09:00:00+08:00', endsAt: '2026-12-01T10:00:00+08:00' }],
    });
    assert.equal(errorOf(badKind).details?.[0]?.path, 'kind');
    const event = await training();
    const shortMobile = await call('staff', 'POST', `/api/events/${event.id}/registrations`, {
      personName: '周',
      mobile: '1390000001',
      enterpriseId: chamberMember,
    });
    assert.equal(shortMobile.statusCode, 400);
    assert.equal(errorOf(shortMobile).details?.[0]?.path, 'mobile');
    const token = await tokenOf(event.sessions[0]!.id);
    const unknown = await call(null, 'POST', '/api/check-ins', {
      token,
      nonce: nonce(),
      mobile: '13900000099',
    });
    assert.equal(unknown.statusCode, 404);
    assert.equal(errorOf(unknown).details?.[0]?.code, 'NOT_REGISTERED');
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM events WHERE title IN ('倒序', '无场次', 'x')`,
    );
    assert.equal(rows[0]!.n, 0, 'nothing written');
  });

  it('past capacity registrations wait, never an error; a cancellation promotes the first waiting; the same person twice is 409', async () => {
    const event = await training({ capacity: 2 });
    const r1 = await registered('staff', event.id, {
      personName: '甲',
      mobile: '13900000041',
      enterpriseId: chamberMember,
    });
    await registered('staff', event.id, {
      personName: '乙',
      mobile: '13900000042',
      enterpriseId: chamberMember,
    });
    const r3 = await registered('member', event.id, { personName: '丙', mobile: '13900000043' });
    assert.equal(r3.status, 'waitlisted');
    const twice = await call('staff', 'POST', `/api/events/${event.id}/registrations`, {
      personName: '甲',
      mobile: '13900000041',
      enterpriseId: chamberMember,
    });
    assert.equal(twice.statusCode, 409);
    assert.equal(errorOf(twice).details?.[0]?.code, 'ALREADY_REGISTERED');
    const cancelled = await call('staff', 'POST', `/api/event-registrations/${r1.id}/cancel`);
    assert.equal((cancelled.json() as { registration: RegistrationView }).registration.status, 'cancelled');
    const list = (await call('member', 'GET', `/api/events/${event.id}/registrations`)).json() as {
      items: RegistrationView[];
    };
    assert.equal(
      list.items.find((r) => r.id === r3.id)?.status,
      'registered',
      'promoted from the waiting list',
    );
  });

  it('walk-ins: a phone with an unregistered mobile and a name, and staff adding a name on the spot', async () => {
    const event = await training({ capacity: 1 });
    await registered('staff', event.id, {
      personName: '满员',
      mobile: '13900000051',
      enterpriseId: chamberMember,
    });
    const token = await tokenOf(event.sessions[0]!.id);
    const walkIn = await call(null, 'POST', '/api/check-ins', {
      token,
      nonce: nonce(),
      mobile: '13900000052',
      personName: '现场甲',
    });
    assert.equal(walkIn.statusCode, 201, walkIn.body);
    assert.equal((walkIn.json() as { checkIn: CheckInView }).checkIn.walkIn, true);
    const byStaff = await call('staff', 'POST', '/api/check-ins', {
      token,
      nonce: nonce(),
      personName: '现场乙',
    });
    assert.equal(byStaff.statusCode, 201, byStaff.body);
    const anonymousName = await call(null, 'POST', '/api/check-ins', {
      token,
      nonce: nonce(),
      personName: '无号',
    });
    assert.equal(anonymousName.statusCode, 400, 'an anonymous phone identifies by mobile');
    assert.equal(await attendances(event.id), 2);
  });

  it('who may not: another chamber’s registrations 404; liaisons and administrators see none; a contact only its own; leaders read only', async () => {
    const event = await training();
    const theirs = await registered('staff', event.id, { personName: '吴', enterpriseId: chamberMember });
    const mine = await registered('member', event.id, { personName: '郑' });
    const other = await training({
      organizerId: otherChamber,
      audience: { kind: 'chamber', chamberId: otherChamber },
    });
    assert.equal((await call('secretary', 'GET', `/api/events/${other.id}/registrations`)).statusCode, 404);
    assert.equal((await call('secretary', 'GET', `/api/events/${other.id}`)).statusCode, 404);
    assert.equal(
      (
        await call('secretary', 'POST', `/api/events/${other.id}/registrations`, {
          personName: 'x',
          enterpriseId: chamberMember,
        })
      ).statusCode,
      404,
    );
    const secretaryView = (await call('secretary', 'GET', `/api/events/${event.id}`)).json() as {
      event: EventView;
    };
    assert.equal(secretaryView.event.manages, true, 'a secretary runs their chamber’s events');
    const contactList = (await call('member', 'GET', `/api/events/${event.id}/registrations`)).json() as {
      items: RegistrationView[];
    };
    assert.ok(contactList.items.some((r) => r.id === mine.id));
    assert.ok(
      !contactList.items.some((r) => r.id === theirs.id),
      'a contact sees only its own registrations',
    );
    assert.equal(
      (await call('member', 'GET', `/api/event-sessions/${event.sessions[0]!.id}/check-in-token`)).statusCode,
      403,
    );
    const tick = await call('member', 'POST', '/api/check-ins', {
      token: await tokenOf(event.sessions[0]!.id),
      nonce: nonce(),
      registrationId: theirs.id,
    });
    assert.equal(tick.statusCode, 404, 'a contact does not tick another enterprise’s people');
    assert.equal((await call('member', 'GET', '/api/events/stats')).statusCode, 403);
    assert.equal(
      (await call('member', 'GET', `/api/events/${other.id}`)).statusCode,
      404,
      'not open to the contact',
    );
    assert.equal((await call('leader', 'GET', `/api/events/${event.id}/registrations`)).statusCode, 200);
    assert.equal(
      (
        await call('leader', 'POST', `/api/events/${event.id}/transitions`, {
          action: 'close',
          version: event.version,
        })
      ).statusCode,
      403,
    );
    assert.equal(
      (await call('leader', 'POST', '/api/events', { title: 'x', kind: 'other', sessions: [] })).statusCode,
      403,
    );
    for (const who of ['liaison', 'sysadmin', 'auditor']) {
      assert.equal((await call(who, 'GET', '/api/events')).statusCode, 403, who);
      assert.equal((await call(who, 'GET', `/api/events/${event.id}/registrations`)).statusCode, 403, who);
      assert.equal((await call(who, 'GET', '/api/honours')).statusCode, 403, who);
    }
  });

  it('the state machine: close stops registrations (409), reopen, cancel; transitions are audited', async () => {
    let event = await training();
    const closed = await call('secretary', 'POST', `/api/events/${event.id}/transitions`, {
      action: 'close',
      version: event.version,
    });
    assert.equal(closed.statusCode, 200, closed.body);
    event = (closed.json() as { event: EventView }).event;
    assert.equal(event.state, 'closed');
    const late = await call('member', 'POST', `/api/events/${event.id}/registrations`, { personName: '晚' });
    assert.equal(errorOf(late).details?.[0]?.code, 'REGISTRATION_CLOSED');
    const again = await call('staff', 'POST', `/api/events/${event.id}/transitions`, {
      action: 'close',
      version: event.version,
    });
    assert.equal(errorOf(again).code, 'INVALID_TRANSITION');
    const cancelled = await call('staff', 'POST', `/api/events/${event.id}/transitions`, {
      action: 'cancel',
      version: event.version,
    });
    assert.equal((cancelled.json() as { event: EventView }).event.state, 'cancelled');
    const { rows } = await t.database.db.execute<{ action: string }>(
      sql`SELECT action FROM audit_events WHERE object_id = ${event.id} ORDER BY seq`,
    );
    assert.deepEqual(
      rows.map((r) => r.action),
      ['event.created', 'event.close', 'event.cancel'],
    );
  });

  it('figures: stats by kind in 人次/persons/enterprises; the demo chamber missing a month is flagged', async () => {
    const stats = (
      await call('staff', 'GET', '/api/events/stats?groupBy=kind&from=2026-01-01&to=2026-12-31')
    ).json() as EventStats;
    assert.ok(
      stats.total.personTimes >= stats.total.persons && stats.total.persons > 0,
      JSON.stringify(stats.total),
    );
    assert.equal(
      stats.items.reduce((n, item) => n + item.personTimes, 0),
      stats.total.personTimes,
    );
    const overview = (await call('staff', 'GET', '/api/chambers/activity-duty?year=2026')).json() as {
      items: { chamber: { name: string }; missedMonths: number[] }[];
    };
    const gap = overview.items.find((c) => c.chamber.name === '西山街道商会');
    assert.deepEqual(gap?.missedMonths, [9], 'the demo chamber that missed September');
    assert.ok(
      overview.items
        .filter((c) => c.chamber.name !== '西山街道商会')
        .every((c) => c.missedMonths.length === 0),
      JSON.stringify(overview.items),
    );
    const measures = (
      await call(
        'staff',
        'GET',
        '/api/measures/values?ids=events.personTimes,events.chambersMissingMonths,events.coverage,honours.total&from=2026-01-01&to=2026-12-31',
      )
    ).json() as { items: { id: string; value: number }[] };
    const value = (id: string) => measures.items.find((m) => m.id === id)?.value;
    assert.equal(value('events.personTimes'), stats.total.personTimes, 'the stats and the measure agree');
    assert.equal(value('events.chambersMissingMonths'), 1);
    assert.ok((value('events.coverage') ?? 0) > 0);
    assert.ok((value('honours.total') ?? 0) >= 3);
    const bad = await call('staff', 'GET', '/api/events/stats?from=2026-12-01&to=2026-01-01');
    assert.equal(errorOf(bad).details?.[0]?.code, 'PERIOD_REVERSED');
    assert.equal(
      (await call('secretary', 'GET', `/api/chambers/${otherChamber}/activity-duty`)).statusCode,
      404,
    );
  });

  it('honours: staff record (one holder, not twice, not in the future), the contact reads its own, counted by level', async () => {
    const created = await call('staff', 'POST', '/api/honours', {
      enterpriseId: memberEnterprise,
      title: '全国工人先锋号',
      level: 'national',
      issuer: '中华全国总工会',
      year: 2025,
    });
    assert.equal(created.statusCode, 201, created.body);
    const twice = await call('staff', 'POST', '/api/honours', {
      enterpriseId: memberEnterprise,
      title: '全国工人先锋号',
      level: 'national',
      issuer: '中华全国总工会',
      year: 2025,
    });
    assert.equal(twice.statusCode, 409);
    const future = await call('staff', 'POST', '/api/honours', {
      enterpriseId: memberEnterprise,
      title: 'x',
      level: 'city',
      issuer: 'y',
      year: 2030,
    });
    assert.equal(errorOf(future).details?.[0]?.path, 'year');
    const neither = await call('staff', 'POST', '/api/honours', {
      title: 'x',
      level: 'city',
      issuer: 'y',
      year: 2024,
    });
    assert.equal(errorOf(neither).details?.[0]?.code, 'ONE_HOLDER');
    assert.equal(
      (
        await call('secretary', 'POST', '/api/honours', {
          enterpriseId: chamberMember,
          title: 'x',
          level: 'city',
          issuer: 'y',
          year: 2024,
        })
      ).statusCode,
      403,
    );
    const own = (
      await call('member', 'GET', `/api/honours?holderId=${memberEnterprise}`)
    ).json() as HonourList;
    assert.ok(own.items.some((h) => h.title === '全国工人先锋号'));
    assert.ok(own.items.every((h) => h.holder.id === memberEnterprise));
    assert.ok(own.byLevel.some((l) => l.level === 'national' && l.count >= 1));
  });

  it('a class to come invites the audience’s contacts; the day before, those registered are reminded once', async () => {
    const event = await training({
      title: '明日培训班',
      sessions: [
        { startsAt: '2026-12-01T09:00:00+08:00', endsAt: '2026-12-01T11:00:00+08:00', place: '区工商联' },
      ],
    });
    const member = await t.userId('member');
    const notices = async (kind: string) => {
      const { rows } = await t.database.db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${member} AND kind = ${kind} AND object_id = ${event.id}`,
      );
      return rows[0]!.n;
    };
    assert.equal(await notices('event.invited'), 1, 'the contact of a chamber member is invited');
    await registered('member', event.id, { personName: '明日甲', mobile: '13900000071' });
    await remindUpcomingSessions(t.ctx, t.ctx.clock.now());
    await remindUpcomingSessions(t.ctx, t.ctx.clock.now());
    assert.equal(await notices('event.reminder'), 1, 'reminded once, however often the task runs');
  });

  it('an online session’s attendance list: bad rows reported, the rest recorded, a re-import records nobody twice', async () => {
    const event = await training({ title: '线上政策解读会', kind: 'policy_briefing' });
    await registered('staff', event.id, {
      personName: '线上甲',
      mobile: '13900000081',
      enterpriseId: chamberMember,
    });
    await registered('staff', event.id, { personName: '线上乙', enterpriseId: chamberMember });
    const file = await workbookOf(
      ['姓名', '手机号码', '单位'],
      [
        ['线上甲', '13900000081', null],
        ['线上乙', null, null],
        ['未报名丙', '13900000083', '某公司'],
        [null, '13900000084', null],
        ['短号', '1390000008', null],
        ['线上甲', '13900000081', null],
      ],
    );
    const send = async (dryRun: boolean) => {
      const { payload, contentType } = multipart('签到名单.xlsx', file);
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/event-sessions/${event.sessions[0]!.id}/attendance-import${dryRun ? '?dryRun=true' : ''}`,
        headers: {
          host: 'localhost:80',
          origin: ORIGIN,
          cookie: cookies.staff!,
          'content-type': contentType,
        },
        payload,
      });
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as {
        recorded: number;
        already: number;
        walkIns: number;
        rejected: { row: number; field: string }[];
      };
    };
    const dry = await send(true);
    assert.equal(dry.recorded, 3);
    assert.equal(await attendances(event.id), 0, 'a dry run writes nothing');
    const first = await send(false);
    assert.deepEqual(
      {
        recorded: first.recorded,
        walkIns: first.walkIns,
        rejected: first.rejected.map((r) => [r.row, r.field]),
      },
      {
        recorded: 3,
        walkIns: 1,
        rejected: [
          [5, '姓名'],
          [6, '手机号码'],
          [7, '手机号码'],
        ],
      },
    );
    const again = await send(false);
    assert.equal(again.recorded, 0);
    assert.equal(again.already, 3);
    assert.equal(await attendances(event.id), 3);
  });

  describe('office files', { skip: libreOfficeSkip() }, () => {
    it('the attendance sheet (.xlsx) and a completion certificate (.docx) open in LibreOffice', async () => {
      const event = await training({ title: '年轻一代企业家培训班' });
      const r = await registered('member', event.id, {
        personName: '冯晓',
        post: '副总经理',
        mobile: '13900000061',
      });
      await registered('member', event.id, { personName: '陈未到', mobile: '13900000062' });
      for (const session of event.sessions) {
        const token = await tokenOf(session.id);
        await call(null, 'POST', '/api/check-ins', { token, nonce: nonce(), mobile: '13900000061' });
      }
      const sheet = await call('staff', 'GET', `/api/events/${event.id}/attendance-sheet.xlsx`);
      assert.equal(sheet.statusCode, 200, sheet.body);
      const pdf = await officeToPdf(sheet.rawPayload, 'xlsx');
      assert.match(pdf.text, /年轻一代企业家培训班签到表/);
      assert.match(pdf.text, /冯晓/);
      assert.match(pdf.text, /签到 2 人次、1 人/);
      assert.equal(
        (await call('member', 'GET', `/api/events/${event.id}/attendance-sheet.xlsx`)).statusCode,
        404,
      );
      const certificate = await call('member', 'GET', `/api/event-registrations/${r.id}/certificate.docx`);
      assert.equal(certificate.statusCode, 200, certificate.body);
      const doc = await officeToPdf(certificate.rawPayload, 'docx');
      assert.match(doc.text, /结\s*业\s*证\s*书/);
      assert.match(doc.text, /冯晓/);
      assert.equal(doc.pages, 1);
      const absent = (await call('staff', 'GET', `/api/events/${event.id}/registrations`)).json() as {
        items: RegistrationView[];
      };
      const notDone = absent.items.find((x) => x.personName === '陈未到')!;
      const refused = await call('staff', 'GET', `/api/event-registrations/${notDone.id}/certificate.docx`);
      assert.equal(errorOf(refused).details?.[0]?.code, 'NOT_COMPLETED');
    });
  });
});
