// Transactions on a client the code owns: Drizzle and the named statements share its one connection; a
// failure rolls back and gives the connection back; the modes asked for are the transaction's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import { aggregateRows } from './aggregate.ts';
import { connect, isTransaction, type Database, type Db, type Tx } from './connection.ts';
import { isDatabaseUnavailable } from './errors.ts';
import { runStatement, statement } from './statements.ts';

const WHERE_AM_I = statement<{ pid: number; xid: string }>(
  'test_where_am_i',
  'SELECT pg_backend_pid() AS pid, pg_current_xact_id()::text AS xid',
);

describe('transactions', () => {
  let testDb: TestDatabase;
  let database: Database;

  before(async () => {
    testDb = await createTestDatabase({ fromTemplate: false });
    // One connection: what a transaction leaves on it, the next one finds.
    database = connect(testDb.url, 1);
    await database.pool.query('CREATE TABLE notes (text text NOT NULL)');
  });
  after(async () => {
    await database.close();
    await testDb.drop();
  });

  it("runs Drizzle's queries and the named statements in one transaction on one connection", async () => {
    await database.db.transaction(async (tx) => {
      const drizzle = await tx.execute<{ pid: number; xid: string }>(
        sql`SELECT pg_backend_pid() AS pid, pg_current_xact_id()::text AS xid`,
      );
      const [named] = await runStatement(tx, WHERE_AM_I, []);
      assert.deepEqual(named, drizzle.rows[0]);
    });
  });

  it('parses a named statement once per connection and builds Drizzle once per connection', async () => {
    const handles: Tx[] = [];
    for (let i = 0; i < 3; i++) {
      await database.db.transaction(async (tx) => {
        handles.push(tx);
        await runStatement(tx, WHERE_AM_I, []);
      });
    }
    assert.equal(new Set(handles).size, 1);
    const { rows } = await database.pool.query(
      'SELECT generic_plans + custom_plans AS runs FROM pg_prepared_statements WHERE name = $1',
      [WHERE_AM_I.name],
    );
    assert.equal(rows.length, 1);
    assert.ok(rows[0].runs >= 3, `prepared once, run ${rows[0].runs} times`);
  });

  it('commits what the work wrote, and rolls back and rethrows when it fails', async () => {
    await database.db.transaction((tx) => tx.execute(sql`INSERT INTO notes VALUES ('kept')`));
    const failure = new Error('the work failed');
    await assert.rejects(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO notes VALUES ('undone')`);
        throw failure;
      }),
      (error) => error === failure,
    );
    const { rows } = await database.pool.query('SELECT text FROM notes');
    assert.deepEqual(rows, [{ text: 'kept' }]);
    assert.equal(database.pool.idleCount, database.pool.totalCount);
    const status = await database.pool.query("SELECT current_setting('transaction_isolation') AS level");
    assert.equal(status.rows[0].level, 'read committed');
  });

  it('begins with the isolation level and access mode asked for', async () => {
    const modes = await database.db.transaction(
      (tx) =>
        tx.execute<{ level: string; readOnly: string }>(
          sql`SELECT current_setting('transaction_isolation') AS level,
                     current_setting('transaction_read_only') AS "readOnly"`,
        ),
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    assert.deepEqual(modes.rows, [{ level: 'repeatable read', readOnly: 'on' }]);
  });

  it("runs an aggregate inside the caller's transaction, and refuses a nested transaction", async () => {
    assert.equal(isTransaction(database.db), false);
    await database.db.transaction(async (tx) => {
      assert.equal(isTransaction(tx), true);
      const [outer] = (await tx.execute<{ started: string }>(sql`SELECT now()::text AS started`)).rows;
      const [inner] = await aggregateRows<{ started: string }>(tx, sql`SELECT now()::text AS started`);
      assert.deepEqual(inner, outer);
      // A cast is the only way to reach it: Drizzle's would BEGIN and COMMIT on this connection.
      const nested = (tx as unknown as Db).transaction(async () => undefined);
      await assert.rejects(nested, /a transaction opens no other/);
    });
  });

  it('survives the server ending a checked-out connection: the transaction fails as unavailable, the next one connects anew', async () => {
    // The crash: the server ends the connection (57P01) while the transaction holds it between two
    // queries; node-postgres emits 'error' on the client, which ended the process when nobody listened.
    const killer = connect(testDb.url, 1);
    try {
      const failure = await database.db
        .transaction(async (tx) => {
          const { rows } = await tx.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
          await killer.pool.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
          await new Promise((resolve) => setTimeout(resolve, 300));
          await tx.execute(sql`SELECT 1`);
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      assert.ok(failure, 'the transaction on the ended connection failed');
      assert.ok(isDatabaseUnavailable(failure), `classified as unavailable: ${String(failure)}`);
      const { rows } = await database.pool.query('SELECT 1 AS one');
      assert.deepEqual(rows, [{ one: 1 }]);
    } finally {
      await killer.close();
    }
  });
});
