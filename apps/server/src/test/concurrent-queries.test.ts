import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../..');

test('a test that runs two queries at once on one transaction’s connection fails', () => {
  // Its own process, as the launcher runs every test file: pg warns only once in a process.
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=tap', path.join(here, 'concurrent-queries.fixture.ts')],
    { cwd: root, env: { ...process.env, NODE_TEST_CONTEXT: undefined }, encoding: 'utf8', timeout: 120_000 },
  );
  const tap = run.stdout;
  assert.notEqual(run.status, 0, tap);
  assert.match(tap, /^# pass 1$/m, tap);
  assert.match(tap, /^# fail 1$/m, tap);
  assert.match(tap, /^ok 1 - side by side on the pool, one after the other in a transaction$/m, tap);
  assert.match(tap, /^not ok 2 - two queries at once in a transaction$/m, tap);
  assert.match(tap, /ConcurrentQueryError/, tap);
});
