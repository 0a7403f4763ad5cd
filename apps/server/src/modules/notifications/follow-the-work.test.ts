// Notifications that follow the work (issue 11, item 7): a to-do notice (请确认, 请评价…) is marked done when
// anyone takes the action it asks for; the enterprise's contacts are told when their appeal is accepted,
// forwarded, answered and closed; each user chooses which kinds also go by email or to their own robot.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NotificationPage, NotificationPreferences, NotificationView } from '@qinqing/shared';
import { createAccount, json, orgUnitId, setupTestApp, type TestApp } from '../../test/harness.ts';
import {
  readMail,
  PEERS_OUTBOUND_ALLOW,
  startSmtpPeer,
  startWebhookPeer,
  type SmtpPeer,
  type WebhookPeer,
} from '../../test/mail-and-robot-peers.ts';
import { notify } from './service.ts';

describe('notifications that follow the work', () => {
  let t: TestApp;
  let smtp: SmtpPeer;
  let robot: WebhookPeer;
  const cookies: Record<string, string> = {};
  let staffId: string;
  let memberId: string;
  let memberEnterprise: string;
  let hr: string;

  before(async () => {
    smtp = await startSmtpPeer();
    robot = await startWebhookPeer();
    t = await setupTestApp({
      env: { QINQING_SMTP_URL: smtp.url, QINQING_OUTBOUND_ALLOW: PEERS_OUTBOUND_ALLOW },
    });
    staffId = await t.userId('staff');
    memberId = await t.userId('member');
    for (const name of ['staff', 'leader', 'liaison', 'member']) {
      cookies[name] = await t.sessionFor(await t.userId(name));
    }
    const { rows } = await t.database.pool.query<{ org_unit_id: string }>(
      "SELECT org_unit_id FROM users WHERE username = 'staff'",
    );
    cookies.colleague = await t.sessionFor(
      await createAccount(t, {
        username: 'staff-colleague',
        orgUnitId: rows[0]!.org_unit_id,
        roles: ['federation_staff'],
      }),
    );
    const member = await t.database.pool.query<{ enterprise_id: string }>(
      "SELECT enterprise_id FROM users WHERE username = 'member'",
    );
    memberEnterprise = member.rows[0]!.enterprise_id;
    hr = await orgUnitId(t, '人力资源社会保障局');
  });
  after(async () => {
    await t.close();
    await smtp.close();
    await robot.close();
  });

  const notices = async (cookie: string): Promise<NotificationView[]> => {
    const response = await t.request({ url: '/api/notifications?pageSize=100', cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<NotificationPage>(response).items;
  };
  const step = async (id: string, request: Record<string, unknown>, cookie: string) => {
    const current = await t.request({ url: `/api/appeals/${id}`, cookie });
    assert.equal(current.statusCode, 200, current.body);
    const { version } = json<{ appeal: { version: number } }>(current).appeal;
    const response = await t.request({
      method: 'POST',
      url: `/api/appeals/${id}/transitions`,
      cookie,
      body: { version, ...request },
    });
    assert.equal(response.statusCode, 200, `${String(request.action)}: ${response.body}`);
  };

  it('marks a to-do done when another user takes its action, and tells the enterprise each step once', async () => {
    const raised = await t.request({
      method: 'POST',
      url: '/api/appeals',
      cookie: cookies.staff,
      body: {
        enterpriseId: memberEnterprise,
        category: 'employment',
        title: '厂房用电增容',
        description: '扩产需要增容 400 千伏安。',
        source: 'visit',
        urgency: 'normal',
      },
    });
    assert.equal(raised.statusCode, 201, raised.body);
    const appeal = json<{ appeal: { id: string; number: string } }>(raised).appeal;
    const about = (items: NotificationView[]) => items.filter((n) => n.objectId === appeal.id);

    // Raised by staff, it starts accepted (the enterprise is told so).
    await step(appeal.id, { action: 'forward', departmentIds: [hr] }, cookies.staff!);
    const [forwardTodo] = about(await notices(cookies.liaison!));
    assert.equal(forwardTodo?.kind, 'appeal.forwarded');
    assert.equal(forwardTodo.doneAt, null);
    await step(appeal.id, { action: 'accept' }, cookies.liaison!);
    const taken = about(await notices(cookies.liaison!)).find((n) => n.id === forwardTodo.id)!;
    assert.ok(taken.doneAt, 'the forward is taken on: its to-do is done');
    assert.ok(taken.readAt);
    await step(appeal.id, { action: 'resolve', note: '已协调供电公司，下月完成增容' }, cookies.liaison!);

    // 请确认 goes to the staff who forwarded it; a colleague confirms, and it is done for them too.
    const confirmTodo = about(await notices(cookies.staff!)).find((n) => n.kind === 'appeal.answered')!;
    assert.equal(confirmTodo.doneAt, null);
    assert.equal(confirmTodo.readAt, null);
    await step(appeal.id, { action: 'confirm' }, cookies.colleague!);
    const confirmed = about(await notices(cookies.staff!)).find((n) => n.id === confirmTodo.id)!;
    assert.ok(confirmed.doneAt, '请确认 is done once anyone confirmed');
    assert.ok(confirmed.readAt);

    // 请评价 goes to the enterprise; staff rate on its behalf after a phone call, and it is done.
    const rateTodo = about(await notices(cookies.member!)).find((n) => n.kind === 'appeal.confirmed')!;
    assert.equal(rateTodo.doneAt, null);
    await step(appeal.id, { action: 'rate', satisfaction: 'satisfied', via: 'phone' }, cookies.staff!);
    const rated = about(await notices(cookies.member!)).find((n) => n.id === rateTodo.id)!;
    assert.ok(rated.doneAt, '请评价 is done once anyone rated');

    // The enterprise was told, once each, that it was accepted, forwarded, answered and closed.
    const told = about(await notices(cookies.member!));
    for (const kind of [
      'appeal.progress_accepted',
      'appeal.progress_forwarded',
      'appeal.progress_answered',
      'appeal.progress_closed',
    ]) {
      const these = told.filter((n) => n.kind === kind);
      assert.equal(these.length, 1, `${kind}: ${JSON.stringify(told.map((n) => n.kind))}`);
      assert.ok(these[0]!.body.includes(appeal.number), these[0]!.body);
      assert.ok(these[0]!.body.includes('厂房用电增容'), these[0]!.body);
    }
    assert.ok(told.find((n) => n.kind === 'appeal.progress_forwarded')!.body.includes('人力资源社会保障局'));
    assert.ok(told.find((n) => n.kind === 'appeal.progress_answered')!.body.includes('下月完成增容'));
    // Nothing the enterprise was asked stays open.
    assert.ok(told.filter((n) => n.kind === 'appeal.confirmed').every((n) => n.doneAt));

    // Reopening does not bring old to-dos back.
    await step(appeal.id, { action: 'reopen', reason: '增容后仍跳闸' }, cookies.member!);
    assert.ok(about(await notices(cookies.staff!)).find((n) => n.id === confirmTodo.id)!.doneAt);
    assert.ok(about(await notices(cookies.member!)).find((n) => n.id === rateTodo.id)!.doneAt);
  });

  describe('delivery preferences', () => {
    const preferences = async (cookie: string) => {
      const response = await t.request({ url: '/api/notifications/preferences', cookie });
      assert.equal(response.statusCode, 200, response.body);
      return json<NotificationPreferences>(response);
    };
    const put = (cookie: string | undefined, body: unknown) =>
      t.request({ method: 'PUT', url: '/api/notifications/preferences', cookie, body });
    const choice = (email: boolean, webhook = false) => ({ email, webhook });

    it('answers the defaults, refuses bad input in Chinese, and keeps each user to their own', async () => {
      const defaults = await preferences(cookies.staff!);
      assert.deepEqual(defaults.channels.todo, { email: true, webhook: false });
      assert.equal(defaults.webhookSet, false);
      assert.equal(defaults.webhookHost, null);

      const bad: unknown[] = [
        {},
        { channels: { todo: choice(true) }, webhookUrl: null },
        {
          channels: {
            todo: { email: 'yes', webhook: false },
            progress: choice(true),
            deadline: choice(true),
            system: choice(true),
          },
          webhookUrl: null,
        },
        {
          channels: {
            todo: choice(true),
            progress: choice(true),
            deadline: choice(true),
            system: choice(true),
          },
          webhookUrl: 'ftp://robot',
        },
        {
          channels: {
            todo: choice(true),
            progress: choice(true),
            deadline: choice(true),
            system: choice(true),
          },
          webhookUrl: null,
          userId: memberId,
        },
      ];
      for (const body of bad) {
        const response = await put(cookies.staff, body);
        assert.equal(response.statusCode, 400, JSON.stringify(body));
        assert.match(response.body, /[\u4e00-\u9fff]/, response.body);
      }
      assert.equal((await put(undefined, { channels: defaults.channels })).statusCode, 401);
      assert.equal((await t.request({ url: '/api/notifications/preferences' })).statusCode, 401);

      const mine = {
        channels: {
          todo: choice(false),
          progress: choice(true, true),
          deadline: choice(true),
          system: choice(true),
        },
        webhookUrl: `${robot.url}/ok/staff`,
      };
      const saved = await put(cookies.staff, mine);
      assert.equal(saved.statusCode, 200, saved.body);
      // The robot's URL is write-only: set, and its host, never the URL with its key.
      const answered = { channels: mine.channels, webhookSet: true, webhookHost: new URL(robot.url).host };
      assert.deepEqual(saved.json(), answered);
      assert.deepEqual(await preferences(cookies.staff!), answered);
      // Left out, the robot stays; the audit log says it was set, and where, never the URL.
      const kept = await put(cookies.staff, { channels: mine.channels });
      assert.equal(kept.statusCode, 200, kept.body);
      assert.deepEqual(kept.json(), answered);
      const { rows } = await t.database.pool.query<{ url: string; audits: string }>(
        `SELECT (SELECT webhook_url FROM notification_preferences WHERE user_id = $1) AS url,
                (SELECT string_agg(detail::text, ' ') FROM audit_events
                  WHERE action = 'notification.preferences' AND object_id = $1::text) AS audits`,
        [staffId],
      );
      assert.equal(rows[0]!.url, mine.webhookUrl);
      assert.doesNotMatch(rows[0]!.audits, /\/ok\/staff/);
      // Another user sees and changes only their own.
      assert.deepEqual(await preferences(cookies.leader!), defaults);
      assert.equal(
        (
          await put(cookies.leader, {
            channels: { ...defaults.channels, system: choice(false) },
          })
        ).statusCode,
        200,
      );
      assert.deepEqual(await preferences(cookies.staff!), answered);
    });

    it('sends email and the user’s robot only for the kinds they chose', async () => {
      await t.database.pool.query("UPDATE users SET email = 'staff@example.org' WHERE id = $1", [staffId]);
      await t.database.db.transaction(async (tx) => {
        await notify(t.ctx, tx, {
          recipientIds: [staffId],
          kind: 'appeal.answered',
          title: '诉求已答复，请确认：待办不发邮件',
          body: '待办',
        });
        await notify(t.ctx, tx, {
          recipientIds: [staffId],
          kind: 'appeal.escalated',
          title: '诉求已督办：督办照发邮件',
          body: '督办',
        });
        await notify(t.ctx, tx, {
          recipientIds: [staffId],
          kind: 'appeal.progress_accepted',
          title: '进展也发机器人',
          body: '进展',
        });
      });
      const bell = await notices(cookies.staff!);
      for (const title of [
        '诉求已答复，请确认：待办不发邮件',
        '诉求已督办：督办照发邮件',
        '进展也发机器人',
      ]) {
        assert.ok(
          bell.some((n) => n.title === title),
          `the bell always gets ${title}`,
        );
      }
      t.ctx.clock.advance(16_000);
      await t.ctx.scheduler.runDue();
      const subjects = smtp.mails.map((mail) => readMail(mail).subject);
      assert.ok(subjects.includes('诉求已督办：督办照发邮件'), JSON.stringify(subjects));
      assert.ok(subjects.includes('进展也发机器人'), JSON.stringify(subjects));
      assert.ok(!subjects.includes('诉求已答复，请确认：待办不发邮件'), JSON.stringify(subjects));
      const own = robot.posts.filter((post) => post.path === '/ok/staff');
      assert.equal(own.length, 1, JSON.stringify(robot.posts));
      assert.match(JSON.stringify(own[0]!.body), /进展也发机器人/);
    });
  });
});
