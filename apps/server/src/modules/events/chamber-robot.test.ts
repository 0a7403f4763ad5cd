// 商会活动通知机器人 a chamber's own group robot through the API on the demo district: its secretary sets it
// (answered by host only, audited without its key), an event for the chamber's members posts its invitation
// there, a bad address is refused by field, removing it works, and the roles that may not (leaders and
// contacts: 403; another chamber's secretary: 404).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { ChamberEventRobot } from '@qinqing/shared';
import { setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';

const ROBOT = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=chamber-secret-key';

describe('chamber event robot', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let chamber: string;
  let otherChamber: string;

  const call = (who: string, method: 'GET' | 'PUT' | 'POST', url: string, body?: unknown) =>
    t.request({ method, url, body, cookie: cookies[who] });

  before(async () => {
    t = await setupTestApp();
    for (const name of ['staff', 'leader', 'secretary', 'member'])
      cookies[name] = await t.sessionFor(await t.userId(name));
    const { rows } = await t.database.db.execute<{ mine: string; other: string }>(
      sql`SELECT (SELECT org_unit_id FROM users WHERE username = 'secretary') AS mine,
                 (SELECT id FROM org_units WHERE name = '西山街道商会') AS other`,
    );
    chamber = rows[0]!.mine;
    otherChamber = rows[0]!.other;
  });
  after(() => t.close());

  it('the secretary sets the robot; an event for the chamber’s members posts its invitation there; it can be removed', async () => {
    const set = await call('secretary', 'PUT', `/api/chambers/${chamber}/event-robot`, { webhookUrl: ROBOT });
    assert.equal(set.statusCode, 200, set.body);
    assert.deepEqual(set.json(), { chamberId: chamber, set: true, host: 'qyapi.weixin.qq.com' });
    assert.doesNotMatch(set.body, /chamber-secret-key/, 'the key is never answered');
    const read = (
      await call('staff', 'GET', `/api/chambers/${chamber}/event-robot`)
    ).json() as ChamberEventRobot;
    assert.equal(read.set, true);
    const { rows: audits } = await t.database.db.execute<{ detail: unknown }>(
      sql`SELECT detail FROM audit_events WHERE action = 'chamber.event_robot_set' AND object_id = ${chamber}`,
    );
    assert.equal(audits.length, 1);
    assert.doesNotMatch(JSON.stringify(audits[0]!.detail), /chamber-secret-key/, 'nor audited');

    const created = await call('staff', 'POST', '/api/events', {
      title: `商会会员沙龙${randomUUID().slice(0, 6)}`,
      kind: 'salon',
      audience: { kind: 'chamber', chamberId: chamber },
      sessions: [{ startsAt: '2026-12-15T14:00:00+08:00', endsAt: '2026-12-15T16:00:00+08:00' }],
    });
    assert.equal(created.statusCode, 201, created.body);
    const eventId = (created.json() as { event: { id: string } }).event.id;
    const { rows: posted } = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM notification_outbox
          WHERE transport = 'webhook' AND target = ${ROBOT} AND dedupe_key LIKE ${`%event:${eventId}:invited`}`,
    );
    assert.equal(posted[0]!.n, 1, 'the invitation went to the chamber’s robot once');

    const removed = await call('secretary', 'PUT', `/api/chambers/${chamber}/event-robot`, {
      webhookUrl: null,
    });
    assert.deepEqual(removed.json(), { chamberId: chamber, set: false, host: null });
    const { rows: left } = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM chamber_event_robots WHERE chamber_id = ${chamber}`,
    );
    assert.equal(left[0]!.n, 0);
  });

  it('refuses an address that is not http(s), or that points inside the network, by field and keeps nothing', async () => {
    for (const webhookUrl of ['ftp://robot.example.cn/hook', 'http://127.0.0.1:8080/hook']) {
      const refused = await call('staff', 'PUT', `/api/chambers/${otherChamber}/event-robot`, { webhookUrl });
      assert.equal(refused.statusCode, 400, `${webhookUrl}: ${refused.body}`);
      assert.equal((refused.json() as ErrorJson).error.details?.[0]?.path, 'webhookUrl');
    }
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM chamber_event_robots WHERE chamber_id = ${otherChamber}`,
    );
    assert.equal(rows[0]!.n, 0);
  });

  it('leaders and contacts may not; another chamber’s secretary finds nothing', async () => {
    for (const who of ['leader', 'member']) {
      const refused = await call(who, 'PUT', `/api/chambers/${chamber}/event-robot`, { webhookUrl: ROBOT });
      assert.equal(refused.statusCode, 403, who);
      assert.equal((await call(who, 'GET', `/api/chambers/${chamber}/event-robot`)).statusCode, 403, who);
    }
    const hidden = await call('secretary', 'PUT', `/api/chambers/${otherChamber}/event-robot`, {
      webhookUrl: ROBOT,
    });
    assert.equal(hidden.statusCode, 404, hidden.body);
  });
});
