// The transitions runner on a real database, with a tiny state machine of its own (a lamp: off ⇄ on, and
// broken for good; only its keeper switches it): allowed, forbidden, not now, stale or concurrent versions,
// and the change, its timeline event, audit record and notification written in one transaction — and
// rolled back together when the effect or the notifier throws.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { errorStatus, type AuditAction, type ErrorCode } from '@qinqing/shared';
import { notify } from '../../modules/notifications/service.ts';
import { insertOrgUnit } from '../../modules/org-units/service.ts';
import { createAccount, setupTestApp, type TestApp } from '../../test/harness.ts';
import type { AuditContext } from '../audit/audit-log.ts';
import type { Actor } from '../auth/sessions.ts';
import { AppError } from '../errors.ts';
import {
  runTransition,
  type Notifier,
  type TransitionEffect,
  type TransitionMachine,
  type Verdict,
} from './transitions.ts';

type LampState = 'off' | 'on' | 'broken';
type LampAction = 'switch_on' | 'switch_off' | 'break';
type Lamp = { id: string; state: LampState; keeperId: string; watcherId: string; version: number };
type LampRequest = { action: LampAction; version: number; fail?: 'effect' | 'notify' };
type LampOutcome = TransitionEffect & { to: LampState };

const FROM: Record<LampAction, readonly LampState[]> = {
  switch_on: ['off'],
  switch_off: ['on'],
  break: ['off', 'on'],
};
const TO: Record<LampAction, LampState> = { switch_on: 'on', switch_off: 'off', break: 'broken' };

/** The lamp's pure decision: switching is its keeper's; anyone may break it, once. */
function decideLamp(lamp: { state: LampState }, action: LampAction, keeper: boolean): Verdict {
  if (action !== 'break' && !keeper) return 'forbidden';
  return FROM[action].includes(lamp.state) ? 'allowed' : 'not_now';
}

