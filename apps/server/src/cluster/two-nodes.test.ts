// Two app nodes on one database (issue 12, item 8): two real server processes (main.ts, as production
// starts it) on this file's test database, each with its own data directory and port, sharing the audit
// key. A session made on one works on the other; each scheduled task's run (its slot: task and due time)
// happens once across both, never two at a time; an invitation batch accepted by node A, killed with
// SIGKILL part-way, is resumed by node B and ends with every enterprise invited exactly once and every
// code in the batch's result; the audit chain verifies.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { repoRoot } from '../config.ts';
import { verifyAuditChain } from '../core/audit/verify.ts';
import { connect } from '../db/connection.ts';
import { hashCode } from '../modules/invitations/codes.ts';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';

const PASSWORD = 'Two-nodes-test-2026!';
const AUDIT_KEY = 'two-nodes-shared-audit-key';
const START_TIMEOUT_MS = 120_000;
/** Enterprises added to the demo district: a batch of several 1,000-enterprise chunks, to kill part-way. */
const EXTRA_ENTERPRISES = 8_000;

interface Node {
  name: string;
  child: ChildProcess;
  base: string;
  output: string[];
  exited: Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startNode(name: string, databaseUrl: string, dataDir: string): Promise<Node> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      QINQING_DATA_DIR: dataDir,
      QINQING_AUDIT_KEY: AUDIT_KEY,
      QINQING_DEMO_PASSWORD: PASSWORD,
      QINQING_LOGIN_RATE_LIMIT: '1000',
      PORT: '0',
      LOG_LEVEL: 'warn',
      // Both nodes look for due tasks five times a second: they race for every slot.
      QINQING_SCHEDULER_TICK_MS: '200',
      // A dead node's jobs are taken within seconds, not the production minute.
      QINQING_JOB_LEASE_MS: '2000',
      QINQING_JOB_POLL_MS: '300',
      NODE_COMPILE_CACHE: path.join(os.tmpdir(), 'qinqing-two-nodes-compile-cache'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start:\n${output.join('')}`)),
      START_TIMEOUT_MS,
    );
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output.push(text);
      const listening = /running at (http:\/\/[^\s]+)/.exec(text);
      if (listening) {
        clearTimeout(timer);
        resolve({ name, child, base: listening[1]!, output, exited });
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${name} exited while starting:\n${output.join('')}`));
    });
  });
}

async function stopNode(node: Node | undefined): Promise<void> {
  if (!node || node.child.exitCode !== null || node.child.signalCode !== null) return;
  node.child.kill('SIGTERM');
  await Promise.race([node.exited, sleep(20_000).then(() => node.child.kill('SIGKILL'))]);
}

async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username: 'staff', password: PASSWORD }),
  });
  assert.equal(response.status, 200, await response.text());
  const cookie = response.headers
    .getSetCookie()
    .map((line) => /^(qinqing_sid=[^;]+)/.exec(line)?.[1])
    .find(Boolean);
  assert.ok(cookie, 'a session cookie');
  return cookie;
}

