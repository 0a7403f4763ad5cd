// 互助 at province scale: 100,000 open posts (scale with --posts or BENCH_AID_POSTS) of 10,000 enterprises over
// 100 districts, in a database of its own (default postgres://postgres@127.0.0.1:5432/qinqing_bench_aid,
// generated once, reused after), their titles' words segmented as the service does. Over HTTP: the
// candidates of a new post — the open posts of the other side and category ranked by words in common and
// division (target p95 ≤ 200 ms). Options: --database-url URL, --posts N, --samples N.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { titleWords } from '../apps/server/src/modules/mutual-aid/words.ts';
import { benchAccount } from './lib/accounts.ts';
import { isEntry, runStandalone, type Benchmark } from './lib/entry.ts';
import { ms, percentile, seconds, type TargetRow } from './lib/report.ts';
import { makeTempDataDir, spawnAppServer, waitHealthy } from './lib/server.ts';

const TARGET_MS = 200;
const START_TIMEOUT_MS = 180_000;
const WARMUP = 3;
const PROVINCE = '互助基准省工商联';
const GOODS = [
  '医用外科口罩',
  '防护服',
  '消毒液',
  '测温枪',
  '护目镜',
  '一次性手套',
  '熔喷布',
  '钢材',
  '冷链运输',
  '仓储场地',
];
const CATEGORIES = ['epidemic', 'materials', 'products', 'technology', 'logistics', 'services'];

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/qinqing_bench_aid' },
    posts: { type: 'string', default: process.env.BENCH_AID_POSTS ?? '100000' },
    samples: { type: 'string', default: '30' },
  },
  strict: false,
});

async function ensureDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
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

