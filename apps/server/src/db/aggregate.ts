// Statements that aggregate many rows once (dashboard cards, measures): compiling them (JIT) would cost
// more than it saves, and a province's year of visits is hashed in memory rather than in batches on disk.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './connection.ts';

export async function aggregateRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL jit = off`);
    await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
    return (await tx.execute<T>(query)).rows as T[];
  });
}
