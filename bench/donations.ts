// 捐赠 at province scale: 1,000,000 donations over the synthetic province (demo/synthetic.ts; generated in a
// database of its own, default postgres://postgres@127.0.0.1:5432/qinqing_bench_donations, once, reused
// after), made by set-based SQL (one INSERT … SELECT over generate_series, not row by row), and over HTTP the
// year's totals by every grouping (target p95 ≤ 300 ms) for the province's staff and a district's.
// Options: --database-url URL, --donations N, --enterprises N (of the province, when generated), --samples N.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { generateSynthetic, SYNTHETIC_PROVINCE } from '../apps/server/src/demo/synthetic.ts';
import { benchAccount } from './lib/accounts.ts';
import { isEntry, runStandalone, type Benchmark } from './lib/entry.ts';
import { ms, percentile, seconds, type TargetRow } from './lib/report.ts';
import { makeTempDataDir, spawnAppServer, waitHealthy } from './lib/server.ts';

const TARGET_MS = 300;
const START_TIMEOUT_MS = 180_000;
const WARMUP = 3;
/** The donations are dated over these three years; the figures are asked for the last. */
const FIRST_DAY = '2023-01-01';
const YEAR = { from: '2025-01-01', to: '2025-12-31' };

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/qinqing_bench_donations' },
    donations: { type: 'string', default: '1000000' },
    enterprises: { type: 'string', default: '1000000' },
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

/**
 * One campaign per district (kind campaign) and one program per city, then `count` donations in one
 * statement: the n-th by the enterprise at a stride through the numbered enterprises, dated over three
 * years, of every kind (goods with an item and its value, rent reductions with tenants and months), 70% to
 * their district's campaign, one in seven directed, 5% pledged, 2% voided, the rest confirmed.
 */
