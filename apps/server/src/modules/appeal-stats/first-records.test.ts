// 诉求统计 服务企业数 of any period from the first records (migration 0062, decision 0005): random writes
// through the API and SQL — appeals raised on random days and forwarded, backdated inserts, categories and
// days re-filed, an enterprise's appeals re-registered to another in one statement (a merge), moves between
// streets, deletions, forwards re-dated, re-routed, moved and deleted, several writers at once — and after
// them the figures of random periods (mostly partial months), every grouping, read from the rollups equal to
// the same figures counted from the records — at a city's scope and a district's (the rollups by bucket:
// a district, or a unit above district level with its own records) and a street's (the side rows); the kept chains and rollups equal to a rebuild; a miscounted
// rollup row is caught.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { permissionsOf, type AppealStatsQuery } from '@qinqing/shared';
import type { Actor } from '../../core/auth/sessions.ts';
import { createAccount, json, orgUnitId, setupTestApp, type TestApp } from '../../test/harness.ts';
import { rebuildAppealRollups } from './repository.ts';
import { computeAppealFigures } from './service.ts';

const GROUPINGS = [undefined, 'department', 'category', 'orgUnit', 'chamber', 'month'] as const;
const CATEGORIES = ['financing', 'tax', 'legal'];
/** The days the appeals fall on: 2018-01-01 and the 560 days after it. */
const FIRST_DAY = '2018-01-01';
const DAYS = 560;
/** SQL-written appeals and forwards carry this, so that only they are deleted or re-routed by SQL. */
const MARK = '首记测试';

