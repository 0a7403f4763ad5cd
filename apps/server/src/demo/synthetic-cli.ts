// npm run seed:synthetic -- --enterprises 1000000 [--database-url URL] [--seed N]: loads the synthetic
// province (合成数据, demo/synthetic.ts) into the platform's database for benchmarks, and says how long it took.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { connect, openDatabaseForTool, type Database } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { generateSynthetic } from './synthetic.ts';

const log = (message: string) => console.log(`[qinqing] ${message}`);

const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '1000000' },
    'database-url': { type: 'string' },
    seed: { type: 'string', default: '41' },
    'batch-size': { type: 'string', default: '10000' },
  },
});
const count = (name: string, raw: string | undefined) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} 须为正整数 / must be a positive integer`);
  return value;
};

let database: Database | undefined;
try {
  const enterprises = count('enterprises', values.enterprises);
  database = values['database-url']
    ? connect(values['database-url'], 2)
    : await openDatabaseForTool(loadConfig(), log);
  await migrate(database.pool, log);
  log(
    `生成合成数据：${enterprises.toLocaleString('en')} 家企业 / generating ${enterprises.toLocaleString('en')} enterprises`,
  );
  const result = await generateSynthetic(database.pool, {
    enterprises,
    seed: count('seed', values.seed),
    batchSize: count('batch-size', values['batch-size']),
    log,
  });
  const { counts, timings } = result;
  log(
    `完成 / done: ${counts.orgUnits} org units (${counts.chambers} chambers), ${counts.enterprises} enterprises, ` +
      `${counts.contacts} contacts, ${counts.memberships} chamber memberships, ${counts.partyOrganizations} party organizations`,
  );
  log(
    `用时 / took ${(timings.totalMs / 1000).toFixed(1)} s (org units ${(timings.orgUnitsMs / 1000).toFixed(1)} s, ` +
      `enterprises ${(timings.enterprisesMs / 1000).toFixed(1)} s, indexes ${(timings.indexesMs / 1000).toFixed(1)} s, vacuum analyze ${(timings.analyzeMs / 1000).toFixed(1)} s)`,
  );
} catch (error) {
  console.error(`[qinqing] ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await database?.close();
}
