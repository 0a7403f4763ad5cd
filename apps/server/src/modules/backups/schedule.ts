// 定时备份 scheduled backups: once a day into QINQING_BACKUP_DIR (off when it is not set), then backups older
// than QINQING_BACKUP_KEEP_DAYS removed. With several nodes the scheduler's lease makes one of them do it.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../core/context.ts';
import { loadAuditKey } from '../../core/audit/key.ts';
import type { ScheduledTask } from '../../core/scheduler/scheduler.ts';
import { backupDatabase } from '../../db/backup.ts';

const DAY_MS = 24 * 60 * 60_000;
const BACKUP_NAME = /^qinqing-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(\.partial)?$/;

/** The backup folders in `dir` older than `keepDays` before `now` (and half-written ones over a day old). */
export function expiredBackups(dir: string, now: Date, keepDays: number): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((name) => {
    const match = BACKUP_NAME.exec(name);
    if (!match) return false;
    const [, y, mo, d, h, mi, s, partial] = match;
    const taken = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    return now.getTime() - taken > (partial ? 1 : keepDays) * DAY_MS;
  });
}

export function backupTasks(ctx: AppContext, log: FastifyBaseLogger): ScheduledTask[] {
  const dir = ctx.config.backupDir;
  if (!dir) return [];
  return [
    {
      name: 'backups.daily',
      intervalMs: DAY_MS,
      leaseMs: 2 * 60 * 60_000,
      async run({ now }) {
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        const { folder } = await backupDatabase(ctx.database.pool, {
          dir,
          auditKey: loadAuditKey(ctx.config),
          now,
        });
        const expired = expiredBackups(dir, now, ctx.config.backupKeepDays);
        for (const name of expired) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
        log.info({ folder, removed: expired }, 'scheduled backup written');
      },
    },
  ];
}
