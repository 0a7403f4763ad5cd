// 融资统计 by bank and in total from the rollups (migration 0054) against the records: after random needs stated, sent to
// banks, answered, granted, changed, vouched, moved and deleted, the figures by bank read from the rollups
// (whole months) and the records (the days around them) equal financingFigures read from the records alone —
// every count, sum, average rate and median days — for whole and partial periods, the district and a street;
// the rollup rows equal a rebuild; and a trigger left out is seen (the comparison can fail). Each bank's inbox
// total (0059) equals a count of its consented rows, with consent changed side by side too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { SeededRandom } from '../../demo/registry-words.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { splitPeriod } from '../appeal-stats/service.ts';
import { orgUnitId, setupTestApp, type TestApp } from '../../test/harness.ts';
import { financingFigures, rolledFigures } from './repository.ts';

const PERIODS = [
  { from: '2026-01-01', to: '2026-12-31' },
  { from: '2026-04-01', to: '2026-06-30' },
  { from: '2026-02-14', to: '2026-09-03' },
  { from: '2026-03-31', to: '2026-04-01' },
  { from: '2025-12-20', to: '2026-01-31' },
];

class Rollback extends Error {}

describe('financing figures by bank and in total: the rollups against the records', () => {
  let t: TestApp;
  let paths: string[];
  let enterprises: { id: string; orgUnitId: string }[];
  let banks: (string | null)[];
  let chamber: string;
  const rng = new SeededRandom(1406);

  const rows = async <T extends Record<string, unknown>>(
    query: ReturnType<typeof sql>,
    db: DbOrTx = t.database.db,
  ) => (await db.execute<T>(query)).rows;
  const exec = (query: ReturnType<typeof sql>) => t.database.db.execute(query);

  /** Beijing times, some on the edge of a day or a month. */
  const randomTime = () => {
    const month = rng.between(1, 12);
    const year = month === 12 && rng.chance(0.3) ? 2025 : 2026;
    const day = rng.chance(0.15) ? 28 : rng.between(1, 28);
    const clock = rng.pick(['00:10', '09:30', '23:50']);
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} ${clock}+08`;
  };
  const randomDate = () => randomTime().slice(0, 10);

  /** Each bank's inbox total (0059) against a count of its consented rows. */
  async function assertInboxAgrees(db: DbOrTx = t.database.db, message = '') {
    assert.deepEqual(
      await rows(
        sql`SELECT bank_id, needs FROM financing_bank_inbox_counts WHERE needs > 0 ORDER BY bank_id`,
        db,
      ),
      await rows(
        sql`SELECT bank_id, count(*)::int AS needs FROM financing_need_banks WHERE consent
          GROUP BY bank_id ORDER BY bank_id`,
        db,
      ),
      `${message} inbox totals`,
    );
  }

  async function assertAgree(db: DbOrTx = t.database.db, message = '') {
    await assertInboxAgrees(db, message);
    for (const path of paths) {
      for (const period of PERIODS) {
        const split = splitPeriod(period.from, period.to, 'rollups');
        const parts = { months: split.months, days: split.days };
        assert.deepEqual(
          await rolledFigures(db, path, parts, 'bank'),
          await financingFigures(db, path, period, 'bank'),
          `${message} by bank ${path} ${period.from}…${period.to}`,
        );
        assert.deepEqual(
          await rolledFigures(db, path, parts),
          await financingFigures(db, path, period),
          `${message} in total ${path} ${period.from}…${period.to}`,
        );
      }
    }
  }

  async function stateNeed(): Promise<string> {
    const e = rng.pick(enterprises);
    const vouched = rng.chance(0.4);
    const sent = rng.chance(0.8);
    const [row] = await rows<{ id: string }>(sql`INSERT INTO financing_needs (org_unit_id, enterprise_id,
        amount_fen, term_months, purpose, consent, state, vouched_chamber_id, vouched_at, first_sent_at, created_at)
      VALUES (${e.orgUnitId}, ${e.id}, ${rng.between(1, 90_000) * 10_000}, 12, '流动资金', true,
        ${sent ? 'sent' : 'submitted'}, ${vouched ? chamber : null}, ${vouched ? sql`now()` : sql`NULL`},
        ${sent ? sql`now()` : sql`NULL`}, ${randomTime()}::timestamptz)
      RETURNING id`);
    return row!.id;
  }

  async function sendTo(need: string): Promise<void> {
    const bank = rng.pick(banks.filter((b): b is string => b !== null));
    await exec(sql`INSERT INTO financing_need_banks (need_id, bank_id, sent_at)
      VALUES (${need}, ${bank}, ${randomTime()}::timestamptz) ON CONFLICT DO NOTHING`);
  }

  before(async () => {
    t = await setupTestApp();
    const district = await orgUnitId(t, '示例区工商联');
    const street = await orgUnitId(t, '东湖街道工商联');
    paths = (
      await rows<{ path: string }>(
        sql`SELECT path FROM org_units WHERE id IN (${district}, ${street}) ORDER BY path`,
      )
    ).map((row) => row.path);
    enterprises = (
      await rows<{ id: string; org_unit_id: string }>(sql`SELECT e.id, e.org_unit_id FROM enterprises e
        JOIN org_units u ON u.id = e.org_unit_id
        WHERE u.path LIKE ${paths[0] + '%'} AND e.merged_into_id IS NULL ORDER BY e.id LIMIT 40`)
    ).map((row) => ({ id: row.id, orgUnitId: row.org_unit_id }));
    banks = [
      ...(await rows<{ id: string }>(sql`SELECT id FROM org_units WHERE kind = 'bank' ORDER BY id`)).map(
        (row) => row.id,
      ),
      null,
    ];
    chamber = (
      await rows<{ id: string }>(sql`SELECT id FROM org_units WHERE kind = 'chamber' ORDER BY id LIMIT 1`)
    )[0]!.id;
    assert.ok(banks.length >= 3 && enterprises.length >= 20, 'the demo has banks and enterprises');
  });
  after(() => t.close());

  it('agree after random needs, sendings, answers, loans, edits and deletes', async () => {
    const needs: string[] = [];
    for (let i = 0; i < 120; i++) {
      const need = await stateNeed();
      needs.push(need);
      for (let k = rng.int(3); k > 0; k--) await sendTo(need);
    }
    await assertAgree(t.database.db, 'after the needs');

    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 40; i++) {
        const need = rng.pick(needs);
        const roll = rng.next();
        if (roll < 0.25) {
          const answer = rng.pick(['approve', 'decline', 'reopen'] as const);
          await exec(sql`UPDATE financing_need_banks SET
              approved_at = ${answer === 'approve' ? sql`${randomTime()}::timestamptz` : sql`NULL`},
              approved_amount_fen = ${answer === 'approve' ? rng.between(1, 90_000) * 10_000 : null},
              approved_rate = ${answer === 'approve' ? 3.85 : null},
              declined_at = ${answer === 'reopen' ? sql`NULL` : sql`${randomTime()}::timestamptz`}
            WHERE (need_id, bank_id) = (SELECT need_id, bank_id FROM financing_need_banks
              WHERE need_id = ${need} ORDER BY bank_id LIMIT 1)`);
        } else if (roll < 0.45) {
          const bank = rng.pick(banks);
          const granted = rng.chance(0.75);
          await exec(sql`UPDATE financing_needs SET
              state = ${granted ? 'granted' : 'sent'},
              granted_on = ${granted ? randomDate() : null}::date,
              granted_bank_id = ${granted ? bank : null}::uuid,
              granted_amount_fen = ${granted ? rng.between(1, 90_000) * 10_000 : null},
              granted_rate = ${granted && rng.chance(0.8) ? rng.pick(['3.45', '3.85', '4.10']) : null}::numeric
            WHERE id = ${need}`);
        } else if (roll < 0.6) {
          const vouched = rng.chance(0.5);
          await exec(sql`UPDATE financing_needs SET amount_fen = ${rng.between(1, 90_000) * 10_000},
              vouched_chamber_id = ${vouched ? chamber : null}, vouched_at = ${vouched ? sql`now()` : sql`NULL`}
            WHERE id = ${need}`);
        } else if (roll < 0.7) {
          const e = rng.pick(enterprises);
          await exec(sql`UPDATE financing_needs SET org_unit_id = ${e.orgUnitId}, enterprise_id = ${e.id},
              created_at = ${randomTime()}::timestamptz WHERE id = ${need}`);
        } else if (roll < 0.8) {
          await exec(sql`UPDATE financing_need_banks SET sent_at = ${randomTime()}::timestamptz
            WHERE need_id = ${need}`);
        } else if (roll < 0.85) {
          await sendTo(need);
        } else if (roll < 0.88) {
          // Consent withdrawn or given again: every bank's row of the need at once.
          await exec(sql`UPDATE financing_need_banks SET consent = NOT consent WHERE need_id = ${need}`);
        } else if (roll < 0.94) {
          await exec(sql`DELETE FROM financing_need_banks WHERE (need_id, bank_id) = (
            SELECT need_id, bank_id FROM financing_need_banks WHERE need_id = ${need} ORDER BY bank_id DESC LIMIT 1)`);
        } else {
          await exec(sql`DELETE FROM financing_need_banks WHERE need_id = ${need}`);
          await exec(sql`DELETE FROM financing_needs WHERE id = ${need}`);
          needs.splice(needs.indexOf(need), 1);
          needs.push(await stateNeed());
        }
      }
      await assertAgree(t.database.db, `round ${round}`);
    }
    const [counted] = await rows<{ loans: number; rows: number }>(sql`SELECT
      (SELECT count(*)::int FROM financing_bank_loan_days) AS loans,
      (SELECT count(*)::int FROM financing_bank_rollups) AS rows`);
    assert.ok(counted!.loans > 5 && counted!.rows > 20, 'the rollups hold loans and answers');
  });

  it('keeps the inbox totals exact when needs of the same banks change consent side by side', async () => {
    const spread = (
      await rows<{ need_id: string }>(sql`SELECT need_id FROM financing_need_banks
        GROUP BY need_id HAVING count(*) >= 2 ORDER BY need_id`)
    ).map((row) => row.need_id);
    assert.ok(spread.length >= 8, 'needs sent to several banks');
    for (let round = 0; round < 10; round++) {
      // Eight transactions at once, each one statement as the transitions write (consent given or revoked on
      // every bank's row of a need; a need sent to banks), moving the counters of several banks.
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          t.database.db.transaction(async (tx) => {
            const need = spread[(round * 8 + i) % spread.length]!;
            await tx.execute(
              i % 3 === 0
                ? sql`INSERT INTO financing_need_banks (need_id, bank_id, sent_at)
                    SELECT ${need}, b.id, now() FROM org_units b WHERE b.kind = 'bank' ON CONFLICT DO NOTHING`
                : sql`UPDATE financing_need_banks SET consent = NOT consent WHERE need_id = ${need}`,
            );
          }),
        ),
      );
    }
    await assertInboxAgrees(t.database.db, 'after concurrent consent changes');
  });

  it('holds the rows a rebuild from the records makes', async () => {
    const snapshot = sql`SELECT r.*, trim_scale(r.rate_sum)::text AS rate_sum FROM financing_bank_rollups r ORDER BY 1, 2, 3`;
    const days = sql`SELECT * FROM financing_bank_loan_days ORDER BY 1, 2, 3, 4`;
    const needs = sql`SELECT * FROM financing_need_rollups ORDER BY 1, 2`;
    await t.database.db
      .transaction(async (tx) => {
        const inbox = sql`SELECT * FROM financing_bank_inbox_counts WHERE needs > 0 ORDER BY 1`;
        const kept = [
          await rows(snapshot, tx),
          await rows(days, tx),
          await rows(needs, tx),
          await rows(inbox, tx),
        ];
        await tx.execute(sql`SELECT rebuild_financing_bank_rollups()`);
        await tx.execute(sql`SELECT rebuild_financing_bank_inbox_counts()`);
        assert.deepEqual(kept, [
          await rows(snapshot, tx),
          await rows(days, tx),
          await rows(needs, tx),
          await rows(inbox, tx),
        ]);
        assert.ok(kept.every((table) => table.length > 0));
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
  });

  it('sees a trigger left out: a bank’s answer written without it makes the rollups disagree', async () => {
    await t.database.db
      .transaction(async (tx) => {
        await tx.execute(
          sql`ALTER TABLE financing_need_banks DISABLE TRIGGER financing_bank_rollups_need_bank_write`,
        );
        const [need] = await rows<{ id: string }>(
          sql`INSERT INTO financing_needs (org_unit_id, enterprise_id, amount_fen, term_months, purpose, consent)
            VALUES (${enterprises[0]!.orgUnitId}, ${enterprises[0]!.id}, 100000, 12, '流动资金', true) RETURNING id`,
          tx,
        );
        const id = need!.id;
        await tx.execute(sql`INSERT INTO financing_need_banks (need_id, bank_id, sent_at)
          SELECT ${id}, b.id, '2026-05-10 10:00+08' FROM org_units b WHERE b.kind = 'bank'
          ON CONFLICT DO NOTHING`);
        await assert.rejects(assertAgree(tx), assert.AssertionError);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    await assertAgree(t.database.db, 'after the rollback');
  });
});
