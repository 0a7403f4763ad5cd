// 捐赠统计 by chamber from the rollups (migration 0050) against the records: after random donations written,
// moved through their states, changed and deleted, memberships added, ended and moved, and party organizations
// moved, the figures by chamber read from the rollups (whole months) and the records (the days around them)
// equal those read from the records alone, for whole and partial periods, the district and a street; the
// rollup rows equal a rebuild; and a trigger left out is seen (the comparison can fail).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { DonationStats } from '@qinqing/shared';
import { SeededRandom } from '../../demo/registry-words.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { splitPeriod } from '../appeal-stats/service.ts';
import { orgUnitId, setupTestApp, type TestApp } from '../../test/harness.ts';
import { chamberTotals, type GroupRow } from './repository.ts';

const PERIODS = [
  { from: '2026-01-01', to: '2026-12-31' },
  { from: '2026-04-01', to: '2026-06-30' },
  { from: '2026-02-14', to: '2026-09-03' },
  { from: '2026-03-05', to: '2026-03-25' },
  { from: '2025-12-20', to: '2026-01-31' },
];
const STATES = ['pledged', 'received', 'acknowledged', 'voided'] as const;

type Unit = { id: string; path: string };
type Donor =
  | { column: 'donor_enterprise_id'; id: string; orgUnitId: string }
  | { column: 'donor_chamber_id'; id: string; orgUnitId: string }
  | { column: 'donor_party_organization_id'; id: string; orgUnitId: string };

const sorted = (rows: GroupRow[]) =>
  rows
    .map((row) => ({ key: row.key, count: row.count, fen: row.fen, directed: row.directed_fen }))
    .sort((a, b) => a.key.localeCompare(b.key));

async function fromRollups(db: DbOrTx, unit: Unit, period: { from: string; to: string }) {
  const split = splitPeriod(period.from, period.to, 'rollups');
  return sorted(await chamberTotals(db, unit, { months: split.months, days: split.days }, undefined));
}
const fromRecords = async (db: DbOrTx, unit: Unit, period: { from: string; to: string }) =>
  sorted(await chamberTotals(db, unit, { months: null, days: [period] }, undefined));

