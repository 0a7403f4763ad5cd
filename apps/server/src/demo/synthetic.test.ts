// Tests of the synthetic province generator on a small run beside the demo data: counts, the tree, valid and
// unique codes, search keys equal to what the registry computes, and the API listing it for a province user.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MOBILE_PATTERN, usccProblem } from '@qinqing/shared';
import { searchKeysOf } from '../core/search/search-keys.ts';
import { divisionByCode } from '../reference/divisions.ts';
import { isIndustryClass } from '../reference/industries.ts';
import { createAccount, json, setupTestApp, type TestApp } from '../test/harness.ts';
import { generateSynthetic, SYNTHETIC_PROVINCE, type SyntheticResult } from './synthetic.ts';

const ENTERPRISES = 2000;

describe('synthetic province', () => {
  let t: TestApp;
  let result: SyntheticResult;
  const query = async <T extends object>(sql: string, params: unknown[] = []) =>
    (await t.database.pool.query<T>(sql, params)).rows;
  const inProvince = `(SELECT id FROM org_units WHERE path LIKE (SELECT path FROM org_units WHERE id = $1) || '%')`;

  before(async () => {
    t = await setupTestApp();
    result = await generateSynthetic(t.database.pool, { enterprises: ENTERPRISES, batchSize: 700 });
  });
  after(() => t.close());

  it('builds province → 10 cities → 10 districts each → up to 15 streets each, with chambers', async () => {
    const kinds = await query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM org_units WHERE id IN ${inProvince} GROUP BY kind`,
      [result.provinceId],
    );
    const byKind = Object.fromEntries(kinds.map((k) => [k.kind, k.n]));
    assert.equal(byKind.province, 1);
    assert.equal(byKind.city, 10);
    assert.equal(byKind.district, 100);
    assert.ok(byKind.street! > 1000 && byKind.street! <= 1500, `${byKind.street}`);
    assert.equal(byKind.chamber! + byKind.association!, result.counts.chambers);
    assert.equal(
      Object.values(byKind).reduce((a, b) => a + b, 0),
      result.counts.orgUnits,
    );
    const [profiles] = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM chamber_profiles WHERE org_unit_id IN ${inProvince}`,
      [result.provinceId],
    );
    assert.equal(profiles?.n, result.counts.chambers);
    const [root] = await query<{ name: string; code: string }>(
      'SELECT name, code FROM org_units WHERE id = $1',
      [result.provinceId],
    );
    assert.deepEqual(root, { name: SYNTHETIC_PROVINCE.name, code: SYNTHETIC_PROVINCE.code });
  });

  it('loads the enterprises with valid, unique credit codes and known codes, in their district', async () => {
    const rows = await query<{
      uscc: string;
      industry_code: string;
      division_code: string;
      unit_kind: string;
      unit_code: string;
    }>(
      `SELECT e.uscc, e.industry_code, e.division_code, o.kind AS unit_kind, o.code AS unit_code
         FROM enterprises e JOIN org_units o ON o.id = e.org_unit_id WHERE e.org_unit_id IN ${inProvince}`,
      [result.provinceId],
    );
    assert.equal(rows.length, ENTERPRISES);
    assert.equal(result.counts.enterprises, ENTERPRISES);
    assert.equal(new Set(rows.map((r) => r.uscc)).size, ENTERPRISES);
    for (const r of rows) {
      assert.equal(usccProblem(r.uscc), null, r.uscc);
      assert.ok(isIndustryClass(r.industry_code), r.industry_code);
      assert.equal(divisionByCode(r.division_code)?.level, 'township', r.division_code);
      if (r.unit_kind === 'street') assert.equal(r.division_code, r.unit_code);
      else assert.equal(r.division_code.slice(0, 6), r.unit_code);
      assert.equal(r.uscc.slice(2, 8), r.division_code.slice(0, 6), 'registered in its district');
    }
  });

  it('fills the search keys exactly as the registry computes them for each name', async () => {
    const rows = await query<{
      name: string;
      search_name: string;
      search_bigrams: string[];
      name_pinyin: string;
      name_initials: string;
      sort_key: string;
    }>(
      `SELECT name, search_name, search_bigrams, name_pinyin, name_initials, sort_key FROM enterprises
        WHERE org_unit_id IN ${inProvince}`,
      [result.provinceId],
    );
    for (const r of rows) {
      assert.ok(r.name_pinyin !== '' && r.name_initials !== '' && r.search_bigrams.length > 0, r.name);
      assert.deepEqual(
        {
          searchName: r.search_name,
          searchBigrams: [...r.search_bigrams].sort(),
          namePinyin: r.name_pinyin,
          nameInitials: r.name_initials,
          sortKey: r.sort_key,
        },
        (({ searchBigrams, ...keys }) => ({ ...keys, searchBigrams: [...searchBigrams].sort() }))(
          searchKeysOf(r.name),
        ),
        r.name,
      );
    }
  });

  it('adds contacts for a share, chamber memberships and party organizations', async () => {
    const [counts] = await query<{
      contacts: number;
      memberships: number;
      party: number;
      bad_mobiles: number;
    }>(
      `SELECT (SELECT count(*)::int FROM enterprise_contacts c JOIN enterprises e ON e.id = c.enterprise_id
                WHERE e.org_unit_id IN ${inProvince}) AS contacts,
              (SELECT count(*)::int FROM chamber_memberships m WHERE m.chamber_id IN ${inProvince}) AS memberships,
              (SELECT count(*)::int FROM party_organizations p WHERE p.org_unit_id IN ${inProvince}) AS party,
              (SELECT count(*)::int FROM enterprise_contacts WHERE mobile !~ $2) AS bad_mobiles`,
      [result.provinceId, MOBILE_PATTERN.source],
    );
    assert.deepEqual(counts, {
      contacts: result.counts.contacts,
      memberships: result.counts.memberships,
      party: result.counts.partyOrganizations,
      bad_mobiles: 0,
    });
    assert.ok(counts.contacts > 0.3 * ENTERPRISES && counts.contacts < 0.7 * ENTERPRISES);
    assert.ok(counts.memberships > 0.6 * ENTERPRISES);
    assert.ok(counts.party > 0.35 * ENTERPRISES && counts.party < 0.75 * ENTERPRISES);
    // A street chamber's members are registered in that street.
    const [misplaced] = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM chamber_memberships m JOIN org_units c ON c.id = m.chamber_id
         JOIN enterprises e ON e.id = m.enterprise_id
        WHERE c.id IN ${inProvince} AND c.parent_id IN (SELECT id FROM org_units WHERE kind = 'street')
          AND e.org_unit_id <> c.parent_id`,
      [result.provinceId],
    );
    assert.equal(misplaced?.n, 0);
  });

  it('refuses a second run into the same database and writes nothing', async () => {
    const before = await query<{ n: number }>('SELECT count(*)::int AS n FROM enterprises');
    await assert.rejects(generateSynthetic(t.database.pool, { enterprises: 10 }), /already exists/);
    assert.deepEqual(await query('SELECT count(*)::int AS n FROM enterprises'), before);
  });

  it('is listed and searched through the API by a province-level staff member', async () => {
    await createAccount(t, {
      username: 'province-staff',
      orgUnitId: result.provinceId,
      roles: ['federation_staff'],
    });
    const cookie = await t.signIn('province-staff');
    const page = json<{ total: number; items: { name: string }[] }>(
      await t.request({ url: '/api/enterprises?pageSize=5', cookie }),
    );
    assert.equal(page.total, ENTERPRISES, 'the demo district lies outside the province');
    const [sample] = await query<{ name: string; name_initials: string }>(
      `SELECT name, name_initials FROM enterprises WHERE org_unit_id IN ${inProvince} ORDER BY uscc LIMIT 1`,
      [result.provinceId],
    );
    const byInitials = json<{ items: { name: string }[] }>(
      await t.request({ url: `/api/enterprises?q=${sample!.name_initials}&pageSize=50`, cookie }),
    );
    assert.ok(byInitials.items.some((item) => item.name === sample!.name));
  });
});
