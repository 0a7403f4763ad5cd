// The service loop (政企直联) at province scale: 10,000,000 synthetic appeals (demo/appeals-synthetic.ts)
// in a database of its own on a PostgreSQL server (default: the local one,
// postgres://postgres@127.0.0.1:5432/qinqing_bench_appeals; generated once, reused after), the app started
// against it, and over HTTP: the figures by department for a quarter (target p95 ≤ 300 ms), a busy
// department liaison's inbox (p95 ≤ 50 ms), and raising appeals with their audit record (p95 ≤ 30 ms one
// at a time, ≥ 500 per second with 16 at once). Also shown: the other groupings, a period of partial
// months, and what the rollup and distinct-enterprise triggers add to one appeal insert.
// Options: --database-url URL, --appeals N, --enterprises N (of the synthetic province, when generated),
// --samples N, --concurrency N, --seconds N, --only stats,inbox,raise (the parts to run).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { generateSyntheticAppeals } from '../apps/server/src/demo/appeals-synthetic.ts';
import { SYNTHETIC_PROVINCE } from '../apps/server/src/demo/synthetic.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { shanghaiDay } from '../apps/server/src/core/calendar/working-days.ts';
import { benchAccount } from './lib/accounts.ts';
import { ownCpuMs, processCpuMs, processTreeCpu, treeCpuDeltaMs } from './lib/cpu.ts';
import { isEntry, runStandalone, type Benchmark } from './lib/entry.ts';
import { ms, percentile, seconds, type TargetRow } from './lib/report.ts';
import { makeTempDataDir, spawnAppServer, waitHealthy } from './lib/server.ts';

const STATS_TARGET_MS = 300;
const INBOX_TARGET_MS = 50;
const CREATE_TARGET_MS = 30;
const CREATES_PER_SECOND_TARGET = 500;
const GENERATION_TARGET_MS = 15 * 60_000;
const START_TIMEOUT_MS = 180_000;
const WARMUP = 3;
const MIN_SAMPLES = 3;
/** The groupings and periods shown besides the target: a province's can take seconds a request. */
const INFO_BUDGET_MS = 60_000;
const TARGET_BUDGET_MS = 180_000;
const CATEGORIES = [
  'financing',
  'social_insurance',
  'employment',
  'legal',
  'tax',
  'rent',
  'permits',
  'policy',
];

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/qinqing_bench_appeals' },
    appeals: { type: 'string', default: '10000000' },
    enterprises: { type: 'string', default: '1000000' },
    samples: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '10' },
    only: { type: 'string', default: 'stats,inbox,raise' },
  },
  strict: false,
});

const summary = (samples: number[]) =>
  `p50 ${ms(percentile(samples, 50))} · p95 ${ms(percentile(samples, 95))} · max ${ms(Math.max(...samples))}`;

/** Creates the benchmark database on its server when it is not there. */
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

