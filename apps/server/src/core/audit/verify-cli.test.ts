// `npm run audit:verify` on a real database: intact chain → exit 0; a tampered record → exit 1 naming it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '../../config.ts';
import { setupTestApp, TEST_AUDIT_KEY, type TestApp } from '../../test/harness.ts';

describe('audit:verify command', () => {
  let t: TestApp;
  before(async () => {
    t = await setupTestApp();
    await t.signIn('staff');
    await t.signIn('leader');
  });
  after(() => t.close());

  const verify = () =>
    spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/core/audit/verify-cli.ts'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: t.config.databaseUrl, QINQING_AUDIT_KEY: TEST_AUDIT_KEY },
      encoding: 'utf8',
    });

  it('reports an intact chain, then the first broken link after tampering', async () => {
    const intact = verify();
    assert.equal(intact.status, 0, intact.stderr);
    assert.match(intact.stdout, /审计链完整：已校验 3 条记录/);

    const client = await t.database.pool.connect();
    try {
      await client.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change');
      await client.query("UPDATE audit_events SET actor_name = 'someone-else' WHERE seq = 2");
      await client.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change');
    } finally {
      client.release();
    }
    const broken = verify();
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /审计链在第 2 条断开/);
  });

  it('a wrong key breaks the chain at the first record', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'apps/server/src/core/audit/verify-cli.ts'],
      {
        cwd: repoRoot,
        env: { ...process.env, DATABASE_URL: t.config.databaseUrl, QINQING_AUDIT_KEY: 'not-the-key' },
        encoding: 'utf8',
      },
    );
    assert.equal(result.status, 1);
    assert.match(result.stderr, /第 1 条断开/);
  });
});
