// Tests of the synthetic appeals generator on a small run: how many, the mix of states, forwards to the
// departments of the appeal's own district, days consistent with instants, the load's switches all back
// on, and rollups equal to a recount from the records.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { permissionsOf } from '@qinqing/shared';
import { computeAppealFigures } from '../modules/appeal-stats/service.ts';
import { setupTestApp, type TestApp } from '../test/harness.ts';
import { generateSyntheticAppeals, type SyntheticAppealsResult } from './appeals-synthetic.ts';
import { SYNTHETIC_PROVINCE } from './synthetic.ts';

const APPEALS = 6000;
const UNTIL = '2026-06-30';

describe('synthetic appeals', () => {
  let t: TestApp;
  let result: SyntheticAppealsResult;
  const one = async <T extends object>(sql: string, params: unknown[] = []) =>
    (await t.database.pool.query<T>(sql, params)).rows[0]!;

  before(async () => {
    // No demo federation: its appeals would mix into the counts.
    t = await setupTestApp({ demo: false });
    result = await generateSyntheticAppeals(t.database.pool, {
      appeals: APPEALS,
      enterprises: 800,
      until: UNTIL,
    });
  });
  after(() => t.close());

  it('about the number asked for, with about 1.15 forwards each, 8 departments a district', async () => {
    const counted = await one<{ appeals: number; forwards: number }>(
      'SELECT (SELECT count(*)::int FROM appeals) AS appeals, (SELECT count(*)::int FROM appeal_forwards) AS forwards',
    );
    assert.deepEqual(counted, { appeals: result.appeals, forwards: result.forwards });
    assert.ok(Math.abs(result.appeals - APPEALS) < APPEALS * 0.03, `${result.appeals}`);
    const ratio = result.forwards / result.appeals;
    assert.ok(ratio > 1.05 && ratio < 1.25, `${ratio}`);
    assert.equal(result.departments, 800);
  });

  it('a realistic mix of states, each with the fields it implies', async () => {
    const mix = await one<Record<string, number>>(
      `SELECT count(*) FILTER (WHERE state = 'closed')::float / count(*) AS closed,
         count(*) FILTER (WHERE state = 'invalid' AND invalid_reason IS NULL)::int AS invalid_without_reason,
         count(*) FILTER (WHERE state = 'merged' AND merged_into_id IS NULL)::int AS merged_without_target,
         count(*) FILTER (WHERE state = 'closed' AND (satisfaction IS NULL OR outcome IS NULL))::int AS closed_unrated,
         count(*) FILTER (WHERE overdue AND state NOT IN ('forwarded', 'in_progress'))::int AS overdue_elsewhere,
         count(DISTINCT state)::int AS states
       FROM appeals`,
    );
    assert.ok(mix.closed! > 0.6 && mix.closed! < 0.9, `${mix.closed}`);
    assert.deepEqual(
      [mix.invalid_without_reason, mix.merged_without_target, mix.closed_unrated, mix.overdue_elsewhere],
      [0, 0, 0, 0],
    );
    assert.equal(mix.states, 10);
  });

  it('days are the Shanghai days of their instants, within the three years before the last day', async () => {
    const days = await one<Record<string, number | string>>(
      `SELECT min(received_on)::text AS first, max(received_on)::text AS last,
         count(*) FILTER (WHERE received_on <> (received_at AT TIME ZONE 'Asia/Shanghai')::date)::int AS received_off,
         (SELECT count(*)::int FROM appeal_forwards
           WHERE forwarded_on <> (forwarded_at AT TIME ZONE 'Asia/Shanghai')::date) AS forwarded_off
       FROM appeals`,
    );
    assert.ok(days.first! >= '2023-07-01' && days.last! <= UNTIL, `${days.first} … ${days.last}`);
    assert.deepEqual([days.received_off, days.forwarded_off], [0, 0]);
  });

  it('forwards go to the departments and channels of the appeal’s own district', async () => {
    const stray = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM appeal_forwards f
         JOIN appeals a ON a.id = f.appeal_id
         JOIN org_units unit ON unit.id = a.org_unit_id
         JOIN org_units department ON department.id = f.department_id
         JOIN channels c ON c.id = f.channel_id
       WHERE unit.path NOT LIKE (SELECT path FROM org_units WHERE id = department.parent_id) || '%'
          OR c.department_id <> f.department_id OR f.org_unit_id <> a.org_unit_id`,
    );
    assert.equal(stray.n, 0);
  });

  it('leaves the triggers on, the indexes back and no helper tables', async () => {
    const left = await one<{ disabled: number; helpers: number; indexes: number }>(
      `SELECT (SELECT count(*)::int FROM pg_trigger WHERE tgrelid IN ('appeals'::regclass, 'appeal_forwards'::regclass)
                 AND tgenabled = 'D') AS disabled,
              (SELECT count(*)::int FROM pg_class WHERE relname LIKE 'synthetic_appeal%') AS helpers,
              (SELECT count(*)::int FROM pg_indexes WHERE indexname IN ('appeals_stats_scope_idx',
                 'appeal_first_records_prev_idx', 'appeal_forward_first_records_prev_idx',
                 'appeal_chamber_first_records_prev_idx')) AS indexes`,
    );
    assert.deepEqual(left, { disabled: 0, helpers: 0, indexes: 4 });
  });

  it('leaves every table the recounts refilled analysed, whether or not autovacuum runs', async () => {
    const unanalysed = await one<{ names: string[] }>(
      `SELECT coalesce(array_agg(relname::text ORDER BY relname), '{}') AS names FROM pg_stat_user_tables
       WHERE relname = ANY($1) AND last_analyze IS NULL AND last_autoanalyze IS NULL`,
      [
        [
          'appeal_bucket_rollups',
          'appeal_chamber_bucket_rollups',
          'appeal_chamber_day_rollups',
          'appeal_chamber_rollups',
          'appeal_enterprise_counts',
          'appeal_forward_bucket_rollups',
          'appeal_chamber_first_records',
        ],
      ],
    );
    assert.deepEqual(unanalysed.names, []);
  });

  it('rollups rebuilt at the end equal a recount from the records', async () => {
    const province = await one<{ id: string; path: string }>(
      'SELECT id, path FROM org_units WHERE parent_id IS NULL AND name = $1',
      [SYNTHETIC_PROVINCE.name],
    );
    const actor = {
      sessionId: 'test',
      userId: 'test',
      username: 'test',
      displayName: 'test',
      roles: ['federation_staff' as const],
      permissions: permissionsOf(['federation_staff']),
      orgUnitId: province.id,
      orgPath: province.path,
      enterpriseId: null,
      mustChangePassword: false,
    };
    for (const groupBy of [undefined, 'department', 'category', 'orgUnit', 'month'] as const) {
      const query = { from: '2025-01-01', to: '2026-03-31', groupBy };
      const fromRollups = await computeAppealFigures(t.database.db, actor, query, 'rollups');
      assert.deepEqual(fromRollups, await computeAppealFigures(t.database.db, actor, query, 'records'));
      assert.ok(fromRollups.total.received > APPEALS / 3);
    }
  });
});
