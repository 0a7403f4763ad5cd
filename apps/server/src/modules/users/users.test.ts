// API tests of accounts (用户管理): listing, creation, updates, password reset, unlock, role grants (三员分立),
// who may call what, and org-unit scope — against a real PostgreSQL.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { repoRoot } from '../../config.ts';
import {
  createAccount,
  DEMO_PASSWORD,
  json,
  login as loginAnswering,
  orgUnitId,
  setupTestApp,
  TEST_AUDIT_KEY,
  type ErrorJson,
  type TestApp,
} from '../../test/harness.ts';

interface UserJson {
  id: string;
  username: string;
  displayName: string;
  orgUnitId: string;
  orgUnitName: string;
  enterpriseId: string | null;
  roles: string[];
  disabled: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  version: number;
}

type UserPage = { items: UserJson[]; total: number; page: number; pageSize: number };

const STRONG = 'Harbour-lantern-2031';

describe('users', () => {
  let t: TestApp;
  let sysadmin: string;
  let secadmin: string;
  let district: string;
  let city: string;

  const count = async (sql: string, params: unknown[] = []) =>
    (await t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]?.n;

  /** Row counts that a refused request must leave as they were. */
  const snapshot = async () => ({ users: await count('users'), audit: await count('audit_events') });

  const userRow = async (id: string) =>
    (
      await t.database.pool.query<{
        display_name: string;
        roles: string[];
        disabled: boolean;
        version: number;
        must_change_password: boolean;
      }>('SELECT display_name, roles, disabled, version, must_change_password FROM users WHERE id = $1', [id])
    ).rows[0];

  const lastAudit = async (action: string) =>
    (
      await t.database.pool.query<{
        actor_id: string | null;
        actor_name: string | null;
        object_id: string | null;
        result: string;
        detail: Record<string, unknown> | null;
      }>(
        'SELECT actor_id, actor_name, object_id, result, detail FROM audit_events WHERE action = $1 ORDER BY seq DESC LIMIT 1',
        [action],
      )
    ).rows[0];

  const getUser = async (id: string, cookie = sysadmin) =>
    json<{ user: UserJson }>(await t.request({ url: `/api/users/${id}`, cookie })).user;

  const list = async (query: string, cookie = sysadmin) => {
    const response = await t.request({ url: `/api/users${query}`, cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<UserPage>(response);
  };

  /** A login as a person makes it: answering the image challenge the server asks for after failures. */
  const login = (username: string, password: string) => loginAnswering(t, { username, password });

  /** The response carries no password hash, under any name. */
  const assertNoSecrets = (response: LightMyRequestResponse) => {
    assert.doesNotMatch(response.body, /argon2|passwordHash|password_hash/i);
  };

  before(async () => {
    t = await setupTestApp({ env: { QINQING_LOGIN_RATE_LIMIT: '1000' } });
    sysadmin = await t.signIn('sysadmin');
    secadmin = await t.signIn('secadmin');
    district = await orgUnitId(t, '示例区工商联');
    city = await orgUnitId(t, '示例市工商联');
  });
  after(() => t.close());

  describe('listing', () => {
    it('lists every account in scope, ordered by username, with the total', async () => {
      const page = await list('');
      assert.equal(page.total, 12);
      assert.deepEqual(
        page.items.map((u) => u.username),
        [
          'auditor',
          'banker', // the partner banks' account managers (融资对接, issue 14)
          'banker2',
          'courtliaison', // the city court's liaison (issue 10 item 5)
          'hrhead',
          'leader',
          'liaison',
          'member',
          'secadmin',
          'secretary',
          'staff',
          'sysadmin',
        ],
      );
      const staff = page.items.find((u) => u.username === 'staff');
      assert.equal(staff?.displayName, '王晓燕');
      assert.equal(staff?.orgUnitName, '示例区工商联');
      assert.deepEqual(staff?.roles, ['federation_staff']);
    });

    it('filters by q on username or display name, case-insensitively, with LIKE characters taken literally', async () => {
      assert.deepEqual(
        (await list(`?q=${encodeURIComponent('王晓')}`)).items.map((u) => u.username),
        ['staff'],
      );
      assert.deepEqual(
        (await list('?q=ADMIN')).items.map((u) => u.username),
        ['secadmin', 'sysadmin'],
      );
      const percent = await list(`?q=${encodeURIComponent('%')}`);
      assert.equal(percent.total, 0);
      assert.equal((await list('?q=_')).total, 0);
    });

    it('filters by role and by org unit', async () => {
      const secretaries = await list('?role=chamber_secretary');
      assert.deepEqual(
        secretaries.items.map((u) => u.username),
        ['secretary'],
      );
      assert.equal(secretaries.total, 1);
      const inDistrict = await list(`?orgUnitId=${district}`);
      assert.deepEqual(
        inDistrict.items.map((u) => u.username),
        ['leader', 'staff'],
      );
      const both = await list(`?orgUnitId=${district}&role=federation_leader`);
      assert.deepEqual(
        both.items.map((u) => u.username),
        ['leader'],
      );
    });

    it('pages: the pages together are the whole list, and the total stays the same', async () => {
      const first = await list('?pageSize=5&page=1');
      const second = await list('?pageSize=5&page=2');
      const third = await list('?pageSize=5&page=3');
      assert.deepEqual(
        [first, second, third].map((p) => p.items.length),
        [5, 5, 2],
      );
      assert.deepEqual(
        [first, second, third].map((p) => p.total),
        [12, 12, 12],
      );
      assert.equal(second.page, 2);
      assert.equal(second.pageSize, 5);
      const all = [...first.items, ...second.items, ...third.items].map((u) => u.username);
      assert.deepEqual(
        all,
        (await list('')).items.map((u) => u.username),
      );
      assert.equal((await list('?pageSize=5&page=4')).items.length, 0);
    });

    it('refuses an unknown role, an unknown filter and a page size over 200 with 400', async () => {
      for (const query of ['?role=superuser', '?sort=username', '?pageSize=201', '?orgUnitId=nope']) {
        const response = await t.request({ url: `/api/users${query}`, cookie: sysadmin });
        assert.equal(response.statusCode, 400, query);
        assert.equal(json<ErrorJson>(response).error.code, 'VALIDATION_FAILED', query);
      }
    });

    it('never shows a password hash', async () => {
      const listed = await t.request({ url: '/api/users', cookie: sysadmin });
      assertNoSecrets(listed);
      const one = await t.request({ url: `/api/users/${await t.userId('staff')}`, cookie: secadmin });
      assert.equal(one.statusCode, 200);
      assertNoSecrets(one);
    });
  });

  describe('creating an account', () => {
    const create = (body: unknown, cookie = sysadmin) =>
      t.request({ method: 'POST', url: '/api/users', cookie, body });

    it('creates it (201) with an initial password to change, no roles, and an audit record', async () => {
      const response = await create({
        username: 'zhao.lei',
        displayName: '赵磊',
        orgUnitId: district,
        initialPassword: STRONG,
      });
      assert.equal(response.statusCode, 201, response.body);
      assertNoSecrets(response);
      const { user } = json<{ user: UserJson }>(response);
      assert.equal(user.username, 'zhao.lei');
      assert.equal(user.displayName, '赵磊');
      assert.equal(user.orgUnitId, district);
      assert.equal(user.orgUnitName, '示例区工商联');
      assert.deepEqual(user.roles, []);
      assert.equal(user.mustChangePassword, true);
      assert.equal(user.disabled, false);
      assert.equal(user.version, 1);

      const row = await userRow(user.id);
      assert.deepEqual(row?.roles, []);
      assert.equal(row?.must_change_password, true);

      const audit = await lastAudit('user.created');
      assert.equal(audit?.actor_name, 'sysadmin');
      assert.equal(audit?.actor_id, await t.userId('sysadmin'));
      assert.equal(audit?.object_id, user.id);
      assert.equal(audit?.result, 'success');
      assert.deepEqual(audit?.detail, {
        after: { username: 'zhao.lei', displayName: '赵磊', orgUnitId: district },
      });
      assert.doesNotMatch(JSON.stringify(audit?.detail), new RegExp(STRONG));

      // The new account signs in with the initial password and is told to change it.
      const signedIn = await login('zhao.lei', STRONG);
      assert.equal(signedIn.statusCode, 200);
      assert.equal(json<{ user: UserJson }>(signedIn).user.mustChangePassword, true);
    });

    it('refuses a username already taken, whatever its case: 409 USERNAME_TAKEN, nothing written', async () => {
      const before = await snapshot();
      for (const username of ['staff', 'STAFF', 'Staff']) {
        const response = await create({
          username,
          displayName: '重名',
          orgUnitId: district,
          initialPassword: STRONG,
        });
        assert.equal(response.statusCode, 409, username);
        const body = json<ErrorJson>(response);
        assert.equal(body.error.code, 'CONFLICT');
        assert.deepEqual(
          body.error.details?.map((d) => [d.path, d.code]),
          [['username', 'USERNAME_TAKEN']],
        );
      }
      assert.deepEqual(await snapshot(), before);
    });

    it('two simultaneous creations of one username: one 201, the other 409 USERNAME_TAKEN (not 500)', async () => {
      const body = { username: 'twin', displayName: '双胞胎', orgUnitId: district, initialPassword: STRONG };
      const responses = await Promise.all([create(body), create({ ...body, username: 'TWIN' })]);
      assert.deepEqual(responses.map((r) => r.statusCode).sort(), [201, 409]);
      const refused = responses.find((r) => r.statusCode === 409);
      assert.equal(refused && json<ErrorJson>(refused).error.details?.[0]?.code, 'USERNAME_TAKEN');
      assert.equal(await count("users WHERE lower(username) = 'twin'"), 1);
      assert.equal(
        await count(
          "audit_events WHERE action = 'user.created' AND detail->'after'->>'username' ILIKE 'twin'",
        ),
        1,
      );
    });

    it('refuses a weak initial password with the reason on initialPassword, nothing written', async () => {
      const before = await snapshot();
      const cases: [string, string][] = [
        ['Short-1', 'PASSWORD_TOO_SHORT'],
        ['password1234', 'PASSWORD_TOO_COMMON'],
        ['wei.ming-secret-99', 'PASSWORD_CONTAINS_USERNAME'],
      ];
      for (const [initialPassword, code] of cases) {
        const response = await create({
          username: 'wei.ming',
          displayName: '魏明',
          orgUnitId: district,
          initialPassword,
        });
        assert.equal(response.statusCode, 400, initialPassword);
        const body = json<ErrorJson>(response);
        assert.equal(body.error.code, 'VALIDATION_FAILED');
        assert.equal(body.error.details?.[0]?.path, 'initialPassword', initialPassword);
        assert.equal(body.error.details?.[0]?.code, code, initialPassword);
      }
      assert.deepEqual(await snapshot(), before);
    });

    const valid = { username: 'qian.hua', displayName: '钱华', initialPassword: STRONG };
    const badBodies: [string, () => unknown, string][] = [
      ['an unknown field (roles)', () => ({ ...valid, orgUnitId: district, roles: ['system_admin'] }), ''],
      [
        'an unknown field (mustChangePassword)',
        () => ({ ...valid, orgUnitId: district, mustChangePassword: false }),
        '',
      ],
      ['a number as username', () => ({ ...valid, orgUnitId: district, username: 12345 }), 'username'],
      [
        'a username starting with a digit',
        () => ({ ...valid, orgUnitId: district, username: '1qian' }),
        'username',
      ],
      ['a malformed org unit id', () => ({ ...valid, orgUnitId: 'district' }), 'orgUnitId'],
      [
        'a missing initial password',
        () => ({ username: 'qian.hua', displayName: '钱华', orgUnitId: district }),
        'initialPassword',
      ],
      [
        'a NUL byte in displayName',
        () => ({ ...valid, orgUnitId: district, displayName: '钱\u0000华' }),
        'displayName',
      ],
      ['a blank displayName', () => ({ ...valid, orgUnitId: district, displayName: '   ' }), 'displayName'],
      ['an array body', () => [valid], ''],
    ];
    for (const [name, body, path] of badBodies) {
      it(`refuses ${name} with 400 VALIDATION_FAILED, nothing written`, async () => {
        const before = await snapshot();
        const response = await create(body());
        assert.equal(response.statusCode, 400, response.body);
        const error = json<ErrorJson>(response).error;
        assert.equal(error.code, 'VALIDATION_FAILED');
        if (path)
          assert.ok(
            error.details?.some((d) => d.path === path),
            JSON.stringify(error.details),
          );
        assert.deepEqual(await snapshot(), before);
        assert.equal(await count("users WHERE username = 'qian.hua'"), 0);
      });
    }

    it('names the control character', async () => {
      const response = await create({ ...valid, orgUnitId: district, displayName: '钱\u0000华' });
      assert.deepEqual(
        json<ErrorJson>(response).error.details?.map((d) => [d.path, d.code]),
        [['displayName', 'CONTROL_CHARACTER']],
      );
    });

    it('refuses an org unit outside the caller’s scope or unknown with 400 on orgUnitId, nothing written', async () => {
      await createAccount(t, { username: 'district.creator', orgUnitId: district, roles: ['system_admin'] });
      const districtAdmin = await t.signIn('district.creator');
      const before = await snapshot();
      for (const [cookie, unit] of [
        [districtAdmin, city],
        [sysadmin, '00000000-0000-4000-8000-000000000000'],
      ] as const) {
        const response = await create({ ...valid, orgUnitId: unit }, cookie);
        assert.equal(response.statusCode, 400);
        const error = json<ErrorJson>(response).error;
        assert.equal(error.code, 'VALIDATION_FAILED');
        assert.deepEqual(
          error.details?.map((d) => [d.path, d.code]),
          [['orgUnitId', 'NOT_FOUND']],
        );
      }
      assert.deepEqual(await snapshot(), before);
      // Within its own subtree the district administrator may create.
      const street = await orgUnitId(t, '东湖街道工商联');
      assert.equal((await create({ ...valid, orgUnitId: street }, districtAdmin)).statusCode, 201);
    });
  });

  describe('changing an account', () => {
    const patch = (id: string, body: unknown, cookie = sysadmin) =>
      t.request({ method: 'PATCH', url: `/api/users/${id}`, cookie, body });

    it('updates with the current version, audits before and after; a stale version → 409, nothing changed', async () => {
      const id = await createAccount(t, { username: 'sun.li', orgUnitId: district });
      const current = await getUser(id);
      const updated = await patch(id, { version: current.version, displayName: '孙丽' });
      assert.equal(updated.statusCode, 200, updated.body);
      assertNoSecrets(updated);
      const user = json<{ user: UserJson }>(updated).user;
      assert.equal(user.displayName, '孙丽');
      assert.equal(user.version, current.version + 1);
      const audit = await lastAudit('user.updated');
      assert.equal(audit?.object_id, id);
      assert.equal(audit?.actor_name, 'sysadmin');
      assert.deepEqual(audit?.detail, { before: { displayName: 'sun.li' }, after: { displayName: '孙丽' } });

      const before = await snapshot();
      const stale = await patch(id, { version: current.version, displayName: '孙小丽' });
      assert.equal(stale.statusCode, 409);
      assert.equal(json<ErrorJson>(stale).error.code, 'VERSION_CONFLICT');
      assert.equal((await userRow(id))?.display_name, '孙丽');
      assert.equal((await userRow(id))?.version, current.version + 1);
      assert.deepEqual(await snapshot(), before);
    });

    it('sets and clears the email address notifications are sent to; refuses a malformed one', async () => {
      const id = await createAccount(t, { username: 'mail.li', orgUnitId: district });
      const current = await getUser(id);
      const set = await patch(id, { version: current.version, email: ' mail.li@example.org ' });
      assert.equal(set.statusCode, 200, set.body);
      assert.equal(json<{ user: { email: string | null } }>(set).user.email, 'mail.li@example.org');
      assert.deepEqual((await lastAudit('user.updated'))?.detail, {
        before: { email: null },
        after: { email: 'mail.li@example.org' },
      });
      const bad = await patch(id, { version: current.version + 1, email: 'not-an-address' });
      assert.equal(bad.statusCode, 400);
      assert.equal(json<ErrorJson>(bad).error.details?.[0]?.path, 'email');
      const cleared = await patch(id, { version: current.version + 1, email: null });
      assert.equal(json<{ user: { email: string | null } }>(cleared).user.email, null);
    });

    it('moving an account where its role may not sit is refused', async () => {
      const liaison = await t.userId('liaison');
      const current = await getUser(liaison);
      const street = await orgUnitId(t, '东湖街道工商联');
      const response = await patch(liaison, { version: current.version, orgUnitId: street });
      assert.equal(response.statusCode, 400);
      assert.equal(json<ErrorJson>(response).error.details?.[0]?.code, 'ROLE_NOT_ALLOWED_FOR_ORG_UNIT');
      assert.equal((await getUser(liaison)).orgUnitName, '人力资源社会保障局');
    });

    it('an enterprise contact cannot lose its enterprise (400 ENTERPRISE_REQUIRED)', async () => {
      const member = await t.userId('member');
      const current = await getUser(member);
      assert.ok(current.enterpriseId);
      const response = await patch(member, { version: current.version, enterpriseId: null });
      assert.equal(response.statusCode, 400);
      assert.equal(json<ErrorJson>(response).error.details?.[0]?.code, 'ENTERPRISE_REQUIRED');
      assert.equal((await getUser(member)).enterpriseId, current.enterpriseId);
    });

    it('disabling an account ends all its sessions and it can no longer sign in', async () => {
      const id = await createAccount(t, {
        username: 'zhou.qiang',
        orgUnitId: district,
        roles: ['federation_staff'],
      });
      const first = await t.signIn('zhou.qiang');
      const second = await t.signIn('zhou.qiang');
      assert.equal((await t.request({ url: '/api/auth/me', cookie: first })).statusCode, 200);
      assert.equal(await count('sessions WHERE user_id = $1', [id]), 2);

      const response = await patch(id, { version: (await getUser(id)).version, disabled: true });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(json<{ user: UserJson }>(response).user.disabled, true);
      assert.equal(await count('sessions WHERE user_id = $1', [id]), 0);
      for (const cookie of [first, second]) {
        assert.equal((await t.request({ url: '/api/auth/me', cookie })).statusCode, 401);
      }
      const refused = await login('zhou.qiang', DEMO_PASSWORD);
      assert.equal(refused.statusCode, 401);
      assert.equal(json<ErrorJson>(refused).error.code, 'INVALID_CREDENTIALS');
      assert.deepEqual((await lastAudit('user.updated'))?.detail, {
        before: { disabled: false },
        after: { disabled: true },
      });

      // Enabled again, it signs in.
      assert.equal(
        (await patch(id, { version: (await getUser(id)).version, disabled: false })).statusCode,
        200,
      );
      assert.equal((await login('zhou.qiang', DEMO_PASSWORD)).statusCode, 200);
    });

    it('the system administrator cannot disable their own account', async () => {
      const self = await t.userId('sysadmin');
      const current = await getUser(self);
      const before = await snapshot();
      const response = await patch(self, { version: current.version, disabled: true });
      assert.equal(response.statusCode, 400);
      assert.deepEqual(
        json<ErrorJson>(response).error.details?.map((d) => [d.path, d.code]),
        [['disabled', 'CANNOT_DISABLE_SELF']],
      );
      assert.equal((await userRow(self))?.disabled, false);
      assert.equal((await userRow(self))?.version, current.version);
      assert.deepEqual(await snapshot(), before);
      assert.equal((await t.request({ url: '/api/auth/me', cookie: sysadmin })).statusCode, 200);
    });

    it('resetting the password: must change at next login, lock lifted, every session ended', async () => {
      const id = await createAccount(t, {
        username: 'wu.gang',
        orgUnitId: district,
        roles: ['federation_staff'],
      });
      const session = await t.signIn('wu.gang');
      for (let i = 0; i < 5; i++) await login('wu.gang', 'wrong-password-000');
      assert.equal((await login('wu.gang', DEMO_PASSWORD)).statusCode, 423);
      assert.ok((await getUser(id)).lockedUntil);

      const weak = await t.request({
        method: 'POST',
        url: `/api/users/${id}/password`,
        cookie: sysadmin,
        body: { newPassword: 'short' },
      });
      assert.equal(weak.statusCode, 400);
      assert.equal(json<ErrorJson>(weak).error.details?.[0]?.path, 'newPassword');

      const response = await t.request({
        method: 'POST',
        url: `/api/users/${id}/password`,
        cookie: sysadmin,
        body: { newPassword: 'Granite-orchard-5522' },
      });
      assert.equal(response.statusCode, 200, response.body);
      assertNoSecrets(response);
      const user = json<{ user: UserJson }>(response).user;
      assert.equal(user.mustChangePassword, true);
      assert.equal(user.lockedUntil, null);
      assert.equal(await count('sessions WHERE user_id = $1', [id]), 0);
      assert.equal((await t.request({ url: '/api/auth/me', cookie: session })).statusCode, 401);
      assert.equal((await lastAudit('user.password_reset'))?.object_id, id);

      assert.equal((await login('wu.gang', DEMO_PASSWORD)).statusCode, 401);
      const signedIn = await login('wu.gang', 'Granite-orchard-5522');
      assert.equal(signedIn.statusCode, 200);
      assert.equal(json<{ user: UserJson }>(signedIn).user.mustChangePassword, true);
      const cookie = `qinqing_sid=${signedIn.cookies.find((c) => c.name === 'qinqing_sid')?.value}`;
      const blocked = await t.request({ url: '/api/org-units', cookie });
      assert.equal(json<ErrorJson>(blocked).error.code, 'PASSWORD_CHANGE_REQUIRED');
    });

    it('unlocking lifts the lock at once and is audited', async () => {
      const id = await createAccount(t, { username: 'zheng.yi', orgUnitId: district });
      for (let i = 0; i < 5; i++) await login('zheng.yi', 'wrong-password-000');
      const lockedUntil = (await getUser(id)).lockedUntil;
      assert.ok(lockedUntil);
      assert.equal((await login('zheng.yi', DEMO_PASSWORD)).statusCode, 423);

      const response = await t.request({ method: 'POST', url: `/api/users/${id}/unlock`, cookie: sysadmin });
      assert.equal(response.statusCode, 200, response.body);
      assertNoSecrets(response);
      assert.equal(json<{ user: UserJson }>(response).user.lockedUntil, null);
      const audit = await lastAudit('user.unlocked');
      assert.equal(audit?.object_id, id);
      assert.deepEqual(audit?.detail, { before: { lockedUntil } });
      assert.equal((await login('zheng.yi', DEMO_PASSWORD)).statusCode, 200);
    });
  });

  describe('granting roles', () => {
    const grant = (id: string, body: unknown, cookie = secadmin) =>
      t.request({ method: 'PUT', url: `/api/users/${id}/roles`, cookie, body });

    it('the security administrator grants roles; audited with before and after', async () => {
      const id = await createAccount(t, { username: 'feng.yu', orgUnitId: district });
      const current = await getUser(id, secadmin);
      const response = await grant(id, { version: current.version, roles: ['federation_staff'] });
      assert.equal(response.statusCode, 200, response.body);
      assertNoSecrets(response);
      const user = json<{ user: UserJson }>(response).user;
      assert.deepEqual(user.roles, ['federation_staff']);
      assert.equal(user.version, current.version + 1);
      assert.deepEqual((await userRow(id))?.roles, ['federation_staff']);
      const audit = await lastAudit('user.roles_granted');
      assert.equal(audit?.actor_name, 'secadmin');
      assert.equal(audit?.object_id, id);
      assert.deepEqual(audit?.detail, {
        before: { roles: [] },
        after: { roles: ['federation_staff'] },
        adminRoleChanged: false,
      });

      // The grant takes effect: the account now reaches what staff may reach.
      const cookie = await t.signIn('feng.yu');
      assert.equal((await t.request({ url: '/api/org-units', cookie })).statusCode, 200);

      const stale = await grant(id, { version: current.version, roles: ['federation_leader'] });
      assert.equal(stale.statusCode, 409);
      assert.equal(json<ErrorJson>(stale).error.code, 'VERSION_CONFLICT');
      assert.deepEqual((await userRow(id))?.roles, ['federation_staff']);
    });

    it('revoking a role takes effect on the account’s open session at once', async () => {
      const id = await createAccount(t, { username: 'second.sys', orgUnitId: city, roles: ['system_admin'] });
      const cookie = await t.signIn('second.sys');
      assert.equal((await t.request({ url: '/api/users', cookie })).statusCode, 200);
      const response = await grant(id, { version: 1, roles: [] });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal((await lastAudit('user.roles_granted'))?.detail?.adminRoleChanged, true);
      assert.equal((await t.request({ url: '/api/users', cookie })).statusCode, 403);
    });

    it('三员分立: two administrator roles on one account → 409 ROLE_CONFLICT, nothing written', async () => {
      const id = await createAccount(t, { username: 'han.mei', orgUnitId: city });
      const current = await getUser(id, secadmin);
      const before = await snapshot();
      for (const roles of [
        ['system_admin', 'audit_admin'],
        ['security_admin', 'system_admin'],
        ['audit_admin', 'security_admin', 'federation_staff'],
      ]) {
        const response = await grant(id, { version: current.version, roles });
        assert.equal(response.statusCode, 409, roles.join());
        assert.equal(json<ErrorJson>(response).error.code, 'ROLE_CONFLICT');
      }
      assert.deepEqual((await userRow(id))?.roles, []);
      assert.deepEqual(await snapshot(), before);
      // One administrator role is fine, and is marked as an administrator change.
      assert.equal((await grant(id, { version: current.version, roles: ['audit_admin'] })).statusCode, 200);
      assert.equal((await lastAudit('user.roles_granted'))?.detail?.adminRoleChanged, true);
    });

    it('三员分立 holds in the database too: a direct UPDATE is refused by users_separation_of_duties', async () => {
      await assert.rejects(
        t.database.pool.query(
          "UPDATE users SET roles = '{system_admin,security_admin}' WHERE username = 'sysadmin'",
        ),
        (error: { code?: string; constraint?: string }) =>
          error.code === '23514' && error.constraint === 'users_separation_of_duties',
      );
      assert.deepEqual((await userRow(await t.userId('sysadmin')))?.roles, ['system_admin']);
    });

    it('nobody grants their own roles (403 CANNOT_GRANT_SELF)', async () => {
      const self = await t.userId('secadmin');
      const current = await getUser(self, secadmin);
      const before = await snapshot();
      const response = await grant(self, {
        version: current.version,
        roles: ['security_admin', 'federation_leader'],
      });
      assert.equal(response.statusCode, 403);
      const error = json<ErrorJson>(response).error;
      assert.equal(error.code, 'FORBIDDEN');
      assert.equal(error.details?.[0]?.code, 'CANNOT_GRANT_SELF');
      assert.deepEqual((await userRow(self))?.roles, ['security_admin']);
      assert.deepEqual(await snapshot(), before);
    });

    it('placement rules: a role only where it may sit; an enterprise contact needs an enterprise', async () => {
      const atDistrict = await createAccount(t, { username: 'jiang.bo', orgUnitId: district });
      const department = await orgUnitId(t, '税务局');
      const inDepartment = await createAccount(t, { username: 'shen.tao', orgUnitId: department });
      const cases: [string, string[], string][] = [
        [atDistrict, ['department_liaison'], 'ROLE_NOT_ALLOWED_FOR_ORG_UNIT'],
        [atDistrict, ['chamber_secretary'], 'ROLE_NOT_ALLOWED_FOR_ORG_UNIT'],
        [inDepartment, ['federation_staff'], 'ROLE_NOT_ALLOWED_FOR_ORG_UNIT'],
        [atDistrict, ['enterprise_contact'], 'ENTERPRISE_REQUIRED'],
      ];
      const before = await snapshot();
      for (const [id, roles, code] of cases) {
        const response = await grant(id, { version: 1, roles });
        assert.equal(response.statusCode, 400, roles.join());
        const error = json<ErrorJson>(response).error;
        assert.equal(error.code, 'VALIDATION_FAILED');
        assert.deepEqual(
          error.details?.map((d) => [d.path, d.code]),
          [['roles', code]],
          roles.join(),
        );
      }
      assert.deepEqual(await snapshot(), before);
      assert.equal(
        (await grant(inDepartment, { version: 1, roles: ['department_liaison'] })).statusCode,
        200,
      );
      assert.equal((await grant(atDistrict, { version: 1, roles: ['federation_leader'] })).statusCode, 200);
    });
  });

  describe('三员分立 between the administrators', () => {
    it('an administrator role cannot be combined with a business role (API and database)', async () => {
      const id = await createAccount(t, { username: 'mixer', orgUnitId: district, roles: [] });
      const version = (await userRow(id))!.version;
      const response = await t.request({
        method: 'PUT',
        url: `/api/users/${id}/roles`,
        cookie: secadmin,
        body: { version, roles: ['system_admin', 'federation_staff'] },
      });
      assert.equal(response.statusCode, 409);
      assert.equal(json<ErrorJson>(response).error.code, 'ROLE_CONFLICT');
      await assert.rejects(
        t.database.pool.query("UPDATE users SET roles = '{audit_admin,federation_leader}' WHERE id = $1", [
          id,
        ]),
        /users_admin_without_business_roles/,
      );
    });

    it('the system administrator cannot reset or disable the security or audit administrator', async () => {
      for (const username of ['secadmin', 'auditor']) {
        const id = await t.userId(username);
        const before = await snapshot();
        const reset = await t.request({
          method: 'POST',
          url: `/api/users/${id}/password`,
          cookie: sysadmin,
          body: { newPassword: 'Quiet-harbour-lamp-77' },
        });
        assert.equal(reset.statusCode, 403, reset.body);
        assert.equal(json<ErrorJson>(reset).error.details?.[0]?.code, 'ADMIN_ACCOUNT_PROTECTED');
        const version = (await userRow(id))!.version;
        const disable = await t.request({
          method: 'PATCH',
          url: `/api/users/${id}`,
          cookie: sysadmin,
          body: { version, disabled: true },
        });
        assert.equal(disable.statusCode, 403);
        assert.equal((await userRow(id))!.disabled, false);
        assert.deepEqual(await snapshot(), { ...before, audit: before.audit });
      }
    });

    it('npm run admin:reset-password recovers an administrator from the console, audited', async () => {
      await createAccount(t, { username: 'auditor2', orgUnitId: city, roles: ['audit_admin'] });
      const result = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'apps/server/src/modules/users/reset-password-cli.ts', 'auditor2'],
        {
          cwd: repoRoot,
          env: { ...process.env, DATABASE_URL: t.config.databaseUrl, QINQING_AUDIT_KEY: TEST_AUDIT_KEY },
          encoding: 'utf8',
        },
      );
      assert.equal(result.status, 0, result.stderr);
      const password = /new initial password: (\S+?)（/.exec(result.stdout)?.[1];
      assert.ok(password, result.stdout);
      const signedIn = await login('auditor2', password);
      assert.equal(signedIn.statusCode, 200);
      assert.equal(json<{ user: { mustChangePassword: boolean } }>(signedIn).user.mustChangePassword, true);
      const audit = await lastAudit('user.password_reset');
      assert.equal(audit?.actor_name, 'console');
      const unknown = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'apps/server/src/modules/users/reset-password-cli.ts', 'nobody-at-all'],
        { cwd: repoRoot, env: { ...process.env, DATABASE_URL: t.config.databaseUrl }, encoding: 'utf8' },
      );
      assert.equal(unknown.status, 1);
    });
  });

  describe('who may not', () => {
    it('business roles and the audit administrator get 403 on GET /api/users; anonymous gets 401', async () => {
      for (const username of ['staff', 'leader', 'secretary', 'liaison', 'member', 'auditor']) {
        const cookie = await t.sessionFor(await t.userId(username));
        const response = await t.request({ url: '/api/users', cookie });
        assert.equal(response.statusCode, 403, username);
        assert.equal(json<ErrorJson>(response).error.code, 'FORBIDDEN', username);
        const one = await t.request({ url: `/api/users/${await t.userId('staff')}`, cookie });
        assert.equal(one.statusCode, 403, username);
      }
      const denied = await lastAudit('access.denied');
      assert.equal(denied?.actor_name, 'auditor');
      assert.equal(denied?.result, 'denied');
      const anonymous = await t.request({ url: '/api/users' });
      assert.equal(anonymous.statusCode, 401);
      assert.equal(json<ErrorJson>(anonymous).error.code, 'UNAUTHENTICATED');
    });

    it('the security administrator may not create, change, reset or unlock accounts', async () => {
      const staff = await t.userId('staff');
      const before = await count('users');
      const requests = [
        {
          method: 'POST' as const,
          url: '/api/users',
          body: { username: 'sec.made', displayName: 'x', orgUnitId: district, initialPassword: STRONG },
        },
        { method: 'PATCH' as const, url: `/api/users/${staff}`, body: { version: 1, disabled: true } },
        { method: 'POST' as const, url: `/api/users/${staff}/password`, body: { newPassword: STRONG } },
        { method: 'POST' as const, url: `/api/users/${staff}/unlock` },
      ];
      for (const request of requests) {
        const response = await t.request({ ...request, cookie: secadmin });
        assert.equal(response.statusCode, 403, request.url);
        assert.equal(json<ErrorJson>(response).error.code, 'FORBIDDEN');
      }
      assert.equal(await count('users'), before);
      assert.equal((await userRow(staff))?.disabled, false);
    });

    it('the system administrator may not grant roles', async () => {
      const staff = await t.userId('staff');
      const response = await t.request({
        method: 'PUT',
        url: `/api/users/${staff}/roles`,
        cookie: sysadmin,
        body: { version: 1, roles: ['federation_leader'] },
      });
      assert.equal(response.statusCode, 403);
      assert.equal(json<ErrorJson>(response).error.code, 'FORBIDDEN');
      assert.deepEqual((await userRow(staff))?.roles, ['federation_staff']);
    });
  });

  describe('scope', () => {
    let districtAdmin: string;
    let districtSecurity: string;
    before(async () => {
      await createAccount(t, { username: 'district.sys', orgUnitId: district, roles: ['system_admin'] });
      await createAccount(t, { username: 'district.sec', orgUnitId: district, roles: ['security_admin'] });
      districtAdmin = await t.signIn('district.sys');
      districtSecurity = await t.signIn('district.sec');
    });

    it('an administrator in the district lists only the district and below', async () => {
      const page = await list('?pageSize=200', districtAdmin);
      const names = page.items.map((u) => u.username);
      for (const cityLevel of ['sysadmin', 'secadmin', 'auditor'])
        assert.ok(!names.includes(cityLevel), cityLevel);
      for (const below of ['staff', 'leader', 'secretary', 'liaison', 'member'])
        assert.ok(names.includes(below), below);
      assert.equal(page.total, names.length);
      assert.equal(
        (await list('?role=system_admin&pageSize=200', districtAdmin)).items.every(
          (u) => u.orgUnitId !== city,
        ),
        true,
      );
    });

    it('an account above the caller’s unit answers 404 to read, change, reset, unlock and grant', async () => {
      const cityAdmin = await t.userId('sysadmin');
      const before = await snapshot();
      const read = await t.request({ url: `/api/users/${cityAdmin}`, cookie: districtAdmin });
      assert.equal(read.statusCode, 404);
      assert.equal(json<ErrorJson>(read).error.code, 'NOT_FOUND');
      const requests = [
        {
          method: 'PATCH' as const,
          url: `/api/users/${cityAdmin}`,
          body: { version: 1, displayName: '改名' },
        },
        { method: 'POST' as const, url: `/api/users/${cityAdmin}/password`, body: { newPassword: STRONG } },
        { method: 'POST' as const, url: `/api/users/${cityAdmin}/unlock` },
      ];
      for (const request of requests) {
        const response = await t.request({ ...request, cookie: districtAdmin });
        assert.equal(response.statusCode, 404, request.url);
      }
      const grant = await t.request({
        method: 'PUT',
        url: `/api/users/${await t.userId('auditor')}/roles`,
        cookie: districtSecurity,
        body: { version: 1, roles: [] },
      });
      assert.equal(grant.statusCode, 404);
      assert.deepEqual(await snapshot(), before);
      assert.equal((await userRow(cityAdmin))?.display_name, '系统管理员');
      assert.deepEqual((await userRow(await t.userId('auditor')))?.roles, ['audit_admin']);
      // The same account is found by the city administrator; an unknown id is a plain 404.
      assert.equal((await t.request({ url: `/api/users/${cityAdmin}`, cookie: sysadmin })).statusCode, 200);
      const unknown = await t.request({
        url: '/api/users/00000000-0000-4000-8000-000000000000',
        cookie: sysadmin,
      });
      assert.equal(unknown.statusCode, 404);
    });

    it('an account cannot be moved out of the caller’s scope', async () => {
      const staff = await t.userId('staff');
      const current = await getUser(staff, districtAdmin);
      const response = await t.request({
        method: 'PATCH',
        url: `/api/users/${staff}`,
        cookie: districtAdmin,
        body: { version: current.version, orgUnitId: city },
      });
      assert.equal(response.statusCode, 400);
      assert.equal(json<ErrorJson>(response).error.details?.[0]?.path, 'orgUnitId');
      assert.equal((await getUser(staff)).orgUnitId, district);
    });
  });
});
