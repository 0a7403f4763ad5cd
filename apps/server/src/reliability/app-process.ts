// The reliability tier's tools: the real app as a child process on its own embedded data directory, signed
// in over HTTP as a browser is, and writers that raise appeals and remember every one the app acknowledged.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { repoRoot } from '../config.ts';
import { verifyAuditChain, type VerifyResult } from '../core/audit/verify.ts';
import { runningClusterUrl } from '../db/embedded.ts';

export const DEMO_PASSWORD = 'Reliability-test-2026!';

export interface AppProcess {
  child: ChildProcess;
  base: string;
  output(): string;
}

/** A fresh data directory the embedded server's unprivileged account (as root) can reach. */
export function makeDataDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `qinqing-${prefix}-`));
}

/**
 * Every app this file started and not yet seen exit, and whether cleanUp has run: a test that timed out
 * goes on running its loop after its `after` hook, and an app it starts then would keep the test file's
 * process (and the whole run) alive forever.
 */
const running = new Set<ChildProcess>();
let cleanedUp = false;

/** Starts `npm start`'s server (without the web build) on `dataDir` and waits until it listens. */
export function startApp(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<AppProcess> {
  if (cleanedUp) return Promise.reject(new Error('the test was cleaned up (timed out?): no app is started'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      QINQING_DATA_DIR: dataDir,
      PORT: '0',
      QINQING_DEMO_PASSWORD: DEMO_PASSWORD,
      QINQING_SCHEDULER_TICK_MS: '0',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      // V8's code cache across the many starts of a round-based test (node_modules compile once).
      NODE_COMPILE_CACHE: path.join(os.tmpdir(), 'qinqing-reliability-compile-cache'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the app did not start in 120 s:\n${output}`));
    }, 120_000);
    const onExit = () => {
      clearTimeout(timer);
      reject(new Error(`the app exited while starting:\n${output}`));
    };
    child.once('exit', onExit);
    child.stdout?.on('data', () => {
      const match = /Qinqing is running at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      if (cleanedUp) {
        child.kill('SIGKILL');
        reject(new Error('the test was cleaned up while the app started'));
        return;
      }
      resolve({ child, base: `http://127.0.0.1:${match[1]}`, output: () => output });
    });
  });
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** The embedded postmaster's pid, from the first line of its postmaster.pid. */
export function postmasterPid(dataDir: string): number | undefined {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!fs.existsSync(file)) return undefined;
  const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Signs in as the browser does and answers the session cookie. */
export async function signIn(base: string, username = 'staff'): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    signal: AbortSignal.timeout(30_000),
  });
  await response.arrayBuffer();
  const cookie = response.headers
    .getSetCookie()
    .map((line) => /^qinqing_sid=([^;]+)/.exec(line)?.[1])
    .find(Boolean);
  if (response.status !== 200 || !cookie) throw new Error(`sign-in as ${username}: HTTP ${response.status}`);
  return `qinqing_sid=${cookie}`;
}

export interface Answer {
  status: number;
  body: unknown;
}

/** One call; a refused or reset socket (the app down) is status 0. */
export async function call(
  base: string,
  cookie: string,
  url: string,
  body?: unknown,
  timeoutMs = 15_000,
): Promise<Answer> {
  try {
    const response = await fetch(base + url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        cookie,
        origin: base,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: kept as text for the failure message.
    }
    return { status: response.status, body: parsed };
  } catch {
    return { status: 0, body: undefined };
  }
}

/** What an appeal is raised with: an enterprise in the staff's scope and an active category. */
export interface RaiseScene {
  enterpriseId: string;
  category: string;
}

export async function raiseScene(base: string, cookie: string): Promise<RaiseScene> {
  const enterprises = await call(base, cookie, '/api/enterprises?page=1&pageSize=1');
  const categories = await call(base, cookie, '/api/appeal-categories');
  const enterpriseId = (enterprises.body as { items?: { id: string }[] }).items?.[0]?.id;
  const list = categories.body as { items?: { code: string; active?: boolean }[] } | { code: string }[];
  const items = Array.isArray(list) ? list : (list.items ?? []);
  const category = items.find((item) => (item as { active?: boolean }).active !== false)?.code;
  if (!enterpriseId || !category) {
    throw new Error(
      `no enterprise or category to raise with: ${JSON.stringify(enterprises.body).slice(0, 300)} ${JSON.stringify(categories.body).slice(0, 300)}`,
    );
  }
  return { enterpriseId, category };
}