describe('two app nodes on one database', { timeout: 300_000 }, () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  const dirs: string[] = [];
  let a: Node | undefined;
  let b: Node | undefined;

  before(async () => {
    database = await createTestDatabase();
    pool = connect(database.url, 2).pool;
    for (const name of ['a', 'b']) dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), `qinqing-node-${name}-`)));
    // Both at once, on a migrated but empty database: one of them seeds the demo (under its lock).
    [a, b] = await Promise.all([
      startNode('node A', database.url, dirs[0]!),
      startNode('node B', database.url, dirs[1]!),
    ]);
  });

  after(async () => {
    await Promise.all([stopNode(a), stopNode(b)]);
    await pool?.end();
    await database?.drop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shares sessions, runs each task slot once, and resumes a killed node’s job on the other', async () => {
    const nodeA = a!;
    const nodeB = b!;
    // A session made on A is a session on B: sessions are rows, not process memory.
    const cookie = await signIn(nodeA.base);
    const meOnA = await fetch(`${nodeA.base}/api/auth/me`, { headers: { cookie } });
    const meOnB = await fetch(`${nodeB.base}/api/auth/me`, { headers: { cookie } });
    assert.equal(meOnB.status, 200);
    const who = async (response: Response) => {
      const body = (await response.json()) as { user: { id: string; username: string } };
      return [body.user.id, body.user.username];
    };
    assert.deepEqual(await who(meOnB), await who(meOnA));

    // Enough enterprises in the staff's district for a batch of several chunks.
    await pool.query(
      `INSERT INTO enterprises
       SELECT (jsonb_populate_record(NULL::enterprises, to_jsonb(e) || jsonb_build_object(
                 'id', gen_random_uuid(), 'uscc', 'NODES' || lpad(i::text, 13, '0'),
                 'name', e.name || '（' || i || '）', 'sort_key', e.sort_key || lpad(i::text, 6, '0')))).*
         FROM (SELECT e.* FROM enterprises e JOIN users u ON u.username = 'staff'
                 JOIN org_units s ON s.id = u.org_unit_id JOIN org_units o ON o.id = e.org_unit_id
                WHERE e.merged_into_id IS NULL AND o.path LIKE s.path || '%' ORDER BY e.id LIMIT 1) e,
              generate_series(1, $1::int) i`,
      [EXTRA_ENTERPRISES],
    );

    // The batch is accepted by A, so A runs it.
    const accepted = await fetch(`${nodeA.base}/api/invitations/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: nodeA.base, cookie },
      body: JSON.stringify({ filter: {} }),
    });
    const acceptedText = await accepted.text();
    assert.equal(accepted.status, 202, acceptedText);
    const { jobId } = JSON.parse(acceptedText) as { jobId: string };

    // Killed part-way: once its first chunk is committed, before the last.
    const progressOf = async () => {
      const { rows } = await pool.query<{ status: string; created: number; progress: string; owner: string }>(
        `SELECT status, coalesce(jsonb_array_length(result -> 'links'), 0) AS created, progress,
                lease_owner AS owner FROM jobs WHERE id = $1`,
        [jobId],
      );
      return rows[0]!;
    };
    const killBy = Date.now() + 60_000;
    let before = await progressOf();
    while (before.created === 0 && before.status !== 'succeeded' && Date.now() < killBy) {
      await sleep(20);
      before = await progressOf();
    }
    nodeA.child.kill('SIGKILL');
    await nodeA.exited;
    assert.equal(before.status, 'running', 'the batch was still running on A when A was killed');
    assert.ok(before.owner.includes(`:${nodeA.child.pid}:`), `A held the job (${before.owner})`);
    const atKill = await progressOf();
    assert.ok(
      atKill.created > 0 && atKill.created < EXTRA_ENTERPRISES,
      `killed part-way (${atKill.created} invited)`,
    );

    // B takes it once A's lease has run out, and finishes it.
    const doneBy = Date.now() + 90_000;
    let batch: { status: string; counts: { total: number; created: number; skipped: number } };
    for (;;) {
      const response = await fetch(`${nodeB.base}/api/invitations/batches/${jobId}`, { headers: { cookie } });
      assert.equal(response.status, 200);
      batch = (await response.json()) as typeof batch;
      if (batch.status !== 'running' && batch.status !== 'queued') break;
      assert.ok(Date.now() < doneBy, 'B finished the batch in time');
      await sleep(250);
    }
    assert.equal(batch.status, 'succeeded');
    assert.ok(nodeB.output.join('').includes('resuming a job whose node stopped'));

    const { rows: targets } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM enterprises e JOIN users u ON u.username = 'staff'
         JOIN org_units s ON s.id = u.org_unit_id JOIN org_units o ON o.id = e.org_unit_id
        WHERE o.path LIKE s.path || '%'`,
    );
    assert.equal(batch.counts.total, targets[0]!.n);
    assert.equal(batch.counts.created + batch.counts.skipped, batch.counts.total);
    assert.ok(batch.counts.created >= EXTRA_ENTERPRISES);

    // Every enterprise invited once by the batch, and none the batch invited held another live invitation.
    const { rows: doubled } = await pool.query(
      `SELECT b.enterprise_id FROM invitations b
         JOIN invitations o ON o.enterprise_id = b.enterprise_id AND o.id <> b.id
                           AND o.kind = 'invitation' AND o.used_at IS NULL AND o.expires_at > now()
        WHERE b.batch_id = $1`,
      [jobId],
    );
    assert.deepEqual(doubled, []);
    // Every invitation of the batch has its code in the result (the letters), those of A's chunks too.
    const { rows: job } = await pool.query<{
      links: { enterpriseId: string; code: string }[];
      attempts: number;
    }>(`SELECT result -> 'links' AS links, attempts FROM jobs WHERE id = $1`, [jobId]);
    const { links, attempts } = job[0]!;
    assert.equal(attempts, 2, 'run by A, then once by B');
    const { rows: issued } = await pool.query<{ enterprise_id: string; code_hash: string }>(
      'SELECT enterprise_id, code_hash FROM invitations WHERE batch_id = $1',
      [jobId],
    );
    assert.equal(issued.length, batch.counts.created);
    assert.equal(links.length, batch.counts.created);
    assert.equal(new Set(links.map((link) => link.enterpriseId)).size, links.length);
    const hashes = new Set(issued.map((row) => row.code_hash));
    assert.ok(links.every((link) => hashes.has(hashCode(link.code))));
    const { rows: audits } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'invitation.batch_created' AND object_id = $1`,
      [jobId],
    );
    assert.equal(audits[0]!.n, 1);

    // Scheduled tasks: both nodes raced for every slot for the whole test; each slot ran once, and no
    // task ran on two nodes at the same time.
    const { rows: runs } = await pool.query<{
      name: string;
      owner: string;
      attempts: number;
      started_at: Date;
      finished_at: Date | null;
    }>(
      'SELECT name, owner, attempts, started_at, finished_at FROM scheduled_task_runs ORDER BY name, started_at',
    );
    const { rows: tasks } = await pool.query<{ name: string }>('SELECT name FROM scheduled_tasks');
    assert.ok(tasks.length >= 4);
    assert.deepEqual(new Set(runs.map((run) => run.name)), new Set(tasks.map((task) => task.name)));
    const pids = [nodeA.child.pid, nodeB.child.pid].map((pid) => `:${pid}:`);
    for (const run of runs) {
      assert.equal(run.attempts, 1, `${run.name} at ${run.started_at.toISOString()} ran once`);
      assert.ok(
        pids.some((pid) => run.owner.includes(pid)),
        run.owner,
      );
    }
    for (let i = 1; i < runs.length; i++) {
      const [previous, run] = [runs[i - 1]!, runs[i]!];
      if (previous.name !== run.name) continue;
      assert.ok(previous.finished_at, `${run.name}: a run started before the previous one finished`);
      assert.ok(run.started_at >= previous.finished_at, `${run.name}: two runs overlapped`);
    }

    // One audit chain, written by both nodes with the shared key.
    const verified = await verifyAuditChain(pool, Buffer.from(AUDIT_KEY, 'utf8'));
    assert.equal(verified.ok, true, JSON.stringify(verified));
  });
});
