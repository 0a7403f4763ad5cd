// Appeal categories owned by a federation and inherited down the tree: a district's override replaces the
// city's category for its streets only, adds codes of its own, times the appeals raised there, and is
// changed only at its level by those holding the permission over it (a street's staff → 404).
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
import { insertAppeal } from '../../test/appeals.ts';

interface Category {
  code: string;
  nameZh: string;
  respondDays: number;
  resolveDays: number;
  version: number;
  ownerName: string | null;
  own: boolean;
  replacesInherited: boolean;
}
interface CategoryList {
  items: Category[];
  orgUnitId: string;
  editable: boolean;
}

describe('appeal categories per federation', () => {
  let t: TestApp;
  let staff: string; // 示例区工商联
  let streetStaff: string; // 东湖街道工商联
  let leader: string;
  let city: string;
  let district: string;
  let street: string;

  const list = async (cookie: string, unit?: string) => {
    const response = await t.request({
      url: `/api/appeal-categories${unit ? `?orgUnitId=${unit}` : ''}`,
      cookie,
    });
    assert.equal(response.statusCode, 200, response.body);
    return json<CategoryList>(response);
  };
  const find = (categories: CategoryList, code: string) => categories.items.find((c) => c.code === code);
  const put = (cookie: string, code: string, body: Record<string, unknown>) =>
    t.request({ method: 'PUT', url: `/api/appeal-categories/${code}`, cookie, body: { code, ...body } });

  before(async () => {
    t = await setupTestApp();
    city = await orgUnitId(t, '示例市工商联');
    district = await orgUnitId(t, '示例区工商联');
    street = await orgUnitId(t, '东湖街道工商联');
    await createAccount(t, { username: 'street-staff', orgUnitId: street, roles: ['federation_staff'] });
    staff = await t.sessionFor(await t.userId('staff'));
    streetStaff = await t.sessionFor(await t.userId('street-staff'));
    leader = await t.sessionFor(await t.userId('leader'));
  });
  after(async () => t.close());

  it('the existing categories are the top level’s, inherited by every unit with their deadlines', async () => {
    const atDistrict = await list(staff);
    assert.equal(atDistrict.orgUnitId, district);
    assert.equal(atDistrict.editable, true);
    const financing = find(atDistrict, 'financing')!;
    assert.deepEqual([financing.respondDays, financing.resolveDays, financing.own], [2, 15, false]);
    assert.equal(financing.ownerName, '示例市工商联', 'the top of the tree owns them');
    const atCity = await list(staff, city);
    assert.equal(
      atCity.editable,
      false,
      'a district’s staff reads the city’s categories but may not change them',
    );
    assert.equal(find(atCity, 'financing')!.own, true, 'the top level owns them');
    assert.equal((await list(leader)).editable, false, 'a leader holds no permission to configure');
  });

  it('a district overrides a category and adds its own; its streets inherit both, the city keeps its own', async () => {
    const override = await put(staff, 'financing', {
      nameZh: '融资（区）',
      nameEn: 'Financing',
      respondDays: 1,
      resolveDays: 5,
    });
    assert.equal(override.statusCode, 200, override.body);
    const category = json<{ category: Category }>(override).category;
    assert.deepEqual(
      [category.own, category.replacesInherited, category.respondDays, category.ownerName],
      [true, true, 1, '示例区工商联'],
    );
    const added = await put(staff, 'tourism', {
      nameZh: '文旅',
      nameEn: 'Tourism',
      respondDays: 2,
      resolveDays: 8,
    });
    assert.equal(added.statusCode, 200, added.body);
    assert.equal(json<{ category: Category }>(added).category.replacesInherited, false);

    const atStreet = await list(streetStaff);
    assert.deepEqual(
      [
        find(atStreet, 'financing')!.nameZh,
        find(atStreet, 'financing')!.own,
        find(atStreet, 'financing')!.ownerName,
      ],
      ['融资（区）', false, '示例区工商联'],
    );
    assert.ok(find(atStreet, 'tourism'));
    const atCity = await list(staff, city);
    assert.deepEqual(
      [find(atCity, 'financing')!.nameZh, find(atCity, 'financing')!.respondDays],
      ['融资', 2],
    );
    assert.equal(find(atCity, 'tourism'), undefined, 'a district’s own code is not the city’s');
  });

  it('only the owning level changes a category: a street’s staff at the district level → 404', async () => {
    const body = { nameZh: '融资', nameEn: 'Financing', respondDays: 3, resolveDays: 9, orgUnitId: district };
    assert.equal((await put(streetStaff, 'financing', body)).statusCode, 404);
    assert.equal(
      (await put(staff, 'financing', { ...body, orgUnitId: city })).statusCode,
      404,
      'above one’s unit',
    );
    assert.equal((await put(leader, 'financing', body)).statusCode, 403, 'no permission');
    const other = await orgUnitId(t, '西山街道工商联');
    const nothing = await t.request({
      url: `/api/appeal-categories?orgUnitId=${other}`,
      cookie: streetStaff,
    });
    assert.equal(nothing.statusCode, 404, 'a sibling street is outside a street’s reach');
    // The district's definition is unchanged by the refused attempts.
    assert.equal(find(await list(staff), 'financing')!.respondDays, 1);
  });

  it('bad input: 400 with a code and what to fix; a stale version 409', async () => {
    const chamber = await orgUnitId(t, '示例区医药商会');
    const cases: [Record<string, unknown>, string][] = [
      [{ nameZh: '融资', nameEn: 'F', respondDays: 9, resolveDays: 5 }, 'RESPOND_AFTER_RESOLVE'],
      [
        { nameZh: '融资', nameEn: 'F', respondDays: 1, resolveDays: 5, orgUnitId: chamber },
        'NOT_A_FEDERATION',
      ],
    ];
    for (const [body, code] of cases) {
      const response = await put(staff, 'financing', body);
      assert.equal(response.statusCode, 400, response.body);
      assert.equal(json<ErrorJson>(response).error.details?.[0]?.code, code);
    }
    const malformed = await put(staff, 'financing', {
      nameZh: '融资',
      nameEn: 'F',
      respondDays: -1,
      resolveDays: 5,
    });
    assert.equal(malformed.statusCode, 400);
    const badUnit = await put(staff, 'financing', {
      nameZh: '融资',
      nameEn: 'F',
      respondDays: 1,
      resolveDays: 5,
      orgUnitId: 'x',
    });
    assert.equal(badUnit.statusCode, 400);
    const stale = await put(staff, 'financing', {
      nameZh: '融资',
      nameEn: 'F',
      respondDays: 1,
      resolveDays: 5,
      version: 99,
    });
    assert.equal(stale.statusCode, 409);
  });

  it('an appeal raised under the district is timed by the district’s category; the city’s by its own', async () => {
    const enterprise = (
      await t.database.pool.query<{ id: string }>(
        `SELECT id FROM enterprises WHERE org_unit_id = $1 LIMIT 1`,
        [street],
      )
    ).rows[0]!.id;
    const id = await insertAppeal(t, { enterpriseId: enterprise, category: 'financing', state: 'valid' });
    const department = await orgUnitId(t, '人力资源社会保障局');
    const { version } = json<{ appeal: { version: number } }>(
      await t.request({ url: `/api/appeals/${id}`, cookie: staff }),
    ).appeal;
    const forwarded = await t.request({
      method: 'POST',
      url: `/api/appeals/${id}/transitions`,
      cookie: staff,
      body: { action: 'forward', version, departmentIds: [department] },
    });
    assert.equal(forwarded.statusCode, 200, forwarded.body);
    const forward = json<{ appeal: { forwards: { respondDueAt: string; resolveDueAt: string }[] } }>(
      forwarded,
    ).appeal.forwards[0]!;
    const now = t.ctx.clock.now();
    // The channel sets no deadlines of its own, so the district's category (1 and 5 working days) does.
    assert.equal(forward.respondDueAt, t.ctx.calendar.addWorkingDays(now, 1).toISOString());
    assert.equal(forward.resolveDueAt, t.ctx.calendar.addWorkingDays(now, 5).toISOString());
  });

  it('removing the override lets the district inherit again; there is nothing to remove at the city', async () => {
    const removed = await t.request({
      method: 'POST',
      url: '/api/appeal-categories/financing/inherit',
      cookie: staff,
      body: {},
    });
    assert.equal(removed.statusCode, 200, removed.body);
    const financing = find(json<CategoryList>(removed), 'financing')!;
    assert.deepEqual([financing.own, financing.respondDays, financing.nameZh], [false, 2, '融资']);
    const again = await t.request({
      method: 'POST',
      url: '/api/appeal-categories/financing/inherit',
      cookie: staff,
      body: {},
    });
    assert.equal(again.statusCode, 404);
    const { rows } = await t.database.pool.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE object_type = 'appeal_category' ORDER BY seq`,
    );
    assert.deepEqual(
      rows.map((r) => r.action),
      ['appeal_category.created', 'appeal_category.created', 'appeal_category.override_removed'],
    );
  });
});
