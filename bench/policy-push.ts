// 惠企政策 push and the enterprise's own list at scale (issue 13, performance):
// - a push of one published policy to its 100,000 matched enterprises (each with its contacts: 110,000
//   enterprise contacts notified in the bell) runs as a background job in ≤ 60 s, request to done, while the
//   app keeps answering: GET /api/auth/me is probed every 100 ms before the push (idle) and during it, and its
//   p95 during the push must stay ≤ 2× the idle p95; meanwhile the push's progress is read as the policy's page
//   reads it, GET /api/policies/:id/pushes every second;
// - GET /api/my/policies of an enterprise contact with 10,000 published policies all reaching the enterprise
//   (7,000 of the province, 3,000 of its district; it fits one or two in a hundred): p95 ≤ 50 ms.
// A province of 100 districts with 120,000 enterprises (every sixth one large: the policy pushed is for the
// other 100,000) is made by set-based SQL in a database of its own on the machine's PostgreSQL, created
// for the run and dropped after it; the real server runs as a child process on it with the scheduler off
// (its hourly pass would land in the measured window). Options: --server-url URL (the PostgreSQL server,
// default postgres://postgres@127.0.0.1:5432), --enterprises N (matched ones; 1.2× are made), --policies N,
// --industries N (of 40: fewer, more policies fit an enterprise), --samples N, --keep (do not drop the
// database, to look at it after).
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { benchAccount } from './lib/accounts.ts';
import { createOwnDatabase } from './lib/database.ts';
import { isEntry, runStandalone, type Benchmark } from './lib/entry.ts';
import { ms, percentile, seconds, type TargetRow } from './lib/report.ts';
import { makeTempDataDir, sleep, spawnAppServer, waitHealthy } from './lib/server.ts';

const PUSH_TARGET_MS = 60_000;
const PROBE_RATIO_TARGET = 2;
const MINE_TARGET_MS = 50;
const PROBE_EVERY_MS = 100;
/** The policy page's refetch interval while a push runs (apps/web/src/features/policies/api.ts). */
const POLL_EVERY_MS = 1_000;
const IDLE_PROBE_MS = 15_000;
const PUSH_TIMEOUT_MS = 600_000;
const START_TIMEOUT_MS = 180_000;
const WARMUP = 3;
const DISTRICTS = 100;
/**
 * The industries (GB/T 4754 divisions) the policies are for, one each: the ten of the registry first, then
 * others, so that with all forty an enterprise's industry is one policy's in forty.
 */
const POLICY_INDUSTRIES = [
  ...['13', '27', '39', '52', '65', '72', '48', '26', '62', '35'],
  ...['14', '15', '17', '18', '19', '20', '21', '22', '23', '24', '25', '28', '29', '30', '31'],
  ...['32', '33', '34', '36', '37', '38', '40', '41', '44', '51', '53', '54', '59', '61', '63'],
];

