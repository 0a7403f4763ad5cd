// Statements whose text never changes, run by name on the transaction's own pool client: PostgreSQL parses
// each once per connection and, after a few runs, keeps a generic plan, and Node builds no query. For the
// hottest writes only (raising an appeal, every audit record: bench/service-loop.ts measured the planning
// and the query building there); everything else goes through Drizzle, on the same client.
import type pg from 'pg';
import type { Tx } from './connection.ts';

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

/** Runs `statement` with `values` ($1, $2, … in order) on the transaction's client; answers its rows. */
export async function runStatement<Row>(
  tx: Tx,
  statement: Statement<Row>,
  values: readonly unknown[],
): Promise<Row[]> {
  const result = await tx.$client.query<Row & pg.QueryResultRow>({
    name: statement.name,
    text: statement.text,
    values: [...values],
  });
  return result.rows;
}
