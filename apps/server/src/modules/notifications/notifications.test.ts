// Notifications end to end: notify() inside a transaction (deduplicated, rolled back with its change), the
// bell's API (own notifications only), and delivery of emails to a real SMTP server and of webhook
// messages to a real HTTP robot, with retries.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { NotificationPage, NotificationView } from '@qinqing/shared';
import { json, setupTestApp, type TestApp } from '../../test/harness.ts';
import { MAX_ATTEMPTS } from './delivery.ts';
import { notify, type NotifyInput } from './service.ts';
import {
  readMail,
  PEERS_OUTBOUND_ALLOW,
  startSmtpPeer,
  startWebhookPeer,
  type SmtpPeer,
  type WebhookPeer,
} from '../../test/mail-and-robot-peers.ts';

const PUBLIC_URL = 'https://qinqing.example.org';
const MINUTE = 60_000;

describe('notifications', () => {
  let t: TestApp;
  let smtp: SmtpPeer;
  let robot: WebhookPeer;
  let staffId: string;
  let leaderId: string;
  let liaisonId: string;

  before(async () => {
    smtp = await startSmtpPeer();
    robot = await startWebhookPeer();
    t = await setupTestApp({
      env: {
        QINQING_SMTP_URL: smtp.url,
        QINQING_SMTP_FROM: '亲清平台 <qinqing@example.org>',
        QINQING_WEBHOOK_URL: `${robot.url}/ok/global`,
        QINQING_PUBLIC_URL: `${PUBLIC_URL}/`,
        QINQING_OUTBOUND_ALLOW: PEERS_OUTBOUND_ALLOW,
      },
    });
    staffId = await t.userId('staff');
    leaderId = await t.userId('leader');
    liaisonId = await t.userId('liaison');
    await t.database.pool.query("UPDATE users SET email = 'staff@example.org' WHERE id = $1", [staffId]);
    await t.database.pool.query("UPDATE users SET email = 'liaison@example.org' WHERE id = $1", [liaisonId]);
    // The demo's own notices, and those its due tasks send on their first pass (a bank's overdue answer, say),
    // are not this test's: let them run once, then start from an empty bell and an empty outbox.
    const first = await t.ctx.scheduler.runDue();
    assert.ok(
      first.every((outcome) => outcome.ok),
      JSON.stringify(first),
    );
    await t.database.pool.query('DELETE FROM notification_outbox');
    await t.database.pool.query('DELETE FROM notifications');
  });
  after(async () => {
    await t.close();
    await smtp.close();
    await robot.close();
  });

  const send = (input: NotifyInput) => t.database.db.transaction((tx) => notify(t.ctx, tx, input));
  const outbox = async () =>
    (
      await t.database.pool.query<{
        transport: string;
        target: string;
        attempts: number;
        sent: boolean;
        last_error: string | null;
        next_attempt_at: Date;
      }>(
        'SELECT transport, target, attempts, sent_at IS NOT NULL AS sent, last_error, next_attempt_at FROM notification_outbox ORDER BY created_at, transport, target',
      )
    ).rows;
  const runDelivery = async () => {
    // The delivery task runs every 15 s of app time: step past it.
    t.ctx.clock.advance(16_000);
    const ran = await t.ctx.scheduler.runDue();
    assert.ok(
      ran.some((outcome) => outcome.name === 'notifications.deliver' && outcome.ok),
      JSON.stringify(ran),
    );
  };

  it('stores the notices, queues email and webhook messages, and never notifies twice', async () => {
    const appealId = randomUUID();
    const reminder: NotifyInput = {
      recipientIds: [staffId, leaderId, staffId],
      kind: 'appeal.deadline_reminder',
      title: '诉求即将到期',
      body: '诉求“厂房租金减免”还剩 1 个工作日到期，请尽快办理。',
      link: `/appeals/${appealId}`,
      objectType: 'appeal',
      objectId: appealId,
      dedupeKey: `appeal:${appealId}:remind`,
    };
    assert.equal(await send(reminder), true);
    assert.equal(await send(reminder), false, 'the same key a second time');
    const { rows } = await t.database.pool.query(
      'SELECT user_id, kind, link, object_type, object_id, read_at FROM notifications ORDER BY user_id',
    );
    assert.equal(rows.length, 2);
    assert.deepEqual(new Set(rows.map((row) => row.user_id)), new Set([staffId, leaderId]));
    assert.equal(rows[0].link, `/appeals/${appealId}`);
    // The leader has no email address: only the staff member gets a mail; the robot gets one message.
    assert.deepEqual(
      (await outbox()).map((row) => [row.transport, row.target, row.sent]),
      [
        ['email', 'staff@example.org', false],
        ['webhook', `${robot.url}/ok/global`, false],
      ],
    );
  });

  it('notifies thousands in one call, each once, with the same notice; a wider call reaches only the rest', async () => {
    // As a push does, a chunk of contacts at a time: the ids go as one array, however many they are.
    const { rows: made } = await t.database.pool.query<{ id: string }>(
      `INSERT INTO users (username, display_name, org_unit_id, roles, password_hash)
       SELECT 'notify-many-' || g, '联系人' || g, org_unit_id, ARRAY['enterprise_contact'], 'x'
         FROM users, generate_series(1, 2000) g WHERE id = $1 RETURNING id`,
      [staffId],
    );
    const ids = made.map((row) => row.id);
    const objectId = randomUUID();
    const notice = (recipientIds: string[]): NotifyInput => ({
      recipientIds,
      kind: 'policy.pushed',
      title: '有一项惠企政策适合贵企业',
      body: '《稳岗补贴》',
      link: `/policies/${objectId}`,
      objectType: 'policy',
      objectId,
      dedupeKey: `policy:${objectId}:pushed`,
      awaits: ['read'],
    });
    try {
      assert.equal(await send(notice(ids.slice(0, 1500))), true);
      assert.equal(await send(notice(ids)), true, 'the 500 not notified yet');
      assert.equal(await send(notice(ids)), false, 'everyone notified');
      const { rows } = await t.database.pool.query<{ n: number; users: number; same: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT user_id)::int AS users,
                count(*) FILTER (WHERE kind = 'policy.pushed' AND title = '有一项惠企政策适合贵企业' AND body = '《稳岗补贴》'
                  AND link = $2 AND object_type = 'policy' AND object_id = $3 AND awaits = ARRAY['read']
                  AND read_at IS NULL)::int AS same
           FROM notifications WHERE user_id = ANY ($1::uuid[])`,
        [ids, `/policies/${objectId}`, objectId],
      );
      assert.deepEqual(rows[0], { n: 2000, users: 2000, same: 2000 });
      // No addresses, no robots of their own: the global robot's one message for the key, and nothing else.
      const { rows: queued } = await t.database.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM notification_outbox WHERE dedupe_key LIKE $1',
        [`%policy:${objectId}:pushed`],
      );
      assert.equal(queued[0]!.n, 1);
    } finally {
      await t.database.pool.query('DELETE FROM notification_outbox WHERE dedupe_key LIKE $1', [
        `%policy:${objectId}:pushed`,
      ]);
      await t.database.pool.query('DELETE FROM notifications WHERE user_id = ANY ($1::uuid[])', [ids]);
      await t.database.pool.query('DELETE FROM users WHERE id = ANY ($1::uuid[])', [ids]);
    }
  });

  it('notifies nobody when the change it reports is rolled back', async () => {
    const before = (await t.database.pool.query('SELECT count(*)::int AS n FROM notifications')).rows[0].n;
    await assert.rejects(
      t.database.db.transaction(async (tx) => {
        await notify(t.ctx, tx, {
          recipientIds: [staffId],
          kind: 'appeal.overdue',
          title: '诉求已超期',
          body: '已超期 1 个工作日',
        });
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    const after = (await t.database.pool.query('SELECT count(*)::int AS n FROM notifications')).rows[0].n;
    assert.equal(after, before);
    assert.equal((await outbox()).length, 2);
  });

  it('delivers the email over SMTP and the JSON message to the robot', async () => {
    await runDelivery();
    assert.equal(smtp.mails.length, 1);
    const [mail] = smtp.mails;
    assert.deepEqual(mail!.to, ['staff@example.org']);
    const read = readMail(mail!);
    assert.equal(read.subject, '诉求即将到期');
    assert.match(read.from, /亲清平台 <qinqing@example\.org>/);
    assert.match(read.text, /还剩 1 个工作日到期/);
    assert.match(read.text, new RegExp(`${PUBLIC_URL}/appeals/[0-9a-f-]{36}`));

    assert.equal(robot.posts.length, 1);
    const [post] = robot.posts;
    assert.equal(post!.path, '/ok/global');
    assert.equal(post!.contentType, 'application/json');
    const body = post!.body as { msgtype: string; text: { content: string } };
    assert.equal(body.msgtype, 'text');
    assert.match(body.text.content, /^【诉求即将到期】诉求“厂房租金减免”还剩 1 个工作日到期/);
    assert.match(body.text.content, new RegExp(`\n${PUBLIC_URL}/appeals/`));

    assert.deepEqual(
      (await outbox()).map((row) => [row.transport, row.sent, row.attempts, row.last_error]),
      [
        ['email', true, 1, null],
        ['webhook', true, 1, null],
      ],
    );
    // Sent messages are not sent again.
    await runDelivery();
    assert.equal(smtp.mails.length, 1);
    assert.equal(robot.posts.length, 1);
  });

  it('retries a failing robot with a growing delay, at most five times', async () => {
    await t.database.pool.query('DELETE FROM notification_outbox');
    robot.posts.length = 0;
    await send({
      recipientIds: [],
      kind: 'appeal.escalated',
      title: '诉求超期升级',
      body: '已超期 3 个工作日',
      webhookUrls: [`${robot.url}/broken`, `${robot.url}/refuses`],
      dedupeKey: `escalation:${randomUUID()}`,
    });
    await runDelivery();
    let rows = await outbox();
    const failing = rows.filter((row) => row.target !== `${robot.url}/ok/global`);
    assert.deepEqual(
      failing.map((row) => [row.target, row.attempts, row.sent]),
      [
        [`${robot.url}/broken`, 1, false],
        [`${robot.url}/refuses`, 1, false],
      ],
    );
    assert.match(failing[0]!.last_error!, /HTTP 500/);
    assert.match(failing[1]!.last_error!, /errcode 93000/);
    const firstRetry = failing[0]!.next_attempt_at.getTime() - t.ctx.clock.now().getTime();
    assert.ok(firstRetry > 0.9 * MINUTE && firstRetry <= MINUTE, `${firstRetry}`);

    // Not yet due: nothing is tried.
    await runDelivery();
    assert.equal((await outbox()).find((row) => row.target.endsWith('/broken'))!.attempts, 1);

    for (let i = 0; i < 8; i++) {
      t.ctx.clock.advance(20 * MINUTE);
      await runDelivery();
    }
    rows = await outbox();
    assert.deepEqual(
      rows.map((row) => [row.target.replace(robot.url, ''), row.attempts, row.sent]),
      [
        ['/broken', MAX_ATTEMPTS, false],
        ['/ok/global', 1, true],
        ['/refuses', MAX_ATTEMPTS, false],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    assert.equal(robot.posts.filter((post) => post.path === '/broken').length, MAX_ATTEMPTS);
    t.ctx.clock.reset();
  });

  it('an unreachable SMTP server is an error on the message, not a crash', async () => {
    await t.database.pool.query('DELETE FROM notification_outbox');
    await t.database.pool.query(
      `INSERT INTO notification_outbox (transport, target, payload, next_attempt_at)
       VALUES ('email', 'nobody@invalid.example', '{"subject":"测试","text":"正文"}', $1::timestamptz - interval '1 minute')`,
      [t.ctx.clock.now()],
    );
    const peer = smtp.url;
    await smtp.close();
    await runDelivery();
    const [row] = await outbox();
    assert.equal(row!.attempts, 1);
    assert.equal(row!.sent, false);
    assert.ok(row!.last_error, 'the connection error is kept');
    smtp = await startSmtpPeer();
    assert.notEqual(smtp.url, peer);
    t.ctx.clock.reset();
  });

  describe('the bell', () => {
    let staff: string;
    let leader: string;
    let mine: NotificationView[];

    before(async () => {
      t.ctx.clock.reset();
      staff = await t.signIn('staff');
      leader = await t.signIn('leader');
      for (let i = 1; i <= 3; i++) {
        await send({
          recipientIds: [staffId],
          kind: 'appeal.overdue',
          title: `诉求已超期 ${i}`,
          body: `第 ${i} 件`,
          link: `/appeals/${randomUUID()}`,
        });
      }
    });

    it('lists the user’s own notifications, newest first, with the unread count', async () => {
      const response = await t.request({ url: '/api/notifications?pageSize=2', cookie: staff });
      assert.equal(response.statusCode, 200, response.body);
      const page = json<NotificationPage>(response);
      assert.equal(page.total, 4);
      assert.equal(page.unread, 4);
      assert.equal(page.items.length, 2);
      assert.equal(page.items[0]!.title, '诉求已超期 3');
      const count = await t.request({ url: '/api/notifications/unread-count', cookie: staff });
      assert.deepEqual(count.json(), { unread: 4 });
      mine = json<NotificationPage>(await t.request({ url: '/api/notifications', cookie: staff })).items;
      const theirs = json<NotificationPage>(await t.request({ url: '/api/notifications', cookie: leader }));
      assert.equal(theirs.total, 1);
      assert.ok(theirs.items.every((item) => !mine.some((own) => own.id === item.id)));
    });

    it('marks one read, refuses someone else’s, and marks all read', async () => {
      const first = mine[0]!;
      const read = await t.request({
        method: 'POST',
        url: `/api/notifications/${first.id}/read`,
        cookie: staff,
      });
      assert.equal(read.statusCode, 200, read.body);
      const readAt = read.json().notification.readAt as string;
      assert.ok(readAt);
      // Reading again keeps the first reading time.
      const again = await t.request({
        method: 'POST',
        url: `/api/notifications/${first.id}/read`,
        cookie: staff,
      });
      assert.equal(again.json().notification.readAt, readAt);

      const foreign = await t.request({
        method: 'POST',
        url: `/api/notifications/${first.id}/read`,
        cookie: leader,
      });
      assert.equal(foreign.statusCode, 404);
      const unknown = await t.request({
        method: 'POST',
        url: `/api/notifications/${randomUUID()}/read`,
        cookie: staff,
      });
      assert.equal(unknown.statusCode, 404);
      const badId = await t.request({
        method: 'POST',
        url: '/api/notifications/not-a-uuid/read',
        cookie: staff,
      });
      assert.equal(badId.statusCode, 400);

      const unread = json<NotificationPage>(
        await t.request({ url: '/api/notifications?unread=true', cookie: staff }),
      );
      assert.equal(unread.total, 3);
      assert.ok(unread.items.every((item) => item.readAt === null));

      const all = await t.request({ method: 'POST', url: '/api/notifications/read-all', cookie: staff });
      assert.deepEqual(all.json(), { marked: 3 });
      assert.deepEqual((await t.request({ url: '/api/notifications/unread-count', cookie: staff })).json(), {
        unread: 0,
      });
      assert.deepEqual((await t.request({ url: '/api/notifications/unread-count', cookie: leader })).json(), {
        unread: 1,
      });
    });

    it('refuses bad queries and anonymous callers', async () => {
      for (const query of ['?unread=yes', '?page=0', '?pageSize=1000', '?other=1']) {
        const response = await t.request({ url: `/api/notifications${query}`, cookie: staff });
        assert.equal(response.statusCode, 400, query);
      }
      assert.equal((await t.request({ url: '/api/notifications' })).statusCode, 401);
      assert.equal((await t.request({ url: '/api/notifications/unread-count' })).statusCode, 401);
    });
  });
});
