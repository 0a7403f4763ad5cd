// Queries behind the 工作看板 dashboard that no measure answers: the chambers of the subtree with their
// active members (the figures themselves come from the measures registry).
import { sql } from 'drizzle-orm';
import { withinScope } from '../../core/access/access.ts';
import type { Db } from '../../db/connection.ts';
import { aggregateRows } from '../../db/aggregate.ts';
import type { Scope } from '../appeal-stats/repository.ts';

export interface ChamberRow extends Record<string, unknown> {
  id: string;
  name: string;
  members: number;
}

/** The chambers and associations of the subtree with their active members, the largest first. */
export function chamberMembers(db: Db, scope: Scope, limit: number): Promise<ChamberRow[]> {
  return aggregateRows<ChamberRow>(
    db,
    sql`SELECT ou.id, ou.name, coalesce(sum(r.members) FILTER (WHERE r.status = 'active'), 0)::int AS members
      FROM org_units ou LEFT JOIN chamber_member_rollups r ON r.chamber_id = ou.id
      WHERE ou.kind IN ('chamber', 'association') AND ${withinScope(sql`ou.id`, scope)}
      GROUP BY ou.id, ou.name
      ORDER BY 3 DESC, ou.name
      LIMIT ${limit}`,
  );
}
