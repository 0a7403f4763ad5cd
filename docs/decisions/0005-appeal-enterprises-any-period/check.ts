// Prototype check (decision 0005, not part of the suite): the first-records counts of appeals.sql and
// forwards.sql against distinct pairs counted from the records, for random periods, after random changes —
// inserts (backdated), category and day changes, merges (one statement moving an enterprise's appeals),
// moves between org units, deletions, forwards re-dated, re-routed and deleted, and four writers at once —
// then the kept previous days and rollups against a rebuild.
// Run: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx docs/decisions/0005-appeal-enterprises-any-period/check.ts
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase } from '../../../apps/server/src/test/database.ts';

const here = import.meta.dirname;

const rand = (n: number) => Math.floor(Math.random() * n);
const pick = <T>(xs: readonly T[]) => xs[rand(xs.length)]!;
const dayOf = (base: string, offset: number) =>
  new Date(Date.parse(`${base}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

const db = await createTestDatabase();
const pool = new pg.Pool({ connectionString: db.url, max: 4 });
try {
  await pool.query(fs.readFileSync(path.join(here, 'appeals.sql'), 'utf8'));
  await pool.query(fs.readFileSync(path.join(here, 'forwards.sql'), 'utf8'));
  const units: string[] = [];
  for (let i = 0; i < 4; i++) {
    const id = crypto.randomUUID();
    await pool.query(
      "INSERT INTO org_units (id, parent_id, kind, name, path, depth) VALUES ($1, NULL, 'street', $2, $3, 0)",
      [id, `原型${i}`, `/${id}/`],
    );
    units.push(id);
  }
  const enterprises: string[] = [];
  for (let i = 0; i < 12; i++) {
    const { rows } = await pool.query<{ id: string }>(
      'INSERT INTO enterprises (org_unit_id, name, uscc) VALUES ($1, $2, $3) RETURNING id',
      [units[i % 4], `原型企业${i}`, `PROTO-${i}-${crypto.randomUUID()}`],
    );
    enterprises.push(rows[0]!.id);
  }
  const departments: string[] = [];
  const channels: string[] = [];
  for (let i = 0; i < 3; i++) {
    const id = crypto.randomUUID();
    await pool.query(
      "INSERT INTO org_units (id, parent_id, kind, name, path, depth) VALUES ($1, $2, 'department', $3, $4, 1)",
      [id, units[0], `原型部门${i}`, `/${units[0]}/${id}/`],
    );
    departments.push(id);
    const { rows } = await pool.query<{ id: string }>(
      'INSERT INTO channels (org_unit_id, department_id, name) VALUES ($1, $2, $3) RETURNING id',
      [units[0], id, `原型通道${i}`],
    );
    channels.push(rows[0]!.id);
  }
  const categories = (
    await pool.query<{ code: string }>('SELECT code FROM appeal_categories LIMIT 3')
  ).rows.map((r) => r.code);
  console.log(units.length, enterprises.length, categories.length);
  let serial = 0;
  const insert = (n: number) =>
    pool.query(
      `INSERT INTO appeals (number, enterprise_id, org_unit_id, category_code, title, description, source, urgency,
         state, received_at, received_on)
       SELECT 'P' || $1::int || '-' || g, (ARRAY[${enterprises.map((e) => `'${e}'::uuid`).join(',')}])[1 + floor(random() * ${enterprises.length})::int],
         (ARRAY[${units.map((e) => `'${e}'::uuid`).join(',')}])[1 + floor(random() * ${units.length})::int],
         (ARRAY[${categories.map((c) => `'${c}'`).join(',')}])[1 + floor(random() * ${categories.length})::int],
         '原型', '原型', 'phone', 'normal', 'submitted', d::timestamp AT TIME ZONE 'Asia/Shanghai', d
       FROM generate_series(1, $2::int) g, LATERAL (SELECT ('2025-01-01'::date + floor(random() * 500)::int + g * 0) AS d) x`,
      [++serial, n],
    );
  const forward = (n: number) => {
    const k = rand(3);
    return pool.query(
      `INSERT INTO appeal_forwards (appeal_id, round, department_id, channel_id, org_unit_id, category_code, state,
         forwarded_at, forwarded_on, respond_due_at, resolve_due_at)
       SELECT a.id, a.round, $1, $2, a.org_unit_id, a.category_code, 'returned', d::timestamp AT TIME ZONE 'Asia/Shanghai', d, now(), now()
       FROM (SELECT * FROM appeals WHERE number LIKE 'P%' ORDER BY random() LIMIT $3) a,
         LATERAL (SELECT a.received_on + floor(random() * 40)::int AS d) x`,
      [departments[k], channels[k], n],
    );
  };
  const ops = [
    async () => forward(1 + rand(10)),
    async () => forward(1),
    async () =>
      pool.query(
        `UPDATE appeal_forwards SET forwarded_on = forwarded_on + $1::int WHERE id IN (SELECT id FROM appeal_forwards ORDER BY random() LIMIT 2)`,
        [rand(60) - 30],
      ),
    async () =>
      pool.query(
        `UPDATE appeal_forwards SET department_id = $1 WHERE id IN (SELECT id FROM appeal_forwards ORDER BY random() LIMIT 2)`,
        [pick(departments)],
      ),
    async () =>
      pool.query(
        `UPDATE appeal_forwards SET org_unit_id = a.org_unit_id FROM appeals a WHERE a.id = appeal_forwards.appeal_id AND appeal_forwards.org_unit_id <> a.org_unit_id AND random() < 0.5`,
      ),
    async () =>
      pool.query(
        `DELETE FROM appeal_forwards WHERE id IN (SELECT id FROM appeal_forwards ORDER BY random() LIMIT $1)`,
        [1 + rand(3)],
      ),
    async () => insert(1 + rand(20)),
    async () => insert(1), // backdated single
    async () =>
      pool.query(
        `UPDATE appeals SET category_code = $1 WHERE id IN (SELECT id FROM appeals WHERE number LIKE 'P%' ORDER BY random() LIMIT $2)`,
        [pick(categories), 1 + rand(5)],
      ),
    async () =>
      pool.query(`UPDATE appeals SET enterprise_id = $1 WHERE enterprise_id = $2 AND number LIKE 'P%'`, [
        pick(enterprises),
        pick(enterprises),
      ]), // merge
    async () =>
      pool.query(
        `UPDATE appeals SET org_unit_id = $1 WHERE enterprise_id = $2 AND number LIKE 'P%' AND received_on >= $3`,
        [pick(units), pick(enterprises), dayOf('2025-01-01', rand(500))],
      ), // move
    async () =>
      pool.query(
        `UPDATE appeals SET received_on = received_on + $1::int WHERE id IN (SELECT id FROM appeals WHERE number LIKE 'P%' ORDER BY random() LIMIT 3)`,
        [rand(90) - 45],
      ),
    async () =>
      pool.query(
        `DELETE FROM appeals WHERE id IN (SELECT id FROM appeals a WHERE number LIKE 'P%' AND NOT EXISTS (SELECT 1 FROM appeal_forwards f WHERE f.appeal_id = a.id) ORDER BY random() LIMIT $1)`,
        [1 + rand(4)],
      ),
    async () =>
      pool.query(
        `UPDATE appeals SET state = 'valid' WHERE id IN (SELECT id FROM appeals WHERE number LIKE 'P%' ORDER BY random() LIMIT 3)`,
      ),
  ];
  let checks = 0;
  let failures = 0;
  const check = async () => {
    const from = dayOf('2024-12-01', rand(560));
    const to = dayOf(from, rand(300));
    for (const byCategory of [false, true]) {
      const fast = await pool.query(
        `SELECT org_unit_id, key, enterprises::int AS n FROM appeal_first_count($1, $2, $3, $4) ORDER BY 1, 2`,
        [units, from, to, byCategory],
      );
      const slow = await pool.query(
        `SELECT org_unit_id, CASE WHEN $4 THEN category_code ELSE '' END AS key, count(DISTINCT enterprise_id)::int AS n
         FROM appeals WHERE org_unit_id = ANY ($1) AND received_on BETWEEN $2 AND $3 GROUP BY 1, 2 ORDER BY 1, 2`,
        [units, from, to, byCategory],
      );
      checks++;
      if (!byCategory) {
        const ff = await pool.query(
          `SELECT department_id, enterprises::int AS n FROM forward_first_count($1, $2, $3) ORDER BY 1`,
          [units, from, to],
        );
        const fs2 = await pool.query(
          `SELECT department_id, count(*)::int AS n FROM (SELECT DISTINCT f.department_id, f.org_unit_id, a.enterprise_id
             FROM appeal_forwards f JOIN appeals a ON a.id = f.appeal_id
             WHERE f.org_unit_id = ANY ($1) AND f.forwarded_on BETWEEN $2 AND $3) x GROUP BY 1 ORDER BY 1`,
          [units, from, to],
        );
        if (JSON.stringify(ff.rows) !== JSON.stringify(fs2.rows)) {
          failures++;
          if (failures < 4) console.log('FORWARD MISMATCH', from, to, ff.rows, fs2.rows);
        }
      }
      if (JSON.stringify(fast.rows) !== JSON.stringify(slow.rows)) {
        failures++;
        if (failures < 4) console.log('MISMATCH', from, to, byCategory, fast.rows, slow.rows);
      }
    }
  };
  await insert(400);
  for (let round = 0; round < 300; round++) {
    await pick(ops)();
    if (round % 3 === 0) await check();
  }
  // Concurrency: several writers at once.
  let deadlocks = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let i = 0; i < 25; i++)
        await pick(ops)().catch((e: { code?: string }) => {
          if (e.code === '40P01') deadlocks++;
          else throw e;
        });
    }),
  );
  console.log(
    'sequential failures',
    failures,
    'deadlocks (multi-row updates in random order, rolled back)',
    deadlocks,
  );
  for (let i = 0; i < 30; i++) await check();
  // The kept rollup equals a rebuild; the kept previous days equal a recount.
  const before = await pool.query(
    `SELECT org_unit_id, month, grouped_by, key, prev_month, appeals FROM appeal_first_rollups WHERE appeals <> 0 ORDER BY 1,2,3,4,5`,
  );
  const prevBefore = await pool.query(`SELECT id, prev_on, prev_category_on FROM appeals ORDER BY id`);
  const fBefore = await pool.query(
    `SELECT * FROM appeal_forward_first_rollups WHERE forwards <> 0 ORDER BY 1,2,3,4`,
  );
  const fPrevBefore = await pool.query(`SELECT id, prev_forwarded_on FROM appeal_forwards ORDER BY id`);
  await pool.query('SELECT rebuild_appeal_first_records()');
  await pool.query('SELECT rebuild_forward_first_records()');
  const fAfter = await pool.query(
    `SELECT * FROM appeal_forward_first_rollups WHERE forwards <> 0 ORDER BY 1,2,3,4`,
  );
  const fPrevAfter = await pool.query(`SELECT id, prev_forwarded_on FROM appeal_forwards ORDER BY id`);
  console.log(
    'forward rollup = rebuild',
    JSON.stringify(fBefore.rows) === JSON.stringify(fAfter.rows),
    'forward prev = rebuild',
    JSON.stringify(fPrevBefore.rows) === JSON.stringify(fPrevAfter.rows),
    'forwards',
    fPrevAfter.rowCount,
  );
  const afterRebuild = await pool.query(
    `SELECT org_unit_id, month, grouped_by, key, prev_month, appeals FROM appeal_first_rollups WHERE appeals <> 0 ORDER BY 1,2,3,4,5`,
  );
  const prevAfter = await pool.query(`SELECT id, prev_on, prev_category_on FROM appeals ORDER BY id`);
  console.log(
    'checks',
    checks,
    'failures',
    failures,
    'rollup = rebuild',
    JSON.stringify(before.rows) === JSON.stringify(afterRebuild.rows),
    'prev = rebuild',
    JSON.stringify(prevBefore.rows) === JSON.stringify(prevAfter.rows),
    'appeals',
    (await pool.query('SELECT count(*) FROM appeals')).rows[0].count,
  );
  const same = (a: pg.QueryResult, b: pg.QueryResult) => JSON.stringify(a.rows) === JSON.stringify(b.rows);
  const exact =
    failures === 0 &&
    same(before, afterRebuild) &&
    same(prevBefore, prevAfter) &&
    same(fBefore, fAfter) &&
    same(fPrevBefore, fPrevAfter);
  console.log(exact ? 'EXACT' : 'NOT EXACT');
  if (!exact) process.exitCode = 1;
} finally {
  await pool.end();
  await db.drop();
}
