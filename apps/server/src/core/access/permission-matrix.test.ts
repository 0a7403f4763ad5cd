// The permission matrix: every role × every API route answers exactly as designed, and no route is
// registered without declaring what it needs.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ROLES, type Role } from '@qinqing/shared';
import { createAccount, orgUnitId, setupTestApp, type TestApp } from '../../test/harness.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Expectation {
  /** Who may call it: `public`, `everyone` signed in, or the roles listed. */
  allowed: 'public' | 'everyone' | readonly Role[];
  /** Whether a user who must still change their initial password may call it. */
  beforePasswordChange?: boolean;
  body?: unknown;
  /** The exact status for an allowed caller with this request (ids are random, bodies minimal). */
  status: number;
}

const ADMINS = { sys: ['system_admin'], sec: ['security_admin'], audit: ['audit_admin'] } as const;
const id = () => randomUUID();

const MATRIX: Record<string, Expectation> = {
  'GET /api/health': { allowed: 'public', status: 200 },
  'GET /api/openapi.json': { allowed: 'public', status: 200 },
  'POST /api/auth/login': { allowed: 'public', body: {}, status: 400 },
  'POST /api/auth/logout': { allowed: 'everyone', beforePasswordChange: true, status: 204 },
  'GET /api/auth/me': { allowed: 'everyone', beforePasswordChange: true, status: 200 },
  'POST /api/auth/password': { allowed: 'everyone', beforePasswordChange: true, body: {}, status: 400 },
  'GET /api/auth/sessions': { allowed: 'everyone', beforePasswordChange: true, status: 200 },
  'DELETE /api/auth/sessions/:id': { allowed: 'everyone', beforePasswordChange: true, status: 404 },
  'GET /api/users': { allowed: ['system_admin', 'security_admin'], status: 200 },
  'GET /api/users/:id': { allowed: ['system_admin', 'security_admin'], status: 404 },
  'POST /api/users': { allowed: ADMINS.sys, body: {}, status: 400 },
  'PATCH /api/users/:id': { allowed: ADMINS.sys, body: { version: 1 }, status: 404 },
  'POST /api/users/:id/password': {
    allowed: ADMINS.sys,
    body: { newPassword: 'Quiet-harbour-lamp-77' },
    status: 404,
  },
  'POST /api/users/:id/unlock': { allowed: ADMINS.sys, status: 404 },
  'PUT /api/users/:id/roles': { allowed: ADMINS.sec, body: { version: 1, roles: [] }, status: 404 },
  'GET /api/org-units': { allowed: 'everyone', status: 200 },
  'POST /api/org-units': { allowed: ADMINS.sys, body: {}, status: 400 },
  'PATCH /api/org-units/:id': { allowed: ADMINS.sys, body: { version: 1 }, status: 404 },
  'GET /api/roles': { allowed: ['system_admin', 'security_admin'], status: 200 },
  'GET /api/settings/security': { allowed: ADMINS.sec, status: 200 },
  'PUT /api/settings/security': { allowed: ADMINS.sec, body: {}, status: 400 },
  'GET /api/audit-events': { allowed: ADMINS.audit, status: 200 },
  'GET /api/audit-events/export.xlsx': { allowed: ADMINS.audit, status: 200 },
  'GET /api/audit-events/verify': { allowed: ADMINS.audit, status: 200 },
};

function isAllowed(expectation: Expectation, role: Role): boolean {
  const { allowed } = expectation;
  return allowed === 'public' || allowed === 'everyone' || allowed.includes(role);
}

describe('permission matrix', () => {
  let t: TestApp;
  const userOfRole = new Map<Role, string>();
  let mustChangeUser: string;

  before(async () => {
    t = await setupTestApp();
    for (const [username, role] of [
      ['sysadmin', 'system_admin'],
      ['secadmin', 'security_admin'],
      ['auditor', 'audit_admin'],
      ['staff', 'federation_staff'],
      ['leader', 'federation_leader'],
      ['secretary', 'chamber_secretary'],
      ['liaison', 'department_liaison'],
      ['member', 'enterprise_contact'],
    ] as const) {
      userOfRole.set(role, await t.userId(username));
    }
    mustChangeUser = await createAccount(t, {
      username: 'fresh-sysadmin',
      orgUnitId: await orgUnitId(t, '示例市工商联'),
      roles: ['system_admin'],
      mustChangePassword: true,
    });
  });
  after(() => t.close());

  const send = async (key: string, cookie?: string) => {
    const [method, path] = key.split(' ') as [Method, string];
    const expectation = MATRIX[key]!;
    return t.request({ method, url: path.replace(':id', id()), body: expectation.body, cookie });
  };

  it('every API route declares its access, and every one is in this matrix', () => {
    const apiRoutes = t.routes.filter((route) => route.url.startsWith('/api/'));
    const undeclared = apiRoutes.filter((route) => !route.config || !('access' in (route.config as object)));
    assert.deepEqual(
      undeclared.map((route) => `${String(route.method)} ${route.url}`),
      [],
      'routes without config.access',
    );
    const registered = new Set(
      apiRoutes.flatMap((route) =>
        [route.method]
          .flat()
          .filter((m) => m !== 'HEAD')
          .map((m) => `${m} ${route.url}`),
      ),
    );
    assert.deepEqual([...registered].sort(), Object.keys(MATRIX).sort());
  });

  for (const key of Object.keys(MATRIX)) {
    it(`${key}: anonymous, each role, and a user yet to change the password`, async () => {
      const expectation = MATRIX[key]!;
      const anonymous = await send(key);
      assert.equal(
        anonymous.statusCode,
        expectation.allowed === 'public' ? expectation.status : 401,
        `anonymous: ${anonymous.body}`,
      );
      for (const role of ROLES) {
        const cookie = await t.sessionFor(userOfRole.get(role)!);
        const response = await send(key, cookie);
        const want = isAllowed(expectation, role) ? expectation.status : 403;
        assert.equal(response.statusCode, want, `${role}: ${response.body.slice(0, 200)}`);
        if (want === 403) assert.equal(response.json().error.code, 'FORBIDDEN');
      }
      const pending = await send(key, await t.sessionFor(mustChangeUser));
      if (expectation.allowed === 'public' || expectation.beforePasswordChange) {
        assert.equal(pending.statusCode, expectation.status, pending.body);
      } else {
        assert.equal(pending.statusCode, 403);
        assert.equal(pending.json().error.code, 'PASSWORD_CHANGE_REQUIRED');
      }
    });
  }

  it('a refused call is audited as access.denied', async () => {
    const cookie = await t.sessionFor(userOfRole.get('federation_staff')!);
    await t.request({ url: '/api/audit-events', cookie });
    const { rows } = await t.database.pool.query(
      "SELECT actor_name, result, detail->>'route' AS route FROM audit_events WHERE action = 'access.denied' ORDER BY seq DESC LIMIT 1",
    );
    assert.deepEqual(rows[0], { actor_name: 'staff', result: 'denied', route: '/api/audit-events' });
  });
});
