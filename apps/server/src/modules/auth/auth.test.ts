// API tests of login, lockout, sessions, password change — against a real PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createAccount,
  DEMO_PASSWORD,
  json,
  login,
  orgUnitId,
  setupTestApp,
  solvedChallenge,
  type ErrorJson,
  type TestApp,
} from '../../test/harness.ts';

describe('auth', () => {
  let t: TestApp;
  before(async () => {
    t = await setupTestApp({ env: { QINQING_LOGIN_RATE_LIMIT: '1000' } });
  });
  after(() => t.close());

  it('logs in, answers /me, and audits the login', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'staff', password: DEMO_PASSWORD },
    });
    assert.equal(response.statusCode, 200);
    const cookie = response.cookies.find((c) => c.name === 'qinqing_sid');
    assert.ok(cookie?.httpOnly);
    assert.equal(cookie?.sameSite, 'Lax');
    const body = json<{ user: { username: string; roles: string[]; mustChangePassword: boolean } }>(response);
    assert.equal(body.user.username, 'staff');
    assert.deepEqual(body.user.roles, ['federation_staff']);
    const me = await t.request({ url: '/api/auth/me', cookie: `qinqing_sid=${cookie?.value}` });
    assert.equal(me.statusCode, 200);
    assert.equal(json<{ user: { displayName: string } }>(me).user.displayName, '王晓燕');
    assert.equal(json<{ user: { enterpriseId: string | null } }>(me).user.enterpriseId, null);
    const member = await t.request({ url: '/api/auth/me', cookie: await t.signIn('member') });
    assert.match(json<{ user: { enterpriseId: string } }>(member).user.enterpriseId, /^[0-9a-f-]{36}$/);
    const { rows } = await t.database.pool.query(
      "SELECT result FROM audit_events WHERE action = 'auth.login' AND actor_name = 'staff' ORDER BY seq DESC LIMIT 1",
    );
    assert.equal(rows[0]?.result, 'success');
  });

  it('usernames are case-insensitive', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'STAFF', password: DEMO_PASSWORD },
    });
    assert.equal(response.statusCode, 200);
  });

  it('refuses a wrong password and an unknown user alike with 401 INVALID_CREDENTIALS', async () => {
    for (const body of [
      { username: 'leader', password: 'wrong-password-123' },
      { username: 'nobody-here', password: 'wrong-password-123' },
    ]) {
      const response = await t.request({ method: 'POST', url: '/api/auth/login', body });
      assert.equal(response.statusCode, 401);
      assert.equal(json<ErrorJson>(response).error.code, 'INVALID_CREDENTIALS');
    }
    const { rows } = await t.database.pool.query(
      "SELECT detail->>'reason' AS reason FROM audit_events WHERE action = 'auth.login' AND result = 'failure' ORDER BY seq",
    );
    assert.deepEqual(
      rows.map((r) => r.reason),
      ['wrong_password', 'unknown_user'],
    );
  });

  it('answers /me with 401 without a session, and with a made-up cookie', async () => {
    assert.equal((await t.request({ url: '/api/auth/me' })).statusCode, 401);
    const response = await t.request({ url: '/api/auth/me', cookie: 'qinqing_sid=made-up' });
    assert.equal(response.statusCode, 401);
    assert.equal(json<ErrorJson>(response).error.code, 'UNAUTHENTICATED');
  });

  it('locks an account after 5 consecutive failures for 15 minutes, then lets it in again', async () => {
    const unit = await orgUnitId(t, '示例区工商联');
    await createAccount(t, { username: 'locky', orgUnitId: unit, roles: ['federation_staff'] });
    // From the fourth attempt the server asks for the image challenge: answered, as a person would.
    const attempt = (password: string) => login(t, { username: 'locky', password });
    for (let i = 0; i < 4; i++) assert.equal((await attempt('bad-password-000')).statusCode, 401);
    const fifth = await attempt('bad-password-000');
    assert.equal(fifth.statusCode, 423);
    assert.equal(json<ErrorJson>(fifth).error.code, 'ACCOUNT_LOCKED');
    // Even the right password is refused while locked.
    assert.equal((await attempt(DEMO_PASSWORD)).statusCode, 423);
    const { rows } = await t.database.pool.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.account_locked'",
    );
    assert.equal(rows[0]?.n, 1);
    t.ctx.clock.advance(16 * 60_000);
    try {
      assert.equal((await attempt(DEMO_PASSWORD)).statusCode, 200);
    } finally {
      t.ctx.clock.reset();
    }
  });

  it('a successful login resets the failure count', async () => {
    const unit = await orgUnitId(t, '示例区工商联');
    await createAccount(t, { username: 'resetty', orgUnitId: unit });
    const attempt = (password: string) => login(t, { username: 'resetty', password });
    for (let i = 0; i < 4; i++) await attempt('bad-password-000');
    assert.equal((await attempt(DEMO_PASSWORD)).statusCode, 200);
    for (let i = 0; i < 4; i++) assert.equal((await attempt('bad-password-000')).statusCode, 401);
  });

  it('logout destroys the session on the server', async () => {
    const cookie = await t.signIn('leader');
    assert.equal((await t.request({ method: 'POST', url: '/api/auth/logout', cookie })).statusCode, 204);
    assert.equal((await t.request({ url: '/api/auth/me', cookie })).statusCode, 401);
  });

  it('issues a new session id at every login and ends the one the browser had', async () => {
    const first = await t.signIn('leader');
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'leader', password: DEMO_PASSWORD },
      cookie: first,
    });
    const second = response.cookies.find((c) => c.name === 'qinqing_sid')?.value;
    assert.ok(second);
    assert.notEqual(`qinqing_sid=${second}`, first);
    assert.equal((await t.request({ url: '/api/auth/me', cookie: first })).statusCode, 401);
    assert.equal((await t.request({ url: '/api/auth/me', cookie: `qinqing_sid=${second}` })).statusCode, 200);
  });

  it('ends a session idle for more than 30 minutes, and any session after 12 hours', async () => {
    const cookie = await t.signIn('leader');
    try {
      t.ctx.clock.advance(31 * 60_000);
      const idle = await t.request({ url: '/api/auth/me', cookie });
      assert.equal(idle.statusCode, 401);
      assert.equal(json<ErrorJson>(idle).error.code, 'SESSION_EXPIRED');
      t.ctx.clock.reset();
      const active = await t.signIn('leader');
      // Stay active every 20 minutes: the idle timer never fires, the absolute one does at 12 h.
      for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
        t.ctx.clock.advance(20 * 60_000);
        assert.equal(
          (await t.request({ url: '/api/auth/me', cookie: active })).statusCode,
          200,
          `at ${minutes} min`,
        );
      }
      t.ctx.clock.advance(20 * 60_000);
      assert.equal((await t.request({ url: '/api/auth/me', cookie: active })).statusCode, 401);
    } finally {
      t.ctx.clock.reset();
    }
  });

  it('lists the user’s own sessions and revokes one; another user’s session is not found', async () => {
    const a = await t.signIn('secretary');
    const b = await t.signIn('secretary');
    const list = json<{ items: { id: string; current: boolean }[] }>(
      await t.request({ url: '/api/auth/sessions', cookie: a }),
    );
    assert.ok(list.items.length >= 2);
    const other = list.items.find((s) => !s.current);
    assert.ok(other);
    const revoked = await t.request({ method: 'DELETE', url: `/api/auth/sessions/${other.id}`, cookie: a });
    assert.equal(revoked.statusCode, 204);
    assert.equal((await t.request({ url: '/api/auth/me', cookie: b })).statusCode, 401);
    const strangers = await t.signIn('liaison');
    const current = list.items.find((s) => s.current);
    const foreign = await t.request({
      method: 'DELETE',
      url: `/api/auth/sessions/${current?.id}`,
      cookie: strangers,
    });
    assert.equal(foreign.statusCode, 404);
    assert.equal((await t.request({ url: '/api/auth/me', cookie: a })).statusCode, 200);
  });

  it('forces an initial password to be changed before anything else', async () => {
    const unit = await orgUnitId(t, '示例市工商联');
    await createAccount(t, {
      username: 'newbie',
      orgUnitId: unit,
      roles: ['system_admin'],
      mustChangePassword: true,
    });
    const cookie = await t.signIn('newbie');
    const me = json<{ user: { mustChangePassword: boolean } }>(
      await t.request({ url: '/api/auth/me', cookie }),
    );
    assert.equal(me.user.mustChangePassword, true);
    const blocked = await t.request({ url: '/api/users', cookie });
    assert.equal(blocked.statusCode, 403);
    assert.equal(json<ErrorJson>(blocked).error.code, 'PASSWORD_CHANGE_REQUIRED');
    const changed = await t.request({
      method: 'POST',
      url: '/api/auth/password',
      cookie,
      body: { currentPassword: DEMO_PASSWORD, newPassword: 'Lantern-harbour-1987' },
    });
    assert.equal(changed.statusCode, 200);
    assert.equal(json<{ user: { mustChangePassword: boolean } }>(changed).user.mustChangePassword, false);
    assert.equal((await t.request({ url: '/api/users', cookie })).statusCode, 200);
    assert.equal(
      (
        await t.request({
          method: 'POST',
          url: '/api/auth/login',
          body: { username: 'newbie', password: 'Lantern-harbour-1987' },
        })
      ).statusCode,
      200,
    );
  });

  it('changing the password ends the user’s other sessions', async () => {
    const unit = await orgUnitId(t, '示例区工商联');
    await createAccount(t, { username: 'changer', orgUnitId: unit });
    const keep = await t.signIn('changer');
    const other = await t.signIn('changer');
    const changed = await t.request({
      method: 'POST',
      url: '/api/auth/password',
      cookie: keep,
      body: { currentPassword: DEMO_PASSWORD, newPassword: 'Copper-kettle-river-42' },
    });
    assert.equal(changed.statusCode, 200);
    assert.equal((await t.request({ url: '/api/auth/me', cookie: keep })).statusCode, 200);
    assert.equal((await t.request({ url: '/api/auth/me', cookie: other })).statusCode, 401);
  });

  it('refuses weak new passwords with field-level reasons', async () => {
    const cookie = await t.signIn('leader');
    const cases: [string, string][] = [
      ['short-1', 'PASSWORD_TOO_SHORT'],
      ['password1234', 'PASSWORD_TOO_COMMON'],
      ['Password2024!!', 'PASSWORD_TOO_COMMON'],
      ['123456789012', 'PASSWORD_TOO_COMMON'],
      ['leader-is-my-name', 'PASSWORD_CONTAINS_USERNAME'],
      [DEMO_PASSWORD, 'PASSWORD_UNCHANGED'],
    ];
    for (const [newPassword, code] of cases) {
      const response = await t.request({
        method: 'POST',
        url: '/api/auth/password',
        cookie,
        body: { currentPassword: DEMO_PASSWORD, newPassword },
      });
      assert.equal(response.statusCode, 400, newPassword);
      const body = json<ErrorJson>(response);
      assert.equal(body.error.code, 'VALIDATION_FAILED');
      assert.equal(body.error.details?.[0]?.code, code, newPassword);
      assert.equal(body.error.details?.[0]?.path, 'newPassword');
    }
    const wrongCurrent = await t.request({
      method: 'POST',
      url: '/api/auth/password',
      cookie,
      body: { currentPassword: 'not-my-password', newPassword: 'Lantern-harbour-1987' },
    });
    assert.equal(json<ErrorJson>(wrongCurrent).error.details?.[0]?.code, 'WRONG_PASSWORD');
  });

  it('with password rotation on, an old password must be changed before anything else', async () => {
    const unit = await orgUnitId(t, '示例区工商联');
    const id = await createAccount(t, { username: 'rotator', orgUnitId: unit, roles: ['federation_staff'] });
    await t.database.pool.query(
      "UPDATE users SET password_changed_at = $2::timestamptz - interval '100 days' WHERE id = $1",
      [id, t.ctx.clock.now()],
    );
    const before = await t.ctx.security.getWithVersion();
    await t.database.db.transaction((tx) =>
      t.ctx.security.save(tx, { ...before.value, passwordMaxAgeDays: 90 }, before.version),
    );
    t.ctx.security.invalidate();
    try {
      const login = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        body: { username: 'rotator', password: DEMO_PASSWORD },
      });
      assert.equal(json<{ user: { mustChangePassword: boolean } }>(login).user.mustChangePassword, true);
      const cookie = `qinqing_sid=${login.cookies[0]?.value}`;
      assert.equal((await t.request({ url: '/api/org-units', cookie })).statusCode, 403);
      const changed = await t.request({
        method: 'POST',
        url: '/api/auth/password',
        cookie,
        body: { currentPassword: DEMO_PASSWORD, newPassword: 'Autumn-ledger-window-8' },
      });
      assert.equal(changed.statusCode, 200);
      assert.equal((await t.request({ url: '/api/org-units', cookie })).statusCode, 200);
    } finally {
      const current = await t.ctx.security.getWithVersion();
      await t.database.db.transaction((tx) => t.ctx.security.save(tx, before.value, current.version));
      t.ctx.security.invalidate();
    }
  });

  it('refuses a 10 KB password before hashing it', async () => {
    const started = process.hrtime.bigint();
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'staff', password: 'x'.repeat(10_240) },
    });
    assert.equal(response.statusCode, 400);
    assert.equal(json<ErrorJson>(response).error.details?.[0]?.path, 'password');
    assert.ok(process.hrtime.bigint() - started >= 0n);
    const { rows } = await t.database.pool.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE detail->>'reason' = 'wrong_password' AND actor_name = 'staff'",
    );
    assert.equal(rows[0]?.n, 0, 'no password check was made');
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  before(async () => {
    t = await setupTestApp({ env: { QINQING_LOGIN_RATE_LIMIT: '3' } });
  });
  after(() => t.close());

  it('answers 429 RATE_LIMITED past the per-IP limit', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const response = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        body: { username: 'x', password: 'y-password' },
      });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) assert.equal(json<ErrorJson>(response).error.code, 'RATE_LIMITED');
    }
    assert.deepEqual(statuses, [401, 401, 401, 429]);
  });
});

