// API tests of org units (组织机构): the subtree each caller sees, creating units under the tree's shape rules,
// renaming with versions, audit records, and who may change the tree — against a real PostgreSQL.
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

interface OrgUnitJson {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  code: string | null;
  depth: number;
  version: number;
}

/** The demo district and everything under it (the city above it excluded). */
const DISTRICT_SUBTREE = [
  '示例区工商联',
  '东湖街道工商联',
  '西山街道工商联',
  '南河街道工商联',
  '东湖街道商会',
  '西山街道商会',
  '南河街道商会',
  '示例区医药商会',
  '示例区餐饮商会',
  '示例区青年创业者协会',
  '金融办',
  '人力资源社会保障局',
  '司法局',
  '税务局',
  '发展改革委',
  '财政局',
  '商务委',
  '市场监管局',
  // The demo's partner banks (融资对接): their managers' accounts belong to them.
  '建设银行示例支行',
  '交通银行示例支行',
];

describe('org units', () => {
  let t: TestApp;
  let sysadmin: string;
  let district: string;

  const count = async (sql: string, params: unknown[] = []) =>
    (await t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]?.n;
  const snapshot = async () => ({ units: await count('org_units'), audit: await count('audit_events') });

  const listAs = async (username: string) => {
    const response = await t.request({
      url: '/api/org-units',
      cookie: await t.sessionFor(await t.userId(username)),
    });
    assert.equal(response.statusCode, 200, response.body);
    return json<{ items: OrgUnitJson[] }>(response).items;
  };

  const create = (body: unknown, cookie = sysadmin) =>
    t.request({ method: 'POST', url: '/api/org-units', cookie, body });
  const rename = (id: string, body: unknown, cookie = sysadmin) =>
    t.request({ method: 'PATCH', url: `/api/org-units/${id}`, cookie, body });

  const lastAudit = async (action: string) =>
    (
      await t.database.pool.query<{ actor_name: string | null; object_id: string | null; detail: unknown }>(
        'SELECT actor_name, object_id, detail FROM audit_events WHERE action = $1 ORDER BY seq DESC LIMIT 1',
        [action],
      )
    ).rows[0];

  before(async () => {
    t = await setupTestApp();
    sysadmin = await t.signIn('sysadmin');
    district = await orgUnitId(t, '示例区工商联');
  });
  after(() => t.close());

  describe('listing', () => {
    it('the city administrator sees the whole tree, ordered by depth then name', async () => {
      const items = await listAs('sysadmin');
      // The city, its court (a city department, issue 10 item 5) and the district's subtree.
      assert.equal(items.length, 2 + DISTRICT_SUBTREE.length);
      assert.ok(items.some((u) => u.name === '示例市中级人民法院' && u.kind === 'department'));
      assert.equal(items[0]?.name, '示例市工商联');
      assert.equal(items[0]?.parentId, null);
      assert.equal(items[0]?.depth, 0);
      const depths = items.map((u) => u.depth);
      assert.deepEqual(
        depths,
        [...depths].sort((a, b) => a - b),
      );
      const districtUnit = items.find((u) => u.name === '示例区工商联');
      assert.equal(districtUnit?.parentId, items[0]?.id);
      assert.equal(districtUnit?.kind, 'district');
    });

    it('staff of the district see the district and below, not the city', async () => {
      const names = (await listAs('staff')).map((u) => u.name);
      assert.deepEqual([...names].sort(), [...DISTRICT_SUBTREE].sort());
      assert.ok(!names.includes('示例市工商联'));
    });

    it('a chamber secretary sees their chamber only; a liaison their department; a member their street', async () => {
      assert.deepEqual(
        (await listAs('secretary')).map((u) => u.name),
        ['东湖街道商会'],
      );
      assert.deepEqual(
        (await listAs('liaison')).map((u) => u.name),
        ['人力资源社会保障局'],
      );
      assert.deepEqual(
        (await listAs('member')).map((u) => u.name),
        ['东湖街道工商联', '东湖街道商会'],
      );
    });

    it('anonymous callers get 401', async () => {
      assert.equal((await t.request({ url: '/api/org-units' })).statusCode, 401);
    });
  });

  describe('creating', () => {
    it('creates a street under the district and a chamber under that street, each audited', async () => {
      const streetResponse = await create({
        parentId: district,
        kind: 'street',
        name: '北湖街道工商联',
        code: '110105004',
      });
      assert.equal(streetResponse.statusCode, 201, streetResponse.body);
      const street = json<{ orgUnit: OrgUnitJson }>(streetResponse).orgUnit;
      assert.equal(street.parentId, district);
      assert.equal(street.kind, 'street');
      assert.equal(street.depth, 2);
      assert.equal(street.code, '110105004');
      assert.equal(street.version, 1);
      const streetAudit = await lastAudit('org_unit.created');
      assert.equal(streetAudit?.actor_name, 'sysadmin');
      assert.equal(streetAudit?.object_id, street.id);
      assert.deepEqual(streetAudit?.detail, { after: street });

      const chamberResponse = await create({ parentId: street.id, kind: 'chamber', name: '北湖街道商会' });
      assert.equal(chamberResponse.statusCode, 201, chamberResponse.body);
      const chamber = json<{ orgUnit: OrgUnitJson }>(chamberResponse).orgUnit;
      assert.equal(chamber.parentId, street.id);
      assert.equal(chamber.depth, 3);
      assert.equal(chamber.code, null);
      assert.equal((await lastAudit('org_unit.created'))?.object_id, chamber.id);

      // The new units are in the district's subtree: district staff see them.
      const names = (await listAs('staff')).map((u) => u.name);
      assert.ok(names.includes('北湖街道工商联') && names.includes('北湖街道商会'));
      const { rows } = await t.database.pool.query<{ path: string }>(
        'SELECT path FROM org_units WHERE id = $1',
        [chamber.id],
      );
      assert.match(rows[0]?.path ?? '', new RegExp(`/${district}/${street.id}/${chamber.id}/$`));
    });

    it('refuses a unit where its kind may not hang: 400 KIND_NOT_ALLOWED_HERE, nothing written', async () => {
      const cases: [string, string, string][] = [
        ['东湖街道商会', 'street', '商会下的街道'],
        ['东湖街道工商联', 'district', '街道下的区'],
        ['东湖街道工商联', 'department', '街道下的部门'],
        ['示例区工商联', 'city', '区下的市'],
        ['示例市工商联', 'province', '市下的省'],
        ['税务局', 'chamber', '部门下的商会'],
      ];
      const before = await snapshot();
      for (const [parent, kind, name] of cases) {
        const response = await create({ parentId: await orgUnitId(t, parent), kind, name });
        assert.equal(response.statusCode, 400, name);
        const error = json<ErrorJson>(response).error;
        assert.equal(error.code, 'VALIDATION_FAILED', name);
        assert.deepEqual(
          error.details?.map((d) => [d.path, d.code]),
          [['kind', 'KIND_NOT_ALLOWED_HERE']],
          name,
        );
      }
      assert.deepEqual(await snapshot(), before);
    });

    it('refuses a duplicate name under the same parent with 409 NAME_TAKEN; another parent is fine', async () => {
      const before = await snapshot();
      const response = await create({ parentId: district, kind: 'chamber', name: '示例区医药商会' });
      assert.equal(response.statusCode, 409);
      const error = json<ErrorJson>(response).error;
      assert.equal(error.code, 'CONFLICT');
      assert.deepEqual(
        error.details?.map((d) => [d.path, d.code]),
        [['name', 'NAME_TAKEN']],
      );
      assert.deepEqual(await snapshot(), before);
      const elsewhere = await create({
        parentId: await orgUnitId(t, '西山街道工商联'),
        kind: 'chamber',
        name: '示例区医药商会',
      });
      assert.equal(elsewhere.statusCode, 201);
    });

    it('two simultaneous creations of one name under one parent: one 201, the other 409 (not 500)', async () => {
      const body = { parentId: district, kind: 'association', name: '示例区女企业家协会' };
      const responses = await Promise.all([create(body), create(body)]);
      assert.deepEqual(responses.map((r) => r.statusCode).sort(), [201, 409]);
      const refused = responses.find((r) => r.statusCode === 409);
      assert.equal(refused && json<ErrorJson>(refused).error.details?.[0]?.code, 'NAME_TAKEN');
      assert.equal(await count("org_units WHERE name = '示例区女企业家协会'"), 1);
    });

    it('refuses an unknown parent, unknown fields, a bad kind and a NUL byte with 400, nothing written', async () => {
      const before = await snapshot();
      const cases: [unknown, string][] = [
        [{ parentId: '00000000-0000-4000-8000-000000000000', kind: 'chamber', name: '无主商会' }, 'parentId'],
        [{ parentId: district, kind: 'chamber', name: '多字段商会', path: '/' }, ''],
        [{ parentId: district, kind: 'club', name: '俱乐部' }, 'kind'],
        [{ parentId: district, kind: 'chamber', name: '空\u0000字符商会' }, 'name'],
        [{ parentId: district, kind: 'chamber', name: '   ' }, 'name'],
      ];
      for (const [body, path] of cases) {
        const response = await create(body);
        assert.equal(response.statusCode, 400, JSON.stringify(body));
        const error = json<ErrorJson>(response).error;
        assert.equal(error.code, 'VALIDATION_FAILED');
        if (path)
          assert.ok(
            error.details?.some((d) => d.path === path),
            JSON.stringify(error.details),
          );
      }
      assert.deepEqual(await snapshot(), before);
    });
  });

  describe('renaming', () => {
    it('renames with the current version, audits before and after; a stale version → 409', async () => {
      const id = await orgUnitId(t, '示例区餐饮商会');
      const response = await rename(id, { version: 1, name: '示例区餐饮行业商会', code: 'CY-01' });
      assert.equal(response.statusCode, 200, response.body);
      const unit = json<{ orgUnit: OrgUnitJson }>(response).orgUnit;
      assert.equal(unit.name, '示例区餐饮行业商会');
      assert.equal(unit.code, 'CY-01');
      assert.equal(unit.version, 2);
      const audit = await lastAudit('org_unit.updated');
      assert.equal(audit?.object_id, id);
      assert.equal(audit?.actor_name, 'sysadmin');
      assert.deepEqual(audit?.detail, {
        before: { name: '示例区餐饮商会', code: null },
        after: { name: '示例区餐饮行业商会', code: 'CY-01' },
      });

      const before = await snapshot();
      const stale = await rename(id, { version: 1, name: '餐饮商会' });
      assert.equal(stale.statusCode, 409);
      assert.equal(json<ErrorJson>(stale).error.code, 'VERSION_CONFLICT');
      assert.deepEqual(await snapshot(), before);
      const { rows } = await t.database.pool.query('SELECT name, version FROM org_units WHERE id = $1', [id]);
      assert.deepEqual(rows[0], { name: '示例区餐饮行业商会', version: 2 });

      // An empty code clears it.
      const cleared = await rename(id, { version: 2, code: '' });
      assert.equal(json<{ orgUnit: OrgUnitJson }>(cleared).orgUnit.code, null);
    });

    it('refuses a sibling’s name with 409 NAME_TAKEN', async () => {
      const id = await orgUnitId(t, '司法局');
      const response = await rename(id, { version: 1, name: '税务局' });
      assert.equal(response.statusCode, 409);
      assert.equal(json<ErrorJson>(response).error.details?.[0]?.code, 'NAME_TAKEN');
      assert.equal(await count("org_units WHERE name = '司法局'"), 1);
    });

    it('two units renamed to one name at the same time: one 200, the other 409 (not 500)', async () => {
      const [a, b] = [await orgUnitId(t, '金融办'), await orgUnitId(t, '发展改革委')];
      const responses = await Promise.all([
        rename(a, { version: 1, name: '地方金融管理局' }),
        rename(b, { version: 1, name: '地方金融管理局' }),
      ]);
      assert.deepEqual(responses.map((r) => r.statusCode).sort(), [200, 409]);
      assert.equal(await count("org_units WHERE name = '地方金融管理局'"), 1);
    });

    it('an unchanged name writes nothing and keeps the version', async () => {
      const id = await orgUnitId(t, '财政局');
      const before = await snapshot();
      const response = await rename(id, { version: 1, name: '财政局' });
      assert.equal(response.statusCode, 200);
      assert.equal(json<{ orgUnit: OrgUnitJson }>(response).orgUnit.version, 1);
      assert.deepEqual(await snapshot(), before);
    });
  });

  describe('who may change the tree', () => {
    it('staff, secretaries and the other administrators get 403 and nothing is written', async () => {
      const target = await orgUnitId(t, '商务委');
      for (const username of ['staff', 'secretary', 'secadmin', 'auditor']) {
        const cookie = await t.sessionFor(await t.userId(username));
        const units = await count('org_units');
        const created = await create(
          { parentId: district, kind: 'chamber', name: `${username}的商会` },
          cookie,
        );
        assert.equal(created.statusCode, 403, username);
        assert.equal(json<ErrorJson>(created).error.code, 'FORBIDDEN');
        const renamed = await rename(target, { version: 1, name: '商务局' }, cookie);
        assert.equal(renamed.statusCode, 403, username);
        assert.equal(await count('org_units'), units);
      }
      assert.equal(await count("org_units WHERE name = '商务委' AND version = 1"), 1);
    });

    it('an administrator in the district cannot create under or rename the city', async () => {
      await createAccount(t, { username: 'district.sys', orgUnitId: district, roles: ['system_admin'] });
      const cookie = await t.signIn('district.sys');
      const city = await orgUnitId(t, '示例市工商联');
      const before = await snapshot();
      const created = await create({ parentId: city, kind: 'district', name: '另一区工商联' }, cookie);
      assert.equal(created.statusCode, 400);
      assert.equal(json<ErrorJson>(created).error.details?.[0]?.path, 'parentId');
      const renamed = await rename(city, { version: 1, name: '改名市工商联' }, cookie);
      assert.equal(renamed.statusCode, 404);
      assert.deepEqual(await snapshot(), before);
      assert.equal(
        (await create({ parentId: district, kind: 'chamber', name: '区管理员建的商会' }, cookie)).statusCode,
        201,
      );
    });
  });
});
