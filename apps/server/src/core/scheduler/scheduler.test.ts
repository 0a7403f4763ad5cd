// The scheduler against a real database: one run across instances, an expired lease retried, the clock
// deciding what is due, and a failure recorded.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { connect, type Database } from '../../db/connection.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { AdjustableClock } from '../clock.ts';
import { Scheduler, type ScheduledTask } from './scheduler.ts';

const HOUR = 3_600_000;

describe('scheduler', () => {
  let testDb: TestDatabase;
  let database: Database;

  before(async () => {
    testDb = await createTestDatabase();
    database = connect(testDb.url, 6);
  });
  after(async () => {
    await database.close();
    await testDb.drop();
  });
  beforeEach(() => database.pool.query('DELETE FROM scheduled_tasks'));

  /** A task that counts its runs and takes a little while, so that two instances overlap. */
  function countingTask(name: string, intervalMs = HOUR): ScheduledTask & { runs: number } {
    const task = {
      name,
      intervalMs,
      runs: 0,
      async run() {
        task.runs++;
        await new Promise((resolve) => setTimeout(resolve, 50));
      },
    };
    return task;
  }

  it('two instances on one database run a due task once', async () => {
    const clock = new AdjustableClock();
    const task = countingTask('test.once');
    const first = new Scheduler(database.db, clock, 'instance-a');
    const second = new Scheduler(database.db, clock, 'instance-b');
    first.register(task);
    second.register(task);
    const [a, b] = await Promise.all([first.runDue(), second.runDue()]);
    assert.equal(task.runs, 1);
    assert.deepEqual(
      [...a, ...b].map((outcome) => outcome.name),
      ['test.once'],
    );
    // Nothing is due until the interval has passed, on either instance.
    assert.deepEqual(await first.runDue(), []);
    assert.deepEqual(await second.runDue(), []);
    assert.equal(task.runs, 1);
    const { rows } = await database.pool.query(
      "SELECT lease_owner, lease_until, last_error, next_run_at > last_finished_at AS scheduled FROM scheduled_tasks WHERE name = 'test.once'",
    );
    assert.deepEqual(rows[0], { lease_owner: null, lease_until: null, last_error: null, scheduled: true });
  });

  it('an instance whose clock read a moment before another finished does not run the slot again', async () => {
    // Two nodes ticking together: B reads its clock, A finishes and schedules the next run one interval
    // from its own (later) finish, then B's claim runs. The next run is then a little more than one
    // interval ahead of B's reading — that is not a clock set back, and the task is not due.
    const clockA = new AdjustableClock();
    const clockB = new AdjustableClock();
    clockB.advance(-500);
    const task = countingTask('test.race', 60_000);
    const first = new Scheduler(database.db, clockA, 'instance-a');
    const second = new Scheduler(database.db, clockB, 'instance-b');
    first.register(task);
    second.register(task);
    assert.equal((await first.runDue()).length, 1);
    assert.deepEqual(await second.runDue(), []);
    assert.equal(task.runs, 1);
    const { rows } = await database.pool.query<{ attempts: number }>(
      "SELECT attempts FROM scheduled_task_runs WHERE name = 'test.race'",
    );
    assert.deepEqual(
      rows.map((row) => row.attempts),
      [1],
    );
  });

  it('moving the clock makes a task due', async () => {
    const clock = new AdjustableClock();
    const task = countingTask('test.clock');
    const scheduler = new Scheduler(database.db, clock);
    scheduler.register(task);
    await scheduler.runDue();
    clock.advance(30 * 60_000);
    assert.deepEqual(await scheduler.runDue(), []);
    clock.advance(31 * 60_000);
    assert.deepEqual(await scheduler.runDue(), [{ name: 'test.clock', ok: true, error: null }]);
    assert.equal(task.runs, 2);
    // Set back (a test resetting the clock): a last run that started after now counts as due.
    clock.reset();
    assert.equal((await scheduler.runDue()).length, 1);
    assert.equal(task.runs, 3);
  });

  it('a lease left by a crashed run expires and the task runs again', async () => {
    const clock = new AdjustableClock();
    const task = countingTask('test.crash');
    const scheduler = new Scheduler(database.db, clock, 'survivor');
    scheduler.register(task);
    const now = clock.now();
    // The state a crashed instance leaves: the task claimed, its lease running, never released.
    await database.pool.query(
      `INSERT INTO scheduled_tasks (name, next_run_at, lease_owner, lease_until, last_started_at)
       VALUES ('test.crash', $1, 'crashed-instance', $2, $1)`,
      [new Date(now.getTime() - 1_000), new Date(now.getTime() + 60_000)],
    );
    assert.deepEqual(await scheduler.runDue(), []);
    assert.equal(task.runs, 0);
    clock.advance(2 * 60_000);
    assert.deepEqual(await scheduler.runDue(), [{ name: 'test.crash', ok: true, error: null }]);
    assert.equal(task.runs, 1);
    const { rows } = await database.pool.query(
      "SELECT lease_owner FROM scheduled_tasks WHERE name = 'test.crash'",
    );
    assert.equal(rows[0].lease_owner, null);
  });

  it('a failing task records its error, keeps its schedule and does not stop the others', async () => {
    const clock = new AdjustableClock();
    const scheduler = new Scheduler(database.db, clock);
    const healthy = countingTask('test.healthy');
    scheduler.register({
      name: 'test.failing',
      intervalMs: HOUR,
      run: () => Promise.reject(new Error('SMTP 服务器无响应')),
    });
    scheduler.register(healthy);
    assert.deepEqual(await scheduler.runDue(), [
      { name: 'test.failing', ok: false, error: 'SMTP 服务器无响应' },
      { name: 'test.healthy', ok: true, error: null },
    ]);
    const { rows } = await database.pool.query(
      "SELECT last_error, lease_owner FROM scheduled_tasks WHERE name = 'test.failing'",
    );
    assert.deepEqual(rows[0], { last_error: 'SMTP 服务器无响应', lease_owner: null });
    clock.advance(HOUR + 1_000);
    assert.equal((await scheduler.runDue()).length, 2);
  });

  it('the timer runs due tasks by itself and stops cleanly', async () => {
    const clock = new AdjustableClock();
    const scheduler = new Scheduler(database.db, clock);
    const task = countingTask('test.timer');
    scheduler.register(task);
    const errors: unknown[] = [];
    scheduler.start(20, { error: (object) => errors.push(object) });
    for (let waited = 0; task.runs === 0 && waited < 5_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await scheduler.stop();
    assert.equal(task.runs, 1);
    assert.deepEqual(errors, []);
    assert.deepEqual(await scheduler.runDue(), [], 'a stopped scheduler runs nothing');
  });
});
