// 短信验证码登录: an enterprise contact signs in with a code sent to their mobile through the SMS gateway
// (a local stand-in for Aliyun's API that checks every signature).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createAccount,
  json,
  orgUnitId,
  setupTestApp,
  type ErrorJson,
  type TestApp,
} from '../../test/harness.ts';
import { startSmsPeer, type SmsPeer } from '../../test/sms-peer.ts';

const MOBILE = '13700001111';

describe('sign-in by SMS code (短信验证码登录)', () => {
  let t: TestApp;
  let plain: TestApp;
  let peer: SmsPeer;
  before(async () => {
    peer = await startSmsPeer();
    [t, plain] = await Promise.all([
      // Requests per minute and address are the login's limit, not what this file tests.
      setupTestApp({ env: { ...peer.env, QINQING_LOGIN_RATE_LIMIT: '0' } }),
      // The same gateway on loopback, not named by QINQING_OUTBOUND_ALLOW: an outbound target refused.
      setupTestApp({ env: { QINQING_SMS_URL: peer.url } }),
    ]);
    const unit = await orgUnitId(t, '示例区工商联');
    await createAccount(t, { username: MOBILE, orgUnitId: unit, roles: ['enterprise_contact'] });
    await createAccount(t, { username: '13700002222', orgUnitId: unit, roles: ['federation_staff'] });
  });
  after(async () => {
    await Promise.all([t?.close(), plain?.close()]);
    await peer?.close();
  });

  const ask = (app: TestApp, mobile: string) =>
    app.request({ method: 'POST', url: '/api/auth/sms-codes', body: { mobile } });
  const signIn = (mobile: string, code: string) =>
    t.request({ method: 'POST', url: '/api/auth/sms-login', body: { mobile, code } });
  const lastCode = () => peer.messages.at(-1)!.params.code!;
  const later = (ms: number) => t.ctx.clock.set(new Date(t.ctx.clock.now().getTime() + ms));

  it('is offered only where a gateway is configured', async () => {
    const bare = await setupTestApp({ demo: false });
    try {
      assert.deepEqual(json(await t.request({ url: '/api/auth/options' })), { smsLogin: true });
      assert.deepEqual(json(await bare.request({ url: '/api/auth/options' })), { smsLogin: false });
      const refused = await ask(bare, MOBILE);
      assert.equal(refused.statusCode, 404);
      assert.equal(json<ErrorJson>(refused).error.code, 'SMS_NOT_CONFIGURED');
    } finally {
      await bare.close();
    }
  });

  it('reaches a gateway on a loopback or private address only when QINQING_OUTBOUND_ALLOW names it', async () => {
    const orgUnit = await orgUnitId(plain, '示例区工商联');
    await createAccount(plain, { username: MOBILE, orgUnitId: orgUnit, roles: ['enterprise_contact'] });
    const before = peer.messages.length;
    const refused = await ask(plain, MOBILE);
    assert.equal(refused.statusCode, 502, refused.body);
    assert.equal(json<ErrorJson>(refused).error.code, 'SMS_SEND_FAILED');
    assert.equal(peer.messages.length, before, 'nothing reached the gateway');
  });

  it('sends a six-digit code, signed as the provider checks, and signs the contact in with it once', async () => {
    const sent = await ask(t, MOBILE);
    assert.equal(sent.statusCode, 202, sent.body);
    assert.equal(peer.messages.length, 1);
    assert.deepEqual(
      { ...peer.messages[0], params: undefined },
      { mobile: MOBILE, signName: '亲清平台', templateCode: 'SMS_000001', params: undefined },
    );
    const code = lastCode();
    assert.match(code, /^\d{6}$/);
    const stored = await t.database.pool.query('SELECT 1 FROM sms_login_codes WHERE code_hash = $1', [code]);
    assert.equal(stored.rowCount, 0, 'the code itself is stored nowhere');

    const wrong = await signIn(MOBILE, code === '000000' ? '000001' : '000000');
    assert.equal(wrong.statusCode, 401);
    assert.equal(json<ErrorJson>(wrong).error.code, 'SMS_CODE_INVALID');

    const good = await signIn(MOBILE, code);
    assert.equal(good.statusCode, 200, good.body);
    assert.equal(json<{ user: { username: string } }>(good).user.username, MOBILE);
    const cookie = good.headers['set-cookie'] as string;
    assert.equal((await t.request({ url: '/api/auth/me', cookie })).statusCode, 200);
    const again = await signIn(MOBILE, code);
    assert.equal(json<ErrorJson>(again).error.code, 'SMS_CODE_INVALID', 'a code signs in once');

    const audit = await t.database.pool.query<{ action: string; result: string; detail: unknown }>(
      `SELECT action, result, detail FROM audit_events
        WHERE action IN ('auth.sms_code_requested', 'auth.login') ORDER BY seq`,
    );
    assert.deepEqual(
      audit.rows.map((row) => [row.action, row.result]),
      [
        ['auth.sms_code_requested', 'success'],
        ['auth.login', 'failure'],
        ['auth.login', 'success'],
      ],
    );
    assert.deepEqual(audit.rows[2]!.detail, { method: 'sms' });
    assert.ok(!JSON.stringify(audit.rows).includes(code), 'the code is in no audit record');
  });

  it('a code a minute, ten a day, five tries each, five minutes long', async () => {
    later(24 * 3_600_000);
    assert.equal((await ask(t, MOBILE)).statusCode, 202);
    const soon = await ask(t, MOBILE);
    assert.equal(soon.statusCode, 429);
    assert.equal(json<ErrorJson>(soon).error.code, 'SMS_TOO_SOON');

    // Five wrong tries burn the code: the right one no longer works.
    const code = lastCode();
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) assert.equal((await signIn(MOBILE, wrong)).statusCode, 401);
    assert.equal((await signIn(MOBILE, code)).statusCode, 401);

    later(61_000);
    assert.equal((await ask(t, MOBILE)).statusCode, 202);
    later(5 * 60_000 + 1_000);
    assert.equal((await signIn(MOBILE, lastCode())).statusCode, 401, 'expired after five minutes');

    for (let i = 0; i < 8; i++) {
      later(61_000);
      assert.equal((await ask(t, MOBILE)).statusCode, 202);
    }
    later(61_000);
    const limited = await ask(t, MOBILE);
    assert.equal(limited.statusCode, 429);
    assert.equal(json<ErrorJson>(limited).error.code, 'SMS_DAILY_LIMIT');
  });

  it('answers a number without a contact account alike, and sends it nothing', async () => {
    const before = peer.messages.length;
    for (const mobile of ['13700003333', '13700002222']) {
      const answer = await ask(t, mobile);
      assert.equal(answer.statusCode, 202, `${mobile}: ${answer.body}`);
      assert.equal(json<ErrorJson>(await ask(t, mobile)).error.code, 'SMS_TOO_SOON');
      assert.equal((await signIn(mobile, '123456')).statusCode, 401);
    }
    assert.equal(peer.messages.length, before, 'staff accounts and unknown numbers get no code');
  });

  it('refuses bad input and says when the provider refused', async () => {
    for (const body of [{ mobile: '1370000111' }, { mobile: '23700001111' }, {}]) {
      const answer = await t.request({ method: 'POST', url: '/api/auth/sms-codes', body });
      assert.equal(answer.statusCode, 400, JSON.stringify(body));
    }
    const badCode = await t.request({
      method: 'POST',
      url: '/api/auth/sms-login',
      body: { mobile: MOBILE, code: '12a456' },
    });
    assert.equal(badCode.statusCode, 400);
    assert.equal(json<ErrorJson>(badCode).error.details?.[0]?.message, '验证码为 6 位数字');

    later(24 * 3_600_000);
    peer.refuseWith('isv.BUSINESS_LIMIT_CONTROL');
    const refused = await ask(t, MOBILE);
    peer.refuseWith(undefined);
    assert.equal(refused.statusCode, 502);
    assert.equal(json<ErrorJson>(refused).error.code, 'SMS_SEND_FAILED');
  });
});
