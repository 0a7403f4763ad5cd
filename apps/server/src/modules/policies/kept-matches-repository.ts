// Kept matches (policy_matches, migration 0049): per saved policy, the enterprises of its reach that fail at
// most one structured condition, brought up to date before every reading — in full when there are none or
// the conditions changed, else only for the enterprises the registry changed since (policy_match_changes,
// written by triggers). Reading a province then walks an index of one policy's rows instead of judging a
// million enterprises. The SQL of each condition is conditions.ts's, as the live matcher's.
import type { PolicyCondition } from '@qinqing/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { failureColumns, type MatchCounts, type MatchRow } from './repository.ts';

/** Beyond this many changed enterprises a full recomputation is cheaper than judging them one list. */
const INCREMENTAL_LIMIT = 50_000;

export interface KeptPolicy {
  id: string;
  conditions: readonly PolicyCondition[];
  reachPath: string;
}

/** Inserts the rows of the policy's reach (narrowed by `only`) that fail at most one condition. */
async function insertMatches(db: DbOrTx, policy: KeptPolicy, only: SQL): Promise<number> {
  const { failed, first } = failureColumns(policy.conditions);
  const { rowCount } = await db.execute(
    sql`INSERT INTO policy_matches (policy_id, enterprise_id, failed, first_failed, sort_key, org_path)
        SELECT ${policy.id}::uuid, id, failed, first, sort_key, path FROM (
          SELECT e.id, e.sort_key, u.path, ${failed} AS failed, ${first} AS first
            FROM enterprises e JOIN org_units u ON u.id = e.org_unit_id
           WHERE u.path LIKE ${policy.reachPath + '%'} AND e.merged_into_id IS NULL AND ${only}) m
         WHERE failed <= 1`,
  );
  return rowCount ?? 0;
}

/**
 * Brings the policy's kept matches up to date; must run in a transaction (the advisory lock that keeps two
 * readers of one policy from computing it at once lasts until its end). Answers what it did.
 */
