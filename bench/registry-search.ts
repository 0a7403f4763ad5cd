// Member registry list and search at province scale: an embedded PostgreSQL in a temp data directory,
// migrated, the demo seed, then the synthetic province (1,000,000 enterprises by default). Each case runs
// through the real API (buildApp + inject, and over HTTP) and as the very SQL the repository issued for it
// (captured from Drizzle), interleaved. Targets: a two-filter list page with its total p95 ≤ 50 ms; search by
// a name fragment, a traditional-character query and pinyin initials p95 ≤ 100 ms; the API ≤ 2× its SQL.
// Options: --enterprises N, --samples N (per case; fewer when a case runs past 30 s), --data-dir DIR (kept,
// and reused when the province is already there), --explain (EXPLAIN ANALYZE of every captured statement).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { enterpriseListQuery, permissionsOf, type Role } from '@qinqing/shared';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { loadAuditKey } from '../apps/server/src/core/audit/key.ts';
import { hashPassword } from '../apps/server/src/core/auth/passwords.ts';
import { hashToken, newToken, SESSION_COOKIE, type Actor } from '../apps/server/src/core/auth/sessions.ts';
import { connect, drizzleOn } from '../apps/server/src/db/connection.ts';
import { seedIfEmpty } from '../apps/server/src/demo/seed.ts';
import { generateSynthetic, SYNTHETIC_PROVINCE } from '../apps/server/src/demo/synthetic.ts';
import { ensureDatabase, startEmbeddedPostgres } from '../apps/server/src/db/embedded.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { listEnterprises } from '../apps/server/src/modules/enterprises/repository.ts';
import { isEntry, runStandalone, type Benchmark } from './lib/entry.ts';
import { ms, percentile, seconds, type TargetRow } from './lib/report.ts';
import { makeTempDataDir } from './lib/server.ts';

const LIST_TARGET_MS = 50;
const SEARCH_TARGET_MS = 100;
const API_OVER_SQL_TARGET = 2;
const WARMUP = 3;
/** A case that takes seconds per request (a fragment matching a sixth of the province) stops early. */
const CASE_BUDGET_MS = 30_000;
const MIN_SAMPLES = 10;

const { values: args } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '1000000' },
    samples: { type: 'string', default: '100' },
    'data-dir': { type: 'string' },
    explain: { type: 'boolean', default: false },
  },
  strict: false,
});

interface Case {
  name: string;
  /** The query string of GET /api/enterprises. */
  query: Record<string, string>;
  targetMs: number;
}

const CASES: Case[] = [
  {
    name: 'list: industry 6513 + size small, total',
    query: { industry: '6513', size: 'small' },
    targetMs: LIST_TARGET_MS,
  },
  {
    name: 'list: status active + division 4101 (郑州市), total',
    query: { status: 'active', division: '4101' },
    targetMs: LIST_TARGET_MS,
  },
  { name: 'search: name fragment 鑫源', query: { q: '鑫源' }, targetMs: SEARCH_TARGET_MS },
  { name: 'search: traditional 東華 (→ 东华)', query: { q: '東華' }, targetMs: SEARCH_TARGET_MS },
  { name: 'search: pinyin initials xyzn (鑫源智能)', query: { q: 'xyzn' }, targetMs: SEARCH_TARGET_MS },
  { name: 'search: common fragment 科技 (many matches)', query: { q: '科技' }, targetMs: SEARCH_TARGET_MS },
];

interface Viewer {
  label: string;
  actor: Actor;
  cookie: string;
}

interface Statement {
  text: string;
  params: unknown[];
}

