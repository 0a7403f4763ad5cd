// 捐赠统计的合计行 from the counts kept by writes (migration 0057) against the records: after random donations
// written, confirmed, voided, re-dated, moved to another unit or donor, changed in amount, kind and channel,
// deleted — one at a time and several in one statement, then by four writers at once — the total line
// (donations, amount, cash, in kind, directed, distinct donors) of every calendar month, quarter and year
// read from the kept counts equals the one recounted from the records, for the demo's root, the district, a
// street and a chamber; the kept rows equal a rebuild; the stats endpoint and the measures answer the same;
// and a write the triggers did not see is caught (the comparison can fail).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { DonationStats, MeasureValues } from '@qinqing/shared';
import { fenToYuan } from '@qinqing/shared';
import { SeededRandom } from '../../demo/registry-words.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { orgUnitId, setupTestApp, type TestApp } from '../../test/harness.ts';
import { groupedTotals, subtreeTotals, type GroupRow } from './repository.ts';
import { splitPeriod } from '../appeal-stats/service.ts';

const STATES = ['pledged', 'received', 'acknowledged', 'voided'] as const;
const KINDS = ['cash', 'goods', 'services', 'rent_reduction'] as const;
const CHANNELS = ['foundation', 'charity', 'direct'] as const;
/** Just past 2^53 fen: a double would lose the last fen. */
const HUGE_FEN = '9007199254740993';

type Unit = { id: string; path: string };
type Donor = { column: string; id: string; orgUnitId: string };

/** Every calendar month, quarter and year of 2025-12…2026-12 the kept counts serve. */
function calendarPeriods(): { from: string; to: string }[] {
  const last = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const periods = [
    { from: '2025-12-01', to: '2025-12-31' },
    { from: '2025-10-01', to: '2025-12-31' },
    { from: '2025-01-01', to: '2025-12-31' },
    { from: '2026-01-01', to: '2026-12-31' },
  ];
  for (let m = 1; m <= 12; m++)
    periods.push({ from: `2026-${String(m).padStart(2, '0')}-01`, to: last(2026, m) });
  for (let q = 0; q < 4; q++) {
    periods.push({ from: `2026-${String(q * 3 + 1).padStart(2, '0')}-01`, to: last(2026, q * 3 + 3) });
  }
  return periods;
}
const PERIODS = calendarPeriods();
/** The groupings' periods: whole ones, and partial months around whole ones (read from the records). */
const GROUPED_PERIODS = [
  { from: '2026-01-01', to: '2026-12-31' },
  { from: '2026-04-01', to: '2026-06-30' },
  { from: '2025-12-01', to: '2025-12-31' },
  { from: '2026-02-14', to: '2026-09-03' },
  { from: '2026-03-05', to: '2026-03-25' },
  { from: '2025-12-20', to: '2026-01-31' },
];
const GROUPINGS = ['campaign', 'kind', 'channel', 'month', 'orgUnit'] as const;
const byKey = (rows: GroupRow[]) => [...rows].sort((a, b) => a.key.localeCompare(b.key));

