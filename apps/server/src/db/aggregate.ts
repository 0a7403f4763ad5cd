// Statements that aggregate many rows once (dashboard cards, measures): compiling them (JIT) would cost
// more than it saves, and a province's year of visits is hashed in memory rather than in batches on disk.
import { sql, type SQL } from 'drizzle-orm';
import { isTransaction, type DbOrTx, type Tx } from './connection.ts';

/** On the pool, in a transaction of its own; in a caller's (a report's snapshot), the settings hold to its end. */
export async function aggregateRows<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  if (isTransaction(db)) return aggregateIn<T>(db, query);
  return db.transaction((tx) => aggregateIn<T>(tx, query));
}

async function aggregateIn<T extends Record<string, unknown>>(tx: Tx, query: SQL): Promise<T[]> {
  await tx.execute(sql`SET LOCAL jit = off`);
  await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
  return (await tx.execute<T>(query)).rows as T[];
}
