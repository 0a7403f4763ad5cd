// Reliability tier: the embedded PostgreSQL killed (kill -9 of the postmaster) under writes. The app stays
// up, answers 503 DATABASE_UNAVAILABLE while the database is gone, its supervisor restarts the postmaster,
// writes resume without an app restart, and every write acknowledged with a 2xx is in the database.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  call,
  cleanUp,
  clusterPool,
  isAlive,
  makeDataDir,
  missingAppeals,
  newWriteLog,
  postmasterPid,
  raiseScene,
  signIn,
  sleep,
  startApp,
  verifyChain,
  writeUntil,
  type AppProcess,
} from './app-process.ts';

const dataDir = makeDataDir('postmaster-kill');
let app: AppProcess | undefined;

describe('the embedded postmaster killed under writes', { timeout: 300_000 }, () => {
  after(() => cleanUp(app, dataDir));

  it('keeps the app alive, answers 503 meanwhile, restarts PostgreSQL and loses no acknowledged write', async () => {
    app = await startApp(dataDir);
    const cookie = await signIn(app.base);
    const scene = await raiseScene(app.base, cookie);
    const log = newWriteLog();
    const stop = new AbortController();
    const writing = writeUntil(app.base, cookie, scene, log, stop.signal);
    let before: number | undefined;
    let killedAt = 0;
    let sawUnavailableHealth = false;
    let recoveredAt: number | undefined;
    let atRecovery: number | undefined;
    try {
      await sleep(1_500);
      before = log.acknowledged.length;
      assert.ok(before > 0, 'writes were acknowledged before the kill');
      const killed = postmasterPid(dataDir);
      assert.ok(killed && isAlive(killed), 'the postmaster runs');
      killedAt = Date.now();
      process.kill(killed, 'SIGKILL');

      // Health says the database is unavailable while the supervisor brings it back.
      while (Date.now() - killedAt < 60_000) {
        // Without a session: the health answer itself, not the sign-in check before it.
        const health = await call(app.base, '', '/api/health', undefined, 5_000);
        if (health.status === 503) {
          const body = health.body as { db?: string; code?: string; message?: string };
          assert.equal(body.db, 'unavailable');
          assert.equal(body.code, 'DATABASE_UNAVAILABLE');
          assert.match(body.message ?? '', /数据库/);
          sawUnavailableHealth = true;
        }
        const restarted = postmasterPid(dataDir);
        if (health.status === 200 && restarted !== killed) {
          recoveredAt = Date.now();
          break;
        }
        await sleep(50);
      }
      assert.ok(recoveredAt, `the database came back within 60 s:\n${app.output().slice(-2_000)}`);
      // Writes go on after the recovery, on the same app process.
      atRecovery = log.acknowledged.length;
      const deadline = Date.now() + 20_000;
      while (log.acknowledged.length < atRecovery + 10 && Date.now() < deadline) await sleep(100);
    } finally {
      stop.abort();
      await writing;
    }

    assert.equal(app.child.exitCode, null, 'the app process never exited');
    assert.equal(app.child.signalCode, null, 'the app process was not killed');
    assert.ok(sawUnavailableHealth, 'health answered 503 while the database was down');
    assert.ok(
      atRecovery !== undefined && log.acknowledged.length >= atRecovery + 10,
      'writes resumed after the recovery',
    );
    const back = recoveredAt ?? Date.now();
    const outage = log.timeline.filter((entry) => entry.at >= killedAt && entry.at <= back);
    assert.ok(
      outage.some((entry) => entry.status === 503 && entry.code === 'DATABASE_UNAVAILABLE'),
      `writes answered 503 DATABASE_UNAVAILABLE during the outage: ${JSON.stringify(outage.slice(0, 20))}`,
    );
    assert.deepEqual(
      log.unexpected.slice(0, 5),
      [],
      'every answer was a 2xx or a 503 DATABASE_UNAVAILABLE (no 500)',
    );
    assert.match(app.output(), /PostgreSQL exited unexpectedly/, 'the exit was logged');
    assert.match(app.output(), /PostgreSQL restarted/, 'the restart was logged');

    const pool = clusterPool(dataDir);
    try {
      assert.deepEqual(await missingAppeals(pool, log.acknowledged), [], 'every acknowledged write is there');
      const chain = await verifyChain(pool, dataDir);
      assert.equal(chain.ok, true, `audit chain: ${chain.reason}`);
    } finally {
      await pool.end();
    }
    console.log(
      `postmaster kill: ${log.acknowledged.length} writes acknowledged (${before} before the kill), ` +
        `statuses ${JSON.stringify([...log.statuses])}, back after ${back - killedAt} ms\n` +
        app
          .output()
          .split('\n')
          .filter((line) => /PostgreSQL (exited|restart)|ms$/.test(line))
          .join('\n'),
    );
  });
});
