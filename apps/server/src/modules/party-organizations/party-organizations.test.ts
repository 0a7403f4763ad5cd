// API tests of 党组织 party organizations and the two coverage ratios (两个覆盖): recording and changing
// them, bad input that writes nothing, every role's scope, and the ratios computed on a known data set.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { json, setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';
import { buildRegistryWorld, type RegistryWorld } from '../../test/registry-world.ts';

interface PartyJson {
  id: string;
  name: string;
  form: string;
  ownerKind: string;
  ownerName: string;
  enterpriseId: string | null;
  chamberId: string | null;
  secretaryName: string | null;
  memberCount: number;
  version: number;
}
type PartyPage = { items: PartyJson[]; total: number };
interface Counts {
  enterprises: number;
  organized: number;
  covered: number;
  organizationCoverage: number | null;
  workCoverage: number | null;
}
type CoverageJson = { groupBy: string; rows: (Counts & { id: string; name: string })[]; total: Counts };

describe('party organizations (党组织) and coverage (两个覆盖)', () => {
  let t: TestApp;
  let w: RegistryWorld;
  const made: Record<string, PartyJson> = {};

  const count = async (table: string) =>
    (await t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  const snapshot = async () => ({
    organizations: await count('party_organizations'),
    audit: await count("audit_events WHERE action <> 'access.denied'"),
  });
  const create = (body: unknown, cookie = w.cookies.staff) =>
    t.request({ method: 'POST', url: '/api/party-organizations', cookie, body });
  const patch = (id: string, body: unknown, cookie = w.cookies.staff) =>
    t.request({ method: 'PATCH', url: `/api/party-organizations/${id}`, cookie, body });
  const list = async (query: string, cookie = w.cookies.staff) => {
    const response = await t.request({ url: `/api/party-organizations${query}`, cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<PartyPage>(response);
  };
  const coverage = async (groupBy: string, cookie = w.cookies.staff) => {
    const response = await t.request({ url: `/api/party-organizations/coverage?groupBy=${groupBy}`, cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<CoverageJson>(response);
  };
  const counts = (c: Counts) => [
    c.enterprises,
    c.organized,
    c.covered,
    c.organizationCoverage,
    c.workCoverage,
  ];

  before(async () => {
    t = await setupTestApp();
    w = await buildRegistryWorld(t);
    const record = async (key: string, body: Record<string, unknown>) => {
      const response = await create(body);
      assert.equal(response.statusCode, 201, response.body);
      made[key] = json<{ partyOrganization: PartyJson }>(response).partyOrganization;
    };
    // The known data set: of the four counted enterprises (active, not merged) two have a party
    // organization of their own, one only an instructor, one nothing. The withdrawn and the merged-away
    // enterprise have organizations too, and must not count; nor does the chamber's own committee.
    await record('smart', {
      enterpriseId: w.enterprises.smart,
      name: '长宁智能科技有限公司党支部',
      form: 'independent_branch',
      secretaryName: '周敏',
      memberCount: 5,
      foundedOn: '2020-07-01',
    });
    await record('catering', {
      enterpriseId: w.enterprises.catering,
      name: '长宁餐饮党建指导员',
      form: 'instructor_only',
      secretaryName: '刘洋',
    });
    await record('building', {
      enterpriseId: w.enterprises.building,
      name: '建材联合党支部',
      form: 'joint_branch',
      memberCount: 3,
    });
    await record('logistics', {
      enterpriseId: w.enterprises.logistics,
      name: '静安物流党支部',
      form: 'independent_branch',
    });
    await record('chamber', {
      chamberId: w.streetChamber,
      name: '长宁街道商会党委',
      form: 'committee',
      memberCount: 40,
    });
    await t.database.pool.query(
      "INSERT INTO party_organizations (org_unit_id, enterprise_id, name, form) VALUES ($1, $2, '旧公司党委', 'committee')",
      [w.changning, w.enterprises.mergedAway],
    );
  });
  after(() => t.close());

  describe('recording', () => {
    it('records an enterprise’s or a chamber’s organization with its owner, and audits it', async () => {
      assert.equal(made.smart?.ownerKind, 'enterprise');
      assert.equal(made.smart?.ownerName, '长宁智能科技有限公司');
      assert.equal(made.smart?.memberCount, 5);
      assert.equal(made.chamber?.ownerKind, 'chamber');
      assert.equal(made.chamber?.ownerName, '长宁街道商会');
      const { rows } = await t.database.pool.query(
        "SELECT object_id, detail FROM audit_events WHERE action = 'party_organization.created' ORDER BY seq DESC LIMIT 1",
      );
      assert.equal(rows[0].object_id, made.chamber?.id);
      assert.equal(rows[0].detail.after.form, 'committee');
      assert.equal(rows[0].detail.owner.name, '长宁街道商会');
    });

    it('refuses bad input field by field, and writes nothing', async () => {
      const before = await snapshot();
      const base = { name: '新党支部', form: 'independent_branch' };
      const cases: [unknown, string, string][] = [
        [base, 'enterpriseId', 'OWNER_REQUIRED'],
        [
          { ...base, enterpriseId: w.enterprises.pharma, chamberId: w.streetChamber },
          'enterpriseId',
          'OWNER_REQUIRED',
        ],
        [{ ...base, enterpriseId: w.enterprises.pharma, form: 'cell' }, 'form', 'INVALID_VALUE'],
        [{ ...base, enterpriseId: w.enterprises.pharma, memberCount: -1 }, 'memberCount', 'TOO_SMALL'],
        [{ ...base, enterpriseId: w.enterprises.pharma, memberCount: 2.5 }, 'memberCount', 'INVALID_TYPE'],
        [{ ...base, enterpriseId: w.enterprises.pharma, name: ' ' }, 'name', 'TOO_SMALL'],
        [
          { ...base, enterpriseId: w.enterprises.pharma, foundedOn: '2030-01-01' },
          'foundedOn',
          'DATE_IN_FUTURE',
        ],
        [{ ...base, enterpriseId: w.enterprises.pharma, level: 1 }, '', 'UNRECOGNIZED_KEYS'],
        [{ ...base, enterpriseId: w.enterprises.demo }, 'enterpriseId', 'NOT_FOUND'],
        [{ ...base, enterpriseId: w.enterprises.mergedAway }, 'enterpriseId', 'NOT_FOUND'],
        [{ ...base, chamberId: w.changning }, 'chamberId', 'NOT_FOUND'],
        [{ ...base, chamberId: w.demoChamber }, 'chamberId', 'NOT_FOUND'],
      ];
      for (const [body, path, code] of cases) {
        const response = await create(body);
        assert.equal(response.statusCode, 400, `${JSON.stringify(body)}: ${response.body}`);
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
          { enterpriseId: w.enterprises.smart, name: '越权党支部', form: 'independent_branch' },
          w.cookies[who],
        );
        assert.equal(response.statusCode, 403, who);
      }
      assert.deepEqual(await snapshot(), before);
    });
  });

  describe('changing', () => {
    it('changes with the version and audits before and after', async () => {
      const current = made.building!;
      const response = await patch(current.id, {
        version: current.version,
        memberCount: 4,
        secretaryName: '陈红',
      });
      assert.equal(response.statusCode, 200, response.body);
      const changed = json<{ partyOrganization: PartyJson }>(response).partyOrganization;
      assert.equal(changed.version, current.version + 1);
      const { rows } = await t.database.pool.query(
        "SELECT detail FROM audit_events WHERE action = 'party_organization.updated' ORDER BY seq DESC LIMIT 1",
      );
      assert.deepEqual(rows[0].detail, {
        ownerName: '测试区建材有限公司',
        before: { memberCount: 3, secretaryName: null },
        after: { memberCount: 4, secretaryName: '陈红' },
      });
      made.building = changed;
    });

    it('answers a stale version with 409, bad input with 400, other roles with 403 and outsiders with 404', async () => {
      const before = await snapshot();
      const id = made.building!.id;
      const stale = await patch(id, { version: 1, memberCount: 9 });
      assert.equal(stale.statusCode, 409);
      assert.equal(json<ErrorJson>(stale).error.code, 'VERSION_CONFLICT');
      assert.equal((await patch(id, { version: 2, form: 'cell' })).statusCode, 400);
      assert.equal((await patch(id, { version: 2, enterpriseId: w.enterprises.smart })).statusCode, 400);
      for (const who of ['leader', 'secretary', 'contact', 'liaison'] as const) {
        assert.equal(
          (await patch(made.smart!.id, { version: 1, memberCount: 9 }, w.cookies[who])).statusCode,
          403,
          who,
        );
      }
      assert.equal(
        (await patch(id, { version: 2, memberCount: 9 }, w.cookies.outsiderStaff)).statusCode,
        404,
      );
      assert.deepEqual(await snapshot(), before);
    });
  });

  describe('listing and scope', () => {
    it('lists by owner kind and form', async () => {
      assert.equal((await list('')).total, 6);
      assert.equal((await list('?ownerKind=chamber')).total, 1);
      assert.equal((await list('?ownerKind=enterprise')).total, 5);
      assert.deepEqual(
        (await list('?form=instructor_only')).items.map((p) => p.name),
        ['长宁餐饮党建指导员'],
      );
      assert.deepEqual(
        (await list(`?enterpriseId=${w.enterprises.smart}`)).items.map((p) => p.form),
        ['independent_branch'],
      );
      assert.deepEqual(
        (await list(`?q=${encodeURIComponent('周敏')}`)).items.map((p) => p.name),
        ['长宁智能科技有限公司党支部'],
      );
      const bad = await t.request({
        url: '/api/party-organizations?ownerKind=person',
        cookie: w.cookies.staff,
      });
      assert.equal(bad.statusCode, 400);
    });

    it('a secretary sees their chamber’s and its member enterprises’; a contact their own; a liaison none', async () => {
      assert.deepEqual(
        (await list('', w.cookies.secretary)).items.map((p) => p.name).sort(),
        ['长宁智能科技有限公司党支部', '长宁街道商会党委', '长宁餐饮党建指导员'].sort(),
      );
      assert.deepEqual(
        (await list('', w.cookies.contact)).items.map((p) => p.name),
        ['长宁智能科技有限公司党支部'],
      );
      assert.equal((await list('', w.cookies.liaison)).total, 0);
      assert.equal((await list('', w.cookies.leader)).total, 6);
      const outsider = await list('', w.cookies.outsiderStaff);
      assert.ok(!outsider.items.some((p) => p.ownerName.startsWith('长宁')));
      const detail = (id: string, cookie: string) =>
        t.request({ url: `/api/party-organizations/${id}`, cookie });
      assert.equal((await detail(made.smart!.id, w.cookies.contact)).statusCode, 200);
      assert.equal((await detail(made.catering!.id, w.cookies.contact)).statusCode, 404);
      assert.equal((await detail(made.building!.id, w.cookies.secretary)).statusCode, 404);
      assert.equal((await detail(made.smart!.id, w.cookies.liaison)).statusCode, 404);
      assert.equal((await detail(made.smart!.id, w.cookies.outsiderStaff)).statusCode, 404);
      assert.equal((await detail(made.smart!.id, w.cookies.outsiderSecretary)).statusCode, 404);
    });
  });

  describe('coverage (两个覆盖)', () => {
    it('by org unit: each enterprise in the row of its federation unit, with the total', async () => {
      const result = await coverage('orgUnit');
      assert.equal(result.groupBy, 'orgUnit');
      assert.deepEqual(
        result.rows.map((r) => [r.name, ...counts(r)]),
        [
          ['测试区工商联', 1, 1, 1, 1, 1],
          ['长宁街道工商联', 2, 1, 2, 0.5, 1],
          ['静安街道工商联', 1, 0, 0, 0, 0],
        ],
      );
      assert.deepEqual(counts(result.total), [4, 2, 3, 0.5, 0.75]);
      assert.deepEqual(counts((await coverage('orgUnit', w.cookies.leader)).total), [4, 2, 3, 0.5, 0.75]);
    });

    it('by chamber: each chamber’s counted members; a chamber without members has no ratio', async () => {
      const result = await coverage('chamber');
      assert.deepEqual(
        result.rows.map((r) => [r.name, ...counts(r)]),
        [
          ['测试区青年创业者协会', 0, 0, 0, null, null],
          ['测试区医药商会', 2, 1, 1, 0.5, 0.5],
          ['长宁街道商会', 2, 1, 2, 0.5, 1],
        ],
      );
      assert.deepEqual(counts(result.total), [4, 2, 3, 0.5, 0.75]);
    });

    it('is computed within each role’s scope', async () => {
      const secretary = await coverage('chamber', w.cookies.secretary);
      assert.deepEqual(
        secretary.rows.map((r) => [r.name, ...counts(r)]),
        [['长宁街道商会', 2, 1, 2, 0.5, 1]],
      );
      assert.deepEqual(counts(secretary.total), [2, 1, 2, 0.5, 1]);
      const byUnit = await coverage('orgUnit', w.cookies.secretary);
      assert.deepEqual(
        byUnit.rows.map((r) => [r.name, ...counts(r)]),
        [['长宁街道工商联', 2, 1, 2, 0.5, 1]],
      );
      assert.deepEqual(counts((await coverage('orgUnit', w.cookies.contact)).total), [1, 1, 1, 1, 1]);
      const liaison = await coverage('chamber', w.cookies.liaison);
      assert.deepEqual(liaison.rows, []);
      assert.deepEqual(counts(liaison.total), [0, 0, 0, null, null]);
      const outsider = await coverage('orgUnit', w.cookies.outsiderStaff);
      assert.ok(!outsider.rows.some((r) => r.name === '长宁街道工商联'));
    });

    it('follows the records: an instructor replaced by a branch raises organization coverage', async () => {
      const catering = made.catering!;
      const response = await patch(catering.id, {
        version: catering.version,
        form: 'independent_branch',
        name: '长宁餐饮党支部',
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(counts((await coverage('orgUnit')).total), [4, 3, 3, 0.75, 0.75]);
      const bad = await t.request({
        url: '/api/party-organizations/coverage?groupBy=street',
        cookie: w.cookies.staff,
      });
      assert.equal(bad.statusCode, 400);
    });
  });
});
