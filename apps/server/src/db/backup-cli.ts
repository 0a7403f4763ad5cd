// npm run backup [-- --out DIR]: a consistent backup of the platform's database and its audit key into
// DIR, QINQING_BACKUP_DIR, or <dataDir>/backups. Works while the app runs (on its embedded server) or not.
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { loadAuditKey } from '../core/audit/key.ts';
import { backupDatabase } from './backup.ts';
import { openDatabaseForTool } from './connection.ts';

const config = loadConfig();
const outIndex = process.argv.indexOf('--out');
const dir = path.resolve(
  (outIndex > 0 ? process.argv[outIndex + 1] : undefined) ||
    config.backupDir ||
    path.join(config.dataDir, 'backups'),
);
const database = await openDatabaseForTool(config, (m) => console.log(`[qinqing] ${m}`));
try {
  const { folder, manifest } = await backupDatabase(database.pool, { dir, auditKey: loadAuditKey(config) });
  const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
  console.log(
    `备份完成 / backup written: ${folder}（${manifest.tables.length} 张表，${rows} 行，含审计密钥 audit.key）`,
  );
} finally {
  await database.close();
}