describe('donation figures by chamber: the rollups against the records', () => {
  let t: TestApp;
  let cookie: string;
  let district: Unit;
  let street: Unit;
  let enterprises: { id: string; orgUnitId: string }[];
  let chambers: string[];
  let partyOrganizations: {
    id: string;
    orgUnitId: string;
    enterpriseId: string | null;
    chamberId: string | null;
  }[];
  const rng = new SeededRandom(20261206);

  const rows = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
    (await t.database.db.execute<T>(query)).rows;
  const unitOf = async (name: string): Promise<Unit> => {
    const id = await orgUnitId(t, name);
    const [row] = await rows<{ path: string }>(sql`SELECT path FROM org_units WHERE id = ${id}`);
    return { id, path: row!.path };
  };

  /** Every period, the district and the street: rollups + records equal the records alone. */
  async function assertAgree(db: DbOrTx = t.database.db, message = '') {
    for (const unit of [district, street]) {
      for (const period of PERIODS) {
        assert.deepEqual(
          await fromRollups(db, unit, period),
          await fromRecords(db, unit, period),
          `${message} ${unit.path} ${period.from}…${period.to}`,
        );
      }
    }
  }

  const randomDonor = (): Donor => {
    const roll = rng.next();
    if (roll < 0.6) {
      const e = rng.pick(enterprises);
      return { column: 'donor_enterprise_id', id: e.id, orgUnitId: e.orgUnitId };
    }
    if (roll < 0.75) {
      const chamber = rng.pick(chambers);
      return { column: 'donor_chamber_id', id: chamber, orgUnitId: chamber };
    }
    const po = rng.pick(partyOrganizations);
    return { column: 'donor_party_organization_id', id: po.id, orgUnitId: po.orgUnitId };
  };
  const randomDay = () => {
    const month = rng.between(1, 12);
    return `${month === 12 && rng.chance(0.3) ? 2025 : 2026}-${String(month).padStart(2, '0')}-${String(rng.between(1, 28)).padStart(2, '0')}`;
  };

  async function insertDonation(): Promise<string> {
    const donor = randomDonor();
    const state = rng.pick(STATES);
    const directed = rng.chance(0.3);
    const [row] = await rows<{ id: string }>(sql`
      INSERT INTO donations (org_unit_id, ${sql.raw(donor.column)}, donor_name, kind, amount_fen, channel,
        directed, directed_to, donated_on, state, voided_at)
      VALUES (${donor.orgUnitId}, ${donor.id}, '测试捐赠人', 'cash', ${rng.between(1, 5_000_000)}, 'direct',
        ${directed}, ${directed ? '对口帮扶县' : null}, ${randomDay()}, ${state},
        ${state === 'voided' ? sql`now()` : sql`NULL`})
      RETURNING id`);
    return row!.id;
  }

  before(async () => {
    t = await setupTestApp();
    cookie = await t.sessionFor(await t.userId('staff'));
    district = await unitOf('示例区工商联');
    street = await unitOf('东湖街道工商联');
    enterprises = (
      await rows<{ id: string; org_unit_id: string }>(sql`SELECT e.id, e.org_unit_id FROM enterprises e
        JOIN org_units u ON u.id = e.org_unit_id
        WHERE u.path LIKE ${district.path + '%'} AND e.merged_into_id IS NULL ORDER BY e.id LIMIT 60`)
    ).map((row) => ({ id: row.id, orgUnitId: row.org_unit_id }));
    chambers = (
      await rows<{ id: string }>(sql`SELECT id FROM org_units
        WHERE kind IN ('chamber', 'association') AND path LIKE ${district.path + '%'} ORDER BY id`)
    ).map((row) => row.id);
    partyOrganizations = (
      await rows<{
        id: string;
        org_unit_id: string;
        enterprise_id: string | null;
        chamber_id: string | null;
      }>(
        sql`SELECT po.id, po.org_unit_id, po.enterprise_id, po.chamber_id FROM party_organizations po
          JOIN org_units u ON u.id = po.org_unit_id WHERE u.path LIKE ${district.path + '%'} ORDER BY po.id`,
      )
    ).map((row) => ({
      id: row.id,
      orgUnitId: row.org_unit_id,
      enterpriseId: row.enterprise_id,
      chamberId: row.chamber_id,
    }));
    assert.ok(enterprises.length >= 20 && chambers.length >= 3, 'the demo district has members and chambers');
    assert.ok(
      partyOrganizations.some((po) => po.enterpriseId) && partyOrganizations.some((po) => po.chamberId),
    );
  });
  after(() => t.close());

  it('agree after random donations, state changes, edits, deletes and membership changes', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) ids.push(await insertDonation());
    await assertAgree(t.database.db, 'after inserts');
    const { count } = (
      await rows<{ count: number }>(sql`SELECT count(*)::int AS count FROM donation_chamber_rollups`)
    )[0]!;
    assert.ok(count > 20, 'the rollups hold rows');

    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 40; i++) {
        const id = rng.pick(ids);
        const roll = rng.next();
        if (roll < 0.35) {
          const state = rng.pick(STATES);
          await t.database.db.execute(sql`UPDATE donations SET state = ${state},
            voided_at = ${state === 'voided' ? sql`coalesce(voided_at, now())` : sql`NULL`}, version = version + 1
            WHERE id = ${id}`);
        } else if (roll < 0.5) {
          await t.database.db.execute(
            sql`UPDATE donations SET amount_fen = ${rng.between(1, 9_000_000)}, directed = NOT directed,
              directed_to = CASE WHEN directed THEN NULL ELSE '对口帮扶县' END WHERE id = ${id}`,
          );
        } else if (roll < 0.65) {
          await t.database.db.execute(sql`UPDATE donations SET donated_on = ${randomDay()} WHERE id = ${id}`);
        } else if (roll < 0.8) {
          const donor = randomDonor();
          const as = (column: Donor['column']) => (donor.column === column ? donor.id : null);
          await t.database.db
            .execute(sql`UPDATE donations SET donor_enterprise_id = ${as('donor_enterprise_id')},
            donor_chamber_id = ${as('donor_chamber_id')},
            donor_party_organization_id = ${as('donor_party_organization_id')}, org_unit_id = ${donor.orgUnitId},
            party_member_count = NULL WHERE id = ${id}`);
        } else if (roll < 0.88) {
          await t.database.db.execute(sql`DELETE FROM donations WHERE id = ${id}`);
          ids.splice(ids.indexOf(id), 1);
        } else {
          ids.push(await insertDonation());
        }
      }
      // Memberships: some end, some start (several in one statement), one moves to another chamber.
      await t.database.db.execute(sql`DELETE FROM chamber_memberships WHERE (chamber_id, enterprise_id) IN (
        SELECT chamber_id, enterprise_id FROM chamber_memberships
        WHERE enterprise_id = ANY (${sql.param(enterprises.map((e) => e.id))}::uuid[])
        ORDER BY md5(chamber_id::text || enterprise_id::text || ${round}) LIMIT 3)`);
      const joining = Array.from(
        { length: 4 },
        () => [rng.pick(chambers), rng.pick(enterprises).id] as const,
      );
      await t.database.db.execute(sql`INSERT INTO chamber_memberships (chamber_id, enterprise_id)
        SELECT DISTINCT j.chamber_id, j.enterprise_id FROM unnest(
          ${sql.param(joining.map((j) => j[0]))}::uuid[], ${sql.param(joining.map((j) => j[1]))}::uuid[]
        ) AS j (chamber_id, enterprise_id)
        ON CONFLICT DO NOTHING`);
      const target = rng.pick(chambers);
      await t.database.db.execute(sql`UPDATE chamber_memberships m SET chamber_id = ${target}
        WHERE (m.chamber_id, m.enterprise_id) = (
            SELECT chamber_id, enterprise_id FROM chamber_memberships
            WHERE enterprise_id = ANY (${sql.param(enterprises.map((e) => e.id))}::uuid[])
            ORDER BY md5(enterprise_id::text || ${round}) LIMIT 1)
          AND NOT EXISTS (SELECT 1 FROM chamber_memberships m2
            WHERE m2.chamber_id = ${target} AND m2.enterprise_id = m.enterprise_id)`);
      // A party organization moves from one enterprise to another, or between a chamber and an enterprise.
      const po = rng.pick(partyOrganizations);
      if (rng.chance(0.5)) {
        await t.database.db.execute(sql`UPDATE party_organizations
          SET enterprise_id = ${rng.pick(enterprises).id}, chamber_id = NULL WHERE id = ${po.id}`);
      } else {
        await t.database.db.execute(sql`UPDATE party_organizations
          SET chamber_id = ${rng.pick(chambers)}, enterprise_id = NULL WHERE id = ${po.id}`);
      }
      await assertAgree(t.database.db, `round ${round}`);
    }
  });

  it('moves an enterprise’s confirmed donations with its membership, and the API answers the same', async () => {
    // What an enterprise gives counts under its chambers, and so does what its party organizations give.
    const givenBy = (enterprise: ReturnType<typeof sql>) => sql`(d.donor_enterprise_id = ${enterprise}
      OR d.donor_party_organization_id IN (SELECT po.id FROM party_organizations po WHERE po.enterprise_id = ${enterprise}))
      AND d.state IN ('received', 'acknowledged') AND d.donated_on BETWEEN '2026-01-01' AND '2026-12-31'
      AND d.org_unit_id IN (SELECT id FROM org_units WHERE path LIKE ${district.path + '%'})`;
    const [member] = await rows<{ enterprise_id: string; chamber_id: string }>(sql`
      SELECT m.enterprise_id, m.chamber_id FROM chamber_memberships m JOIN org_units c ON c.id = m.chamber_id
      WHERE c.path LIKE ${district.path + '%'}
        AND EXISTS (SELECT 1 FROM donations d WHERE ${givenBy(sql`m.enterprise_id`)})
      ORDER BY 1, 2 LIMIT 1`);
    assert.ok(member, 'a member enterprise gave this year');
    const year = PERIODS[0]!;
    const chamberFen = async () =>
      (await fromRollups(t.database.db, district, year)).find((row) => row.key === member.chamber_id)?.fen ??
      '0';
    const [given] = await rows<{ fen: string }>(
      sql`SELECT sum(d.amount_fen)::text AS fen FROM donations d WHERE ${givenBy(sql`${member.enterprise_id}::uuid`)}`,
    );
    const before = BigInt(await chamberFen());
    await t.database.db.execute(sql`DELETE FROM chamber_memberships
      WHERE chamber_id = ${member.chamber_id} AND enterprise_id = ${member.enterprise_id}`);
    assert.equal(BigInt(await chamberFen()), before - BigInt(given!.fen), 'leaving takes its donations out');
    await t.database.db.execute(sql`INSERT INTO chamber_memberships (chamber_id, enterprise_id)
      VALUES (${member.chamber_id}, ${member.enterprise_id})`);
    assert.equal(BigInt(await chamberFen()), before, 'joining puts them back');

    const response = await t.request({
      url: `/api/donations/stats?groupBy=chamber&from=${year.from}&to=${year.to}`,
      cookie,
    });
    assert.equal(response.statusCode, 200, response.body);
    const stats = response.json() as DonationStats;
    const records = await fromRecords(t.database.db, district, year);
    assert.deepEqual(
      stats.items.map((item) => item.key).sort(),
      records.map((row) => row.key),
    );
    assert.ok(records.length > 0);
  });

  it('holds the rows a rebuild from the records makes', async () => {
    const snapshot = sql`SELECT org_unit_id, month::text, chamber_id, donations, amount_fen::text, directed_fen::text
      FROM donation_chamber_rollups ORDER BY 1, 2, 3`;
    await t.database.db
      .transaction(async (tx) => {
        const kept = (await tx.execute(snapshot)).rows;
        await tx.execute(sql`SELECT rebuild_donation_chamber_rollups()`);
        assert.deepEqual(kept, (await tx.execute(snapshot)).rows);
        assert.ok(kept.length > 0);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
  });

  it('sees a trigger left out: a membership added without it makes the rollups disagree', async () => {
    await t.database.db
      .transaction(async (tx) => {
        await tx.execute(
          sql`ALTER TABLE chamber_memberships DISABLE TRIGGER donation_chamber_rollups_membership_insert`,
        );
        const [giver] = (
          await tx.execute<{ enterprise_id: string; chamber_id: string }>(sql`
            SELECT d.donor_enterprise_id AS enterprise_id, c.id AS chamber_id
            FROM donations d CROSS JOIN org_units c
            WHERE d.donor_enterprise_id IS NOT NULL AND d.state IN ('received', 'acknowledged')
              AND d.donated_on BETWEEN '2026-01-01' AND '2026-12-31'
              AND c.id = ANY (${sql.param(chambers)}::uuid[])
              AND NOT EXISTS (SELECT 1 FROM chamber_memberships m
                WHERE m.chamber_id = c.id AND m.enterprise_id = d.donor_enterprise_id)
            ORDER BY 1, 2 LIMIT 1`)
        ).rows;
        assert.ok(giver);
        await tx.execute(sql`INSERT INTO chamber_memberships (chamber_id, enterprise_id)
          VALUES (${giver.chamber_id}, ${giver.enterprise_id})`);
        await assert.rejects(assertAgree(tx), assert.AssertionError);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    await assertAgree(t.database.db, 'after the rollback');
  });
});

class Rollback extends Error {}
