// The queries of mutual aid: posts within the caller's scope (core/access/aid-scope.ts), the candidates of
// the other side ranked by words in common and nearness by division, matches with their two posts, and the
// contacts of a side (read only when both sides accepted).
import type { AidCategory, AidMatchState, AidPostListQuery, AidPostState, AidSide } from '@qinqing/shared';
import { sql, type SQL } from 'drizzle-orm';
import { aidMatchReadScope, aidPostReadScope } from '../../core/access/aid-scope.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { escapeLike } from '../../core/sql.ts';
import type { DbOrTx } from '../../db/connection.ts';

export interface PostRow extends Record<string, unknown> {
  id: string;
  org_unit_id: string;
  enterprise_id: string;
  enterprise_name: string;
  side: AidSide;
  title: string;
  category: AidCategory;
  quantity: string;
  unit: string;
  place: string | null;
  division_code: string | null;
  valid_until: string | null;
  urgent: boolean;
  words: string[];
  state: AidPostState;
  created_at: Date;
  version: number;
}

const postColumns = sql`p.id, p.org_unit_id, p.enterprise_id, e.name AS enterprise_name, p.side, p.title,
  p.category, p.quantity::text AS quantity, p.unit, p.place, p.division_code, p.valid_until::text AS valid_until,
  p.urgent, p.words, p.state, p.created_at, p.version`;

export async function findPost(
  db: DbOrTx,
  actor: Actor,
  id: string,
  extra: SQL = sql`true`,
): Promise<PostRow | undefined> {
  const { rows } = await db.execute<PostRow>(sql`SELECT ${postColumns}
    FROM aid_posts p JOIN enterprises e ON e.id = p.enterprise_id
    WHERE p.id = ${id} AND ${aidPostReadScope(actor)} AND ${extra}`);
  return rows[0];
}

