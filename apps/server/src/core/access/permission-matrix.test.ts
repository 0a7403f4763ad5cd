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
const REGISTRY_READERS = [
  'federation_staff',
  'federation_leader',
  'chamber_secretary',
  'department_liaison',
  'department_head',
  'enterprise_contact',
] as const;
const REGISTRY_WRITERS = ['federation_staff', 'chamber_secretary'] as const;
const VISIT_READERS = [
  'federation_staff',
  'federation_leader',
  'chamber_secretary',
  'enterprise_contact',
] as const;
const VISIT_WRITERS = ['federation_staff', 'chamber_secretary'] as const;
const APPEAL_READERS = REGISTRY_READERS;
const APPEAL_RAISERS = ['federation_staff', 'chamber_secretary', 'enterprise_contact'] as const;
const INVITERS = ['federation_staff', 'chamber_secretary'] as const;
const id = () => randomUUID();

const MATRIX: Record<string, Expectation> = {
  'GET /api/health': { allowed: 'public', status: 200 },
  'GET /api/openapi.json': { allowed: 'public', status: 200 },
  'POST /api/auth/login': { allowed: 'public', body: {}, status: 400 },
  'POST /api/auth/challenge': { allowed: 'public', body: {}, status: 200 },
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
  'GET /api/enterprises': { allowed: REGISTRY_READERS, status: 200 },
  'GET /api/enterprises/:id': { allowed: REGISTRY_READERS, status: 404 },
  'GET /api/enterprises/:id/status-history': { allowed: REGISTRY_READERS, status: 404 },
  // 我的企业: an enterprise contact's own enterprise, chosen by the account, never by the request.
  'GET /api/own-enterprise': { allowed: ['enterprise_contact'], status: 200 },
  'POST /api/enterprises': { allowed: REGISTRY_WRITERS, body: {}, status: 400 },
  'PATCH /api/enterprises/:id': { allowed: REGISTRY_WRITERS, body: { version: 1 }, status: 404 },
  'POST /api/enterprises/:id/merge': {
    allowed: ['federation_staff'],
    body: { duplicateId: '00000000-0000-4000-8000-000000000000', version: 1 },
    status: 404,
  },
  'POST /api/enterprises/:id/contacts/:contactId/unmask': {
    allowed: ['federation_staff', 'federation_leader'],
    status: 404,
  },
  // People, chambers and party organizations: federation staff write; a chamber secretary, though holding
  // registry.write, is refused (403) everywhere but their chamber's roster. Bodies are valid so that the
  // refusal, not validation, answers.
  'GET /api/people': { allowed: REGISTRY_READERS, status: 200 },
  'GET /api/people/:id': { allowed: REGISTRY_READERS, status: 404 },
  'POST /api/people': { allowed: ['federation_staff'], body: { name: '矩阵测试人' }, status: 201 },
  'PATCH /api/people/:id': { allowed: ['federation_staff'], body: { version: 1 }, status: 404 },
  'POST /api/people/:id/unmask': { allowed: ['federation_staff', 'federation_leader'], status: 404 },
  'GET /api/chambers': { allowed: REGISTRY_READERS, status: 200 },
  'GET /api/chambers/:id': { allowed: REGISTRY_READERS, status: 404 },
  'POST /api/chambers': {
    allowed: ['federation_staff'],
    body: { parentId: '00000000-0000-4000-8000-000000000000', name: '矩阵商会', chamberType: 'industry' },
    status: 400,
  },
  'PATCH /api/chambers/:id': { allowed: ['federation_staff'], body: { version: 0 }, status: 404 },
  'GET /api/chambers/:id/members': { allowed: REGISTRY_READERS, status: 404 },
  'POST /api/chambers/:id/members': {
    allowed: REGISTRY_WRITERS,
    body: { enterpriseId: '00000000-0000-4000-8000-000000000000' },
    status: 404,
  },
  'PATCH /api/chambers/:id/members/:enterpriseId': {
    allowed: REGISTRY_WRITERS,
    body: { role: 'director' },
    status: 404,
  },
  'DELETE /api/chambers/:id/members/:enterpriseId': { allowed: REGISTRY_WRITERS, status: 404 },
  'POST /api/chambers/:id/members/:enterpriseId/end': {
    allowed: REGISTRY_WRITERS,
    body: { leftOn: '2025-01-01', reason: '企业迁出' },
    status: 404,
  },
  'GET /api/chambers/:id/former-members': { allowed: REGISTRY_READERS, status: 404 },
  'GET /api/chambers/:id/leaders': { allowed: REGISTRY_READERS, status: 404 },
  'POST /api/chambers/:id/leaders': {
    allowed: REGISTRY_WRITERS,
    body: { personId: '00000000-0000-4000-8000-000000000000', role: 'executive' },
    status: 404,
  },
  'PATCH /api/chambers/:id/leaders/:leaderId': {
    allowed: REGISTRY_WRITERS,
    body: { role: 'executive' },
    status: 404,
  },
  'DELETE /api/chambers/:id/leaders/:leaderId': { allowed: REGISTRY_WRITERS, status: 404 },
  'POST /api/chambers/:id/leaders/:leaderId/end': {
    allowed: REGISTRY_WRITERS,
    body: { termEnd: '2025-01-01', reason: '换届' },
    status: 404,
  },
  'GET /api/party-organizations': { allowed: REGISTRY_READERS, status: 200 },
  'GET /api/party-organizations/coverage': { allowed: REGISTRY_READERS, status: 200 },
  'GET /api/party-organizations/:id': { allowed: REGISTRY_READERS, status: 404 },
  'POST /api/party-organizations': {
    allowed: ['federation_staff'],
    body: { enterpriseId: '00000000-0000-4000-8000-000000000000', name: '矩阵党支部', form: 'joint_branch' },
    status: 400,
  },
  'PATCH /api/party-organizations/:id': { allowed: ['federation_staff'], body: { version: 1 }, status: 404 },
  'GET /api/search': { allowed: REGISTRY_READERS, status: 400 },
  'GET /api/reference/industries': { allowed: 'everyone', status: 200 },
  'GET /api/reference/divisions': { allowed: 'everyone', status: 200 },
  // Without a multipart body the import is refused as bad input (400), after the access check.
  'POST /api/enterprises/import': { allowed: ['federation_staff'], status: 400 },
  'GET /api/enterprises/import-template.xlsx': { allowed: ['federation_staff'], status: 200 },
  'GET /api/enterprises/export.xlsx': {
    allowed: ['federation_staff', 'federation_leader', 'chamber_secretary'],
    status: 200,
  },
  'GET /api/jobs/:id': { allowed: ['federation_staff'], status: 404 },
  'GET /api/jobs/:id/report.xlsx': { allowed: ['federation_staff'], status: 404 },
  // 工作日历 the working-day calendar: read by everyone (without ?year=, 400), replaced by the system
  // administrator (the path's year is a random id here: 400 after the access check).
  'GET /api/calendar': { allowed: 'everyone', status: 400 },
  'PUT /api/calendar/:year': { allowed: ADMINS.sys, body: { days: [] }, status: 400 },
  'GET /api/calendar/status': { allowed: 'everyone', status: 200 },
  'POST /api/calendar/notices': { allowed: ADMINS.sys, body: {}, status: 400 },
  // 通知 notifications: everyone their own.
  'GET /api/notifications': { allowed: 'everyone', status: 200 },
  'GET /api/notifications/unread-count': { allowed: 'everyone', status: 200 },
  'POST /api/notifications/:id/read': { allowed: 'everyone', status: 404 },
  'POST /api/notifications/read-all': { allowed: 'everyone', status: 200 },
  'GET /api/notifications/preferences': { allowed: 'everyone', status: 200 },
  // 接口令牌: the security administrator only; the hotline's intake is a permission only tokens are given.
  'POST /api/api-tokens': { allowed: ADMINS.sec, body: {}, status: 400 },
  'GET /api/api-tokens': { allowed: ADMINS.sec, status: 200 },
  'GET /api/api-tokens/uses': { allowed: ADMINS.sec, status: 200 },
  'DELETE /api/api-tokens/:id': { allowed: ADMINS.sec, status: 404 },
  'POST /api/hotline/appeals': { allowed: [], body: {}, status: 400 },
  // The API reference page (Swagger UI, its files served from here).
  'GET /api/docs/': { allowed: 'public', status: 200 },
  'GET /api/docs/static/index.html': { allowed: 'public', status: 302 },
  'GET /api/docs/static/swagger-initializer.js': { allowed: 'public', status: 200 },
  'GET /api/docs/static/*': { allowed: 'public', status: 404 },
  'GET /api/docs/json': { allowed: 'public', status: 200 },
  'GET /api/docs/yaml': { allowed: 'public', status: 200 },
  'PUT /api/notifications/preferences': { allowed: 'everyone', body: {}, status: 400 },
  // Test mode only (this app runs with NODE_ENV=test): the clock (no time given: 400) and the scheduler.
  'PUT /api/test/clock': { allowed: 'everyone', body: {}, status: 400 },
  'DELETE /api/test/clock': { allowed: 'everyone', status: 200 },
  'POST /api/test/scheduler/run': { allowed: 'everyone', status: 200 },
  // 走访 visits and visit plans: read by federation staff and leaders, chamber secretaries and enterprise
  // contacts (their own done visits); recorded by federation staff and chamber secretaries.
  'GET /api/visits': { allowed: VISIT_READERS, status: 200 },
  'GET /api/visits/visitors': { allowed: VISIT_READERS, status: 200 },
  'GET /api/visits/coverage': { allowed: VISIT_READERS, status: 200 },
  'GET /api/visits/:id': { allowed: VISIT_READERS, status: 404 },
  'POST /api/visits': { allowed: VISIT_WRITERS, body: {}, status: 400 },
  'PATCH /api/visits/:id': { allowed: VISIT_WRITERS, body: { version: 1 }, status: 404 },
  'GET /api/visit-plans': { allowed: VISIT_READERS, status: 200 },
  'GET /api/visit-plans/:id': { allowed: VISIT_READERS, status: 404 },
  'POST /api/visit-plans': { allowed: VISIT_WRITERS, body: {}, status: 400 },
  'PATCH /api/visit-plans/:id': { allowed: VISIT_WRITERS, body: { version: 1 }, status: 404 },
  // 诉求 appeals: read within each role's scope; raised by staff, chamber secretaries and enterprise
  // contacts; transitions are open to every reader and the state machine decides (403/409 there).
  'POST /api/appeals': { allowed: APPEAL_RAISERS, body: {}, status: 400 },
  'GET /api/appeals': { allowed: APPEAL_READERS, status: 200 },
  'GET /api/appeals/inbox': { allowed: ['department_liaison'], status: 200 },
  // 诉求统计 appeal figures: federation staff and leaders, for their own subtree.
  'GET /api/appeals/stats': { allowed: ['federation_staff', 'federation_leader'], status: 200 },
  'GET /api/appeals/:id': { allowed: APPEAL_READERS, status: 404 },
  'POST /api/appeals/:id/transitions': { allowed: APPEAL_READERS, body: {}, status: 400 },
  'POST /api/appeals/:id/attachments': { allowed: APPEAL_READERS, status: 400 },
  'GET /api/appeals/:id/attachments/:attachmentId': { allowed: APPEAL_READERS, status: 404 },
  'POST /api/appeals/:id/contact/unmask': { allowed: APPEAL_READERS, status: 404 },
  // 快捷通道 channels and 诉求类别 categories: configured by federation staff.
  'GET /api/channels': { allowed: APPEAL_READERS, status: 200 },
  'POST /api/channels': { allowed: ['federation_staff'], body: {}, status: 400 },
  'PATCH /api/channels/:id': {
    allowed: ['federation_staff'],
    body: { version: 1, openToSubordinates: true },
    status: 404,
  },
  'GET /api/appeal-categories': { allowed: 'everyone', status: 200 },
  'PUT /api/appeal-categories/:code': { allowed: ['federation_staff'], body: {}, status: 400 },
  'POST /api/appeal-categories/:code/inherit': { allowed: ['federation_staff'], body: {}, status: 400 },
  // 建言 suggestions: read by federation staff and leaders, written by federation staff.
  'GET /api/suggestions': { allowed: ['federation_staff', 'federation_leader'], status: 200 },
  'GET /api/suggestions/stats': { allowed: ['federation_staff', 'federation_leader'], status: 200 },
  'GET /api/suggestions/:id': { allowed: ['federation_staff', 'federation_leader'], status: 404 },
  'POST /api/suggestions': { allowed: ['federation_staff'], body: {}, status: 400 },
  'PATCH /api/suggestions/:id': { allowed: ['federation_staff'], body: { version: 1 }, status: 404 },
  'POST /api/suggestions/:id/transitions': {
    allowed: ['federation_staff'],
    body: { action: 'submit', version: 1, submittedOn: '2025-01-01' },
    status: 404,
  },
  // 台账 ledgers (.xlsx): federation staff and leaders, for their own unit and this quarter by default.
  'GET /api/ledgers/members.xlsx': { allowed: ['federation_staff', 'federation_leader'], status: 200 },
  'GET /api/ledgers/visits.xlsx': { allowed: ['federation_staff', 'federation_leader'], status: 200 },
  'GET /api/ledgers/appeals.xlsx': { allowed: ['federation_staff', 'federation_leader'], status: 200 },
  // 报告 reports (.docx): read by federation staff and leaders, generated and edited by federation staff.
  'POST /api/reports': { allowed: ['federation_staff'], body: {}, status: 400 },
  'GET /api/reports': { allowed: ['federation_staff', 'federation_leader'], status: 200 },
  'GET /api/reports/:id': { allowed: ['federation_staff', 'federation_leader'], status: 404 },
  'PUT /api/reports/:id/commentary': {
    allowed: ['federation_staff'],
    body: { version: 1, sections: {} },
    status: 404,
  },
  'POST /api/reports/:id/regenerate': { allowed: ['federation_staff'], status: 404 },
  'GET /api/reports/:id/file.docx': { allowed: ['federation_staff', 'federation_leader'], status: 404 },
  // 工作看板 dashboard: federation staff and leaders, their own unit and this quarter by default.
  'GET /api/dashboard': { allowed: ['federation_staff', 'federation_leader'], status: 200 },
  // 本部门办理情况: a department head's figures of what was forwarded to the department.
  'GET /api/department-figures': { allowed: ['department_head'], status: 200 },
  // 指标 measures: the catalogue and values, for those who read the dashboard.
  'GET /api/measures': { allowed: ['federation_staff', 'federation_leader'], status: 200 },
  // Without the ids asked for: a 400 that names the field, for those allowed.
  'GET /api/measures/values': { allowed: ['federation_staff', 'federation_leader'], status: 400 },
  // 邀请 invitations and 账号申请: staff and chamber secretaries invite and decide; accepting, setting a
  // password by link and asking for access are public (bad input 400).
  'POST /api/invitations': { allowed: INVITERS, body: {}, status: 400 },
  'POST /api/invitations/batches': { allowed: INVITERS, body: {}, status: 400 },
  'GET /api/invitations/batches/:id': { allowed: INVITERS, status: 404 },
  'GET /api/invitations': { allowed: INVITERS, status: 200 },
  'GET /api/invitations/letters.docx': { allowed: INVITERS, status: 400 },
  'GET /api/invitations/list.txt': { allowed: INVITERS, status: 400 },
  'GET /api/invitations/preview': { allowed: 'public', status: 400 },
  'POST /api/invitations/accept': { allowed: 'public', body: {}, status: 400 },
  'POST /api/password-resets': { allowed: INVITERS, body: {}, status: 400 },
  'POST /api/password-resets/redeem': { allowed: 'public', body: {}, status: 400 },
  'POST /api/access-requests': { allowed: 'public', body: {}, status: 400 },
  'GET /api/access-requests': { allowed: INVITERS, status: 200 },
  'POST /api/access-requests/:id/transitions': {
    allowed: INVITERS,
    body: { action: 'approve', version: 1 },
    status: 404,
  },
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
      ['hrhead', 'department_head'],
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
    return t.request({ method, url: path.replace(/:\w+/g, () => id()), body: expectation.body, cookie });
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
