// API tests of the security settings (安全设置): read and changed by the security administrator with
// versions and audit records, in force at once for passwords and lockout — against a real PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SecuritySettings } from '@qinqing/shared';
import {
  createAccount,
  DEMO_PASSWORD,
  json,
  login,
  orgUnitId,
  setupTestApp,
  type ErrorJson,
  type TestApp,
} from '../../test/harness.ts';

type SettingsJson = { settings: SecuritySettings; version: number };

/** The defaults the test app starts from (no QINQING_* overrides). */
// Issue 11 turned the security defaults on: complexity, a 90-day lifetime for administrators' passwords and
// an image challenge after three failed sign-ins.
const DEFAULTS: SecuritySettings = {
  passwordMinLength: 12,
  passwordRequireComplexity: true,
  passwordMaxAgeDays: 0,
  adminPasswordMaxAgeDays: 90,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  loginChallengeThreshold: 3,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
};

describe('security settings', () => {
  let t: TestApp;
  let secadmin: string;

  const count = async (sql: string) =>
    (await t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`)).rows[0]?.n;
  const snapshot = async () => ({
    audit: await count('audit_events'),
    stored: (await t.database.pool.query("SELECT value, version FROM settings WHERE key = 'security'"))
      .rows[0],
  });

  const read = async () => {
    const response = await t.request({ url: '/api/settings/security', cookie: secadmin });
    assert.equal(response.statusCode, 200, response.body);
    return json<SettingsJson>(response);
  };
  const put = (body: unknown, cookie = secadmin) =>
    t.request({ method: 'PUT', url: '/api/settings/security', cookie, body });
  /** Changes some settings from their current values, at the current version. */
  const change = async (changes: Partial<SecuritySettings>) => {
    const current = await read();
    const response = await put({ settings: { ...current.settings, ...changes }, version: current.version });
    assert.equal(response.statusCode, 200, response.body);
    return json<SettingsJson>(response);
  };

  before(async () => {
    t = await setupTestApp({ env: { QINQING_LOGIN_RATE_LIMIT: '1000' } });
    secadmin = await t.signIn('secadmin');
  });
  after(() => t.close());

  it('the security administrator reads the defaults, at version 0 before any change', async () => {
    assert.deepEqual(await read(), { settings: DEFAULTS, version: 0 });
  });

  it('updates: the version increments, the change is audited with before and after; a stale version → 409', async () => {
    const response = await put({
      settings: { ...DEFAULTS, passwordMinLength: 14, lockoutMinutes: 30 },
      version: 0,
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(json<SettingsJson>(response), {
      settings: { ...DEFAULTS, passwordMinLength: 14, lockoutMinutes: 30 },
      version: 1,
    });
    assert.equal((await read()).version, 1);
    const { rows } = await t.database.pool.query(
      "SELECT actor_name, object_type, object_id, detail FROM audit_events WHERE action = 'settings.security_updated' ORDER BY seq DESC LIMIT 1",
    );
    assert.deepEqual(rows[0], {
      actor_name: 'secadmin',
      object_type: 'settings',
      object_id: 'security',
      detail: {
        before: { passwordMinLength: 12, lockoutMinutes: 15 },
        after: { passwordMinLength: 14, lockoutMinutes: 30 },
      },
    });

    const before = await snapshot();
    const stale = await put({ settings: { ...DEFAULTS, passwordMinLength: 40 }, version: 0 });
    assert.equal(stale.statusCode, 409);
    assert.equal(json<ErrorJson>(stale).error.code, 'VERSION_CONFLICT');
    assert.deepEqual(await snapshot(), before);
    assert.equal((await read()).settings.passwordMinLength, 14);

    const next = await put({ settings: DEFAULTS, version: 1 });
    assert.equal(json<SettingsJson>(next).version, 2);
    assert.deepEqual((await read()).settings, DEFAULTS);
  });

  it('the first save is refused too when its version is not 0', async () => {
    const fresh = await setupTestApp();
    try {
      const cookie = await fresh.signIn('secadmin');
      const response = await fresh.request({
        method: 'PUT',
        url: '/api/settings/security',
        cookie,
        body: { settings: DEFAULTS, version: 7 },
      });
      assert.equal(response.statusCode, 409);
    } finally {
      await fresh.close();
    }
  });

  it('a raised minimum password length applies at once, though the settings were just read and cached', async () => {
    const unit = await orgUnitId(t, '示例区工商联');
    await createAccount(t, { username: 'min.length', orgUnitId: unit });
    const cookie = await t.signIn('min.length');
    // Fill the settings cache (every request with a session reads them), then raise the minimum.
    assert.equal((await t.request({ url: '/api/auth/me', cookie })).statusCode, 200);
    await change({ passwordMinLength: 20 });
    try {
      const refused = await t.request({
        method: 'POST',
        url: '/api/auth/password',
        cookie,
        body: { currentPassword: DEMO_PASSWORD, newPassword: 'Lantern-harbour-87' },
      });
      assert.equal(refused.statusCode, 400);
      const detail = json<ErrorJson>(refused).error.details?.[0];
      assert.equal(detail?.code, 'PASSWORD_TOO_SHORT');
      assert.match(detail?.message ?? '', /20/);

      const sysadmin = await t.signIn('sysadmin');
      const created = await t.request({
        method: 'POST',
        url: '/api/users',
        cookie: sysadmin,
        body: {
          username: 'too.short',
          displayName: '短',
          orgUnitId: unit,
          initialPassword: 'Lantern-harbour-87',
        },
      });
      assert.equal(created.statusCode, 400);
      assert.equal(json<ErrorJson>(created).error.details?.[0]?.code, 'PASSWORD_TOO_SHORT');

      const accepted = await t.request({
        method: 'POST',
        url: '/api/auth/password',
        cookie,
        body: { currentPassword: DEMO_PASSWORD, newPassword: 'Lantern-harbour-river-87' },
      });
      assert.equal(accepted.statusCode, 200, accepted.body);
    } finally {
      await change({ passwordMinLength: DEFAULTS.passwordMinLength });
    }
  });

  it('a lockout threshold of 3 locks an account at the third failure', async () => {
    const unit = await orgUnitId(t, '示例区工商联');
    await createAccount(t, { username: 'three.strikes', orgUnitId: unit });
    await change({ lockoutThreshold: 3 });
    try {
      // After three failures the server asks for the image challenge: answered, as a person would.
      const attempt = (password: string) => login(t, { username: 'three.strikes', password });
      assert.equal((await attempt('wrong-password-01')).statusCode, 401);
      assert.equal((await attempt('wrong-password-02')).statusCode, 401);
      const third = await attempt('wrong-password-03');
      assert.equal(third.statusCode, 423);
      assert.equal(json<ErrorJson>(third).error.code, 'ACCOUNT_LOCKED');
      assert.equal((await attempt(DEMO_PASSWORD)).statusCode, 423);
      assert.equal(
        await count("audit_events WHERE action = 'auth.account_locked' AND actor_name = 'three.strikes'"),
        1,
      );
    } finally {
      await change({ lockoutThreshold: DEFAULTS.lockoutThreshold });
    }
  });

  it('refuses values out of range, unknown or missing fields and wrong types with 400, nothing written', async () => {
    const { version } = await read();
    const cases: [string, unknown][] = [
      ['passwordMinLength 4', { settings: { ...DEFAULTS, passwordMinLength: 4 }, version }],
      ['passwordMinLength 65', { settings: { ...DEFAULTS, passwordMinLength: 65 }, version }],
      ['lockoutThreshold 0', { settings: { ...DEFAULTS, lockoutThreshold: 0 }, version }],
      ['a fractional session idle time', { settings: { ...DEFAULTS, sessionIdleMinutes: 7.5 }, version }],
      ['a string for a number', { settings: { ...DEFAULTS, lockoutMinutes: '15' }, version }],
      ['an unknown setting', { settings: { ...DEFAULTS, allowWeakPasswords: true }, version }],
      ['an unknown top-level field', { settings: DEFAULTS, version, force: true }],
      ['a missing setting', { settings: { ...DEFAULTS, passwordMinLength: undefined }, version }],
      ['a missing version', { settings: DEFAULTS }],
    ];
    const before = await snapshot();
    for (const [name, body] of cases) {
      const response = await put(body);
      assert.equal(response.statusCode, 400, name);
      assert.equal(json<ErrorJson>(response).error.code, 'VALIDATION_FAILED', name);
    }
    const short = json<ErrorJson>(await put(cases[0]?.[1]));
    assert.deepEqual(
      short.error.details?.map((d) => d.path),
      ['settings.passwordMinLength'],
    );
    assert.deepEqual(await snapshot(), before);
  });

  it('the system administrator, the auditor and staff get 403; anonymous 401; nothing written', async () => {
    const current = await read();
    const before = await snapshot();
    const updates = await count("audit_events WHERE action = 'settings.security_updated'");
    for (const username of ['sysadmin', 'auditor', 'staff']) {
      const cookie = await t.sessionFor(await t.userId(username));
      const got = await t.request({ url: '/api/settings/security', cookie });
      assert.equal(got.statusCode, 403, username);
      assert.equal(json<ErrorJson>(got).error.code, 'FORBIDDEN');
      const changed = await put(
        { settings: { ...current.settings, lockoutThreshold: 100 }, version: current.version },
        cookie,
      );
      assert.equal(changed.statusCode, 403, username);
    }
    assert.equal((await t.request({ url: '/api/settings/security' })).statusCode, 401);
    assert.deepEqual((await snapshot()).stored, before.stored);
    assert.equal(await count("audit_events WHERE action = 'settings.security_updated'"), updates);
    assert.deepEqual(await read(), current);
  });
});
