// npm run restore -- <backup folder> [--force]: restores a backup into the database the configuration
// names — DATABASE_URL, or the embedded server in QINQING_DATA_DIR (a fresh directory is initialised; the
// app must not be running on it) — and puts the backup's audit key in the data directory. A database that
// is not empty, or a different audit key already there, is refused without --force.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { backupAuditKey, readManifest, restoreDatabase, RestoreRefusedError } from './backup.ts';
import { openDatabase } from './connection.ts';

const log = (m: string) => console.log(`[qinqing] ${m}`);
const args = process.argv.slice(2);
const force = args.includes('--force');
const folder = args.find((arg) => !arg.startsWith('--'));
if (!folder) {
  console.error('用法 / usage: npm run restore -- <备份目录 backup folder> [--force]');
  process.exit(2);
}
const config = loadConfig();
try {
  readManifest(path.resolve(folder));
  const key = backupAuditKey(path.resolve(folder));
  const keyFile = path.join(config.dataDir, 'audit.key');
  if (config.auditKey) {
    if (!Buffer.from(config.auditKey, 'utf8').equals(key)) {
      log('注意：QINQING_AUDIT_KEY 与备份的审计密钥不同；请改用备份中的 audit.key，否则审计链无法校验');
    }
  } else if (fs.existsSync(keyFile) && !fs.readFileSync(keyFile).equals(key) && !force) {
    throw new RestoreRefusedError(`${keyFile} 已存在且与备份的审计密钥不同；确认覆盖时加 --force`);
  }
  const database = await openDatabase(config, log);
  try {
    const manifest = await restoreDatabase(database.pool, path.resolve(folder), { force, log });
    if (!config.auditKey) {
      fs.mkdirSync(config.dataDir, { recursive: true });
      fs.writeFileSync(keyFile, key, { mode: 0o600 });
    }
    log(
      `恢复完成 / restored the backup of ${manifest.createdAt} into ${database.embedded ? config.dataDir : 'DATABASE_URL'}`,
    );
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(`[qinqing] 恢复失败 / restore failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
