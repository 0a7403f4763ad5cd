// API tests of an appeal's contact (诉求联系人): the enterprise's primary contact by default, a contact of
// another enterprise refused, the mobile masked in the view, and the audited reveal — to staff in scope, to
// a liaison only while their department's forward is open, to no one else.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createAccount,
  json,
  orgUnitId,
  setupTestApp,
  type ErrorJson,
  type TestApp,
} from '../../test/harness.ts';

interface ContactJson {
  id: string | null;
  name: string;
  position: string | null;
  mobile: string | null;
}
interface AppealJson {
  id: string;
  version: number;
  contact: ContactJson | null;
  contactUnmaskable: boolean;
}

describe('appeal contacts (诉求联系人): named on raising, masked, revealed with an audit record', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let memberEnterprise: string;
  let otherEnterprise: string;
  let hr: string;
  let primary: { id: string; name: string; mobile: string };
  let second: string;
  let foreignContact: string;

  const raise = (overrides: Record<string, unknown> = {}, cookie = cookies.staff!) =>
    t.request({
      method: 'POST',
      url: '/api/appeals',
      cookie,
      body: {
        enterpriseId: memberEnterprise,
        category: 'employment',
        title: '用工对接',
        description: '企业需要对接职业院校。',
        source: 'visit',
        urgency: 'normal',
        ...overrides,
      },
    });
  const get = async (id: string, cookie = cookies.staff!) => {
    const response = await t.request({ url: `/api/appeals/${id}`, cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<{ appeal: AppealJson }>(response).appeal;
  };
  const step = async (id: string, request: Record<string, unknown>, cookie = cookies.staff!) => {
    const { version } = await get(id, cookie);
    const response = await t.request({
      method: 'POST',
      url: `/api/appeals/${id}/transitions`,
      cookie,
      body: { version, ...request },
    });
    assert.equal(response.statusCode, 200, `${String(request.action)}: ${response.body}`);
  };
  const unmask = (id: string, cookie: string) =>
    t.request({ method: 'POST', url: `/api/appeals/${id}/contact/unmask`, cookie });
  const reveals = async (id: string) =>
    (
      await t.database.pool.query<{ actor_name: string; detail: { contactName: string } }>(
        "SELECT actor_name, detail FROM audit_events WHERE action = 'appeal.contact_unmasked' AND object_id = $1",
        [id],
      )
    ).rows;
  const forwardedToHr = async () => {
    const response = await raise();
    assert.equal(response.statusCode, 201, response.body);
    const { id } = json<{ appeal: AppealJson }>(response).appeal;
    await step(id, { action: 'forward', departmentIds: [hr] });
    return id;
  };
  const contactRow = async (enterpriseId: string, name: string, mobile: string, isPrimary: boolean) =>
    (
      await t.database.pool.query<{ id: string }>(
        `INSERT INTO enterprise_contacts (enterprise_id, name, position, mobile, is_primary, sort)
         VALUES ($1, $2, '总经理', $3, $4, 9) RETURNING id`,
        [enterpriseId, name, mobile, isPrimary],
      )
    ).rows[0]!.id;

  before(async () => {
    t = await setupTestApp();
    for (const name of ['staff', 'liaison', 'member'])
      cookies[name] = await t.sessionFor(await t.userId(name));
    hr = await orgUnitId(t, '人力资源社会保障局');
    cookies.taxLiaison = await t.sessionFor(
      await createAccount(t, {
        username: 'tax-liaison',
        orgUnitId: await orgUnitId(t, '税务局'),
        roles: ['department_liaison'],
      }),
    );
    const { rows } = await t.database.pool.query<{ enterprise_id: string; org_unit_id: string }>(
      "SELECT enterprise_id, org_unit_id FROM users WHERE username = 'member'",
    );
    memberEnterprise = rows[0]!.enterprise_id;
    otherEnterprise = (
      await t.database.pool.query<{ id: string }>(
        'SELECT id FROM enterprises WHERE id <> $1 AND merged_into_id IS NULL ORDER BY name LIMIT 1',
        [memberEnterprise],
      )
    ).rows[0]!.id;
    // The member enterprise's primary contact is this one alone.
    await t.database.pool.query(
      'UPDATE enterprise_contacts SET is_primary = false WHERE enterprise_id = $1',
      [memberEnterprise],
    );
    primary = { id: '', name: '王主联', mobile: '13800001111' };
    primary.id = await contactRow(memberEnterprise, primary.name, primary.mobile, true);
    second = await contactRow(memberEnterprise, '李副联', '13900002222', false);
    foreignContact = await contactRow(otherEnterprise, '外企联系人', '13700003333', true);
    const outsider = await createAccount(t, {
      username: 'other-contact',
      orgUnitId: rows[0]!.org_unit_id,
      roles: ['enterprise_contact'],
    });
    await t.database.pool.query('UPDATE users SET enterprise_id = $1 WHERE id = $2', [
      otherEnterprise,
      outsider,
    ]);
    cookies.outsider = await t.sessionFor(outsider);
  });
  after(() => t.close());

  it('the demo appeals name their enterprise’s contact: the liaison of a demo forward sees whom to call', async () => {
    const { rows } = await t.database.pool.query<{ id: string }>(
      `SELECT a.id FROM appeals a JOIN appeal_forwards f ON f.appeal_id = a.id
        WHERE f.department_id = $1 AND f.state IN ('pending', 'accepted') AND a.contact_id IS NOT NULL
        ORDER BY a.number LIMIT 1`,
      [hr],
    );
    assert.ok(rows[0], 'a demo appeal forwarded to 人社局 names a contact');
    const appeal = await get(rows[0].id, cookies.liaison);
    assert.ok(appeal.contact?.name, 'the liaison sees the contact');
    assert.match(appeal.contact.mobile ?? '', /^\d{3}\*{4}\d{4}$/, 'masked until revealed');
  });

  it('an appeal raised without a contact names the primary one, the mobile masked', async () => {
    const response = await raise();
    assert.equal(response.statusCode, 201, response.body);
    const { appeal } = json<{ appeal: AppealJson }>(response);
    assert.deepEqual(appeal.contact, {
      id: primary.id,
      name: primary.name,
      position: '总经理',
      mobile: '138****1111',
    });
    assert.equal(appeal.contactUnmaskable, true);
    assert.deepEqual((await get(appeal.id)).contact, appeal.contact);
  });

  it('staff name another contact of the enterprise; one of another enterprise is refused', async () => {
    const named = await raise({ contactId: second });
    assert.equal(named.statusCode, 201, named.body);
    assert.equal(json<{ appeal: AppealJson }>(named).appeal.contact?.name, '李副联');
    const refused = await raise({ contactId: foreignContact });
    assert.equal(refused.statusCode, 400, refused.body);
    const error = json<ErrorJson>(refused).error;
    assert.equal(error.details?.[0]?.code, 'CONTACT_NOT_FOUND');
    assert.match(error.details?.[0]?.message ?? '', /联系人/);
  });

  it('an enterprise contact raising for their own enterprise names themselves', async () => {
    const { rows } = await t.database.pool.query<{ display_name: string }>(
      "SELECT display_name FROM users WHERE username = 'member'",
    );
    const own = await contactRow(memberEnterprise, rows[0]!.display_name, '13600004444', false);
    const response = await raise({ source: 'self_service' }, cookies.member);
    assert.equal(response.statusCode, 201, response.body);
    const { appeal } = json<{ appeal: AppealJson }>(response);
    // Theirs, not the primary's (the demo may list them already: one of the same name either way).
    assert.equal(appeal.contact?.name, rows[0]!.display_name);
    assert.notEqual(appeal.contact?.id, primary.id);
    // The enterprise itself may not reveal the number: only the federation and the department may.
    assert.equal(appeal.contactUnmaskable, false);
    assert.equal((await unmask(appeal.id, cookies.member!)).statusCode, 403);
    await t.database.pool.query('DELETE FROM enterprise_contacts WHERE id = $1', [own]);
  });

  it('staff reveal the full mobile within scope, audited', async () => {
    const id = json<{ appeal: AppealJson }>(await raise()).appeal.id;
    const response = await unmask(id, cookies.staff!);
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(json(response), { contactId: primary.id, mobile: primary.mobile });
    const audit = await reveals(id);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.detail.contactName, primary.name);
  });

  it('a liaison reveals only while their department holds an open forward', async () => {
    const id = await forwardedToHr();
    // Pending: the forward is open.
    assert.equal((await get(id, cookies.liaison)).contactUnmaskable, true);
    const pending = await unmask(id, cookies.liaison!);
    assert.equal(pending.statusCode, 200, pending.body);
    assert.equal(json<{ mobile: string }>(pending).mobile, primary.mobile);
    // Accepted: still open.
    await step(id, { action: 'accept' }, cookies.liaison);
    assert.equal((await unmask(id, cookies.liaison!)).statusCode, 200);
    const audit = await reveals(id);
    assert.equal(audit.length, 2);
    assert.ok(audit.every((row) => row.actor_name === audit[0]!.actor_name));
    // A liaison of another department is refused (the appeal is not theirs to see).
    const otherDepartment = await unmask(id, cookies.taxLiaison!);
    assert.ok([403, 404].includes(otherDepartment.statusCode), otherDepartment.body);
    // Resolved: the forward is closed, and so is the number.
    await step(id, { action: 'resolve', note: '已办结' }, cookies.liaison);
    const after = await get(id, cookies.liaison);
    assert.equal(after.contactUnmaskable, false);
    assert.equal(after.contact?.mobile, '138****1111');
    const closed = await unmask(id, cookies.liaison!);
    assert.equal(closed.statusCode, 403, closed.body);
    assert.equal((await reveals(id)).length, 2);
  });

  it('an enterprise contact of another enterprise is refused', async () => {
    const id = json<{ appeal: AppealJson }>(await raise()).appeal.id;
    const response = await unmask(id, cookies.outsider!);
    assert.equal(response.statusCode, 404, response.body);
    assert.equal((await reveals(id)).length, 0);
  });

  it('the contact stays on the appeal after the enterprise replaces its contacts', async () => {
    const id = json<{ appeal: AppealJson }>(await raise({ contactId: second })).appeal.id;
    await t.database.pool.query('DELETE FROM enterprise_contacts WHERE id = $1', [second]);
    const { contact } = await get(id);
    assert.deepEqual(contact, { id: null, name: '李副联', position: '总经理', mobile: '139****2222' });
    const response = await unmask(id, cookies.staff!);
    assert.deepEqual(json(response), { contactId: null, mobile: '13900002222' });
  });
});
