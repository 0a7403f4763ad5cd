// What an event is linked to and what it adds up to, through the API on the demo district: the published
// policies a 政策解读会 explains and the campaign it belongs to (set at creation, replaced later, listed from
// the policy's and the campaign's side, audited), bad links refused with nothing written, the roles that may
// not change them, a recurring program's totals over its years (连续N年，累计X人次), and a chamber's member
// participation in the year's events (会员参与率) on its duty.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type {
  ActivityDuty,
  ActivityDutyOverview,
  CheckInToken,
  EventPage,
  EventView,
  RegistrationView,
} from '@qinqing/shared';
import { DEMO_BRIEFING_POLICIES, DEMO_EVENT_CAMPAIGN } from '../../demo/events-demo.ts';
import { setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';

describe('event links and program totals', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let published: string[];
  let draft: string;
  let campaign: string;

  const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
    t.request({ method, url, body, cookie: cookies[who] });
  const errorOf = (response: { json(): unknown }) => (response.json() as ErrorJson).error;
  const pick = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
    (await t.database.db.execute<T>(query)).rows;

  before(async () => {
    t = await setupTestApp();
    for (const name of ['staff', 'leader', 'secretary', 'member', 'liaison'])
      cookies[name] = await t.sessionFor(await t.userId(name));
    published = (
      await pick<{ id: string }>(
        sql`SELECT id FROM policies WHERE state = 'published' AND title = ANY (${sql.param([...DEMO_BRIEFING_POLICIES])}::text[]) ORDER BY title`,
      )
    ).map((r) => r.id);
    assert.equal(published.length, 2, 'the demo publishes both policies');
    draft = (await pick<{ id: string }>(sql`SELECT id FROM policies WHERE state = 'draft' LIMIT 1`))[0]!.id;
    campaign = (
      await pick<{ id: string }>(sql`SELECT id FROM donation_campaigns WHERE name = ${DEMO_EVENT_CAMPAIGN}`)
    )[0]!.id;
  });
  after(() => t.close());

  const briefing = (body: Record<string, unknown>) =>
    call('staff', 'POST', '/api/events', {
      title: `惠企政策解读会${randomUUID().slice(0, 6)}`,
      kind: 'policy_briefing',
      sessions: [{ startsAt: '2026-12-10T14:00:00+08:00', endsAt: '2026-12-10T16:00:00+08:00' }],
      ...body,
    });
  const eventsTitled = async (title: string) =>
    (await pick<{ n: number }>(sql`SELECT count(*)::int AS n FROM events WHERE title = ${title}`))[0]!.n;

  it('a briefing created with two published policies and a campaign shows them, and is listed from each side', async () => {
    const response = await briefing({ policyIds: published, campaignId: campaign });
    assert.equal(response.statusCode, 201, response.body);
    const { event } = response.json() as { event: EventView };
    assert.deepEqual(event.policies.map((p) => p.id).sort(), [...published].sort());
    assert.deepEqual(event.campaign, { id: campaign, name: DEMO_EVENT_CAMPAIGN });
    for (const query of [`policyId=${published[0]}`, `campaignId=${campaign}`]) {
      const list = (await call('staff', 'GET', `/api/events?${query}`)).json() as EventPage;
      assert.ok(
        list.items.some((e) => e.id === event.id),
        query,
      );
    }
    const { rows } = await t.database.db.execute<{ detail: { after: { policies: string[] } } }>(
      sql`SELECT detail FROM audit_events WHERE object_id = ${event.id} AND action = 'event.created'`,
    );
    assert.deepEqual([...rows[0]!.detail.after.policies].sort(), [...DEMO_BRIEFING_POLICIES].sort());
  });

  it('refuses a draft or unknown policy and an unknown campaign by field, creating nothing', async () => {
    const title = `无效关联${randomUUID().slice(0, 6)}`;
    const draftLinked = await briefing({ title, policyIds: [published[0], draft] });
    assert.equal(draftLinked.statusCode, 400, draftLinked.body);
    assert.deepEqual(
      [errorOf(draftLinked).details?.[0]?.path, errorOf(draftLinked).details?.[0]?.code],
      ['policyIds.1', 'POLICY_NOT_FOUND'],
    );
    const noCampaign = await briefing({ title, campaignId: randomUUID() });
    assert.equal(noCampaign.statusCode, 400, noCampaign.body);
    assert.equal(errorOf(noCampaign).details?.[0]?.code, 'CAMPAIGN_NOT_FOUND');
    const malformed = await briefing({ title, policyIds: ['not-a-uuid'] });
    assert.equal(malformed.statusCode, 400, malformed.body);
    assert.equal(await eventsTitled(title), 0, 'nothing half-written');
  });

  it('those who run the event replace its links (audited); leaders, contacts and liaisons may not, another unit’s secretary finds nothing', async () => {
    const { event } = (await briefing({ policyIds: published })).json() as { event: EventView };
    const changed = await call('staff', 'PUT', `/api/events/${event.id}/links`, {
      policyIds: [published[1]],
      campaignId: campaign,
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const view = (changed.json() as { event: EventView }).event;
    assert.deepEqual(
      view.policies.map((p) => p.id),
      [published[1]],
    );
    assert.equal(view.campaign?.id, campaign);
    const { rows } = await t.database.db.execute<{
      detail: { before: { policies: string[] }; after: { campaignName: string } };
    }>(sql`SELECT detail FROM audit_events WHERE object_id = ${event.id} AND action = 'event.links_changed'`);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.detail.before.policies.length, 2);
    assert.equal(rows[0]!.detail.after.campaignName, DEMO_EVENT_CAMPAIGN);

    const cleared = await call('staff', 'PUT', `/api/events/${event.id}/links`, {
      policyIds: [],
      campaignId: null,
    });
    assert.deepEqual((cleared.json() as { event: EventView }).event.policies, []);

    const bad = await call('staff', 'PUT', `/api/events/${event.id}/links`, {
      policyIds: [draft],
      campaignId: null,
    });
    assert.equal(bad.statusCode, 400, bad.body);
    for (const who of ['leader', 'member', 'liaison']) {
      const refused = await call(who, 'PUT', `/api/events/${event.id}/links`, {
        policyIds: published,
        campaignId: null,
      });
      assert.equal(refused.statusCode, 403, `${who}: ${refused.body}`);
    }
    const hidden = await call('secretary', 'PUT', `/api/events/${event.id}/links`, {
      policyIds: [],
      campaignId: null,
    });
    assert.equal(hidden.statusCode, 404, hidden.body);
    const after = (await call('staff', 'GET', `/api/events/${event.id}`)).json() as { event: EventView };
    assert.deepEqual(after.event.policies, [], 'no refused change wrote anything');
  });

  it('the demo’s 惠企政策解读会 explains its two policies', async () => {
    const rows = await pick<{ title: string }>(
      sql`SELECT p.title FROM events ev JOIN event_policies ep ON ep.event_id = ev.id JOIN policies p ON p.id = ep.policy_id
          WHERE ev.title = '惠企政策解读会' AND ev.kind = 'policy_briefing' ORDER BY p.title`,
    );
    assert.deepEqual(
      rows.map((r) => r.title),
      [...DEMO_BRIEFING_POLICIES].sort(),
    );
  });

  it('a recurring program adds up over its years: 连续2年, 2 场, the same person twice is 2 人次 and 1 人; a cancelled class is not counted', async () => {
    const program = `测试培训班${randomUUID().slice(0, 6)}`;
    const held: EventView[] = [];
    for (const year of [2024, 2025, 2025]) {
      const response = await call('staff', 'POST', '/api/events', {
        title: `${year}年${program}`,
        kind: 'training',
        program,
        sessions: [{ startsAt: `${year}-06-10T09:00:00+08:00`, endsAt: `${year}-06-10T17:00:00+08:00` }],
      });
      assert.equal(response.statusCode, 201, response.body);
      held.push((response.json() as { event: EventView }).event);
    }
    const cancelled = held.pop()!;
    const cancel = await call('staff', 'POST', `/api/events/${cancelled.id}/transitions`, {
      action: 'cancel',
      version: cancelled.version,
    });
    assert.equal(cancel.statusCode, 200, cancel.body);
    for (const event of held) {
      const registered = await call('staff', 'POST', `/api/events/${event.id}/registrations`, {
        personName: '常来学员',
        mobile: '13900000171',
      });
      assert.equal(registered.statusCode, 201, registered.body);
      const { registration } = registered.json() as { registration: RegistrationView };
      const { token } = (
        await call('staff', 'GET', `/api/event-sessions/${event.sessions[0]!.id}/check-in-token`)
      ).json() as CheckInToken;
      const checked = await call('staff', 'POST', '/api/check-ins', {
        token,
        nonce: randomUUID().replaceAll('-', ''),
        registrationId: registration.id,
      });
      assert.equal(checked.statusCode, 201, checked.body);
    }
    const view = (await call('staff', 'GET', `/api/events/${held[1]!.id}`)).json() as { event: EventView };
    assert.deepEqual(view.event.programTotals, {
      years: 2,
      firstYear: 2024,
      events: 2,
      personTimes: 2,
      persons: 1,
    });
    const single = (await briefing({})).json() as { event: EventView };
    assert.equal(single.event.programTotals, null, 'an event of no program has none');
  });

  it('a chamber’s member participation counts its members with someone checked in this year, once each', async () => {
    const chamber = (
      await pick<{ id: string }>(sql`SELECT org_unit_id AS id FROM users WHERE username = 'secretary'`)
    )[0]!.id;
    // A live member of the chamber nobody from which attended anything this year.
    const absent = (
      await pick<{ id: string }>(sql`SELECT m.enterprise_id AS id FROM chamber_memberships m
        JOIN enterprises e ON e.id = m.enterprise_id
        WHERE m.chamber_id = ${chamber} AND e.membership_status = 'active' AND e.merged_into_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM event_attendances a WHERE a.enterprise_id = e.id
            AND a.checked_in_at >= '2026-01-01T00:00:00+08:00')
        ORDER BY e.id LIMIT 1`)
    )[0]!.id;
    const duty = async () =>
      (
        (
          await call('staff', 'GET', `/api/chambers/${chamber}/activity-duty?year=2026`)
        ).json() as ActivityDuty
      ).participation;
    const before = await duty();
    assert.ok(before.members > before.reached, 'someone is still to be reached');

    const { event } = (
      await call('staff', 'POST', '/api/events', {
        title: `商会学习会${randomUUID().slice(0, 6)}`,
        kind: 'symposium',
        organizerId: chamber,
        sessions: [
          { startsAt: '2026-11-25T09:00:00+08:00', endsAt: '2026-11-25T11:00:00+08:00' },
          { startsAt: '2026-11-26T09:00:00+08:00', endsAt: '2026-11-26T11:00:00+08:00' },
        ],
      })
    ).json() as { event: EventView };
    const { registration } = (
      await call('staff', 'POST', `/api/events/${event.id}/registrations`, {
        personName: '参会会员',
        enterpriseId: absent,
      })
    ).json() as { registration: RegistrationView };
    for (const session of event.sessions) {
      const { token } = (
        await call('staff', 'GET', `/api/event-sessions/${session.id}/check-in-token`)
      ).json() as CheckInToken;
      const checked = await call('staff', 'POST', '/api/check-ins', {
        token,
        nonce: randomUUID().replaceAll('-', ''),
        registrationId: registration.id,
      });
      assert.equal(checked.statusCode, 201, checked.body);
    }
    const after = await duty();
    assert.deepEqual(
      [after.members, after.reached],
      [before.members, before.reached + 1],
      'one member more, however many sessions',
    );
    assert.equal(after.rate, Math.round((after.reached / after.members) * 10_000) / 10_000);
    const overview = (
      await call('secretary', 'GET', '/api/chambers/activity-duty?year=2026')
    ).json() as ActivityDutyOverview;
    assert.deepEqual(overview.items.find((c) => c.chamber.id === chamber)?.participation, after);
    assert.equal(
      (await call('member', 'GET', `/api/chambers/${chamber}/activity-duty?year=2026`)).statusCode,
      403,
    );
  });
});
