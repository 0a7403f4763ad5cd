// The embedded PostgreSQL lifecycle, through the real server process: first start, a second process on
// the same data directory refused, clean stop on SIGTERM, and recovery after a crash (SIGKILL).
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { repoRoot } from '../config.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinqing-embedded-'));
const running: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
}

/** The account tests run the server as to cover the non-root path when the suite itself runs as root. */
function unprivilegedAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

function startServer(options: { dir?: string; as?: { uid: number; gid: number } } = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      QINQING_DATA_DIR: options.dir ?? dataDir,
      PORT: '0',
      QINQING_DEMO_PASSWORD: 'Embedded-test-2026!',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      HOME: os.tmpdir(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options.as,
  });
  running.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000);
    child.stdout?.on('data', () => {
      const match = /Qinqing is running at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]), output: () => output });
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`server exited:\n${output}`));
    });
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** The health answer's status and database (it says more, e.g. whether next year's calendar is entered). */
async function health(port: number): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}/api/health`);
  const { status, db } = (await response.json()) as { status?: unknown; db?: unknown };
  return { status, db };
}

function postmasterPid(): number | undefined {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  return fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded PostgreSQL', { timeout: 240_000 }, () => {
  after(() => {
    for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
    const pid = postmasterPid();
    if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on an empty data directory, refuses a second process, stops cleanly, survives a crash', async () => {
    const first = await startServer();
    assert.deepEqual(await health(first.port), { status: 'ok', db: 'ok' });
    assert.ok(fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION')), 'cluster under <dataDir>/pg');
    assert.match(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8'), /127\.0\.0\.1/);

    // A second app process on the same data directory is refused with a clear message.
    const second = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, QINQING_DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(second);
    let secondOutput = '';
    second.stderr?.on('data', (chunk: Buffer) => (secondOutput += chunk.toString()));
    assert.equal(await exitOf(second), 1);
    assert.match(secondOutput, /正被另一个 Qinqing 进程/);
    assert.deepEqual(await health(first.port), { status: 'ok', db: 'ok' }, 'the first keeps running');

    // SIGTERM stops the app and its PostgreSQL.
    const pgPid = postmasterPid();
    assert.ok(pgPid && alive(pgPid));
    first.child.kill('SIGTERM');
    assert.equal(await exitOf(first.child), 0);
    assert.equal(alive(pgPid), false, 'PostgreSQL stopped');
    assert.equal(fs.existsSync(path.join(dataDir, 'qinqing.pid')), false, 'lock released');

    // A crash leaves a stale app pid file and an orphaned PostgreSQL; the next start recovers.
    const crashed = await startServer();
    const orphan = postmasterPid();
    crashed.child.kill('SIGKILL');
    await exitOf(crashed.child);
    assert.ok(fs.existsSync(path.join(dataDir, 'qinqing.pid')), 'stale lock left behind');
    const recovered = await startServer();
    assert.deepEqual(await health(recovered.port), { status: 'ok', db: 'ok' });
    assert.ok(orphan && !alive(orphan), 'the orphaned server was stopped');
    assert.doesNotMatch(recovered.output(), /示例账号/, 'demo data is not seeded twice');
    recovered.child.kill('SIGINT');
    assert.equal(await exitOf(recovered.child), 0);
  });

  it('runs as an ordinary (non-root) user too', async () => {
    const as = unprivilegedAccount();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinqing-embedded-user-'));
    if (as) fs.chownSync(dir, as.uid, as.gid);
    try {
      const server = await startServer({ dir, as });
      assert.deepEqual(await health(server.port), { status: 'ok', db: 'ok' });
      const owner = fs.statSync(path.join(dir, 'pg')).uid;
      assert.equal(owner, as?.uid ?? process.getuid?.());
      server.child.kill('SIGTERM');
      assert.equal(await exitOf(server.child), 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
