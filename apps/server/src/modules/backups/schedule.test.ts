// Scheduled backups: off without QINQING_BACKUP_DIR; with it, a due run writes a whole backup and removes
// the ones older than QINQING_BACKUP_KEEP_DAYS, keeping the younger ones.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readManifest } from '../../db/backup.ts';
import { setupTestApp, type TestApp } from '../../test/harness.ts';
import { backupTasks } from './schedule.ts';

describe('scheduled backups', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinqing-scheduled-backup-'));
  let t: TestApp;

  before(async () => {
    t = await setupTestApp({ env: { QINQING_BACKUP_DIR: dir, QINQING_BACKUP_KEEP_DAYS: '7' } });
  });
  after(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is off when no folder is configured', () => {
    assert.deepEqual(
      backupTasks({ ...t.ctx, config: { ...t.ctx.config, backupDir: undefined } }, t.app.log),
      [],
    );
  });

  it('writes a backup when due and removes those past the retention', async () => {
    const now = t.ctx.clock.now();
    const name = (daysAgo: number) =>
      `qinqing-${new Date(now.getTime() - daysAgo * 86_400_000)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z')}`;
    const old = name(8);
    const young = name(6);
    for (const folder of [old, young]) fs.mkdirSync(path.join(dir, folder));
    fs.writeFileSync(path.join(dir, 'unrelated.txt'), 'kept');

    const ran = await t.ctx.scheduler.runDue();
    const outcome = ran.find((o) => o.name === 'backups.daily');
    assert.deepEqual(outcome, { name: 'backups.daily', ok: true, error: null });

    const names = fs.readdirSync(dir).sort();
    assert.ok(!names.includes(old), 'the backup older than seven days was removed');
    assert.ok(names.includes(young), 'the younger one is kept');
    assert.ok(names.includes('unrelated.txt'));
    // Named by the run's time, a moment after `now`.
    const written = names.find((n) => n.startsWith('qinqing-') && n !== young);
    assert.ok(written, `today's backup is there: ${names.join(', ')}`);
    const manifest = readManifest(path.join(dir, written));
    assert.ok(manifest.tables.find((table) => table.name === 'appeals')!.rows > 0);
  });
});
