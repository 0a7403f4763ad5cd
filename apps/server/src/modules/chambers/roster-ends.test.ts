// API tests of a chamber's roster kept by its secretary (issue 10 item 3): a new member named by credit
// code from the chamber's own federation, a membership ended with a day and a reason (history, not
// forgotten), a leader's term ended likewise — and a secretary outside the chamber refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { json, setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';
import { buildRegistryWorld, worldUscc, type RegistryWorld } from '../../test/registry-world.ts';

describe('chamber rosters: adding by credit code, ending members and leaders', () => {
  let t: TestApp;
  let w: RegistryWorld;
  let recruitId: string;
  let personId: string;

  const post = (url: string, body: unknown, cookie: string) =>
    t.request({ method: 'POST', url, cookie, body });
  const memberCount = async (chamberId: string) =>
    json<{ total: number }>(
      await t.request({ url: `/api/chambers/${chamberId}/members`, cookie: w.cookies.staff }),
    ).total;
  const auditCount = async (action: string) =>
    (
      await t.database.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM audit_events WHERE action = $1',
        [action],
      )
    ).rows[0]!.n;

  before(async () => {
    t = await setupTestApp();
    w = await buildRegistryWorld(t);
    // An enterprise of 长宁街道 in no chamber: the street chamber's secretary cannot see it yet.
    const created = await post(
      '/api/enterprises',
      { uscc: worldUscc(101), name: '长宁新材料有限公司', orgUnitId: w.changning },
      w.cookies.staff,
    );
    assert.equal(created.statusCode, 201, created.body);
    recruitId = json<{ enterprise: { id: string } }>(created).enterprise.id;
    const person = await post(
      '/api/people',
      { name: '王磊', positions: [{ enterpriseId: recruitId, position: '董事长' }] },
      w.cookies.staff,
    );
    assert.equal(person.statusCode, 201, person.body);
    personId = json<{ person: { id: string } }>(person).person.id;
  });
  after(() => t.close());

  it('lets a secretary add an enterprise of their street by credit code, and no enterprise elsewhere', async () => {
    const hidden = await t.request({ url: `/api/enterprises/${recruitId}`, cookie: w.cookies.secretary });
    assert.equal(hidden.statusCode, 404, 'not a member yet: the secretary does not see it');
    const url = `/api/chambers/${w.streetChamber}/members`;
    const elsewhere = await post(url, { uscc: worldUscc(3) }, w.cookies.secretary);
    assert.equal(elsewhere.statusCode, 400, '静安医药 is registered under another street');
    assert.equal(json<ErrorJson>(elsewhere).error.details?.[0]?.path, 'uscc');
    const badCode = await post(url, { uscc: '91310105QQ0000101X' }, w.cookies.secretary);
    assert.equal(badCode.statusCode, 400);
    const both = await post(url, { uscc: worldUscc(101), enterpriseId: recruitId }, w.cookies.secretary);
    assert.equal(both.statusCode, 400, 'one of the two, not both');
    const otherSecretary = await post(url, { uscc: worldUscc(101) }, w.cookies.outsiderSecretary);
    assert.equal(otherSecretary.statusCode, 404, 'a secretary of another chamber');
    const leader = await post(url, { uscc: worldUscc(101) }, w.cookies.leader);
    assert.equal(leader.statusCode, 403);
    const before = await memberCount(w.streetChamber);

    const added = await post(
      url,
      { uscc: worldUscc(101), role: 'director', joinedOn: '2026-03-01' },
      w.cookies.secretary,
    );
    assert.equal(added.statusCode, 201, added.body);
    assert.equal(
      json<{ member: { enterpriseName: string } }>(added).member.enterpriseName,
      '长宁新材料有限公司',
    );
    assert.equal(await memberCount(w.streetChamber), before + 1);
    const seen = await t.request({ url: `/api/enterprises/${recruitId}`, cookie: w.cookies.secretary });
    assert.equal(seen.statusCode, 200, 'a member now: the secretary sees it');

    // Its chairman is now someone the secretary may appoint.
    const appointed = await post(
      `/api/chambers/${w.streetChamber}/leaders`,
      { personId, role: 'vice_president', termStart: '2026-03-01' },
      w.cookies.secretary,
    );
    assert.equal(appointed.statusCode, 201, appointed.body);
  });

  it('ends a membership with a day and a reason: history kept, counts drop, audited', async () => {
    const url = `/api/chambers/${w.streetChamber}/members/${recruitId}/end`;
    const missing = await post(url, { leftOn: '2026-06-01' }, w.cookies.secretary);
    assert.equal(missing.statusCode, 400, 'a reason is required');
    const early = await post(url, { leftOn: '2026-01-01', reason: '企业迁出' }, w.cookies.secretary);
    assert.equal(early.statusCode, 400);
    assert.equal(json<ErrorJson>(early).error.details?.[0]?.code, 'LEFT_BEFORE_JOINED');
    const future = await post(url, { leftOn: '2026-07-01', reason: '企业迁出' }, w.cookies.secretary);
    assert.equal(future.statusCode, 400);
    assert.equal(json<ErrorJson>(future).error.details?.[0]?.code, 'DATE_IN_FUTURE');
    const outsider = await post(
      url,
      { leftOn: '2026-06-01', reason: '企业迁出' },
      w.cookies.outsiderSecretary,
    );
    assert.equal(outsider.statusCode, 404);
    const contact = await post(url, { leftOn: '2026-06-01', reason: '企业迁出' }, w.cookies.contact);
    assert.equal(contact.statusCode, 403);
    const before = await memberCount(w.streetChamber);

    const ended = await post(url, { leftOn: '2026-06-01', reason: '企业迁出' }, w.cookies.secretary);
    assert.equal(ended.statusCode, 204, ended.body);
    assert.equal(await memberCount(w.streetChamber), before - 1);
    assert.equal(await auditCount('chamber.member_ended'), 1);
    const former = await t.request({
      url: `/api/chambers/${w.streetChamber}/former-members`,
      cookie: w.cookies.secretary,
    });
    assert.equal(former.statusCode, 200, former.body);
    const items = json<{ items: { enterpriseName: string; role: string; leftOn: string; reason: string }[] }>(
      former,
    ).items;
    assert.deepEqual(
      items.map((i) => [i.enterpriseName, i.role, i.leftOn, i.reason]),
      [['长宁新材料有限公司', 'director', '2026-06-01', '企业迁出']],
    );
    const hidden = await t.request({
      url: `/api/chambers/${w.industryChamber}/former-members`,
      cookie: w.cookies.secretary,
    });
    assert.equal(hidden.statusCode, 404, 'another chamber’s history');
    const again = await post(url, { leftOn: '2026-06-01', reason: '企业迁出' }, w.cookies.secretary);
    assert.equal(again.statusCode, 404, 'no longer a member');
    const rejoined = await post(
      `/api/chambers/${w.streetChamber}/members`,
      { enterpriseId: recruitId },
      w.cookies.staff,
    );
    assert.equal(rejoined.statusCode, 201, 'an enterprise that left may join again');
  });

  it('ends a leader’s term with a day and a reason, once; a secretary elsewhere 404', async () => {
    const leaders = json<{ items: { id: string; personName: string }[] }>(
      await t.request({ url: `/api/chambers/${w.streetChamber}/leaders`, cookie: w.cookies.secretary }),
    ).items;
    const leaderId = leaders.find((l) => l.personName === '王磊')!.id;
    const url = `/api/chambers/${w.streetChamber}/leaders/${leaderId}/end`;
    const beforeStart = await post(url, { termEnd: '2026-01-01', reason: '换届' }, w.cookies.secretary);
    assert.equal(beforeStart.statusCode, 400);
    assert.equal(json<ErrorJson>(beforeStart).error.details?.[0]?.code, 'TERM_END_BEFORE_START');
    const outsider = await post(url, { termEnd: '2026-06-10', reason: '换届' }, w.cookies.outsiderSecretary);
    assert.equal(outsider.statusCode, 404);
    const wrongChamber = await post(
      `/api/chambers/${w.industryChamber}/leaders/${leaderId}/end`,
      { termEnd: '2026-06-10', reason: '换届' },
      w.cookies.staff,
    );
    assert.equal(wrongChamber.statusCode, 404);

    const ended = await post(url, { termEnd: '2026-06-10', reason: '换届' }, w.cookies.secretary);
    assert.equal(ended.statusCode, 200, ended.body);
    const leader = json<{ leader: { termEnd: string; endReason: string; current: boolean } }>(ended).leader;
    assert.deepEqual([leader.termEnd, leader.endReason, leader.current], ['2026-06-10', '换届', false]);
    assert.equal(await auditCount('chamber.leader_ended'), 1);
    const twice = await post(url, { termEnd: '2026-06-12', reason: '换届' }, w.cookies.secretary);
    assert.equal(twice.statusCode, 400);
    assert.equal(json<ErrorJson>(twice).error.details?.[0]?.code, 'TERM_ALREADY_ENDED');
  });

  it('shows the demo secretary who left 东湖街道商会, when and why', async () => {
    const { rows } = await t.database.pool.query<{ id: string }>(
      "SELECT id FROM org_units WHERE name = '东湖街道商会'",
    );
    const response = await t.request({
      url: `/api/chambers/${rows[0]!.id}/former-members`,
      cookie: w.cookies.outsiderSecretary,
    });
    assert.equal(response.statusCode, 200, response.body);
    const items = json<{ items: { leftOn: string; reason: string }[] }>(response).items;
    assert.ok(items.length > 0, 'the demo records former members');
    assert.ok(items.every((i) => i.leftOn <= '2026-06-15' && i.reason.length > 0));
  });
});
