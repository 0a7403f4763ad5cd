// API tests of 代表人士 people: registering with positions and federation roles, filters (青年, gender,
// affiliation, deputies, roles), changes with versions, the masked mobile and its audited reveal, bad
// input that writes nothing, and who may see or change whom — against a real PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { json, setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';
import { buildRegistryWorld, type RegistryWorld } from '../../test/registry-world.ts';

/** An audit record's detail: before/after maps and a few named fields. */
type AuditDetail = Record<string, Record<string, unknown>>;

interface PersonJson {
  id: string;
  name: string;
  gender: string | null;
  birthYear: number | null;
  age: number | null;
  young: boolean;
  politicalAffiliation: string;
  npcLevel: string | null;
  cppccLevel: string | null;
  mobile: string | null;
  mobileMasked: boolean;
  email: string | null;
  positions: { enterpriseId: string; enterpriseName: string; position: string }[];
  federationRoles: {
    role: string;
    orgUnitName: string;
    termStart: string | null;
    termEnd: string | null;
    current: boolean;
  }[];
  chamberRoles: { chamberName: string; role: string }[];
  orgUnitId: string;
  version: number;
}
type PersonPage = {
  items: (Omit<PersonJson, 'federationRoles'> & { federationRoles: string[] })[];
  total: number;
};

