// Reliability tier: twenty rounds of kill -9 of the whole app under writes. Each round starts the app on the
// same data directory (it takes over the stale pid file and stops the orphaned postmaster), raises appeals
// and kills the node process mid-write. Afterwards every write acknowledged with a 2xx is in the database
// and the audit chain verifies.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  cleanUp,
  clusterPool,
  exited,
  makeDataDir,
  missingAppeals,
  newWriteLog,
  raiseScene,
  signIn,
  sleep,
  startApp,
  verifyChain,
  writeUntil,
  type AppProcess,
} from './app-process.ts';

const ROUNDS = Number(process.env.QINQING_KILL_ROUNDS || 20);
/** How long each round writes before the kill, once its first write is answered: a few writes per writer. */
const WRITE_MS = 700;
/** On a loaded machine a freshly started app answers its first write late: a round waits this long for it. */
const FIRST_WRITE_MS = 15_000;

const dataDir = makeDataDir('app-kill');
let app: AppProcess | undefined;

describe('kill -9 of the whole app under writes', { timeout: 900_000 }, () => {
  after(() => cleanUp(app, dataDir));

  // Twenty starts of the app take a few minutes on a quiet machine and several more on a loaded one.
  it(
    `loses no acknowledged write in ${ROUNDS} rounds and keeps the audit chain intact`,
    { timeout: 900_000 },
    async () => {
      app = await startApp(dataDir);
      // Sessions live in the database: the one cookie serves every round.
      const cookie = await signIn(app.base);
      const scene = await raiseScene(app.base, cookie);
      const log = newWriteLog();
      const started = Date.now();
      const perRound: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const roundStart = Date.now();
        if (round > 0) app = await startApp(dataDir);
        const startMs = Date.now() - roundStart;
        const atStart = log.acknowledged.length;
        const stop = new AbortController();
        const writing = writeUntil(app.base, cookie, scene, log, stop.signal, 3);
        const waitUntil = Date.now() + FIRST_WRITE_MS;
        while (log.acknowledged.length === atStart && Date.now() < waitUntil) await sleep(50);
        await sleep(WRITE_MS);
        // Killed with requests in flight: some are answered, some are cut off unanswered.
        app.child.kill('SIGKILL');
        await exited(app.child);
        stop.abort();
        await writing;
        perRound.push(log.acknowledged.length - atStart);
        console.log(`round ${round + 1}: started in ${startMs} ms, ${perRound.at(-1)} writes acknowledged`);
      }
      const roundsMs = Date.now() - started;

      app = await startApp(dataDir);
      assert.match(app.output(), /stopping orphaned PostgreSQL/, 'the orphaned postmaster was stopped');
      assert.deepEqual(
        log.unexpected.slice(0, 5),
        [],
        'no answer other than 2xx or 503 DATABASE_UNAVAILABLE',
      );
      assert.ok(
        perRound.filter((n) => n > 0).length >= ROUNDS / 2,
        `most rounds acknowledged writes: ${perRound.join(',')}`,
      );
      const pool = clusterPool(dataDir);
      try {
        assert.deepEqual(
          await missingAppeals(pool, log.acknowledged),
          [],
          'every acknowledged write is there',
        );
        const chain = await verifyChain(pool, dataDir);
        assert.equal(chain.ok, true, `audit chain: ${chain.reason}`);
        console.log(
          `app kill rounds: ${ROUNDS} rounds in ${roundsMs} ms, ${log.acknowledged.length} writes acknowledged ` +
            `(per round ${perRound.join(',')}), audit chain ${chain.checked} records verified`,
        );
      } finally {
        await pool.end();
      }
    },
  );
});