async function createViewer(
  pool: pg.Pool,
  username: string,
  unit: { id: string; path: string; name: string },
  label: string,
): Promise<Viewer> {
  const roles: Role[] = ['federation_staff'];
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO users (username, display_name, org_unit_id, roles, password_hash, must_change_password)
     VALUES ($1, $1, $2, $3, $4, false)
     ON CONFLICT (lower(username)) DO UPDATE SET org_unit_id = EXCLUDED.org_unit_id RETURNING id`,
    [username, unit.id, roles, await hashPassword(newToken())],
  );
  const userId = rows[0]!.id;
  const token = newToken();
  await pool.query(
    `INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, now(), now(), now() + interval '12 hours')`,
    [hashToken(token), userId],
  );
  return {
    label: `${label} (${unit.name})`,
    cookie: `${SESSION_COOKIE}=${token}`,
    actor: {
      sessionId: 'bench',
      userId,
      username,
      displayName: username,
      roles,
      permissions: permissionsOf(roles),
      orgUnitId: unit.id,
      orgPath: unit.path,
      enterpriseId: null,
      mustChangePassword: false,
    },
  };
}

function summary(samples: number[]): string {
  return `p50 ${ms(percentile(samples, 50))} · p95 ${ms(percentile(samples, 95))} · p99 ${ms(percentile(samples, 99))}`;
}

export const registrySearch: Benchmark = {
  title: 'Registry list and search at province scale (GET /api/enterprises vs its SQL)',
  async run() {
    const enterprises = Number(args.enterprises);
    const samples = Number(args.samples);
    const dataDir = typeof args['data-dir'] === 'string' ? path.resolve(args['data-dir']) : makeTempDataDir();
    fs.mkdirSync(dataDir, { recursive: true });
    const log = (message: string) => console.log(`  ${message}`);
    const rows: TargetRow[] = [];

    const server = await startEmbeddedPostgres({ dataDir });
    await ensureDatabase(server.adminUrl, 'qinqing');
    const url = server.urlFor('qinqing');
    const database = connect(url);
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      QINQING_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    });
    let app: Awaited<ReturnType<typeof buildApp>>['app'] | undefined;
    try {
      await migrate(database.pool);
      const built = await buildApp({ config, database, auditKey: loadAuditKey(config) });
      const { app: api, ctx } = built;
      app = api;
      await seedIfEmpty(database.db, ctx.audit, {
        demo: true,
        demoPassword: newToken(),
        now: ctx.clock.now(),
      });
      const found = await database.pool.query<{ id: string }>(
        'SELECT id FROM org_units WHERE parent_id IS NULL AND name = $1',
        [SYNTHETIC_PROVINCE.name],
      );
      if (found.rowCount === 0) {
        log(`generating ${enterprises.toLocaleString('en')} enterprises…`);
        const result = await generateSynthetic(database.pool, { enterprises, log });
        rows.push({
          target: `synthetic seed of ${result.counts.enterprises.toLocaleString('en')} enterprises`,
          measured:
            `${seconds(result.timings.totalMs)} (load ${seconds(result.timings.enterprisesMs)}, ` +
            `indexes ${seconds(result.timings.indexesMs)}, vacuum analyze ${seconds(result.timings.analyzeMs)})`,
          goal: '≤ 600 s',
          met: result.timings.totalMs <= 600_000,
        });
      } else {
        log('reusing the synthetic province already in this data directory');
      }
      const { rows: scopeRows } = await database.pool.query<{
        id: string;
        path: string;
        name: string;
        kind: string;
      }>(
        `SELECT id, path, name, kind FROM org_units
          WHERE parent_id IS NULL AND name = $1
             OR id = (SELECT d.id FROM org_units d JOIN org_units p ON p.id = d.parent_id
                       WHERE d.kind = 'district' AND p.parent_id = (SELECT id FROM org_units WHERE parent_id IS NULL AND name = $1)
                       ORDER BY d.code LIMIT 1)`,
        [SYNTHETIC_PROVINCE.name],
      );
      const province = scopeRows.find((r) => r.kind === 'province')!;
      const district = scopeRows.find((r) => r.kind === 'district')!;
      const viewers = [
        await createViewer(database.pool, 'bench-province', province, 'province staff'),
        await createViewer(database.pool, 'bench-district', district, 'district staff'),
      ];
      await api.listen({ host: '127.0.0.1', port: 0 });
      const address = api.server.address();
      const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

      // The repository's statements, exactly as it sends them: Drizzle's logger on the same pool.
      let captured: Statement[] = [];
      const capturing = drizzleOn(database.pool, {
        logger: { logQuery: (text, params) => captured.push({ text, params }) },
      });

      for (const viewer of viewers) {
        for (const c of CASES) {
          const search = new URLSearchParams(c.query).toString();
          captured = [];
          const listed = await listEnterprises(capturing, viewer.actor, enterpriseListQuery.parse(c.query));
          const statements = captured;
          const sql = () => Promise.all(statements.map((s) => database.pool.query(s.text, s.params)));
          const inject = async () => {
            const response = await api.inject({
              method: 'GET',
              url: `/api/enterprises?${search}`,
              headers: { cookie: viewer.cookie },
            });
            if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}: ${response.body}`);
          };
          const http = async () => {
            const response = await fetch(`${baseUrl}/api/enterprises?${search}`, {
              headers: { cookie: viewer.cookie },
            });
            await response.arrayBuffer();
            if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
          };
          const modes = { sql, inject, http };
          const timings: Record<keyof typeof modes, number[]> = { sql: [], inject: [], http: [] };
          for (let i = 0; i < WARMUP; i++) for (const run of Object.values(modes)) await run();
          // Interleaved, so a burst of other load on the machine hits all three alike.
          const caseStarted = performance.now();
          for (let i = 0; i < samples; i++) {
            if (i >= MIN_SAMPLES && performance.now() - caseStarted > CASE_BUDGET_MS) break;
            for (const [mode, run] of Object.entries(modes) as [
              keyof typeof modes,
              () => Promise<unknown>,
            ][]) {
              const started = performance.now();
              await run();
              timings[mode].push(performance.now() - started);
            }
          }
          const apiP95 = percentile(timings.inject, 95);
          const sqlP95 = percentile(timings.sql, 95);
          const ratio = apiP95 / sqlP95;
          rows.push({
            target: `${c.name} · ${viewer.label} · ${listed.total.toLocaleString('en')} found · ${timings.sql.length} samples`,
            measured: `API ${summary(timings.inject)} | HTTP ${summary(timings.http)} | SQL ${summary(timings.sql)} | API/SQL p95 ${ratio.toFixed(2)}×`,
            goal: `API p95 ≤ ${c.targetMs} ms, ≤ ${API_OVER_SQL_TARGET}× SQL`,
            met: apiP95 <= c.targetMs && ratio <= API_OVER_SQL_TARGET,
          });
          log(`${rows[rows.length - 1]!.target}: ${rows[rows.length - 1]!.measured}`);
          if (args.explain) {
            for (const statement of statements) {
              const plan = await database.pool.query<{ 'QUERY PLAN': string }>(
                `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
                statement.params,
              );
              console.log(
                `\n-- ${c.name} · ${viewer.label}\n${statement.text}\n-- ${JSON.stringify(statement.params)}`,
              );
              console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
            }
          }
        }
        // The chambers page lists every chamber in scope (a province has 1,661); only the page shown is
        // counted for members.
        const timings: number[] = [];
        let total = 0;
        for (let i = 0; i < WARMUP + samples; i++) {
          const started = performance.now();
          const response = await api.inject({
            method: 'GET',
            url: '/api/chambers?page=1&pageSize=20',
            headers: { cookie: viewer.cookie },
          });
          if (response.statusCode !== 200) throw new Error(`chambers: HTTP ${response.statusCode}`);
          total = (JSON.parse(response.body) as { total: number }).total;
          if (i >= WARMUP) timings.push(performance.now() - started);
        }
        rows.push({
          target: `chambers list, page 1 · ${viewer.label} · ${total.toLocaleString('en')} chambers`,
          measured: `API ${summary(timings)}`,
          goal: '',
        });
        log(`${rows[rows.length - 1]!.target}: ${rows[rows.length - 1]!.measured}`);
      }
    } finally {
      await app?.close();
      await database.close();
      await server.stop();
    }
    return rows;
  },
};

if (isEntry(import.meta.url)) await runStandalone(registrySearch);
