// 活动覆盖 the members-reached rollup (migration 0056) against the records: after random writes — check-ins
// one by one and in bulk, attendances deleted, moved to another year or enterprise, events deleted with their
// attendances, enterprises suspended, withdrawn, readmitted, moved to another unit, merged and unmerged —,
// some of them at once on several connections, every unit's and every year's count from the rollup equals the
// count from the records, the reached set equals the attendances', and the year's measure through the API
// agrees. A year boundary in Asia/Shanghai that is not one in UTC is among the check-in times.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { setupTestApp, type TestApp } from '../../test/harness.ts';
import { activeAtPeriodEnd } from '../enterprises/figures-repository.ts';
import { membersAtYearEnd, membersReachedByRecords, membersReachedInYear } from './repository.ts';

const YEARS = [2024, 2025, 2026, 2027];
// 2026-01-01 00:30 in Shanghai is still 2025 in UTC.
const MOMENTS = [
  '2025-03-10T10:00:00+08:00',
  '2025-12-31T23:30:00+08:00',
  '2026-01-01T00:30:00+08:00',
  '2026-06-15T15:00:00+08:00',
  '2027-02-01T09:00:00+08:00',
];
const STATUSES = ['active', 'active', 'suspended', 'withdrawn'];

/** mulberry32: the same writes for the same seed, printed when the comparison fails. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('members reached: the rollup kept by writes equals the records', () => {
  let t: TestApp;
  let rootPath: string;
  let staffCookie: string;
  let units: { id: string; path: string; kind: string }[];
  let enterprises: string[];
  const seed = Number(process.env.REACH_SEED ?? Date.now() % 100_000);
  // A longer, busier run to hunt for races by hand (REACH_ROUNDS=40 REACH_WRITERS=8); the suite keeps these.
  const rounds = Number(process.env.REACH_ROUNDS ?? 6);
  const writers = Number(process.env.REACH_WRITERS ?? 4);

  const q = <T extends Record<string, unknown> = Record<string, unknown>>(
    text: string,
    values: unknown[] = [],
  ) => t.database.pool.query<T>(text, values);

  before(async () => {
    t = await setupTestApp();
    const staff = await t.userId('staff');
    staffCookie = await t.sessionFor(staff);
    rootPath = (
      await q<{ path: string }>(
        'SELECT o.path FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.id = $1',
        [staff],
      )
    ).rows[0]!.path;
    units = (
      await q<{ id: string; path: string; kind: string }>(
        `SELECT id, path, kind FROM org_units WHERE path LIKE $1 || '%' AND kind <> 'department' ORDER BY path`,
        [rootPath],
      )
    ).rows;
    enterprises = (
      await q<{ id: string }>(
        `SELECT e.id FROM enterprises e JOIN org_units o ON o.id = e.org_unit_id
          WHERE o.path LIKE $1 || '%' AND e.merged_into_id IS NULL ORDER BY e.id LIMIT 24`,
        [rootPath],
      )
    ).rows.map((r) => r.id);
    assert.ok(enterprises.length >= 10, 'the demo district has enterprises to reach');
  });
  after(() => t.close());

  /** A fresh event of the root unit with one session at `at`; returns its session. */
  async function eventAt(at: string): Promise<{ eventId: string; sessionId: string }> {
    const event = (
      await q<{ id: string }>(
        `INSERT INTO events (org_unit_id, title, kind, state, starts_at, ends_at)
         SELECT id, '覆盖测试', 'lecture', 'closed', $2::timestamptz, $2::timestamptz + interval '1 hour'
           FROM org_units WHERE path = $1 RETURNING id`,
        [rootPath, at],
      )
    ).rows[0]!.id;
    const session = (
      await q<{ id: string }>(
        `INSERT INTO event_sessions (event_id, seq, starts_at, ends_at)
         VALUES ($1, 1, $2::timestamptz, $2::timestamptz + interval '1 hour') RETURNING id`,
        [event, at],
      )
    ).rows[0]!.id;
    return { eventId: event, sessionId: session };
  }

  /** Check-ins of `who` (enterprises) at `at`, in one statement, each with a registration of its own. */
  async function checkIn(
    who: string[],
    at: string,
    on: Pick<pg.PoolClient, 'query'> = t.database.pool,
  ): Promise<string> {
    const { eventId, sessionId } = await eventAt(at);
    await on.query(
      `WITH r AS (
         INSERT INTO event_registrations (event_id, person_name, enterprise_id, person_key)
         SELECT $1, '参会人', e, 'n:' || e || ':' || ord FROM unnest($3::uuid[]) WITH ORDINALITY AS x(e, ord)
         RETURNING id, enterprise_id, person_key)
       INSERT INTO event_attendances (event_id, session_id, registration_id, enterprise_id, person_key, nonce, method, checked_in_at)
       SELECT $1, $2, r.id, r.enterprise_id, r.person_key, r.id::text, 'staff', $4::timestamptz FROM r`,
      [eventId, sessionId, who, at],
    );
    return eventId;
  }

  async function compare(label: string): Promise<number> {
    let reachedAtRoot = 0;
    for (const year of YEARS) {
      const range = {
        fromAt: new Date(`${year}-01-01T00:00:00+08:00`),
        toAt: new Date(`${year + 1}-01-01T00:00:00+08:00`),
      };
      for (const unit of units) {
        const records = await membersReachedByRecords(t.database.db, unit, range);
        const rollup = await membersReachedInYear(t.database.db, unit, year);
        assert.equal(rollup, records, `${label}: ${unit.path} in ${year} (seed ${seed})`);
        const members = await activeAtPeriodEnd(
          t.database.db,
          { orgPath: unit.path },
          { to: `${year}-12-31` },
        );
        assert.equal(
          await membersAtYearEnd(t.database.db, unit, year),
          members,
          `${label}: members of ${unit.path} at the end of ${year} (seed ${seed})`,
        );
        if (unit.path === rootPath) reachedAtRoot += records;
      }
    }
    const drift = await q<{ n: number }>(
      `WITH truth AS (
         SELECT enterprise_id, extract(year FROM checked_in_at AT TIME ZONE 'Asia/Shanghai')::int AS year, count(*)::int AS n
           FROM event_attendances WHERE enterprise_id IS NOT NULL GROUP BY 1, 2)
       SELECT count(*)::int AS n FROM truth FULL JOIN event_reach r USING (enterprise_id, year)
        WHERE truth.n IS DISTINCT FROM r.attendances`,
    );
    assert.equal(drift.rows[0]!.n, 0, `${label}: the reached set equals the attendances (seed ${seed})`);
    return reachedAtRoot;
  }

  it('after random writes, some at once, every unit and year agrees', async () => {
    const next = random(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const someEnterprises = (n: number) => Array.from({ length: n }, () => pick(enterprises));

    await checkIn(enterprises.slice(0, 12), MOMENTS[0]!);
    await checkIn(enterprises.slice(6, 18), MOMENTS[2]!);
    const start = await compare('after the first check-ins');
    assert.ok(start > 0, 'the comparison counts something');

    const writes: (() => Promise<unknown>)[] = [
      () => checkIn([pick(enterprises)], pick(MOMENTS)),
      () => checkIn(someEnterprises(5), pick(MOMENTS)),
      () =>
        q(
          `DELETE FROM event_attendances WHERE id IN (SELECT id FROM event_attendances ORDER BY md5(id::text || $1) LIMIT $2)`,
          [String(next()), 1 + Math.floor(next() * 4)],
        ),
      () =>
        q(
          `UPDATE event_attendances SET checked_in_at = $2::timestamptz
            WHERE id = (SELECT id FROM event_attendances ORDER BY md5(id::text || $1) LIMIT 1)`,
          [String(next()), pick(MOMENTS)],
        ),
      () =>
        q(
          `UPDATE event_attendances SET enterprise_id = $2
            WHERE id = (SELECT id FROM event_attendances ORDER BY md5(id::text || $1) LIMIT 1)`,
          [String(next()), pick(enterprises)],
        ),
      () =>
        q(
          `DELETE FROM events WHERE id = (SELECT event_id FROM event_attendances ORDER BY md5(id::text || $1) LIMIT 1)`,
          [String(next())],
        ),
      () =>
        q('UPDATE enterprises SET membership_status = $2 WHERE id = $1', [pick(enterprises), pick(STATUSES)]),
      () =>
        q('UPDATE enterprises SET org_unit_id = $2 WHERE id = $1', [
          pick(enterprises),
          pick(units.filter((u) => u.kind === 'district' || u.kind === 'street')).id,
        ]),
      () => {
        const [merged, kept] = [pick(enterprises), pick(enterprises)];
        return merged === kept
          ? q('UPDATE enterprises SET merged_into_id = NULL WHERE id = $1', [merged])
          : q('UPDATE enterprises SET merged_into_id = $2 WHERE id = $1', [merged, kept]);
      },
      () =>
        q(
          `UPDATE enterprises SET merged_into_id = NULL, membership_status = 'active' WHERE id = ANY($1::uuid[])`,
          [someEnterprises(4)],
        ),
      () =>
        q('UPDATE enterprises SET joined_on = $2::date WHERE id = $1', [
          pick(enterprises),
          pick(['2024-05-01', '2025-12-31', '2026-01-01', '2027-03-01', null]),
        ]),
      // Edits that are none of the rollup's business.
      () => q(`UPDATE enterprises SET address = coalesce(address, '') WHERE id = $1`, [pick(enterprises)]),
    ];
    for (let round = 0; round < rounds; round++) {
      for (let batch = 0; batch < 8; batch++) {
        // `writers` writes at once (four unless asked), each on its own connection and transaction; a deadlock
        // between two of them is PostgreSQL's to break, and the one it rolls back is tried again.
        await Promise.all(
          Array.from({ length: writers }, async () => {
            const write = pick(writes);
            for (let attempt = 0; ; attempt++) {
              try {
                return await write();
              } catch (error) {
                if ((error as { code?: string }).code !== '40P01' || attempt > 3) throw error;
              }
            }
          }),
        );
      }
      await compare(`round ${round}`);
    }

    const response = await t.request({
      method: 'GET',
      url: '/api/measures/values?ids=events.membersReached&from=2026-01-01&to=2026-12-31',
      cookie: staffCookie,
    });
    assert.equal(response.statusCode, 200, response.body);
    const value = (response.json() as { items: { id: string; value: number }[] }).items[0]!.value;
    const records = await membersReachedByRecords(
      t.database.db,
      units.find((u) => u.path === rootPath)!,
      {
        fromAt: new Date('2026-01-01T00:00:00+08:00'),
        toAt: new Date('2027-01-01T00:00:00+08:00'),
      },
    );
    assert.equal(value, records, 'the year’s measure reads the rollup and agrees');
  });

  /** Resolves once backend `pid` waits for a lock (a row another open transaction holds). */
  async function waitingForLock(pid: number): Promise<void> {
    for (let i = 0; i < 400; i++) {
      const { rows } = await q<{ waiting: boolean }>(
        `SELECT wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE pid = $1`,
        [pid],
      );
      if (rows[0]?.waiting) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`backend ${pid} never waited for a lock`);
  }

  /**
   * Two writers in a chosen order: `first` in a transaction left open, then `second` on another connection,
   * which must wait for a lock `first` holds; then `first` commits and `second` finishes.
   */
  async function interleave(
    first: (client: pg.PoolClient) => Promise<unknown>,
    second: (client: pg.PoolClient) => Promise<unknown>,
  ): Promise<void> {
    const a = await t.database.pool.connect();
    const b = await t.database.pool.connect();
    try {
      await a.query('BEGIN');
      await first(a);
      const { rows } = await b.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const waiting = second(b);
      waiting.catch(() => undefined);
      await waitingForLock(rows[0]!.pid);
      await a.query('COMMIT');
      await waiting;
    } catch (error) {
      await a.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      a.release();
      b.release();
    }
  }

  // The random writes meet in these orders only now and then (seed 14933 made the first one about one run in
  // three): each is forced here, on one enterprise's 2024, a year no random write touches.
  it('two writers of one enterprise at once, in each order: the rollup equals the records', async () => {
    const enterprise = enterprises[0]!;
    const street = units.find((u) => u.kind === 'street') ?? units[units.length - 1]!;
    const lone = '2024-07-01T10:00:00+08:00';
    const attendancesOf = async (eventId: string) =>
      (
        await q<{ id: string }>('SELECT id FROM event_attendances WHERE event_id = $1 ORDER BY id', [eventId])
      ).rows.map((r) => r.id);
    const reached = async () =>
      (
        await q<{ attendances: number }>(
          'SELECT attendances FROM event_reach WHERE enterprise_id = $1 AND year = 2024',
          [enterprise],
        )
      ).rows[0]?.attendances ?? 0;
    const takeAway = (id: string) => (c: pg.PoolClient) =>
      c.query('DELETE FROM event_attendances WHERE id = $1', [id]);
    const setMember = (status: string) => (c: pg.PoolClient) =>
      c.query('UPDATE enterprises SET membership_status = $2 WHERE id = $1', [enterprise, status]);
    const reset = async () => {
      await q(
        `DELETE FROM event_attendances WHERE enterprise_id = $1
            AND checked_in_at >= '2024-01-01T00:00:00+08:00' AND checked_in_at < '2025-01-01T00:00:00+08:00'`,
        [enterprise],
      );
      await q(`UPDATE enterprises SET membership_status = 'active', merged_into_id = NULL WHERE id = $1`, [
        enterprise,
      ]);
    };

    // The last two attendances of the year taken away at once: the second writer's decrement used to be lost
    // (its delete saw two left, its update found one), leaving the year reached with none.
    await reset();
    const [first, second] = await attendancesOf(await checkIn([enterprise, enterprise], lone));
    await interleave(takeAway(first!), takeAway(second!));
    assert.equal(await reached(), 0, 'both attendances gone: the year is not reached');
    await compare('the last two attendances taken away at once');

    // The last attendance taken away while the enterprise checks in again: the year stays reached, once.
    await reset();
    let [one] = await attendancesOf(await checkIn([enterprise], lone));
    await interleave(takeAway(one!), (c) => checkIn([enterprise], lone, c));
    assert.equal(await reached(), 1);
    await compare('the last attendance taken away while another comes');

    // A check-in that reaches the year while the enterprise withdraws, and the other way round.
    await reset();
    await interleave((c) => checkIn([enterprise], lone, c), setMember('withdrawn'));
    await compare('reached, then withdrawn');
    await reset();
    await interleave(setMember('withdrawn'), (c) => checkIn([enterprise], lone, c));
    await compare('withdrawn, then reached');

    // The enterprise moves to another unit while its last attendance of the year is taken away, both orders.
    await reset();
    [one] = await attendancesOf(await checkIn([enterprise], lone));
    await interleave(
      (c) => c.query('UPDATE enterprises SET org_unit_id = $2 WHERE id = $1', [enterprise, street.id]),
      takeAway(one!),
    );
    await compare('moved, then its last attendance taken away');
    await reset();
    [one] = await attendancesOf(await checkIn([enterprise], lone));
    await interleave(takeAway(one!), (c) =>
      c.query('UPDATE enterprises SET org_unit_id = $2 WHERE id = $1', [enterprise, units[0]!.id]),
    );
    await compare('its last attendance taken away, then moved');
  });

  it('a count kept wrong is found: the comparison can fail', async () => {
    const root = units.find((u) => u.path === rootPath)!;
    await q(
      `INSERT INTO event_reach_counts (org_unit_id, year, members) SELECT id, 2026, 1 FROM org_units WHERE path = $1
       ON CONFLICT (org_unit_id, year) DO UPDATE SET members = event_reach_counts.members + 1`,
      [rootPath],
    );
    await assert.rejects(compare('tampered'), /2026/);
    await q('UPDATE event_reach_counts SET members = members - 1 WHERE org_unit_id = $1 AND year = 2026', [
      root.id,
    ]);
    await compare('restored');
  });
});