const { values: args } = parseArgs({
  options: {
    'server-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
    enterprises: { type: 'string', default: process.env.BENCH_PUSH_ENTERPRISES ?? '100000' },
    policies: { type: 'string', default: process.env.BENCH_MY_POLICIES ?? '10000' },
    samples: { type: 'string', default: '50' },
    industries: { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
  },
  strict: false,
});

const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

interface Province {
  path: string;
  provinceId: string;
  districtId: string;
  districtPath: string;
}

/**
 * The province, its districts, `matched / 5 * 6` enterprises (every sixth large) with one enterprise
 * contact each and a second one for every tenth.
 */
async function generateProvince(pool: pg.Pool, matched: number): Promise<Province> {
  const total = Math.ceil((matched * 6) / 5);
  const { rows } = await pool.query<{ id: string; path: string }>(
    `INSERT INTO org_units (id, kind, name, path, depth)
     SELECT id, 'province', '推送基准省工商联', '/' || id || '/', 0 FROM (SELECT gen_random_uuid() AS id) p
     RETURNING id, path`,
  );
  const province = rows[0]!;
  await pool.query(
    `INSERT INTO org_units (id, parent_id, kind, name, path, depth)
     SELECT id, $1::uuid, 'district', '推送基准区' || n || '工商联', $2 || id || '/', 1
       FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, ${DISTRICTS}) n) d`,
    [province.id, province.path],
  );
  const industries = ['1311', '2710', '3911', '5211', '6513', '7212', '4813', '2614', '6210', '3512'];
  await pool.query(
    `INSERT INTO enterprises (org_unit_id, name, uscc, industry_code, size, division_code, tags, founded_on,
       membership_status, sort_key)
     SELECT d.id, '推送基准企业' || g, 'PUSH' || lpad(g::text, 14, '0'),
       ($1::text[])[1 + g % 10], CASE WHEN g % 6 = 0 THEN 'large' ELSE (ARRAY['medium','small','micro'])[1 + g % 3] END,
       CASE WHEN g % 3 = 0 THEN '110105' ELSE '320102' END,
       CASE WHEN g % 5 = 0 THEN ARRAY['高新技术企业'] WHEN g % 7 = 0 THEN ARRAY['专精特新'] ELSE '{}' END,
       DATE '2000-01-01' + (g % 8000), 'active', lpad(g::text, 10, '0')
     FROM generate_series(1, $2::int) g
     JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM org_units WHERE parent_id = $3) d
       ON d.n = g % ${DISTRICTS}`,
    [industries, total, province.id],
  );
  // Contacts as the registry's invitations make them; the hash is never used to sign in.
  await pool.query(
    `INSERT INTO users (username, display_name, org_unit_id, roles, password_hash, must_change_password,
       enterprise_id)
     SELECT 'push-contact-' || e.uscc || '-' || k, e.name || '联系人' || k, e.org_unit_id,
       ARRAY['enterprise_contact'], 'bench-not-a-hash', false, e.id
       FROM enterprises e CROSS JOIN generate_series(1, 2) k
      WHERE k = 1 OR right(e.uscc, 1) = '0'`,
  );
  await pool.query('VACUUM ANALYZE org_units, enterprises, users');
  const { rows: first } = await pool.query<{ id: string; path: string }>(
    `SELECT id, path FROM org_units WHERE parent_id = $1 ORDER BY id LIMIT 1`,
    [province.id],
  );
  return {
    path: province.path,
    provinceId: province.id,
    districtId: first[0]!.id,
    districtPath: first[0]!.path,
  };
}

/**
 * `count` published policies reaching the district's enterprises (seven in ten the province's, the rest the
 * district's), with one to five conditions: size (every one: small and micro, or medium and large), an
 * industry (49 in 50, one of --industries divisions), 高新技术企业 (one in four), founded after 2010 (one in
 * seven) and a manual one (one in eleven) — so that an enterprise fits one to two in a hundred (with
 * --industries 10, some ten in a hundred); a third with an application window closing within 90 days.
 */
async function generatePolicies(pool: pg.Pool, province: Province, count: number): Promise<void> {
  await pool.query(
    `INSERT INTO policies (org_unit_id, reach_path, title, document_number, issuer_name, level, benefit_kind,
       summary, published_on, effective_on, expires_on, redemption, application_opens_on, application_closes_on,
       amount_min_fen, amount_max_fen, tags, conditions, state, published_at, search_text)
     SELECT CASE WHEN i % 10 < 7 THEN $1::uuid ELSE $2::uuid END,
       CASE WHEN i % 10 < 7 THEN $3 ELSE $4 END,
       '推送基准政策' || i || '：关于支持中小企业稳增长的若干措施', '基准发〔2026〕' || i || '号',
       '推送基准省发展和改革委员会', CASE WHEN i % 10 < 7 THEN 'province' ELSE 'district' END,
       (ARRAY['subsidy','tax','loan_interest','rent','talent','employment','other'])[1 + i % 7],
       '对符合条件的企业给予一次性补贴，最高不超过 50 万元。', current_date - (i % 365), current_date - (i % 365),
       NULL, (ARRAY['automatic','quick','application'])[1 + i % 3],
       CASE WHEN i % 3 = 0 THEN current_date - 30 END, CASE WHEN i % 3 = 0 THEN current_date + (i % 90) END,
       100000, 50000000, ARRAY['稳增长'],
       jsonb_build_array(jsonb_build_object('field', 'size', 'op', 'in',
           'values', CASE WHEN i % 2 = 0 THEN '["small","micro"]'::jsonb ELSE '["medium","large"]'::jsonb END))
         || CASE WHEN i % 50 <> 0 THEN jsonb_build_array(jsonb_build_object('field', 'industry', 'op', 'prefix',
              'values', jsonb_build_array(($6::text[])[1 + (i / 10) % array_length($6::text[], 1)])))
            ELSE '[]' END
         || CASE WHEN i % 4 = 0 THEN '[{"field":"tag","op":"in","values":["高新技术企业"]}]'::jsonb ELSE '[]' END
         || CASE WHEN i % 7 = 0 THEN '[{"field":"founded","op":"after","values":["2010-01-01"]}]'::jsonb ELSE '[]' END
         || CASE WHEN i % 11 = 0 THEN '[{"field":"manual","op":"text","values":["近三年无重大安全生产事故"]}]'::jsonb
                 ELSE '[]' END,
       'published', now() - (i % 365) * interval '1 day', '推送基准政策' || i
     FROM generate_series(1, $5::int) i`,
    [
      province.provinceId,
      province.districtId,
      province.path,
      province.districtPath,
      count,
      POLICY_INDUSTRIES.slice(0, Number(args.industries)),
    ],
  );
  await pool.query('VACUUM ANALYZE policies');
}

/** GET /api/auth/me every 100 ms until `stop` says so; answers the latencies of the 200s and the failures. */
async function probe(
  base: string,
  cookie: string,
  stop: () => boolean,
): Promise<{ samples: number[]; sentAt: number[]; failures: number }> {
  const samples: number[] = [];
  const sentAt: number[] = [];
  let failures = 0;
  while (!stop()) {
    const at = performance.now();
    const answer = await fetch(`${base}/api/auth/me`, { headers: { cookie } });
    await answer.arrayBuffer();
    if (answer.status === 200) {
      samples.push(performance.now() - at);
      sentAt.push(at);
    } else failures++;
    await sleep(PROBE_EVERY_MS);
  }
  return { samples, sentAt, failures };
}

/** The slowest probes and when they were sent, in seconds after `since`: where the p95 comes from. */
function slowest(probe: { samples: number[]; sentAt: number[] }, since: number, count = 6): string {
  return probe.samples
    .map((latency, i) => ({ latency, at: (probe.sentAt[i]! - since) / 1000 }))
    .sort((a, b) => b.latency - a.latency)
    .slice(0, count)
    .map(({ latency, at }) => `${ms(latency)} at +${at.toFixed(1)} s`)
    .join(', ');
}

const probeText = (probe: { samples: number[]; failures: number }) =>
  `p50 ${ms(percentile(probe.samples, 50))} · p95 ${ms(percentile(probe.samples, 95))} · max ${ms(Math.max(...probe.samples))} (${probe.samples.length} probes, ${probe.failures} failed)`;

interface PushState {
  status: string;
  targeted: number;
  notified: number;
  progress: number;
}

/** Pushes the policy to its matched enterprises and waits for the job to end, probing the app meanwhile. */
async function timedPush(base: string, cookie: string, policyId: string) {
  const headers = { 'content-type': 'application/json', origin: base, cookie };
  const started = performance.now();
  const response = await fetch(`${base}/api/policies/${policyId}/pushes`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ target: 'matched' }),
  });
  if (response.status !== 202)
    throw new Error(`push refused: HTTP ${response.status} ${await response.text()}`);
  const { pushId } = (await response.json()) as { pushId: string };
  let done = false;
  const during = probe(base, cookie, () => done);
  try {
    for (;;) {
      if (performance.now() - started > PUSH_TIMEOUT_MS) throw new Error('the push did not finish in time');
      // As the policy's page does while a push of it runs: its pushes, progress and figures, every second.
      const poll = await fetch(`${base}/api/policies/${policyId}/pushes`, { headers: { cookie } });
      const { items } = (await poll.json()) as { items: (PushState & { id: string })[] };
      const push = items.find((item) => item.id === pushId);
      if (!push) throw new Error(`push ${pushId} not in the policy's pushes`);
      if (push.status === 'succeeded' || push.status === 'failed')
        return { push, wallMs: performance.now() - started, started, probes: await stopProbe() };
      await sleep(POLL_EVERY_MS);
    }
  } finally {
    done = true;
    await during;
  }
  async function stopProbe() {
    done = true;
    return during;
  }
}

