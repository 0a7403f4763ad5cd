// Queries of 服务包 service packages: packages within a scope the caller passes (core/access/package-scope.ts),
// their items, holders and the counts behind the figures. A hand-out is one INSERT … SELECT whatever the
// number of enterprises; dates are read as text so nothing passes through a time zone.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';

export interface PackageRow extends Record<string, unknown> {
  id: string;
  org_unit_id: string;
  org_unit_name: string;
  name: string;
  description: string | null;
  state: string;
  published_at: string | null;
  version: number;
  item_count: number;
  holder_count: number;
}

/** `holders`: the holdings counted (alias h), as the caller may see them. */
const columns = (holders: SQL) => sql`sp.id, sp.org_unit_id, u.name AS org_unit_name, sp.name, sp.description,
  sp.state, to_char(sp.published_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS+08:00') AS published_at,
  sp.version,
  (SELECT count(*)::int FROM service_package_items i WHERE i.package_id = sp.id) AS item_count,
  (SELECT count(*)::int FROM service_package_holders h WHERE h.package_id = sp.id AND ${holders}) AS holder_count`;

export async function findPackage(
  db: DbOrTx,
  scope: SQL,
  holders: SQL,
  id: string,
  options: { lock?: boolean } = {},
): Promise<PackageRow | undefined> {
  const { rows } = await db.execute<PackageRow>(
    sql`SELECT ${columns(holders)} FROM service_packages sp JOIN org_units u ON u.id = sp.org_unit_id
         WHERE sp.id = ${id} AND ${scope} ${options.lock ? sql`FOR UPDATE OF sp` : sql``}`,
  );
  return rows[0];
}

export async function listPackages(
  db: DbOrTx,
  where: SQL,
  holders: SQL,
  page: { limit: number; offset: number },
): Promise<{ rows: PackageRow[]; total: number }> {
  const { rows } = await db.execute<PackageRow>(
    sql`SELECT ${columns(holders)} FROM service_packages sp JOIN org_units u ON u.id = sp.org_unit_id
         WHERE ${where} ORDER BY sp.state = 'closed', sp.created_at DESC, sp.id
         LIMIT ${page.limit} OFFSET ${page.offset}`,
  );
  const { rows: count } = await db.execute<{ total: number }>(
    sql`SELECT count(*)::int AS total FROM service_packages sp WHERE ${where}`,
  );
  return { rows, total: count[0]?.total ?? 0 };
}

export interface ItemRow extends Record<string, unknown> {
  package_id: string;
  position: number;
  policy_id: string | null;
  policy_title: string | null;
  policy_state: string | null;
  service: string | null;
}

export async function itemsOf(db: DbOrTx, packageIds: readonly string[]): Promise<ItemRow[]> {
  if (packageIds.length === 0) return [];
  const { rows } = await db.execute<ItemRow>(
    sql`SELECT i.package_id, i.position, i.policy_id, p.title AS policy_title, p.state AS policy_state, i.service
          FROM service_package_items i LEFT JOIN policies p ON p.id = i.policy_id
         WHERE i.package_id = ANY (${sql.param([...packageIds])}::uuid[])
         ORDER BY i.package_id, i.position`,
  );
  return rows;
}

export interface ItemWrite {
  policyId: string | null;
  service: string | null;
}

export async function insertPackage(
  db: DbOrTx,
  values: { orgUnitId: string; name: string; description: string | null; createdBy: string; now: Date },
): Promise<string> {
  const { rows } = await db.execute<{ id: string }>(
    sql`INSERT INTO service_packages (org_unit_id, name, description, created_by, created_at, updated_at)
        VALUES (${values.orgUnitId}, ${values.name}, ${values.description}, ${values.createdBy}, ${values.now}, ${values.now})
        RETURNING id`,
  );
  return rows[0]!.id;
}

export async function updatePackageRow(
  db: DbOrTx,
  id: string,
  version: number,
  values: { name: string; description: string | null },
  now: Date,
): Promise<boolean> {
  const { rowCount } = await db.execute(
    sql`UPDATE service_packages SET name = ${values.name}, description = ${values.description},
          version = version + 1, updated_at = ${now}
        WHERE id = ${id} AND version = ${version}`,
  );
  return (rowCount ?? 0) > 0;
}

/** The package's items, replaced as a whole in the given order (positions from 1). */
export async function replaceItems(
  db: DbOrTx,
  packageId: string,
  items: readonly ItemWrite[],
): Promise<void> {
  await db.execute(sql`DELETE FROM service_package_items WHERE package_id = ${packageId}`);
  if (items.length === 0) return;
  await db.execute(
    sql`INSERT INTO service_package_items (package_id, position, policy_id, service)
        SELECT ${packageId}::uuid, t.ord::int, t.policy_id, t.service
          FROM unnest(${sql.param(items.map((i) => i.policyId))}::uuid[],
                      ${sql.param(items.map((i) => i.service))}::text[]) WITH ORDINALITY AS t(policy_id, service, ord)`,
  );
}

