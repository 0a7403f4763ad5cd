// The app clock, and the test timeline built on it: a test app's clock starts at a fixed instant, the demo
// data is dated from it and the timers read it, so no test depends on the day the suite runs — not across a
// year end, not in a year the working calendar does not know.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shanghaiDay } from './calendar/working-days.ts';
import { setupTestApp, TEST_CLOCK_START, type TestApp } from '../test/harness.ts';
import { AdjustableClock } from './clock.ts';

const DAY_MS = 86_400_000;

describe('the app clock', () => {
  it('starts where it is told, runs on from there, and returns there on reset', async () => {
    const start = new Date('2030-01-26T08:00:00+08:00');
    const clock = new AdjustableClock(start);
    assert.ok(Math.abs(clock.now().getTime() - start.getTime()) < 1_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(clock.now().getTime() >= start.getTime() + 15, 'it runs on');
    clock.advance(3 * DAY_MS);
    assert.equal(shanghaiDay(clock.now()), '2030-01-29');
    clock.set(new Date('2031-01-04T00:00:00Z'));
    assert.equal(shanghaiDay(clock.now()), '2031-01-04');
    clock.reset();
    assert.ok(Math.abs(clock.now().getTime() - start.getTime()) < 1_000);
  });

  it('reads the system time when told no start', () => {
    const clock = new AdjustableClock();
    assert.ok(Math.abs(clock.now().getTime() - Date.now()) < 1_000);
    clock.advance(DAY_MS);
    clock.reset();
    assert.ok(Math.abs(clock.now().getTime() - Date.now()) < 1_000);
  });
});

/** The pending forwards whose response deadline has passed at `now`, as the timers should judge them. */
async function dueForResponse(t: TestApp, now: Date): Promise<string[]> {
  const { rows } = await t.database.pool.query<{ id: string }>(
    "SELECT id FROM appeal_forwards WHERE state = 'pending' AND respond_due_at < $1 ORDER BY id",
    [now],
  );
  return rows.map((row) => row.id);
}

async function markedOverdue(t: TestApp): Promise<string[]> {
  const { rows } = await t.database.pool.query<{ id: string }>(
    'SELECT id FROM appeal_forwards WHERE response_overdue ORDER BY id',
  );
  return rows.map((row) => row.id);
}

async function runTimers(t: TestApp): Promise<void> {
  const outcomes = await t.ctx.scheduler.runDue();
  assert.ok(
    outcomes.some((outcome) => outcome.name === 'appeals.deadlines'),
    JSON.stringify(outcomes),
  );
  assert.deepEqual(
    outcomes.filter((outcome) => !outcome.ok),
    [],
  );
}

describe('a test app on its own timeline', () => {
  const starts = [
    { name: 'the suite’s start', at: TEST_CLOCK_START },
    // The last working day of a year the seeded calendar does not know; a week on is the next year.
    { name: 'a year end the calendar does not know', at: new Date('2027-12-31T10:00:00+08:00') },
  ];
  for (const start of starts) {
    it(`dates the demo from its clock and runs the deadline timers on it: ${start.name}`, async () => {
      const t = await setupTestApp({ clockStartsAt: start.at });
      try {
        const now = t.ctx.clock.now();
        const { rows } = await t.database.pool.query<{ newest: Date; oldest: Date; visited: string }>(
          `SELECT max(received_at) AS newest, min(received_at) AS oldest,
             (SELECT max(visited_on)::text FROM visits) AS visited FROM appeals`,
        );
        const [dates] = rows;
        assert.ok(dates!.newest.getTime() <= now.getTime(), 'no demo appeal after the app’s today');
        assert.ok(dates!.newest.getTime() > now.getTime() - 2 * DAY_MS, 'the newest is of yesterday');
        assert.ok(dates!.oldest.getTime() > now.getTime() - 40 * DAY_MS, 'the oldest is of last month');
        assert.ok(dates!.visited <= shanghaiDay(now), 'no visit done after the app’s today');

        // The timers judge every forward by the app's clock.
        await runTimers(t);
        assert.deepEqual(await markedOverdue(t), await dueForResponse(t, t.ctx.clock.now()));

        // A week on (for the second start: into the next year), what has come due is marked, and only that.
        t.ctx.clock.advance(7 * DAY_MS);
        await runTimers(t);
        const due = await dueForResponse(t, t.ctx.clock.now());
        assert.ok(due.length > 0, 'a week on, some forward is overdue');
        assert.deepEqual(await markedOverdue(t), due);
      } finally {
        await t.close();
      }
    });
  }
});
