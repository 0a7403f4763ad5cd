// Statements whose text never changes, run by name on the connection Drizzle holds: PostgreSQL parses each
// once per connection and, after a few runs, keeps a generic plan, and Node builds no query. For the
// hottest writes only (raising an appeal, every audit record: bench/service-loop.ts measured the planning
// and the query building there); everything else goes through Drizzle.
import type pg from 'pg';
import type { DbOrTx } from './connection.ts';

export interface Statement<Row> {
  readonly name: string;
  readonly text: string;
  /** The row type, carried for runStatement's answer only. */
  readonly row?: Row;
}

const defined = new Map<string, string>();

/** Defines a named statement; a name may stand for one text only (PostgreSQL keeps it per connection). */
export function statement<Row>(name: string, text: string): Statement<Row> {
  const known = defined.get(name);
  if (known !== undefined && known !== text) throw new Error(`statement ${name} defined twice`);
  defined.set(name, text);
  return { name, text };
}

/** The pg pool or, inside a transaction, the pool client under a Drizzle handle. */
function clientOf(db: DbOrTx): pg.Pool | pg.PoolClient {
  // Drizzle's node-postgres session keeps the client it was given (the pool, or a transaction's client).
  const client = (db as unknown as { session?: { client?: pg.Pool | pg.PoolClient } }).session?.client;
  if (!client) throw new Error('no pg client under this Drizzle handle');
  return client;
}

/** Runs `statement` with `values` ($1, $2, … in order) on the handle's connection; answers its rows. */
export async function runStatement<Row>(
  db: DbOrTx,
  statement: Statement<Row>,
  values: readonly unknown[],
): Promise<Row[]> {
  const result = await clientOf(db).query<Row & pg.QueryResultRow>({
    name: statement.name,
    text: statement.text,
    values: [...values],
  });
  return result.rows;
}