/** The server's postmaster, when it runs on this machine and its data directory can be read. */
async function postmasterPid(pool: pg.Pool): Promise<number | undefined> {
  try {
    const { rows } = await pool.query<{ dir: string }>('SELECT current_setting($1) AS dir', [
      'data_directory',
    ]);
    const pid = Number(fs.readFileSync(path.join(rows[0]!.dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && fs.existsSync(`/proc/${pid}`) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The last whole calendar quarter before the one holding `day`. */
function previousQuarter(day: string): { from: string; to: string } {
  const year = Number(day.slice(0, 4));
  const quarter = Math.floor((Number(day.slice(5, 7)) - 1) / 3);
  const [y, q] = quarter === 0 ? [year - 1, 3] : [year, quarter - 1];
  const from = new Date(Date.UTC(y, q * 3, 1));
  const to = new Date(Date.UTC(y, q * 3 + 3, 0));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

/** Samples of `run` after a warm-up; a case that takes seconds a request stops after `budgetMs` (3 samples at least). */
async function timed(run: () => Promise<void>, samples: number, budgetMs = Infinity): Promise<number[]> {
  const begun = performance.now();
  for (let i = 0; i < WARMUP && performance.now() - begun < budgetMs; i++) await run();
  const timings: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (i >= MIN_SAMPLES && performance.now() - begun > budgetMs) break;
    const started = performance.now();
    await run();
    timings.push(performance.now() - started);
  }
  return timings;
}

async function get(url: string, cookie: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { headers: { cookie } });
  return { status: response.status, body: await response.text() };
}

export const serviceLoop: Benchmark = {
  title: 'Service loop at 10,000,000 appeals: figures by department, liaison inbox, raising appeals',
  async run() {
    const url = String(args['database-url']);
    const asked = Number(args.appeals);
    const samples = Number(args.samples);
    const concurrency = Number(args.concurrency);
    const loadSeconds = Number(args.seconds);
    const parts = new Set(String(args.only).split(','));
    const log = (message: string) => console.log(`  ${message}`);
    const rows: TargetRow[] = [];

    await ensureDatabase(url);
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const dataDir = makeTempDataDir();
    let server: Awaited<ReturnType<typeof spawnAppServer>> | undefined;
    try {
      await migrate(pool);
      const { rows: sized } = await pool.query<{ n: number }>(
        "SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE relname = 'appeals'",
      );
      const present = Number(sized[0]?.n ?? 0);
      if (present < asked * 0.9) {
        log(
          `generating ${asked.toLocaleString('en')} appeals (found about ${present.toLocaleString('en')})…`,
        );
        const result = await generateSyntheticAppeals(pool, {
          appeals: asked,
          enterprises: Number(args.enterprises),
          until: shanghaiDay(new Date()),
          log,
        });
        const t = result.timings;
        rows.push({
          target: `synthetic seed: ${result.appeals.toLocaleString('en')} appeals, ${result.forwards.toLocaleString('en')} forwards`,
          measured:
            `${seconds(t.totalMs)} (registry ${seconds(t.registryMs)}, load ${seconds(t.loadMs)}, ` +
            `rollups ${seconds(t.rollupsMs)}, indexes ${seconds(t.indexesMs)}, vacuum analyze ${seconds(t.analyzeMs)})`,
          goal: '≤ 900 s',
          met: t.totalMs <= GENERATION_TARGET_MS,
        });
      } else {
        log(`reusing ${present.toLocaleString('en')} appeals in ${new URL(url).pathname.slice(1)}`);
        // A server with autovacuum off (CI's is) never analyses what an older loader left unanalysed.
        const { rows: unanalysed } = await pool.query<{ name: string }>(
          `SELECT quote_ident(relname) AS name FROM pg_stat_user_tables
           WHERE n_live_tup > 0 AND last_analyze IS NULL AND last_autoanalyze IS NULL`,
        );
        if (unanalysed.length > 0) {
          log(`analysing ${unanalysed.length} tables that were never analysed`);
          await pool.query(`ANALYZE ${unanalysed.map((row) => row.name).join(', ')}`);
        }
      }

      // Who asks: province staff (all 10 million in scope), the staff of the district whose department is
      // busiest, and that department's liaison.
      const { rows: units } = await pool.query<{
        province_id: string;
        department_id: string;
        district_id: string;
        district_path: string;
        department_name: string;
        latest: string;
      }>(
        `WITH busiest AS (
           SELECT department_id FROM appeal_forwards WHERE state IN ('pending', 'accepted')
           GROUP BY department_id ORDER BY count(*) DESC LIMIT 1
         )
         SELECT p.id AS province_id, d.id AS department_id, d.name AS department_name,
           district.id AS district_id, district.path AS district_path,
           (SELECT max(received_on)::text FROM appeals) AS latest
         FROM busiest b JOIN org_units d ON d.id = b.department_id
           JOIN org_units district ON district.id = d.parent_id
           JOIN org_units p ON p.parent_id IS NULL AND p.name = $1`,
        [SYNTHETIC_PROVINCE.name],
      );
      const scene = units[0];
      if (!scene) throw new Error('no synthetic province with forwarded appeals in this database');
      const province = await benchAccount(pool, {
        username: 'bench-province-staff',
        orgUnitId: scene.province_id,
        roles: ['federation_staff'],
      });
      const district = await benchAccount(pool, {
        username: 'bench-district-staff',
        orgUnitId: scene.district_id,
        roles: ['federation_staff'],
      });
      const liaison = await benchAccount(pool, {
        username: 'bench-liaison',
        orgUnitId: scene.department_id,
        roles: ['department_liaison'],
      });
      const { rows: enterpriseRows } = await pool.query<{ id: string }>(
        // Spread over the district's streets, as its appeals are: the first 2,000 in storage order are all
        // of one street, whose rollup rows every create would then wait on.
        `SELECT e.id FROM enterprises e JOIN org_units u ON u.id = e.org_unit_id
          WHERE u.path LIKE $1 AND e.merged_into_id IS NULL AND e.membership_status = 'active'
          ORDER BY hashtext(e.id::text) LIMIT 2000`,
        [`${scene.district_path}%`],
      );
      const enterpriseIds = enterpriseRows.map((r) => r.id);
      const quarter = previousQuarter(scene.latest);
      log(`quarter ${quarter.from} … ${quarter.to}; busiest department ${scene.department_name}`);

      server = await spawnAppServer({
        dataDir,
        env: { DATABASE_URL: url, QINQING_AUDIT_KEY: 'qinqing-bench-appeals', QINQING_DEMO: 'off' },
      });
      await waitHealthy(server, performance.now(), START_TIMEOUT_MS);
      const base = server.baseUrl;

      const statsCase = async (
        label: string,
        query: string,
        cookie: string,
        count: number,
        goal?: number,
      ) => {
        const target = `${base}/api/appeals/stats?${query}`;
        let groups = 0;
        let received = 0;
        const timings = await timed(
          async () => {
            const response = await get(target, cookie);
            if (response.status !== 200)
              throw new Error(`${label}: HTTP ${response.status} ${response.body}`);
            const body = JSON.parse(response.body) as { groups: unknown[]; total: { received: number } };
            groups = body.groups.length;
            received = body.total.received;
          },
          count,
          goal === undefined ? INFO_BUDGET_MS : TARGET_BUDGET_MS,
        );
        rows.push({
          target: `${label} · ${received.toLocaleString('en')} appeals, ${groups} groups · ${timings.length} samples`,
          measured: summary(timings),
          goal: goal === undefined ? '' : `p95 ≤ ${goal} ms`,
          met: goal === undefined ? undefined : percentile(timings, 95) <= goal,
        });
        log(`${rows[rows.length - 1]!.target}: ${rows[rows.length - 1]!.measured}`);
      };
      const period = `from=${quarter.from}&to=${quarter.to}`;
      if (parts.has('stats')) {
        await statsCase(
          'stats by department, a quarter, district staff',
          `groupBy=department&${period}`,
          district.cookie,
          samples,
          STATS_TARGET_MS,
        );
        await statsCase(
          'stats by department, a quarter, province staff',
          `groupBy=department&${period}`,
          province.cookie,
          samples,
          STATS_TARGET_MS,
        );
        const few = Math.max(5, Math.round(samples / 5));
        for (const groupBy of ['category', 'orgUnit', 'month', 'chamber']) {
          await statsCase(
            `stats by ${groupBy}, a quarter, province staff`,
            `groupBy=${groupBy}&${period}`,
            province.cookie,
            few,
          );
        }
        // Periods of partial months (decision 0005): their distinct enterprises from the first records by
        // district with running day totals (0062), the days around their whole months from the day rollups
        // (0063) — every grouping held to the same target as a quarter. The quarter's from the 10th to the 20th,
        // a year's turn, a week, and two and a half years.
        const ragged = `from=${quarter.from.slice(0, 8)}10&to=${quarter.to.slice(0, 8)}20`;
        const yearBefore = String(Number(quarter.from.slice(0, 4)) - 1);
        const partialPeriods: [string, string][] = [
          ['partial months at both ends', ragged],
          ["a year's turn", `from=${yearBefore}-12-20&to=${quarter.from.slice(0, 4)}-02-03`],
          ['six days', `from=${quarter.from.slice(0, 8)}15&to=${quarter.from.slice(0, 8)}20`],
          [
            '30 months, partial at both ends',
            `from=${Number(yearBefore) - 1}-02-10&to=${quarter.to.slice(0, 8)}15`,
          ],
        ];
        for (const [name, range] of partialPeriods) {
          for (const groupBy of ['none', 'department', 'category', 'orgUnit', 'month', 'chamber']) {
            await statsCase(
              `stats by ${groupBy}, ${name}, province staff`,
              groupBy === 'none' ? range : `groupBy=${groupBy}&${range}`,
              province.cookie,
              few,
              STATS_TARGET_MS,
            );
          }
        }
        await statsCase(
          'stats by department, partial months at both ends, district staff',
          `groupBy=department&${ragged}`,
          district.cookie,
          few,
          STATS_TARGET_MS,
        );
      }

      if (parts.has('inbox')) {
        const inbox = await get(`${base}/api/appeals/inbox?page=1&pageSize=20`, liaison.cookie);
        if (inbox.status === 404) {
          log('GET /api/appeals/inbox answers 404: not there yet, skipped');
        } else {
          const timings = await timed(async () => {
            const response = await get(`${base}/api/appeals/inbox?page=1&pageSize=20`, liaison.cookie);
            if (response.status !== 200) throw new Error(`inbox: HTTP ${response.status} ${response.body}`);
          }, samples);
          const total = (JSON.parse(inbox.body) as { total?: number }).total ?? 0;
          rows.push({
            target: `liaison inbox, page 1 of ${total.toLocaleString('en')} forwards (${scene.department_name}) · ${timings.length} samples`,
            measured: summary(timings),
            goal: `p95 ≤ ${INBOX_TARGET_MS} ms`,
            met: percentile(timings, 95) <= INBOX_TARGET_MS,
          });
          log(`${rows[rows.length - 1]!.target}: ${rows[rows.length - 1]!.measured}`);
        }
      }

      if (parts.has('raise')) {
        let raised = 0;
        const raiseBody = (n: number) =>
          JSON.stringify({
            enterpriseId: enterpriseIds[n % enterpriseIds.length],
            category: CATEGORIES[n % CATEGORIES.length],
            title: `基准测试诉求 ${n}`,
            description: '招工难，急需技术工人，请协调人社部门对接职业院校。',
            source: 'phone',
            urgency: 'normal',
          });
        const raise = async () => {
          const response = await fetch(`${base}/api/appeals`, {
            method: 'POST',
            headers: { cookie: district.cookie, 'content-type': 'application/json', origin: base },
            body: raiseBody(++raised),
          });
          const body = await response.text();
          if (response.status !== 201) throw new Error(`POST /api/appeals: HTTP ${response.status} ${body}`);
        };
        const sequential = await timed(raise, Math.max(samples, 200));
        rows.push({
          target: `raise an appeal (POST /api/appeals, audited), one at a time · ${sequential.length} samples`,
          measured: summary(sequential),
          goal: `p95 ≤ ${CREATE_TARGET_MS} ms`,
          met: percentile(sequential, 95) <= CREATE_TARGET_MS,
        });
        log(`${rows[rows.length - 1]!.target}: ${rows[rows.length - 1]!.measured}`);
        // Many at once: autocannon keeps `concurrency` connections busy, each request a new appeal. Its
        // CPU per request is a fraction of fetch's, which matters on two cores shared with the server and
        // PostgreSQL; the CPU each process spent per appeal is printed beside the rate.
        const postmaster = await postmasterPid(pool);
        const load = (seconds: number) =>
          autocannon({
            url: `${base}/api/appeals`,
            connections: concurrency,
            duration: seconds,
            requests: [
              {
                method: 'POST',
                headers: { cookie: district.cookie, 'content-type': 'application/json', origin: base },
                setupRequest: (request) => ({ ...request, body: raiseBody(++raised) }),
              },
            ],
          });
        await load(2);
        const before = {
          server: processCpuMs(server.child.pid!),
          postgres: postmaster ? processTreeCpu(postmaster) : undefined,
          own: ownCpuMs(),
        };
        const result = await load(loadSeconds);
        const created = result['2xx'];
        const perAppeal = (spentMs: number) => `${((spentMs * 1000) / Math.max(created, 1)).toFixed(0)} µs`;
        const cpu = [
          `server ${perAppeal(processCpuMs(server.child.pid!) - before.server)}`,
          before.postgres && postmaster
            ? `postgres ${perAppeal(treeCpuDeltaMs(before.postgres, processTreeCpu(postmaster)))}`
            : 'postgres (not on this machine)',
          `autocannon ${perAppeal(ownCpuMs() - before.own)}`,
        ].join(', ');
        const perSecond = created / result.duration;
        const failures = result.non2xx + result.errors;
        rows.push({
          target: `raise appeals, ${concurrency} at once for ${loadSeconds} s · ${created} raised${failures ? ` · ${failures} failed` : ''}`,
          measured: `${perSecond.toFixed(0)} /s · p50 ${ms(result.latency.p50)} · p97.5 ${ms(result.latency.p97_5)} · max ${ms(result.latency.max)}`,
          goal: `≥ ${CREATES_PER_SECOND_TARGET} /s`,
          met: failures === 0 && perSecond >= CREATES_PER_SECOND_TARGET,
        });
        log(`${rows[rows.length - 1]!.target}: ${rows[rows.length - 1]!.measured}`);
        log(`CPU per appeal raised: ${cpu}`);

        rows.push(await triggerCost(pool, enterpriseIds));
      }
    } finally {
      await server?.stop();
      await pool.end();
    }
    return rows;
  },
};

/** The appeals' statement trigger of the first records (0062) and their row triggers of the figures. */
const FIRST_RECORDS_TRIGGERS = ['appeal_first_records_insert'];
const FIGURE_TRIGGERS = [
  'appeal_rollups_insert_delete', // 0010 (and 0063's day and bucket rows)
  'appeal_rollups_zz_enterprises', // 0014
  'appeal_rollups_zzz_chambers', // 0033 (and 0063's)
];

/**
 * What the triggers add to one appeal insert, each for another of `enterpriseIds` (as raising spreads): 500
 * inserts with every trigger, without the first records' (0062), and without any of them, each set in a
 * transaction that is rolled back (the app is idle meanwhile; disabling a trigger locks the table).
 */
async function triggerCost(pool: pg.Pool, enterpriseIds: string[]): Promise<TargetRow> {
  const client = await pool.connect();
  const inserts = 500;
  const run = async (disabled: string[]) => {
    await client.query('BEGIN');
    try {
      for (const trigger of disabled) await client.query(`ALTER TABLE appeals DISABLE TRIGGER ${trigger}`);
      const { rows } = await client.query<{ id: string; org_unit_id: string }>(
        'SELECT id, org_unit_id FROM enterprises WHERE id = ANY ($1)',
        [enterpriseIds.slice(0, inserts)],
      );
      const started = performance.now();
      for (let i = 0; i < inserts; i++) {
        const enterprise = rows[i % rows.length]!;
        await client.query(
          `INSERT INTO appeals (number, enterprise_id, org_unit_id, category_code, title, description, source, urgency,
             state, received_at, received_on)
           VALUES ($1, $2, $3, $4, '触发器开销', '触发器开销', 'phone', 'normal', 'submitted', now(), current_date)`,
          [
            `BENCH-${disabled.length}-${i}`,
            enterprise.id,
            enterprise.org_unit_id,
            CATEGORIES[i % CATEGORIES.length],
          ],
        );
      }
      return ((performance.now() - started) * 1000) / inserts;
    } finally {
      await client.query('ROLLBACK');
    }
  };
  try {
    await run([]);
    const none = await run([...FIRST_RECORDS_TRIGGERS, ...FIGURE_TRIGGERS]);
    const noFirstRecords = await run(FIRST_RECORDS_TRIGGERS);
    const all = await run([]);
    const us = (n: number) => `${n.toFixed(0)} µs`;
    return {
      target: `one appeal INSERT, with and without the figures' triggers (${inserts} each, ${inserts} enterprises)`,
      measured:
        `${us(all)} with all (+${us(all - none)}: first records +${us(all - noFirstRecords)}), ` +
        `${us(noFirstRecords)} without the first records', ${us(none)} without any`,
      goal: '',
    };
  } finally {
    client.release();
  }
}

if (isEntry(import.meta.url)) await runStandalone(serviceLoop);
