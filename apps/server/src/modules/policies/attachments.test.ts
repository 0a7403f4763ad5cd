// 惠企政策 attachments (附件) through the API on the demo district: staff keep a PDF and an Office file with a
// policy, typed by content; readers download them, the enterprise contact once the policy reaches their
// enterprise; images, renamed executables and empty files are refused writing nothing; removal is audited;
// and who may not (a leader adds nothing, another street's staff and the administrators see nothing).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { ErrorJson } from '../../test/harness.ts';
import type { PolicyAttachmentView, PolicyView } from '@qinqing/shared';
import { createAccount, orgUnitId, setupTestApp, type TestApp } from '../../test/harness.ts';
import { multipart } from '../../test/workbooks.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
/** The start of an Office Open XML zip whose directory names a Word document. */
const DOCX = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.from('[Content_Types].xml word/document.xml'),
]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

describe('policies: attachments', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let policy: PolicyView;

  const upload = (policyId: string, fileName: string, content: Buffer, cookie = cookies.staff!) => {
    const { payload, contentType } = multipart(fileName, content);
    return t.app.inject({
      method: 'POST',
      url: `/api/policies/${policyId}/attachments`,
      headers: { host: 'localhost:80', origin: 'http://localhost:80', cookie, 'content-type': contentType },
      payload,
    });
  };
  const call = (who: string, method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) =>
    t.request({ method, url, body, cookie: cookies[who] });
  const stored = async () => {
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM policy_attachments WHERE policy_id = ${policy.id}`,
    );
    return rows[0]!.n;
  };

  before(async () => {
    t = await setupTestApp();
    for (const name of ['staff', 'leader', 'member', 'sysadmin', 'auditor', 'hrhead'])
      cookies[name] = await t.sessionFor(await t.userId(name));
    await createAccount(t, {
      username: 'attach-street-staff',
      orgUnitId: await orgUnitId(t, '西山街道工商联'),
      roles: ['federation_staff'],
    });
    cookies.streetStaff = await t.sessionFor(await t.userId('attach-street-staff'));
    // A policy without conditions reaches every member of the district, the demo contact's enterprise too.
    const response = await call('staff', 'POST', '/api/policies', {
      title: '示例区促进中小企业发展若干措施（附件测试）',
      issuer: '示例区经济和信息化局',
      level: 'district',
      benefitKind: 'subsidy',
      summary: '申报表见附件。',
      effectiveOn: '2026-01-01',
      redemption: 'application',
      conditions: [],
    });
    assert.equal(response.statusCode, 201, response.body);
    policy = (response.json() as { policy: PolicyView }).policy;
  });
  after(() => t.close());

  it('staff keep a PDF and a Word file, typed by content; readers and the reached enterprise download them', async () => {
    const pdf = await upload(policy.id, '实施细则.pdf', PDF);
    assert.equal(pdf.statusCode, 201, pdf.body);
    const kept = (pdf.json() as { attachment: PolicyAttachmentView }).attachment;
    assert.equal(kept.mediaType, 'application/pdf');
    // A Word file named .pdf is stored as what it is.
    const word = await upload(policy.id, '申报表.pdf', DOCX);
    assert.equal(word.statusCode, 201, word.body);
    assert.equal((word.json() as { attachment: PolicyAttachmentView }).attachment.fileName, '申报表.docx');
    const detail = (await call('staff', 'GET', `/api/policies/${policy.id}`)).json() as {
      policy: PolicyView;
    };
    assert.deepEqual(
      detail.policy.attachments.map((file) => file.fileName),
      ['实施细则.pdf', '申报表.docx'],
    );
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'policy.attachment_added' AND object_id = ${policy.id}`,
    );
    assert.equal(rows[0]!.n, 2, 'each upload audited');

    const byLeader = await call('leader', 'GET', `/api/policies/${policy.id}/attachments/${kept.id}`);
    assert.equal(byLeader.statusCode, 200);
    assert.equal(byLeader.headers['content-type'], 'application/pdf');
    assert.ok(byLeader.rawPayload.equals(PDF), 'the same bytes come back');

    // The contact's enterprise is reached once the policy is published.
    const mine = `/api/my/policies/${policy.id}/attachments/${kept.id}`;
    assert.equal((await call('member', 'GET', mine)).statusCode, 404, 'a draft reaches no enterprise');
    const published = await call('staff', 'POST', `/api/policies/${policy.id}/transitions`, {
      action: 'publish',
      version: policy.version,
    });
    assert.equal(published.statusCode, 200, published.body);
    const byContact = await call('member', 'GET', mine);
    assert.equal(byContact.statusCode, 200, byContact.body);
    assert.ok(byContact.rawPayload.equals(PDF));
    const view = (await call('member', 'GET', `/api/my/policies/${policy.id}`)).json() as {
      policy: PolicyView;
    };
    assert.equal(view.policy.attachments.length, 2, 'the contact sees the files listed');
  });

  it('refuses images, renamed executables and empty files, naming the field and writing nothing', async () => {
    const before = await stored();
    for (const [name, content] of [
      ['照片.png', PNG],
      ['政策.pdf', Buffer.from('MZ\x90\x00 this program cannot be run in DOS mode')],
      ['空.pdf', Buffer.alloc(0)],
    ] as const) {
      const response = await upload(policy.id, name, content);
      assert.equal(response.statusCode, 400, `${name}: ${response.body}`);
      const error = (response.json() as ErrorJson).error;
      assert.equal(error.details?.[0]?.path, 'file');
      assert.match(error.details?.[0]?.message ?? '', /PDF|空/);
    }
    const json = await call('staff', 'POST', `/api/policies/${policy.id}/attachments`, {});
    assert.equal(json.statusCode, 400, 'not multipart');
    assert.equal(await stored(), before);
  });

  it('who may not: a leader adds nothing, another street and the administrators see nothing, a removal is audited', async () => {
    const before = await stored();
    assert.equal((await upload(policy.id, '细则.pdf', PDF, cookies.leader)).statusCode, 403);
    assert.equal((await upload(policy.id, '细则.pdf', PDF, cookies.member)).statusCode, 403);
    assert.equal((await upload(policy.id, '细则.pdf', PDF, cookies.sysadmin)).statusCode, 403);
    const detail = (await call('staff', 'GET', `/api/policies/${policy.id}`)).json() as {
      policy: PolicyView;
    };
    const first = detail.policy.attachments[0]!;
    const url = `/api/policies/${policy.id}/attachments/${first.id}`;
    // A district policy is read by its streets once published; a street's staff do not edit it.
    assert.equal((await upload(policy.id, '细则.pdf', PDF, cookies.streetStaff)).statusCode, 403);
    assert.equal((await call('streetStaff', 'DELETE', url)).statusCode, 403);
    for (const who of ['sysadmin', 'auditor', 'hrhead'])
      assert.equal((await call(who, 'GET', url)).statusCode, 403, who);
    assert.equal((await call('leader', 'DELETE', url)).statusCode, 403);
    assert.equal(await stored(), before);

    const removed = await call('staff', 'DELETE', url);
    assert.equal(removed.statusCode, 204, removed.body);
    assert.equal((await call('staff', 'GET', url)).statusCode, 404);
    assert.equal(await stored(), before - 1);
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'policy.attachment_removed' AND object_id = ${policy.id}`,
    );
    assert.equal(rows[0]!.n, 1);
    assert.equal((await call('staff', 'DELETE', url)).statusCode, 404, 'removed once');
  });

  it("another unit's draft is not found", async () => {
    const draft = await call('staff', 'POST', '/api/policies', {
      title: '草稿（附件测试）',
      issuer: '示例区经济和信息化局',
      level: 'district',
      benefitKind: 'other',
      summary: '草稿',
      effectiveOn: '2026-01-01',
      redemption: 'application',
      conditions: [],
    });
    const id = (draft.json() as { policy: PolicyView }).policy.id;
    assert.equal((await upload(id, '细则.pdf', PDF)).statusCode, 201);
    assert.equal((await upload(id, '细则.pdf', PDF, cookies.streetStaff)).statusCode, 404);
  });
});
