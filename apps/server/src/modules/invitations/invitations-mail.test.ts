// 邀请 by email: with SMTP configured, an invitation goes to the enterprise contact's known address with its
// link and code, and the list says it was emailed; an enterprise without an address gets no mail.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InvitationView } from '@qinqing/shared';
import { json, setupTestApp, type TestApp } from '../../test/harness.ts';
import {
  PEERS_OUTBOUND_ALLOW,
  readMail,
  startSmtpPeer,
  type SmtpPeer,
} from '../../test/mail-and-robot-peers.ts';

describe('invitations by email', () => {
  let t: TestApp;
  let smtp: SmtpPeer;
  let staff: string;
  const ids: string[] = [];

  before(async () => {
    smtp = await startSmtpPeer();
    t = await setupTestApp({
      env: { QINQING_SMTP_URL: smtp.url, QINQING_OUTBOUND_ALLOW: PEERS_OUTBOUND_ALLOW },
    });
    staff = await t.signIn('staff');
    const { rows } = await t.database.pool.query<{ id: string }>(
      'SELECT id FROM enterprises WHERE merged_into_id IS NULL ORDER BY id LIMIT 2',
    );
    ids.push(...rows.map((row) => row.id));
    await t.database.pool.query(
      'UPDATE enterprise_contacts SET email = NULL WHERE enterprise_id = ANY ($1)',
      [ids],
    );
    await t.database.pool.query(
      `INSERT INTO enterprise_contacts (enterprise_id, name, email, is_primary, sort) VALUES ($1, '收信人', 'contact@example.test', true, -1)`,
      [ids[0]],
    );
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  it('mails the link and code to the known address only', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/invitations',
      cookie: staff,
      body: { enterpriseId: ids[0] },
    });
    assert.equal(response.statusCode, 201, response.body);
    const { invitation } = json<{ invitation: { id: string; code: string; link: string } }>(response);
    assert.equal(smtp.mails.length, 1);
    assert.deepEqual(smtp.mails[0]!.to, ['contact@example.test']);
    const mail = readMail(smtp.mails[0]!);
    assert.ok(mail.text.includes(invitation.link), mail.text);
    assert.ok(mail.text.includes(invitation.code));

    const none = await t.request({
      method: 'POST',
      url: '/api/invitations',
      cookie: staff,
      body: { enterpriseId: ids[1] },
    });
    assert.equal(none.statusCode, 201);
    assert.equal(smtp.mails.length, 1, 'no address, no mail');
    const listed = json<{ items: InvitationView[] }>(
      await t.request({ url: '/api/invitations?state=live', cookie: staff }),
    ).items;
    assert.equal(listed.find((item) => item.id === invitation.id)?.emailed, true);
  });
});
