// 邀请: staff and chamber secretaries invite enterprise contacts, one or a batch as a job; a contact accepts
// once with the code and signs in with their mobile; used, expired and forged codes make no account; a batch
// sent twice invites nobody twice; letters and the list carry the links; reset links are one-time.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import type { InvitationBatchView, InvitationView } from '@qinqing/shared';
import { DEMO_INVITATION_CODE } from '../../demo/invitations-demo.ts';
import { libreOfficeSkip, officeToPdf } from '../../test/libreoffice.ts';
import {
  createAccount,
  json,
  orgUnitId,
  setupTestApp,
  type ErrorJson,
  type TestApp,
} from '../../test/harness.ts';

const PASSWORD = 'Spring-Orchard-482';

describe('invitations', () => {
  let t: TestApp;
  let staff: string;
  let secretary: string;
  let chamberId: string;
  let memberEnterpriseId: string;
  let outsiderEnterpriseId: string;

  before(async () => {
    t = await setupTestApp();
    staff = await t.signIn('staff');
    secretary = await t.signIn('secretary');
    chamberId = await orgUnitId(t, '东湖街道商会');
    const members = await t.database.pool.query<{ enterprise_id: string }>(
      // One that the demo has not invited and that has no contact (ids are random: the first by id may be the
      // demo contact's own enterprise, whose invitation it used).
      `SELECT m.enterprise_id FROM chamber_memberships m WHERE m.chamber_id = $1
         AND NOT EXISTS (SELECT 1 FROM users u WHERE u.enterprise_id = m.enterprise_id)
         AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.enterprise_id = m.enterprise_id)
       ORDER BY m.enterprise_id`,
      [chamberId],
    );
    memberEnterpriseId = members.rows[0]!.enterprise_id;
    const outsider = await t.database.pool.query<{ id: string }>(
      `SELECT id FROM enterprises WHERE merged_into_id IS NULL
          AND id NOT IN (SELECT enterprise_id FROM chamber_memberships WHERE chamber_id = $1) LIMIT 1`,
      [chamberId],
    );
    outsiderEnterpriseId = outsider.rows[0]!.id;
  });
  after(() => t.close());

  const invite = (cookie: string, enterpriseId: string) =>
    t.request({ method: 'POST', url: '/api/invitations', cookie, body: { enterpriseId } });
  const accept = (body: Record<string, unknown>) =>
    t.request({ method: 'POST', url: '/api/invitations/accept', body });
  /** Expires one invitation or all, on the app's clock (never the day the suite runs). */
  const expireAll = async (id?: string) => {
    const past = new Date(t.ctx.clock.now().getTime() - 86_400_000);
    await t.database.pool.query('UPDATE invitations SET expires_at = $1 WHERE $2::uuid IS NULL OR id = $2', [
      past,
      id ?? null,
    ]);
  };
  const accounts = async (mobile: string) =>
    (await t.database.pool.query('SELECT id FROM users WHERE username = $1', [mobile])).rowCount;

  async function finished(cookie: string, jobId: string): Promise<InvitationBatchView> {
    for (let i = 0; i < 200; i += 1) {
      const response = await t.request({ url: `/api/invitations/batches/${jobId}`, cookie });
      assert.equal(response.statusCode, 200, response.body);
      const batch = json<InvitationBatchView>(response);
      if (batch.status === 'succeeded' || batch.status === 'failed') return batch;
      await sleep(50);
    }
    throw new Error('the batch did not finish');
  }

  it('shows the demo: a live invitation with the README’s code, a used one, an expired one, a request waiting', async () => {
    const preview = await t.request({ url: `/api/invitations/preview?code=${DEMO_INVITATION_CODE}` });
    assert.equal(preview.statusCode, 200, preview.body);
    const states = json<{ items: InvitationView[] }>(
      await t.request({ url: '/api/invitations', cookie: staff }),
    ).items.map((item) => item.state);
    assert.deepEqual([...new Set(states)].sort(), ['expired', 'live', 'used']);
    const waiting = await t.request({ url: '/api/access-requests?state=pending', cookie: secretary });
    assert.equal(json<{ total: number }>(waiting).total, 1);
  });

  it('invites one enterprise, keeps only the code’s digest, and the contact accepts and signs in by mobile', async () => {
    const response = await invite(staff, memberEnterpriseId);
    assert.equal(response.statusCode, 201, response.body);
    const { invitation } = json<{
      invitation: { id: string; code: string; link: string; expiresAt: string };
    }>(response);
    assert.match(invitation.code, /^[3-9A-Y]{16}$/);
    assert.ok(invitation.link.endsWith(`/invite/${invitation.code}`));
    const days = (new Date(invitation.expiresAt).getTime() - t.ctx.clock.now().getTime()) / 86_400_000;
    assert.ok(Math.abs(days - 30) < 0.001, `expires in ${days} days`);
    const stored = await t.database.pool.query(
      "SELECT id FROM invitations WHERE code_hash = $1 OR to_jsonb(invitations)::text LIKE '%' || $1 || '%'",
      [invitation.code],
    );
    assert.equal(stored.rowCount, 0, 'the code itself is stored nowhere');

    const preview = await t.request({ url: `/api/invitations/preview?code=${invitation.code}` });
    assert.equal(preview.statusCode, 200, preview.body);

    const accepted = await accept({
      code: invitation.code.toLowerCase(),
      name: '陈立',
      mobile: '13911112222',
      password: PASSWORD,
    });
    assert.equal(accepted.statusCode, 201, accepted.body);
    const login = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: '13911112222', password: PASSWORD },
    });
    assert.equal(login.statusCode, 200, login.body);
    const { rows } = await t.database.pool.query<{
      roles: string[];
      enterprise_id: string;
      must_change_password: boolean;
    }>("SELECT roles, enterprise_id, must_change_password FROM users WHERE username = '13911112222'");
    assert.deepEqual(rows[0]!.roles, ['enterprise_contact']);
    assert.equal(rows[0]!.enterprise_id, memberEnterpriseId);
    assert.equal(rows[0]!.must_change_password, false);
    const own = await t.request({
      url: '/api/own-enterprise',
      cookie: login.headers['set-cookie'] as string,
    });
    assert.equal(json<{ enterprise: { id: string } }>(own).enterprise.id, memberEnterpriseId);
    const audit = await t.database.pool.query(
      "SELECT 1 FROM audit_events WHERE action = 'invitation.accepted'",
    );
    assert.equal(audit.rowCount, 1);

    const again = await accept({
      code: invitation.code,
      name: '陈立',
      mobile: '13911113333',
      password: PASSWORD,
    });
    assert.equal(again.statusCode, 410);
    assert.equal(json<ErrorJson>(again).error.code, 'INVITATION_GONE');
    assert.equal(await accounts('13911113333'), 0);

    const listed = await t.request({
      url: `/api/invitations?enterpriseId=${memberEnterpriseId}&state=used`,
      cookie: staff,
    });
    const items = json<{ items: InvitationView[] }>(listed).items;
    assert.deepEqual(
      items.map((item) => [item.id, item.state, item.accountName, item.accountId]),
      [[invitation.id, 'used', '陈立', json<{ account: { id: string } }>(accepted).account.id]],
      'the list names the account it opened, for a reset link to be issued to it',
    );
    const reset = await t.request({
      method: 'POST',
      url: '/api/password-resets',
      cookie: staff,
      body: { userId: items[0]!.accountId },
    });
    assert.equal(reset.statusCode, 201, reset.body);
  });

  it('refuses forged and expired codes, bad mobiles and weak passwords without making an account', async () => {
    const forged = await accept({
      code: 'ABCDEFGHJKMNPQRT',
      name: '某人',
      mobile: '13922223333',
      password: PASSWORD,
    });
    assert.equal(forged.statusCode, 401);
    assert.equal(json<ErrorJson>(forged).error.code, 'INVITATION_INVALID');

    const { invitation } = json<{ invitation: { id: string; code: string } }>(
      await invite(staff, memberEnterpriseId),
    );
    const shortMobile = await accept({
      code: invitation.code,
      name: '某人',
      mobile: '1392222333',
      password: PASSWORD,
    });
    assert.equal(shortMobile.statusCode, 400);
    assert.equal(json<ErrorJson>(shortMobile).error.details?.[0]?.path, 'mobile');
    const weak = await accept({
      code: invitation.code,
      name: '某人',
      mobile: '13922223333',
      password: 'password',
    });
    assert.equal(weak.statusCode, 400);
    assert.equal(await accounts('13922223333'), 0);
    const taken = await accept({
      code: invitation.code,
      name: '某人',
      mobile: '13911112222',
      password: PASSWORD,
    });
    assert.equal(taken.statusCode, 409, 'a mobile with an account already');

    await expireAll(invitation.id);
    const expired = await accept({
      code: invitation.code,
      name: '某人',
      mobile: '13922223333',
      password: PASSWORD,
    });
    assert.equal(expired.statusCode, 410);
    assert.equal(json<ErrorJson>(expired).error.code, 'INVITATION_GONE');
    assert.equal(await accounts('13922223333'), 0);
    const listed = await t.request({ url: `/api/invitations?state=expired`, cookie: staff });
    assert.ok(json<{ items: InvitationView[] }>(listed).items.some((item) => item.id === invitation.id));
  });

  it('lets a chamber secretary invite only their chamber’s members, and no other role at all', async () => {
    assert.equal((await invite(secretary, memberEnterpriseId)).statusCode, 201);
    assert.equal((await invite(secretary, outsiderEnterpriseId)).statusCode, 404);
    assert.equal((await invite(staff, outsiderEnterpriseId)).statusCode, 201);
    for (const username of ['leader', 'liaison', 'member', 'sysadmin', 'secadmin', 'auditor']) {
      const response = await invite(await t.signIn(username), memberEnterpriseId);
      assert.equal(response.statusCode, 403, username);
    }
    const street = await createAccount(t, {
      username: 'west-staff',
      orgUnitId: await orgUnitId(t, '西山街道工商联'),
      roles: ['federation_staff'],
    });
    assert.equal(
      (await invite(await t.sessionFor(street), memberEnterpriseId)).statusCode,
      404,
      'outside the subtree',
    );
    assert.equal((await invite(staff, 'not-a-uuid')).statusCode, 400);
  });

  it('invites a chamber as a job, twice without a second invitation, and prints letters and the list', async () => {
    await expireAll();
    const members = await t.database.pool.query(
      `SELECT 1 FROM chamber_memberships m JOIN enterprises e ON e.id = m.enterprise_id
        WHERE m.chamber_id = $1 AND e.merged_into_id IS NULL`,
      [chamberId],
    );
    const first = await t.request({
      method: 'POST',
      url: '/api/invitations/batches',
      cookie: secretary,
      body: { chamberId },
    });
    assert.equal(first.statusCode, 202, first.body);
    const batch = await finished(secretary, json<{ jobId: string }>(first).jobId);
    assert.equal(batch.status, 'succeeded', JSON.stringify(batch));
    assert.equal(batch.counts.total, members.rowCount);
    assert.equal(batch.counts.created, members.rowCount);

    const second = await t.request({
      method: 'POST',
      url: '/api/invitations/batches',
      cookie: secretary,
      body: { chamberId },
    });
    const again = await finished(secretary, json<{ jobId: string }>(second).jobId);
    assert.deepEqual([again.counts.created, again.counts.skipped], [0, members.rowCount]);
    const live = await t.database.pool.query(
      `SELECT enterprise_id FROM invitations WHERE used_at IS NULL AND expires_at > $1 GROUP BY enterprise_id HAVING count(*) > 1`,
      [t.ctx.clock.now()],
    );
    assert.equal(live.rowCount, 0, 'nobody holds two live invitations');

    const letters = await t.request({ url: batch.lettersUrl!, cookie: secretary });
    assert.equal(letters.statusCode, 200, letters.body);
    const zip = await JSZip.loadAsync(letters.rawPayload);
    const documentXml = await zip.file('word/document.xml')!.async('string');
    assert.equal((documentXml.match(/邀请码：/g) ?? []).length, members.rowCount);
    assert.equal(
      Object.keys(zip.files).filter((name) => name.startsWith('word/media/')).length,
      members.rowCount,
    );
    const list = await t.request({ url: batch.listUrl!, cookie: secretary });
    assert.equal(list.body.trim().split('\n').length, 1 + members.rowCount!);
    assert.equal(
      (await t.request({ url: batch.lettersUrl!, cookie: staff })).statusCode,
      404,
      'another user’s batch',
    );

    const outside = await t.request({
      method: 'POST',
      url: '/api/invitations/batches',
      cookie: secretary,
      body: { enterpriseIds: [outsiderEnterpriseId] },
    });
    assert.deepEqual((await finished(secretary, json<{ jobId: string }>(outside).jobId)).counts.total, 0);
    const bad = await t.request({
      method: 'POST',
      url: '/api/invitations/batches',
      cookie: staff,
      body: { chamberId, enterpriseIds: [memberEnterpriseId] },
    });
    assert.equal(bad.statusCode, 400);
  });

  it('prints letters LibreOffice opens, one page per enterprise', { skip: libreOfficeSkip() }, async () => {
    await expireAll();
    const started = await t.request({
      method: 'POST',
      url: '/api/invitations/batches',
      cookie: staff,
      body: { enterpriseIds: [memberEnterpriseId, outsiderEnterpriseId] },
    });
    const batch = await finished(staff, json<{ jobId: string }>(started).jobId);
    const letters = await t.request({ url: batch.lettersUrl!, cookie: staff });
    const pdf = await officeToPdf(letters.rawPayload, 'docx');
    assert.equal(pdf.pages, batch.counts.created);
  });

  it('issues a one-time password link for a contact in scope', async () => {
    const memberId = await t.userId('member');
    assert.equal(
      (
        await t.request({
          method: 'POST',
          url: '/api/password-resets',
          cookie: await t.signIn('leader'),
          body: { userId: memberId },
        })
      ).statusCode,
      403,
    );
    assert.equal(
      (
        await t.request({
          method: 'POST',
          url: '/api/password-resets',
          cookie: staff,
          body: { userId: await t.userId('staff') },
        })
      ).statusCode,
      404,
      'staff accounts stay with the administrators',
    );
    const issued = await t.request({
      method: 'POST',
      url: '/api/password-resets',
      cookie: staff,
      body: { userId: memberId },
    });
    assert.equal(issued.statusCode, 201, issued.body);
    const { reset } = json<{ reset: { code: string; link: string } }>(issued);
    assert.ok(reset.link.endsWith(`/set-password/${reset.code}`));
    const redeem = (password: string) =>
      t.request({ method: 'POST', url: '/api/password-resets/redeem', body: { code: reset.code, password } });
    assert.equal((await redeem('short')).statusCode, 400);
    assert.equal((await redeem('Quiet-Harbour-Lamp-77')).statusCode, 204);
    assert.equal((await redeem('Quiet-Harbour-Lamp-78')).statusCode, 410);
    const login = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'member', password: 'Quiet-Harbour-Lamp-77' },
    });
    assert.equal(login.statusCode, 200, login.body);
  });
});
