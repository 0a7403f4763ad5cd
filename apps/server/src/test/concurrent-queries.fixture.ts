// Run by concurrent-queries.test.ts in a process of its own, as the launcher runs a test file: the first test
// reads side by side on the pool and one after the other in a transaction, and passes; the second runs two
// queries at once in a transaction, which test/concurrent-queries.ts must turn into a failure.
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { connect, type Database } from '../db/connection.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

let testDb: TestDatabase;
let database: Database;

before(async () => {
  testDb = await createTestDatabase({ fromTemplate: false });
  database = connect(testDb.url, 2);
});

after(async () => {
  await database.close();
  await testDb.drop();
});

test('side by side on the pool, one after the other in a transaction', async () => {
  const { db } = database;
  await Promise.all([db.execute(sql`SELECT pg_sleep(0.05)`), db.execute(sql`SELECT 1`)]);
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_sleep(0.05)`);
    await tx.execute(sql`SELECT 1`);
  });
});

test('two queries at once in a transaction', async () => {
  await database.db.transaction((tx) =>
    Promise.all([tx.execute(sql`SELECT pg_sleep(0.05)`), tx.execute(sql`SELECT 1`)]),
  );
});
