// 部门排名 the federation's ranking of departments (职能部门) for a period: the departments of its subtree (and
// any outside it that received its forwards), each with its forwards' counters as the figures by department
// count them, ranked fairly by each rate (dashboard/fairness.ts). One source of the measures registry: the
// dashboard's ranking reads it for the federation it shows, and a department's own figures
// (modules/own-figures) read the same source for the department's federation — so a liaison's rates and
// place are the federation's, number for number.
import type { DashboardRate } from '@qinqing/shared';
import type { MeasureSource } from '../../core/measures/registry.ts';
import { sideBySide, type DbOrTx } from '../../db/connection.ts';
import { rankDepartments, type Ranked, type RankInput } from '../dashboard/fairness.ts';
import { COUNTERS, departmentsInScope, unitNames, type Counters, type Scope } from './repository.ts';
import { departmentBreakdown } from './service.ts';

export interface RankedDepartment extends RankInput {
  counters: Counters;
}

export interface DepartmentRankingData {
  overall: Record<DashboardRate, number | null>;
  ranked: Ranked<RankedDepartment>[];
}

const zero = (): Counters => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counters;

/** The departments in scope (and any outside it that received forwards), ranked fairly (fairness.ts). */
export async function departmentRanking(
  db: DbOrTx,
  scope: Scope,
  period: { from: string; to: string },
): Promise<DepartmentRankingData> {
  const [counters, inScope] = await sideBySide(db, [
    () => departmentBreakdown(db, scope, period),
    () => departmentsInScope(db, scope),
  ]);
  const listed = new Set(inScope.map((d) => d.id));
  const others = await unitNames(
    db,
    [...counters.keys()].filter((id) => !listed.has(id)),
  );
  const departments = [...inScope, ...[...others].map(([id, name]) => ({ id, name }))].map((d) => {
    const c = counters.get(d.id) ?? zero();
    return {
      ...d,
      counters: c,
      volume: c.forwarded,
      samples: {
        satisfaction: { successes: c.satisfied + c.basicallySatisfied, trials: c.rated },
        resolution: { successes: c.resolved, trials: c.valid },
        response: { successes: c.respondedOnTime, trials: c.responded + c.responseOverdue },
        onTime: { successes: c.closedOnTime, trials: c.closedOnTime + c.closedLate + c.openOverdue },
      },
    };
  });
  return rankDepartments(departments);
}

/** The ranking of the evaluated unit's departments (the unit being a federation: district, city…). */
export const departmentRankingSource: MeasureSource<DepartmentRankingData> = {
  name: 'appeals.departmentRanking',
  compute: ({ db, ask }) => departmentRanking(db, { orgPath: ask.unit.path }, ask.period),
};
