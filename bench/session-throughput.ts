// GET /api/auth/me with a valid session under load (32 connections), and with an API token (the ratio token
// vs cookie on the same route), against a bare Fastify route doing
// only the same session lookup in one pg query on the same database. Targets: ≥ 3,000 requests/s and at
// least 0.6 of the bare route. Rounds alternate (bare, app, bare, app) so drift on a shared machine
// affects both sides alike. Each round also reports CPU per request by process: with 2 cores, the server,
// PostgreSQL and autocannon share them, so that split explains a throughput number.
import autocannon from 'autocannon';
import { login, sessionCookie } from './lib/auth.ts';
import { ownCpuMs, processCpuMs, processTreeCpu, treeCpuDeltaMs } from './lib/cpu.ts';
import { isEntry, runStandalone, type Benchmark } from './lib/entry.ts';
import { ms, type TargetRow } from './lib/report.ts';
import {
  embeddedDatabaseUrl,
  makeTempDataDir,
  readPostmasterPid,
  removeTempDataDir,
  spawnAppServer,
  spawnBareServer,
  waitHealthy,
  type SpawnedProcess,
} from './lib/server.ts';

const CONNECTIONS = 32;
const WARMUP_S = 3;
const MEASURE_S = 10;
const ROUNDS = 2;
const RPS_TARGET = 3_000;
const RATIO_TARGET = 0.6;
const START_TIMEOUT_MS = 90_000;

interface Target {
  label: string;
  url: string;
  headers: Record<string, string>;
  serverPid: number;
}

interface Round {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  /** CPU µs per request, by process. */
  cpu: { server: number; postgres: number; autocannon: number };
}

async function load(target: Target, seconds: number) {
  return autocannon({
    url: target.url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: target.headers,
  });
}