describe('people (代表人士)', () => {
  let t: TestApp;
  let w: RegistryWorld;
  /** 张伟: 长宁智能 董事长 + 长宁餐饮 监事, male, born 1985 (41), 民建, district 人大代表, current 副主席. */
  let zhang: PersonJson;
  /** 李娜: 静安医药 总经理, female, born 1970 (56), 中共, city 政协委员, former 执委. */
  let li: PersonJson;
  /** 王芳: 测试区建材 董事长, female, born 1990 (36), no party, no roles. */
  let wang: PersonJson;

  const count = async (table: string) =>
    (await t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  const snapshot = async () => ({
    people: await count('people'),
    positions: await count('person_positions'),
    roles: await count('person_federation_roles'),
    // Refused calls are audited as access.denied; anything else would be a write.
    audit: await count("audit_events WHERE action <> 'access.denied'"),
  });
  const lastAudit = async (action: string) =>
    (
      await t.database.pool.query<{ object_id: string; actor_name: string; detail: AuditDetail }>(
        'SELECT object_id, actor_name, detail FROM audit_events WHERE action = $1 ORDER BY seq DESC LIMIT 1',
        [action],
      )
    ).rows[0];

  const create = (body: unknown, cookie = w.cookies.staff) =>
    t.request({ method: 'POST', url: '/api/people', cookie, body });
  const patch = (id: string, body: unknown, cookie = w.cookies.staff) =>
    t.request({ method: 'PATCH', url: `/api/people/${id}`, cookie, body });
  const get = (id: string, cookie = w.cookies.staff) => t.request({ url: `/api/people/${id}`, cookie });
  const list = async (query: string, cookie = w.cookies.staff) => {
    const response = await t.request({ url: `/api/people${query}`, cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<PersonPage>(response);
  };
  const names = (page: PersonPage) => page.items.map((p) => p.name).sort();

  before(async () => {
    t = await setupTestApp();
    w = await buildRegistryWorld(t);
    const made = async (body: unknown) => {
      const response = await create(body);
      assert.equal(response.statusCode, 201, response.body);
      return json<{ person: PersonJson }>(response).person;
    };
    zhang = await made({
      name: '张伟',
      gender: 'male',
      birthYear: 1985,
      politicalAffiliation: 'cndca',
      npcLevel: 'district',
      mobile: '13912345678',
      email: 'zhangwei@example.com',
      positions: [
        { enterpriseId: w.enterprises.smart, position: '董事长' },
        { enterpriseId: w.enterprises.catering, position: '监事' },
      ],
      federationRoles: [{ role: 'vice_chair', termStart: '2024-01-01', termEnd: '2028-12-31' }],
    });
    li = await made({
      name: '李娜',
      gender: 'female',
      birthYear: 1970,
      politicalAffiliation: 'cpc',
      cppccLevel: 'city',
      orgUnitId: w.jingan,
      positions: [{ enterpriseId: w.enterprises.pharma, position: '总经理' }],
      federationRoles: [{ role: 'executive_committee', termStart: '2018-01-01', termEnd: '2022-12-31' }],
    });
    wang = await made({
      name: '王芳',
      gender: 'female',
      birthYear: 1990,
      positions: [{ enterpriseId: w.enterprises.building, position: '董事长' }],
    });
  });
  after(() => t.close());

  describe('registering a person', () => {
    it('creates the person with positions and roles, masks the mobile, derives age and 青年, and audits it', async () => {
      assert.equal(zhang.mobile, '139****5678');
      assert.equal(zhang.mobileMasked, true);
      assert.equal(zhang.age, 41);
      assert.equal(zhang.young, true);
      assert.equal(zhang.orgUnitId, w.district, 'defaults to the registering staff member’s federation');
      assert.deepEqual(zhang.positions.map((p) => `${p.enterpriseName}/${p.position}`).sort(), [
        '长宁智能科技有限公司/董事长',
        '长宁餐饮管理有限公司/监事',
      ]);
      assert.deepEqual(
        zhang.federationRoles.map((r) => [r.role, r.orgUnitName, r.current]),
        [['vice_chair', '测试区工商联', true]],
      );
      assert.equal(li.young, false);
      assert.equal(li.federationRoles[0]?.current, false);
      const audit = await lastAudit('person.created');
      assert.equal(audit?.object_id, wang.id);
      const created = await lastAuditFor(zhang.id, 'person.created');
      assert.equal(created.after?.mobile, '139****5678', 'the audit log keeps the number masked');
      assert.equal((created.after?.positions as unknown[]).length, 2);
    });

    async function lastAuditFor(objectId: string, action: string) {
      const { rows } = await t.database.pool.query<{ detail: AuditDetail }>(
        'SELECT detail FROM audit_events WHERE action = $1 AND object_id = $2 ORDER BY seq DESC LIMIT 1',
        [action, objectId],
      );
      return rows[0]!.detail;
    }

    it('refuses bad input field by field in Chinese, and writes nothing', async () => {
      const before = await snapshot();
      const cases: [unknown, string, string][] = [
        [{}, 'name', 'INVALID_TYPE'],
        [{ name: '赵六', nickname: '小六' }, '', 'UNRECOGNIZED_KEYS'],
        [{ name: '赵六', politicalAffiliation: 'kmt' }, 'politicalAffiliation', 'INVALID_VALUE'],
        [{ name: '赵六', gender: 'x' }, 'gender', 'INVALID_VALUE'],
        [{ name: '赵六', mobile: '12345' }, 'mobile', 'INVALID_FORMAT'],
        [{ name: '赵六', birthYear: 1850 }, 'birthYear', 'TOO_SMALL'],
        [{ name: '赵六', birthYear: 2030 }, 'birthYear', 'DATE_IN_FUTURE'],
        [{ name: '赵\u0000六' }, 'name', 'CONTROL_CHARACTER'],
        [{ name: '赵六', npcLevel: 'village' }, 'npcLevel', 'INVALID_VALUE'],
        [
          {
            name: '赵六',
            federationRoles: [{ role: 'chair', termStart: '2025-01-01', termEnd: '2024-01-01' }],
          },
          'federationRoles.0.termEnd',
          'TERM_END_BEFORE_START',
        ],
        [
          {
            name: '赵六',
            positions: [
              { enterpriseId: w.enterprises.smart, position: '董事' },
              { enterpriseId: w.enterprises.smart, position: '董事' },
            ],
          },
          'positions.1.position',
          'DUPLICATE_POSITION',
        ],
        [
          { name: '赵六', positions: [{ enterpriseId: w.enterprises.demo, position: '董事' }] },
          'positions.0.enterpriseId',
          'NOT_FOUND',
        ],
        [
          { name: '赵六', positions: [{ enterpriseId: w.enterprises.mergedAway, position: '董事' }] },
          'positions.0.enterpriseId',
          'NOT_FOUND',
        ],
        [{ name: '赵六', orgUnitId: w.streetChamber }, 'orgUnitId', 'ORG_UNIT_OUT_OF_SCOPE'],
        [{ name: '赵六', orgUnitId: await t.userId('staff') }, 'orgUnitId', 'ORG_UNIT_OUT_OF_SCOPE'],
      ];
      for (const [body, path, code] of cases) {
        const response = await create(body);
        assert.equal(response.statusCode, 400, `${JSON.stringify(body)}: ${response.body}`);
        const error = json<ErrorJson>(response).error;
        assert.equal(error.code, 'VALIDATION_FAILED');
        const detail = error.details?.find((d) => d.path === path);
        assert.ok(detail, `${path} in ${JSON.stringify(error.details)}`);
        assert.equal(detail.code, code, JSON.stringify(detail));
        assert.match(detail.message, /[\u4e00-\u9fff]/, 'the message is in Chinese');
      }
      assert.deepEqual(await snapshot(), before);
    });

    it('is refused to leaders, secretaries, contacts and liaisons (403), and writes nothing', async () => {
      const before = await snapshot();
      for (const who of ['leader', 'secretary', 'contact', 'liaison'] as const) {
        const response = await create({ name: '赵六' }, w.cookies[who]);
        assert.equal(response.statusCode, 403, who);
        assert.equal(json<ErrorJson>(response).error.code, 'FORBIDDEN');
      }
      assert.deepEqual(await snapshot(), before);
    });
  });

  describe('listing and filtering', () => {
    it('lists the people in scope in pinyin order', async () => {
      const page = await list('');
      assert.deepEqual(
        page.items.map((p) => p.name),
        ['李娜', '王芳', '张伟'],
      );
      assert.equal(page.total, 3);
      const first = page.items.find((p) => p.name === '张伟')!;
      assert.deepEqual(first.federationRoles, ['vice_chair']);
      assert.equal(first.mobile, '139****5678');
      assert.deepEqual(
        page.items.find((p) => p.name === '李娜')!.federationRoles,
        [],
        'an ended term is not current',
      );
    });

    it('filters by young, gender, affiliation, deputy, enterprise, federation role, org unit and q', async () => {
      assert.deepEqual(names(await list('?young=true')), ['张伟', '王芳'].sort());
      assert.deepEqual(names(await list('?young=false')), ['李娜']);
      assert.deepEqual(names(await list('?gender=female')), ['李娜', '王芳'].sort());
      assert.deepEqual(names(await list('?affiliation=cpc')), ['李娜']);
      assert.deepEqual(names(await list('?affiliation=none')), ['王芳']);
      assert.deepEqual(names(await list('?deputy=npc')), ['张伟']);
      assert.deepEqual(names(await list('?deputy=cppcc')), ['李娜']);
      assert.deepEqual(names(await list('?deputy=any')), ['张伟', '李娜'].sort());
      const byEnterprise = await list(`?enterpriseId=${w.enterprises.catering}`);
      assert.deepEqual(names(byEnterprise), ['张伟']);
      assert.equal(byEnterprise.total, 1, 'the total counts the same filter');
      const byRole = await list('?federationRole=vice_chair');
      assert.deepEqual(names(byRole), ['张伟']);
      assert.equal(byRole.total, 1);
      assert.deepEqual(names(await list('?federationRole=executive_committee')), [], 'only current terms');
      assert.deepEqual(names(await list(`?orgUnitId=${w.jingan}`)), ['李娜']);
      assert.deepEqual(names(await list('?young=true&gender=female')), ['王芳']);
      assert.deepEqual(names(await list(`?q=${encodeURIComponent('張')}`)), ['张伟'], 'traditional folded');
      assert.deepEqual(names(await list('?q=zw')), ['张伟'], 'initials');
      assert.deepEqual(names(await list('?q=lina')), ['李娜'], 'full pinyin');
    });

    it('finds a person by mobile number only for those who may see numbers', async () => {
      assert.deepEqual(names(await list('?q=13912345678')), ['张伟']);
      assert.deepEqual(names(await list('?q=13912345678', w.cookies.leader)), ['张伟']);
      assert.deepEqual(names(await list('?q=13912345678', w.cookies.secretary)), []);
    });

    it('refuses unknown filters and values with 400', async () => {
      for (const query of [
        '?young=yes',
        '?deputy=mayor',
        '?affiliation=kmt',
        '?federationRole=king',
        '?sort=name',
      ]) {
        const response = await t.request({ url: `/api/people${query}`, cookie: w.cookies.staff });
        assert.equal(response.statusCode, 400, query);
        assert.equal(json<ErrorJson>(response).error.code, 'VALIDATION_FAILED');
      }
    });
  });

  describe('scope', () => {
    it('federation leaders see the subtree; the other district sees none of it', async () => {
      assert.equal((await list('', w.cookies.leader)).total, 3);
      const outsider = await list('', w.cookies.outsiderStaff);
      assert.ok(!outsider.items.some((p) => p.id === zhang.id));
      assert.equal((await get(zhang.id, w.cookies.outsiderStaff)).statusCode, 404);
    });

    it('a chamber secretary sees the people holding positions in their member enterprises', async () => {
      assert.deepEqual(names(await list('', w.cookies.secretary)), ['张伟']);
      assert.equal((await get(zhang.id, w.cookies.secretary)).statusCode, 200);
      assert.equal((await get(li.id, w.cookies.secretary)).statusCode, 404);
      assert.equal((await get(wang.id, w.cookies.outsiderSecretary)).statusCode, 404);
    });

    it('an enterprise contact sees the people of their own enterprise, and only those positions', async () => {
      const page = await list('', w.cookies.contact);
      assert.deepEqual(names(page), ['张伟']);
      const seen = json<{ person: PersonJson }>(await get(zhang.id, w.cookies.contact)).person;
      assert.deepEqual(
        seen.positions.map((p) => p.enterpriseName),
        ['长宁智能科技有限公司'],
      );
      assert.equal((await get(wang.id, w.cookies.contact)).statusCode, 404);
    });

    it('a department liaison sees no one', async () => {
      assert.equal((await list('', w.cookies.liaison)).total, 0);
      assert.equal((await get(zhang.id, w.cookies.liaison)).statusCode, 404);
    });
  });

  describe('changing a person', () => {
    it('changes fields with the version, keeps the number when it is left out, and audits before and after', async () => {
      const response = await patch(wang.id, {
        version: wang.version,
        name: '王芳芳',
        politicalAffiliation: 'jiusan',
        cppccLevel: 'district',
        mobile: '13700001234',
      });
      assert.equal(response.statusCode, 200, response.body);
      const changed = json<{ person: PersonJson }>(response).person;
      assert.equal(changed.name, '王芳芳');
      assert.equal(changed.version, wang.version + 1);
      assert.equal(changed.mobile, '137****1234');
      const audit = await lastAudit('person.updated');
      assert.equal(audit?.object_id, wang.id);
      assert.deepEqual(audit?.detail.before, {
        name: '王芳',
        politicalAffiliation: 'none',
        cppccLevel: null,
        mobile: null,
      });
      assert.deepEqual(audit?.detail.after, {
        name: '王芳芳',
        politicalAffiliation: 'jiusan',
        cppccLevel: 'district',
        mobile: '137****1234',
      });
      // Search keys follow the new name.
      assert.deepEqual(names(await list('?q=wff')), ['王芳芳']);
      const kept = json<{ person: PersonJson }>(
        await patch(wang.id, { version: changed.version, birthYear: 1991 }),
      ).person;
      assert.equal(kept.mobile, '137****1234', 'an omitted number is kept');
      const cleared = json<{ person: PersonJson }>(
        await patch(wang.id, { version: kept.version, mobile: null }),
      ).person;
      assert.equal(cleared.mobile, null);
      wang = cleared;
    });

    it('replaces positions and roles, and leaves a no-op change unaudited and unversioned', async () => {
      const response = await patch(wang.id, {
        version: wang.version,
        positions: [{ enterpriseId: w.enterprises.pharma, position: '独立董事' }],
        federationRoles: [{ role: 'standing_committee', orgUnitId: w.district }],
      });
      assert.equal(response.statusCode, 200, response.body);
      const changed = json<{ person: PersonJson }>(response).person;
      assert.deepEqual(
        changed.positions.map((p) => p.position),
        ['独立董事'],
      );
      assert.deepEqual(
        changed.federationRoles.map((r) => r.role),
        ['standing_committee'],
      );
      const audit = await lastAudit('person.updated');
      assert.deepEqual(audit?.detail.before?.positions, [
        { enterpriseId: w.enterprises.building, position: '董事长' },
      ]);
      const audits = await count('audit_events');
      const same = json<{ person: PersonJson }>(
        await patch(wang.id, { version: changed.version, name: changed.name }),
      ).person;
      assert.equal(same.version, changed.version);
      assert.equal(await count('audit_events'), audits);
      wang = same;
    });

    it('answers a stale version with 409 VERSION_CONFLICT and changes nothing', async () => {
      const before = await snapshot();
      const response = await patch(wang.id, { version: wang.version - 1, name: '过期' });
      assert.equal(response.statusCode, 409);
      assert.equal(json<ErrorJson>(response).error.code, 'VERSION_CONFLICT');
      assert.deepEqual(await snapshot(), before);
      assert.equal(json<{ person: PersonJson }>(await get(wang.id)).person.name, wang.name);
    });

    it('refuses bad input, other roles (403) and people out of scope (404)', async () => {
      const before = await snapshot();
      const bad = await patch(wang.id, { version: wang.version, birthYear: 'nineteen' });
      assert.equal(bad.statusCode, 400);
      assert.equal(json<ErrorJson>(bad).error.details?.[0]?.path, 'birthYear');
      assert.equal((await patch(wang.id, { name: 'x' })).statusCode, 400, 'the version is required');
      for (const who of ['leader', 'secretary', 'contact', 'liaison'] as const) {
        const response = await patch(zhang.id, { version: zhang.version, name: '改名' }, w.cookies[who]);
        assert.equal(response.statusCode, 403, who);
      }
      assert.equal(
        (await patch(zhang.id, { version: zhang.version, name: '改名' }, w.cookies.outsiderStaff)).statusCode,
        404,
      );
      assert.deepEqual(await snapshot(), before);
    });
  });

  describe('revealing the mobile number', () => {
    it('gives staff and leaders the full number and audits every reveal', async () => {
      for (const who of ['staff', 'leader'] as const) {
        const response = await t.request({
          method: 'POST',
          url: `/api/people/${zhang.id}/unmask`,
          cookie: w.cookies[who],
        });
        assert.equal(response.statusCode, 200, response.body);
        assert.deepEqual(response.json(), { personId: zhang.id, mobile: '13912345678' });
        const audit = await lastAudit('person.contact_unmasked');
        assert.equal(audit?.object_id, zhang.id);
        assert.equal(audit?.actor_name, who === 'staff' ? 'w-staff' : 'w-leader');
      }
    });

    it('is refused to those without the permission (403) and out of scope (404)', async () => {
      for (const who of ['secretary', 'contact', 'liaison'] as const) {
        const response = await t.request({
          method: 'POST',
          url: `/api/people/${zhang.id}/unmask`,
          cookie: w.cookies[who],
        });
        assert.equal(response.statusCode, 403, who);
      }
      const outsider = await t.request({
        method: 'POST',
        url: `/api/people/${zhang.id}/unmask`,
        cookie: w.cookies.outsiderStaff,
      });
      assert.equal(outsider.statusCode, 404);
    });
  });
});