export async function refreshKeptMatches(
  tx: DbOrTx,
  policy: KeptPolicy,
  now: Date,
): Promise<{ full: boolean; judged: number }> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${'policy_matches:' + policy.id}, 0))`);
  const { rows: states } = await tx.execute<{ same: boolean; through: string }>(
    sql`SELECT conditions = ${JSON.stringify(policy.conditions)}::jsonb AND reach_path = ${policy.reachPath}
               AS same, through_xmin::text AS through
          FROM policy_match_states WHERE policy_id = ${policy.id}`,
  );
  // Every change by a transaction still running now has an id at least this: the next reading takes it.
  const { rows: snapshot } = await tx.execute<{ xmin: string }>(
    sql`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`,
  );
  const xmin = snapshot[0]!.xmin;
  const state = states[0];
  let changed: string[] | undefined;
  if (state?.same) {
    const { rows } = await tx.execute<{ enterprise_id: string }>(
      sql`SELECT DISTINCT enterprise_id FROM policy_match_changes WHERE xid >= ${state.through}::xid8
           LIMIT ${INCREMENTAL_LIMIT + 1}`,
    );
    if (rows.length <= INCREMENTAL_LIMIT) changed = rows.map((row) => row.enterprise_id);
  }
  let judged: number;
  if (changed) {
    if (changed.length > 0) {
      const ids = sql.param(changed);
      await tx.execute(
        sql`DELETE FROM policy_matches WHERE policy_id = ${policy.id} AND enterprise_id = ANY (${ids}::uuid[])`,
      );
      await insertMatches(tx, policy, sql`e.id = ANY (${ids}::uuid[])`);
    }
    judged = changed.length;
  } else {
    await tx.execute(sql`DELETE FROM policy_matches WHERE policy_id = ${policy.id}`);
    judged = await insertMatches(tx, policy, sql`true`);
  }
  // The whole reach's counts are kept with the state, recounted only when a row may have changed.
  const recounted = changed === undefined || changed.length > 0;
  const recount = recounted
    ? sql`(SELECT count(*) FILTER (WHERE failed = 0) FROM policy_matches WHERE policy_id = ${policy.id}),
            (SELECT count(*) FILTER (WHERE failed = 1) FROM policy_matches WHERE policy_id = ${policy.id})`
    : sql`${0}::int, ${0}::int`;
  await tx.execute(
    sql`INSERT INTO policy_match_states (policy_id, conditions, reach_path, through_xmin, matched, near_misses,
          computed_at, refreshed_at)
        VALUES (${policy.id}, ${JSON.stringify(policy.conditions)}::jsonb, ${policy.reachPath}, ${xmin}::xid8,
                ${recount}, ${now}, ${now})
        ON CONFLICT (policy_id) DO UPDATE SET conditions = excluded.conditions, reach_path = excluded.reach_path,
          through_xmin = excluded.through_xmin, refreshed_at = excluded.refreshed_at,
          matched = CASE WHEN ${recounted}::boolean THEN excluded.matched ELSE policy_match_states.matched END,
          near_misses = CASE WHEN ${recounted}::boolean THEN excluded.near_misses
                             ELSE policy_match_states.near_misses END,
          computed_at = CASE WHEN ${changed === undefined}::boolean THEN excluded.computed_at
                             ELSE policy_match_states.computed_at END`,
  );
  return { full: changed === undefined, judged };
}

/**
 * The kept rows of a policy under `path`; with an audience (over `e` and its unit `u`) the enterprises are
 * joined to apply it.
 */
function kept(policyId: string, path: string, audience: SQL | null): SQL {
  return audience
    ? sql`policy_matches pm JOIN enterprises e ON e.id = pm.enterprise_id JOIN org_units u ON u.id = e.org_unit_id
          WHERE pm.policy_id = ${policyId} AND pm.org_path LIKE ${path + '%'} AND ${audience}`
    : sql`policy_matches pm WHERE pm.policy_id = ${policyId} AND pm.org_path LIKE ${path + '%'}`;
}

export async function keptCounts(
  db: DbOrTx,
  policyId: string,
  path: string,
  audience: SQL | null,
): Promise<MatchCounts> {
  if (!audience) {
    const { rows: whole } = await db.execute<{ total: number; near: number }>(
      sql`SELECT matched AS total, near_misses AS near FROM policy_match_states
           WHERE policy_id = ${policyId} AND reach_path = ${path}`,
    );
    if (whole[0]) return { total: whole[0].total, nearMissTotal: whole[0].near };
  }
  const { rows } = await db.execute<{ total: number; near: number }>(
    sql`SELECT count(*) FILTER (WHERE pm.failed = 0)::int AS total,
               count(*) FILTER (WHERE pm.failed = 1)::int AS near
          FROM ${kept(policyId, path, audience)}`,
  );
  return { total: rows[0]?.total ?? 0, nearMissTotal: rows[0]?.near ?? 0 };
}

export async function keptPage(
  db: DbOrTx,
  policyId: string,
  path: string,
  audience: SQL | null,
  want: 0 | 1,
  limit: number,
): Promise<MatchRow[]> {
  const { rows } = await db.execute<MatchRow>(
    sql`SELECT e.id, e.name, e.uscc, pm.first_failed AS first
          FROM policy_matches pm JOIN enterprises e ON e.id = pm.enterprise_id
          JOIN org_units u ON u.id = e.org_unit_id
         WHERE pm.policy_id = ${policyId} AND pm.failed = ${want} AND pm.org_path LIKE ${path + '%'}
           AND ${audience ?? sql`true`}
         ORDER BY pm.sort_key, pm.enterprise_id LIMIT ${limit}`,
  );
  return rows;
}

export async function keptBreakdown(
  db: DbOrTx,
  policyId: string,
  path: string,
  audience: SQL | null,
): Promise<{
  byStreet: { orgUnitId: string; name: string; count: number }[];
  byChamber: { chamberId: string; name: string; count: number }[];
}> {
  const matched = sql`(SELECT e.id, e.org_unit_id FROM policy_matches pm JOIN enterprises e ON e.id = pm.enterprise_id
      JOIN org_units u ON u.id = e.org_unit_id
     WHERE pm.policy_id = ${policyId} AND pm.failed = 0 AND pm.org_path LIKE ${path + '%'}
       AND ${audience ?? sql`true`})`;
  const { rows: byStreet } = await db.execute<{ orgUnitId: string; name: string; count: number }>(
    sql`SELECT m.org_unit_id AS "orgUnitId", o.name, count(*)::int AS count
          FROM ${matched} m JOIN org_units o ON o.id = m.org_unit_id
         GROUP BY m.org_unit_id, o.name ORDER BY count(*) DESC, o.name LIMIT 100`,
  );
  const { rows: byChamber } = await db.execute<{ chamberId: string; name: string; count: number }>(
    sql`SELECT cm.chamber_id AS "chamberId", o.name, count(*)::int AS count
          FROM ${matched} m JOIN chamber_memberships cm ON cm.enterprise_id = m.id
          JOIN org_units o ON o.id = cm.chamber_id
         GROUP BY cm.chamber_id, o.name ORDER BY count(*) DESC, o.name LIMIT 100`,
  );
  return { byStreet, byChamber };
}

/**
 * Forgets registry changes every kept policy has folded in (with none kept, those of finished transactions),
 * keeping an hour's worth so that a computation that started before a change committed still finds it.
 */
export async function pruneMatchChanges(db: DbOrTx): Promise<number> {
  const { rowCount } = await db.execute(
    sql`DELETE FROM policy_match_changes
         WHERE changed_at < now() - interval '1 hour'
           AND xid < coalesce((SELECT through_xmin FROM policy_match_states ORDER BY through_xmin LIMIT 1),
                              pg_snapshot_xmin(pg_current_snapshot()))`,
  );
  return rowCount ?? 0;
}
