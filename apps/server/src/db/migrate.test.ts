// Migrations: two instances starting together migrate once; an edited applied migration is refused.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import { connect } from './connection.ts';
import { migrate, migrationsDir } from './migrate.ts';

describe('migrations', () => {
  let database: TestDatabase;
  const pools: pg.Pool[] = [];
  const pool = () => {
    // The app's pool: it listens for its clients' errors, which the drop after pool.end() may cause (end()
    // answers before the sockets close; unheard, the error failed the group of files sharing the process).
    const created = connect(database.url, 2).pool;
    pools.push(created);
    return created;
  };

  before(async () => {
    database = await createTestDatabase({ fromTemplate: false });
  });
  after(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await database.drop();
  });

  it('applies every migration exactly once when two instances start together', async () => {
    const files = fs.readdirSync(migrationsDir).filter((f) => f.endsWith('.sql'));
    const [a, b] = await Promise.all([migrate(pool()), migrate(pool())]);
    assert.deepEqual([...a!.applied, ...b!.applied].sort(), files.sort());
    const { rows } = await pool().query('SELECT name FROM schema_migrations ORDER BY name');
    assert.deepEqual(
      rows.map((r) => r.name),
      files.sort(),
    );
    assert.deepEqual((await migrate(pool())).applied, []);
  });

  it('refuses to continue when an applied migration was edited afterwards', async () => {
    const p = pool();
    await p.query("UPDATE schema_migrations SET checksum = 'edited' WHERE name = '0001_foundation.sql'");
    await assert.rejects(migrate(p), /0001_foundation\.sql/);
  });
});
