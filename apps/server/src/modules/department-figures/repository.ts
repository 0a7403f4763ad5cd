// Queries of 本部门办理情况 department figures: the forwards to the caller's department(s), counted by state;
// what is overdue is decided by modules/appeals/overdue.ts at the moment asked (as the liaison's inbox and
// every list decide it), not by the scheduler's marks.
import { sql } from 'drizzle-orm';
import type { DepartmentFigures } from '@qinqing/shared';
import type { Actor } from '../../core/auth/sessions.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { forwardOverdueSql, resolutionOverdueSql, responseOverdueSql } from '../appeals/overdue.ts';

/** The departments at or under the caller's org unit, each with its forwards counted (one query). */
export async function departmentFiguresOf(
  db: DbOrTx,
  actor: Pick<Actor, 'orgPath'>,
  now: Date,
): Promise<DepartmentFigures['departments']> {
  const result = await db.execute<DepartmentFigures['departments'][number]>(sql`
    SELECT d.id, d.name,
           count(f.id)::int AS forwarded,
           (count(f.id) FILTER (WHERE f.state IN ('pending', 'accepted')))::int AS open,
           (count(f.id) FILTER (WHERE f.state = 'resolved'))::int AS resolved,
           (count(f.id) FILTER (WHERE f.state = 'returned'))::int AS returned,
           (count(f.id) FILTER (WHERE f.state = 'unsolvable'))::int AS unsolvable,
           (count(f.id) FILTER (WHERE ${responseOverdueSql('f', now)}))::int AS "responseOverdue",
           (count(f.id) FILTER (WHERE ${resolutionOverdueSql('f', now)}))::int AS "resolveOverdue",
           (count(f.id) FILTER (WHERE ${forwardOverdueSql('f', now)}))::int AS "overdue"
      FROM org_units d
      LEFT JOIN appeal_forwards f ON f.department_id = d.id
     WHERE d.path LIKE ${actor.orgPath + '%'} AND d.kind = 'department'
     GROUP BY d.id, d.name
     ORDER BY d.name`);
  return result.rows;
}