async function measure(target: Target, postmaster: number): Promise<Round> {
  await load(target, WARMUP_S);
  const before = {
    server: processCpuMs(target.serverPid),
    pg: processTreeCpu(postmaster),
    own: ownCpuMs(),
  };
  const result = await load(target, MEASURE_S);
  const requests = result.requests.total;
  const perRequest = (afterMs: number, beforeMs: number) => ((afterMs - beforeMs) * 1000) / requests;
  const round: Round = {
    // Only answers that did the work count: a 401 flood would otherwise look fast.
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors,
    cpu: {
      server: perRequest(processCpuMs(target.serverPid), before.server),
      postgres: (treeCpuDeltaMs(before.pg, processTreeCpu(postmaster)) * 1000) / requests,
      autocannon: perRequest(ownCpuMs(), before.own),
    },
  };
  const { cpu } = round;
  console.log(
    `${target.label.padEnd(30)} ${round.rps.toFixed(0).padStart(6)} req/s  p50 ${ms(round.p50)}  p99 ${ms(round.p99)}` +
      `  CPU µs/req: server ${cpu.server.toFixed(0)}, postgres ${cpu.postgres.toFixed(0)}, autocannon ${cpu.autocannon.toFixed(0)}` +
      (round.failures > 0 ? `  (non-2xx or errors: ${round.failures})` : ''),
  );
  return round;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

function summary(rounds: Round[]): string {
  const cpu = (key: keyof Round['cpu']) => mean(rounds.map((r) => r.cpu[key])).toFixed(0);
  return (
    `${mean(rounds.map((r) => r.rps)).toFixed(0)} req/s · p50 ${ms(mean(rounds.map((r) => r.p50)))}` +
    ` · p99 ${ms(mean(rounds.map((r) => r.p99)))} · CPU µs/req ${cpu('server')}+${cpu('postgres')}+${cpu('autocannon')}`
  );
}

/** Signs in as the demo's security administrator and issues a token that may read the registry. */
async function hotlineStyleToken(baseUrl: string): Promise<string> {
  const outcome = await login(baseUrl, 'secadmin');
  if (!outcome.token) throw new Error(`login as secadmin failed with HTTP ${outcome.status}`);
  const response = await fetch(`${baseUrl}/api/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, cookie: `qinqing_sid=${outcome.token}` },
    body: JSON.stringify({
      name: 'bench',
      permissions: ['registry.read'],
      orgUnitId: await districtId(baseUrl, outcome.token),
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    }),
  });
  if (response.status !== 201) throw new Error(`issuing a token failed: ${await response.text()}`);
  return ((await response.json()) as { token: { secret: string } }).token.secret;
}

async function districtId(baseUrl: string, session: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/org-units`, { headers: { cookie: `qinqing_sid=${session}` } });
  const { items } = (await response.json()) as { items: { id: string; name: string }[] };
  const district = items.find((unit) => unit.name === '示例区工商联');
  if (!district) throw new Error('the demo has no 示例区工商联');
  return district.id;
}

function pidOf(server: SpawnedProcess): number {
  if (server.child.pid === undefined) throw new Error('server has no pid');
  return server.child.pid;
}

export const sessionThroughput: Benchmark = {
  title:
    `GET /api/auth/me, ${CONNECTIONS} connections, ${MEASURE_S} s per round after ${WARMUP_S} s warm-up` +
    ' (CPU µs/req = server + postgres + autocannon)',
  async run() {
    const dataDir = makeTempDataDir();
    const startedAt = performance.now();
    // No per-token rate limit here: the token rounds measure what a token costs, not its limit.
    const app = await spawnAppServer({ dataDir, env: { QINQING_API_TOKEN_RATE_LIMIT: '0' } });
    let bare: SpawnedProcess | undefined;
    try {
      await waitHealthy(app, startedAt, START_TIMEOUT_MS);
      const cookie = await sessionCookie(app.baseUrl);
      await waitHealthy(app, performance.now(), 5_000, { path: '/api/auth/me', headers: { cookie } });

      const databaseUrl = embeddedDatabaseUrl(dataDir);
      bare = await spawnBareServer(databaseUrl);
      await waitHealthy(bare, performance.now(), START_TIMEOUT_MS, { path: '/me', headers: { cookie } });
      const postmaster = readPostmasterPid(dataDir)?.pid;
      if (!postmaster) throw new Error('embedded PostgreSQL has no postmaster.pid');
      console.log(`database: embedded PostgreSQL ${new URL(databaseUrl).host}; server LOG_LEVEL=warn`);

      const bareTarget = {
        label: 'bare /me',
        url: `${bare.baseUrl}/me`,
        headers: { cookie },
        serverPid: pidOf(bare),
      };
      const appTarget = {
        label: 'app /api/auth/me',
        url: `${app.baseUrl}/api/auth/me`,
        headers: { cookie },
        serverPid: pidOf(app),
      };
      const bareRounds: Round[] = [];
      const appRounds: Round[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        bareRounds.push(await measure(bareTarget, postmaster));
        appRounds.push(await measure(appTarget, postmaster));
      }
      // The app's whole chain (hooks, helmet, SELECT 1) without the session lookup or response schema: the
      // gap between this and /api/auth/me is what the session and user payload cost.
      const healthRound = await measure(
        {
          label: 'app /api/health (no cookie)',
          url: `${app.baseUrl}/api/health`,
          headers: {},
          serverPid: pidOf(app),
        },
        postmaster,
      );

      // The same route with an API token instead of the cookie (issue 10 item 8: a token-authenticated
      // request costs no more than a cookie one). Alternated with cookie rounds so drift hits both.
      const bearer = await hotlineStyleToken(app.baseUrl);
      const tokenTarget = {
        label: 'app /api/auth/me (token)',
        url: `${app.baseUrl}/api/auth/me`,
        headers: { authorization: `Bearer ${bearer}` },
        serverPid: pidOf(app),
      };
      const tokenRounds: Round[] = [];
      const cookieRounds: Round[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        tokenRounds.push(await measure(tokenTarget, postmaster));
        cookieRounds.push(await measure(appTarget, postmaster));
      }
      const tokenRps = mean(tokenRounds.map((r) => r.rps));
      const cookieRps = mean(cookieRounds.map((r) => r.rps));
      const tokenCpu = mean(tokenRounds.map((r) => r.cpu.server + r.cpu.postgres));
      const cookieCpu = mean(cookieRounds.map((r) => r.cpu.server + r.cpu.postgres));

      const appRps = mean(appRounds.map((r) => r.rps));
      const bareRps = mean(bareRounds.map((r) => r.rps));
      const failures = [...appRounds, ...bareRounds, healthRound, ...tokenRounds, ...cookieRounds].reduce(
        (n, r) => n + r.failures,
        0,
      );
      const rows: TargetRow[] = [
        {
          target: 'app GET /api/auth/me',
          measured: summary(appRounds),
          goal: `≥ ${RPS_TARGET} req/s`,
          met: appRps >= RPS_TARGET,
        },
        { target: 'bare Fastify + pg lookup', measured: summary(bareRounds), goal: '(baseline)' },
        {
          target: 'app / bare',
          measured: (appRps / bareRps).toFixed(2),
          goal: `≥ ${RATIO_TARGET}`,
          met: appRps / bareRps >= RATIO_TARGET,
        },
        { target: 'app GET /api/health, no cookie', measured: summary([healthRound]), goal: '(variant)' },
        { target: 'app GET /api/auth/me, API token', measured: summary(tokenRounds), goal: '(variant)' },
        {
          target: 'token / cookie, same route',
          measured:
            `${(tokenRps / cookieRps).toFixed(2)} req/s ratio · ` +
            `CPU µs/req (server+postgres) ${tokenCpu.toFixed(0)} vs ${cookieCpu.toFixed(0)}`,
          goal: '≥ 0.95 (costs no more)',
          met: tokenRps / cookieRps >= 0.95,
        },
      ];
      if (failures > 0) {
        rows.push({ target: 'non-2xx or errors', measured: String(failures), goal: '0', met: false });
      }
      return rows;
    } finally {
      await bare?.stop();
      await app.stop();
      removeTempDataDir(dataDir);
    }
  },
};

if (isEntry(import.meta.url)) await runStandalone(sessionThroughput);
