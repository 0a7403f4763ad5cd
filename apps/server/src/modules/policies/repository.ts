// Queries of the policy service: policies within a scope the caller passes (core/access/policy-scope.ts),
// matching over the registry, pushes and their recipients, reads, marks, questions and redemptions.
// Dates are read as text and money as text (fen), so nothing passes through a float or a time zone.
import type { PolicyCondition } from '@qinqing/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { conditionSql, isStructured, type EnterpriseFacts } from './conditions.ts';

export interface PolicyRow extends Record<string, unknown> {
  id: string;
  org_unit_id: string;
  org_unit_name: string;
  reach_path: string;
  title: string;
  document_number: string | null;
  issuer_unit_id: string | null;
  issuer_name: string;
  level: string;
  benefit_kind: string;
  summary: string;
  full_text: string | null;
  published_on: string | null;
  effective_on: string;
  expires_on: string | null;
  redemption: string;
  application_opens_on: string | null;
  application_closes_on: string | null;
  amount_min_fen: string | null;
  amount_max_fen: string | null;
  contact: string | null;
  tags: string[];
  conditions: PolicyCondition[];
  state: string;
  version: number;
}

const COLUMNS = sql`p.id, p.org_unit_id, u.name AS org_unit_name, p.reach_path, p.title, p.document_number,
  p.issuer_unit_id, p.issuer_name, p.level, p.benefit_kind, p.summary, p.published_on::text AS published_on,
  p.effective_on::text AS effective_on, p.expires_on::text AS expires_on, p.redemption,
  p.application_opens_on::text AS application_opens_on, p.application_closes_on::text AS application_closes_on,
  p.amount_min_fen::text AS amount_min_fen, p.amount_max_fen::text AS amount_max_fen, p.contact, p.tags,
  p.conditions, p.state, p.version`;

export async function findPolicy(
  db: DbOrTx,
  scope: SQL,
  id: string,
  options: { lock?: boolean; fullText?: boolean } = {},
): Promise<PolicyRow | undefined> {
  const { rows } = await db.execute<PolicyRow>(
    sql`SELECT ${COLUMNS}, ${options.fullText ? sql`p.full_text` : sql`NULL::text AS full_text`}
          FROM policies p JOIN org_units u ON u.id = p.org_unit_id
         WHERE p.id = ${id} AND ${scope} ${options.lock ? sql`FOR UPDATE OF p` : sql``}`,
  );
  return rows[0];
}

export async function listPolicies(
  db: DbOrTx,
  where: SQL,
  order: SQL,
  page: { limit: number; offset: number },
): Promise<{ rows: PolicyRow[]; total: number }> {
  const [{ rows }, { rows: count }] = [
    await db.execute<PolicyRow>(
      sql`SELECT ${COLUMNS}, NULL::text AS full_text FROM policies p JOIN org_units u ON u.id = p.org_unit_id
           WHERE ${where} ORDER BY ${order} LIMIT ${page.limit} OFFSET ${page.offset}`,
    ),
    await db.execute<{ total: number }>(sql`SELECT count(*)::int AS total FROM policies p WHERE ${where}`),
  ];
  return { rows, total: count[0]?.total ?? 0 };
}

export interface PolicyWrite {
  orgUnitId: string;
  reachPath: string;
  title: string;
  documentNumber: string | null;
  issuerUnitId: string | null;
  issuerName: string;
  level: string;
  benefitKind: string;
  summary: string;
  fullText: string | null;
  publishedOn: string | null;
  effectiveOn: string;
  expiresOn: string | null;
  redemption: string;
  applicationOpensOn: string | null;
  applicationClosesOn: string | null;
  amountMinFen: bigint | null;
  amountMaxFen: bigint | null;
  contact: string | null;
  tags: string[];
  conditions: PolicyCondition[];
  searchText: string;
  searchBigrams: string[];
  titlePinyin: string;
  titleInitials: string;
}

const fen = (value: bigint | null) => (value === null ? null : value.toString());

export async function insertPolicy(
  db: DbOrTx,
  values: PolicyWrite & { createdBy: string; now: Date },
): Promise<string> {
  const { rows } = await db.execute<{ id: string }>(
    sql`INSERT INTO policies (org_unit_id, reach_path, title, document_number, issuer_unit_id, issuer_name, level,
          benefit_kind, summary, full_text, published_on, effective_on, expires_on, redemption, application_opens_on,
          application_closes_on, amount_min_fen, amount_max_fen, contact, tags, conditions, search_text,
          search_bigrams, title_pinyin, title_initials, created_by, created_at, updated_at)
        VALUES (${values.orgUnitId}, ${values.reachPath}, ${values.title}, ${values.documentNumber},
          ${values.issuerUnitId}, ${values.issuerName}, ${values.level}, ${values.benefitKind}, ${values.summary},
          ${values.fullText}, ${values.publishedOn}, ${values.effectiveOn}, ${values.expiresOn},
          ${values.redemption}, ${values.applicationOpensOn}, ${values.applicationClosesOn},
          ${fen(values.amountMinFen)}, ${fen(values.amountMaxFen)}, ${values.contact},
          ${sql.param(values.tags)}::text[], ${JSON.stringify(values.conditions)}::jsonb, ${values.searchText},
          ${sql.param(values.searchBigrams)}::text[], ${values.titlePinyin}, ${values.titleInitials},
          ${values.createdBy}, ${values.now}, ${values.now})
        RETURNING id`,
  );
  return rows[0]!.id;
}

