// Tests of the background job runner (后台任务) and GET /api/jobs/:id: one job at a time, progress and
// outcome stored, a crashing handler fails its job, jobs no node can finish are failed, a resumable job
// whose node died is run again by one other node, a node that lost its lease writes nothing, and a job
// is seen only by the user who started it. (Two real nodes: core/cluster/two-nodes.test.ts.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JobView } from '@qinqing/shared';
import { createAccount, orgUnitId, setupTestApp, type TestApp } from '../../test/harness.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { insertJob } from './repository.ts';
import { JobRunner } from './runner.ts';

describe('background jobs', () => {
  let t: TestApp;
  let staff: string;
  let staffId: string;
  let district: string;
  let actor: Actor;
  const audit = { actorId: null, actorName: null, actorRoles: [], ip: null, requestId: null };

  const newJob = () =>
    insertJob(t.database.db, {
      kind: 'test',
      params: { fileName: '测试.xlsx' },
      createdBy: staffId,
      orgUnitId: district,
    });
  const view = async (id: string, cookie = staff) => {
    const response = await t.request({ url: `/api/jobs/${id}`, cookie });
    return { status: response.statusCode, job: response.json<JobView>() };
  };

  before(async () => {
    t = await setupTestApp();
    staff = await t.signIn('staff');
    staffId = await t.userId('staff');
    district = await orgUnitId(t, '示例区工商联');
    actor = { userId: staffId } as Actor;
  });
  after(() => t.close());

  it('runs queued jobs one at a time and stores progress, counts and the outcome', async () => {
    const runner = new JobRunner(t.ctx, t.app.log);
    let running = 0;
    let overlapped = false;
    const seen: string[] = [];
    runner.register('test', async (run) => {
      running++;
      overlapped ||= running > 1;
      seen.push(run.job.id);
      await run.progress(0.5, { total: 2, created: 1 });
      const midway = await view(run.job.id);
      assert.equal(midway.job.status, 'running');
      assert.equal(midway.job.progress, 0.5);
      assert.equal(midway.job.counts.created, 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
      return { status: 'succeeded', counts: { total: 2, created: 2 }, result: { ignoredColumns: ['序号'] } };
    });
    const ids = [await newJob(), await newJob()];
    let cleaned = 0;
    for (const id of ids)
      runner.enqueue({ id, kind: 'test', actor, audit, cleanup: async () => void cleaned++ });
    await runner.idle();
    assert.deepEqual(seen, ids);
    assert.equal(overlapped, false);
    assert.equal(cleaned, 2);
    const { job } = await view(ids[0]!);
    assert.equal(job.status, 'succeeded');
    assert.equal(job.progress, 1);
    assert.deepEqual(job.counts, { total: 2, created: 2, updated: 0, unchanged: 0, rejected: 0 });
    assert.deepEqual(job.ignoredColumns, ['序号']);
    assert.equal(job.fileName, '测试.xlsx');
    assert.equal(job.reportUrl, null);
    assert.ok(job.startedAt && job.finishedAt);
    await runner.close();
  });

  it('a handler that throws fails its job with a message, and the runner goes on', async () => {
    const runner = new JobRunner(t.ctx, t.app.log);
    runner.register('test', async (run) => {
      if (run.job.params.fileName === 'boom') throw new Error('boom');
      return { status: 'succeeded', counts: {} };
    });
    const failing = await insertJob(t.database.db, {
      kind: 'test',
      params: { fileName: 'boom' },
      createdBy: staffId,
      orgUnitId: district,
    });
    const next = await newJob();
    for (const id of [failing, next])
      runner.enqueue({ id, kind: 'test', actor, audit, cleanup: async () => {} });
    await runner.idle();
    const { job } = await view(failing);
    assert.equal(job.status, 'failed');
    assert.equal(job.error?.code, 'JOB_FAILED');
    assert.match(job.error!.message, /任务执行出错/);
    assert.equal((await view(next)).job.status, 'succeeded');
    await runner.close();
  });

  it('jobs no node holds: a leftover without a lease and a non-resumable kind are failed as interrupted', async () => {
    const running = await newJob();
    await t.database.pool.query(
      "UPDATE jobs SET status = 'running', created_at = now() - interval '1 hour' WHERE id = $1",
      [running],
    );
    const queued = await newJob();
    await t.database.pool.query(
      "UPDATE jobs SET lease_owner = 'dead', lease_until = now() - interval '1 second' WHERE id = $1",
      [queued],
    );
    const fresh = await newJob();
    const restarted = new JobRunner(t.ctx, t.app.log);
    restarted.register('test', async () => ({ status: 'succeeded', counts: {} }));
    assert.equal(await restarted.recover(), 2);
    for (const id of [running, queued]) {
      const { job } = await view(id);
      assert.equal(job.status, 'failed');
      assert.equal(job.error?.code, 'INTERRUPTED');
    }
    // Just inserted, not yet held by the node that accepted it: not another node's to fail.
    assert.equal((await view(fresh)).job.status, 'queued');
    await t.database.pool.query("UPDATE jobs SET status = 'failed' WHERE id = $1", [fresh]);
  });

  it('on stop, the running job is told to stop and queued ones are failed and cleaned', async () => {
    const stopping = new JobRunner(t.ctx, t.app.log);
    let release!: () => void;
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    stopping.register('test', async (run) => {
      entered();
      await new Promise<void>((resolve) => (release = resolve));
      assert.equal(run.signal.aborted, true, 'the running job is told to stop');
      return { status: 'failed', counts: {}, error: { code: 'INTERRUPTED', message: '已停止' } };
    });
    const first = await newJob();
    const waiting = await newJob();
    let cleaned = 0;
    for (const id of [first, waiting]) {
      stopping.enqueue({ id, kind: 'test', actor, audit, cleanup: async () => void cleaned++ });
    }
    await inside;
    const closing = stopping.close();
    release();
    await closing;
    assert.equal(cleaned, 2);
    assert.equal((await view(first)).job.error?.message, '已停止');
    assert.equal((await view(waiting)).job.error?.code, 'INTERRUPTED');
  });

  it('a resumable job whose node died is taken by another node, once, and run again as its creator', async () => {
    const a = new JobRunner(t.ctx, t.app.log, { owner: 'node-a', leaseMs: 400, pollMs: 100 });
    const b = new JobRunner(t.ctx, t.app.log, { owner: 'node-b', leaseMs: 400, pollMs: 100 });
    const c = new JobRunner(t.ctx, t.app.log, { owner: 'node-c', leaseMs: 400, pollMs: 100 });
    let started!: () => void;
    const onA = new Promise<void>((resolve) => (started = resolve));
    // Node A never finishes (as if killed: it renews nothing, its timers were never started).
    a.register(
      'resumable',
      async () => {
        started();
        return new Promise<never>(() => undefined);
      },
      { resumable: true },
    );
    const runs: { owner: string; actor: string; permissions: boolean }[] = [];
    for (const runner of [b, c]) {
      runner.register(
        'resumable',
        async (run) => {
          runs.push({
            owner: runner.owner,
            actor: run.actor.userId,
            permissions: run.actor.permissions.has('registry.read'),
          });
          return { status: 'succeeded', counts: { total: 1 } };
        },
        { resumable: true },
      );
    }
    const id = await insertJob(t.database.db, {
      kind: 'resumable',
      params: {},
      createdBy: staffId,
      orgUnitId: district,
    });
    const creator = { ...actor, permissions: new Set(['registry.read']) } as unknown as Actor;
    a.enqueue({ id, kind: 'resumable', actor: creator, audit, cleanup: async () => {} });
    await onA;
    b.start();
    c.start();
    const until = Date.now() + 10_000;
    while ((await view(id)).job.status !== 'succeeded' && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await b.idle();
    await c.idle();
    await b.close();
    await c.close();
    assert.equal(runs.length, 1, 'run again on exactly one of the other nodes');
    assert.deepEqual(runs[0]!.actor, staffId);
    assert.equal(runs[0]!.permissions, true, 'with the permissions it was accepted with');
    const { rows } = await t.database.pool.query(
      'SELECT status, attempts, lease_owner FROM jobs WHERE id = $1',
      [id],
    );
    assert.deepEqual(rows[0], { status: 'succeeded', attempts: 2, lease_owner: null });
  });

  it('a node that lost its lease writes no outcome; a job taken too often is failed', async () => {
    const slow = new JobRunner(t.ctx, t.app.log, { owner: 'node-slow', leaseMs: 60_000 });
    let proceed!: () => void;
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    slow.register(
      'resumable',
      async () => {
        entered();
        await new Promise<void>((resolve) => (proceed = resolve));
        return { status: 'succeeded', counts: { total: 99 } };
      },
      { resumable: true },
    );
    const id = await insertJob(t.database.db, {
      kind: 'resumable',
      params: {},
      createdBy: staffId,
      orgUnitId: district,
    });
    slow.enqueue({ id, kind: 'resumable', actor, audit, cleanup: async () => {} });
    await inside;
    // Another node took it meanwhile (this one stalled past its lease) and finished it.
    await t.database.pool.query(
      "UPDATE jobs SET lease_owner = 'node-other', status = 'succeeded', counts = '{\"total\": 1}' WHERE id = $1",
      [id],
    );
    proceed();
    await slow.idle();
    await slow.close();
    const { rows } = await t.database.pool.query('SELECT status, counts FROM jobs WHERE id = $1', [id]);
    assert.deepEqual(rows[0], { status: 'succeeded', counts: { total: 1 } });

    const tired = await insertJob(t.database.db, {
      kind: 'resumable',
      params: {},
      createdBy: staffId,
      orgUnitId: district,
    });
    await t.database.pool.query(
      `UPDATE jobs SET status = 'running', attempts = 3, actor = '{}', lease_owner = 'dead',
              lease_until = now() - interval '1 second' WHERE id = $1`,
      [tired],
    );
    const runner = new JobRunner(t.ctx, t.app.log);
    runner.register('resumable', async () => ({ status: 'succeeded', counts: {} }), { resumable: true });
    assert.equal(await runner.recover(), 1);
    assert.equal((await view(tired)).job.error?.code, 'JOB_FAILED');
  });

  it('a job is seen only by the user who started it (404 for anyone else, even in the same unit)', async () => {
    const id = await newJob();
    await createAccount(t, { username: 'colleague', orgUnitId: district, roles: ['federation_staff'] });
    assert.equal((await view(id)).status, 200);
    assert.equal((await view(id, await t.signIn('colleague'))).status, 404);
    assert.equal((await view(id, await t.signIn('leader'))).status, 403);
  });
});
