// How a 走访 visit and a 走访计划 visit plan are shown: ids resolved to the names people read.
import type { VisitPlanSummary, VisitPlanView, VisitView } from '@qinqing/shared';
import type { AssignmentRow, VisitPlanRow, VisitRow } from './repository.ts';

export interface Names {
  users: Map<string, string>;
  units: Map<string, string>;
}

/** The accounts and org units a set of visits mentions, for one name lookup per page. */
export function idsMentioned(rows: readonly VisitRow[]): { userIds: string[]; unitIds: string[] } {
  return {
    userIds: [...new Set(rows.flatMap((row) => row.visitorIds))],
    unitIds: [...new Set(rows.flatMap((row) => row.departmentIds))],
  };
}

export function presentVisit(row: VisitRow, names: Names): VisitView {
  return {
    id: row.id,
    enterpriseId: row.enterpriseId,
    enterpriseName: row.enterpriseName,
    orgUnitId: row.orgUnitId,
    orgUnitName: row.orgUnitName,
    planId: row.planId,
    planName: row.planName,
    kind: row.kind,
    status: row.status,
    plannedOn: row.plannedOn,
    visitedOn: row.visitedOn,
    visitors: row.visitorIds.map((id) => ({ id, name: names.users.get(id) ?? '' })),
    leaderNames: row.leaderNames,
    departments: row.departmentIds.map((id) => ({ id, name: names.units.get(id) ?? '' })),
    brought: row.brought,
    notes: row.notes,
    createdBy: row.createdBy,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentPlanSummary(
  row: VisitPlanRow,
  progress: { done: number; total: number } | undefined,
): VisitPlanSummary {
  return {
    id: row.id,
    orgUnitId: row.orgUnitId,
    orgUnitName: row.orgUnitName,
    name: row.name,
    kind: row.kind,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    notes: row.notes,
    progress: progress ?? { done: 0, total: 0 },
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentPlan(row: VisitPlanRow, assignments: readonly AssignmentRow[]): VisitPlanView {
  const byAssignee = new Map<string, VisitPlanView['byAssignee'][number]>();
  for (const a of assignments) {
    const entry = byAssignee.get(a.assigneeId) ?? {
      assigneeId: a.assigneeId,
      assigneeName: a.assigneeName,
      done: 0,
      total: 0,
    };
    entry.total += 1;
    if (a.visitId) entry.done += 1;
    byAssignee.set(a.assigneeId, entry);
  }
  const done = assignments.filter((a) => a.visitId).length;
  return {
    ...presentPlanSummary(row, { done, total: assignments.length }),
    assignments: [...assignments],
    byAssignee: [...byAssignee.values()],
  };
}
