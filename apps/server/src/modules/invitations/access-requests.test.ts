// 账号申请: anyone asks with a credit code, name and mobile (202 whatever the code); staff in scope or the
// chamber's secretary approve through the transitions helper — the account is made for that enterprise with
// a one-time set-password link — or reject; an unknown code leaves nothing to approve.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AccessRequestView } from '@qinqing/shared';
import {
  createAccount,
  json,
  orgUnitId,
  setupTestApp,
  type ErrorJson,
  type TestApp,
} from '../../test/harness.ts';

describe('access requests', () => {
  let t: TestApp;
  let staff: string;
  let secretary: string;
  let member: { id: string; uscc: string };
  let outsider: { id: string; uscc: string };

  before(async () => {
    t = await setupTestApp();
    staff = await t.signIn('staff');
    secretary = await t.signIn('secretary');
    const chamberId = await orgUnitId(t, '东湖街道商会');
    const inChamber = await t.database.pool.query<{ id: string; uscc: string }>(
      `SELECT e.id, e.uscc FROM enterprises e JOIN chamber_memberships m ON m.enterprise_id = e.id
        WHERE m.chamber_id = $1 AND e.merged_into_id IS NULL ORDER BY e.id LIMIT 1`,
      [chamberId],
    );
    member = inChamber.rows[0]!;
    const outside = await t.database.pool.query<{ id: string; uscc: string }>(
      `SELECT id, uscc FROM enterprises WHERE merged_into_id IS NULL
          AND id NOT IN (SELECT enterprise_id FROM chamber_memberships WHERE chamber_id = $1) ORDER BY id LIMIT 1`,
      [chamberId],
    );
    outsider = outside.rows[0]!;
  });
  after(() => t.close());

  const ask = (body: Record<string, unknown>) =>
    t.request({ method: 'POST', url: '/api/access-requests', body });
  const pending = async (cookie: string) =>
    json<{ items: AccessRequestView[] }>(
      await t.request({ url: '/api/access-requests?state=pending', cookie }),
    ).items;
  const decide = (cookie: string, id: string, action: string, version: number) =>
    t.request({
      method: 'POST',
      url: `/api/access-requests/${id}/transitions`,
      cookie,
      body: { action, version },
    });

  it('answers 202 for an unknown credit code and keeps nothing', async () => {
    const before = await t.database.pool.query('SELECT 1 FROM access_requests');
    // A well-formed code (check character right) that is not on the roster.
    const response = await ask({ uscc: '91350100M000100Y43', name: '路人', mobile: '13800001111' });
    assert.equal(response.statusCode, 202, response.body);
    const afterRows = await t.database.pool.query('SELECT 1 FROM access_requests');
    assert.equal(afterRows.rowCount, before.rowCount);
  });

  it('refuses bad input with 400', async () => {
    for (const body of [
      { uscc: member.uscc, name: '张三', mobile: '1380000111' },
      { uscc: member.uscc, name: '张三', mobile: '138000011112' },
      { uscc: 'NOT-A-CODE', name: '张三', mobile: '13800001111' },
      { uscc: member.uscc, name: '', mobile: '13800001111' },
      { uscc: member.uscc, name: '张三', mobile: '13800001111', role: 'federation_staff' },
    ]) {
      const response = await ask(body);
      assert.equal(response.statusCode, 400, JSON.stringify(body));
    }
  });

  it('lets the chamber secretary approve a member’s request: the account signs in by mobile after setting its password', async () => {
    assert.equal((await ask({ uscc: member.uscc, name: '周婷', mobile: '13700002222' })).statusCode, 202);
    assert.equal((await ask({ uscc: member.uscc, name: '周婷', mobile: '13700002222' })).statusCode, 202);
    const waiting = (await pending(secretary)).filter((item) => item.name === '周婷');
    assert.equal(waiting.length, 1, 'asking twice makes one request');
    const request = waiting[0]!;
    assert.equal(request.mobile, '137****2222');
    assert.equal(request.state, 'pending');

    for (const username of ['leader', 'liaison', 'member', 'sysadmin', 'secadmin', 'auditor']) {
      const response = await decide(await t.signIn(username), request.id, 'approve', request.version);
      assert.equal(response.statusCode, 403, username);
    }
    const stale = await decide(secretary, request.id, 'approve', request.version + 1);
    assert.equal(stale.statusCode, 409);
    assert.equal((await decide(secretary, request.id, 'promote', request.version)).statusCode, 400);

    const approved = await decide(secretary, request.id, 'approve', request.version);
    assert.equal(approved.statusCode, 200, approved.body);
    const decided = json<{ accessRequest: AccessRequestView; setPasswordLink: string }>(approved);
    assert.equal(decided.accessRequest.state, 'approved');
    const code = decided.setPasswordLink.split('/set-password/')[1]!;
    const { rows } = await t.database.pool.query<{ roles: string[]; enterprise_id: string }>(
      "SELECT roles, enterprise_id FROM users WHERE username = '13700002222'",
    );
    assert.deepEqual(rows[0], { roles: ['enterprise_contact'], enterprise_id: member.id });
    const redeem = await t.request({
      method: 'POST',
      url: '/api/password-resets/redeem',
      body: { code, password: 'Autumn-Meadow-319' },
    });
    assert.equal(redeem.statusCode, 204, redeem.body);
    const login = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: '13700002222', password: 'Autumn-Meadow-319' },
    });
    assert.equal(login.statusCode, 200, login.body);

    const twice = await decide(secretary, request.id, 'reject', decided.accessRequest.version);
    assert.equal(twice.statusCode, 409);
    assert.equal(json<ErrorJson>(twice).error.code, 'INVALID_TRANSITION');
    const audit = await t.database.pool.query(
      "SELECT 1 FROM audit_events WHERE action = 'access_request.approve'",
    );
    assert.equal(audit.rowCount, 1);
  });

  it('hides requests outside the decider’s scope and lets staff reject', async () => {
    assert.equal((await ask({ uscc: outsider.uscc, name: '吴强', mobile: '13600003333' })).statusCode, 202);
    assert.ok(!(await pending(secretary)).some((item) => item.name === '吴强'), 'not the secretary’s member');
    const request = (await pending(staff)).find((item) => item.name === '吴强')!;
    assert.equal((await decide(secretary, request.id, 'reject', request.version)).statusCode, 404);
    const street = await createAccount(t, {
      username: 'far-staff',
      orgUnitId: await orgUnitId(t, '南河街道工商联'),
      roles: ['federation_staff'],
    });
    const far = await t.sessionFor(street);
    const outOfReach = await t.database.pool.query<{ path: string }>(
      'SELECT o.path FROM enterprises e JOIN org_units o ON o.id = e.org_unit_id WHERE e.id = $1',
      [outsider.id],
    );
    const farPath = await t.database.pool.query<{ path: string }>(
      'SELECT path FROM org_units WHERE id = (SELECT org_unit_id FROM users WHERE id = $1)',
      [street],
    );
    if (!outOfReach.rows[0]!.path.startsWith(farPath.rows[0]!.path)) {
      assert.equal((await decide(far, request.id, 'reject', request.version)).statusCode, 404);
    }
    const rejected = await decide(staff, request.id, 'reject', request.version);
    assert.equal(rejected.statusCode, 200, rejected.body);
    assert.equal(json<{ setPasswordLink: string | null }>(rejected).setPasswordLink, null);
    assert.equal(
      (await t.database.pool.query("SELECT 1 FROM users WHERE username = '13600003333'")).rowCount,
      0,
    );
  });
});
