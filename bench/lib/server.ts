// Spawning the real server (and the bare baseline) as child processes: free ports, health polling, stop
// timing, and cleanup that also runs when a benchmark throws or is interrupted.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Passes the seeded password policy (length, not common, no username in it). */
export const DEMO_PASSWORD = 'Bench-Password-2026!';

const HEALTH_POLL_MS = 50;
const STOP_TIMEOUT_MS = 30_000;
const OUTPUT_TAIL_LINES = 40;
// Enough for the whole start-up output; request logs (LOG_LEVEL=warn) do not fill it.
const OUTPUT_LINES_KEPT = 500;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A timeout to race against a child's exit; unref'd so a pending one does not keep the benchmark alive. */
export function deadline(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

const tempDirs = new Set<string>();

export function makeTempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinqing-bench-'));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDataDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

export interface SpawnedProcess {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** The last lines the process printed, for error messages. */
  output(): string;
  /** When (performance.now()) a line containing `text` was first printed: start-up phases come from the log. */
  printedAt(text: string): number | undefined;
  /** SIGTERM, wait for exit (SIGKILL after a timeout); resolves with how long the clean stop took in ms. */
  stop(): Promise<number>;
}

const live = new Set<SpawnedProcess>();

/**
 * Detached, so the child leads its own process group: a forced kill of the group also takes the embedded
 * PostgreSQL it spawned, which would otherwise outlive a SIGKILLed parent.
 */
function spawnNode(
  script: string,
  env: NodeJS.ProcessEnv,
  port: number,
  dataDir?: string,
  nodeArgs: string[] = [],
): SpawnedProcess {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: { at: number; text: string }[] = [];
  const collect = (chunk: Buffer) => {
    const at = performance.now();
    for (const text of chunk.toString().split('\n')) if (text) lines.push({ at, text });
    if (lines.length > OUTPUT_LINES_KEPT) lines.splice(0, lines.length - OUTPUT_LINES_KEPT);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const spawned: SpawnedProcess = {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    output: () =>
      lines
        .slice(-OUTPUT_TAIL_LINES)
        .map((line) => line.text)
        .join('\n'),
    printedAt: (text) => lines.find((line) => line.text.includes(text))?.at,
    async stop() {
      const started = performance.now();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timedOut = await Promise.race([
          exited.then(() => false),
          deadline(STOP_TIMEOUT_MS).then(() => true),
        ]);
        if (timedOut) forceKill(child, dataDir);
        await exited;
      }
      live.delete(spawned);
      return performance.now() - started;
    },
  };
  live.add(spawned);
  return spawned;
}

function forceKill(child: ChildProcess, dataDir: string | undefined): void {
  if (child.pid !== undefined) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is already gone.
    }
  }
  // PostgreSQL may have left the group; its pid file names it.
  const postmaster = dataDir && readPostmasterPid(dataDir);
  if (postmaster) {
    try {
      process.kill(postmaster.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

interface PostmasterPid {
  pid: number;
  port: number;
}

/** The embedded cluster's postmaster (pid and port) from <dataDir>/pg/postmaster.pid. */
export function readPostmasterPid(dataDir: string): PostmasterPid | undefined {
  try {
    const lines = fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
    return { pid: Number(lines[0]), port: Number(lines[3]) };
  } catch {
    return undefined;
  }
}

/** Connection URL of the embedded cluster a running server started under `dataDir`. */
export function embeddedDatabaseUrl(dataDir: string): string {
  const password = fs.readFileSync(path.join(dataDir, 'pg-superuser-password'), 'utf8').trim();
  const postmaster = readPostmasterPid(dataDir);
  if (!postmaster || !Number.isInteger(postmaster.port))
    throw new Error(`no running PostgreSQL in ${dataDir}`);
  return `postgres://qinqing:${encodeURIComponent(password)}@127.0.0.1:${postmaster.port}/qinqing`;
}

export interface ServerOptions {
  dataDir: string;
  /** Extra environment, e.g. QINQING_LOGIN_RATE_LIMIT. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Node flags for the server only, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see
 * what dominates a run (node refuses --cpu-prof in NODE_OPTIONS).
 */
const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

/** Starts `apps/server/src/main.ts` as production does; LOG_LEVEL=warn so request logging does not dominate. */
export async function spawnAppServer(options: ServerOptions): Promise<SpawnedProcess> {
  const port = await freePort();
  return spawnNode(
    'apps/server/src/main.ts',
    {
      LOG_LEVEL: 'warn',
      // An inherited NODE_ENV=test would switch on the server's test mode.
      NODE_ENV: 'production',
      QINQING_DATA_DIR: options.dataDir,
      QINQING_DEMO_PASSWORD: DEMO_PASSWORD,
      ...options.env,
    },
    port,
    options.dataDir,
    serverNodeArgs,
  );
}

/** Starts the bare Fastify + pg baseline (bench/lib/bare-session-server.ts) against `databaseUrl`. */
export async function spawnBareServer(databaseUrl: string): Promise<SpawnedProcess> {
  const port = await freePort();
  return spawnNode('bench/lib/bare-session-server.ts', { BARE_DATABASE_URL: databaseUrl }, port);
}

export interface HealthProbe {
  path: string;
  /** Exact body required besides status 200; any body when absent. */
  body?: string;
  /** What the body must start with besides status 200 (the app's health adds facts after status and db). */
  bodyPrefix?: string;
  headers?: Record<string, string>;
}

const APP_HEALTH: HealthProbe = { path: '/api/health', bodyPrefix: '{"status":"ok","db":"ok"' };

/** Polls every 50 ms until the probe answers 200 (with its body); resolves with ms since `startedAt`. */
export async function waitHealthy(
  server: SpawnedProcess,
  startedAt: number,
  timeoutMs: number,
  probe: HealthProbe = APP_HEALTH,
): Promise<number> {
  const giveUpAt = startedAt + timeoutMs;
  while (performance.now() < giveUpAt) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(
        `server exited (${server.child.exitCode ?? server.child.signalCode}):\n${server.output()}`,
      );
    }
    try {
      const response = await fetch(server.baseUrl + probe.path, {
        headers: probe.headers ?? {},
        signal: AbortSignal.timeout(1_000),
      });
      const body = await response.text();
      if (
        response.status === 200 &&
        (probe.body === undefined || body === probe.body) &&
        (probe.bodyPrefix === undefined || body.startsWith(probe.bodyPrefix))
      ) {
        return performance.now() - startedAt;
      }
    } catch {
      // Not listening yet.
    }
    await sleep(HEALTH_POLL_MS);
  }
  throw new Error(`not healthy within ${timeoutMs} ms:\n${server.output()}`);
}

/** Stops every child still running and removes every temp dir; safe to call more than once. */
export async function cleanupAll(): Promise<void> {
  await Promise.all([...live].map((server) => server.stop().catch(() => undefined)));
  for (const dir of [...tempDirs]) removeTempDataDir(dir);
}

/** Last resort on process exit: no waiting possible, so kill groups outright and leave temp dirs clean. */
function killAllNow(): void {
  for (const server of live) forceKill(server.child, undefined);
  for (const dir of tempDirs) {
    const postmaster = readPostmasterPid(dir);
    if (postmaster) {
      try {
        process.kill(postmaster.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

process.once('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void cleanupAll().finally(() => process.exit(130));
  });
}
