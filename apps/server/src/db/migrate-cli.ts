// npm run db:migrate: applies pending migrations to the platform's database and exits.
import { loadConfig } from '../config.ts';
import { openDatabaseForTool } from './connection.ts';
import { migrate } from './migrate.ts';

const log = (message: string) => console.log(`[qinqing] ${message}`);
const database = await openDatabaseForTool(loadConfig(), log);
try {
  const { applied } = await migrate(database.pool, log);
  log(
    applied.length === 0
      ? '数据库已是最新 / database is up to date'
      : `已应用 ${applied.length} 个迁移 / applied ${applied.length}`,
  );
} catch (error) {
  console.error(`[qinqing] ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
