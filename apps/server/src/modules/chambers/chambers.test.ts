// API tests of 商会/协会 chambers: founding one (org unit + profile in one transaction), the list with
// type filter and member counts, profile changes with versions, members and leaders (a secretary keeps
// their own chamber's roster), bad input that writes nothing, and every role's scope.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { orgUnits } from '../../db/schema/index.ts';
import { json, setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';
import { insertOrgUnit } from '../org-units/service.ts';
import { buildRegistryWorld, type RegistryWorld } from '../../test/registry-world.ts';

/** An audit record's detail: before/after maps and a few named fields. */
type AuditDetail = Record<string, Record<string, unknown>>;

interface ChamberJson {
  id: string;
  name: string;
  kind: string;
  chamberType: string | null;
  parentId: string;
  parentName: string;
  memberCount: number;
  version: number;
  code: string | null;
  foundedOn: string | null;
  registrationNo: string | null;
  address: string | null;
  leaders: { id: string; personName: string; role: string; current: boolean }[];
}
type ChamberPage = { items: (ChamberJson & { presidentName: string | null })[]; total: number };
type MemberPage = {
  items: { enterpriseId: string; enterpriseName: string; role: string; joinedOn: string }[];
  total: number;
};

describe('chambers (商会)', () => {
  let t: TestApp;
  let w: RegistryWorld;
  let zhangId: string;
  let liId: string;

  const count = async (table: string) =>
    (await t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  const snapshot = async () => ({
    units: await count('org_units'),
    profiles: await count('chamber_profiles'),
    members: await count('chamber_memberships'),
    leaders: await count('chamber_leaders'),
    audit: await count("audit_events WHERE action <> 'access.denied'"),
  });
  const lastAudit = async (action: string) =>
    (
      await t.database.pool.query<{ object_id: string; detail: AuditDetail }>(
        'SELECT object_id, detail FROM audit_events WHERE action = $1 ORDER BY seq DESC LIMIT 1',
        [action],
      )
    ).rows[0];

  const list = async (query: string, cookie = w.cookies.staff) => {
    const response = await t.request({ url: `/api/chambers${query}`, cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<ChamberPage>(response);
  };
  const get = (id: string, cookie = w.cookies.staff) => t.request({ url: `/api/chambers/${id}`, cookie });
  const create = (body: unknown, cookie = w.cookies.staff) =>
    t.request({ method: 'POST', url: '/api/chambers', cookie, body });
  const patch = (id: string, body: unknown, cookie = w.cookies.staff) =>
    t.request({ method: 'PATCH', url: `/api/chambers/${id}`, cookie, body });
  const members = async (chamber: string, query = '', cookie = w.cookies.staff) => {
    const response = await t.request({ url: `/api/chambers/${chamber}/members${query}`, cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<MemberPage>(response);
  };

  before(async () => {
    t = await setupTestApp();
    w = await buildRegistryWorld(t);
    const person = async (body: unknown) => {
      const response = await t.request({ method: 'POST', url: '/api/people', cookie: w.cookies.staff, body });
      assert.equal(response.statusCode, 201, response.body);
      return json<{ person: { id: string } }>(response).person.id;
    };
    zhangId = await person({
      name: '张伟',
      positions: [{ enterpriseId: w.enterprises.smart, position: '董事长' }],
    });
    liId = await person({
      name: '李娜',
      positions: [{ enterpriseId: w.enterprises.pharma, position: '总经理' }],
    });
  });
  after(() => t.close());

  describe('listing', () => {
    it('lists the chambers in scope with type and active member count (withdrawn members and merged duplicates not counted)', async () => {
      const page = await list('');
      assert.deepEqual(
        page.items.map((c) => [c.name, c.chamberType, c.memberCount]),
        [
          ['测试区青年创业者协会', 'association', 0],
          ['测试区医药商会', 'industry', 2],
          ['长宁街道商会', 'street', 2],
        ],
      );
      assert.equal(page.items[2]?.parentName, '长宁街道工商联');
    });

    it('filters by type, parent and name (pinyin, initials, traditional)', async () => {
      assert.deepEqual(
        (await list('?type=street')).items.map((c) => c.name),
        ['长宁街道商会'],
      );
      assert.deepEqual((await list(`?parentId=${w.district}`)).total, 2);
      assert.deepEqual(
        (await list('?q=cnjd')).items.map((c) => c.name),
        ['长宁街道商会'],
      );
      assert.deepEqual(
        (await list('?q=yiyao')).items.map((c) => c.name),
        ['测试区医药商会'],
      );
      assert.deepEqual(
        (await list(`?q=${encodeURIComponent('長寧')}`)).items.map((c) => c.name),
        ['长宁街道商会'],
      );
      const bad = await t.request({ url: '/api/chambers?type=guild', cookie: w.cookies.staff });
      assert.equal(bad.statusCode, 400);
      assert.equal(json<ErrorJson>(bad).error.details?.[0]?.path, 'querystring.type');
    });

    it('shows each role only its own: secretary their chamber, contacts and liaisons none, the other district none of ours', async () => {
      assert.deepEqual(
        (await list('', w.cookies.secretary)).items.map((c) => c.name),
        ['长宁街道商会'],
      );
      assert.equal((await list('', w.cookies.leader)).total, 3);
      assert.equal((await list('', w.cookies.contact)).total, 0);
      assert.equal((await list('', w.cookies.liaison)).total, 0);
      const outsider = await list('', w.cookies.outsiderStaff);
      assert.ok(!outsider.items.some((c) => c.id === w.streetChamber));
      assert.equal((await get(w.streetChamber, w.cookies.outsiderStaff)).statusCode, 404);
      assert.equal((await get(w.industryChamber, w.cookies.secretary)).statusCode, 404);
      assert.equal((await get(w.streetChamber, w.cookies.secretary)).statusCode, 200);
      for (const who of ['contact', 'liaison', 'outsiderSecretary'] as const) {
        assert.equal((await get(w.streetChamber, w.cookies[who])).statusCode, 404, who);
        const response = await t.request({
          url: `/api/chambers/${w.streetChamber}/members`,
          cookie: w.cookies[who],
        });
        assert.equal(response.statusCode, 404, who);
      }
    });
  });

  describe('founding a chamber', () => {
    it('creates the org unit and its profile in one transaction, and audits it', async () => {
      const response = await create({
        parentId: w.jingan,
        name: '静安街道商会',
        chamberType: 'street',
        foundedOn: '2019-05-01',
        registrationNo: '51310105MJ0000001X',
        registeredOn: '2019-06-01',
        address: '静安路 1 号',
      });
      assert.equal(response.statusCode, 201, response.body);
      const chamber = json<{ chamber: ChamberJson }>(response).chamber;
      assert.equal(chamber.kind, 'chamber');
      assert.equal(chamber.parentId, w.jingan);
      assert.equal(chamber.version, 1);
      assert.equal(chamber.memberCount, 0);
      const { rows } = await t.database.pool.query(
        "SELECT o.kind, o.path LIKE p.path || '%' AS under, c.chamber_type, c.founded_on::text FROM org_units o JOIN org_units p ON p.id = o.parent_id JOIN chamber_profiles c ON c.org_unit_id = o.id WHERE o.id = $1",
        [chamber.id],
      );
      assert.deepEqual(rows[0], {
        kind: 'chamber',
        under: true,
        chamber_type: 'street',
        founded_on: '2019-05-01',
      });
      const audit = await lastAudit('chamber.created');
      assert.equal(audit?.object_id, chamber.id);
      assert.equal(audit?.detail.after?.chamberType, 'street');
    });

    it('makes an association an org unit of kind association', async () => {
      const response = await create({
        parentId: w.district,
        name: '测试区女企业家协会',
        chamberType: 'association',
      });
      assert.equal(response.statusCode, 201, response.body);
      assert.equal(json<{ chamber: ChamberJson }>(response).chamber.kind, 'association');
    });

    it('refuses bad input, a taken name and a parent that is not a federation in scope; writes nothing', async () => {
      const before = await snapshot();
      const cases: [unknown, number, string, string][] = [
        [
          { parentId: w.district, name: '测试区医药商会', chamberType: 'industry' },
          409,
          'name',
          'NAME_TAKEN',
        ],
        [{ parentId: w.district, name: '新商会', chamberType: 'guild' }, 400, 'chamberType', 'INVALID_VALUE'],
        [{ parentId: w.district, name: '', chamberType: 'industry' }, 400, 'name', 'TOO_SMALL'],
        [{ parentId: w.district, name: '新商会' }, 400, 'chamberType', 'INVALID_VALUE'],
        [{ parentId: 'nope', name: '新商会', chamberType: 'industry' }, 400, 'parentId', 'INVALID_FORMAT'],
        [
          { parentId: w.district, name: '新商会', chamberType: 'industry', president: '张' },
          400,
          '',
          'UNRECOGNIZED_KEYS',
        ],
        [
          { parentId: w.district, name: '新商会', chamberType: 'industry', foundedOn: '2030-01-01' },
          400,
          'foundedOn',
          'DATE_IN_FUTURE',
        ],
        [
          { parentId: w.district, name: '新商会', chamberType: 'industry', foundedOn: '2020-13-01' },
          400,
          'foundedOn',
          'INVALID_FORMAT',
        ],
        [
          { parentId: w.streetChamber, name: '新商会', chamberType: 'industry' },
          400,
          'parentId',
          'PARENT_NOT_FEDERATION',
        ],
        [
          { parentId: w.department, name: '新商会', chamberType: 'industry' },
          400,
          'parentId',
          'PARENT_NOT_FEDERATION',
        ],
        [
          { parentId: await orgUnit('示例区工商联'), name: '新商会', chamberType: 'industry' },
          400,
          'parentId',
          'NOT_FOUND',
        ],
      ];
      for (const [body, status, path, code] of cases) {
        const response = await create(body);
        assert.equal(response.statusCode, status, `${JSON.stringify(body)}: ${response.body}`);
        const detail = json<ErrorJson>(response).error.details?.find((d) => d.path === path);
        assert.equal(detail?.code, code, `${JSON.stringify(body)}: ${response.body}`);
        assert.match(detail.message, /[\u4e00-\u9fff]/);
      }
      assert.deepEqual(await snapshot(), before);
    });

    it('is refused to leaders, secretaries, contacts and liaisons (403)', async () => {
      const before = await snapshot();
      for (const who of ['leader', 'secretary', 'contact', 'liaison'] as const) {
        const response = await create(
          { parentId: w.district, name: '越权商会', chamberType: 'industry' },
          w.cookies[who],
        );
        assert.equal(response.statusCode, 403, who);
      }
      assert.deepEqual(await snapshot(), before);
    });
  });

  async function orgUnit(name: string) {
    const { rows } = await t.database.pool.query<{ id: string }>('SELECT id FROM org_units WHERE name = $1', [
      name,
    ]);
    return rows[0]!.id;
  }

  describe('changing the profile', () => {
    it('changes name, type and registration data with the version, and audits before and after', async () => {
      const current = json<{ chamber: ChamberJson }>(await get(w.industryChamber)).chamber;
      assert.equal(current.memberCount, 2, 'the page counts the active members as the list does');
      const response = await patch(w.industryChamber, {
        version: current.version,
        name: '测试区医药健康商会',
        registrationNo: '51310105MJ0000002X',
        address: '',
      });
      assert.equal(response.statusCode, 200, response.body);
      const changed = json<{ chamber: ChamberJson }>(response).chamber;
      assert.equal(changed.name, '测试区医药健康商会');
      assert.equal(changed.version, current.version + 1);
      assert.equal(changed.memberCount, 2);
      const audit = await lastAudit('chamber.updated');
      assert.deepEqual(audit?.detail, {
        before: { name: '测试区医药商会', registrationNo: null },
        after: { name: '测试区医药健康商会', registrationNo: '51310105MJ0000002X' },
      });
      const association = await patch(w.industryChamber, {
        version: changed.version,
        chamberType: 'association',
      });
      assert.equal(json<{ chamber: ChamberJson }>(association).chamber.kind, 'association');
      const back = await patch(w.industryChamber, { version: changed.version + 1, chamberType: 'industry' });
      assert.equal(json<{ chamber: ChamberJson }>(back).chamber.kind, 'chamber');
    });

    it('answers a stale version with 409 and changes nothing', async () => {
      const before = await snapshot();
      const response = await patch(w.streetChamber, { version: 7, address: '某路' });
      assert.equal(response.statusCode, 409);
      assert.equal(json<ErrorJson>(response).error.code, 'VERSION_CONFLICT');
      assert.deepEqual(await snapshot(), before);
    });

    it('gives a chamber founded without a profile one on its first change (version 0, type required)', async () => {
      const [district] = await t.database.db.select().from(orgUnits).where(eq(orgUnits.id, w.district));
      const demoOld = (
        await insertOrgUnit(t.database.db, district!, { kind: 'chamber', name: '测试区老商会' })
      ).id;
      const staff = w.cookies.staff;
      const shown = json<{ chamber: ChamberJson }>(await get(demoOld, staff)).chamber;
      assert.equal(shown.version, 0);
      assert.equal(shown.chamberType, null);
      const missing = await patch(demoOld, { version: 0, address: '美食街 8 号' }, staff);
      assert.equal(missing.statusCode, 400);
      assert.equal(json<ErrorJson>(missing).error.details?.[0]?.code, 'CHAMBER_TYPE_REQUIRED');
      const response = await patch(
        demoOld,
        { version: 0, chamberType: 'industry', address: '美食街 8 号' },
        staff,
      );
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(json<{ chamber: ChamberJson }>(response).chamber.version, 1);
    });

    it('is refused to secretaries and other roles (403), and out of scope (404)', async () => {
      for (const who of ['leader', 'secretary', 'contact', 'liaison'] as const) {
        const response = await patch(w.streetChamber, { version: 1, address: '某路' }, w.cookies[who]);
        assert.equal(response.statusCode, 403, who);
      }
      assert.equal(
        (await patch(w.streetChamber, { version: 1, address: '某路' }, w.cookies.outsiderStaff)).statusCode,
        404,
      );
    });
  });

  describe('members', () => {
    it('lists the members with their roles, president first, and searches them', async () => {
      const page = await members(w.industryChamber);
      assert.deepEqual(
        page.items.map((m) => [m.enterpriseName, m.role]),
        [
          ['静安医药有限公司', 'vice_president'],
          ['长宁智能科技有限公司', 'director'],
          ['静安物流有限公司', 'member'],
        ],
      );
      assert.deepEqual((await members(w.industryChamber, '?role=director')).items.length, 1);
      assert.deepEqual(
        (await members(w.industryChamber, '?q=jayy')).items.map((m) => m.enterpriseName),
        ['静安医药有限公司'],
      );
    });

    it('adds an enterprise (it may belong to several chambers), changes its role, removes it — all audited', async () => {
      const add = await t.request({
        method: 'POST',
        url: `/api/chambers/${w.association}/members`,
        cookie: w.cookies.staff,
        body: { enterpriseId: w.enterprises.smart, role: 'vice_president', joinedOn: '2025-03-01' },
      });
      assert.equal(add.statusCode, 201, add.body);
      assert.deepEqual(
        json<{ member: { role: string; joinedOn: string } }>(add).member.role,
        'vice_president',
      );
      assert.equal(
        (await lastAudit('chamber.member_added'))?.detail.after?.enterpriseName,
        '长宁智能科技有限公司',
      );
      const { rows } = await t.database.pool.query(
        'SELECT count(*)::int AS n FROM chamber_memberships WHERE enterprise_id = $1',
        [w.enterprises.smart],
      );
      assert.equal(rows[0].n, 3);

      const again = await t.request({
        method: 'POST',
        url: `/api/chambers/${w.association}/members`,
        cookie: w.cookies.staff,
        body: { enterpriseId: w.enterprises.smart },
      });
      assert.equal(again.statusCode, 409);
      assert.equal(json<ErrorJson>(again).error.details?.[0]?.code, 'ALREADY_MEMBER');

      const change = await t.request({
        method: 'PATCH',
        url: `/api/chambers/${w.association}/members/${w.enterprises.smart}`,
        cookie: w.cookies.staff,
        body: { role: 'president' },
      });
      assert.equal(change.statusCode, 200, change.body);
      assert.deepEqual((await lastAudit('chamber.member_updated'))?.detail.before, {
        role: 'vice_president',
      });

      const remove = await t.request({
        method: 'DELETE',
        url: `/api/chambers/${w.association}/members/${w.enterprises.smart}`,
        cookie: w.cookies.staff,
      });
      assert.equal(remove.statusCode, 204);
      assert.equal((await lastAudit('chamber.member_removed'))?.detail.before?.role, 'president');
      assert.equal((await members(w.association)).total, 0);
      const gone = await t.request({
        method: 'DELETE',
        url: `/api/chambers/${w.association}/members/${w.enterprises.smart}`,
        cookie: w.cookies.staff,
      });
      assert.equal(gone.statusCode, 404);
    });

    it('refuses an enterprise out of scope, merged away or malformed, and a future join date; writes nothing', async () => {
      const before = await snapshot();
      const cases: [unknown, string, string][] = [
        [{ enterpriseId: w.enterprises.demo }, 'enterpriseId', 'NOT_FOUND'],
        [{ enterpriseId: w.enterprises.mergedAway }, 'enterpriseId', 'NOT_FOUND'],
        [{ enterpriseId: 'nope' }, 'enterpriseId', 'INVALID_FORMAT'],
        [{ enterpriseId: w.enterprises.building, role: 'boss' }, 'role', 'INVALID_VALUE'],
        [{ enterpriseId: w.enterprises.building, joinedOn: '2030-01-01' }, 'joinedOn', 'DATE_IN_FUTURE'],
      ];
      for (const [body, path, code] of cases) {
        const response = await t.request({
          method: 'POST',
          url: `/api/chambers/${w.association}/members`,
          cookie: w.cookies.staff,
          body,
        });
        assert.equal(response.statusCode, 400, response.body);
        const detail = json<ErrorJson>(response).error.details?.find((d) => d.path === path);
        assert.equal(detail?.code, code, response.body);
      }
      assert.deepEqual(await snapshot(), before);
    });

    it('lets a secretary keep their own chamber’s members, and no other chamber’s', async () => {
      const change = await t.request({
        method: 'PATCH',
        url: `/api/chambers/${w.streetChamber}/members/${w.enterprises.catering}`,
        cookie: w.cookies.secretary,
        body: { role: 'director' },
      });
      assert.equal(change.statusCode, 200, change.body);
      const other = await t.request({
        method: 'PATCH',
        url: `/api/chambers/${w.industryChamber}/members/${w.enterprises.smart}`,
        cookie: w.cookies.secretary,
        body: { role: 'member' },
      });
      assert.equal(other.statusCode, 404);
      const foreign = await t.request({
        method: 'POST',
        url: `/api/chambers/${w.streetChamber}/members`,
        cookie: w.cookies.secretary,
        body: { enterpriseId: w.enterprises.pharma },
      });
      assert.equal(foreign.statusCode, 400, 'an enterprise the secretary cannot see');
      for (const who of ['leader', 'contact', 'liaison'] as const) {
        const response = await t.request({
          method: 'DELETE',
          url: `/api/chambers/${w.streetChamber}/members/${w.enterprises.catering}`,
          cookie: w.cookies[who],
        });
        assert.equal(response.statusCode, 403, who);
      }
      const outsider = await t.request({
        method: 'DELETE',
        url: `/api/chambers/${w.streetChamber}/members/${w.enterprises.catering}`,
        cookie: w.cookies.outsiderSecretary,
      });
      assert.equal(outsider.statusCode, 404);
      assert.equal((await members(w.streetChamber)).total, 2);
    });
  });

  describe('leaders', () => {
    let presidentId: string;

    it('appoints leaders with terms; the detail and list show them; audited', async () => {
      const add = (body: unknown, cookie = w.cookies.staff) =>
        t.request({ method: 'POST', url: `/api/chambers/${w.streetChamber}/leaders`, cookie, body });
      const president = await add({
        personId: zhangId,
        role: 'president',
        termStart: '2024-01-01',
        termEnd: '2028-12-31',
      });
      assert.equal(president.statusCode, 201, president.body);
      const leader = json<{ leader: { id: string; current: boolean; personName: string } }>(president).leader;
      presidentId = leader.id;
      assert.equal(leader.current, true);
      assert.equal((await lastAudit('chamber.leader_added'))?.detail.after?.personName, '张伟');
      const secretaryGeneral = await add(
        { personId: zhangId, role: 'secretary_general' },
        w.cookies.secretary,
      );
      assert.equal(secretaryGeneral.statusCode, 201, 'a secretary appoints in their own chamber');

      const detail = json<{ chamber: ChamberJson }>(await get(w.streetChamber)).chamber;
      assert.deepEqual(
        detail.leaders.map((l) => [l.personName, l.role]),
        [
          ['张伟', 'president'],
          ['张伟', 'secretary_general'],
        ],
      );
      assert.equal((await list('?type=street')).items[0]?.presidentName, '张伟');
      const listed = await t.request({
        url: `/api/chambers/${w.streetChamber}/leaders`,
        cookie: w.cookies.secretary,
      });
      assert.equal(json<{ items: unknown[] }>(listed).items.length, 2);
      const person = await t.request({ url: `/api/people/${zhangId}`, cookie: w.cookies.staff });
      assert.equal(
        json<{ person: { chamberRoles: { role: string }[] } }>(person).person.chamberRoles.length,
        2,
      );
    });

    it('allows one 会长 at a time, terms in order, and only people the caller can see', async () => {
      const before = await snapshot();
      const add = (body: unknown, cookie = w.cookies.staff) =>
        t.request({ method: 'POST', url: `/api/chambers/${w.streetChamber}/leaders`, cookie, body });
      const overlap = await add({ personId: liId, role: 'president', termStart: '2028-01-01' });
      assert.equal(overlap.statusCode, 409);
      assert.equal(json<ErrorJson>(overlap).error.details?.[0]?.code, 'PRESIDENT_TERM_OVERLAP');
      const order = await add({
        personId: liId,
        role: 'vice_president',
        termStart: '2025-01-01',
        termEnd: '2024-01-01',
      });
      assert.equal(order.statusCode, 400);
      assert.equal(json<ErrorJson>(order).error.details?.[0]?.code, 'TERM_END_BEFORE_START');
      const hidden = await add({ personId: liId, role: 'executive' }, w.cookies.secretary);
      assert.equal(hidden.statusCode, 400, '李娜 holds no position in the secretary’s member enterprises');
      assert.equal(json<ErrorJson>(hidden).error.details?.[0]?.path, 'personId');
      const badRole = await add({ personId: liId, role: 'chairman' });
      assert.equal(badRole.statusCode, 400);
      assert.deepEqual(await snapshot(), before);
      const next = await add({ personId: liId, role: 'president', termStart: '2029-01-01' });
      assert.equal(next.statusCode, 201, 'a later term does not overlap');
    });

    it('changes a term and removes a leader, audited; other roles 403, other chambers 404', async () => {
      const change = await t.request({
        method: 'PATCH',
        url: `/api/chambers/${w.streetChamber}/leaders/${presidentId}`,
        cookie: w.cookies.staff,
        body: { termEnd: '2026-01-31' },
      });
      assert.equal(change.statusCode, 200, change.body);
      assert.equal(json<{ leader: { current: boolean } }>(change).leader.current, false);
      assert.deepEqual((await lastAudit('chamber.leader_updated'))?.detail.after, { termEnd: '2026-01-31' });
      for (const who of ['leader', 'contact', 'liaison'] as const) {
        const response = await t.request({
          method: 'DELETE',
          url: `/api/chambers/${w.streetChamber}/leaders/${presidentId}`,
          cookie: w.cookies[who],
        });
        assert.equal(response.statusCode, 403, who);
      }
      const wrongChamber = await t.request({
        method: 'DELETE',
        url: `/api/chambers/${w.industryChamber}/leaders/${presidentId}`,
        cookie: w.cookies.staff,
      });
      assert.equal(wrongChamber.statusCode, 404);
      const remove = await t.request({
        method: 'DELETE',
        url: `/api/chambers/${w.streetChamber}/leaders/${presidentId}`,
        cookie: w.cookies.secretary,
      });
      assert.equal(remove.statusCode, 204);
      assert.equal((await lastAudit('chamber.leader_removed'))?.detail.before?.role, 'president');
    });
  });
});