describe('core/transitions: runTransition', () => {
  let t: TestApp;
  let keeper: Actor;
  let passerBy: Actor;
  let watcherId: string;

  /** Notifies through modules/notifications, then fails on a notice of kind `lamp.fail`. */
  const send: Notifier = async (ctx, tx, input) => {
    await notify(ctx, tx, input);
    if (input.kind === 'lamp.fail') throw new Error('the notifier failed');
  };

  const lampMachine: TransitionMachine<Lamp, { state: LampState }, boolean, LampRequest, LampOutcome> = {
    objectType: 'lamp',
    async lock(tx, _actor, id) {
      const { rows } = await tx.execute<Lamp>(
        sql`SELECT id, state, keeper_id AS "keeperId", watcher_id AS "watcherId", version
              FROM test_lamps WHERE id = ${id} FOR UPDATE`,
      );
      return rows[0];
    },
    stateOf: (lamp) => ({ state: lamp.state }),
    capacityOf: (actor, lamp) => actor.userId === lamp.keeperId,
    decide: decideLamp,
    async apply({ tx, subject, request }) {
      if (request.action === 'break') {
        // A write of the effect's own, then a failure: both must vanish.
        await tx.execute(sql`INSERT INTO test_lamp_bulbs (lamp_id) VALUES (${subject.id})`);
        if (request.fail === 'effect') throw new AppError('CONFLICT');
      }
      const to = TO[request.action];
      const kind = request.fail === 'notify' ? 'lamp.fail' : 'lamp.moved';
      return {
        to,
        // A made-up domain: its actions are not among the platform's named ones.
        audit: { action: `lamp.${request.action}` as AuditAction, detail: { from: subject.state, to } },
        notices: [{ recipientIds: [subject.watcherId, subject.keeperId], kind, title: '灯', body: to }],
      };
    },
    async save({ tx, subject }, outcome) {
      const { rowCount } = await tx.execute(
        sql`UPDATE test_lamps SET state = ${outcome.to}, version = version + 1
             WHERE id = ${subject.id} AND version = ${subject.version}`,
      );
      return rowCount === 1;
    },
    async writeTimeline({ tx, subject, request }, outcome) {
      await tx.execute(
        sql`INSERT INTO test_lamp_events (lamp_id, action, from_state, to_state)
            VALUES (${subject.id}, ${request.action}, ${subject.state}, ${outcome.to})`,
      );
    },
    notifications: { send, link: (id) => `/lamps/${id}` },
  };

  const auditOf = (actor: Actor): AuditContext => ({
    actorId: actor.userId,
    actorName: actor.displayName,
    actorRoles: [],
    ip: null,
    requestId: 'transitions-test',
  });
  const move = (actor: Actor, id: string, request: LampRequest) =>
    runTransition(t.ctx, lampMachine, { actor, id, request, audit: auditOf(actor) });

  async function newLamp(): Promise<string> {
    const { rows } = await t.database.pool.query<{ id: string }>(
      'INSERT INTO test_lamps (keeper_id, watcher_id) VALUES ($1, $2) RETURNING id',
      [keeper.userId, watcherId],
    );
    return rows[0]!.id;
  }

  /** Everything the runner or the effect may have written about one lamp. */
  async function snapshot(id: string) {
    const { rows } = await t.database.pool.query(
      `SELECT (SELECT state FROM test_lamps WHERE id = $1) AS state,
              (SELECT version FROM test_lamps WHERE id = $1) AS version,
              (SELECT count(*)::int FROM test_lamp_events WHERE lamp_id = $1) AS events,
              (SELECT count(*)::int FROM test_lamp_bulbs WHERE lamp_id = $1) AS bulbs,
              (SELECT count(*)::int FROM audit_events WHERE object_id = $1::text) AS audits,
              (SELECT count(*)::int FROM notifications WHERE object_id = $1::text) AS notifications`,
      [id],
    );
    return rows[0] as Record<string, unknown>;
  }

  /** Whether `promise` fails with an AppError of `code` (whose status is `status`). */
  async function refused(promise: Promise<unknown>, code: ErrorCode, status: number) {
    await assert.rejects(promise, (error) => {
      assert.ok(error instanceof AppError, String(error));
      assert.equal(error.code, code);
      assert.equal(errorStatus(error.code), status);
      return true;
    });
  }

  const actorFor = (userId: string, name: string, orgUnit: { id: string; path: string }): Actor => ({
    sessionId: 'none',
    userId,
    username: name,
    displayName: name,
    roles: [],
    permissions: new Set(),
    orgUnitId: orgUnit.id,
    orgPath: orgUnit.path,
    enterpriseId: null,
    mustChangePassword: false,
  });

  before(async () => {
    t = await setupTestApp({ demo: false });
    await t.database.pool.query(`
      CREATE TABLE test_lamps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        state text NOT NULL DEFAULT 'off',
        keeper_id uuid NOT NULL,
        watcher_id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1
      );
      CREATE TABLE test_lamp_events (
        id serial PRIMARY KEY, lamp_id uuid NOT NULL, action text NOT NULL, from_state text, to_state text
      );
      CREATE TABLE test_lamp_bulbs (lamp_id uuid NOT NULL);
    `);
    const unit = await insertOrgUnit(t.database.db, null, { kind: 'province', name: '灯塔省' });
    const account = async (name: string) =>
      actorFor(await createAccount(t, { username: name, orgUnitId: unit.id }), name, unit);
    keeper = await account('keeper');
    passerBy = await account('passer-by');
    watcherId = (await account('watcher')).userId;
  });
  after(() => t.close());

  it('an allowed move: the change, its event, audit record and notification, in one transaction', async () => {
    const id = await newLamp();
    const outcome = await move(keeper, id, { action: 'switch_on', version: 1 });
    assert.equal(outcome.to, 'on');
    assert.deepEqual(await snapshot(id), {
      state: 'on',
      version: 2,
      events: 1,
      bulbs: 0,
      audits: 1,
      notifications: 1,
    });
    const { rows: audit } = await t.database.pool.query(
      'SELECT action, object_type, actor_id, detail FROM audit_events WHERE object_id = $1',
      [id],
    );
    assert.deepEqual(audit, [
      {
        action: 'lamp.switch_on',
        object_type: 'lamp',
        actor_id: keeper.userId,
        detail: { from: 'off', to: 'on' },
      },
    ]);
    // The actor is not told of their own move; the watcher is, with the link and the object.
    const { rows: notices } = await t.database.pool.query(
      'SELECT user_id, kind, link, object_type FROM notifications WHERE object_id = $1',
      [id],
    );
    assert.deepEqual(notices, [
      { user_id: watcherId, kind: 'lamp.moved', link: `/lamps/${id}`, object_type: 'lamp' },
    ]);
    // One transaction wrote them all: every row carries its id.
    const { rows: writers } = await t.database.pool.query(
      `SELECT DISTINCT xmin::text FROM (
         SELECT xmin FROM test_lamps WHERE id = $1
         UNION ALL SELECT xmin FROM test_lamp_events WHERE lamp_id = $1
         UNION ALL SELECT xmin FROM audit_events WHERE object_id = $1::text
         UNION ALL SELECT xmin FROM notifications WHERE object_id = $1::text) AS written`,
      [id],
    );
    assert.equal(writers.length, 1);
  });

  it('no capacity is 403 FORBIDDEN; a capacity but not now is 409 INVALID_TRANSITION; nothing written', async () => {
    const id = await newLamp();
    const before = await snapshot(id);
    await refused(move(passerBy, id, { action: 'switch_on', version: 1 }), 'FORBIDDEN', 403);
    await assert.rejects(move(keeper, id, { action: 'switch_off', version: 1 }), (error) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'INVALID_TRANSITION');
      assert.equal(errorStatus(error.code), 409);
      assert.deepEqual(error.extra, { state: 'off', action: 'switch_off' });
      return true;
    });
    assert.deepEqual(await snapshot(id), before);
    // Anyone may break it; once broken, nothing more is allowed, whoever asks.
    await move(passerBy, id, { action: 'break', version: 1 });
    await refused(move(keeper, id, { action: 'break', version: 2 }), 'INVALID_TRANSITION', 409);
    await refused(move(keeper, id, { action: 'switch_on', version: 2 }), 'INVALID_TRANSITION', 409);
  });

  it('a stale version is 409 VERSION_CONFLICT; of two moves at once one wins; an unknown row is 404', async () => {
    const id = await newLamp();
    await move(keeper, id, { action: 'switch_on', version: 1 });
    const before = await snapshot(id);
    await refused(move(keeper, id, { action: 'switch_off', version: 1 }), 'VERSION_CONFLICT', 409);
    assert.deepEqual(await snapshot(id), before);

    const both = await Promise.allSettled([
      move(keeper, id, { action: 'switch_off', version: 2 }),
      move(keeper, id, { action: 'break', version: 2 }),
    ]);
    assert.equal(both.filter((result) => result.status === 'fulfilled').length, 1);
    const lost = both.find((result) => result.status === 'rejected');
    assert.equal((lost as PromiseRejectedResult).reason.code, 'VERSION_CONFLICT');
    assert.equal((await snapshot(id)).version, 3);

    await refused(
      move(keeper, '00000000-0000-0000-0000-000000000000', { action: 'switch_on', version: 1 }),
      'NOT_FOUND',
      404,
    );
  });

  it('when the effect throws, its own writes roll back and nothing else is written', async () => {
    const id = await newLamp();
    const before = await snapshot(id);
    await refused(move(keeper, id, { action: 'break', version: 1, fail: 'effect' }), 'CONFLICT', 409);
    assert.deepEqual(await snapshot(id), before);
  });

  it('when the notifier throws last, the change, event, audit record and notification roll back together', async () => {
    const id = await newLamp();
    const before = await snapshot(id);
    await assert.rejects(
      move(keeper, id, { action: 'break', version: 1, fail: 'notify' }),
      /notifier failed/,
    );
    assert.deepEqual(await snapshot(id), before);
    // The same move without the failure goes through.
    await move(keeper, id, { action: 'break', version: 1 });
    assert.deepEqual(await snapshot(id), {
      state: 'broken',
      version: 2,
      events: 1,
      bulbs: 1,
      audits: 1,
      notifications: 1,
    });
  });
});