describe('security defaults (issue 11): complexity, administrators’ password lifetime, the image challenge', () => {
  let t: TestApp;
  before(async () => {
    t = await setupTestApp({ env: { QINQING_LOGIN_RATE_LIMIT: '1000' } });
  });
  after(() => t.close());

  const post = (body: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/auth/login', body });
  const codeOf = (response: { json(): unknown }) => (response.json() as ErrorJson).error.code;

  it('refuses a long password of one or two character classes with a clear 400', async () => {
    const cookie = await t.signIn('leader');
    for (const newPassword of ['lanternharbourriver', 'lantern-harbour-river', 'LANTERNHARBOUR1987']) {
      const response = await t.request({
        method: 'POST',
        url: '/api/auth/password',
        cookie,
        body: { currentPassword: DEMO_PASSWORD, newPassword },
      });
      assert.equal(response.statusCode, 400, newPassword);
      const detail = json<ErrorJson>(response).error.details?.[0];
      assert.equal(detail?.code, 'PASSWORD_TOO_SIMPLE', newPassword);
      assert.equal(detail?.path, 'newPassword');
      assert.match(detail?.message ?? '', /至少三类/);
    }
  });

  it('an administrator’s password expires after 90 days: the next login must change it first', async () => {
    const unit = await orgUnitId(t, '示例市工商联');
    await createAccount(t, { username: 'old-secadmin', orgUnitId: unit, roles: ['security_admin'] });
    await createAccount(t, { username: 'old-staff', orgUnitId: unit, roles: ['federation_staff'] });
    try {
      t.ctx.clock.advance(89 * 86_400_000);
      const fresh = await post({ username: 'old-secadmin', password: DEMO_PASSWORD });
      assert.equal(json<{ user: { mustChangePassword: boolean } }>(fresh).user.mustChangePassword, false);
      t.ctx.clock.advance(2 * 86_400_000);
      const expired = await post({ username: 'old-secadmin', password: DEMO_PASSWORD });
      assert.equal(expired.statusCode, 200);
      assert.equal(json<{ user: { mustChangePassword: boolean } }>(expired).user.mustChangePassword, true);
      const cookie = `qinqing_sid=${expired.cookies[0]?.value}`;
      const blocked = await t.request({ url: '/api/settings/security', cookie });
      assert.equal(blocked.statusCode, 403);
      assert.equal(codeOf(blocked), 'PASSWORD_CHANGE_REQUIRED');
      // The session that was open before the 90 days ran out is held too.
      assert.equal(
        json<{ user: { mustChangePassword: boolean } }>(await t.request({ url: '/api/auth/me', cookie })).user
          .mustChangePassword,
        true,
      );
      // Business accounts have no lifetime by default.
      const staff = await post({ username: 'old-staff', password: DEMO_PASSWORD });
      assert.equal(json<{ user: { mustChangePassword: boolean } }>(staff).user.mustChangePassword, false);
      const changed = await t.request({
        method: 'POST',
        url: '/api/auth/password',
        cookie,
        body: { currentPassword: DEMO_PASSWORD, newPassword: 'Granite-orchard-5522' },
      });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.equal((await t.request({ url: '/api/settings/security', cookie })).statusCode, 200);
    } finally {
      t.ctx.clock.reset();
    }
  });

  it('after three failures for a username, the login asks for the image challenge, even with the right password', async () => {
    const unit = await orgUnitId(t, '示例区工商联');
    await createAccount(t, { username: 'guessed', orgUnitId: unit, roles: ['federation_staff'] });
    for (let i = 0; i < 3; i++) {
      assert.equal(
        codeOf(await post({ username: 'guessed', password: 'Wrong-password-1' })),
        'INVALID_CREDENTIALS',
      );
    }
    const asked = await post({ username: 'GUESSED', password: DEMO_PASSWORD });
    assert.equal(asked.statusCode, 401);
    assert.equal(codeOf(asked), 'CHALLENGE_REQUIRED');
    assert.match(json<ErrorJson>(asked).error.message, /验证码/);
    // Unknown usernames are asked alike: the challenge does not tell which accounts exist.
    for (let i = 0; i < 3; i++) await post({ username: 'no-such-user', password: 'Wrong-password-1' });
    assert.equal(
      codeOf(await post({ username: 'no-such-user', password: 'Wrong-password-1' })),
      'CHALLENGE_REQUIRED',
    );

    const image = await t.request({ method: 'POST', url: '/api/auth/challenge', body: {} });
    assert.equal(image.statusCode, 200);
    const challenge = json<{ challengeId: string; image: string; expiresAt: string }>(image);
    const png = Buffer.from(challenge.image.replace(/^data:image\/png;base64,/, ''), 'base64');
    assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
    assert.equal(Date.parse(challenge.expiresAt) - t.ctx.clock.now().getTime() <= 5 * 60_000, true);

    // A wrong answer is refused and uses the challenge up; it is no password attempt (no lockout count).
    const wrong = await post({
      username: 'guessed',
      password: DEMO_PASSWORD,
      challengeId: challenge.challengeId,
      challengeAnswer: '00000',
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(codeOf(wrong), 'CHALLENGE_FAILED');
    const { rows } = await t.database.pool.query(
      "SELECT failed_login_count FROM users WHERE username = 'guessed'",
    );
    assert.equal(rows[0]?.failed_login_count, 3);

    // Right answer, right password: in; the username's failures are forgotten.
    const solved = await solvedChallenge(t);
    const ok = await post({ username: 'guessed', password: DEMO_PASSWORD, ...solved });
    assert.equal(ok.statusCode, 200, ok.body);
    // One-time: the same challenge cannot be answered twice.
    for (let i = 0; i < 3; i++) await post({ username: 'guessed', password: 'Wrong-password-1' });
    const replay = await post({ username: 'guessed', password: DEMO_PASSWORD, ...solved });
    assert.equal(codeOf(replay), 'CHALLENGE_FAILED');
    assert.equal(
      (await post({ username: 'guessed', password: DEMO_PASSWORD, ...(await solvedChallenge(t)) }))
        .statusCode,
      200,
    );
    const audited = await t.database.pool.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.login' AND detail->>'reason' = 'challenge_failed'",
    );
    assert.equal(audited.rows[0]?.n, 2);
  });

  it('an expired challenge is refused', async () => {
    for (let i = 0; i < 3; i++) await post({ username: 'slow-typist', password: 'Wrong-password-1' });
    const solved = await solvedChallenge(t);
    try {
      t.ctx.clock.advance(6 * 60_000);
      const late = await post({ username: 'slow-typist', password: 'Wrong-password-1', ...solved });
      assert.equal(codeOf(late), 'CHALLENGE_FAILED');
    } finally {
      t.ctx.clock.reset();
    }
  });

  it('failures are forgotten after the lockout window: no challenge once it has passed', async () => {
    for (let i = 0; i < 3; i++) await post({ username: 'returning', password: 'Wrong-password-1' });
    assert.equal(
      codeOf(await post({ username: 'returning', password: 'Wrong-password-1' })),
      'CHALLENGE_REQUIRED',
    );
    try {
      t.ctx.clock.advance(16 * 60_000);
      assert.equal(
        codeOf(await post({ username: 'returning', password: 'Wrong-password-1' })),
        'INVALID_CREDENTIALS',
      );
    } finally {
      t.ctx.clock.reset();
    }
  });
});
