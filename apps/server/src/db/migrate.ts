// Forward-only SQL migrations from db/migrations, applied in name order under an advisory lock so that
// two app instances starting together migrate once.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const MIGRATION_LOCK = 7_301_001;

export interface MigrationResult {
  applied: string[];
}

export async function migrate(
  pool: pg.Pool,
  log: (m: string) => void = () => undefined,
  /** Applies only migrations up to this file name (a restore rebuilds the schema its backup was taken on). */
  options: { through?: string } = {},
): Promise<MigrationResult> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Map(
      (
        await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations')
      ).rows.map((row) => [row.name, row.checksum]),
    );
    const files = fs
      .readdirSync(migrationsDir)
      .filter((file) => /^\d{4}_[\w-]+\.sql$/.test(file) && (!options.through || file <= options.through))
      .sort();
    const applied: string[] = [];
    for (const file of files) {
      const sql = fs.readFileSync(path.join(migrationsDir, file), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const previous = done.get(file);
      if (previous !== undefined) {
        if (previous !== checksum) {
          throw new Error(
            `迁移 ${file} 在应用后被修改过（迁移只能新增，不能修改）/ migration ${file} changed after it was applied`,
          );
        }
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [
          file,
          checksum,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`迁移 ${file} 失败 / migration ${file} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      applied.push(file);
      log(`已应用迁移 / applied migration ${file}`);
    }
    return { applied };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
