// 备份与恢复 backup and restore: a consistent logical copy of the platform's database — every table streamed
// with COPY inside one REPEATABLE READ snapshot, the sequences, the applied migrations — plus the audit key,
// in one folder with a manifest. Restore rebuilds the schema with the backup's own migrations on an empty
// database and loads the rows. Written in Node (pg-copy-streams): the embedded package ships no pg_dump,
// and a system pg_dump older than the server refuses it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { migrate, migrationsDir } from './migrate.ts';

export const BACKUP_FORMAT = 'qinqing-backup/1';
const MANIFEST = 'manifest.json';
const AUDIT_KEY_FILE = 'audit.key';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  serverVersion: string;
  migrations: { name: string; checksum: string }[];
  tables: { name: string; columns: string[]; rows: number; file: string }[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
  auditKeyFile: typeof AUDIT_KEY_FILE;
}

export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

const ident = (client: pg.PoolClient, name: string) => client.escapeIdentifier(name);

function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/**
 * Writes `<dir>/qinqing-<UTC time>/` (made under a `.partial` name and renamed when complete, so a folder
 * without the suffix is always whole) and answers its path and manifest.
 */
export async function backupDatabase(
  pool: pg.Pool,
  options: { dir: string; auditKey: Buffer; now?: Date },
): Promise<{ folder: string; manifest: BackupManifest }> {
  const now = options.now ?? new Date();
  const folder = path.join(options.dir, `qinqing-${stamp(now)}`);
  const partial = `${folder}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(path.join(partial, 'tables'), { recursive: true, mode: 0o700 });
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const version = await client.query<{ v: string }>('SHOW server_version');
    const migrations = await client.query<{ name: string; checksum: string }>(
      'SELECT name, checksum FROM schema_migrations ORDER BY name',
    );
    const tables = await client.query<{ name: string; columns: string[] }>(
      `SELECT c.relname AS name,
              array_agg(a.attname::text ORDER BY a.attnum) AS columns
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
        WHERE n.nspname = 'public' AND c.relkind = 'r'
        GROUP BY c.relname
        ORDER BY c.relname`,
    );
    const manifestTables: BackupManifest['tables'] = [];
    for (const table of tables.rows) {
      const file = `tables/${table.name}.copy.gz`;
      const columns = table.columns.map((column) => ident(client, column)).join(', ');
      const stream = client.query(copyTo(`COPY ${ident(client, table.name)} (${columns}) TO STDOUT`));
      await pipeline(
        stream,
        zlib.createGzip(),
        fs.createWriteStream(path.join(partial, file), { mode: 0o600 }),
      );
      manifestTables.push({ name: table.name, columns: table.columns, rows: stream.rowCount, file });
    }
    const sequenceNames = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
    );
    const sequences: BackupManifest['sequences'] = [];
    for (const { name } of sequenceNames.rows) {
      const { rows } = await client.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value::text, is_called FROM ${ident(client, name)}`,
      );
      sequences.push({ name, lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called });
    }
    await client.query('COMMIT');
    fs.writeFileSync(path.join(partial, AUDIT_KEY_FILE), options.auditKey, { mode: 0o600 });
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: now.toISOString(),
      serverVersion: version.rows[0]!.v,
      migrations: migrations.rows,
      tables: manifestTables,
      sequences,
      auditKeyFile: AUDIT_KEY_FILE,
    };
    fs.writeFileSync(path.join(partial, MANIFEST), JSON.stringify(manifest, null, 2), { mode: 0o600 });
    fs.rmSync(folder, { recursive: true, force: true });
    fs.renameSync(partial, folder);
    return { folder, manifest };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    fs.rmSync(partial, { recursive: true, force: true });
    throw error;
  } finally {
    client.release(broken);
  }
}

export function readManifest(folder: string): BackupManifest {
  const file = path.join(folder, MANIFEST);
  if (!fs.existsSync(file)) throw new RestoreRefusedError(`${folder} 不是 Qinqing 备份（缺少 ${MANIFEST}）`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) {
    throw new RestoreRefusedError(`不支持的备份格式 ${String(manifest.format)}`);
  }
  return manifest;
}

/** The audit key the backup was taken with. */
export function backupAuditKey(folder: string): Buffer {
  return fs.readFileSync(path.join(folder, AUDIT_KEY_FILE));
}

/**
 * Restores `folder` into the database behind `pool`, which must be empty (no table, view or sequence in
 * `public`) unless `force`, which drops everything in it first. The schema is rebuilt with the migrations
 * the backup was taken on (each must be in this version of the code, unchanged); the app applies newer ones
 * when it starts. The rows load in one transaction with triggers off; counts are checked against the manifest.
 */
export async function restoreDatabase(
  pool: pg.Pool,
  folder: string,
  options: { force?: boolean; log?: (message: string) => void } = {},
): Promise<BackupManifest> {
  const log = options.log ?? (() => undefined);
  const manifest = readManifest(folder);
  for (const migration of manifest.migrations) {
    const file = path.join(migrationsDir, migration.name);
    if (!fs.existsSync(file)) {
      throw new RestoreRefusedError(
        `备份包含本版本没有的迁移 ${migration.name}：请用同一或更新版本的 Qinqing 恢复`,
      );
    }
    const checksum = createHash('sha256').update(fs.readFileSync(file, 'utf8')).digest('hex');
    if (checksum !== migration.checksum)
      throw new RestoreRefusedError(`迁移 ${migration.name} 与备份时不一致`);
  }
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')`,
  );
  if (rows[0]!.n > 0) {
    if (!options.force) {
      throw new RestoreRefusedError('目标数据库不是空的；确认要覆盖其中全部数据时加 --force');
    }
    log('目标数据库非空，--force：清空 public 模式 / emptying the target database (--force)');
    await pool.query('DROP SCHEMA public CASCADE');
    await pool.query('CREATE SCHEMA public');
  }
  const through = manifest.migrations.at(-1)?.name;
  await migrate(pool, log, through ? { through } : {});

  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    // Triggers (and the foreign-key checks, which are triggers) stay off while rows go back as they were.
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query(`TRUNCATE ${manifest.tables.map((table) => ident(client, table.name)).join(', ')}`);
    for (const table of manifest.tables) {
      const columns = table.columns.map((column) => ident(client, column)).join(', ');
      const sink = client.query(copyFrom(`COPY ${ident(client, table.name)} (${columns}) FROM STDIN`));
      await pipeline(fs.createReadStream(path.join(folder, table.file)), zlib.createGunzip(), sink);
      if (sink.rowCount !== table.rows) {
        throw new Error(`表 ${table.name} 恢复了 ${sink.rowCount} 行，备份中为 ${table.rows} 行`);
      }
    }
    for (const sequence of manifest.sequences) {
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [
        ident(client, sequence.name),
        sequence.lastValue,
        sequence.isCalled,
      ]);
    }
    await client.query('COMMIT');
    log(`已恢复 ${manifest.tables.length} 张表 / restored ${manifest.tables.length} tables`);
    return manifest;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
