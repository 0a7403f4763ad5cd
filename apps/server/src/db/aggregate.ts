// Statements that aggregate many rows once (dashboard cards, measures): compiling them (JIT) would cost
// more than it saves, and a province's year of visits is hashed in memory rather than in batches on disk.
import { sql, type SQL } from 'drizzle-orm';
import { isTransaction, type DbOrTx, type Tx } from './connection.ts';

/** On the pool, in a transaction of its own; in a caller's (a report's snapshot), the settings hold to its end. */
export async function aggregateRows<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  if (isTransaction(db)) return aggregateIn<T>(db, query);
  return db.transaction((tx) => aggregateIn<T>(tx, query));
}

/**
 * Both settings in one statement (set_config's third argument: to the transaction's end, as SET LOCAL): every
 * round trip to the database costs both sides CPU, and a dashboard runs a dozen of these.
 */
async function aggregateIn<T extends Record<string, unknown>>(tx: Tx, query: SQL): Promise<T[]> {
  await tx.execute(sql`SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
  return (await tx.execute<T>(query)).rows as T[];
}