/** Counts of answers by status, and the ids of the appeals the app acknowledged (2xx). */
export interface WriteLog {
  acknowledged: string[];
  statuses: Map<number, number>;
  /** Bodies of answers that were neither 2xx, 503 DATABASE_UNAVAILABLE nor a dropped socket. */
  unexpected: Answer[];
  /** Statuses in the order they came back (to see 503 during an outage and 2xx after it). */
  timeline: { at: number; status: number; code?: string }[];
}

export function newWriteLog(): WriteLog {
  return { acknowledged: [], statuses: new Map(), unexpected: [], timeline: [] };
}

/** Raises one appeal; records the answer. */
export async function raiseOne(
  base: string,
  cookie: string,
  scene: RaiseScene,
  log: WriteLog,
  label: string,
): Promise<Answer> {
  const answer = await call(base, cookie, '/api/appeals', {
    enterpriseId: scene.enterpriseId,
    category: scene.category,
    title: `可靠性测试诉求 ${label}`,
    description: '招工难，急需技术工人，请协调人社部门对接职业院校。',
    source: 'phone',
    urgency: 'normal',
  });
  log.statuses.set(answer.status, (log.statuses.get(answer.status) ?? 0) + 1);
  const code = (answer.body as { error?: { code?: string } } | undefined)?.error?.code;
  log.timeline.push({ at: Date.now(), status: answer.status, ...(code ? { code } : {}) });
  if (answer.status >= 200 && answer.status < 300) {
    const id = (answer.body as { appeal?: { id?: string } }).appeal?.id;
    if (!id) throw new Error(`a 2xx without an appeal id: ${JSON.stringify(answer.body).slice(0, 300)}`);
    log.acknowledged.push(id);
  } else if (answer.status !== 0 && !(answer.status === 503 && code === 'DATABASE_UNAVAILABLE')) {
    log.unexpected.push(answer);
  }
  return answer;
}

/** `writers` loops raising appeals one after another until `stop` is aborted. */
export async function writeUntil(
  base: string,
  cookie: string,
  scene: RaiseScene,
  log: WriteLog,
  stop: AbortSignal,
  writers = 3,
): Promise<void> {
  let counter = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (!stop.aborted) {
        const answer = await raiseOne(base, cookie, scene, log, String(counter++));
        // A refused socket answers at once: do not spin.
        if (answer.status === 0 || answer.status === 503) await sleep(50);
      }
    }),
  );
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Connects to the cluster the running app started, for the checks after the writes. */
export function clusterPool(dataDir: string): pg.Pool {
  const url = runningClusterUrl(dataDir, 'qinqing');
  if (!url) throw new Error(`no running cluster on ${dataDir}`);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  return pool;
}

/** The acknowledged appeal ids that are not in the database. */
export async function missingAppeals(pool: pg.Pool, ids: string[]): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    'SELECT id::text FROM appeals WHERE id = ANY($1::uuid[])',
    [ids],
  );
  const found = new Set(rows.map((row) => row.id));
  return ids.filter((id) => !found.has(id));
}

export function verifyChain(pool: pg.Pool, dataDir: string): Promise<VerifyResult> {
  const key = Buffer.from(fs.readFileSync(path.join(dataDir, 'audit.key'), 'utf8').trim(), 'utf8');
  return verifyAuditChain(pool, key);
}

/** Stops the app (and its PostgreSQL) and removes the data directory, whatever state they are in. */
export async function cleanUp(app: AppProcess | undefined, dataDir: string): Promise<void> {
  cleanedUp = true;
  const children = new Set(running);
  if (app) children.add(app.child);
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited(child);
    clearTimeout(timer);
  }
  const pid = postmasterPid(dataDir);
  if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
