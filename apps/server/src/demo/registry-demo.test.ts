// Tests of the demo district's member registry: counts, valid codes, chambers, people and party
// organizations, search keys, and who sees which members through GET /api/enterprises.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MOBILE_PATTERN, PREDEFINED_TAGS, usccProblem } from '@qinqing/shared';
import { searchKeysOf } from '../core/search/search-keys.ts';
import { divisionByCode } from '../reference/divisions.ts';
import { isIndustryClass } from '../reference/industries.ts';
import { json, orgUnitId, setupTestApp, type TestApp } from '../test/harness.ts';
import {
  DEMO_ENTERPRISES,
  DEMO_MEMBER_ENTERPRISE,
  DEMO_PEOPLE,
  DEMO_STATUS_COUNTS,
} from './registry-demo.ts';

interface EnterpriseRow {
  id: string;
  name: string;
  former_names: string[];
  uscc: string;
  industry_code: string;
  division_code: string;
  size: string;
  tags: string[];
  membership_status: string;
  membership_status_reason: string | null;
  joined_on: string | null;
  legal_representative: string | null;
  search_name: string;
  search_bigrams: string[];
  name_pinyin: string;
  name_initials: string;
  sort_key: string;
  unit: string;
}

interface Page {
  items: { id: string; name: string }[];
  total: number;
}