async function generateDonations(pool: pg.Pool, provinceId: string, count: number): Promise<void> {
  await pool.query(
    `
    INSERT INTO donation_campaigns (org_unit_id, name, kind, starts_on)
    SELECT u.id, u.name || CASE WHEN u.kind = 'district' THEN '冬日里的温暖' ELSE '为千户家庭送温暖' END,
      CASE WHEN u.kind = 'district' THEN 'campaign' ELSE 'program' END, '${FIRST_DAY}'
    FROM org_units u JOIN org_units p ON p.id = $1
    WHERE u.path LIKE p.path || '%' AND u.kind IN ('district', 'city')
      AND NOT EXISTS (SELECT 1 FROM donation_campaigns c WHERE c.org_unit_id = u.id)`,
    [provinceId],
  );
  await pool.query(
    `
    CREATE TEMP TABLE bench_givers AS
    SELECT row_number() OVER (ORDER BY e.id) AS n, e.id, e.name, e.org_unit_id,
      (SELECT c.id FROM donation_campaigns c WHERE c.org_unit_id::text = split_part(u.path, '/', 4)) AS campaign_id
    FROM enterprises e JOIN org_units u ON u.id = e.org_unit_id
    WHERE e.merged_into_id IS NULL AND u.path LIKE (SELECT path FROM org_units WHERE id = $1) || '%'`,
    [provinceId],
  );
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM bench_givers');
  const givers = Number(rows[0]!.n);
  // One recount after the load instead of a million trigger calls (the rollups of migration 0050, the
  // subtrees' total lines of 0057).
  await pool.query('ALTER TABLE donations DISABLE TRIGGER donation_chamber_rollups_write');
  await pool.query('ALTER TABLE donations DISABLE TRIGGER donation_subtree_insert');
  await pool.query(
    `INSERT INTO donations (org_unit_id, campaign_id, donor_enterprise_id, donor_name, kind, amount_fen, items,
       rent_tenants, rent_months, channel, directed, directed_to, donated_on, receipt_number, state,
       confirmed_at, voided_at)
     SELECT e.org_unit_id, CASE WHEN g % 10 < 7 THEN e.campaign_id END, e.id, e.name, k.kind, k.fen,
       CASE WHEN k.kind = 'goods' THEN jsonb_build_array(jsonb_build_object('name', '物资', 'quantity', 1 + g % 50,
         'value', (k.fen / 100)::text || '.' || lpad((k.fen % 100)::text, 2, '0'))) ELSE '[]'::jsonb END,
       CASE WHEN k.kind = 'rent_reduction' THEN 1 + g % 9 END, CASE WHEN k.kind = 'rent_reduction' THEN 3 END,
       (ARRAY['foundation', 'charity', 'direct'])[1 + g % 3], g % 7 = 0, CASE WHEN g % 7 = 0 THEN '对口帮扶县' END,
       date '${FIRST_DAY}' + ((g * 13) % 1095)::int, 'B' || g,
       CASE WHEN g % 20 = 0 THEN 'pledged' WHEN g % 50 = 1 THEN 'voided' WHEN g % 3 = 0 THEN 'acknowledged'
            ELSE 'received' END,
       CASE WHEN g % 20 <> 0 AND g % 50 <> 1 THEN now() END, CASE WHEN g % 50 = 1 THEN now() END
     FROM generate_series(1, $1::int) g
     JOIN bench_givers e ON e.n = 1 + (g::bigint * 7919) % $2
     CROSS JOIN LATERAL (SELECT
       (ARRAY['cash', 'cash', 'cash', 'cash', 'cash', 'cash', 'goods', 'goods', 'services', 'rent_reduction'])[1 + g % 10] AS kind,
       (100 * (100 + (g::bigint * 37) % 50000) + g % 100)::bigint AS fen) k`,
    [count, givers],
  );
  await pool.query('ALTER TABLE donations ENABLE TRIGGER donation_chamber_rollups_write');
  await pool.query('ALTER TABLE donations ENABLE TRIGGER donation_subtree_insert');
  await pool.query('SELECT rebuild_donation_chamber_rollups()');
  await pool.query('SELECT rebuild_donation_subtree_figures()');
  await pool.query('DROP TABLE bench_givers');
  await pool.query('VACUUM ANALYZE donations');
  await pool.query('ANALYZE donation_campaigns');
  await pool.query('VACUUM ANALYZE donation_chamber_rollups');
  await pool.query(
    'VACUUM ANALYZE donation_subtree_totals, donation_subtree_campaigns, donation_subtree_donors',
  );
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

export const donationFigures: Benchmark = {
  title: 'Donations at 1,000,000: a year’s totals by every grouping',
  async run() {
    const url = String(args['database-url']);
    const asked = Number(args.donations);
    const samples = Number(args.samples);
    const log = (message: string) => console.log(`  ${message}`);
    const rows: TargetRow[] = [];
    await ensureDatabase(url);
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    let server: Awaited<ReturnType<typeof spawnAppServer>> | undefined;
    try {
      await migrate(pool);
      let province = await pool.query<{ id: string }>(
        'SELECT id FROM org_units WHERE parent_id IS NULL AND name = $1',
        [SYNTHETIC_PROVINCE.name],
      );
      if (!province.rows[0]) {
        log(
          `generating the synthetic province (${Number(args.enterprises).toLocaleString('en')} enterprises)…`,
        );
        const started = performance.now();
        await generateSynthetic(pool, { enterprises: Number(args.enterprises), log });
        rows.push({
          target: 'synthetic province',
          measured: seconds(performance.now() - started),
          goal: '—',
        });
        province = await pool.query('SELECT id FROM org_units WHERE parent_id IS NULL AND name = $1', [
          SYNTHETIC_PROVINCE.name,
        ]);
      }
      const provinceId = province.rows[0]!.id;
      const { rows: present } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM donations');
      if (Number(present[0]!.n) < asked * 0.9) {
        log(`generating ${asked.toLocaleString('en')} donations…`);
        const started = performance.now();
        await generateDonations(pool, provinceId, asked - Number(present[0]!.n));
        rows.push({
          target: `${asked.toLocaleString('en')} donations, one INSERT … SELECT`,
          measured: seconds(performance.now() - started),
          goal: '—',
        });
      } else log(`reusing ${Number(present[0]!.n).toLocaleString('en')} donations`);

      const { rows: districts } = await pool.query<{ id: string; name: string }>(
        `SELECT u.id, u.name FROM donations d JOIN org_units s ON s.id = d.org_unit_id
           JOIN org_units u ON u.id::text = split_part(s.path, '/', 4)
         GROUP BY u.id, u.name ORDER BY count(*) DESC LIMIT 1`,
      );
      const district = districts[0]!;
      const accounts = {
        province: await benchAccount(pool, {
          username: 'bench-donations-province',
          orgUnitId: provinceId,
          roles: ['federation_staff'],
        }),
        district: await benchAccount(pool, {
          username: 'bench-donations-district',
          orgUnitId: district.id,
          roles: ['federation_staff'],
        }),
      };
      server = await spawnAppServer({
        dataDir: makeTempDataDir(),
        env: { DATABASE_URL: url, QINQING_AUDIT_KEY: 'qinqing-bench-donations', QINQING_DEMO: 'off' },
      });
      await waitHealthy(server, performance.now(), START_TIMEOUT_MS);
      const base = server.baseUrl;

      for (const [who, account] of [
        ['province (河南省工商联)', accounts.province],
        [`district (${district.name})`, accounts.district],
      ] as const) {
        for (const groupBy of ['campaign', 'chamber', 'month', 'kind', 'channel', 'orgUnit'] as const) {
          const target = `${base}/api/donations/stats?groupBy=${groupBy}&from=${YEAR.from}&to=${YEAR.to}`;
          let described = '';
          const timings = await timed(async () => {
            const response = await fetch(target, { headers: { cookie: account.cookie } });
            const body = await response.text();
            if (response.status !== 200) throw new Error(`${groupBy}: HTTP ${response.status} ${body}`);
            const stats = JSON.parse(body) as { total: { count: number; amount: string }; items: unknown[] };
            described = `${stats.items.length} groups, ${stats.total.count.toLocaleString('en')} donations, ${stats.total.amount} yuan`;
          }, samples);
          const p95 = percentile(timings, 95);
          rows.push({
            target: `${who}: totals by ${groupBy}, ${YEAR.from.slice(0, 4)} (${described})`,
            measured: `p50 ${ms(percentile(timings, 50))} · p95 ${ms(p95)}`,
            goal: `p95 ≤ ${TARGET_MS} ms`,
            met: p95 <= TARGET_MS,
          });
        }
      }
      return rows;
    } finally {
      await server?.stop();
      await pool.end();
    }
  },
};

if (isEntry(import.meta.url)) await runStandalone(donationFigures);
