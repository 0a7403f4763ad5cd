// 我的企业: an enterprise contact reads their own enterprise — contacts masked, the accounts tied to it —
// and never another's: nothing in the request chooses the enterprise. Other roles are refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { ROLES, type OwnEnterpriseView } from '@qinqing/shared';
import { users } from '../../db/schema/index.ts';
import { createAccount, json, orgUnitId, setupTestApp, type TestApp } from '../../test/harness.ts';

describe('GET /api/own-enterprise', () => {
  let t: TestApp;
  let memberEnterpriseId: string;
  let otherEnterprise: { id: string; name: string };
  let otherContactId: string;

  before(async () => {
    t = await setupTestApp();
    const { rows } = await t.database.pool.query<{ enterprise_id: string }>(
      "SELECT enterprise_id FROM users WHERE username = 'member'",
    );
    memberEnterpriseId = rows[0]!.enterprise_id;
    const other = await t.database.pool.query<{ id: string; name: string }>(
      'SELECT id, name FROM enterprises WHERE id <> $1 AND merged_into_id IS NULL ORDER BY name LIMIT 1',
      [memberEnterpriseId],
    );
    otherEnterprise = other.rows[0]!;
    // A contact of another enterprise, and a second account of the member's own.
    otherContactId = await createAccount(t, {
      username: 'other-contact',
      orgUnitId: await orgUnitId(t, '示例区工商联'),
      roles: ['enterprise_contact'],
    });
    await t.database.db
      .update(users)
      .set({ enterpriseId: otherEnterprise.id })
      .where(eq(users.id, otherContactId));
    const colleague = await createAccount(t, {
      username: 'member-colleague',
      orgUnitId: await orgUnitId(t, '东湖街道工商联'),
      roles: ['enterprise_contact'],
    });
    await t.database.db
      .update(users)
      .set({ enterpriseId: memberEnterpriseId, displayName: '同事账号' })
      .where(eq(users.id, colleague));
  });
  after(() => t.close());

  it("answers the contact's own enterprise, its contacts masked and its accounts, the caller marked", async () => {
    const response = await t.request({ url: '/api/own-enterprise', cookie: await t.signIn('member') });
    assert.equal(response.statusCode, 200, response.body);
    const { enterprise } = json<{ enterprise: OwnEnterpriseView }>(response);
    assert.equal(enterprise.id, memberEnterpriseId);
    assert.equal(enterprise.name, '示例区东湖智能科技有限公司');
    assert.equal(enterprise.membershipStatus, 'active');
    assert.ok(enterprise.contacts.length > 0);
    for (const contact of enterprise.contacts) {
      if (contact.mobile) assert.match(contact.mobile, /^\d{3}\*{4}\d{4}$/, 'masked');
      assert.equal(contact.mobileMasked, contact.mobile !== null);
    }
    const names = enterprise.accounts.map((account) => account.displayName);
    assert.ok(names.includes('同事账号'));
    const me = enterprise.accounts.filter((account) => account.you);
    assert.equal(me.length, 1);
    assert.equal(me[0]!.id, await t.userId('member'));
    assert.ok(!enterprise.accounts.some((account) => account.id === otherContactId));
  });

  it("gives another enterprise's contact their own enterprise, never the member's", async () => {
    const response = await t.request({
      url: '/api/own-enterprise',
      cookie: await t.sessionFor(otherContactId),
    });
    assert.equal(response.statusCode, 200, response.body);
    const { enterprise } = json<{ enterprise: OwnEnterpriseView }>(response);
    assert.equal(enterprise.id, otherEnterprise.id);
    assert.notEqual(enterprise.id, memberEnterpriseId);
    assert.deepEqual(
      enterprise.accounts.map((account) => account.id),
      [otherContactId],
    );
  });

  it('ignores a query naming another enterprise, and nobody but a contact may call it', async () => {
    const cookie = await t.signIn('member');
    const named = await t.request({ url: `/api/own-enterprise?enterpriseId=${otherEnterprise.id}`, cookie });
    assert.equal(named.statusCode, 200, named.body);
    assert.equal(json<{ enterprise: OwnEnterpriseView }>(named).enterprise.id, memberEnterpriseId);
    for (const username of [
      'staff',
      'leader',
      'secretary',
      'liaison',
      'hrhead',
      'sysadmin',
      'secadmin',
      'auditor',
      'banker', // 融资 financing
    ]) {
      const response = await t.request({ url: '/api/own-enterprise', cookie: await t.signIn(username) });
      assert.equal(response.statusCode, 403, `${username}: ${response.body}`);
    }
    assert.equal((await t.request({ url: '/api/own-enterprise' })).statusCode, 401);
    assert.equal(ROLES.length, 10, 'every role is covered above (9 refused, the contact allowed)');
  });

  it('answers 404 for a contact whose account is tied to no enterprise', async () => {
    const loose = await createAccount(t, {
      username: 'loose-contact',
      orgUnitId: await orgUnitId(t, '示例区工商联'),
      roles: ['enterprise_contact'],
    });
    const response = await t.request({ url: '/api/own-enterprise', cookie: await t.sessionFor(loose) });
    assert.equal(response.statusCode, 404, response.body);
  });
});
