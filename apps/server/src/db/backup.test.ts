// The restore drill: a database with the demo federation is backed up, restored into a new database, and
// every table's row count and checksum compared; the audit chain verifies with the restored key; the app
// starts on the restored data and answers a signed-in request; a non-empty target is refused without force.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { verifyAuditChain } from '../core/audit/verify.ts';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import { DEMO_PASSWORD, ORIGIN, setupTestApp, type TestApp } from '../test/harness.ts';
import { backupAuditKey, backupDatabase, restoreDatabase, RestoreRefusedError } from './backup.ts';
import { connect, type Database } from './connection.ts';

/** Every table's row count and md5 of its rows' text in order. */
async function fingerprint(pool: pg.Pool): Promise<Record<string, string>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    const { rows } = await pool.query<{ n: number; sum: string | null }>(
      `SELECT count(*)::int AS n, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS sum FROM ${quoted} t`,
    );
    result[name] = `${rows[0]!.n}:${rows[0]!.sum ?? ''}`;
  }
  return result;
}

describe('backup and restore drill', { timeout: 240_000 }, () => {
  let source: TestApp;
  let target: TestDatabase;
  let restored: Database;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinqing-backup-'));

  before(async () => {
    source = await setupTestApp();
    target = await createTestDatabase({ fromTemplate: false });
    restored = connect(target.url, 4);
  });
  after(async () => {
    await restored?.close();
    await source?.close();
    await target?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores every row of every table, the sequences and the audit chain; the app runs on it', async () => {
    const key = Buffer.from(source.config.auditKey ?? '', 'utf8');
    const { folder, manifest } = await backupDatabase(source.database.pool, { dir, auditKey: key });
    assert.ok(!fs.existsSync(`${folder}.partial`));
    assert.ok(
      manifest.tables.some((table) => table.name === 'appeals' && table.rows > 0),
      'demo appeals backed up',
    );
    assert.ok(manifest.tables.some((table) => table.name === 'audit_events' && table.rows > 0));

    await restoreDatabase(restored.pool, folder);
    const expected = await fingerprint(source.database.pool);
    const actual = await fingerprint(restored.pool);
    assert.ok(Object.keys(expected).length > 30, 'every table compared');
    assert.deepEqual(actual, expected);

    const chain = await verifyAuditChain(restored.pool, backupAuditKey(folder));
    assert.equal(chain.ok, true, `audit chain: ${chain.reason}`);
    assert.ok(chain.checked > 0);

    // A restored database is not overwritten without force; with it, it is restored again as it was.
    await assert.rejects(restoreDatabase(restored.pool, folder), RestoreRefusedError);
    await restoreDatabase(restored.pool, folder, { force: true });
    assert.deepEqual(await fingerprint(restored.pool), expected);

    // The app on the restored data: a signed-in request answers with the demo's appeals.
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: target.url,
      QINQING_DATA_DIR: path.join(dir, 'data'),
    });
    const { app } = await buildApp({
      config,
      database: restored,
      auditKey: backupAuditKey(folder),
      logger: false,
    });
    try {
      await app.ready();
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { host: 'localhost:80', origin: ORIGIN, 'content-type': 'application/json' },
        payload: JSON.stringify({ username: 'staff', password: DEMO_PASSWORD }),
      });
      assert.equal(login.statusCode, 200, login.body);
      const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const list = await app.inject({
        url: '/api/appeals?page=1&pageSize=5',
        headers: { host: 'localhost:80', cookie },
      });
      assert.equal(list.statusCode, 200, list.body);
      const sourceList = await source.request({
        url: '/api/appeals?page=1&pageSize=5',
        cookie: await source.signIn('staff'),
      });
      assert.equal(
        (JSON.parse(list.body) as { total: number }).total,
        (JSON.parse(sourceList.body) as { total: number }).total,
      );
    } finally {
      await app.close();
    }
  });
});