/** Of the given policy ids, those within `scope` (alias p) and out of draft. */
export async function usablePolicyIds(db: DbOrTx, scope: SQL, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await db.execute<{ id: string }>(
    sql`SELECT p.id FROM policies p WHERE p.id = ANY (${sql.param([...ids])}::uuid[]) AND p.state <> 'draft' AND ${scope}`,
  );
  return new Set(rows.map((row) => row.id));
}

/** Of the given enterprise ids, those within `audience` (over the unaliased enterprises table). */
export async function enterpriseIdsWithin(
  db: DbOrTx,
  audience: SQL,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await db.execute<{ id: string }>(
    sql`SELECT enterprises.id FROM enterprises
         WHERE enterprises.id = ANY (${sql.param([...ids])}::uuid[]) AND enterprises.merged_into_id IS NULL
           AND ${audience}`,
  );
  return new Set(rows.map((row) => row.id));
}

/** How many enterprises `target` names (over the unaliased enterprises table), and how many hold the package. */
export async function countRecipients(
  db: DbOrTx,
  packageId: string,
  target: SQL,
): Promise<{ total: number; held: number }> {
  const { rows } = await db.execute<{ total: number; held: number }>(
    sql`SELECT count(*)::int AS total,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM service_package_holders h
                                               WHERE h.package_id = ${packageId} AND h.enterprise_id = enterprises.id))::int AS held
          FROM enterprises WHERE enterprises.merged_into_id IS NULL AND ${target}`,
  );
  return rows[0]!;
}

export interface HandOutWrite {
  packageId: string;
  target: SQL;
  handedOn: string;
  handedBy: string;
  visitId: string | null;
  note: string | null;
  now: Date;
}

/**
 * Hands the package to every enterprise `target` names, in one statement: those already holding it are left
 * as they were. Answers how many were added, how many were named, and the first added ids (for the audit).
 */
export async function insertHolders(
  db: DbOrTx,
  write: HandOutWrite,
): Promise<{ added: number; targeted: number; sample: string[] }> {
  const { rows } = await db.execute<{ added: number; targeted: number; sample: string[] | null }>(
    sql`WITH target AS (
          SELECT enterprises.id, enterprises.org_unit_id FROM enterprises
           WHERE enterprises.merged_into_id IS NULL AND ${write.target}
        ), added AS (
          INSERT INTO service_package_holders
                 (package_id, enterprise_id, org_unit_id, handed_on, handed_by, visit_id, note, created_at)
          SELECT ${write.packageId}::uuid, target.id, target.org_unit_id, ${write.handedOn}::date,
                 ${write.handedBy}::uuid, ${write.visitId}::uuid, ${write.note}::text, ${write.now}::timestamptz
            FROM target
          ON CONFLICT (package_id, enterprise_id) DO NOTHING
          RETURNING enterprise_id
        )
        SELECT (SELECT count(*)::int FROM added) AS added, (SELECT count(*)::int FROM target) AS targeted,
               (SELECT array_agg(enterprise_id) FROM (SELECT enterprise_id FROM added LIMIT 50) s) AS sample`,
  );
  const row = rows[0]!;
  return { added: row.added, targeted: row.targeted, sample: row.sample ?? [] };
}

export async function deleteHolder(
  db: DbOrTx,
  packageId: string,
  enterpriseId: string,
  scope: SQL,
): Promise<{ enterprise_name: string; handed_on: string } | undefined> {
  const { rows } = await db.execute<{ enterprise_name: string; handed_on: string }>(
    sql`DELETE FROM service_package_holders h USING enterprises e
         WHERE h.package_id = ${packageId} AND h.enterprise_id = ${enterpriseId} AND e.id = h.enterprise_id
           AND ${scope}
        RETURNING e.name AS enterprise_name, h.handed_on::text AS handed_on`,
  );
  return rows[0];
}

export interface HolderRow extends Record<string, unknown> {
  enterprise_id: string;
  enterprise_name: string;
  uscc: string | null;
  org_unit_id: string;
  org_unit_name: string;
  handed_on: string;
  handed_by: string | null;
  handed_by_name: string | null;
  visit_id: string | null;
  note: string | null;
}

const HOLDER_COLUMNS = sql`h.enterprise_id, e.name AS enterprise_name, e.uscc, h.org_unit_id,
  u.name AS org_unit_name, h.handed_on::text AS handed_on, h.handed_by, us.display_name AS handed_by_name,
  h.visit_id, h.note`;