export const policyPush: Benchmark = {
  title: `惠企政策 push to ${Number(args.enterprises).toLocaleString('en')} enterprises and GET /api/my/policies over ${Number(args.policies).toLocaleString('en')} policies`,
  async run() {
    const matched = Number(args.enterprises);
    const policyCount = Number(args.policies);
    const samples = Number(args.samples);
    const rows: TargetRow[] = [];
    const database = await createOwnDatabase(String(args['server-url']), `qinqing_bench_push_${process.pid}`);
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    let server: Awaited<ReturnType<typeof spawnAppServer>> | undefined;
    try {
      const generated = performance.now();
      await migrate(pool);
      const province = await generateProvince(pool, matched);
      await generatePolicies(pool, province, policyCount - 1);
      // The policy pushed: for every enterprise but the large ones, the province's, published.
      const { rows: pushed } = await pool.query<{ id: string }>(
        `INSERT INTO policies (org_unit_id, reach_path, title, issuer_name, level, benefit_kind, summary,
           published_on, effective_on, redemption, conditions, state, published_at)
         VALUES ($1, $2, '推送基准：中小微企业一次性稳岗补贴', '推送基准省人力资源和社会保障厅', 'province', 'employment',
           '中小微企业按参保人数给予一次性稳岗补贴。', current_date, current_date, 'automatic',
           '[{"field":"size","op":"in","values":["medium","small","micro"]}]', 'published', now())
         RETURNING id`,
        [province.provinceId, province.path],
      );
      const policyId = pushed[0]!.id;
      const staff = await benchAccount(pool, {
        username: 'bench-push-staff',
        orgUnitId: province.provinceId,
        roles: ['federation_staff'],
      });
      // The contact whose list is read: of an enterprise of the district the district's policies reach.
      const contact = await benchAccount(pool, {
        username: 'bench-push-contact',
        orgUnitId: province.districtId,
        roles: ['enterprise_contact'],
      });
      const { rows: own } = await pool.query<{ id: string }>(
        `SELECT id FROM enterprises WHERE org_unit_id = $1 AND size <> 'large' ORDER BY id LIMIT 1`,
        [province.districtId],
      );
      if (!own[0]) throw new Error('no enterprise of the district to read the list of');
      await pool.query('UPDATE users SET enterprise_id = $2 WHERE id = $1', [contact.userId, own[0].id]);
      rows.push({
        target: `data: ${Math.ceil((matched * 6) / 5).toLocaleString('en')} enterprises, their contacts, ${policyCount.toLocaleString('en')} published policies`,
        measured: `made in ${seconds(performance.now() - generated)}`,
        goal: '',
      });

      server = await spawnAppServer({
        dataDir: makeTempDataDir(),
        env: {
          DATABASE_URL: database.url,
          QINQING_AUDIT_KEY: 'qinqing-bench-push',
          QINQING_DEMO: 'off',
          QINQING_SCHEDULER_TICK_MS: '0',
        },
      });
      await waitHealthy(server, performance.now(), START_TIMEOUT_MS);
      const base = server.baseUrl;

      // The app at rest: warm the route, then probe it as during the push.
      for (let i = 0; i < WARMUP * 10; i++)
        await (await fetch(`${base}/api/auth/me`, { headers: { cookie: staff.cookie } })).arrayBuffer();
      const idleUntil = performance.now() + IDLE_PROBE_MS;
      const idle = await probe(base, staff.cookie, () => performance.now() > idleUntil);
      const idleLoad = load();
      console.log(`GET /api/auth/me idle: ${probeText(idle)} · load ${idleLoad}`);

      const { push, wallMs, started, probes } = await timedPush(base, staff.cookie, policyId);
      const pushLoad = load();
      console.log(`push: ${seconds(wallMs)} · ${JSON.stringify(push)} · load ${pushLoad}`);
      console.log(`GET /api/auth/me during the push: ${probeText(probes)}`);
      console.log(`  slowest during the push: ${slowest(probes, started)}`);
      const { rows: notices } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notifications WHERE kind = 'policy.pushed'`,
      );
      rows.push({
        target: `push to ${push.notified.toLocaleString('en')} of ${push.targeted.toLocaleString('en')} matched enterprises (${notices[0]!.n.toLocaleString('en')} contacts notified), request to done`,
        measured: `${seconds(wallMs)} (${push.status}; load ${pushLoad})`,
        goal: `≤ ${seconds(PUSH_TARGET_MS)}`,
        met: push.status === 'succeeded' && push.notified === push.targeted && wallMs <= PUSH_TARGET_MS,
      });
      const idleP95 = percentile(idle.samples, 95);
      const pushP95 = percentile(probes.samples, 95);
      rows.push({
        target: 'GET /api/auth/me idle',
        measured: `${probeText(idle)} (load ${idleLoad})`,
        goal: '',
      });
      rows.push({
        target: 'GET /api/auth/me during the push',
        measured: `${probeText(probes)}: ${(pushP95 / idleP95).toFixed(2)}× the idle p95`,
        goal: `p95 ≤ ${PROBE_RATIO_TARGET}× idle`,
        met: probes.failures === 0 && pushP95 <= PROBE_RATIO_TARGET * idleP95,
      });

      // The enterprise's own list, after the push (its enterprise was among those reached).
      let described = '';
      const timings: number[] = [];
      for (let i = 0; i < WARMUP + samples; i++) {
        const started = performance.now();
        const response = await fetch(`${base}/api/my/policies`, { headers: { cookie: contact.cookie } });
        const body = await response.text();
        const elapsed = performance.now() - started;
        if (response.status !== 200)
          throw new Error(`my/policies: HTTP ${response.status} ${body.slice(0, 500)}`);
        if (i >= WARMUP) timings.push(elapsed);
        const items = (JSON.parse(body) as { items: { pushed: boolean }[] }).items;
        described = `${items.length.toLocaleString('en')} fit or pushed, ${(body.length / 1024).toFixed(0)} KB`;
      }
      const mineP95 = percentile(timings, 95);
      rows.push({
        target: `GET /api/my/policies, ${policyCount.toLocaleString('en')} published policies reach the enterprise (${described})`,
        measured: `p50 ${ms(percentile(timings, 50))} · p95 ${ms(mineP95)} (load ${load()})`,
        goal: `p95 ≤ ${MINE_TARGET_MS} ms`,
        met: mineP95 <= MINE_TARGET_MS,
      });
      return rows;
    } finally {
      await server?.stop();
      await pool.end();
      if (args.keep) console.log(`kept ${database.url}`);
      else await database.drop();
    }
  },
};

if (isEntry(import.meta.url)) await runStandalone(policyPush);
