// Starts the platform: database (embedded or DATABASE_URL), migrations, first-run data, HTTP server,
// the scheduler's timer.
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { loadAuditKey } from './core/audit/key.ts';
import { openDatabase, type OpenedDatabase } from './db/connection.ts';
import { seedIfEmpty, type SeededAccount } from './demo/seed.ts';
import { DataDirectoryInUseError } from './db/embedded.ts';
import { migrate } from './db/migrate.ts';

const log = (message: string) => console.log(`[qinqing] ${message}`);

function printAccounts(accounts: SeededAccount[], demo: boolean): void {
  console.log('');
  console.log(demo ? '  示例账号 / demo accounts' : '  管理员初始账号 / initial administrator accounts');
  console.log('  ' + '-'.repeat(64));
  for (const account of accounts) {
    console.log(
      `  ${account.username.padEnd(10)} ${account.password.padEnd(22)} ${account.displayName} (${account.role})`,
    );
  }
  console.log('  ' + '-'.repeat(64));
  if (accounts.some((a) => a.mustChangePassword)) {
    console.log(
      '  首次登录须修改密码；此密码只显示这一次。/ Change the password at first login; it is shown only once.',
    );
  }
  console.log('');
}

function printHotlineToken(secret: string): void {
  console.log('  示例接口令牌（12345热线，示例区）/ demo API token (12345 hotline, 示例区)');
  console.log(`  ${secret}`);
  console.log('  只显示这一次；调用方式见 /api/docs。/ Shown only once; see /api/docs for how to call.');
  console.log('');
}

async function main(): Promise<void> {
  const config = loadConfig();
  let database: OpenedDatabase | undefined;
  try {
    database = await openDatabase(config, log);
    await migrate(database.pool, log);
    const auditKey = loadAuditKey(config);
    const { app, ctx } = await buildApp({ config, database, auditKey });
    const seed = await seedIfEmpty(database.db, ctx.audit, {
      demo: config.demo,
      demoPassword: config.demoPassword,
      now: ctx.clock.now(),
    });
    await app.listen({ host: config.host, port: config.port });
    ctx.scheduler.start(config.schedulerTickMs, app.log);
    if (seed.seeded) printAccounts(seed.accounts, config.demo);
    if (seed.hotlineTokenSecret) printHotlineToken(seed.hotlineTokenSecret);
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log(`亲清已启动 / Qinqing is running at http://${config.host}:${port}`);

    const opened = database;
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log(`收到 ${signal}，正在停止 / stopping`);
      await app.close().catch(() => undefined);
      await opened.close().catch(() => undefined);
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
  } catch (error) {
    if (error instanceof DataDirectoryInUseError) {
      console.error(`[qinqing] ${error.message}`);
    } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(
        `[qinqing] 端口 ${config.port} 已被占用，请用 PORT 指定其他端口 / port ${config.port} is in use`,
      );
    } else {
      console.error('[qinqing] 启动失败 / failed to start:', error);
    }
    await database?.close().catch(() => undefined);
    process.exit(1);
  }
}

await main();
