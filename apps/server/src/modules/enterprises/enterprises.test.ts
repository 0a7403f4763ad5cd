// API tests of member enterprises: create and change with the registry's rules, Chinese search, masking,
// merging, and who may see or change what — against a real PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { enterpriseListQuery, permissionsOf, usccCheckCharacter, type Role } from '@qinqing/shared';
import type { Actor } from '../../core/auth/sessions.ts';
import {
  createAccount,
  json,
  orgUnitId,
  setupTestApp,
  type ErrorJson,
  type TestApp,
} from '../../test/harness.ts';
import { listEnterprises } from './repository.ts';

interface EnterpriseJson {
  id: string;
  name: string;
  uscc: string;
  version: number;
  industryName: string | null;
  divisionName: string | null;
  orgUnitId: string;
  formerNames: string[];
  tags: string[];
  contacts: { id: string; name: string; mobile: string | null; mobileMasked: boolean; isPrimary: boolean }[];
  membership: { status: string; statusReason: string | null };
  mergedIntoId: string | null;
}
type Page = { items: { id: string; name: string }[]; total: number; totalExact: boolean };

let serial = 0;
/** A fresh, valid credit code for each call. */
function uscc(): string {
  serial++;
  const first17 = `91110105MA${String(900000 + serial).padStart(6, '0')}${'0123456789ABCDEFGHJ'[serial % 19]}`;
  return first17 + usccCheckCharacter(first17);
}

