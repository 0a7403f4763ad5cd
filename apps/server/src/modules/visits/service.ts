// 走访 visits and 走访计划 visit plans: the rules for recording, changing and cancelling visits and for
// assigning enterprises to staff (audited in the same transaction), and visit coverage (走访覆盖率).
import {
  type CreateVisitPlanRequest,
  type AuditAction,
  type CreateVisitRequest,
  type ErrorDetail,
  type UpdateVisitPlanRequest,
  type UpdateVisitRequest,
  type VisitCoverageQuery,
  type VisitCoverageResult,
  type VisitListQuery,
  type VisitorView,
  type VisitPlanListQuery,
  type VisitPlanSummary,
  type VisitPlanView,
  type VisitStatus,
  type VisitView,
  VISITOR_ROLES,
} from '@qinqing/shared';
import { changes, type AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import type { DbOrTx, Tx } from '../../db/connection.ts';
import { searchKeysOfCached } from '../../core/search/name-match.ts';
import { handOverOnVisit } from '../service-packages/service.ts';
import { idsMentioned, presentPlan, presentPlanSummary, presentVisit } from './presenter.ts';
import {
  coverageByChamber,
  coverageByOrgUnit,
  coverageTotal,
  departmentIdsKnown,
  findPlan,
  findPlanUnit,
  findVisit,
  findVisitableEnterprise,
  insertPlan,
  insertVisit,
  listPlans,
  listVisitors as listVisitorRows,
  listVisits as listVisitRows,
  namesOf,
  planAssignments,
  planProgress,
  replaceAssignments,
  updatePlanRow,
  updateVisitRow,
  visitableEnterpriseIds,
  visitorIdsInScope,
  type CoverageCounts,
  type NewVisit,
  type VisitRow,
} from './repository.ts';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Today's date in Asia/Shanghai (no daylight saving: a fixed UTC+8), from the app's clock. */
export function shanghaiToday(ctx: AppContext): string {
  return new Date(ctx.clock.now().getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

function failIf(details: ErrorDetail[]): void {
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', details);
}

async function presentRows(db: DbOrTx, rows: VisitRow[]): Promise<VisitView[]> {
  const { userIds, unitIds } = idsMentioned(rows);
  const names = await namesOf(db, userIds, unitIds);
  return rows.map((row) => presentVisit(row, names));
}

async function loadVisit(db: DbOrTx, actor: Actor, id: string): Promise<VisitView> {
  const row = await findVisit(db, actor, id);
  if (!row) throw notFound();
  const [view] = await presentRows(db, [row]);
  return view!;
}

export async function listVisits(
  ctx: AppContext,
  actor: Actor,
  query: VisitListQuery,
): Promise<{ items: VisitView[]; total: number }> {
  const db = ctx.database.db;
  const { rows, total } = await listVisitRows(db, actor, query);
  return { items: await presentRows(db, rows), total };
}

export function getVisit(ctx: AppContext, actor: Actor, id: string): Promise<VisitView> {
  return loadVisit(ctx.database.db, actor, id);
}

export async function listVisitors(ctx: AppContext, actor: Actor): Promise<VisitorView[]> {
  const rows = await listVisitorRows(ctx.database.db, actor);
  return rows.map((row) => ({
    id: row.id,
    displayName: row.displayName,
    roles: VISITOR_ROLES.filter((role) => row.roles.includes(role)),
  }));
}

interface VisitDates {
  status: VisitStatus;
  plannedOn: string | null;
  visitedOn: string | null;
}

/** A done visit has a date that is not in the future; a planned one has a planned date and no visit date. */
function checkDates(next: VisitDates, visitedOnGiven: boolean, today: string): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  if (next.status === 'done' && !next.visitedOn) {
    details.push({ path: 'visitedOn', code: 'REQUIRED', message: '记录已完成的走访须填写走访日期' });
  }
  if (visitedOnGiven && next.visitedOn && next.visitedOn > today) {
    details.push({ path: 'visitedOn', code: 'DATE_IN_FUTURE', message: '走访日期不能晚于今天' });
  }
  if (next.status === 'planned' && !next.plannedOn) {
    details.push({ path: 'plannedOn', code: 'REQUIRED', message: '计划中的走访须填写计划日期' });
  }
  if (next.status === 'planned' && next.visitedOn) {
    details.push({
      path: 'visitedOn',
      code: 'NOT_DONE',
      message: '尚未完成的走访不填写走访日期；已走访请将状态设为 done',
    });
  }
  return details;
}

/** Visitors must be business accounts of the caller's subtree; departments, government departments. */
async function checkReferences(
  db: DbOrTx,
  actor: Actor,
  refs: { visitorIds?: string[]; departmentIds?: string[]; planId?: string | null },
): Promise<ErrorDetail[]> {
  const details: ErrorDetail[] = [];
  // One after the other: checked inside the write's transaction, on one connection.
  const visitors = await visitorIdsInScope(db, actor, refs.visitorIds ?? []);
  const departments = await departmentIdsKnown(db, refs.departmentIds ?? []);
  const plan = refs.planId ? await findPlan(db, actor, refs.planId) : undefined;
  (refs.visitorIds ?? []).forEach((id, i) => {
    if (!visitors.has(id)) {
      details.push({
        path: `visitorIds.${i}`,
        code: 'NOT_FOUND',
        message: '走访人不存在或不在您的管理范围内',
      });
    }
  });
  (refs.departmentIds ?? []).forEach((id, i) => {
    if (!departments.has(id)) {
      details.push({ path: `departmentIds.${i}`, code: 'NOT_FOUND', message: '职能部门不存在' });
    }
  });
  if (refs.planId && !plan) {
    details.push({ path: 'planId', code: 'NOT_FOUND', message: '走访计划不存在或不在您的管理范围内' });
  }
  return details;
}

export async function createVisit(
  ctx: AppContext,
  actor: Actor,
  input: CreateVisitRequest,
  audit: AuditContext,
): Promise<VisitView> {
  const dates: VisitDates = {
    status: input.status ?? (input.visitedOn ? 'done' : 'planned'),
    plannedOn: input.plannedOn ?? null,
    visitedOn: input.visitedOn ?? null,
  };
  failIf(checkDates(dates, true, shanghaiToday(ctx)));
  const visitorIds = unique(input.visitorIds ?? [actor.userId]);
  const departmentIds = unique(input.departmentIds ?? []);
  return ctx.database.db.transaction(async (tx) => {
    // An enterprise the caller may not record visits to is, to them, not there.
    const enterprise = await findVisitableEnterprise(tx, actor, input.enterpriseId);
    if (!enterprise) throw notFound();
    failIf(await checkReferences(tx, actor, { visitorIds, departmentIds, planId: input.planId }));
    const values: NewVisit = {
      enterpriseId: enterprise.id,
      orgUnitId: enterprise.orgUnitId,
      planId: input.planId ?? null,
      kind: input.kind,
      ...dates,
      visitorIds,
      leaderNames: unique(input.leaderNames ?? []),
      departmentIds,
      brought: unique(input.brought ?? []),
      notes: input.notes || null,
      createdBy: actor.userId,
      createdAt: ctx.clock.now(),
      updatedAt: ctx.clock.now(),
    };
    const id = await insertVisit(tx, values);
    await handOverPackages(ctx, tx, actor, audit, { id, enterpriseId: enterprise.id, ...dates }, input);
    await ctx.audit.record(tx, audit, {
      action: 'visit.created',
      objectType: 'visit',
      objectId: id,
      detail: {
        enterprise: { id: enterprise.id, name: enterprise.name },
        kind: values.kind,
        ...dates,
        visitorIds,
        departmentIds,
        planId: values.planId,
      },
    });
    return loadVisit(tx, actor, id);
  });
}

/** 服务包 named on a visit are handed over on it: only a done visit hands anything over. */
async function handOverPackages(
  ctx: AppContext,
  tx: Tx,
  actor: Actor,
  audit: AuditContext,
  visit: { id: string; enterpriseId: string } & VisitDates,
  input: { servicePackageIds?: string[] },
): Promise<void> {
  const packageIds = unique(input.servicePackageIds ?? []);
  if (packageIds.length === 0) return;
  if (visit.status !== 'done' || !visit.visitedOn)
    throw invalidField('servicePackageIds', 'VISIT_NOT_DONE', '只有已完成的走访才能登记送达服务包');
  await handOverOnVisit(ctx, tx, actor, audit, {
    id: visit.id,
    enterpriseId: visit.enterpriseId,
    visitedOn: visit.visitedOn,
    packageIds,
  });
}

/** A done visit stays a visit: it may be corrected or cancelled (recorded by mistake), not un-done. */
function checkStatusChange(from: VisitStatus, to: VisitStatus): ErrorDetail[] {
  if (from === 'done' && to === 'planned') {
    return [{ path: 'status', code: 'INVALID_STATUS_CHANGE', message: '已完成的走访不能改回计划状态' }];
  }
  return [];
}

function auditActionOf(from: VisitStatus, to: VisitStatus): AuditAction {
  if (from !== to && to === 'done') return 'visit.recorded';
  if (from !== to && to === 'cancelled') return 'visit.cancelled';
  return 'visit.updated';
}

export async function updateVisit(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateVisitRequest,
  audit: AuditContext,
): Promise<VisitView> {
  const today = shanghaiToday(ctx);
  return ctx.database.db.transaction(async (tx) => {
    const current = await findVisit(tx, actor, id, 'write');
    if (!current) throw notFound();
    if (current.version !== input.version) throw versionConflict();
    const next = {
      kind: input.kind,
      status: input.status,
      plannedOn: input.plannedOn,
      visitedOn: input.visitedOn,
      visitorIds: input.visitorIds && unique(input.visitorIds),
      leaderNames: input.leaderNames && unique(input.leaderNames),
      departmentIds: input.departmentIds && unique(input.departmentIds),
      brought: input.brought && unique(input.brought),
      notes: input.notes === undefined ? undefined : input.notes || null,
      planId: input.planId,
    };
    const dates: VisitDates = {
      status: next.status ?? current.status,
      plannedOn: next.plannedOn === undefined ? current.plannedOn : next.plannedOn,
      visitedOn: next.visitedOn === undefined ? current.visitedOn : next.visitedOn,
    };
    failIf([
      ...checkStatusChange(current.status, dates.status),
      ...checkDates(dates, next.visitedOn !== undefined, today),
    ]);
    // Only what is newly named is checked: people already on the visit stay even if they moved away.
    failIf(
      await checkReferences(tx, actor, {
        visitorIds: next.visitorIds?.filter((v) => !current.visitorIds.includes(v)),
        departmentIds: next.departmentIds?.filter((d) => !current.departmentIds.includes(d)),
        planId: next.planId !== current.planId ? next.planId : undefined,
      }),
    );
    await handOverPackages(
      ctx,
      tx,
      actor,
      audit,
      { id, enterpriseId: current.enterpriseId, ...dates },
      input,
    );
    const diff = changes(current as Record<string, unknown>, next);
    if (!diff) return loadVisit(tx, actor, id);
    if (!(await updateVisitRow(tx, id, input.version, next, ctx.clock.now()))) throw versionConflict();
    await ctx.audit.record(tx, audit, {
      action: auditActionOf(current.status, dates.status),
      objectType: 'visit',
      objectId: id,
      detail: { enterprise: { id: current.enterpriseId, name: current.enterpriseName }, ...diff },
    });
    return loadVisit(tx, actor, id);
  });
}

// 走访计划 visit plans -----------------------------------------------------------------------------------

export async function listVisitPlans(
  ctx: AppContext,
  actor: Actor,
  query: VisitPlanListQuery,
): Promise<{ items: VisitPlanSummary[]; total: number }> {
  const db = ctx.database.db;
  const { rows, total } = await listPlans(db, actor, query);
  const progress = await planProgress(
    db,
    rows.map((row) => row.id),
  );
  return { items: rows.map((row) => presentPlanSummary(row, progress.get(row.id))), total };
}

async function loadPlan(db: DbOrTx, actor: Actor, id: string): Promise<VisitPlanView> {
  const row = await findPlan(db, actor, id);
  if (!row) throw notFound();
  return presentPlan(row, await planAssignments(db, id));
}

export function getVisitPlan(ctx: AppContext, actor: Actor, id: string): Promise<VisitPlanView> {
  return loadPlan(ctx.database.db, actor, id);
}

type Assignment = CreateVisitPlanRequest['assignments'][number];

/** Each enterprise once, each one the caller may visit, each assignee a business account of their subtree. */
async function checkAssignments(db: DbOrTx, actor: Actor, assignments: Assignment[]): Promise<ErrorDetail[]> {
  const details: ErrorDetail[] = [];
  // One after the other: checked inside the write's transaction, on one connection.
  const enterpriseIds = await visitableEnterpriseIds(
    db,
    actor,
    unique(assignments.map((a) => a.enterpriseId)),
  );
  const assigneeIds = await visitorIdsInScope(db, actor, unique(assignments.map((a) => a.assigneeId)));
  const seen = new Set<string>();
  assignments.forEach((a, i) => {
    if (seen.has(a.enterpriseId)) {
      details.push({
        path: `assignments.${i}.enterpriseId`,
        code: 'DUPLICATE',
        message: '同一企业在计划中只能分派一次',
      });
    } else if (!enterpriseIds.has(a.enterpriseId)) {
      details.push({
        path: `assignments.${i}.enterpriseId`,
        code: 'NOT_FOUND',
        message: '企业不存在或不在您的管理范围内',
      });
    }
    seen.add(a.enterpriseId);
    if (!assigneeIds.has(a.assigneeId)) {
      details.push({
        path: `assignments.${i}.assigneeId`,
        code: 'NOT_FOUND',
        message: '负责人不存在或不在您的管理范围内',
      });
    }
  });
  return details;
}

function checkPeriod(startsOn: string, endsOn: string): ErrorDetail[] {
  return endsOn < startsOn
    ? [{ path: 'endsOn', code: 'DATE_RANGE', message: '结束日期不能早于开始日期' }]
    : [];
}

const assignmentKey = (a: Assignment) => `${a.enterpriseId}:${a.assigneeId}`;

export async function createVisitPlan(
  ctx: AppContext,
  actor: Actor,
  input: CreateVisitPlanRequest,
  audit: AuditContext,
): Promise<VisitPlanView> {
  failIf(checkPeriod(input.startsOn, input.endsOn));
  return ctx.database.db.transaction(async (tx) => {
    const orgUnitId = input.orgUnitId ?? actor.orgUnitId;
    const unit = await findPlanUnit(tx, actor, orgUnitId);
    failIf([
      ...(unit
        ? []
        : [
            {
              path: 'orgUnitId',
              code: 'NOT_FOUND',
              message: '单位不存在、不在您的管理范围内或不能制定走访计划',
            },
          ]),
      ...(await checkAssignments(tx, actor, input.assignments)),
    ]);
    const id = await insertPlan(tx, {
      orgUnitId,
      name: input.name,
      kind: input.kind,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      notes: input.notes || null,
      createdBy: actor.userId,
      createdAt: ctx.clock.now(),
      updatedAt: ctx.clock.now(),
    });
    await replaceAssignments(tx, id, input.assignments);
    await ctx.audit.record(tx, audit, {
      action: 'visit_plan.created',
      objectType: 'visit_plan',
      objectId: id,
      detail: {
        name: input.name,
        kind: input.kind,
        orgUnitId,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        assignments: input.assignments.length,
      },
    });
    return loadPlan(tx, actor, id);
  });
}

export async function updateVisitPlan(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateVisitPlanRequest,
  audit: AuditContext,
): Promise<VisitPlanView> {
  return ctx.database.db.transaction(async (tx) => {
    const current = await findPlan(tx, actor, id, 'write');
    if (!current) throw notFound();
    if (current.version !== input.version) throw versionConflict();
    const next = {
      name: input.name,
      endsOn: input.endsOn,
      notes: input.notes === undefined ? undefined : input.notes || null,
    };
    failIf([
      ...checkPeriod(current.startsOn, input.endsOn ?? current.endsOn),
      ...(input.assignments ? await checkAssignments(tx, actor, input.assignments) : []),
    ]);
    const diff = changes(current as Record<string, unknown>, next);
    let assignmentChange: { added: number; removed: number } | undefined;
    if (input.assignments) {
      const before = new Set((await planAssignments(tx, id)).map(assignmentKey));
      const after = new Set(input.assignments.map(assignmentKey));
      const added = [...after].filter((key) => !before.has(key)).length;
      const removed = [...before].filter((key) => !after.has(key)).length;
      if (added > 0 || removed > 0) assignmentChange = { added, removed };
    }
    if (!diff && !assignmentChange) return loadPlan(tx, actor, id);
    if (!(await updatePlanRow(tx, id, input.version, next, ctx.clock.now()))) throw versionConflict();
    if (assignmentChange) await replaceAssignments(tx, id, input.assignments!);
    await ctx.audit.record(tx, audit, {
      action: 'visit_plan.updated',
      objectType: 'visit_plan',
      objectId: id,
      detail: { name: current.name, ...diff, assignments: assignmentChange },
    });
    return loadPlan(tx, actor, id);
  });
}

// 走访覆盖率 coverage -------------------------------------------------------------------------------------

type CoverageGroup = { id: string; name: string; depth?: number } & CoverageCounts;

/** A share to four decimals; no members, no share. */
function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/**
 * Active member enterprises (not merged) in the caller's scope, and how many had a done visit in the
 * period. Default period: this year up to today (Asia/Shanghai). The total counts each member once.
 */
export async function visitCoverage(
  ctx: AppContext,
  actor: Actor,
  query: VisitCoverageQuery,
): Promise<VisitCoverageResult> {
  const today = shanghaiToday(ctx);
  const to = query.to ?? today;
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw invalidField('from', 'DATE_RANGE', '开始日期不能晚于结束日期');
  const db = ctx.database.db;
  const [groups, total]: [CoverageGroup[], CoverageCounts] = await Promise.all([
    query.groupBy === 'chamber'
      ? coverageByChamber(db, actor, from, to)
      : coverageByOrgUnit(db, actor, from, to),
    coverageTotal(db, actor, from, to),
  ]);
  // The caller's own unit above its children; names in pinyin order within a level.
  const rows = groups
    .map((row) => ({
      row,
      depth: row.depth ?? 0,
      sortKey: searchKeysOfCached(row.name).sortKey,
    }))
    .sort((a, b) => a.depth - b.depth || (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
    .map(({ row }) => ({
      id: row.id,
      name: row.name,
      members: row.members,
      visited: row.visited,
      share: share(row.visited, row.members),
    }));
  return {
    groupBy: query.groupBy,
    from,
    to,
    rows,
    total: { ...total, share: share(total.visited, total.members) },
  };
}
