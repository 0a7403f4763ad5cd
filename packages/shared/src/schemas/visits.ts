// 走访 visits to member enterprises, 走访计划 visit plans assigning enterprises to staff, and visit coverage
// (走访覆盖率: the share of member enterprises visited in a period) by org unit and by chamber.
import { z } from 'zod';
import { line, optionalLine } from '../text.ts';
import { pageOf, pageQuery } from './common.ts';
import { isoDate } from './registry.ts';

/** 定向走访, 送温暖/送清凉 care visits, 跨部门联合走访 joint visits with departments, 调研 research. */
export const VISIT_KINDS = ['directed', 'care', 'joint', 'research'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
export const VISIT_KIND_LABELS: Record<VisitKind, string> = {
  directed: '定向走访',
  care: '送温暖/送清凉',
  joint: '跨部门联合走访',
  research: '调研',
};

export const VISIT_STATUSES = ['planned', 'done', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

/** 送政策、送信息、送服务、送安全、送温暖: what a visit brought. */
export const VISIT_BROUGHT = ['policy', 'information', 'service', 'safety', 'warmth'] as const;
export type VisitBrought = (typeof VISIT_BROUGHT)[number];
export const VISIT_BROUGHT_LABELS: Record<VisitBrought, string> = {
  policy: '送政策',
  information: '送信息',
  service: '送服务',
  safety: '送安全',
  warmth: '送温暖',
};

/** The accounts that may go on a visit (and be assigned one): business roles of a federation or chamber. */
export const VISITOR_ROLES = ['federation_staff', 'federation_leader', 'chamber_secretary'] as const;

const uuid = (message: string) => z.string().uuid({ message });
const kind = z.enum(VISIT_KINDS, { message: '走访类型应为 directed、care、joint 或 research 之一' });
const status = z.enum(VISIT_STATUSES, { message: '走访状态应为 planned、done 或 cancelled 之一' });
const brought = z
  .array(
    z.enum(VISIT_BROUGHT, {
      message: '走访内容应为 policy、information、service、safety 或 warmth 之一',
    }),
  )
  .max(VISIT_BROUGHT.length);
const visitorIds = z.array(uuid('走访人编号格式不正确')).min(1, { message: '至少选择一名走访人' }).max(20);
const departmentIds = z.array(uuid('部门编号格式不正确')).max(20);
const leaderNames = z.array(line(50)).max(20);
const notes = optionalLine(2000);
const servicePackageIds = z
  .array(uuid('服务包编号格式不正确'))
  .max(10, { message: '一次走访最多送达 10 个服务包' });

export const createVisitRequest = z.strictObject({
  enterpriseId: uuid('企业编号格式不正确'),
  kind,
  /** Omitted: done when a visit date is given, planned otherwise. */
  status: z.enum(['planned', 'done'], { message: '新建走访的状态应为 planned 或 done' }).optional(),
  plannedOn: isoDate.nullable().optional(),
  visitedOn: isoDate.nullable().optional(),
  /** Omitted: the caller alone. */
  visitorIds: visitorIds.optional(),
  /** Leaders who joined, by name (they may have no account). */
  leaderNames: leaderNames.optional(),
  departmentIds: departmentIds.optional(),
  brought: brought.optional(),
  notes: notes.nullable().optional(),
  planId: uuid('走访计划编号格式不正确').nullable().optional(),
  /** 服务包 handed over on this visit (a done one): each becomes a holding dated the visit's day. */
  servicePackageIds: servicePackageIds.optional(),
});
export type CreateVisitRequest = z.infer<typeof createVisitRequest>;

export const updateVisitRequest = z.strictObject({
  version: z.number().int(),
  kind: kind.optional(),
  /** done records the visit (needs visitedOn); cancelled calls it off. */
  status: status.optional(),
  plannedOn: isoDate.nullable().optional(),
  visitedOn: isoDate.nullable().optional(),
  visitorIds: visitorIds.optional(),
  leaderNames: leaderNames.optional(),
  departmentIds: departmentIds.optional(),
  brought: brought.optional(),
  notes: notes.nullable().optional(),
  planId: uuid('走访计划编号格式不正确').nullable().optional(),
  /** 服务包 handed over on this visit, once it is done; packages already held stay as they were. */
  servicePackageIds: servicePackageIds.optional(),
});
export type UpdateVisitRequest = z.infer<typeof updateVisitRequest>;

const named = z.object({ id: z.string().uuid(), name: z.string() });

export const visitView = z.object({
  id: z.string().uuid(),
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  orgUnitId: z.string().uuid(),
  orgUnitName: z.string(),
  planId: z.string().uuid().nullable(),
  planName: z.string().nullable(),
  kind,
  status,
  plannedOn: z.string().nullable(),
  visitedOn: z.string().nullable(),
  visitors: z.array(named),
  leaderNames: z.array(z.string()),
  departments: z.array(named),
  brought: z.array(z.enum(VISIT_BROUGHT)),
  notes: z.string().nullable(),
  createdBy: z.string().uuid().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type VisitView = z.infer<typeof visitView>;
export const visitEnvelope = z.object({ visit: visitView });
export const visitPage = pageOf(visitView);

export const visitListQuery = z.strictObject({
  enterpriseId: z.string().uuid({ message: '企业编号格式不正确' }).optional(),
  status: status.optional(),
  kind: kind.optional(),
  /** On the visit date, or the planned date of a visit not yet made. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  visitorId: z.string().uuid({ message: '走访人编号格式不正确' }).optional(),
  planId: z.string().uuid({ message: '走访计划编号格式不正确' }).optional(),
  /** That unit and everything under it. */
  orgUnitId: z.string().uuid({ message: '单位编号格式不正确' }).optional(),
  ...pageQuery,
});
export type VisitListQuery = z.infer<typeof visitListQuery>;

export const visitorView = z.object({
  id: z.string().uuid(),
  displayName: z.string(),
  roles: z.array(z.enum(VISITOR_ROLES)),
});
export type VisitorView = z.infer<typeof visitorView>;
export const visitorList = z.object({ items: z.array(visitorView) });

// 走访覆盖率 coverage -----------------------------------------------------------------------------------

export const VISIT_COVERAGE_GROUPINGS = ['orgUnit', 'chamber'] as const;
export type VisitCoverageGrouping = (typeof VISIT_COVERAGE_GROUPINGS)[number];

export const visitCoverageQuery = z.strictObject({
  /** Default: 1 January of the current year (Asia/Shanghai). */
  from: isoDate.optional(),
  /** Default: today (Asia/Shanghai). */
  to: isoDate.optional(),
  groupBy: z
    .enum(VISIT_COVERAGE_GROUPINGS, { message: '分组方式应为 orgUnit（按组织）或 chamber（按商会）' })
    .default('orgUnit'),
});
export type VisitCoverageQuery = z.infer<typeof visitCoverageQuery>;

const visitCoverageCounts = {
  /** Active member enterprises (not merged into another record). */
  members: z.number().int(),
  /** …with a done visit in the period. */
  visited: z.number().int(),
  /** visited / members, 0–1 to four decimals; null when there are no members. */
  share: z.number().nullable(),
};
export const visitCoverageRow = z.object({ id: z.string().uuid(), name: z.string(), ...visitCoverageCounts });
export type VisitCoverageRow = z.infer<typeof visitCoverageRow>;
export const visitCoverageResult = z.object({
  groupBy: z.enum(VISIT_COVERAGE_GROUPINGS),
  from: z.string(),
  to: z.string(),
  rows: z.array(visitCoverageRow),
  total: z.object(visitCoverageCounts),
});
export type VisitCoverageResult = z.infer<typeof visitCoverageResult>;

// 走访计划 visit plans -----------------------------------------------------------------------------------

const assignment = z.strictObject({
  enterpriseId: uuid('企业编号格式不正确'),
  assigneeId: uuid('负责人编号格式不正确'),
});
const assignments = z.array(assignment).max(2000, { message: '一个计划最多分派 2000 家企业' });

export const createVisitPlanRequest = z.strictObject({
  /** The unit running the plan. Omitted: the caller's own unit. */
  orgUnitId: uuid('单位编号格式不正确').optional(),
  name: line(100),
  kind,
  startsOn: isoDate,
  endsOn: isoDate,
  notes: notes.nullable().optional(),
  assignments: assignments.default([]),
});
export type CreateVisitPlanRequest = z.infer<typeof createVisitPlanRequest>;

export const updateVisitPlanRequest = z.strictObject({
  version: z.number().int(),
  name: line(100).optional(),
  endsOn: isoDate.optional(),
  notes: notes.nullable().optional(),
  /** The whole list: assignments not in it are removed. */
  assignments: assignments.optional(),
});
export type UpdateVisitPlanRequest = z.infer<typeof updateVisitPlanRequest>;

const progress = z.object({ done: z.number().int(), total: z.number().int() });

export const visitPlanSummary = z.object({
  id: z.string().uuid(),
  orgUnitId: z.string().uuid(),
  orgUnitName: z.string(),
  name: z.string(),
  kind,
  startsOn: z.string(),
  endsOn: z.string(),
  notes: z.string().nullable(),
  /** Assigned enterprises with a done visit in the plan's period, of all assigned. */
  progress,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type VisitPlanSummary = z.infer<typeof visitPlanSummary>;
export const visitPlanPage = pageOf(visitPlanSummary);

export const visitPlanAssignmentView = z.object({
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  assigneeId: z.string().uuid(),
  assigneeName: z.string(),
  /** The latest done visit to the enterprise within the plan's period, if any. */
  visitId: z.string().uuid().nullable(),
  visitedOn: z.string().nullable(),
});
export type VisitPlanAssignmentView = z.infer<typeof visitPlanAssignmentView>;

export const visitPlanView = visitPlanSummary.extend({
  assignments: z.array(visitPlanAssignmentView),
  byAssignee: z.array(
    z.object({
      assigneeId: z.string().uuid(),
      assigneeName: z.string(),
      done: z.number().int(),
      total: z.number().int(),
    }),
  ),
});
export type VisitPlanView = z.infer<typeof visitPlanView>;
export const visitPlanEnvelope = z.object({ plan: visitPlanView });

export const visitPlanListQuery = z.strictObject({
  kind: kind.optional(),
  orgUnitId: z.string().uuid({ message: '单位编号格式不正确' }).optional(),
  /** Plans whose period contains this date. */
  activeOn: isoDate.optional(),
  ...pageQuery,
});
export type VisitPlanListQuery = z.infer<typeof visitPlanListQuery>;
