// npm run seed:appeals -- --appeals 10000000 [--enterprises N] [--until YYYY-MM-DD] [--years N]
// [--database-url URL]: loads synthetic 诉求 appeals (demo/appeals-synthetic.ts) into the platform's
// database — the synthetic province first, when it is not there yet — and says how long it took.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { shanghaiDay } from '../core/calendar/working-days.ts';
import { connect, openDatabaseForTool, type Database } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { generateSyntheticAppeals } from './appeals-synthetic.ts';

const log = (message: string) => console.log(`[qinqing] ${message}`);

const { values } = parseArgs({
  options: {
    appeals: { type: 'string', default: '10000000' },
    enterprises: { type: 'string', default: '1000000' },
    until: { type: 'string' },
    years: { type: 'string', default: '3' },
    'database-url': { type: 'string' },
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
  const appeals = count('appeals', values.appeals);
  const until = values.until ?? shanghaiDay(new Date());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || Number.isNaN(Date.parse(until)))
    throw new Error('--until 须为 YYYY-MM-DD / must be a date');
  database = values['database-url']
    ? connect(values['database-url'], 2)
    : await openDatabaseForTool(loadConfig(), log);
  await migrate(database.pool, log);
  log(
    `生成合成诉求：${appeals.toLocaleString('en')} 件 / generating ${appeals.toLocaleString('en')} appeals`,
  );
  const result = await generateSyntheticAppeals(database.pool, {
    appeals,
    enterprises: count('enterprises', values.enterprises),
    until,
    years: count('years', values.years),
    log,
  });
  const { timings } = result;
  log(
    `完成 / done: ${result.appeals.toLocaleString('en')} appeals, ${result.forwards.toLocaleString('en')} forwards, ` +
      `${result.departments} departments`,
  );
  log(
    `用时 / took ${(timings.totalMs / 1000).toFixed(1)} s (registry ${(timings.registryMs / 1000).toFixed(1)} s, ` +
      `load ${(timings.loadMs / 1000).toFixed(1)} s, rollups ${(timings.rollupsMs / 1000).toFixed(1)} s, ` +
      `indexes ${(timings.indexesMs / 1000).toFixed(1)} s, vacuum analyze ${(timings.analyzeMs / 1000).toFixed(1)} s)`,
  );
} catch (error) {
  console.error(`[qinqing] ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await database?.close();
}