describe('enterprises', () => {
  let t: TestApp;
  let staff: string;
  let leader: string;
  let secretary: string;
  let member: string;
  let liaison: string;
  let sysadmin: string;
  let district: string;
  let chamber: string;

  const count = async (table: string) =>
    (await t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n;
  const create = (body: Record<string, unknown>, cookie = staff) =>
    t.request({ method: 'POST', url: '/api/enterprises', cookie, body: { uscc: uscc(), ...body } });
  const created = async (body: Record<string, unknown>, cookie = staff) => {
    const response = await create(body, cookie);
    assert.equal(response.statusCode, 201, response.body);
    return json<{ enterprise: EnterpriseJson }>(response).enterprise;
  };
  const list = async (query: string, cookie = staff) => {
    const response = await t.request({ url: `/api/enterprises?${query}`, cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<Page>(response);
  };
  const get = (id: string, cookie = staff) => t.request({ url: `/api/enterprises/${id}`, cookie });
  const patch = (id: string, body: Record<string, unknown>, cookie = staff) =>
    t.request({ method: 'PATCH', url: `/api/enterprises/${id}`, cookie, body });

  before(async () => {
    t = await setupTestApp();
    staff = await t.signIn('staff');
    leader = await t.signIn('leader');
    secretary = await t.signIn('secretary');
    member = await t.signIn('member');
    liaison = await t.signIn('liaison');
    sysadmin = await t.signIn('sysadmin');
    district = await orgUnitId(t, '示例区工商联');
    chamber = await orgUnitId(t, '东湖街道商会');
  });
  after(() => t.close());

  describe('creating', () => {
    it('registers an enterprise with reference names resolved, a masked contact and an audit record', async () => {
      const before = await count('audit_events');
      const enterprise = await created({
        name: '长宁区華潤萬家超市有限公司',
        industryCode: '5212',
        size: 'small',
        divisionCode: '110101001',
        legalRepresentative: '周立新',
        registeredCapital: 500,
        foundedOn: '2015-06-01',
        tags: ['保供企业', '保供企业', '连锁'],
        contacts: [{ name: '吴敏', position: '办公室主任', mobile: '13812345678' }],
      });
      assert.equal(enterprise.industryName, '超级市场零售');
      assert.equal(enterprise.divisionName, '北京市东城区东华门街道');
      assert.equal(enterprise.orgUnitId, district);
      assert.deepEqual(enterprise.tags, ['保供企业', '连锁']);
      assert.equal(enterprise.contacts[0]?.mobile, '138****5678');
      assert.equal(enterprise.contacts[0]?.mobileMasked, true);
      assert.equal(enterprise.contacts[0]?.isPrimary, true);
      assert.equal(enterprise.membership.status, 'active');
      assert.equal(await count('audit_events'), (before ?? 0) + 1);
      const { rows } = await t.database.pool.query(
        "SELECT detail FROM audit_events WHERE action = 'enterprise.created' ORDER BY seq DESC LIMIT 1",
      );
      assert.doesNotMatch(JSON.stringify(rows[0]?.detail), /13812345678/, 'no full number in the audit log');
    });

    it('normalises a credit code typed with spaces, lowercase and full-width characters', async () => {
      const code = uscc();
      const typed = ` ${code.slice(0, 6)} ${code
        .slice(6)
        .toLowerCase()
        .replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}`;
      const response = await t.request({
        method: 'POST',
        url: '/api/enterprises',
        cookie: staff,
        body: { name: '规范化测试有限公司', uscc: typed },
      });
      assert.equal(response.statusCode, 201, response.body);
      assert.equal(json<{ enterprise: EnterpriseJson }>(response).enterprise.uscc, code);
    });

    it('refuses bad input field by field, and writes nothing', async () => {
      const valid = uscc();
      const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
      const cases: [Record<string, unknown>, string, string][] = [
        [{ name: '甲公司', uscc: wrongCheck }, 'uscc', 'USCC_INVALID'],
        // Its check character fits; 0 is no registration authority of GB 32100.
        [{ name: '甲公司', uscc: '0'.repeat(18) }, 'uscc', 'USCC_INVALID'],
        [{ name: '甲公司', uscc: '91110105MA01' }, 'uscc', 'USCC_LENGTH'],
        [{ name: '甲公司', uscc: valid.slice(0, 17) + 'I' }, 'uscc', 'USCC_CHARACTERS'],
        [{ name: '甲公司', uscc: uscc(), industryCode: '9999' }, 'industryCode', 'INDUSTRY_UNKNOWN'],
        [{ name: '甲公司', uscc: uscc(), industryCode: '65' }, 'industryCode', 'INVALID_FORMAT'],
        [{ name: '甲公司', uscc: uscc(), divisionCode: '110199999' }, 'divisionCode', 'DIVISION_UNKNOWN'],
        [{ name: '甲公司', uscc: uscc(), foundedOn: '2999-01-01' }, 'foundedOn', 'DATE_IN_FUTURE'],
        [
          { name: '甲公司', uscc: uscc(), contacts: [{ name: '王', mobile: '12345' }] },
          'contacts.0.mobile',
          'INVALID_FORMAT',
        ],
        [{ name: '甲\u0000公司', uscc: uscc() }, 'name', 'CONTROL_CHARACTER'],
        [{ name: '', uscc: uscc() }, 'name', 'TOO_SMALL'],
        [{ name: '甲公司', uscc: uscc(), size: 'huge' }, 'size', 'INVALID_VALUE'],
        [
          { name: '甲公司', uscc: uscc(), membership: { status: 'withdrawn' } },
          'membership.statusReason',
          'STATUS_REASON_REQUIRED',
        ],
      ];
      const before = await count('enterprises');
      for (const [body, path, code] of cases) {
        const response = await t.request({ method: 'POST', url: '/api/enterprises', cookie: staff, body });
        assert.equal(response.statusCode, 400, `${path}: ${response.body}`);
        const detail = json<ErrorJson>(response).error.details?.find((d) => d.path === path);
        assert.equal(detail?.code, code, `${path}: ${response.body}`);
        assert.ok(detail?.message, 'a message to show');
      }
      assert.equal(await count('enterprises'), before);
    });

    it('refuses a credit code already registered: 409 DUPLICATE_USCC with the existing id', async () => {
      const first = await created({ name: '重复代码测试有限公司' });
      const before = await count('enterprises');
      const response = await t.request({
        method: 'POST',
        url: '/api/enterprises',
        cookie: staff,
        body: { name: '另一家公司', uscc: first.uscc.toLowerCase() },
      });
      assert.equal(response.statusCode, 409);
      const body = json<ErrorJson>(response);
      assert.equal(body.error.details?.[0]?.code, 'DUPLICATE_USCC');
      assert.equal(body.error.existingId, first.id);
      assert.equal(await count('enterprises'), before);
    });

    it('a chamber secretary registers a member under their chamber’s federation and into the chamber', async () => {
      const enterprise = await created({ name: '秘书长登记测试有限公司' }, secretary);
      assert.equal(enterprise.orgUnitId, await orgUnitId(t, '东湖街道工商联'));
      const { rows } = await t.database.pool.query(
        'SELECT chamber_id FROM chamber_memberships WHERE enterprise_id = $1',
        [enterprise.id],
      );
      assert.deepEqual(rows, [{ chamber_id: chamber }]);
    });
  });

  describe('searching', () => {
    let target: EnterpriseJson;
    before(async () => {
      target = await created({
        name: '重庆长乐智能装备股份有限公司',
        formerNames: ['长乐机械厂'],
        contacts: [{ name: '钱进', mobile: '13900001111' }],
      });
    });

    it('finds by a Chinese fragment, a traditional-character query and a former name', async () => {
      for (const q of ['长乐智能', '長樂智能', '智能装备', '长乐机械']) {
        const page = await list(`q=${encodeURIComponent(q)}`);
        assert.ok(
          page.items.some((i) => i.id === target.id),
          q,
        );
      }
    });

    it('finds by pinyin initials, full pinyin (polyphones read in context) and a credit-code prefix', async () => {
      for (const q of ['cqclzn', 'clzn', 'chongqingchangle', 'zhinengzhuangbei', target.uscc.slice(0, 12)]) {
        const page = await list(`q=${encodeURIComponent(q)}`);
        assert.ok(
          page.items.some((i) => i.id === target.id),
          q,
        );
      }
    });

    it('ranks an exact name before a prefix before a fragment', async () => {
      await created({ name: '排序测试' });
      await created({ name: '排序测试科技有限公司' });
      await created({ name: '甲乙排序测试有限公司' });
      const page = await list(`q=${encodeURIComponent('排序测试')}`);
      assert.deepEqual(
        page.items.map((i) => i.name),
        ['排序测试', '排序测试科技有限公司', '甲乙排序测试有限公司'],
      );
    });

    it('finds by mobile number only for users allowed to see numbers', async () => {
      assert.ok((await list('q=13900001111')).items.some((i) => i.id === target.id));
      const chamberMember = await created(
        { name: '手机号查找测试有限公司', contacts: [{ name: '孙', mobile: '13700002222' }] },
        secretary,
      );
      assert.equal(
        (await list('q=13700002222', secretary)).items.some((i) => i.id === chamberMember.id),
        false,
      );
    });

    it('filters by industry (section, division, class), size, division, tag, status and chamber', async () => {
      const software = await created({
        name: '筛选软件有限公司',
        industryCode: '6513',
        size: 'micro',
        tags: ['专精特新'],
        divisionCode: '110101002',
      });
      for (const query of [
        'industry=I',
        'industry=65',
        'industry=6513',
        'size=micro',
        'division=110101002',
        `tag=${encodeURIComponent('专精特新')}`,
        'status=active',
      ]) {
        const page = await list(`${query}&q=${encodeURIComponent('筛选软件')}`);
        assert.deepEqual(
          page.items.map((i) => i.id),
          [software.id],
          query,
        );
        assert.equal(page.total, 1, `${query}: the total counts the same rows`);
      }
      assert.equal((await list(`industry=C&q=${encodeURIComponent('筛选软件')}`)).total, 0);
      await t.database.pool.query(
        'INSERT INTO chamber_memberships (chamber_id, enterprise_id) VALUES ($1, $2)',
        [chamber, software.id],
      );
      assert.equal((await list(`chamberId=${chamber}&q=${encodeURIComponent('筛选软件')}`)).total, 1);
      assert.equal((await list(`party=none&q=${encodeURIComponent('筛选软件')}`)).total, 1);
      await t.database.pool.query(
        "INSERT INTO party_organizations (org_unit_id, enterprise_id, name, form, member_count) VALUES ($1, $2, '筛选软件党支部', 'independent_branch', 5)",
        [district, software.id],
      );
      for (const [party, total] of [
        ['organized', 1],
        ['instructor_only', 0],
        ['none', 0],
      ] as const) {
        const page = await list(`party=${party}&q=${encodeURIComponent('筛选软件')}`);
        assert.equal(page.total, total, party);
        assert.equal(page.items.length, total, party);
      }
    });

    it('pages with a stable pinyin order and the total', async () => {
      const all = await list('pageSize=200');
      const first = await list('pageSize=3&page=1');
      const second = await list('pageSize=3&page=2');
      assert.equal(first.total, all.total);
      assert.deepEqual(
        [...first.items, ...second.items].map((i) => i.id),
        all.items.slice(0, 6).map((i) => i.id),
      );
    });

    describe('counting matches up to a cap', () => {
      const names = {
        exact: '溪岚',
        prefix: '溪岚科技有限公司',
        a: '阿溪岚有限公司',
        jia: '甲溪岚有限公司',
        yi: '乙溪岚有限公司',
        formerOnly: '丙有限公司',
      };
      const nameOf = new Map<string, string>();
      let outsider: string;
      let districtStaff: Actor;
      let cityStaff: Actor;

      const actorAt = async (username: string, unitId: string): Promise<Actor> => {
        const roles: Role[] = ['federation_staff'];
        const { rows } = await t.database.pool.query<{ path: string }>(
          'SELECT path FROM org_units WHERE id = $1',
          [unitId],
        );
        return {
          sessionId: 'test',
          userId: await t.userId(username),
          username,
          displayName: username,
          roles,
          permissions: permissionsOf(roles),
          orgUnitId: unitId,
          orgPath: rows[0]!.path,
          enterpriseId: null,
          mustChangePassword: false,
        };
      };
      /** The repository with a cap small enough for a handful of real rows; only this test's names. */
      const search = async (
        actor: Actor,
        q: string,
        countCap?: number,
        paging: Record<string, string> = {},
      ) => {
        const found = await listEnterprises(
          t.database.db,
          actor,
          enterpriseListQuery.parse({ q, ...paging }),
          countCap === undefined ? {} : { countCap },
        );
        return {
          names: found.rows.map((row) => nameOf.get(row.id) ?? row.name),
          ids: found.rows.map((row) => row.id),
          total: found.total,
          totalExact: found.totalExact,
        };
      };

      before(async () => {
        for (const [key, name] of Object.entries(names)) {
          const enterprise = await created(
            key === 'formerOnly' ? { name, formerNames: ['溪岚旧厂'] } : { name },
          );
          nameOf.set(enterprise.id, key);
        }
        const city = await orgUnitId(t, '示例市工商联');
        await createAccount(t, { username: 'city-staff', orgUnitId: city, roles: ['federation_staff'] });
        // In the city's own unit, outside the district: it would rank second (a prefix match) if it leaked.
        outsider = (
          await created({ name: '溪岚城市有限公司', orgUnitId: city }, await t.signIn('city-staff'))
        ).id;
        districtStaff = await actorAt('staff', district);
        cityStaff = await actorAt('city-staff', city);
      });

      it('under the cap: the exact total and the full ranking, a match only in a former name last', async () => {
        const found = await search(districtStaff, '溪岚');
        assert.deepEqual(found.names, ['exact', 'prefix', 'a', 'jia', 'yi', 'formerOnly']);
        assert.equal(found.total, 6);
        assert.equal(found.totalExact, true);
        const page = await list(`q=${encodeURIComponent('溪岚')}`);
        assert.equal(page.total, 6);
        assert.equal(page.totalExact, true);
      });

      it('past the cap: the cap as the total, exact and prefix first, then the others in pinyin order', async () => {
        const found = await search(districtStaff, '溪岚', 3);
        assert.equal(found.total, 3);
        assert.equal(found.totalExact, false);
        // 阿 a · 丙 bing · 甲 jia · 乙 yi: the former name is no longer ranked apart.
        assert.deepEqual(found.names, ['exact', 'prefix', 'a', 'formerOnly', 'jia', 'yi']);
        const second = await search(districtStaff, '溪岚', 3, { page: '2', pageSize: '4' });
        assert.deepEqual(second.names, ['jia', 'yi']);
        assert.equal(second.totalExact, false);
      });

      it('past the cap by pinyin: exact and prefix through the pinyin, then the others', async () => {
        const found = await search(districtStaff, 'xilan', 2);
        assert.equal(found.totalExact, false);
        assert.deepEqual(
          found.names.filter((name) => Object.hasOwn(names, name)),
          ['exact', 'prefix', 'a', 'jia', 'yi'],
        );
        assert.equal((await search(districtStaff, 'xilan')).totalExact, true);
      });

      it('a district viewer never sees another unit’s match, under the cap or past it', async () => {
        for (const cap of [undefined, 3, 1]) {
          const found = await search(districtStaff, '溪岚', cap, { pageSize: '50' });
          assert.equal(found.ids.includes(outsider), false, `cap ${cap}`);
          assert.equal(found.names.length, 6, `cap ${cap}`);
        }
        const seenFromCity = await search(cityStaff, '溪岚', 3);
        assert.equal(seenFromCity.ids[1], outsider, 'the city sees it, ranked as a prefix match');
        assert.equal(seenFromCity.totalExact, false);
      });
    });

    it('refuses bad list parameters with 400', async () => {
      for (const query of [
        'size=huge',
        'pageSize=1000',
        'industry=ZZ',
        'chamberId=x',
        'unknown=1',
        'joinedFrom=2026-13-01',
        'leftTo=yesterday',
      ]) {
        assert.equal(
          (await t.request({ url: `/api/enterprises?${query}`, cookie: staff })).statusCode,
          400,
          query,
        );
      }
    });
  });

  describe('changing', () => {
    it('updates with the version, keeps a masked number the editor did not change, audits before/after', async () => {
      const enterprise = await created({
        name: '修改测试有限公司',
        contacts: [{ name: '郑', mobile: '13611112222' }],
      });
      const contact = enterprise.contacts[0]!;
      const response = await patch(enterprise.id, {
        version: enterprise.version,
        name: '修改测试（集团）有限公司',
        contacts: [
          { id: contact.id, name: '郑晓', position: '总经理' },
          { name: '新联系人', mobile: '13522223333' },
        ],
      });
      assert.equal(response.statusCode, 200, response.body);
      const updated = json<{ enterprise: EnterpriseJson }>(response).enterprise;
      assert.equal(updated.version, enterprise.version + 1);
      const { rows } = await t.database.pool.query(
        'SELECT name, mobile FROM enterprise_contacts WHERE enterprise_id = $1 ORDER BY sort',
        [enterprise.id],
      );
      assert.deepEqual(rows, [
        { name: '郑晓', mobile: '13611112222' },
        { name: '新联系人', mobile: '13522223333' },
      ]);
      assert.ok(
        (await list(`q=${encodeURIComponent('集团')}`)).items.some((i) => i.id === enterprise.id),
        'search keys follow the name',
      );
      const audit = await t.database.pool.query(
        "SELECT detail FROM audit_events WHERE action = 'enterprise.updated' AND object_id = $1",
        [enterprise.id],
      );
      const detail = audit.rows[0]?.detail as { before: { name: string }; after: { name: string } };
      assert.equal(detail.before.name, '修改测试有限公司');
      assert.equal(detail.after.name, '修改测试（集团）有限公司');
      const stale = await patch(enterprise.id, { version: enterprise.version, name: '过期' });
      assert.equal(stale.statusCode, 409);
      assert.equal(json<ErrorJson>(stale).error.code, 'VERSION_CONFLICT');
    });

    it('a membership status change needs a reason and is kept in the history', async () => {
      const enterprise = await created({ name: '退会测试有限公司' });
      const noReason = await patch(enterprise.id, {
        version: enterprise.version,
        membership: { status: 'withdrawn' },
      });
      assert.equal(noReason.statusCode, 400);
      const response = await patch(enterprise.id, {
        version: enterprise.version,
        membership: { status: 'withdrawn', statusReason: '企业注销', statusOn: '2026-10-01' },
      });
      assert.equal(response.statusCode, 200, response.body);
      const history = json<{
        items: { fromStatus: string | null; toStatus: string; reason: string | null }[];
      }>(await t.request({ url: `/api/enterprises/${enterprise.id}/status-history`, cookie: staff }));
      assert.deepEqual(
        history.items.map((h) => [h.fromStatus, h.toStatus, h.reason]),
        [
          [null, 'active', null],
          ['active', 'withdrawn', '企业注销'],
        ],
      );
    });

    it('reveals a full number only to those allowed, and audits every reveal', async () => {
      const enterprise = await created({
        name: '脱敏测试有限公司',
        contacts: [{ name: '冯', mobile: '13833334444' }],
      });
      const url = `/api/enterprises/${enterprise.id}/contacts/${enterprise.contacts[0]!.id}/unmask`;
      const shown = await t.request({ method: 'POST', url, cookie: leader });
      assert.equal(shown.statusCode, 200);
      assert.equal(json<{ mobile: string }>(shown).mobile, '13833334444');
      const { rows } = await t.database.pool.query(
        "SELECT actor_name FROM audit_events WHERE action = 'contact.unmasked' AND object_id = $1",
        [enterprise.contacts[0]!.id],
      );
      assert.deepEqual(rows, [{ actor_name: 'leader' }]);
      const refused = await t.request({ method: 'POST', url, cookie: secretary });
      assert.equal(refused.statusCode, 403);
    });

    it('merges a duplicate: names, tags, contacts and chambers move; the duplicate leaves the lists', async () => {
      const keep = await created({ name: '合并保留有限公司', tags: ['百强企业'] });
      const duplicate = await created({
        name: '合并保留公司',
        tags: ['保供企业'],
        contacts: [{ name: '褚', mobile: '13644445555' }],
      });
      await t.database.pool.query(
        'INSERT INTO chamber_memberships (chamber_id, enterprise_id) VALUES ($1, $2)',
        [chamber, duplicate.id],
      );
      const response = await t.request({
        method: 'POST',
        url: `/api/enterprises/${keep.id}/merge`,
        cookie: staff,
        body: { duplicateId: duplicate.id, version: keep.version },
      });
      assert.equal(response.statusCode, 200, response.body);
      const merged = json<{ enterprise: EnterpriseJson }>(response).enterprise;
      assert.deepEqual(merged.formerNames, ['合并保留公司']);
      assert.deepEqual(merged.tags.sort(), ['保供企业', '百强企业'].sort());
      assert.equal(merged.contacts.length, 1);
      const after = await list(`q=${encodeURIComponent('合并保留')}`);
      assert.deepEqual(
        after.items.map((i) => i.id),
        [keep.id],
      );
      const { rows } = await t.database.pool.query('SELECT merged_into_id FROM enterprises WHERE id = $1', [
        duplicate.id,
      ]);
      assert.equal(rows[0]?.merged_into_id, keep.id, 'the duplicate is kept, marked');
      const again = await t.request({
        method: 'POST',
        url: `/api/enterprises/${keep.id}/merge`,
        cookie: staff,
        body: { duplicateId: duplicate.id, version: merged.version },
      });
      assert.equal(again.statusCode, 400);
      const secretaryTry = await t.request({
        method: 'POST',
        url: `/api/enterprises/${keep.id}/merge`,
        cookie: secretary,
        body: { duplicateId: duplicate.id, version: merged.version },
      });
      assert.equal(secretaryTry.statusCode, 403);
    });

    it('a merge moves what other domains hang on the duplicate: positions, party organizations, accounts', async () => {
      const keep = await created({ name: '合并承接有限公司' });
      const duplicate = await created({ name: '合并承接公司' });
      const pool = t.database.pool;
      const { rows: persons } = await pool.query<{ id: string }>(
        "INSERT INTO people (org_unit_id, name) VALUES ($1, '合并测试甲'), ($1, '合并测试乙') RETURNING id",
        [district],
      );
      const [both, once] = persons.map((p) => p.id);
      await pool.query(
        `INSERT INTO person_positions (person_id, enterprise_id, position)
         VALUES ($1, $3, '董事长'), ($1, $4, '董事长'), ($2, $4, '总经理')`,
        [both, once, keep.id, duplicate.id],
      );
      await pool.query(
        `INSERT INTO party_organizations (org_unit_id, enterprise_id, name, form)
         VALUES ($1, $2, '合并承接公司党支部', 'independent_branch')`,
        [district, duplicate.id],
      );
      const account = await createAccount(t, {
        username: 'merge-contact',
        orgUnitId: district,
        roles: ['enterprise_contact'],
      });
      await pool.query('UPDATE users SET enterprise_id = $2 WHERE id = $1', [account, duplicate.id]);

      const response = await t.request({
        method: 'POST',
        url: `/api/enterprises/${keep.id}/merge`,
        cookie: staff,
        body: { duplicateId: duplicate.id, version: keep.version },
      });
      assert.equal(response.statusCode, 200, response.body);
      const { rows: positions } = await pool.query(
        `SELECT person_id, enterprise_id, position FROM person_positions WHERE person_id = ANY ($1)
         ORDER BY position`,
        [persons.map((p) => p.id)],
      );
      assert.deepEqual(positions, [
        { person_id: once, enterprise_id: keep.id, position: '总经理' },
        { person_id: both, enterprise_id: keep.id, position: '董事长' },
      ]);
      const { rows: party } = await pool.query(
        "SELECT enterprise_id FROM party_organizations WHERE name = '合并承接公司党支部'",
      );
      assert.deepEqual(party, [{ enterprise_id: keep.id }]);
      const { rows: accounts } = await pool.query('SELECT enterprise_id FROM users WHERE id = $1', [account]);
      assert.deepEqual(accounts, [{ enterprise_id: keep.id }]);
    });
  });

  describe('scope', () => {
    let outside: EnterpriseJson;
    let inChamber: EnterpriseJson;
    before(async () => {
      outside = await created({ name: '范围外测试有限公司' });
      inChamber = await created({ name: '商会会员测试有限公司' });
      await t.database.pool.query(
        'INSERT INTO chamber_memberships (chamber_id, enterprise_id) VALUES ($1, $2)',
        [chamber, inChamber.id],
      );
    });

    it('a chamber secretary sees and edits their chamber’s members only; others answer 404', async () => {
      assert.equal((await get(inChamber.id, secretary)).statusCode, 200);
      assert.equal((await get(outside.id, secretary)).statusCode, 404);
      const page = await list('pageSize=200', secretary);
      assert.ok(page.items.some((i) => i.id === inChamber.id));
      assert.equal(
        page.items.some((i) => i.id === outside.id),
        false,
      );
      assert.equal(
        (await patch(outside.id, { version: outside.version, name: 'x公司' }, secretary)).statusCode,
        404,
      );
      assert.equal(
        (await patch(inChamber.id, { version: inChamber.version, legalRepresentative: '卫' }, secretary))
          .statusCode,
        200,
      );
    });

    it('an enterprise contact sees their own enterprise only and cannot change it', async () => {
      const page = await list('pageSize=200', member);
      assert.deepEqual(
        page.items.map((i) => i.name),
        ['示例区东湖智能科技有限公司'],
      );
      assert.equal((await get(outside.id, member)).statusCode, 404);
      const own = page.items[0]!;
      assert.equal((await patch(own.id, { version: 1, name: 'x' }, member)).statusCode, 403);
    });

    it('a department liaison sees only enterprises with appeals forwarded to them; a leader reads but cannot write', async () => {
      // The demo forwarded appeals of three enterprises to 人力资源社会保障局.
      const forwarded = await t.database.pool.query<{ n: number }>(
        `SELECT count(DISTINCT a.enterprise_id)::int AS n FROM appeals a JOIN appeal_forwards f ON f.appeal_id = a.id
         JOIN org_units d ON d.id = f.department_id WHERE d.name = '人力资源社会保障局'`,
      );
      assert.ok(forwarded.rows[0]!.n > 0);
      assert.equal((await list('pageSize=200', liaison)).total, forwarded.rows[0]!.n);
      assert.equal((await get(outside.id, liaison)).statusCode, 404);
      assert.equal((await get(outside.id, leader)).statusCode, 200);
      assert.equal(
        (await patch(outside.id, { version: outside.version, name: 'x' }, leader)).statusCode,
        403,
      );
      assert.equal((await create({ name: '领导新增' }, leader)).statusCode, 403);
    });

    it('the system administrator sees no business data', async () => {
      assert.equal((await t.request({ url: '/api/enterprises', cookie: sysadmin })).statusCode, 403);
      assert.equal((await get(outside.id, sysadmin)).statusCode, 403);
    });

    it('staff cannot register an enterprise outside their subtree or under a non-federation unit', async () => {
      const city = await orgUnitId(t, '示例市工商联');
      const response = await create({ name: '越权登记', orgUnitId: city });
      assert.equal(response.statusCode, 400);
      assert.equal(json<ErrorJson>(response).error.details?.[0]?.code, 'ORG_UNIT_OUT_OF_SCOPE');
      const notFederation = await create({ name: '挂错单位', orgUnitId: chamber });
      assert.equal(json<ErrorJson>(notFederation).error.details?.[0]?.code, 'ORG_UNIT_NOT_FEDERATION');
    });
  });
});
