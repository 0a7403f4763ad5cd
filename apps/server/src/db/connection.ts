// Database connection: the embedded PostgreSQL by default, or DATABASE_URL; one pg pool and Drizzle on it.
import type { Logger } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgTransactionConfig } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Config } from '../config.ts';
import { acquireDataDirLock, ensureDatabase, runningClusterUrl, startEmbeddedPostgres } from './embedded.ts';
import * as schema from './schema/index.ts';

type Drizzle = NodePgDatabase<typeof schema>;

/**
 * A transaction: Drizzle on the pool client checked out for it, and that client (`$client`), on which
 * db/statements.ts runs its named statements — every query of the transaction on one connection. It opens
 * no transaction of its own (the platform nests none).
 */
export type Tx = Omit<Drizzle, 'transaction'> & { readonly $client: pg.PoolClient };

/** Drizzle on the pool, whose `transaction` opens a `Tx` (Drizzle's own would not say which client it holds). */
export type Db = Omit<Drizzle, 'transaction'> & {
  readonly $client: pg.Pool;
  transaction<T>(work: (tx: Tx) => Promise<T>, config?: PgTransactionConfig): Promise<T>;
};

/** Repositories accept either. */
export type DbOrTx = Db | Tx;

export interface Database {
  pool: pg.Pool;
  db: Db;
  close(): Promise<void>;
  /** The embedded server's state under its supervisor, when the app runs one (health reports it). */
  embeddedState?(): 'running' | 'restarting' | 'stopped';
}

// Timestamps and bigints come back as strings unless parsed; counts fit comfortably in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * A pool that outlives its database. node-postgres emits 'error' on a client whose server goes away (a
 * crash, 57P01 on shutdown); with nobody listening that event ends the process. The pool listens while a
 * client is idle (and drops it); while one is checked out, nobody did: every client now has a listener
 * for its whole life. The query in flight fails on its own, the transaction gives the broken client back
 * as broken, and the next checkout connects anew — so requests answer 503 during an outage and resume
 * when the server is back, without a restart.
 */
export function connect(url: string, max = 20): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return { pool, db: drizzleOn(pool), close: () => pool.end() };
}

/** Drizzle on the pool with the platform's transactions; a logger for benchmarks that capture statements. */
export function drizzleOn(pool: pg.Pool, options: { logger?: Logger } = {}): Db {
  return Object.assign(drizzle(pool, { schema, logger: options.logger }), {
    transaction: <T>(work: (tx: Tx) => Promise<T>, config?: PgTransactionConfig) =>
      runTransaction(pool, work, config),
  });
}

/** Whether `db` is a transaction (one client: one query at a time) rather than the pool. */
export function isTransaction(db: DbOrTx): db is Tx {
  return !(db.$client instanceof pg.Pool);
}

/**
 * Runs independent queries side by side on the pool (a connection each) and one after the other on a
 * transaction, whose one connection takes one query at a time.
 */
export async function sideBySide<T extends readonly unknown[] | []>(
  db: DbOrTx,
  tasks: { readonly [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  const run = tasks as readonly (() => Promise<unknown>)[];
  if (!isTransaction(db)) return (await Promise.all(run.map((task) => task()))) as T;
  const results: unknown[] = [];
  for (const task of run) results.push(await task());
  return results as T;
}

/** Drizzle on each pooled connection, built once: drizzle() costs ~70 µs (it reads the schema's relations). */
const handles = new WeakMap<pg.PoolClient, Tx>();

function handleOn(client: pg.PoolClient): Tx {
  let tx = handles.get(client);
  if (!tx) {
    // Drizzle's own transaction on a client would BEGIN and COMMIT on it, ending ours: refused, should a
    // cast ever reach it.
    tx = Object.assign(drizzle(client, { schema }), { transaction: refuseNested });
    handles.set(client, tx);
  }
  return tx;
}

async function refuseNested(): Promise<never> {
  throw new Error('a transaction opens no other: pass the Tx on');
}

function beginStatement(config: PgTransactionConfig = {}): string {
  const modes = [
    config.isolationLevel && `ISOLATION LEVEL ${config.isolationLevel.toUpperCase()}`,
    config.accessMode?.toUpperCase(),
    config.deferrable === undefined ? undefined : config.deferrable ? 'DEFERRABLE' : 'NOT DEFERRABLE',
  ];
  return ['BEGIN', ...modes.filter(Boolean)].join(' ');
}

/** Runs `work` in a transaction on a client checked out of the pool; commits, or rolls back and rethrows. */
async function runTransaction<T>(
  pool: pg.Pool,
  work: (tx: Tx) => Promise<T>,
  config?: PgTransactionConfig,
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(beginStatement(config));
    const result = await work(handleOn(client));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // After a failed BEGIN or COMMIT there is no transaction left and ROLLBACK only warns; a connection that
    // cannot even do that is not given back to the pool.
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
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
      embeddedState: () => server.state(),
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
