// Login latency: POST /api/auth/login as `staff`, 200 one after another and 200 with 20 in flight, against
// the real server with the login rate limit off (QINQING_LOGIN_RATE_LIMIT=0). Target: p95 ≤ 100 ms. The
// argon2id check is timed on its own as well, since by design it is most of a login.
import { hashPassword, verifyPassword } from '../apps/server/src/core/auth/passwords.ts';
import { login } from './lib/auth.ts';
import { processCpuMs, processTreeCpu, treeCpuDeltaMs } from './lib/cpu.ts';
import { isEntry, runStandalone, type Benchmark } from './lib/entry.ts';
import { ms, percentile, type TargetRow } from './lib/report.ts';
import {
  DEMO_PASSWORD,
  makeTempDataDir,
  readPostmasterPid,
  removeTempDataDir,
  spawnAppServer,
  waitHealthy,
  type SpawnedProcess,
} from './lib/server.ts';

const LOGINS = 200;
const CONCURRENCY = 20;
const WARMUP_LOGINS = 10;
const ARGON2_SAMPLES = 20;
const P95_TARGET_MS = 100;
const START_TIMEOUT_MS = 90_000;

interface Batch {
  latencies: number[];
  wallMs: number;
  failures: number;
  /** CPU ms per login, by process. */
  serverCpuMs: number;
  postgresCpuMs: number;
}

async function timedLogin(baseUrl: string): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  const outcome = await login(baseUrl);
  return { ms: performance.now() - started, ok: outcome.token !== undefined };
}

/** `count` logins, `concurrency` in flight at a time. */
async function runBatch(server: SpawnedProcess, postmaster: number, count: number, concurrency: number) {
  const serverPid = server.child.pid ?? 0;
  const before = { server: processCpuMs(serverPid), pg: processTreeCpu(postmaster) };
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      next++;
      const result = await timedLogin(server.baseUrl);
      latencies.push(result.ms);
      if (!result.ok) failures++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const batch: Batch = {
    latencies,
    wallMs: performance.now() - started,
    failures,
    serverCpuMs: (processCpuMs(serverPid) - before.server) / count,
    postgresCpuMs: treeCpuDeltaMs(before.pg, processTreeCpu(postmaster)) / count,
  };
  return batch;
}

function latencies(batch: Batch): string {
  const p = (n: number) => ms(percentile(batch.latencies, n));
  return `p50 ${p(50)} · p95 ${p(95)} · p99 ${p(99)}`;
}

function throughput(batch: Batch): string {
  const rate = (batch.latencies.length / batch.wallMs) * 1000;
  return `${rate.toFixed(0)} logins/s · CPU/login server ${ms(batch.serverCpuMs)} + postgres ${ms(batch.postgresCpuMs)}`;
}

/** argon2id verify of the seeded password with the server's parameters, in this process. */
async function argon2VerifyMs(): Promise<number[]> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const samples: number[] = [];
  for (let i = 0; i < ARGON2_SAMPLES; i++) {
    const started = performance.now();
    if (!(await verifyPassword(hash, DEMO_PASSWORD))) throw new Error('argon2 verify failed');
    samples.push(performance.now() - started);
  }
  return samples;
}

export const loginLatency: Benchmark = {
  title: `POST /api/auth/login (${LOGINS} logins each; rate limit off)`,
  async run() {
    const dataDir = makeTempDataDir();
    const startedAt = performance.now();
    const server = await spawnAppServer({ dataDir, env: { QINQING_LOGIN_RATE_LIMIT: '0' } });
    try {
      await waitHealthy(server, startedAt, START_TIMEOUT_MS);
      const postmaster = readPostmasterPid(dataDir)?.pid;
      if (!postmaster) throw new Error('embedded PostgreSQL has no postmaster.pid');
      const warmup = await runBatch(server, postmaster, WARMUP_LOGINS, 1);
      if (warmup.failures > 0) throw new Error(`warm-up logins failed:\n${server.output()}`);

      const sequential = await runBatch(server, postmaster, LOGINS, 1);
      console.log(`sequential:    ${latencies(sequential)} · ${throughput(sequential)}`);
      const concurrent = await runBatch(server, postmaster, LOGINS, CONCURRENCY);
      console.log(`${CONCURRENCY} concurrent: ${latencies(concurrent)} · ${throughput(concurrent)}`);
      const argon2 = await argon2VerifyMs();

      const p95 = percentile(sequential.latencies, 95);
      const rows: TargetRow[] = [
        {
          target: 'login, sequential',
          measured: latencies(sequential),
          goal: `p95 ≤ ${ms(P95_TARGET_MS)}`,
          met: p95 <= P95_TARGET_MS,
        },
        { target: '  throughput and CPU', measured: throughput(sequential), goal: '(breakdown)' },
        {
          target: `login, ${CONCURRENCY} concurrent`,
          measured: latencies(concurrent),
          goal: `p95 ≤ ${ms(P95_TARGET_MS)}`,
          met: percentile(concurrent.latencies, 95) <= P95_TARGET_MS,
        },
        { target: '  throughput and CPU', measured: throughput(concurrent), goal: '(breakdown)' },
        {
          target: 'argon2id verify alone (bench process)',
          measured: `p50 ${ms(percentile(argon2, 50))} · p95 ${ms(percentile(argon2, 95))}`,
          goal: '(breakdown)',
        },
      ];
      const failures = sequential.failures + concurrent.failures;
      if (failures > 0)
        rows.push({ target: 'failed logins', measured: String(failures), goal: '0', met: false });
      return rows;
    } finally {
      await server.stop();
      removeTempDataDir(dataDir);
    }
  },
};

if (isEntry(import.meta.url)) await runStandalone(loginLatency);