/** Writes every field with the version raised, only where it is still `version`. */
export async function updatePolicy(
  db: DbOrTx,
  id: string,
  version: number,
  values: Omit<PolicyWrite, 'orgUnitId' | 'reachPath'>,
  now: Date,
): Promise<boolean> {
  const { rowCount } = await db.execute(
    sql`UPDATE policies SET title = ${values.title}, document_number = ${values.documentNumber},
          issuer_unit_id = ${values.issuerUnitId}, issuer_name = ${values.issuerName}, level = ${values.level},
          benefit_kind = ${values.benefitKind}, summary = ${values.summary}, full_text = ${values.fullText},
          published_on = ${values.publishedOn}, effective_on = ${values.effectiveOn},
          expires_on = ${values.expiresOn}, redemption = ${values.redemption},
          application_opens_on = ${values.applicationOpensOn},
          application_closes_on = ${values.applicationClosesOn},
          amount_min_fen = ${fen(values.amountMinFen)}, amount_max_fen = ${fen(values.amountMaxFen)},
          contact = ${values.contact}, tags = ${sql.param(values.tags)}::text[],
          conditions = ${JSON.stringify(values.conditions)}::jsonb, search_text = ${values.searchText},
          search_bigrams = ${sql.param(values.searchBigrams)}::text[], title_pinyin = ${values.titlePinyin},
          title_initials = ${values.titleInitials}, version = version + 1, updated_at = ${now}
        WHERE id = ${id} AND version = ${version}`,
  );
  return (rowCount ?? 0) > 0;
}

export async function fullTextOf(db: DbOrTx, id: string): Promise<string | null> {
  const { rows } = await db.execute<{ full_text: string | null }>(
    sql`SELECT full_text FROM policies WHERE id = ${id}`,
  );
  return rows[0]?.full_text ?? null;
}

// Matching -------------------------------------------------------------------------------------------------

/** Per enterprise: how many structured conditions it fails, and the index of the first one. */
export function failureColumns(conditions: readonly PolicyCondition[]): { failed: SQL; first: SQL } {
  const structured = conditions.filter(isStructured);
  if (structured.length === 0) return { failed: sql`0`, first: sql`NULL::int` };
  const misses = structured.map((condition) => sql`(NOT ${conditionSql(condition)})::int`);
  const cases = structured.map(
    (condition, index) => sql`WHEN NOT ${conditionSql(condition)} THEN ${index}::int`,
  );
  return { failed: sql.join(misses, sql` + `), first: sql`CASE ${sql.join(cases, sql` `)} END` };
}

/** The enterprises under `path` (live, not merged away) the audience allows (`e`, `u`). */
const candidates = (path: string, audience: SQL) =>
  sql`enterprises e JOIN org_units u ON u.id = e.org_unit_id
      WHERE u.path LIKE ${path + '%'} AND e.merged_into_id IS NULL AND ${audience}`;

export interface MatchCounts {
  total: number;
  nearMissTotal: number;
}

/** How many enterprises meet every structured condition, and how many all but one. */
export async function matchCounts(
  db: DbOrTx,
  conditions: readonly PolicyCondition[],
  path: string,
  audience: SQL,
): Promise<MatchCounts> {
  const { failed } = failureColumns(conditions);
  const { rows } = await db.execute<{ total: number; near: number }>(
    sql`SELECT count(*) FILTER (WHERE failed = 0)::int AS total, count(*) FILTER (WHERE failed = 1)::int AS near
          FROM (SELECT ${failed} AS failed FROM ${candidates(path, audience)}) m`,
  );
  return { total: rows[0]?.total ?? 0, nearMissTotal: rows[0]?.near ?? 0 };
}

/** One enterprise of a match page: `first` is the index of the condition a near miss fails. */
export interface MatchRow extends Record<string, unknown> {
  id: string;
  name: string;
  uscc: string;
  first: number | null;
}

/** A page of matched enterprises (failed = 0) or near misses (failed = 1, with the one they fail). */
export async function matchPage(
  db: DbOrTx,
  conditions: readonly PolicyCondition[],
  path: string,
  audience: SQL,
  want: 0 | 1,
  limit: number,
): Promise<MatchRow[]> {
  const { failed, first } = failureColumns(conditions);
  const { rows } = await db.execute<MatchRow>(
    sql`SELECT id, name, uscc, first FROM (
          SELECT e.id, e.name, e.uscc, e.sort_key, ${failed} AS failed, ${first} AS first
            FROM ${candidates(path, audience)}) m
         WHERE failed = ${want} ORDER BY sort_key, id LIMIT ${limit}`,
  );
  return rows;
}