const dayOf = (base: string, offset: number) =>
  new Date(Date.parse(`${base}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

describe('服务企业数 of any period, from the first records', () => {
  let t: TestApp;
  let pool: pg.Pool;
  let actor: Actor;
  let cityActor: Actor;
  let city = '';
  let staff: string;
  let district = '';
  const streets: string[] = [];
  const departments: { id: string; channel: string }[] = [];
  const enterprises: { id: string; unit: string }[] = [];
  const chambers: string[] = [];
  let seed = 48_2026;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const rand = (n: number) => Math.floor(random() * n);
  const pick = <T>(values: readonly T[]) => values[rand(values.length)]!;
  let serial = 0;

  const addUnit = async (parent: string, kind: string, name: string) => {
    const id = randomUUID();
    const { rows } = await pool.query<{ path: string; depth: number }>(
      'SELECT path, depth FROM org_units WHERE id = $1',
      [parent],
    );
    await pool.query(
      'INSERT INTO org_units (id, parent_id, kind, name, path, depth) VALUES ($1, $2, $3, $4, $5, $6)',
      [id, parent, kind, name, `${rows[0]!.path}${id}/`, rows[0]!.depth + 1],
    );
    return id;
  };

  before(async () => {
    t = await setupTestApp();
    pool = t.database.pool;
    // A district of its own under the demo city, so that the demo's records never mix in.
    city = await orgUnitId(t, '示例市工商联');
    district = await addUnit(city, 'district', '首记测试区工商联');
    for (const name of ['甲', '乙', '丙']) streets.push(await addUnit(district, 'street', `首记${name}街道`));
    for (const name of ['人社局', '税务局', '市场监管局']) {
      const id = await addUnit(district, 'department', `首记测试区${name}`);
      const { rows } = await pool.query<{ id: string }>(
        'INSERT INTO channels (org_unit_id, department_id, name) VALUES ($1, $2, $3) RETURNING id',
        [district, id, `首记通道${name}`],
      );
      departments.push({ id, channel: rows[0]!.id });
      // A forward needs someone to receive it.
      await createAccount(t, {
        username: `firsts-liaison-${departments.length}`,
        orgUnitId: id,
        roles: ['department_liaison'],
      });
    }
    // Nine enterprises of the streets, one registered with the district itself and one with the city (本级:
    // its appeals are the city's own bucket).
    for (let i = 0; i < 11; i++) {
      const unit = i === 10 ? city : i === 9 ? district : streets[i % 3]!;
      const { rows } = await pool.query<{ id: string }>(
        'INSERT INTO enterprises (org_unit_id, name, uscc) VALUES ($1, $2, $3) RETURNING id',
        [unit, `首记测试企业${i}`, `FIRSTS-${i}-${randomUUID()}`],
      );
      enterprises.push({ id: rows[0]!.id, unit });
    }
    chambers.push(await addUnit(streets[0]!, 'chamber', '首记甲街道商会'));
    chambers.push(await addUnit(district, 'association', '首记测试区青年企业家协会'));
    await pool.query(
      'INSERT INTO chamber_memberships (chamber_id, enterprise_id) SELECT $1, unnest($2::uuid[])',
      [chambers[0], enterprises.slice(0, 5).map((e) => e.id)],
    );
    const staffId = await createAccount(t, {
      username: 'firsts-staff',
      orgUnitId: district,
      roles: ['federation_staff'],
    });
    staff = await t.sessionFor(staffId);
    const { rows } = await pool.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [
      district,
    ]);
    actor = {
      sessionId: 'test',
      userId: staffId,
      username: 'firsts-staff',
      displayName: 'firsts-staff',
      roles: ['federation_staff'],
      permissions: permissionsOf(['federation_staff']),
      orgUnitId: district,
      orgPath: rows[0]!.path,
      enterpriseId: null,
      mustChangePassword: false,
    };
    const cityPath = await pool.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [city]);
    cityActor = { ...actor, orgUnitId: city, orgPath: cityPath.rows[0]!.path };
  });
  after(() => t.close());

  // Writes ------------------------------------------------------------------------------------------------

  const inScope = `org_unit_id = ANY (ARRAY(SELECT id FROM org_units WHERE parent_id = $$DISTRICT$$ OR id IN ($$DISTRICT$$, $$CITY$$)))`;
  const mine = (sql: string) =>
    sql.replaceAll('$$DISTRICT$$', `'${district}'`).replaceAll('$$CITY$$', `'${city}'`);

  /** `n` appeals on random days of the range, each of a random enterprise in its own org unit or (1 in 8) another. */
  const insertAppeals = (db: pg.Pool | pg.PoolClient, n: number) => {
    const rows = Array.from({ length: n }, () => {
      const enterprise = pick(enterprises);
      const unit = random() < 0.125 ? pick(streets) : enterprise.unit;
      return [
        enterprise.id,
        unit,
        pick(CATEGORIES),
        dayOf(FIRST_DAY, rand(DAYS)),
        `FR${++serial}-${randomUUID()}`,
      ];
    });
    return db.query(
      `INSERT INTO appeals (number, enterprise_id, org_unit_id, category_code, title, description, source, urgency,
         state, received_at, received_on)
       SELECT r.number, r.enterprise, r.unit, r.category, $2, $2, 'phone', 'normal', 'submitted',
         r.day::timestamp AT TIME ZONE 'Asia/Shanghai' + interval '9 hours', r.day
       FROM jsonb_to_recordset($1::jsonb) AS r (enterprise uuid, unit uuid, category text, day date, number text)`,
      [
        JSON.stringify(
          rows.map(([enterprise, unit, category, day, number]) => ({
            enterprise,
            unit,
            category,
            day,
            number,
          })),
        ),
        MARK,
      ],
    );
  };

  /** Forwards of `n` random appeals in scope to one department, some days after each was received. */
  const insertForwards = (db: pg.Pool | pg.PoolClient, n: number) => {
    const department = pick(departments);
    return db.query(
      mine(`INSERT INTO appeal_forwards (appeal_id, round, department_id, channel_id, org_unit_id, category_code, state,
         forwarded_at, forwarded_on, respond_due_at, resolve_due_at, return_reason)
       SELECT a.id, a.round, $1, $2, a.org_unit_id, a.category_code, 'returned',
         d::timestamp AT TIME ZONE 'Asia/Shanghai', d, now(), now(), $4
       FROM (SELECT * FROM appeals WHERE ${inScope} ORDER BY random() LIMIT $3) a,
         LATERAL (SELECT a.received_on + floor(random() * 40)::int AS d) x`),
      [department.id, department.channel, n, MARK],
    );
  };

  const someForwards = (n: number) =>
    mine(
      `SELECT id FROM appeal_forwards WHERE return_reason = '${MARK}' AND ${inScope} ORDER BY random() LIMIT ${n}`,
    );
  const someAppeals = (n: number) =>
    mine(`SELECT id FROM appeals WHERE number LIKE 'FR%' AND ${inScope} ORDER BY random() LIMIT ${n}`);

  /** What SQL writers do, any of them in one statement. */
  const sqlWrites: ((db: pg.Pool | pg.PoolClient) => Promise<unknown>)[] = [
    (db) => insertAppeals(db, 1 + rand(15)),
    (db) => insertAppeals(db, 1), // one backdated appeal
    (db) => insertForwards(db, 1 + rand(8)),
    (db) => insertForwards(db, 1),
    (db) =>
      db.query(
        `UPDATE appeal_forwards SET forwarded_on = forwarded_on + $1::int,
           forwarded_at = forwarded_at + make_interval(days => $1::int) WHERE id IN (${someForwards(2)})`,
        [rand(60) - 30],
      ),
    (db) => {
      const department = pick(departments);
      return db.query(
        `UPDATE appeal_forwards SET department_id = $1, channel_id = $2 WHERE id IN (${someForwards(2)})`,
        [department.id, department.channel],
      );
    },
    (db) => db.query(`DELETE FROM appeal_forwards WHERE id IN (${someForwards(1 + rand(3))})`),
    (db) =>
      db.query(`UPDATE appeals SET category_code = $1 WHERE id IN (${someAppeals(1 + rand(5))})`, [
        pick(CATEGORIES),
      ]),
    (db) =>
      db.query(
        `UPDATE appeals SET received_on = received_on + $1::int,
           received_at = received_at + make_interval(days => $1::int) WHERE id IN (${someAppeals(3)})`,
        [rand(90) - 45],
      ),
    (db) =>
      // One statement re-registering an enterprise's appeals to another (as a merge moves them).
      db.query(`UPDATE appeals SET enterprise_id = $1 WHERE enterprise_id = $2 AND number LIKE 'FR%'`, [
        pick(enterprises).id,
        pick(enterprises).id,
      ]),
    async (db) => {
      // An enterprise moved: its appeals from a day on registered with another street, and their forwards
      // with them (a forward carries its appeal's org unit: the counters read it so).
      await db.query(
        `UPDATE appeals SET org_unit_id = $1 WHERE enterprise_id = $2 AND number LIKE 'FR%' AND received_on >= $3`,
        [pick(streets), pick(enterprises).id, dayOf(FIRST_DAY, rand(DAYS))],
      );
      return db.query(
        mine(`UPDATE appeal_forwards f SET org_unit_id = a.org_unit_id FROM appeals a
           WHERE a.id = f.appeal_id AND f.org_unit_id <> a.org_unit_id AND a.${inScope}`),
      );
    },
    (db) =>
      db.query(
        mine(`DELETE FROM appeals WHERE id IN (SELECT a.id FROM appeals a WHERE a.number LIKE 'FR%' AND a.${inScope}
           AND NOT EXISTS (SELECT 1 FROM appeal_forwards f WHERE f.appeal_id = a.id) ORDER BY random() LIMIT $1)`),
        [1 + rand(4)],
      ),
    (db) =>
      db.query(
        `UPDATE appeals SET state = 'valid', validated_at = received_at WHERE id IN (${someAppeals(3)})`,
      ),
    // Memberships: an enterprise joins a chamber, leaves one, or its membership moves to the other.
    (db) =>
      db.query(
        'INSERT INTO chamber_memberships (chamber_id, enterprise_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [pick(chambers), pick(enterprises).id],
      ),
    (db) =>
      db.query('DELETE FROM chamber_memberships WHERE chamber_id = $1 AND enterprise_id = $2', [
        pick(chambers),
        pick(enterprises).id,
      ]),
    (db) => {
      const [from, to] = random() < 0.5 ? chambers : [...chambers].reverse();
      return db.query(
        `UPDATE chamber_memberships m SET chamber_id = $2 WHERE m.chamber_id = $1
           AND NOT EXISTS (SELECT 1 FROM chamber_memberships o WHERE o.chamber_id = $2 AND o.enterprise_id = m.enterprise_id)`,
        [from, to],
      );
    },
  ];

  /** Raised through the API on a random day of 2019 (the app's clock set to it), now and then forwarded. */
  const raiseThroughApi = async () => {
    const day = dayOf('2019-01-01', rand(190));
    t.ctx.clock.set(new Date(`${day}T02:00:00Z`));
    try {
      const response = await t.request({
        method: 'POST',
        url: '/api/appeals',
        cookie: staff,
        body: {
          enterpriseId: pick(enterprises.filter((e) => e.unit !== city)).id,
          category: pick(CATEGORIES),
          title: '首记测试',
          description: '首记测试',
          source: 'phone',
          urgency: 'normal',
        },
      });
      assert.equal(response.statusCode, 201, response.body);
      if (random() < 0.5) return;
      const { id } = json<{ appeal: { id: string } }>(response).appeal;
      const current = await t.request({ url: `/api/appeals/${id}`, cookie: staff });
      const { version } = json<{ appeal: { version: number } }>(current).appeal;
      const forwarded = await t.request({
        method: 'POST',
        url: `/api/appeals/${id}/transitions`,
        cookie: staff,
        body: { action: 'forward', departmentIds: [pick(departments).id], version },
      });
      assert.equal(forwarded.statusCode, 200, forwarded.body);
    } finally {
      t.ctx.clock.reset();
    }
  };

  // Checks ------------------------------------------------------------------------------------------------

  /**
   * A random period: any first day, up to 300 days long; now and then within one month. Never a run of whole
   * months: those are read from the kept counts of 0014, whose row triggers miscount a statement that moves
   * several appeals of one enterprise at once (each row's trigger sees the others moved already) — the
   * random writes here do that; the app's own writes move one appeal at a time.
   */
  const randomPeriod = () => {
    const from = dayOf('2017-12-01', rand(DAYS + 60));
    const to = dayOf(from, random() < 0.2 ? rand(20) : rand(300));
    const whole = from.endsWith('-01') && dayOf(to, 1).endsWith('-01');
    return { from, to: whole ? dayOf(to, -1) : to };
  };

  let comparisons = 0;
  /**
   * Every grouping of a period compared, at the district's scope (its bucket; by org unit its streets' side
   * rows) or, when asked, a street's (side rows) or the city's (buckets: the demo's districts, the test's,
   * the city's own; by org unit a bucket per child).
   */
  const figuresAgree = async (period: { from: string; to: string }, orgUnitId?: string, who = actor) => {
    for (const groupBy of GROUPINGS) {
      const query: AppealStatsQuery = { ...period, groupBy, ...(orgUnitId ? { orgUnitId } : {}) };
      assert.deepEqual(
        await computeAppealFigures(t.database.db, who, query, 'rollups'),
        await computeAppealFigures(t.database.db, who, query, 'records'),
        `seed 482026, after ${serial} appeals: ${JSON.stringify(query)}`,
      );
      comparisons++;
    }
  };

  /** A rollup's running day totals summed day by day over its shards, all-zero keys left out. */
  const days = async (table: string, keys: string) =>
    (
      await pool.query(
        `SELECT ${keys}, array_agg(n ORDER BY d) AS days FROM (
           SELECT ${keys}, d, sum(days[d])::int AS n FROM ${table}, generate_series(1, 31) AS d
           GROUP BY ${keys}, d) AS by_day
         GROUP BY ${keys} HAVING bool_or(n <> 0) ORDER BY ${keys}`,
      )
    ).rows;
  /** Counters of a rollup by bucket and `keys`, summed over its shards, all-zero keys left out. */
  const sums = async (table: string, keys: string, counters: string) => {
    const summed = counters.split(', ').map((c) => `sum(${c})::int AS ${c}`);
    return (
      await pool.query(
        `SELECT bucket_id, ${keys}, ${summed.join(', ')} FROM ${table} GROUP BY bucket_id, ${keys}
         HAVING greatest(${counters
           .split(', ')
           .map((c) => `abs(sum(${c}))`)
           .join(', ')}) > 0
         ORDER BY bucket_id, ${keys}`,
      )
    ).rows;
  };
  /** The side tables and the rollups, as a rebuild recounts them. */
  const snapshot = async () => ({
    appeals: (
      await pool.query(
        'SELECT appeal_id, org_unit_id, enterprise_id, received_on, category_code, prev_on, prev_category_on FROM appeal_first_records ORDER BY appeal_id',
      )
    ).rows,
    forwards: (
      await pool.query(
        'SELECT forward_id, org_unit_id, department_id, enterprise_id, forwarded_on, prev_forwarded_on FROM appeal_forward_first_records ORDER BY forward_id',
      )
    ).rows,
    // Each first record once per chamber of its enterprise (migration 0065), as the join says.
    chamberRecords: (
      await pool.query(
        'SELECT appeal_id, chamber_id, org_unit_id, received_on, prev_on FROM appeal_chamber_first_records ORDER BY 1, 2',
      )
    ).rows,
    appealRollups: await days('appeal_first_rollups', 'bucket_id, month, grouped_by, key, prev_month'),
    chamberRollups: await days('appeal_chamber_first_rollups', 'bucket_id, month, chamber_id, prev_month'),
    forwardRollups: await days('appeal_forward_first_rollups', 'bucket_id, month, department_id, prev_month'),
    // The counters by day and by month per bucket (migration 0063), whose triggers see the same writes.
    appealDays: await sums(
      'appeal_day_rollups',
      'day, category_code',
      'received, forwarded, valid, returned, responded',
    ),
    appealMonths: await sums('appeal_bucket_rollups', 'month, category_code', 'received, valid, returned'),
    chamberDays: await sums('appeal_chamber_day_rollups', 'day, chamber_id', 'received, valid, returned'),
    forwardDays: await sums('appeal_forward_day_rollups', 'day, department_id', 'forwards, returned'),
    forwardMonths: await sums('appeal_forward_bucket_rollups', 'month, department_id', 'forwards, returned'),
  });
  const assertKeptEqualsRebuild = async () => {
    const kept = await snapshot();
    const counts = await pool.query<{ appeals: number; forwards: number }>(
      'SELECT (SELECT count(*)::int FROM appeals) AS appeals, (SELECT count(*)::int FROM appeal_forwards) AS forwards',
    );
    assert.equal(kept.appeals.length, counts.rows[0]!.appeals, 'one first record per appeal');
    assert.equal(kept.forwards.length, counts.rows[0]!.forwards, 'one first record per forward');
    const joined = await pool.query(
      `SELECT f.appeal_id, cm.chamber_id, f.org_unit_id, f.received_on, f.prev_on
       FROM appeal_first_records f JOIN chamber_memberships cm ON cm.enterprise_id = f.enterprise_id ORDER BY 1, 2`,
    );
    assert.deepEqual(kept.chamberRecords, joined.rows, 'one chamber first record per membership');
    await rebuildAppealRollups(t.database.db);
    assert.deepEqual(kept, await snapshot(), 'the triggers kept what a rebuild recounts');
  };

  it('random writes through the API and SQL: every grouping of random periods equals the records', async () => {
    await insertAppeals(pool, 300);
    await insertForwards(pool, 120);
    for (let round = 0; round < 160; round++) {
      if (random() < 0.15) await raiseThroughApi();
      else await pick(sqlWrites)(pool);
      if (round % 4 === 0) {
        const where = random();
        if (where < 0.25) await figuresAgree(randomPeriod(), pick(streets));
        else if (where < 0.5) await figuresAgree(randomPeriod(), undefined, cityActor);
        else await figuresAgree(randomPeriod());
      }
    }
    // Edges: one day, a month's first day to a later month's middle, a whole month and days after it, a
    // year's turn, six months but their last day, every day but the first.
    for (const period of [
      { from: '2018-03-15', to: '2018-03-15' },
      { from: '2018-03-01', to: '2018-05-17' },
      { from: '2018-02-01', to: '2018-03-03' },
      { from: '2018-12-20', to: '2019-01-10' },
      { from: '2018-04-01', to: '2018-09-29' },
      { from: '2017-01-02', to: '2020-12-31' },
    ]) {
      await figuresAgree(period);
      await figuresAgree(period, undefined, cityActor);
    }
    await assertKeptEqualsRebuild();
    assert.ok(comparisons >= 40 * GROUPINGS.length, `${comparisons} comparisons`);
  });

  it('four writers at once keep the chains exact (a deadlock rolls one statement back whole)', async () => {
    let deadlocks = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        const client = await pool.connect();
        try {
          for (let i = 0; i < 20; i++) {
            await pick(sqlWrites)(client).catch((error: { code?: string }) => {
              // The row triggers of 0014 lock enterprises row by row; random multi-row updates in random
              // order can meet in a deadlock, which PostgreSQL resolves by rolling one statement back. A
              // forward added to an appeal another writer deletes fails its foreign key, whole.
              if (error.code === '40P01') deadlocks++;
              else if (error.code !== '23503') throw error;
            });
          }
        } finally {
          client.release();
        }
      }),
    );
    assert.ok(deadlocks < 40, `${deadlocks} deadlocks of 80 statements`);
    for (let i = 0; i < 8; i++) await figuresAgree(randomPeriod(), undefined, i % 2 ? cityActor : actor);
    await assertKeptEqualsRebuild();
  });

  it('a miscounted rollup row is caught by the comparison', async () => {
    // The busiest month of the district's first records without a previous appeal, read from the rollup
    // for a period that starts a few days before it (so no kept count of 0014 answers it).
    const { rows } = await pool.query<{ month: string }>(
      `SELECT to_char(month, 'YYYY-MM-DD') AS month FROM appeal_first_rollups
       WHERE bucket_id = $1 AND grouped_by = 'all' AND prev_month = '-infinity'
       GROUP BY 1 ORDER BY sum(days[31]) DESC, 1 LIMIT 1`,
      [district],
    );
    const month = rows[0]!.month;
    // The month whole inside the period, the days around it partial.
    const period = { from: dayOf(month, -3), to: dayOf(month, 40) };
    const figures = (source: 'rollups' | 'records') =>
      computeAppealFigures(t.database.db, actor, { ...period }, source);
    assert.deepEqual(await figures('rollups'), await figures('records'));
    // One more first record on the month's 10th, in one shard's row.
    await pool.query(
      `UPDATE appeal_first_rollups SET days = appeal_days_add(days, 10, 1)
       WHERE (bucket_id, month, grouped_by, key, prev_month, shard) IN (
         SELECT bucket_id, month, grouped_by, key, prev_month, shard FROM appeal_first_rollups
         WHERE bucket_id = $1 AND month = $2 AND grouped_by = 'all' AND prev_month = '-infinity' LIMIT 1)`,
      [district, month],
    );
    const miscounted = await figures('rollups');
    const counted = await figures('records');
    assert.equal(miscounted.total.enterprises, counted.total.enterprises + 1);
    await rebuildAppealRollups(t.database.db);
    assert.deepEqual(await figures('rollups'), counted);
    // The counters of the days around the whole month come from the day rollups (0063): one appeal and one
    // forward more on the period's first day show in the total and in the department's group.
    const byDepartment = (source: 'rollups' | 'records') =>
      computeAppealFigures(t.database.db, actor, { ...period, groupBy: 'department' }, source);
    const department = departments[0]!.id;
    await pool.query(
      `INSERT INTO appeal_day_rollups (bucket_id, day, category_code, shard, received) VALUES ($1, $2, 'tax', 0, 1)
       ON CONFLICT (bucket_id, day, category_code, shard) DO UPDATE SET received = appeal_day_rollups.received + 1`,
      [district, period.from],
    );
    await pool.query(
      `INSERT INTO appeal_forward_day_rollups (bucket_id, day, department_id, shard, forwards) VALUES ($1, $2, $3, 0, 1)
       ON CONFLICT (bucket_id, day, department_id, shard) DO UPDATE SET forwards = appeal_forward_day_rollups.forwards + 1`,
      [district, period.from, department],
    );
    const received = (f: Awaited<ReturnType<typeof byDepartment>>) =>
      f.groups.find((g) => g.key === department)?.received;
    const [wrong, right] = [await byDepartment('rollups'), await byDepartment('records')];
    assert.equal(wrong.total.received, right.total.received + 1);
    assert.equal(received(wrong), (received(right) ?? 0) + 1);
    await rebuildAppealRollups(t.database.db);
    assert.deepEqual(await byDepartment('rollups'), right);
    // By chamber the head's correction reads the chamber first records (0065). A period that starts early in
    // a month adds those whose previous appeal lies before `from` in it: one missing drops its chamber by
    // one. A period that starts late in a month takes away those whose previous appeal lies from `from` on:
    // one missing raises its chamber by one.
    for (const [days, start, change] of [
      ['BETWEEN 1 AND 10', 1, -1],
      ['BETWEEN 20 AND 28', 0, 1],
    ] as const) {
      const { rows: corrected } = await pool.query<{ chamber: string; prev: string; to: string }>(
        `SELECT c.chamber_id AS chamber, to_char(c.prev_on, 'YYYY-MM-DD') AS prev,
           to_char(c.received_on, 'YYYY-MM-DD') AS to
         FROM appeal_chamber_first_records c JOIN org_units u ON u.id = c.org_unit_id
         WHERE u.path LIKE (SELECT path FROM org_units WHERE id = $1) || '%'
           AND extract(day FROM c.prev_on) ${days}
         ORDER BY c.appeal_id, c.chamber_id LIMIT 1`,
        [district],
      );
      const one = corrected[0]!;
      const period = { from: dayOf(one.prev, start), to: one.to };
      const byChamber = (source: 'rollups' | 'records') =>
        computeAppealFigures(t.database.db, actor, { ...period, groupBy: 'chamber' }, source);
      const enterprisesOf = (f: Awaited<ReturnType<typeof byChamber>>) =>
        f.groups.find((g) => g.key === one.chamber)?.enterprises ?? 0;
      const truth = await byChamber('records');
      assert.deepEqual(await byChamber('rollups'), truth);
      await pool.query(
        `DELETE FROM appeal_chamber_first_records WHERE (appeal_id, chamber_id) IN (
           SELECT appeal_id, chamber_id FROM appeal_chamber_first_records
           WHERE chamber_id = $1 AND prev_on = $2::date AND received_on = $3::date LIMIT 1)`,
        [one.chamber, one.prev, one.to],
      );
      assert.equal(enterprisesOf(await byChamber('rollups')), enterprisesOf(truth) + change, days);
      await rebuildAppealRollups(t.database.db);
      assert.deepEqual(await byChamber('rollups'), truth);
    }
  });

  it('a unit that moves to another district takes its first records to the new bucket', async () => {
    const other = await addUnit(city, 'district', '首记迁入区工商联');
    const period = { from: '2018-02-11', to: '2018-11-19' };
    const street = streets[2]!;
    const before = await computeAppealFigures(
      t.database.db,
      cityActor,
      { ...period, groupBy: 'orgUnit' },
      'rollups',
    );
    const { rows } = await pool.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [other]);
    // The street and its subtree re-rooted under the other district, as a repair by SQL would.
    await pool.query(
      `UPDATE org_units SET parent_id = CASE WHEN id = $1 THEN $2 ELSE parent_id END,
         path = $3 || substr(path, length((SELECT path FROM org_units WHERE id = $1)) - 36)
       WHERE path LIKE (SELECT path FROM org_units WHERE id = $1) || '%'`,
      [street, other, rows[0]!.path],
    );
    for (const who of [cityActor, actor]) {
      for (const groupBy of GROUPINGS) {
        const query: AppealStatsQuery = { ...period, groupBy };
        assert.deepEqual(
          await computeAppealFigures(t.database.db, who, query, 'rollups'),
          await computeAppealFigures(t.database.db, who, query, 'records'),
          JSON.stringify({ who: who.orgUnitId, query }),
        );
      }
    }
    const after = await computeAppealFigures(
      t.database.db,
      cityActor,
      { ...period, groupBy: 'orgUnit' },
      'rollups',
    );
    assert.equal(after.total.enterprises, before.total.enterprises, 'the city counts the same pairs');
    const moved = after.groups.find((g) => g.key === other);
    assert.ok(moved && moved.enterprises > 0, 'the district it moved to counts its enterprises now');
  });
});
