// Queries of 本单位工作情况 own figures: the unit asked for (a department or a chamber in the caller's subtree),
// the federation (工商联) it belongs to, and the visits to a chamber's active members.
import { sql } from 'drizzle-orm';
import type { OrgUnitKind } from '@qinqing/shared';
import type { DbOrTx } from '../../db/connection.ts';
import { aggregateRows } from '../../db/aggregate.ts';

/** The federation levels: what ranks departments and counts chambers' figures. */
const FEDERATION_KINDS = ['province', 'city', 'district', 'street'];

export interface UnitWithFederation {
  kind: OrgUnitKind;
  /** The nearest federation above the unit (its own, for a department or chamber), null at the root. */
  federation: { id: string; name: string; path: string } | null;
}

/** A unit's kind and the nearest federation unit above it (one query). */
export async function unitWithFederation(
  db: DbOrTx,
  unitId: string,
): Promise<UnitWithFederation | undefined> {
  const { rows } = await db.execute<{
    kind: OrgUnitKind;
    federation_id: string | null;
    federation_name: string | null;
    federation_path: string | null;
  }>(sql`
    SELECT u.kind, f.id AS federation_id, f.name AS federation_name, f.path AS federation_path
      FROM org_units u
      LEFT JOIN LATERAL (
        SELECT a.id, a.name, a.path FROM org_units a
         WHERE starts_with(u.path, a.path) AND a.id <> u.id
           AND a.kind IN (${sql.join(
             FEDERATION_KINDS.map((kind) => sql`${kind}`),
             sql`, `,
           )})
         ORDER BY a.depth DESC LIMIT 1) f ON true
     WHERE u.id = ${unitId}`);
  const row = rows[0];
  if (!row) return undefined;
  return {
    kind: row.kind,
    federation:
      row.federation_id === null
        ? null
        : { id: row.federation_id, name: row.federation_name ?? '', path: row.federation_path ?? '' },
  };
}

export interface ChamberVisits {
  /** Done visits in the period to the chamber's active members. */
  visits: number;
  /** The chamber's active members with a done visit in the period. */
  visitedMembers: number;
}

/**
 * Done visits in the period to the chamber's active members (商会在册会员, as chambers.activeMembers counts
 * them: a membership held, not a merged duplicate, membership status 正常), by anyone, and how many of those
 * members they reached.
 */
export async function chamberVisits(
  db: DbOrTx,
  chamberId: string,
  period: { from: string; to: string },
): Promise<ChamberVisits> {
  const [row] = await aggregateRows<{ visits: number; visited: number }>(
    db,
    sql`SELECT count(v.id)::int AS visits, count(DISTINCT v.enterprise_id)::int AS visited
      FROM chamber_memberships cm
      JOIN enterprises e ON e.id = cm.enterprise_id
      JOIN visits v ON v.enterprise_id = e.id
     WHERE cm.chamber_id = ${chamberId}
       AND e.merged_into_id IS NULL AND e.membership_status = 'active'
       AND v.status = 'done' AND v.visited_on BETWEEN ${period.from}::date AND ${period.to}::date`,
  );
  return { visits: row?.visits ?? 0, visitedMembers: row?.visited ?? 0 };
}
