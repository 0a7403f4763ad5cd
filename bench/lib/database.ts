// A database of a benchmark's own on a PostgreSQL server (the machine's, 127.0.0.1:5432): created empty for
// one run and dropped after it, so a run neither reuses nor leaves behind what another made.
import pg from 'pg';

export interface OwnDatabase {
  url: string;
  /** Drops the database (closing what is still connected to it); safe to call more than once. */
  drop(): Promise<void>;
}

/** Creates `<name>` (dropped first when a killed run left it) on the server of `serverUrl`. */
export async function createOwnDatabase(serverUrl: string, name: string): Promise<OwnDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