export async function listPosts(
  db: DbOrTx,
  actor: Actor,
  query: AidPostListQuery,
): Promise<{ rows: PostRow[]; total: number }> {
  const filters: SQL[] = [aidPostReadScope(actor)];
  if (query.side) filters.push(sql`p.side = ${query.side}`);
  if (query.category) filters.push(sql`p.category = ${query.category}`);
  if (query.state) filters.push(sql`p.state = ${query.state}`);
  if (query.enterpriseId) filters.push(sql`p.enterprise_id = ${query.enterpriseId}`);
  if (query.q) filters.push(sql`p.title LIKE ${'%' + escapeLike(query.q) + '%'}`);
  const where = sql.join(filters, sql` AND `);
  const { rows } = await db.execute<PostRow>(sql`SELECT ${postColumns}
    FROM aid_posts p JOIN enterprises e ON e.id = p.enterprise_id WHERE ${where}
    ORDER BY p.urgent DESC, p.created_at DESC, p.id
    LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`);
  const count = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM aid_posts p WHERE ${where}`,
  );
  return { rows, total: count.rows[0]!.n };
}

export interface CandidateRow extends PostRow {
  common_words: string[];
  proximity: 'street' | 'district' | 'city' | 'province' | 'far';
  score: number;
}

/**
 * The open posts of the other side and the same category, still valid on `today`, of another enterprise,
 * ranked: words in common (10 each), nearness by division (same street 4, district 3, city 2, province 1),
 * urgent 1; the 20 best. The score is ranked first from cheap per-row tests (one array containment a word
 * of the post, prefixes of the division) over the side and category's open posts alone; only the 20 kept
 * are joined to their enterprise and have their words in common listed — at 100,000 open posts, listing
 * the common words of every candidate took half a second (bench/mutual-aid.ts).
 */
export async function candidatesOf(db: DbOrTx, post: PostRow, today: string): Promise<CandidateRow[]> {
  const other: AidSide = post.side === 'supply' ? 'demand' : 'supply';
  const code = post.division_code ?? '';
  const near = (length: number) =>
    code.length >= length ? sql`left(p.division_code, ${length}) = ${code.slice(0, length)}` : sql`false`;
  const common =
    post.words.length === 0
      ? sql`0`
      : sql.join(
          post.words.map((word) => sql`(p.words @> ARRAY[${word}::text])::int`),
          sql` + `,
        );
  const { rows } = await db.execute<CandidateRow>(sql`
    WITH best AS (
      SELECT p.id, p.created_at, n.nearness,
        (${common}) * 10 + n.nearness + CASE WHEN p.urgent THEN 1 ELSE 0 END AS score
      FROM aid_posts p
      CROSS JOIN LATERAL (SELECT CASE WHEN ${near(9)} THEN 4 WHEN ${near(6)} THEN 3 WHEN ${near(4)} THEN 2
          WHEN ${near(2)} THEN 1 ELSE 0 END AS nearness) n
      WHERE p.state = 'open' AND p.side = ${other} AND p.category = ${post.category}
        AND p.enterprise_id <> ${post.enterprise_id} AND (p.valid_until IS NULL OR p.valid_until >= ${today}::date)
      ORDER BY score DESC, p.created_at DESC, p.id LIMIT 20
    )
    SELECT ${postColumns},
      ARRAY(SELECT unnest(p.words) INTERSECT SELECT unnest(${sql.param(post.words)}::text[])) AS common_words,
      (ARRAY['far', 'province', 'city', 'district', 'street'])[b.nearness + 1] AS proximity,
      b.score::int AS score
    FROM best b JOIN aid_posts p ON p.id = b.id JOIN enterprises e ON e.id = p.enterprise_id
    ORDER BY b.score DESC, b.created_at DESC, b.id`);
  return rows;
}

export interface MatchRow extends Record<string, unknown> {
  id: string;
  supply_id: string;
  demand_id: string;
  state: AidMatchState;
  brokered_by: string | null;
  supply_accepted_at: Date | null;
  demand_accepted_at: Date | null;
  quantity_delivered: string | null;
  delivered_on: string | null;
  version: number;
  supply_enterprise_id: string;
  demand_enterprise_id: string;
}

export async function findMatch(
  db: DbOrTx,
  actor: Actor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<MatchRow | undefined> {
  const { rows } =
    await db.execute<MatchRow>(sql`SELECT m.id, m.supply_id, m.demand_id, m.state, m.brokered_by,
      m.supply_accepted_at, m.demand_accepted_at, m.quantity_delivered::text AS quantity_delivered,
      m.delivered_on::text AS delivered_on, m.version, s.enterprise_id AS supply_enterprise_id,
      d.enterprise_id AS demand_enterprise_id
    FROM aid_matches m JOIN aid_posts s ON s.id = m.supply_id JOIN aid_posts d ON d.id = m.demand_id
    WHERE m.id = ${id} AND ${aidMatchReadScope(actor)} ${options.forUpdate ? sql`FOR UPDATE OF m` : sql``}`);
  return rows[0];
}

/** The matches the caller may read, newest first (at most 200). */
export async function listMatches(db: DbOrTx, actor: Actor): Promise<MatchRow[]> {
  const { rows } =
    await db.execute<MatchRow>(sql`SELECT m.id, m.supply_id, m.demand_id, m.state, m.brokered_by,
      m.supply_accepted_at, m.demand_accepted_at, m.quantity_delivered::text AS quantity_delivered,
      m.delivered_on::text AS delivered_on, m.version, s.enterprise_id AS supply_enterprise_id,
      d.enterprise_id AS demand_enterprise_id
    FROM aid_matches m JOIN aid_posts s ON s.id = m.supply_id JOIN aid_posts d ON d.id = m.demand_id
    WHERE ${aidMatchReadScope(actor)} ORDER BY m.created_at DESC, m.id LIMIT 200`);
  return rows;
}

/** A post by id whatever the caller's scope (a match shows both of its posts to whoever sees the match). */
export async function postById(db: DbOrTx, id: string): Promise<PostRow> {
  const { rows } = await db.execute<PostRow>(sql`SELECT ${postColumns}
    FROM aid_posts p JOIN enterprises e ON e.id = p.enterprise_id WHERE p.id = ${id}`);
  return rows[0]!;
}

/** The enterprise's contact for a match: its primary contact person, else its first. */
export async function contactOf(
  db: DbOrTx,
  enterpriseId: string,
): Promise<{ name: string; mobile: string | null } | null> {
  const { rows } = await db.execute<{ name: string; mobile: string | null }>(sql`SELECT name, mobile
    FROM enterprise_contacts WHERE enterprise_id = ${enterpriseId} ORDER BY is_primary DESC, sort, id LIMIT 1`);
  return rows[0] ?? null;
}

export interface CategoryFactRow extends Record<string, unknown> {
  kind: 'post' | 'match' | 'fulfilled' | 'helped';
  /** NULL on the row of enterprises helped across all categories. */
  category: AidCategory | null;
  side: AidSide | null;
  unit: string | null;
  n: number;
  quantity: string | null;
}

/**
 * The facts behind mutual aid's figures by category, of a subtree in a period (Beijing days): posts by side
 * and unit with their quantities (by date posted), matches brokered for its needs (by date brokered), those
 * fulfilled with the quantity delivered in the demand's unit (by date delivered), and the enterprises whose
 * needs were fulfilled — by category and, once, over all categories.
 */
export async function aidCategoryFacts(
  db: DbOrTx,
  unitPath: string,
  period: { from: string; to: string },
): Promise<CategoryFactRow[]> {
  const during = (
    column: SQL,
  ) => sql`${column} >= (${period.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
    AND ${column} < ((${period.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
  const units = sql`ARRAY(SELECT id FROM org_units WHERE path LIKE ${escapeLike(unitPath) + '%'})`;
  const fulfilled = sql`aid_matches m JOIN aid_posts d ON d.id = m.demand_id
    WHERE m.org_unit_id = ANY (${units}) AND m.state = 'fulfilled'
      AND m.delivered_on BETWEEN ${period.from}::date AND ${period.to}::date`;
  const { rows } = await db.execute<CategoryFactRow>(sql`
    SELECT 'post' AS kind, p.category, p.side, p.unit, count(*)::int AS n, sum(p.quantity)::text AS quantity
      FROM aid_posts p WHERE p.org_unit_id = ANY (${units}) AND ${during(sql`p.created_at`)}
      GROUP BY p.category, p.side, p.unit
    UNION ALL
    SELECT 'match', d.category, NULL, NULL, count(*)::int, NULL
      FROM aid_matches m JOIN aid_posts d ON d.id = m.demand_id
      WHERE m.org_unit_id = ANY (${units}) AND ${during(sql`m.created_at`)}
      GROUP BY d.category
    UNION ALL
    SELECT 'fulfilled', d.category, NULL, d.unit, count(*)::int, sum(m.quantity_delivered)::text
      FROM ${fulfilled} GROUP BY d.category, d.unit
    UNION ALL
    SELECT 'helped', d.category, NULL, NULL, count(DISTINCT d.enterprise_id)::int, NULL
      FROM ${fulfilled} GROUP BY GROUPING SETS ((d.category), ())`);
  return rows;
}
