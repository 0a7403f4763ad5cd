// 融资对接 at province scale: 100,000 financing needs (scale with --needs or BENCH_FINANCING_NEEDS) over a
// province of 100 districts with 10,000 enterprises and 20 partner banks, in a database of its own (default
// postgres://postgres@127.0.0.1:5432/qinqing_bench_financing, generated once, reused after), made by set-based
// SQL. Over HTTP: the province's figures by bank for a year (target p95 ≤ 300 ms) and one bank's inbox
// (target p95 ≤ 50 ms). Options: --database-url URL, --needs N, --samples N.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { benchAccount } from './lib/accounts.ts';
import { isEntry, runStandalone, type Benchmark } from './lib/entry.ts';
import { ms, percentile, seconds, type TargetRow } from './lib/report.ts';
import { makeTempDataDir, spawnAppServer, waitHealthy } from './lib/server.ts';

const STATS_TARGET_MS = 300;
const INBOX_TARGET_MS = 50;
const START_TIMEOUT_MS = 180_000;
const WARMUP = 3;
const PROVINCE = '融资基准省工商联';
const YEAR = { from: '2025-01-01', to: '2025-12-31' };

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/qinqing_bench_financing' },
    needs: { type: 'string', default: process.env.BENCH_FINANCING_NEEDS ?? '100000' },
    samples: { type: 'string', default: '30' },
  },
  strict: false,
});

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** The province, its 100 districts, 20 banks under it, 10,000 enterprises (100 a district). */
async function generateProvince(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO org_units (id, kind, name, path, depth)
     SELECT id, 'province', $1, '/' || id || '/', 0 FROM (SELECT gen_random_uuid() AS id) p RETURNING id`,
    [PROVINCE],
  );
  const provinceId = rows[0]!.id;
  await pool.query(
    `INSERT INTO org_units (id, parent_id, kind, name, path, depth)
     SELECT id, $1::uuid, kind, name, '/' || $1::text || '/' || id || '/', 1 FROM (
       SELECT gen_random_uuid() AS id, 'district' AS kind, '基准区' || g || '工商联' AS name FROM generate_series(1, 100) g
       UNION ALL
       SELECT gen_random_uuid(), 'bank', '基准银行' || g || '分行' FROM generate_series(1, 20) g) u`,
    [provinceId],
  );
  await pool.query(
    `INSERT INTO enterprises (org_unit_id, name, uscc)
     SELECT d.id, d.name || '企业' || g, 'BENCHF' || lpad((d.n * 1000 + g)::text, 12, '0')
     FROM (SELECT id, name, row_number() OVER (ORDER BY id) AS n FROM org_units
            WHERE parent_id = $1 AND kind = 'district') d
     CROSS JOIN generate_series(1, 100) g`,
    [provinceId],
  );
  return provinceId;
}

/**
 * `count` needs in one statement, dated over two years: one in ten still submitted, the rest vetted and sent
 * to one to three of the banks (a stride through them), answered on most rows — approved, declined or
 * granted — with the need's state following its answers.
 */
async function generateNeeds(pool: pg.Pool, provinceId: string, count: number): Promise<void> {
  await pool.query(
    `CREATE TEMP TABLE bench_firms AS SELECT row_number() OVER (ORDER BY e.id) AS n, e.id, e.org_unit_id
       FROM enterprises e JOIN org_units u ON u.id = e.org_unit_id WHERE u.parent_id = $1`,
    [provinceId],
  );
  await pool.query(
    `CREATE TEMP TABLE bench_banks AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id
       FROM org_units WHERE parent_id = $1 AND kind = 'bank'`,
    [provinceId],
  );
  const firms = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM bench_firms')).rows[0]!.n);
  await pool.query(
    `INSERT INTO financing_needs (org_unit_id, enterprise_id, amount_fen, term_months, purpose, consent,
       consent_changed_at, state, vetted_at, first_sent_at, granted_bank_id, granted_amount_fen, granted_rate,
       granted_on, created_at, updated_at)
     SELECT f.org_unit_id, f.id, a.fen, 12, '补充流动资金', true, a.at,
       CASE WHEN g % 10 = 0 THEN 'submitted' WHEN g % 4 = 1 THEN 'granted' WHEN g % 4 = 2 THEN 'approved'
            WHEN g % 4 = 3 THEN 'declined' ELSE 'sent' END,
       CASE WHEN g % 10 <> 0 THEN a.at END, CASE WHEN g % 10 <> 0 THEN a.at END,
       NULL,
       CASE WHEN g % 10 <> 0 AND g % 4 = 1 THEN a.fen END,
       CASE WHEN g % 10 <> 0 AND g % 4 = 1 THEN 3.45 END,
       CASE WHEN g % 10 <> 0 AND g % 4 = 1 THEN (a.at AT TIME ZONE 'Asia/Shanghai')::date + 20 END,
       a.at, a.at
     FROM generate_series(1, $1::int) g
     JOIN bench_firms f ON f.n = 1 + (g::bigint * 7919) % $2
     CROSS JOIN LATERAL (SELECT (100000 * (1 + g % 500))::bigint AS fen,
       timestamptz '2024-01-01 10:00+08' + ((g * 13) % 700) * interval '1 day' AS at) a`,
    [count, firms],
  );
  // The bank rows: the first bank (the one that granted, when granted) answers as the need's state says;
  // the others sent to leave the answer open or decline.
  await pool.query(
    `INSERT INTO financing_need_banks (need_id, bank_id, state, sent_at, answered_at, approved_amount_fen,
       approved_rate, approved_term_months, approved_at, declined_at, decline_reason, granted_amount_fen,
       granted_on, updated_at)
     SELECT n.id, b.id,
       CASE WHEN k = 0 AND n.state = 'granted' THEN 'granted' WHEN k = 0 AND n.state = 'approved' THEN 'approved'
            WHEN n.state = 'declined' THEN 'declined' WHEN k = 0 THEN 'accepted' ELSE 'sent' END,
       n.first_sent_at, CASE WHEN k = 0 OR n.state = 'declined' THEN n.first_sent_at + interval '3 days' END,
       CASE WHEN k = 0 AND n.state IN ('granted', 'approved') THEN n.amount_fen END,
       CASE WHEN k = 0 AND n.state IN ('granted', 'approved') THEN 3.45 END,
       CASE WHEN k = 0 AND n.state IN ('granted', 'approved') THEN 12 END,
       CASE WHEN k = 0 AND n.state IN ('granted', 'approved') THEN n.first_sent_at + interval '3 days' END,
       CASE WHEN n.state = 'declined' THEN n.first_sent_at + interval '3 days' END,
       CASE WHEN n.state = 'declined' THEN '不符合条件' END,
       CASE WHEN k = 0 AND n.state = 'granted' THEN n.granted_amount_fen END,
       CASE WHEN k = 0 AND n.state = 'granted' THEN n.granted_on END,
       n.first_sent_at
     FROM (SELECT n.*, row_number() OVER (ORDER BY n.id) AS g FROM financing_needs n
            WHERE n.first_sent_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM financing_need_banks x WHERE x.need_id = n.id)) n
     CROSS JOIN LATERAL generate_series(0, (n.g % 3)::int) k
     JOIN bench_banks b ON b.n = (n.g + k * 7) % 20
     ON CONFLICT DO NOTHING`,
  );
  await pool.query(`UPDATE financing_needs n SET granted_bank_id = nb.bank_id FROM financing_need_banks nb
    WHERE nb.need_id = n.id AND nb.state = 'granted' AND n.granted_bank_id IS NULL`);
  await pool.query('DROP TABLE bench_firms');
  await pool.query('DROP TABLE bench_banks');
  await pool.query('VACUUM ANALYZE financing_needs');
  await pool.query('VACUUM ANALYZE financing_need_banks');
  // Kept by the triggers of migration 0054 as the rows went in.
  await pool.query('VACUUM ANALYZE financing_bank_rollups, financing_bank_loan_days');
}

async function timed(run: () => Promise<void>, samples: number): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await run();
  const timings: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await run();
    timings.push(performance.now() - started);
  }
  return timings;
}

export const financingFigures: Benchmark = {
  title: 'Financing at 100,000 needs: figures by bank for a year, a bank’s inbox',
  async run() {
    const url = String(args['database-url']);
    const asked = Number(args.needs);
    const samples = Number(args.samples);
    const log = (message: string) => console.log(`  ${message}`);
    const rows: TargetRow[] = [];
    await ensureDatabase(url);
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    let server: Awaited<ReturnType<typeof spawnAppServer>> | undefined;
    try {
      await migrate(pool);
      const province = await pool.query<{ id: string }>(
        'SELECT id FROM org_units WHERE parent_id IS NULL AND name = $1',
        [PROVINCE],
      );
      const provinceId = province.rows[0]?.id ?? (await generateProvince(pool));
      const { rows: present } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM financing_needs');
      if (Number(present[0]!.n) < asked * 0.9) {
        log(`generating ${asked.toLocaleString('en')} needs…`);
        const started = performance.now();
        await generateNeeds(pool, provinceId, asked - Number(present[0]!.n));
        rows.push({
          target: `${asked.toLocaleString('en')} needs and their bank rows, set-based`,
          measured: seconds(performance.now() - started),
          goal: '—',
        });
      } else log(`reusing ${Number(present[0]!.n).toLocaleString('en')} needs`);

      const { rows: busiest } = await pool.query<{ id: string; name: string; n: string }>(
        `SELECT b.id, b.name, count(*) AS n FROM financing_need_banks nb JOIN org_units b ON b.id = nb.bank_id
          GROUP BY b.id, b.name ORDER BY count(*) DESC LIMIT 1`,
      );
      const bank = busiest[0]!;
      const accounts = {
        province: await benchAccount(pool, {
          username: 'bench-financing-province',
          orgUnitId: provinceId,
          roles: ['federation_staff'],
        }),
        bank: await benchAccount(pool, {
          username: 'bench-financing-bank',
          orgUnitId: bank.id,
          roles: ['bank_manager'],
        }),
      };
      server = await spawnAppServer({
        dataDir: makeTempDataDir(),
        env: { DATABASE_URL: url, QINQING_AUDIT_KEY: 'qinqing-bench-financing', QINQING_DEMO: 'off' },
      });
      await waitHealthy(server, performance.now(), START_TIMEOUT_MS);
      const base = server.baseUrl;

      const get = async (path: string, cookie: string) => {
        const response = await fetch(`${base}${path}`, { headers: { cookie } });
        const body = await response.text();
        if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${body}`);
        return JSON.parse(body) as Record<string, unknown>;
      };

      for (const groupBy of ['bank', 'month', 'orgUnit'] as const) {
        let described = '';
        const timings = await timed(async () => {
          const stats = (await get(
            `/api/financing/stats?groupBy=${groupBy}&from=${YEAR.from}&to=${YEAR.to}`,
            accounts.province.cookie,
          )) as { total: { needs: number; granted: number; grantedAmount: string }; groups: unknown[] };
          described = `${stats.groups.length} groups, ${stats.total.needs.toLocaleString('en')} needs, ${stats.total.granted.toLocaleString('en')} loans`;
        }, samples);
        const p95 = percentile(timings, 95);
        const measured = groupBy === 'bank';
        rows.push({
          target: `province: figures by ${groupBy}, ${YEAR.from.slice(0, 4)} (${described})`,
          measured: `p50 ${ms(percentile(timings, 50))} · p95 ${ms(p95)}`,
          goal: measured ? `p95 ≤ ${STATS_TARGET_MS} ms` : '—',
          ...(measured ? { met: p95 <= STATS_TARGET_MS } : {}),
        });
      }
      let inboxTotal = 0;
      const inbox = await timed(async () => {
        const page = (await get('/api/financing-needs?pageSize=20', accounts.bank.cookie)) as {
          total: number;
        };
        inboxTotal = page.total;
      }, samples);
      const p95 = percentile(inbox, 95);
      rows.push({
        target: `${bank.name}'s inbox, first page of 20 (${inboxTotal.toLocaleString('en')} needs sent to it)`,
        measured: `p50 ${ms(percentile(inbox, 50))} · p95 ${ms(p95)}`,
        goal: `p95 ≤ ${INBOX_TARGET_MS} ms`,
        met: p95 <= INBOX_TARGET_MS,
      });
      return rows;
    } finally {
      await server?.stop();
      await pool.end();
    }
  },
};

if (isEntry(import.meta.url)) await runStandalone(financingFigures);
