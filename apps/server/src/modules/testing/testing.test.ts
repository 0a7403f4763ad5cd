// /api/test: the clock and the scheduler's run, present in test mode and absent otherwise.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setupTestApp, type TestApp } from '../../test/harness.ts';

describe('test-mode routes', () => {
  let t: TestApp;
  let staff: string;

  before(async () => {
    t = await setupTestApp({ clockStartsAt: 'system' });
    staff = await t.signIn('staff');
  });
  after(() => t.close());

  it('sets and resets the clock the app reads', async () => {
    const ahead = new Date(Date.now() + 90 * 86_400_000);
    // Sent with the Beijing offset: the server reads any ISO 8601 time with an offset.
    const local = new Date(ahead.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
    const set = await t.request({
      method: 'PUT',
      url: '/api/test/clock',
      body: { at: `${local}+08:00` },
      cookie: staff,
    });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json().now.slice(0, 16), ahead.toISOString().slice(0, 16));
    assert.ok(Math.abs(t.ctx.clock.now().getTime() - ahead.getTime()) < 5_000);

    // Sessions are judged by the same clock: three months on, this one has expired.
    const expired = await t.request({ method: 'DELETE', url: '/api/test/clock', cookie: staff });
    assert.equal(expired.statusCode, 401);
    const reset = await t.request({
      method: 'DELETE',
      url: '/api/test/clock',
      cookie: await t.signIn('staff'),
    });
    assert.equal(reset.statusCode, 200, reset.body);
    assert.ok(Math.abs(t.ctx.clock.now().getTime() - Date.now()) < 5_000);
    staff = await t.signIn('staff');
  });

  it('runs the due tasks and says which ran', async () => {
    const first = await t.request({ method: 'POST', url: '/api/test/scheduler/run', cookie: staff });
    assert.equal(first.statusCode, 200, first.body);
    const names = (first.json().ran as { name: string; ok: boolean }[]).map((outcome) => outcome.name);
    assert.ok(names.includes('notifications.deliver'), JSON.stringify(first.json()));
    // Just run: not due again until its interval has passed.
    const second = await t.request({ method: 'POST', url: '/api/test/scheduler/run', cookie: staff });
    assert.ok(
      !second.json().ran.some((outcome: { name: string }) => outcome.name === 'notifications.deliver'),
    );
  });

  it('refuses a time that is not ISO 8601', async () => {
    for (const at of ['tomorrow', '2026-10-09', '2026-10-09T09:00:00']) {
      const response = await t.request({
        method: 'PUT',
        url: '/api/test/clock',
        body: { at },
        cookie: staff,
      });
      assert.equal(response.statusCode, 400, at);
    }
    assert.equal(
      (await t.request({ method: 'PUT', url: '/api/test/clock', body: { at: '2026-10-09T09:00:00Z' } }))
        .statusCode,
      401,
    );
  });

  it('does not exist outside test mode', async () => {
    const production = await setupTestApp({ env: { NODE_ENV: 'production' }, demo: false });
    try {
      assert.equal(production.config.testMode, false);
      assert.deepEqual(
        production.routes.filter((route) => route.url.startsWith('/api/test/')).map((route) => route.url),
        [],
      );
      const response = await production.request({
        method: 'PUT',
        url: '/api/test/clock',
        body: { at: '2026-10-09T09:00:00Z' },
      });
      assert.equal(response.statusCode, 404);
    } finally {
      await production.close();
    }
  });
});
