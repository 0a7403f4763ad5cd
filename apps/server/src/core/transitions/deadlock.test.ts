// Two transitions of different records that take a shared pair of rows in opposite orders deadlock;
// PostgreSQL fails one of them (40P01), and the runner runs that one again instead of answering a 500.
// Found by bench/long-load.ts: concurrent accepts of appeals forwarded to one department met on the
// rollup rows their triggers keep.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { AuditAction } from '@qinqing/shared';
import { insertOrgUnit } from '../../modules/org-units/service.ts';
import { createAccount, setupTestApp, type TestApp } from '../../test/harness.ts';
import type { Actor } from '../auth/sessions.ts';
import { runTransition, type TransitionEffect, type TransitionMachine } from './transitions.ts';

type Door = { id: string; partnerId: string; state: string; version: number };
type DoorRequest = { action: 'open'; version: number };

describe('core/transitions: a deadlock is retried', () => {
  let t: TestApp;
  let actor: Actor;
  /** Both transitions hold their own door before either reaches for the other's. */
  let arrived = 0;
  let release: () => void = () => undefined;
  const barrier = new Promise<void>((resolve) => (release = resolve));
  let attempts = 0;

  const doorMachine: TransitionMachine<Door, { state: string }, true, DoorRequest, TransitionEffect> = {
    objectType: 'door',
    async lock(tx, _actor, id) {
      attempts++;
      const { rows } = await tx.execute<Door>(
        sql`SELECT id, partner_id AS "partnerId", state, version FROM test_doors WHERE id = ${id} FOR UPDATE`,
      );
      return rows[0];
    },
    stateOf: (door) => ({ state: door.state }),
    capacityOf: () => true,
    decide: (state) => (state.state === 'shut' ? 'allowed' : 'not_now'),
    async apply({ tx, subject }) {
      arrived++;
      if (arrived === 2) release();
      await barrier;
      // The partner's row, locked second: each transaction waits for the other's first lock.
      await tx.execute(sql`SELECT 1 FROM test_doors WHERE id = ${subject.partnerId} FOR UPDATE`);
      return { audit: { action: 'door.open' as AuditAction, detail: {} } };
    },
    async save({ tx, subject }) {
      const { rowCount } = await tx.execute(
        sql`UPDATE test_doors SET state = 'open', version = version + 1
             WHERE id = ${subject.id} AND version = ${subject.version}`,
      );
      return rowCount === 1;
    },
  };

  before(async () => {
    t = await setupTestApp({ demo: false });
    await t.database.pool.query(`
      CREATE TABLE test_doors (
        id uuid PRIMARY KEY, partner_id uuid NOT NULL, state text NOT NULL DEFAULT 'shut',
        version integer NOT NULL DEFAULT 1
      )`);
    const unit = await insertOrgUnit(t.database.db, null, { kind: 'province', name: '门省' });
    actor = {
      sessionId: 'none',
      userId: await createAccount(t, { username: 'doorkeeper', orgUnitId: unit.id }),
      username: 'doorkeeper',
      displayName: 'doorkeeper',
      roles: [],
      permissions: new Set(),
      orgUnitId: unit.id,
      orgPath: unit.path,
      enterpriseId: null,
      mustChangePassword: false,
    };
  });
  after(() => t.close());

  it('both transitions succeed, once each, when PostgreSQL breaks their deadlock', async () => {
    const a = '00000000-0000-4000-8000-00000000000a';
    const b = '00000000-0000-4000-8000-00000000000b';
    await t.database.pool.query(`INSERT INTO test_doors (id, partner_id) VALUES ($1, $2), ($2, $1)`, [a, b]);
    const open = (id: string) =>
      runTransition(t.ctx, doorMachine, {
        actor,
        id,
        request: { action: 'open', version: 1 },
        audit: {
          actorId: actor.userId,
          actorName: 'doorkeeper',
          actorRoles: [],
          ip: null,
          requestId: 'door',
        },
      });
    const results = await Promise.allSettled([open(a), open(b)]);
    assert.deepEqual(
      results.map((result) => (result.status === 'rejected' ? String(result.reason) : 'ok')),
      ['ok', 'ok'],
    );
    // Three locks: one transaction was failed by the deadlock detector and ran again.
    assert.equal(attempts, 3);
    const { rows } = await t.database.pool.query(
      `SELECT (SELECT array_agg(state || ':' || version ORDER BY id) FROM test_doors) AS doors,
              (SELECT count(*)::int FROM audit_events WHERE object_type = 'door') AS audits`,
    );
    assert.deepEqual(rows[0], { doors: ['open:2', 'open:2'], audits: 2 });
  });
});
