// GET /api/auth/me with a valid session under load (32 connections), against a bare Fastify route doing
// only the same session lookup in one pg query on the same database. Targets: ≥ 3,000 requests/s and at
// least 0.6 of the bare route. Rounds alternate (bare, app, bare, app) so drift on a shared machine
// affects both sides alike. Each round also reports CPU per request by process: with 2 cores, the server,
// PostgreSQL and autocannon share them, so that split explains a throughput number.
import autocannon from 'autocannon';
import { sessionCookie } from './lib/auth.ts';
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
    const app = await spawnAppServer({ dataDir });
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

      const appRps = mean(appRounds.map((r) => r.rps));
      const bareRps = mean(bareRounds.map((r) => r.rps));
      const failures = [...appRounds, ...bareRounds, healthRound].reduce((n, r) => n + r.failures, 0);
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