describe('the donations total line: counts kept by writes against the records', () => {
  let t: TestApp;
  let cookie: string;
  let root: Unit;
  let district: Unit;
  let street: Unit;
  let chamber: Unit;
  let units: string[];
  let donors: Donor[];
  let campaigns: (string | null)[];
  const rng = new SeededRandom(20261215);

  const rows = async <T extends Record<string, unknown>>(
    query: ReturnType<typeof sql>,
    db: DbOrTx = t.database.db,
  ) => (await db.execute<T>(query)).rows;
  const unitOf = async (id: string): Promise<Unit> => {
    const [row] = await rows<{ path: string }>(sql`SELECT path FROM org_units WHERE id = ${id}`);
    return { id, path: row!.path };
  };

  /** The total lines of the periods, for every unit: the kept counts equal the records. */
  async function assertTotalsAgree(periods: { from: string; to: string }[], message: string) {
    for (const unit of [root, district, street, chamber]) {
      for (const period of periods) {
        const scope = { orgPath: unit.path };
        assert.deepEqual(
          await subtreeTotals(t.database.db, scope, period, 'kept'),
          await subtreeTotals(t.database.db, scope, period, 'records'),
          `${message} ${unit.path} ${period.from}…${period.to}`,
        );
      }
    }
  }

  /** Every unit and calendar period, and every grouping: the kept counts equal the records. */
  async function assertAgree(db: DbOrTx = t.database.db, message = '') {
    for (const unit of [root, district, street, chamber]) {
      const named = { ...unit, name: '' };
      for (const period of GROUPED_PERIODS) {
        const split = splitPeriod(period.from, period.to, 'rollups');
        for (const groupBy of GROUPINGS) {
          assert.deepEqual(
            byKey(
              await groupedTotals(db, named, { months: split.months, days: split.days }, groupBy, undefined),
            ),
            byKey(await groupedTotals(db, named, { months: null, days: [period] }, groupBy, undefined)),
            `${message} ${unit.path} ${period.from}…${period.to} by ${groupBy}`,
          );
        }
      }
      for (const period of PERIODS) {
        const scope = { orgPath: unit.path };
        assert.deepEqual(
          await subtreeTotals(db, scope, period, 'kept'),
          await subtreeTotals(db, scope, period, 'records'),
          `${message} ${unit.path} ${period.from}…${period.to}`,
        );
      }
    }
  }

  const randomDay = () => {
    const month = rng.between(1, 12);
    const year = month >= 10 && rng.chance(0.3) ? 2025 : 2026;
    return `${year}-${String(month).padStart(2, '0')}-${String(rng.between(1, 28)).padStart(2, '0')}`;
  };
  /** Mostly the donor's own unit; now and then another unit of the district (a donor that moved). */
  const unitFor = (donor: Donor) => (rng.chance(0.15) ? rng.pick(units) : donor.orgUnitId);
  const amount = () => (rng.chance(0.02) ? HUGE_FEN : String(rng.between(1, 5_000_000)));

  const donationValues = (donor: Donor) => {
    const state = rng.pick(STATES);
    const kind = rng.pick(KINDS);
    const directed = rng.chance(0.3);
    return sql`(${unitFor(donor)}::uuid, ${donor.column === 'donor_enterprise_id' ? donor.id : null}::uuid,
      ${donor.column === 'donor_person_id' ? donor.id : null}::uuid,
      ${donor.column === 'donor_chamber_id' ? donor.id : null}::uuid,
      ${donor.column === 'donor_party_organization_id' ? donor.id : null}::uuid,
      ${rng.pick(campaigns)}::uuid, '测试捐赠人', ${kind}, ${amount()}::bigint,
      ${kind === 'goods' ? '[{"name":"物资","quantity":1}]' : '[]'}::jsonb,
      ${kind === 'rent_reduction' ? 2 : null}::int, ${kind === 'rent_reduction' ? 3 : null}::int,
      ${rng.pick(CHANNELS)}, ${directed}, ${directed ? '对口帮扶县' : null}, ${randomDay()}::date, ${state},
      ${state === 'voided' ? sql`now()` : sql`NULL`}::timestamptz)`;
  };
  /** `count` donations in one statement, of one donor or of several. */
  async function insertDonations(
    count: number,
    db: DbOrTx = t.database.db,
    oneDonor = false,
  ): Promise<string[]> {
    const donor = rng.pick(donors);
    const values = Array.from({ length: count }, () => donationValues(oneDonor ? donor : rng.pick(donors)));
    return (
      await rows<{ id: string }>(
        sql`INSERT INTO donations (org_unit_id, donor_enterprise_id, donor_person_id, donor_chamber_id,
          donor_party_organization_id, campaign_id, donor_name, kind, amount_fen, items, rent_tenants, rent_months, channel,
          directed, directed_to, donated_on, state, voided_at)
        VALUES ${sql.join(values, sql`, `)} RETURNING id`,
        db,
      )
    ).map((row) => row.id);
  }

  /** One random write of one donation (the app's writes are one at a time). */
  async function writeOne(ids: string[], db: DbOrTx) {
    const id = rng.pick(ids);
    const roll = rng.next();
    if (roll < 0.3) {
      const state = rng.pick(STATES);
      await db.execute(sql`UPDATE donations SET state = ${state},
        voided_at = ${state === 'voided' ? sql`coalesce(voided_at, now())` : sql`NULL`}, version = version + 1
        WHERE id = ${id}`);
    } else if (roll < 0.42) {
      await db.execute(sql`UPDATE donations SET amount_fen = ${amount()}::bigint, directed = NOT directed,
        directed_to = CASE WHEN directed THEN NULL ELSE '对口帮扶县' END WHERE id = ${id}`);
    } else if (roll < 0.5) {
      await db.execute(sql`UPDATE donations SET channel = ${rng.pick(CHANNELS)}, campaign_id = ${rng.pick(campaigns)},
        kind = CASE WHEN kind = 'cash' THEN 'services' WHEN kind = 'services' THEN 'cash' ELSE kind END
        WHERE id = ${id}`);
    } else if (roll < 0.62) {
      await db.execute(sql`UPDATE donations SET donated_on = ${randomDay()} WHERE id = ${id}`);
    } else if (roll < 0.7) {
      await db.execute(sql`UPDATE donations SET org_unit_id = ${rng.pick(units)} WHERE id = ${id}`);
    } else if (roll < 0.8) {
      const donor = rng.pick(donors);
      const as = (column: string) => (donor.column === column ? donor.id : null);
      await db.execute(sql`UPDATE donations SET donor_enterprise_id = ${as('donor_enterprise_id')},
        donor_person_id = ${as('donor_person_id')}, donor_chamber_id = ${as('donor_chamber_id')},
        donor_party_organization_id = ${as('donor_party_organization_id')}, org_unit_id = ${unitFor(donor)},
        party_member_count = NULL WHERE id = ${id}`);
    } else if (roll < 0.85) {
      // Nothing the figures count: the trigger ends after its join.
      await db.execute(sql`UPDATE donations SET recipient = 'xx', version = version + 1 WHERE id = ${id}`);
    } else if (roll < 0.92) {
      await db.execute(sql`DELETE FROM donations WHERE id = ${id}`);
      if (ids.includes(id)) ids.splice(ids.indexOf(id), 1);
    } else {
      ids.push(...(await insertDonations(1, db)));
    }
  }

  before(async () => {
    t = await setupTestApp();
    cookie = await t.sessionFor(await t.userId('staff'));
    district = await unitOf(await orgUnitId(t, '示例区工商联'));
    street = await unitOf(await orgUnitId(t, '东湖街道工商联'));
    root = await unitOf(district.path.split('/').filter(Boolean)[0]!);
    units = (
      await rows<{ id: string }>(
        sql`SELECT id FROM org_units WHERE path LIKE ${district.path + '%'} ORDER BY id`,
      )
    ).map((row) => row.id);
    const inDistrict = sql`JOIN org_units u ON u.id = x.org_unit_id AND u.path LIKE ${district.path + '%'}`;
    donors = (
      await rows<{ column: string; id: string; org_unit_id: string }>(sql`
        (SELECT 'donor_enterprise_id' AS column, x.id, x.org_unit_id FROM enterprises x ${inDistrict}
          WHERE x.merged_into_id IS NULL ORDER BY x.id LIMIT 40)
        UNION ALL (SELECT 'donor_person_id', x.id, x.org_unit_id FROM people x ${inDistrict} ORDER BY x.id LIMIT 10)
        UNION ALL (SELECT 'donor_chamber_id', x.id, x.id FROM org_units x
          WHERE x.path LIKE ${district.path + '%'} AND x.kind IN ('chamber', 'association') ORDER BY x.id LIMIT 6)
        UNION ALL (SELECT 'donor_party_organization_id', x.id, x.org_unit_id FROM party_organizations x ${inDistrict}
          ORDER BY x.id LIMIT 10)`)
    ).map((row) => ({ column: row.column, id: row.id, orgUnitId: row.org_unit_id }));
    campaigns = [
      null,
      ...(await rows<{ id: string }>(sql`SELECT id FROM donation_campaigns ORDER BY id`)).map(
        (row) => row.id,
      ),
    ];
    assert.ok(campaigns.length >= 3, 'the demo has campaigns');
    const chambers = donors.filter((d) => d.column === 'donor_chamber_id');
    assert.ok(
      chambers.length >= 2 && donors.some((d) => d.column === 'donor_person_id'),
      'the demo has donors',
    );
    chamber = await unitOf(chambers[0]!.id);
    assert.ok(street.path.startsWith(district.path) && district.path.startsWith(root.path));
  });
  after(() => t.close());

  it('agree after random writes, one at a time and several in one statement', async () => {
    const ids = await insertDonations(150);
    for (let i = 0; i < 20; i++)
      ids.push(...(await insertDonations(rng.between(1, 6), t.database.db, rng.chance(0.5))));
    await assertAgree(t.database.db, 'after inserts');
    const [kept] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM donation_subtree_donors`);
    assert.ok(kept!.n > 50, 'the counts hold rows');

    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 40; i++) await writeOne(ids, t.database.db);
      // Several donations of one donor in one statement: confirmed together, re-dated together, given to
      // another donor (a merge), deleted together.
      const donor = rng.pick(donors);
      const ofDonor = sql.raw(donor.column);
      switch (round % 4) {
        case 0:
          await t.database.db.execute(sql`UPDATE donations SET state = 'received', voided_at = NULL
            WHERE ${ofDonor} = ${donor.id} AND state = 'pledged'`);
          break;
        case 1:
          await t.database.db.execute(sql`UPDATE donations SET donated_on = donated_on + 20
            WHERE ${ofDonor} = ${donor.id}`);
          break;
        case 2: {
          const to = rng.pick(donors.filter((d) => d.column === 'donor_enterprise_id'));
          await t.database.db.execute(sql`UPDATE donations SET donor_enterprise_id = ${to.id},
            donor_person_id = NULL, donor_chamber_id = NULL, donor_party_organization_id = NULL,
            party_member_count = NULL WHERE ${ofDonor} = ${donor.id}`);
          break;
        }
        case 3:
          await t.database.db.execute(sql`DELETE FROM donations WHERE id IN (
            SELECT id FROM donations WHERE org_unit_id = ${rng.pick(units)} ORDER BY id LIMIT 5)`);
          break;
      }
      // And a statement over many donors: every pledge of a month confirmed.
      await t.database.db.execute(sql`UPDATE donations SET state = 'acknowledged'
        WHERE state = 'pledged' AND date_trunc('month', donated_on) = ${`2026-${String(round + 3).padStart(2, '0')}-01`}::date`);
      const live = await rows<{ id: string }>(sql`SELECT id FROM donations WHERE donor_name = '测试捐赠人'`);
      ids.splice(0, ids.length, ...live.map((row) => row.id));
      await assertAgree(t.database.db, `round ${round}`);
    }
  });

  it('agree after four writers at once, and no writer deadlocks', async () => {
    const ids = (
      await rows<{ id: string }>(sql`SELECT id FROM donations WHERE donor_name = '测试捐赠人'`)
    ).map((row) => row.id);
    // Few donors, so that the writers meet on the same donors, months and rows.
    const all = donors;
    donors = [...donors.filter((d) => d.column === 'donor_enterprise_id').slice(0, 4), ...donors.slice(-3)];
    const failures: unknown[] = [];
    for (let wave = 0; wave < 3; wave++) {
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let i = 0; i < 30; i++) {
            try {
              if (rng.chance(0.3)) ids.push(...(await insertDonations(1)));
              else await writeOne(ids, t.database.db);
            } catch (error) {
              failures.push(error);
            }
          }
        }),
      );
      assert.deepEqual(failures, [], 'no writer failed (a deadlock would be here)');
      await assertAgree(t.database.db, `after wave ${wave}`);
    }
    donors = all;
  });

  it('counts a donor once when four writers give for it at once, and not at all when they take it back', async () => {
    // A year nobody gave in (2019), donors whose writes no other trigger serialises (a person, a chamber: 0050
    // locks member enterprises only), and transactions that stay open a moment after their write (as the
    // app's do while it audits): without the donor's lock each writer would count the donor as new.
    const racers = donors.filter((d) => d.column === 'donor_person_id' || d.column === 'donor_chamber_id');
    const periods = [
      { from: '2019-01-01', to: '2019-12-31' },
      { from: '2019-04-01', to: '2019-06-30' },
      { from: '2019-05-01', to: '2019-05-31' },
      { from: '2019-07-01', to: '2019-09-30' },
    ];
    const atOnce = (writes: ReturnType<typeof sql>[]) =>
      Promise.all(
        writes.map((write) =>
          t.database.db.transaction(async (tx) => {
            await tx.execute(write);
            await tx.execute(sql`SELECT pg_sleep(0.05)`);
          }),
        ),
      );
    for (const donor of racers.slice(0, 4)) {
      const ofDonor = sql.raw(donor.column);
      await atOnce(
        [0, 1, 2, 3].map(
          // Each in its own month and channel: no kept row of the sums is shared, only the donor's places.
          (i) => sql`INSERT INTO donations (org_unit_id, ${ofDonor}, donor_name, kind, amount_fen, channel,
            donated_on, state) VALUES (${i === 3 ? street.id : donor.orgUnitId}, ${donor.id}, '测试并发捐赠人', 'cash',
            ${100 + i}, ${CHANNELS[i % 3]}, ${`2019-0${4 + i}-1${i}`}, 'received')`,
        ),
      );
      await assertTotalsAgree(periods, `after ${donor.id} given four times at once`);
      const given = await rows<{ id: string }>(
        sql`SELECT id FROM donations WHERE ${ofDonor} = ${donor.id} AND donated_on < '2020-01-01' ORDER BY id`,
      );
      assert.equal(given.length, 4);
      await atOnce(
        given.map((row, i) =>
          i % 2 === 0
            ? sql`DELETE FROM donations WHERE id = ${row.id}`
            : sql`UPDATE donations SET state = 'voided', voided_at = now() WHERE id = ${row.id}`,
        ),
      );
      await assertTotalsAgree(periods, `after ${donor.id} taken back four times at once`);
    }
    const [left] = await rows<{ n: number }>(sql`SELECT coalesce(sum(donors), 0)::int AS n
      FROM donation_subtree_donors WHERE starts_on < '2020-01-01'`);
    assert.equal(left!.n, 0, 'nobody counted in 2019');
  });

  it('holds the rows a rebuild from the records makes', async () => {
    const snapshot = sql`SELECT * FROM (
        SELECT org_unit_id, month::text AS at, kind || '/' || channel AS key, shard,
          donations || '/' || amount_fen || '/' || directed_fen AS value FROM donation_subtree_totals
        UNION ALL
        SELECT org_unit_id, period || ' ' || starts_on, '', shard, donors::text FROM donation_subtree_donors
      ) AS k ORDER BY 1, 2, 3, 4`;
    await t.database.db
      .transaction(async (tx) => {
        const kept = (await tx.execute(snapshot)).rows;
        await tx.execute(sql`SELECT rebuild_donation_subtree_figures()`);
        assert.deepEqual(kept, (await tx.execute(snapshot)).rows);
        assert.ok(kept.length > 100);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
  });

  it('answers the stats total line and the measures from the same counts, exactly in fen', async () => {
    const year = { from: '2026-01-01', to: '2026-12-31' };
    // The random writes before (four writers at once among them) leave a state that depends on which writer
    // ran first: a donation past 2^53 is given here, so that the sum is past it whatever they left.
    const donor = donors.find((d) => d.column === 'donor_person_id')!;
    await t.database.db.execute(sql`INSERT INTO donations (org_unit_id, donor_person_id, donor_name, kind,
      amount_fen, channel, donated_on, state) VALUES (${street.id}, ${donor.id}, '测试捐赠人', 'cash',
      ${HUGE_FEN}::bigint, 'direct', '2026-06-15', 'received')`);
    const records = await subtreeTotals(t.database.db, { orgPath: district.path }, year, 'records');
    assert.ok(records.count > 0 && records.donors > 0);
    assert.ok(BigInt(records.fen) > 9_007_199_254_740_992n, 'a sum past 2^53, exact');
    for (const groupBy of ['chamber', 'campaign', 'kind', 'channel', 'month', 'orgUnit']) {
      const response = await t.request({
        url: `/api/donations/stats?groupBy=${groupBy}&from=${year.from}&to=${year.to}`,
        cookie,
      });
      assert.equal(response.statusCode, 200, response.body);
      const stats = response.json() as DonationStats;
      assert.deepEqual(stats.total, {
        count: records.count,
        amount: fenToYuan(records.fen),
        directed: fenToYuan(records.directedFen),
      });
    }
    const response = await t.request({
      url: `/api/measures/values?ids=donations.count,donations.donors,donations.cash&from=${year.from}&to=${year.to}`,
      cookie,
    });
    assert.equal(response.statusCode, 200, response.body);
    const values = response.json() as MeasureValues;
    assert.deepEqual(
      values.items.map((item) => item.value),
      [records.count, records.donors, Number(records.cashFen)],
    );
  });

  it('sees a write the triggers missed: the kept counts then disagree with the records', async () => {
    await t.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`ALTER TABLE donations DISABLE TRIGGER donation_subtree_insert`);
        const donor = donors.find((d) => d.column === 'donor_person_id')!;
        await tx.execute(sql`INSERT INTO donations (org_unit_id, donor_person_id, donor_name, kind, amount_fen,
          channel, donated_on, state) VALUES (${street.id}, ${donor.id}, '测试捐赠人', 'cash', 1, 'direct',
          '2026-05-05', 'received')`);
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
