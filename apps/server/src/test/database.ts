// Test databases: each test file gets its own database, copied from a migrated template, on the server
// the test launcher chose (the embedded PostgreSQL, or TEST_DATABASE_URL).
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { connect } from '../db/connection.ts';
import { migrate, migrationsDir } from '../db/migrate.ts';
import { failOnConcurrentQueries } from './concurrent-queries.ts';

// Every file with a database: queries side by side on one connection fail the test.
failOnConcurrentQueries();

/**
 * The migrated template's name carries a digest of the migrations, so a file run on its own after a
 * migration changed builds a new template instead of copying a stale one.
 */
function templateName(): string {
  const digest = createHash('sha256');
  for (const file of fs.readdirSync(migrationsDir).sort()) {
    digest.update(file).update(fs.readFileSync(path.join(migrationsDir, file)));
  }
  return `qinqing_test_template_${digest.digest('hex').slice(0, 12)}`;
}

export const TEMPLATE_DATABASE = templateName();
/**
 * The migrated template with the demo seeded on the test clock (test/demo-template.ts): built by the launcher
 * only, since a file run on its own may follow a change to the seed that a name from the migrations misses.
 */
export const DEMO_TEMPLATE_DATABASE = `${TEMPLATE_DATABASE}_demo`;

/** The server's admin URL: set by scripts/test.ts; TEST_DATABASE_URL when a file is run on its own. */
export function testServerUrl(): string {
  const url = process.env.QINQING_TEST_ADMIN_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'No test database: run `npm test`, or set TEST_DATABASE_URL to a PostgreSQL server to run one file.',
    );
  }
  return url;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * (Re)creates a template database: built under another name by `fill` and renamed when complete, so a crash
 * never leaves a half-built template.
 */
export async function buildTemplate(
  name: string,
  from: string,
  fill: (pool: pg.Pool) => Promise<void>,
): Promise<void> {
  const building = `${name}_building`;
  await adminQuery(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${building} TEMPLATE ${from}`);
  const { pool } = connect(withDatabase(testServerUrl(), building), 1);
  try {
    await fill(pool);
  } finally {
    await pool.end();
  }
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(`ALTER DATABASE ${building} RENAME TO ${name}`);
}

/** (Re)creates the migrated template database; the launcher calls it once per run. */
export function prepareTemplate(): Promise<void> {
  return buildTemplate(TEMPLATE_DATABASE, 'template1', async (pool) => {
    await migrate(pool);
  });
}

const TEMPLATE_LOCK = 7_301_099;

/** Run on its own (not through the launcher): builds the template once, even with files run side by side. */
async function ensureTemplate(): Promise<void> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE_DATABASE]);
    if (found.rowCount === 0) await prepareTemplate();
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Whether the launcher built the demo template for this run (scripts/test.ts). */
export function demoTemplateBuilt(): boolean {
  return process.env.QINQING_TEST_DEMO_TEMPLATE === '1';
}

/**
 * A fresh database: a copy of the migrated template, of the demo template (`demo: true`, when the launcher
 * built it), or empty (`fromTemplate: false`) for migration tests.
 */
export async function createTestDatabase(
  options: { fromTemplate?: boolean; demo?: boolean } = {},
): Promise<TestDatabase> {
  if (!process.env.QINQING_TEST_ADMIN_URL && options.fromTemplate !== false) {
    await ensureTemplate();
  }
  const name = `qinqing_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template =
    options.fromTemplate === false
      ? 'template0'
      : options.demo && demoTemplateBuilt()
        ? DEMO_TEMPLATE_DATABASE
        : TEMPLATE_DATABASE;
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      break;
    } catch (error) {
      // Two files copying the template at the same instant can collide; try again shortly.
      if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
  return {
    name,
    url: withDatabase(testServerUrl(), name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
