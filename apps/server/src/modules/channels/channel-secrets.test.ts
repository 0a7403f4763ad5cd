// A channel's group robot keeps its key (issue 12 item 2): no role reads its webhook URL — every reader
// learns whether one is set, those who may change the channel its host — and the audit log keeps no key;
// leaving the URL out of a change keeps it. A robot may not point at loopback, private or link-local
// addresses: refused when saved (400 OUTBOUND_TARGET_REFUSED), and again when a message is sent.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { json, orgUnitId, setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';
import { startWebhookPeer, type WebhookPeer } from '../../test/mail-and-robot-peers.ts';
import { OutboxDelivery } from '../notifications/delivery.ts';

interface ChannelJson {
  id: string;
  department: { id: string; name: string };
  webhookSet: boolean;
  webhookHost: string | null;
  fromAbove: boolean;
  version: number;
}

const KEY = 'c0ffee-robot-key-4711';
const ROBOT = `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`;
const READERS = ['staff', 'leader', 'secretary', 'liaison', 'hrhead', 'member', 'courtliaison'] as const;
/** The three administrators read no appeals, so no channels. */
const NOT_READERS = ['sysadmin', 'secadmin', 'auditor'] as const;

describe('channels: the robot webhook is write-only and points only at public addresses', () => {
  let t: TestApp;
  let robot: WebhookPeer;
  const cookies: Record<string, string> = {};
  let hrChannel: ChannelJson;
  let courtChannel: ChannelJson;

  const list = async (cookie: string) => {
    const response = await t.request({ url: '/api/channels', cookie });
    assert.equal(response.statusCode, 200, response.body);
    return { body: response.body, items: json<{ items: ChannelJson[] }>(response).items };
  };
  const patch = (id: string, body: Record<string, unknown>, cookie = cookies.staff!) =>
    t.request({ method: 'PATCH', url: `/api/channels/${id}`, cookie, body });
  const storedUrl = async (id: string) =>
    (
      await t.database.pool.query<{ url: string | null }>(
        'SELECT webhook_url AS url FROM channels WHERE id = $1',
        [id],
      )
    ).rows[0]!.url;

  before(async () => {
    robot = await startWebhookPeer();
    t = await setupTestApp();
    for (const name of [...READERS, ...NOT_READERS]) cookies[name] = await t.sessionFor(await t.userId(name));
    const hr = await orgUnitId(t, '人力资源社会保障局');
    const { items } = await list(cookies.staff!);
    hrChannel = items.find((c) => c.department.id === hr)!;
    courtChannel = items.find((c) => c.fromAbove)!;
    // The city's channel opened to the district has a robot too (set by the city).
    await t.database.pool.query('UPDATE channels SET webhook_url = $1 WHERE id = $2', [
      ROBOT,
      courtChannel.id,
    ]);
  });
  after(async () => {
    await t.close();
    await robot.close();
  });

  it('staff set a robot; no role reads its URL, only staff of the channel’s unit its host', async () => {
    const set = await patch(hrChannel.id, { version: hrChannel.version, webhookUrl: ROBOT });
    assert.equal(set.statusCode, 200, set.body);
    assert.ok(!set.body.includes(KEY), set.body);
    assert.deepEqual(
      (({ webhookSet, webhookHost }) => ({ webhookSet, webhookHost }))(
        json<{ channel: ChannelJson }>(set).channel,
      ),
      { webhookSet: true, webhookHost: 'qyapi.weixin.qq.com' },
    );
    hrChannel = json<{ channel: ChannelJson }>(set).channel;
    assert.equal(await storedUrl(hrChannel.id), ROBOT);

    for (const name of READERS) {
      const { body, items } = await list(cookies[name]!);
      assert.ok(!body.includes(KEY) && !body.includes('webhook/send'), `${name} reads the key: ${body}`);
      assert.ok(!/"webhookUrl"/.test(body), name);
      for (const channel of items) {
        const own = name === 'staff' && !channel.fromAbove;
        const expected = channel.id === hrChannel.id || channel.id === courtChannel.id;
        assert.equal(channel.webhookSet, expected, `${name} ${channel.department.name}`);
        assert.equal(
          channel.webhookHost,
          own && expected ? 'qyapi.weixin.qq.com' : null,
          `${name} ${channel.department.name}`,
        );
      }
    }
    for (const name of NOT_READERS) {
      const response = await t.request({ url: '/api/channels', cookie: cookies[name] });
      assert.equal(response.statusCode, 403, name);
      assert.ok(!response.body.includes(KEY), name);
    }
  });

  it('a change without the URL keeps the robot; null removes it; the audit log never holds the key', async () => {
    const kept = await patch(hrChannel.id, { version: hrChannel.version, respondDays: 2 });
    assert.equal(kept.statusCode, 200, kept.body);
    hrChannel = json<{ channel: ChannelJson }>(kept).channel;
    assert.equal(hrChannel.webhookSet, true);
    assert.equal(await storedUrl(hrChannel.id), ROBOT);

    const removed = await patch(hrChannel.id, { version: hrChannel.version, webhookUrl: null });
    assert.equal(removed.statusCode, 200, removed.body);
    hrChannel = json<{ channel: ChannelJson }>(removed).channel;
    assert.deepEqual([hrChannel.webhookSet, hrChannel.webhookHost], [false, null]);
    assert.equal(await storedUrl(hrChannel.id), null);

    const { rows } = await t.database.pool.query<{ detail: string }>(
      "SELECT detail::text AS detail FROM audit_events WHERE action = 'channel.updated' AND object_id = $1 ORDER BY seq",
      [hrChannel.id],
    );
    assert.equal(rows.length, 3);
    for (const { detail } of rows) assert.ok(!detail.includes(KEY), detail);
    // What it does say: that the robot was set, and removed, at which host.
    assert.match(rows[0]!.detail, /https:\/\/qyapi\.weixin\.qq\.com\/…/);
    assert.doesNotMatch(rows[1]!.detail, /webhook/i);
    assert.match(rows[2]!.detail, /"after": \{"webhookUrl": null\}/);
  });

  it('refuses robots at loopback, private, link-local and reserved addresses, writing nothing', async () => {
    const refused = [
      'http://127.0.0.1:5432/',
      'http://localhost:8080/robot',
      'http://10.0.0.8/robot',
      'http://192.168.1.20/robot',
      'http://169.254.169.254/latest/meta-data/',
      'http://0.0.0.0:3000/',
      'http://[::1]:8080/',
      'http://[::ffff:127.0.0.1]:5432/',
      'http://[fe80::1]/',
    ];
    for (const webhookUrl of refused) {
      const response = await patch(hrChannel.id, { version: hrChannel.version, webhookUrl });
      assert.equal(response.statusCode, 400, `${webhookUrl}: ${response.body}`);
      const detail = json<ErrorJson>(response).error.details?.[0];
      assert.equal(detail?.path, 'webhookUrl', webhookUrl);
      assert.equal(detail?.code, 'OUTBOUND_TARGET_REFUSED', webhookUrl);
      assert.match(detail?.message ?? '', /本机、内网.*QINQING_OUTBOUND_ALLOW/, webhookUrl);
    }
    const created = await t.request({
      method: 'POST',
      url: '/api/channels',
      cookie: cookies.staff,
      body: { departmentId: hrChannel.department.id, name: '再开一条', webhookUrl: 'http://127.0.0.1:5432/' },
    });
    assert.equal(created.statusCode, 400, created.body);
    assert.equal(json<ErrorJson>(created).error.details?.[0]?.code, 'OUTBOUND_TARGET_REFUSED');
    assert.equal(await storedUrl(hrChannel.id), null);
    const { items } = await list(cookies.staff!);
    assert.equal(items.find((c) => c.id === hrChannel.id)!.version, hrChannel.version);

    // A user's own robot, likewise.
    const own = await t.request({
      method: 'PUT',
      url: '/api/notifications/preferences',
      cookie: cookies.staff,
      body: {
        channels: {
          todo: { email: true, webhook: true },
          progress: { email: true, webhook: true },
          deadline: { email: true, webhook: true },
          system: { email: true, webhook: true },
        },
        webhookUrl: `${robot.url}/ok/own`,
      },
    });
    assert.equal(own.statusCode, 400, own.body);
    assert.equal(json<ErrorJson>(own).error.details?.[0]?.code, 'OUTBOUND_TARGET_REFUSED');
  });

  it('delivery checks again at send time: a stored robot at loopback gets nothing', async () => {
    // As a row written before the rule, or by hand, would be.
    await t.database.pool.query(
      `INSERT INTO notification_outbox (transport, target, payload, next_attempt_at)
       VALUES ('webhook', $1, '{"msgtype":"text","text":{"content":"测试"}}', $2::timestamptz - interval '1 minute')`,
      [`${robot.url}/ok/stored`, t.ctx.clock.now()],
    );
    const delivery = new OutboxDelivery(t.ctx);
    const outcome = await delivery.deliverDue({ signal: new AbortController().signal });
    delivery.close();
    assert.deepEqual(outcome, { sent: 0, failed: 1 });
    assert.deepEqual(robot.posts, []);
    const { rows } = await t.database.pool.query<{ last_error: string }>(
      "SELECT last_error FROM notification_outbox WHERE target LIKE '%/ok/stored'",
    );
    assert.match(rows[0]!.last_error, /出站地址被拒绝：127\.0\.0\.1/);
  });
});