describe('demo registry', () => {
  let t: TestApp;
  let rows: EnterpriseRow[];
  const query = async <T extends object>(sql: string, params: unknown[] = []) =>
    (await t.database.pool.query<T>(sql, params)).rows;
  const count = async (sql: string, params: unknown[] = []) =>
    (await query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;

  before(async () => {
    t = await setupTestApp();
    rows = await query<EnterpriseRow>(
      `SELECT e.id, e.name, e.former_names, e.uscc, e.industry_code, e.division_code, e.size, e.tags,
              e.membership_status, e.membership_status_reason, e.joined_on::text, e.legal_representative,
              e.search_name, e.search_bigrams, e.name_pinyin, e.name_initials, e.sort_key, o.name AS unit
         FROM enterprises e JOIN org_units o ON o.id = e.org_unit_id`,
    );
  });
  after(() => t.close());

  it('has 300 members with the planned statuses, spread over the three streets and the district', () => {
    assert.equal(rows.length, DEMO_ENTERPRISES);
    const byStatus: Record<string, number> = {};
    for (const r of rows) byStatus[r.membership_status] = (byStatus[r.membership_status] ?? 0) + 1;
    assert.deepEqual(byStatus, {
      ...DEMO_STATUS_COUNTS,
      active: DEMO_ENTERPRISES - Object.values(DEMO_STATUS_COUNTS).reduce((a, b) => a + b, 0),
    });
    for (const r of rows) {
      if (r.membership_status === 'suspended' || r.membership_status === 'withdrawn')
        assert.ok(r.membership_status_reason, r.name);
      assert.equal(r.joined_on === null, r.membership_status === 'applying', r.name);
    }
    const units = new Set(rows.map((r) => r.unit));
    assert.deepEqual(
      [...units].sort(),
      ['东湖街道工商联', '南河街道工商联', '示例区工商联', '西山街道工商联'].sort(),
    );
    assert.equal(new Set(rows.map((r) => r.name)).size, rows.length, 'names are unique');
  });

  it('gives every member a valid, unique credit code and known industry, division, size and tags', () => {
    assert.equal(new Set(rows.map((r) => r.uscc)).size, rows.length);
    for (const r of rows) {
      assert.equal(usccProblem(r.uscc), null, r.uscc);
      assert.ok(r.uscc.startsWith('91110105'), r.uscc);
      assert.ok(isIndustryClass(r.industry_code), `${r.name} ${r.industry_code}`);
      assert.equal(divisionByCode(r.division_code)?.parentCode, '110101', `${r.name} ${r.division_code}`);
      assert.ok(['large', 'medium', 'small', 'micro'].includes(r.size), r.name);
      for (const tag of r.tags) assert.ok((PREDEFINED_TAGS as readonly string[]).includes(tag), tag);
      assert.ok(r.legal_representative, r.name);
    }
    const industries = new Set(rows.map((r) => r.industry_code));
    for (const code of ['6513', '6210', '2720', '5211']) assert.ok(industries.has(code), code);
  });

  it('stores the search keys the registry computes on write, for every name', () => {
    for (const r of rows) {
      const keys = searchKeysOf(r.name, r.former_names);
      assert.deepEqual(
        {
          searchName: r.search_name,
          searchBigrams: r.search_bigrams,
          namePinyin: r.name_pinyin,
          nameInitials: r.name_initials,
          sortKey: r.sort_key,
        },
        keys,
        r.name,
      );
    }
    const bank = rows.find((r) => r.name === '北京长乐村镇银行股份有限公司');
    assert.equal(bank?.name_initials, 'bjclczyhgfyxgs');
  });

  it('gives each member one primary contact, and every mobile number a valid shape', async () => {
    const contacts = await query<{ enterprise_id: string; mobile: string; is_primary: boolean }>(
      'SELECT enterprise_id, mobile, is_primary FROM enterprise_contacts',
    );
    assert.ok(contacts.length > DEMO_ENTERPRISES);
    const primaries = new Map<string, number>();
    for (const c of contacts) {
      assert.match(c.mobile, MOBILE_PATTERN);
      if (c.is_primary) primaries.set(c.enterprise_id, (primaries.get(c.enterprise_id) ?? 0) + 1);
    }
    assert.equal(primaries.size, DEMO_ENTERPRISES);
    assert.ok([...primaries.values()].every((n) => n === 1));
    const history = await count('enterprise_status_history');
    assert.equal(
      history,
      DEMO_ENTERPRISES + DEMO_STATUS_COUNTS.suspended + DEMO_STATUS_COUNTS.withdrawn,
      'one entry per member, two for the suspended and withdrawn',
    );
  });

  it('fills the chambers: street members in their street chamber, pharma and catering in theirs', async () => {
    const members = await query<{ chamber: string; unit: string; industry_code: string; status: string }>(
      `SELECT c.name AS chamber, o.name AS unit, e.industry_code, e.membership_status AS status
         FROM chamber_memberships m JOIN org_units c ON c.id = m.chamber_id
         JOIN enterprises e ON e.id = m.enterprise_id JOIN org_units o ON o.id = e.org_unit_id`,
    );
    for (const street of ['东湖街道', '西山街道', '南河街道']) {
      const inChamber = members.filter((m) => m.chamber === `${street}商会`);
      const expected = rows.filter(
        (r) =>
          r.unit === `${street}工商联` &&
          (r.membership_status === 'active' || r.membership_status === 'suspended'),
      );
      assert.equal(inChamber.length, expected.length, street);
      assert.ok(
        inChamber.every((m) => m.unit === `${street}工商联`),
        street,
      );
    }
    const pharma = members.filter((m) => m.chamber === '示例区医药商会');
    assert.ok(pharma.length >= 10);
    assert.ok(pharma.every((m) => /^(27|3584|5151|5251)/.test(m.industry_code)));
    const catering = members.filter((m) => m.chamber === '示例区餐饮商会');
    assert.ok(catering.length >= 10);
    assert.ok(catering.every((m) => m.industry_code.startsWith('62')));
    assert.ok(members.every((m) => m.status === 'active' || m.status === 'suspended'));

    const [twoChambers] = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT enterprise_id FROM chamber_memberships GROUP BY enterprise_id
        HAVING count(*) > 1 AND bool_or(role <> 'member')) x`,
    );
    assert.ok(twoChambers!.n >= 5, 'some members belong to two chambers, with a role');
    assert.equal(await count('chamber_profiles'), 6);
    const leaders = await query<{ chamber: string; role: string; n: number }>(
      `SELECT c.name AS chamber, l.role, count(*)::int AS n FROM chamber_leaders l
         JOIN org_units c ON c.id = l.chamber_id GROUP BY 1, 2`,
    );
    const presidents = leaders.filter((l) => l.role === 'president');
    assert.equal(presidents.length, 6);
    assert.ok(presidents.every((l) => l.n === 1));
    assert.equal(leaders.filter((l) => l.role === 'secretary_general').length, 6);
    const [secretaryGeneral] = await query<{ name: string }>(
      `SELECT p.name FROM chamber_leaders l JOIN people p ON p.id = l.person_id JOIN org_units c ON c.id = l.chamber_id
        WHERE c.name = '东湖街道商会' AND l.role = 'secretary_general'`,
    );
    assert.equal(secretaryGeneral?.name, '张海峰');
  });

  it('has 代表人士 of every kind: young, women, party and non-party, deputies, federation leaders', async () => {
    const people = await query<{
      birth_year: number;
      gender: string;
      political_affiliation: string;
      npc_level: string | null;
      cppcc_level: string | null;
      mobile: string;
      name_pinyin: string;
    }>(
      'SELECT birth_year, gender, political_affiliation, npc_level, cppcc_level, mobile, name_pinyin FROM people',
    );
    assert.equal(people.length, DEMO_PEOPLE);
    assert.ok(people.filter((p) => p.birth_year >= 1982).length >= 20, 'young entrepreneurs');
    assert.ok(people.filter((p) => p.gender === 'female').length >= 10);
    const affiliations = new Set(people.map((p) => p.political_affiliation));
    assert.ok(affiliations.has('cpc') && affiliations.has('none') && affiliations.has('cndca'));
    assert.ok(affiliations.size >= 6, [...affiliations].join());
    assert.ok(people.some((p) => p.npc_level) && people.some((p) => p.cppcc_level));
    assert.ok(people.every((p) => MOBILE_PATTERN.test(p.mobile) && p.name_pinyin !== ''));

    const roles = await query<{ role: string; n: number }>(
      'SELECT role, count(*)::int AS n FROM person_federation_roles GROUP BY role',
    );
    assert.deepEqual(Object.fromEntries(roles.map((r) => [r.role, r.n])), {
      chair: 1,
      vice_chair: 6,
      standing_committee: 15,
      executive_committee: 31,
    });
    const positions = await query<{ position: string; n: number }>(
      'SELECT position, count(*)::int AS n FROM person_positions GROUP BY position',
    );
    const byPosition = Object.fromEntries(positions.map((p) => [p.position, p.n]));
    assert.ok(byPosition['董事长']! >= 100 && byPosition['总经理']! >= 40, JSON.stringify(byPosition));
  });

  it('covers about 40% of members with a party organization and 15% with an instructor only', async () => {
    const forms = await query<{ form: string; n: number }>(
      'SELECT form, count(*)::int AS n FROM party_organizations WHERE enterprise_id IS NOT NULL GROUP BY form',
    );
    const organized = forms.filter((f) => f.form !== 'instructor_only').reduce((sum, f) => sum + f.n, 0);
    const instructorOnly = forms.find((f) => f.form === 'instructor_only')?.n ?? 0;
    assert.ok(organized >= 0.3 * DEMO_ENTERPRISES && organized <= 0.5 * DEMO_ENTERPRISES, `${organized}`);
    assert.ok(instructorOnly >= 0.08 * DEMO_ENTERPRISES && instructorOnly <= 0.22 * DEMO_ENTERPRISES);
    assert.ok(forms.length >= 5, 'several forms');
    assert.equal(
      await count("party_organizations WHERE chamber_id IS NOT NULL AND form = 'joint_branch'"),
      3,
    );
  });

  it('keeps the member account on its enterprise, now complete, in 东湖街道商会 and the youth association', async () => {
    const member = rows.find((r) => r.name === DEMO_MEMBER_ENTERPRISE);
    assert.equal(member?.unit, '东湖街道工商联');
    assert.equal(member?.industry_code, '6513');
    assert.equal(member?.name_initials, 'slqdhznkjyxgs');
    const [account] = await query<{ enterprise_id: string }>(
      "SELECT enterprise_id FROM users WHERE username = 'member'",
    );
    assert.equal(account?.enterprise_id, member?.id);
    const chambers = await query<{ name: string; role: string }>(
      `SELECT c.name, m.role FROM chamber_memberships m JOIN org_units c ON c.id = m.chamber_id
        WHERE m.enterprise_id = $1 ORDER BY c.name`,
      [member?.id],
    );
    assert.deepEqual(chambers, [
      { name: '东湖街道商会', role: 'vice_president' },
      { name: '示例区青年创业者协会', role: 'vice_president' },
    ]);
  });

  it('shows the secretary the members of 东湖街道商会, the member only its own enterprise, staff all', async () => {
    const chamberId = await orgUnitId(t, '东湖街道商会');
    const expected = await count('chamber_memberships WHERE chamber_id = $1', [chamberId]);
    const secretary = await t.signIn('secretary');
    const seen = json<Page>(await t.request({ url: '/api/enterprises?pageSize=200', cookie: secretary }));
    assert.equal(seen.total, expected);
    assert.ok(seen.items.some((item) => item.name === DEMO_MEMBER_ENTERPRISE));

    const member = json<Page>(await t.request({ url: '/api/enterprises', cookie: await t.signIn('member') }));
    assert.equal(member.total, 1);
    assert.deepEqual(
      member.items.map((item) => item.name),
      [DEMO_MEMBER_ENTERPRISE],
    );

    const staff = await t.signIn('staff');
    assert.equal(
      json<Page>(await t.request({ url: '/api/enterprises', cookie: staff })).total,
      DEMO_ENTERPRISES,
    );
  });

  it('finds demo members by a traditional-character fragment, by pinyin and by initials', async () => {
    const staff = await t.signIn('staff');
    const search = async (q: string) =>
      json<Page>(
        await t.request({ url: `/api/enterprises?q=${encodeURIComponent(q)}&pageSize=50`, cookie: staff }),
      ).items.map((item) => item.name);
    assert.ok((await search('長樂村鎮銀行')).includes('北京长乐村镇银行股份有限公司'));
    assert.ok((await search('chongqinglaohuoguo')).includes('重庆老火锅（北京）餐饮管理有限公司'));
    assert.ok((await search('bjxzjy')).includes('北京行知教育科技有限公司'));
    assert.ok((await search('長城貿易')).includes('北京长城长乐贸易有限公司'), 'by a former name');
  });
});