/** The ids of every matched enterprise (for a push), in a stable order. */
export async function matchedIds(
  db: DbOrTx,
  conditions: readonly PolicyCondition[],
  path: string,
  audience: SQL,
): Promise<string[]> {
  const { rows } = await db.execute<{ id: string }>(
    sql`${matchedIdsQuery(conditions, path, audience)} ORDER BY id`,
  );
  return rows.map((row) => row.id);
}

/** The ids of the matched enterprises as a query (a column `id`, unordered), for a statement to build on. */
export function matchedIdsQuery(conditions: readonly PolicyCondition[], path: string, audience: SQL): SQL {
  const { failed } = failureColumns(conditions);
  return sql`SELECT id FROM (SELECT e.id, ${failed} AS failed FROM ${candidates(path, audience)}) m WHERE failed = 0`;
}

/** Matched enterprises counted by their street (their own unit) and by chamber. */
export async function matchBreakdown(
  db: DbOrTx,
  conditions: readonly PolicyCondition[],
  path: string,
  audience: SQL,
): Promise<{
  byStreet: { orgUnitId: string; name: string; count: number }[];
  byChamber: { chamberId: string; name: string; count: number }[];
}> {
  const { failed } = failureColumns(conditions);
  const matched = sql`(SELECT e.id, e.org_unit_id FROM ${candidates(path, audience)} AND ${failed} = 0)`;
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

/** What the matcher knows of each enterprise, in one query. */
export async function enterpriseFacts(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, EnterpriseFacts & { orgPath: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.execute<{
    id: string;
    name: string;
    org_path: string;
    industry_code: string | null;
    size: string | null;
    division_code: string | null;
    tags: string[];
    founded_on: string | null;
    membership_status: string;
    chambers: { id: string; name: string }[];
    has_party: boolean;
  }>(
    sql`SELECT e.id, e.name, u.path AS org_path, e.industry_code, e.size, e.division_code, e.tags,
               e.founded_on::text AS founded_on, e.membership_status,
               coalesce((SELECT json_agg(json_build_object('id', c.id, 'name', c.name))
                           FROM chamber_memberships cm JOIN org_units c ON c.id = cm.chamber_id
                          WHERE cm.enterprise_id = e.id), '[]') AS chambers,
               EXISTS (SELECT 1 FROM party_organizations po WHERE po.enterprise_id = e.id) AS has_party
          FROM enterprises e JOIN org_units u ON u.id = e.org_unit_id
         WHERE e.id = ANY (${sql.param([...ids])}::uuid[])`,
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        name: row.name,
        orgPath: row.org_path,
        industryCode: row.industry_code,
        size: row.size,
        divisionCode: row.division_code,
        tags: row.tags,
        foundedOn: row.founded_on,
        membershipStatus: row.membership_status,
        chambers: new Map(row.chambers.map((chamber) => [chamber.id, chamber.name])),
        hasPartyOrganization: row.has_party,
      },
    ]),
  );
}

export async function chamberNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.execute<{ id: string; name: string }>(
    sql`SELECT id, name FROM org_units WHERE id = ANY (${sql.param([...ids])}::uuid[])`,
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

// Reach -----------------------------------------------------------------------------------------------------

export interface ReachRow extends Record<string, unknown> {
  key: string;
  name: string;
  pushed: number;
  read: number;
  interested: number;
  applied: number;
  approved: number;
  amount_fen: string;
}

/**
 * Reach and redemption figures of pushed enterprises (`recipients`: a subquery of policy_recipients rows
 * aliased `r`), grouped by `key`/`name` expressions over `r` and `e` (the enterprise).
 */
export async function reachFigures(
  db: DbOrTx,
  recipients: SQL,
  group: { key: SQL; name: SQL; join?: SQL },
): Promise<ReachRow[]> {
  const { rows } = await db.execute<ReachRow>(
    sql`SELECT ${group.key} AS key, ${group.name} AS name, count(*)::int AS pushed,
               count(rd.policy_id)::int AS read,
               count(*) FILTER (WHERE mk.mark = 'interested')::int AS interested,
               count(*) FILTER (WHERE mk.mark = 'applying' OR rr.status IS NOT NULL)::int AS applied,
               count(*) FILTER (WHERE rr.status = 'approved')::int AS approved,
               coalesce(sum(rr.amount_fen) FILTER (WHERE rr.status = 'approved'), 0)::text AS amount_fen
          FROM ${recipients} r JOIN enterprises e ON e.id = r.enterprise_id ${group.join ?? sql``}
          LEFT JOIN policy_reads rd ON rd.policy_id = r.policy_id AND rd.enterprise_id = r.enterprise_id
          LEFT JOIN policy_marks mk ON mk.policy_id = r.policy_id AND mk.enterprise_id = r.enterprise_id
          LEFT JOIN policy_redemptions rr ON rr.policy_id = r.policy_id AND rr.enterprise_id = r.enterprise_id
               AND rr.confirmed
         GROUP BY 1, 2 ORDER BY count(*) DESC, 2 LIMIT 500`,
  );
  return rows;
}
