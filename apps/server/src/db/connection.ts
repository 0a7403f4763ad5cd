// Database connection: the embedded PostgreSQL by default, or DATABASE_URL; one pg pool and Drizzle on it.
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Config } from '../config.ts';
import { acquireDataDirLock, ensureDatabase, runningClusterUrl, startEmbeddedPostgres } from './embedded.ts';
import * as schema from './schema/index.ts';

export type Db = NodePgDatabase<typeof schema>;
/** A Drizzle transaction handle; repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  pool: pg.Pool;
  db: Db;
  close(): Promise<void>;
}

// Timestamps and bigints come back as strings unless parsed; counts fit comfortably in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export function connect(url: string, max = 20): Database {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  pool.on('error', () => undefined);
  const db = drizzle(pool, { schema });
  return { pool, db, close: () => pool.end() };
}

export interface OpenedDatabase extends Database {
  url: string;
  embedded: boolean;
}

/** Opens the platform's database: starts the embedded server (holding the data directory) or uses DATABASE_URL. */
export async function openDatabase(config: Config, log: (m: string) => void): Promise<OpenedDatabase> {
  if (config.databaseUrl) {
    const database = connect(config.databaseUrl);
    return { ...database, url: config.databaseUrl, embedded: false };
  }
  const releaseLock = acquireDataDirLock(config.dataDir);
  try {
    const server = await startEmbeddedPostgres({ dataDir: config.dataDir, log });
    await ensureDatabase(server.adminUrl, 'qinqing');
    const url = server.urlFor('qinqing');
    const database = connect(url);
    return {
      ...database,
      url,
      embedded: true,
      async close() {
        await database.close();
        await server.stop();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/**
 * For command-line tools (migrate, audit verification): the external database, the embedded cluster the
 * running app already started, or — when the app is down — the embedded cluster started just for the tool.
 */
export async function openDatabaseForTool(config: Config, log: (m: string) => void): Promise<OpenedDatabase> {
  const running = config.databaseUrl ? undefined : runningClusterUrl(config.dataDir, 'qinqing');
  if (running) return { ...connect(running, 2), url: running, embedded: true };
  return openDatabase(config, log);
}