export async function listHolders(
  db: DbOrTx,
  packageId: string,
  scope: SQL,
  page: { limit: number; offset: number },
): Promise<{ rows: HolderRow[]; total: number }> {
  const { rows } = await db.execute<HolderRow>(
    sql`SELECT ${HOLDER_COLUMNS}
          FROM service_package_holders h JOIN enterprises e ON e.id = h.enterprise_id
          JOIN org_units u ON u.id = h.org_unit_id LEFT JOIN users us ON us.id = h.handed_by
         WHERE h.package_id = ${packageId} AND ${scope}
         ORDER BY h.handed_on DESC, e.name, h.enterprise_id LIMIT ${page.limit} OFFSET ${page.offset}`,
  );
  const { rows: count } = await db.execute<{ total: number }>(
    sql`SELECT count(*)::int AS total FROM service_package_holders h WHERE h.package_id = ${packageId} AND ${scope}`,
  );
  return { rows, total: count[0]?.total ?? 0 };
}

/** The packages an enterprise holds, out of draft, newest hand-out first. */
export async function heldBy(
  db: DbOrTx,
  enterpriseId: string,
): Promise<(PackageRow & { handed_on: string })[]> {
  const { rows } = await db.execute<PackageRow & { handed_on: string }>(
    sql`SELECT ${columns(sql`false`)}, h.handed_on::text AS handed_on
          FROM service_package_holders h JOIN service_packages sp ON sp.id = h.package_id
          JOIN org_units u ON u.id = sp.org_unit_id
         WHERE h.enterprise_id = ${enterpriseId} AND sp.state <> 'draft'
         ORDER BY h.handed_on DESC, sp.name`,
  );
  return rows;
}

export interface HoldingCounts {
  /** Enterprises holding at least one package handed in the period. */
  enterprises: number;
  /** Holdings (package × enterprise) handed in the period. */
  handedOut: number;
}

/**
 * The holdings of a subtree (by the unit the enterprise had when handed) in a period, in total and grouped
 * by package or by the subtree's units directly below its root (each counting its own subtree): the one
 * count the measures, the stats page and the ledger read.
 */
export async function holdingCounts(
  db: DbOrTx,
  unit: { path: string },
  period: { from: string; to: string },
  groupBy?: 'package' | 'orgUnit',
  extra: SQL = sql`true`,
): Promise<HoldingCounts & { groups: (HoldingCounts & { key: string; name: string })[] }> {
  const base = sql`FROM service_package_holders h JOIN org_units hu ON hu.id = h.org_unit_id
    WHERE hu.path LIKE ${unit.path + '%'} AND h.handed_on BETWEEN ${period.from}::date AND ${period.to}::date
      AND ${extra}`;
  const { rows } = await db.execute<HoldingCounts & Record<string, unknown>>(
    sql`SELECT count(DISTINCT h.enterprise_id)::int AS enterprises, count(*)::int AS "handedOut" ${base}`,
  );
  let groups: (HoldingCounts & { key: string; name: string })[] = [];
  if (groupBy === 'package') {
    const result = await db.execute<HoldingCounts & { key: string; name: string } & Record<string, unknown>>(
      sql`SELECT sp.id AS key, sp.name, count(DISTINCT h.enterprise_id)::int AS enterprises,
                 count(*)::int AS "handedOut"
            FROM (SELECT h.* ${base}) h JOIN service_packages sp ON sp.id = h.package_id
           GROUP BY sp.id, sp.name ORDER BY count(*) DESC, sp.name`,
    );
    groups = result.rows;
  } else if (groupBy === 'orgUnit') {
    // Each unit directly below the root counts its own subtree; the root's own holdings are its own row.
    const result = await db.execute<HoldingCounts & { key: string; name: string } & Record<string, unknown>>(
      sql`SELECT c.id AS key, c.name, count(DISTINCT h.enterprise_id)::int AS enterprises,
                 count(h.enterprise_id)::int AS "handedOut"
            FROM org_units c
            LEFT JOIN (SELECT h.enterprise_id, hu.path ${base}) h
              ON CASE WHEN c.path = ${unit.path} THEN h.path = c.path ELSE h.path LIKE c.path || '%' END
           WHERE c.path = ${unit.path}
              OR (c.path LIKE ${unit.path + '%'} AND c.path ~ ${`^${escapeRegex(unit.path)}[^/]+/$`})
           GROUP BY c.id, c.name, c.path
          HAVING count(h.enterprise_id) > 0
           ORDER BY count(h.enterprise_id) DESC, c.name`,
    );
    groups = result.rows;
  }
  return { ...rows[0]!, groups };
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