/** The province, 100 districts with a division code each, 100 enterprises a district. */
async function generateProvince(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO org_units (id, kind, name, path, depth)
     SELECT id, 'province', $1, '/' || id || '/', 0 FROM (SELECT gen_random_uuid() AS id) p RETURNING id`,
    [PROVINCE],
  );
  const provinceId = rows[0]!.id;
  await pool.query(
    `INSERT INTO org_units (id, parent_id, kind, name, code, path, depth)
     SELECT id, $1::uuid, 'district', '互助基准区' || g || '工商联', '41' || lpad(g::text, 4, '0'),
       '/' || $1::text || '/' || id || '/', 1
     FROM (SELECT gen_random_uuid() AS id, g FROM generate_series(1, 100) g) u`,
    [provinceId],
  );
  await pool.query(
    `INSERT INTO enterprises (org_unit_id, name, uscc, division_code)
     SELECT d.id, d.name || '企业' || g, 'BENCHA' || lpad((row_number() OVER ())::text, 12, '0'),
       d.code || lpad((g % 20)::text, 3, '0')
     FROM org_units d CROSS JOIN generate_series(1, 100) g WHERE d.parent_id = $1`,
    [provinceId],
  );
  return provinceId;
}

/** `count` open posts: a title of two goods words and a number, both sides, every category. */
async function generatePosts(pool: pg.Pool, provinceId: string, count: number): Promise<void> {
  const titles = [];
  for (const [i, good] of GOODS.entries()) {
    const other = GOODS[(i + 3) % GOODS.length]!;
    titles.push({ title: `${good}和${other}`, words: await titleWords(`${good}和${other}`) });
  }
  await pool.query(
    `INSERT INTO aid_posts (org_unit_id, enterprise_id, side, title, category, quantity, unit, division_code,
       words, state, created_at, updated_at)
     SELECT f.org_unit_id, f.id, CASE WHEN g % 2 = 0 THEN 'supply' ELSE 'demand' END, t.value->>'title',
       ($3::text[])[1 + g % array_length($3::text[], 1)], 1 + g % 1000, '个', f.division_code,
       ARRAY(SELECT jsonb_array_elements_text(t.value->'words')), 'open',
       now() - (g % 300) * interval '1 hour', now()
     FROM generate_series(1, $1::int) g
     JOIN (SELECT e.id, e.org_unit_id, e.division_code, row_number() OVER (ORDER BY e.id) AS n
             FROM enterprises e JOIN org_units u ON u.id = e.org_unit_id WHERE u.parent_id = $2) f
       ON f.n = 1 + (g::bigint * 7919) % 10000
     JOIN LATERAL (SELECT value FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY a(value, i)
                    WHERE i = 1 + g % jsonb_array_length($4::jsonb)) t ON true`,
    [count, provinceId, CATEGORIES, JSON.stringify(titles)],
  );
  await pool.query('VACUUM ANALYZE aid_posts');
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

export const aidMatching: Benchmark = {
  title: 'Mutual aid at 100,000 open posts: the candidates of a new post',
  async run() {
    const url = String(args['database-url']);
    const asked = Number(args.posts);
    const samples = Number(args.samples);
    const rows: TargetRow[] = [];
    await ensureDatabase(url);
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    let server: Awaited<ReturnType<typeof spawnAppServer>> | undefined;
    try {
      await migrate(pool);
      const found = await pool.query<{ id: string }>(
        'SELECT id FROM org_units WHERE parent_id IS NULL AND name = $1',
        [PROVINCE],
      );
      const provinceId = found.rows[0]?.id ?? (await generateProvince(pool));
      const { rows: present } = await pool.query<{ n: string }>(
        "SELECT count(*) AS n FROM aid_posts WHERE state = 'open'",
      );
      if (Number(present[0]!.n) < asked * 0.9) {
        console.log(`  generating ${asked.toLocaleString('en')} posts…`);
        const started = performance.now();
        await generatePosts(pool, provinceId, asked - Number(present[0]!.n));
        rows.push({
          target: `${asked.toLocaleString('en')} open posts, set-based`,
          measured: seconds(performance.now() - started),
          goal: '—',
        });
      }
      const staff = await benchAccount(pool, {
        username: 'bench-aid-province',
        orgUnitId: provinceId,
        roles: ['federation_staff'],
      });
      const { rows: firms } = await pool.query<{ id: string }>(
        'SELECT e.id FROM enterprises e JOIN org_units u ON u.id = e.org_unit_id WHERE u.parent_id = $1 LIMIT 1',
        [provinceId],
      );
      server = await spawnAppServer({
        dataDir: makeTempDataDir(),
        env: { DATABASE_URL: url, QINQING_AUDIT_KEY: 'qinqing-bench-aid', QINQING_DEMO: 'off' },
      });
      await waitHealthy(server, performance.now(), START_TIMEOUT_MS);
      const base = server.baseUrl;
      const headers = {
        cookie: staff.cookie,
        'content-type': 'application/json',
        origin: base,
      };
      const created = await fetch(`${base}/api/aid-posts`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          side: 'demand',
          enterpriseId: firms[0]!.id,
          title: '急需医用外科口罩和防护服',
          category: 'epidemic',
          quantity: 20000,
          unit: '个',
        }),
      });
      if (created.status !== 201) throw new Error(`post: HTTP ${created.status} ${await created.text()}`);
      const postId = ((await created.json()) as { post: { id: string } }).post.id;
      let described = '';
      const timings = await timed(async () => {
        const response = await fetch(`${base}/api/aid-posts/${postId}/matches`, {
          headers: { cookie: staff.cookie },
        });
        const body = await response.text();
        if (response.status !== 200) throw new Error(`matches: HTTP ${response.status} ${body}`);
        const items = (JSON.parse(body) as { items: { score: number }[] }).items;
        described = `${items.length} candidates, best score ${items[0]?.score ?? 0}`;
      }, samples);
      const p95 = percentile(timings, 95);
      rows.push({
        target: `candidates of a new need among the open supplies of its category (${described})`,
        measured: `p50 ${ms(percentile(timings, 50))} · p95 ${ms(p95)}`,
        goal: `p95 ≤ ${TARGET_MS} ms`,
        met: p95 <= TARGET_MS,
      });
      return rows;
    } finally {
      await server?.stop();
      await pool.end();
    }
  },
};

if (isEntry(import.meta.url)) await runStandalone(aidMatching);
