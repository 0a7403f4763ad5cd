// Raising an appeal that PostgreSQL fails to break a deadlock is run again (the shared retryOnDeadlock of
// db/errors.ts, as transitions are), instead of answering a 500. Found by bench/long-load.ts: 5 raises of
// a 10-minute run answered 500; and when every try deadlocks, 503 DATABASE_BUSY with nothing written. The
// deadlock is made on purpose: a trigger of this test's database has the
// raise take advisory lock 1, then 2, while another session holds 2 and then reaches for 1.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEADLOCK_ATTEMPTS } from '../../db/errors.ts';
import { json, setupTestApp, type TestApp } from '../../test/harness.ts';

describe('appeals: a raise failed by the deadlock detector runs again', () => {
  let t: TestApp;
  let staff: string;
  let enterpriseId: string;

  before(async () => {
    t = await setupTestApp();
    staff = await t.sessionFor(await t.userId('staff'));
    const { rows } = await t.database.pool.query<{ enterprise_id: string }>(
      "SELECT enterprise_id FROM users WHERE username = 'member'",
    );
    enterpriseId = rows[0]!.enterprise_id;
    await t.database.pool.query(`
      CREATE TABLE test_raise_attempts (at timestamptz NOT NULL DEFAULT clock_timestamp());
      CREATE SEQUENCE test_raise_tries;
      CREATE FUNCTION test_raise_locks() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.title = '总是死锁的诉求' THEN
          -- Seen outside only through the counter's sequence: every try is rolled back with its deadlock.
          PERFORM nextval('test_raise_tries');
          RAISE EXCEPTION 'deadlock detected (test)' USING ERRCODE = 'deadlock_detected';
        END IF;
        IF NEW.title = '死锁测试诉求' THEN
          -- Seen by the test only while this transaction lives: the table write is rolled back with it.
          PERFORM pg_advisory_xact_lock(1);
          PERFORM pg_advisory_xact_lock(2);
          INSERT INTO test_raise_attempts DEFAULT VALUES;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_raise_locks BEFORE INSERT ON appeals
        FOR EACH ROW EXECUTE FUNCTION test_raise_locks();`);
  });
  after(() => t.close());

  const raise = (title: string, description: string) =>
    t.request({
      method: 'POST',
      url: '/api/appeals',
      cookie: staff,
      body: { enterpriseId, category: 'employment', title, description, source: 'visit', urgency: 'normal' },
    });

  it('answers 201 with one appeal, raised on the second try', async () => {
    const other = await t.database.pool.connect();
    try {
      // The other session never detects the deadlock itself: the raise's backend does, and fails the raise.
      await other.query("SET deadlock_timeout = '20s'");
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock(2)');
      const raising = raise('死锁测试诉求', '两个事务以相反顺序取同一对锁。');
      // The raise holds lock 1 and waits for 2: now reach for 1.
      for (let i = 0; i < 200; i++) {
        const { rows } = await t.database.pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 1 AND granted",
        );
        if (rows[0]!.n === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await other.query('SELECT pg_advisory_xact_lock(1)');
      await other.query('COMMIT');
      const response = await raising;
      assert.equal(response.statusCode, 201, response.body);
      const { appeal } = json<{ appeal: { id: string } }>(response);
      const { rows } = await t.database.pool.query<{ appeals: number; attempts: number; audits: number }>(
        `SELECT (SELECT count(*)::int FROM appeals WHERE title = '死锁测试诉求') AS appeals,
                (SELECT count(*)::int FROM test_raise_attempts) AS attempts,
                (SELECT count(*)::int FROM audit_events
                  WHERE action = 'appeal.raised' AND object_id = $1) AS audits`,
        [appeal.id],
      );
      assert.deepEqual(rows[0], { appeals: 1, attempts: 1, audits: 1 });
    } finally {
      other.release();
    }
  });

  it('answers 503 DATABASE_BUSY, not a 500, when every try deadlocks; nothing is written', async () => {
    const before = await t.database.pool.query<{ audits: number }>(
      "SELECT count(*)::int AS audits FROM audit_events WHERE action = 'appeal.raised'",
    );
    const response = await raise('总是死锁的诉求', '每次保存都被死锁检测中止。');
    assert.equal(response.statusCode, 503, response.body);
    const error = json<{ error: { code: string; message: string } }>(response).error;
    assert.equal(error.code, 'DATABASE_BUSY');
    assert.match(error.message, /系统繁忙/);
    const { rows } = await t.database.pool.query<{ appeals: number; tries: string; audits: number }>(
      `SELECT (SELECT count(*)::int FROM appeals WHERE title = '总是死锁的诉求') AS appeals,
              (SELECT last_value::text FROM test_raise_tries) AS tries,
              (SELECT count(*)::int FROM audit_events WHERE action = 'appeal.raised') AS audits`,
    );
    assert.deepEqual(rows[0], {
      appeals: 0,
      tries: String(DEADLOCK_ATTEMPTS),
      audits: before.rows[0]!.audits,
    });
  });
});
