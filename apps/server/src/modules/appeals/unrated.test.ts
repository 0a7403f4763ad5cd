// 未评价办结 on the test clock: a confirmed appeal nobody rates is reminded once after N days and closed by
// the scheduler after M days through the state machine's system action (timeline, audit, notices), counted
// apart from the ratings; nobody may take the system's action through the API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { json, setupTestApp, type TestApp } from '../../test/harness.ts';
import '../../core/office/exceljs-utf8.ts';
import { insertAppeal } from '../../test/appeals.ts';
import { sheetRows } from '../../test/workbooks.ts';

const DAY = 86_400_000;

describe('appeals nobody rates', () => {
  let t: TestApp;
  let staff: string;
  let member: string;
  let appealId: string;
  let ratedId: string;

  const view = async (id: string) =>
    json<{
      appeal: {
        state: string;
        version: number;
        satisfaction: string | null;
        closedUnrated: boolean;
        allowedActions: string[];
        events: { action: string; actorName: string | null }[];
      };
    }>(await t.request({ url: `/api/appeals/${id}`, cookie: staff })).appeal;
  /** Moves the clock; sessions live an hour on it, so new ones after each move. */
  const move = async (ms: number) => {
    t.ctx.clock.advance(ms);
    staff = await t.sessionFor(await t.userId('staff'));
    member = await t.sessionFor(await t.userId('member'));
  };
  const runScheduler = async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/test/scheduler/run',
      cookie: staff,
      body: {},
    });
    assert.equal(response.statusCode, 200, response.body);
  };
  const notices = async (cookie: string, id: string) =>
    json<{ items: { kind: string; link: string | null }[] }>(
      await t.request({ url: '/api/notifications?pageSize=100', cookie }),
    )
      .items.filter((n) => n.link === `/appeals/${id}`)
      .map((n) => n.kind);

  before(async () => {
    t = await setupTestApp({ env: { QINQING_RATING_REMINDER_DAYS: '3', QINQING_RATING_CLOSE_DAYS: '7' } });
    staff = await t.sessionFor(await t.userId('staff'));
    member = await t.sessionFor(await t.userId('member'));
    const { rows } = await t.database.pool.query<{ enterprise_id: string }>(
      `SELECT enterprise_id FROM users WHERE username = 'member'`,
    );
    const enterpriseId = rows[0]!.enterprise_id;
    const confirmed = { enterpriseId, state: 'confirmed', outcome: 'resolved' as const };
    appealId = await insertAppeal(t, { ...confirmed, title: '无人评价的诉求' });
    ratedId = await insertAppeal(t, { ...confirmed, title: '按时评价的诉求' });
    await t.database.pool.query(`UPDATE appeals SET confirmed_at = $1 WHERE id = ANY($2)`, [
      t.ctx.clock.now(),
      [appealId, ratedId],
    ]);
  });
  after(async () => {
    t.ctx.clock.reset();
    await t.close();
  });

  it('nobody may take the system’s action: not staff, not the enterprise (400: no such request)', async () => {
    for (const cookie of [staff, member]) {
      const response = await t.request({
        method: 'POST',
        url: `/api/appeals/${appealId}/transitions`,
        cookie,
        body: { action: 'close_unrated', version: (await view(appealId)).version },
      });
      assert.equal(response.statusCode, 400, response.body);
    }
    assert.ok(!(await view(appealId)).allowedActions.includes('close_unrated'));
  });

  it('before N days nothing happens; after N days the contact is reminded once', async () => {
    await move(2 * DAY);
    await runScheduler();
    assert.deepEqual(
      (await view(appealId)).events.filter((e) => e.action === 'rating_reminder'),
      [],
    );
    await move(1 * DAY + 60_000);
    await runScheduler();
    await runScheduler();
    const appeal = await view(appealId);
    assert.equal(appeal.state, 'confirmed');
    assert.equal(appeal.events.filter((e) => e.action === 'rating_reminder').length, 1, 'once');
    assert.equal((await notices(member, appealId)).filter((k) => k === 'appeal.rating_reminder').length, 1);
    // The other one is rated by its enterprise in time: it never closes unrated.
    const rated = await t.request({
      method: 'POST',
      url: `/api/appeals/${ratedId}/transitions`,
      cookie: member,
      body: { action: 'rate', version: (await view(ratedId)).version, satisfaction: 'satisfied' },
    });
    assert.equal(rated.statusCode, 200, rated.body);
  });

  it('after M days the scheduler closes it 未评价办结: timeline, audit, notice; never satisfied', async () => {
    const before = await figures();
    await move(4 * DAY);
    await runScheduler();
    const appeal = await view(appealId);
    assert.deepEqual([appeal.state, appeal.satisfaction, appeal.closedUnrated], ['closed', null, true]);
    const entry = appeal.events.find((e) => e.action === 'close_unrated');
    assert.equal(entry?.actorName, '系统');
    assert.ok((await notices(member, appealId)).includes('appeal.closed_unrated'));
    const { rows } = await t.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'appeal.close_unrated' AND object_id = $1`,
      [appealId],
    );
    assert.equal(rows[0]!.n, 1);
    const rated = await view(ratedId);
    assert.deepEqual([rated.state, rated.closedUnrated], ['closed', false]);
    // Counted apart: one more 未评价办结, not one more satisfied, and the rate still over the rated ones.
    const after = await figures();
    assert.equal(after['appeals.closedUnrated']! - before['appeals.closedUnrated']!, 1, '未评价办结');
    assert.equal(after['appeals.satisfied'], before['appeals.satisfied'], 'satisfied');
    assert.equal(after['appeals.satisfactionRate'], before['appeals.satisfactionRate'], 'satisfaction rate');
    // The appeal ledger's 满意度 says so too, and the rated one keeps its rating.
    const ledger = await t.request({
      url: '/api/ledgers/appeals.xlsx?from=2026-11-01&to=2026-12-31',
      cookie: staff,
    });
    assert.equal(ledger.statusCode, 200, ledger.body.slice(0, 300));
    const sheet = await sheetRows(ledger.rawPayload);
    const header = sheet[2]!;
    const ratingOf = (title: string) =>
      sheet.find((cells) => cells[header.indexOf('诉求事项')] === title)?.[header.indexOf('满意度')];
    assert.deepEqual([ratingOf('无人评价的诉求'), ratingOf('按时评价的诉求')], ['未评价办结', '满意']);
    // A second run finds nothing more to do.
    await runScheduler();
    assert.equal((await view(appealId)).events.filter((e) => e.action === 'close_unrated').length, 1);
  });

  async function figures(): Promise<Record<string, number>> {
    const day = new Date(t.ctx.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const response = await t.request({
      url: `/api/measures/values?ids=appeals.closedUnrated,appeals.satisfied,appeals.satisfactionRate&from=2026-11-01&to=${day}`,
      cookie: staff,
    });
    assert.equal(response.statusCode, 200, response.body);
    const body = json<{ items: { id: string; value: number }[] }>(response);
    return Object.fromEntries(body.items.map((v) => [v.id, v.value]));
  }
});
