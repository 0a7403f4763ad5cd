// 惠企政策 conditions: the SQL the enterprise's list (适合我的政策) filters the published policies with,
// fitsSql, says of every condition list what judge() says — for each kind of condition and op, facts that meet
// it and facts that do not (nothing registered at all among them), a section letter standing for its
// divisions, and lists of several conditions — and lets through what it cannot judge (manual conditions).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PolicyCondition } from '@qinqing/shared';
import { sql } from 'drizzle-orm';
import { connect, type Database } from '../../db/connection.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { fitsSql, judgeAll, type EnterpriseFacts } from './conditions.ts';

const CHAMBER = '0b8f4b2e-6a59-4d53-9d3e-3c2f1a7e5d10';
const OTHER_CHAMBER = '5e1d7c3a-2b4f-4e8a-9c6d-7f0a1b2c3d4e';

const FACTS: Record<string, EnterpriseFacts> = {
  full: {
    industryCode: '1311',
    size: 'small',
    divisionCode: '110105',
    tags: ['高新技术企业', '专精特新'],
    foundedOn: '2012-05-01',
    membershipStatus: 'active',
    chambers: new Map([[CHAMBER, '基准商会']]),
    hasPartyOrganization: true,
  },
  other: {
    industryCode: '6513',
    size: 'large',
    divisionCode: '320102',
    tags: ['保供企业'],
    foundedOn: '2010-01-01',
    membershipStatus: 'suspended',
    chambers: new Map(),
    hasPartyOrganization: false,
  },
  // An industry code whose division the reference does not know: no section letter stands for it.
  unknownDivision: {
    industryCode: '9999',
    size: 'micro',
    divisionCode: '11',
    tags: [],
    foundedOn: '1999-12-31',
    membershipStatus: 'active',
    chambers: new Map([[OTHER_CHAMBER, '另一商会']]),
    hasPartyOrganization: false,
  },
  nothing: {
    industryCode: null,
    size: null,
    divisionCode: null,
    tags: [],
    foundedOn: null,
    membershipStatus: 'active',
    chambers: new Map(),
    hasPartyOrganization: false,
  },
};

const SINGLE: PolicyCondition[] = [
  { field: 'industry', op: 'prefix', values: ['13'] },
  { field: 'industry', op: 'prefix', values: ['1311'] },
  { field: 'industry', op: 'prefix', values: ['65', '72'] },
  { field: 'industry', op: 'prefix', values: ['C'] },
  { field: 'industry', op: 'prefix', values: ['I', 'A'] },
  { field: 'industry', op: 'prefix', values: ['99'] },
  { field: 'division', op: 'prefix', values: ['11'] },
  { field: 'division', op: 'prefix', values: ['1101', '3201'] },
  { field: 'division', op: 'prefix', values: ['44'] },
  { field: 'size', op: 'in', values: ['small', 'micro'] },
  { field: 'size', op: 'in', values: ['large'] },
  { field: 'status', op: 'in', values: ['active'] },
  { field: 'status', op: 'in', values: ['suspended', 'lapsed'] },
  { field: 'tag', op: 'in', values: ['高新技术企业'] },
  { field: 'tag', op: 'in', values: ['保供企业', '专精特新'] },
  { field: 'tag', op: 'in', values: ['瞪羚企业'] },
  { field: 'founded', op: 'after', values: ['2010-01-01'] },
  { field: 'founded', op: 'before', values: ['2010-01-01'] },
  { field: 'founded', op: 'before', values: ['2012-05-02'] },
  { field: 'chamber', op: 'in', values: [CHAMBER] },
  { field: 'chamber', op: 'in', values: [OTHER_CHAMBER, CHAMBER] },
  { field: 'partyOrganization', op: 'is', values: [true] },
  { field: 'partyOrganization', op: 'is', values: [false] },
  { field: 'manual', op: 'text', values: ['近三年无重大安全生产事故'] },
] as PolicyCondition[];

/** No conditions, each one alone, and each next to the one after it. */
const LISTS: PolicyCondition[][] = [
  [],
  ...SINGLE.map((condition) => [condition]),
  ...SINGLE.map((condition, i) => [condition, SINGLE[(i + 1) % SINGLE.length]!]),
  SINGLE.filter((condition) => condition.field === 'manual' || condition.field === 'size').slice(0, 2),
];

describe('policies: fitsSql agrees with judge()', () => {
  let testDb: TestDatabase;
  let database: Database;

  before(async () => {
    testDb = await createTestDatabase();
    database = connect(testDb.url, 2);
  });
  after(async () => {
    await database.close();
    await testDb.drop();
  });

  for (const [name, facts] of Object.entries(FACTS)) {
    it(`for an enterprise with ${name} facts`, async () => {
      const { rows } = await database.db.execute<{ i: number; fits: boolean }>(
        sql`SELECT l.i::int AS i, ${fitsSql(sql`l.conditions`, facts)} AS fits
              FROM jsonb_array_elements(${JSON.stringify(LISTS)}::jsonb) WITH ORDINALITY AS l(conditions, i)
             ORDER BY l.i`,
      );
      assert.equal(rows.length, LISTS.length);
      let fitting = 0;
      for (const row of rows) {
        const list = LISTS[row.i - 1]!;
        const judged = judgeAll(list, facts).every((reason) => reason.met);
        assert.equal(row.fits, judged, `${name}: ${JSON.stringify(list)}`);
        if (judged) fitting++;
      }
      // Both answers occur for every set of facts: the comparison is not all one way.
      assert.ok(fitting > 0 && fitting < LISTS.length, `${name}: ${fitting} of ${LISTS.length} fit`);
    });
  }
});
