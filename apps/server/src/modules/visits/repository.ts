// Queries over 走访 visits and 走访计划 visit plans within the caller's scope, the names they show, and the
// counts behind visit coverage (走访覆盖率) by org unit and by chamber.
import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { OrgUnitKind, VisitListQuery, VisitPlanListQuery } from '@qinqing/shared';
import { pathWithinScope } from '../../core/access/access.ts';
import { chamberScope } from '../../core/access/registry-scope.ts';
import {
  visitEnterpriseScope,
  visitorScope,
  visitPlanScope,
  visitScope,
} from '../../core/access/visit-scope.ts';
import type { ScopeMode } from '../../core/access/registry-scope.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { DbOrTx } from '../../db/connection.ts';
import {
  chamberMemberships,
  enterprises,
  orgUnits,
  users,
  visitPlanAssignments,
  visitPlans,
  visits,
} from '../../db/schema/index.ts';

const visitUnits = alias(orgUnits, 'visit_unit');
const planUnits = alias(orgUnits, 'plan_unit');
const CHAMBER_KINDS: OrgUnitKind[] = ['chamber', 'association'];
const FEDERATION_KINDS: OrgUnitKind[] = ['province', 'city', 'district', 'street'];

// 走访 visits -------------------------------------------------------------------------------------------

export type VisitRow = typeof visits.$inferSelect & {
  enterpriseName: string;
  orgUnitName: string;
  planName: string | null;
};

function selectVisits(db: DbOrTx) {
  return db
    .select({
      visit: visits,
      enterpriseName: enterprises.name,
      orgUnitName: visitUnits.name,
      planName: visitPlans.name,
    })
    .from(visits)
    .innerJoin(enterprises, eq(enterprises.id, visits.enterpriseId))
    .innerJoin(visitUnits, eq(visitUnits.id, visits.orgUnitId))
    .leftJoin(visitPlans, eq(visitPlans.id, visits.planId));
}

type SelectedVisit = Awaited<ReturnType<ReturnType<typeof selectVisits>['execute']>>[number];
const toRow = (row: SelectedVisit): VisitRow => ({
  ...row.visit,
  enterpriseName: row.enterpriseName,
  orgUnitName: row.orgUnitName,
  planName: row.planName,
});

/** The day a visit happened, or is planned for when not yet made: lists and calendars go by it. */
const visitDay = sql`coalesce(${visits.visitedOn}, ${visits.plannedOn})`;

/** Rows whose unit lies in the subtree of the given unit (nothing when the unit does not exist). */
function inSubtreeOf(column: typeof visits.orgUnitId | typeof visitPlans.orgUnitId, unitId: string): SQL {
  return sql`${column} IN (SELECT id FROM org_units WHERE path LIKE (SELECT path FROM org_units WHERE id = ${unitId}) || '%')`;
}

export async function listVisits(
  db: DbOrTx,
  actor: Actor,
  query: VisitListQuery,
): Promise<{ rows: VisitRow[]; total: number }> {
  const conditions: SQL[] = [visitScope(actor, 'read')];
  if (query.enterpriseId) conditions.push(eq(visits.enterpriseId, query.enterpriseId));
  if (query.status) conditions.push(eq(visits.status, query.status));
  if (query.kind) conditions.push(eq(visits.kind, query.kind));
  if (query.from) conditions.push(sql`${visitDay} >= ${query.from}`);
  if (query.to) conditions.push(sql`${visitDay} <= ${query.to}`);
  if (query.visitorId) conditions.push(sql`${visits.visitorIds} @> ARRAY[${query.visitorId}]::uuid[]`);
  if (query.planId) conditions.push(eq(visits.planId, query.planId));
  if (query.orgUnitId) conditions.push(inSubtreeOf(visits.orgUnitId, query.orgUnitId));
  const where = and(...conditions) as SQL;
  const [rows, totals] = await Promise.all([
    selectVisits(db)
      .where(where)
      .orderBy(sql`${visitDay} DESC`, desc(visits.createdAt), asc(visits.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(visits).where(where),
  ]);
  return { rows: rows.map(toRow), total: totals[0]?.total ?? 0 };
}

export async function findVisit(
  db: DbOrTx,
  actor: Actor,
  id: string,
  mode: ScopeMode = 'read',
): Promise<VisitRow | undefined> {
  const [row] = await selectVisits(db).where(and(eq(visits.id, id), visitScope(actor, mode)));
  return row ? toRow(row) : undefined;
}

/** The enterprise a visit was to, whoever asks (an appeal raised on it must be about the same one). */
export async function enterpriseVisited(db: DbOrTx, visitId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ enterpriseId: visits.enterpriseId })
    .from(visits)
    .where(eq(visits.id, visitId));
  return row?.enterpriseId;
}

export type NewVisit = typeof visits.$inferInsert;

export async function insertVisit(db: DbOrTx, values: NewVisit): Promise<string> {
  const [row] = await db.insert(visits).values(values).returning({ id: visits.id });
  return row!.id;
}

/** Applies the change if the version still matches; false when someone else changed it first. */
export async function updateVisitRow(
  db: DbOrTx,
  id: string,
  version: number,
  values: Partial<NewVisit>,
  at: Date,
): Promise<boolean> {
  const updated = await db
    .update(visits)
    .set({ ...values, version: sql`${visits.version} + 1`, updatedAt: at })
    .where(and(eq(visits.id, id), eq(visits.version, version)))
    .returning({ id: visits.id });
  return updated.length > 0;
}

/** An enterprise the caller may record a visit to or assign (not a merged duplicate). */
export async function findVisitableEnterprise(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db
    .select({ id: enterprises.id, name: enterprises.name, orgUnitId: enterprises.orgUnitId })
    .from(enterprises)
    .where(
      and(eq(enterprises.id, id), isNull(enterprises.mergedIntoId), visitEnterpriseScope(actor, 'write')),
    );
  return row;
}

/** Of the given ids, those of enterprises the caller may record visits to. */
export async function visitableEnterpriseIds(db: DbOrTx, actor: Actor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(
      and(
        inArray(enterprises.id, ids),
        isNull(enterprises.mergedIntoId),
        visitEnterpriseScope(actor, 'write'),
      ),
    );
  return new Set(rows.map((row) => row.id));
}

/** Of the given ids, those of accounts that may go on the caller's visits. */
export async function visitorIdsInScope(db: DbOrTx, actor: Actor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, ids), visitorScope(actor)));
  return new Set(rows.map((row) => row.id));
}

/** Of the given ids, those of government departments (org units of kind department). */
export async function departmentIdsKnown(db: DbOrTx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(inArray(orgUnits.id, ids), eq(orgUnits.kind, 'department')));
  return new Set(rows.map((row) => row.id));
}

/** Display names of accounts and names of org units, for the ids a page of visits mentions. */
export async function namesOf(
  db: DbOrTx,
  userIds: string[],
  unitIds: string[],
): Promise<{ users: Map<string, string>; units: Map<string, string> }> {
  // One after the other: a visit's change reads it back inside its transaction, on one connection.
  const people =
    userIds.length > 0
      ? await db
          .select({ id: users.id, name: users.displayName })
          .from(users)
          .where(inArray(users.id, userIds))
      : [];
  const units =
    unitIds.length > 0
      ? await db
          .select({ id: orgUnits.id, name: orgUnits.name })
          .from(orgUnits)
          .where(inArray(orgUnits.id, unitIds))
      : [];
  return {
    users: new Map(people.map((row) => [row.id, row.name])),
    units: new Map(units.map((row) => [row.id, row.name])),
  };
}

export async function listVisitors(db: DbOrTx, actor: Actor) {
  return db
    .select({ id: users.id, displayName: users.displayName, roles: users.roles })
    .from(users)
    .where(visitorScope(actor))
    .orderBy(asc(users.displayName), asc(users.id));
}

// 走访计划 visit plans -----------------------------------------------------------------------------------

export type VisitPlanRow = typeof visitPlans.$inferSelect & { orgUnitName: string };

function selectPlans(db: DbOrTx) {
  return db
    .select({ plan: visitPlans, orgUnitName: planUnits.name })
    .from(visitPlans)
    .innerJoin(planUnits, eq(planUnits.id, visitPlans.orgUnitId));
}

export async function listPlans(
  db: DbOrTx,
  actor: Actor,
  query: VisitPlanListQuery,
): Promise<{ rows: VisitPlanRow[]; total: number }> {
  const conditions: SQL[] = [visitPlanScope(actor, 'read')];
  if (query.kind) conditions.push(eq(visitPlans.kind, query.kind));
  if (query.orgUnitId) conditions.push(inSubtreeOf(visitPlans.orgUnitId, query.orgUnitId));
  if (query.activeOn) {
    conditions.push(
      sql`${visitPlans.startsOn} <= ${query.activeOn} AND ${visitPlans.endsOn} >= ${query.activeOn}`,
    );
  }
  const where = and(...conditions) as SQL;
  const [rows, totals] = await Promise.all([
    selectPlans(db)
      .where(where)
      .orderBy(desc(visitPlans.startsOn), desc(visitPlans.createdAt), asc(visitPlans.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(visitPlans).where(where),
  ]);
  return {
    rows: rows.map((row) => ({ ...row.plan, orgUnitName: row.orgUnitName })),
    total: totals[0]?.total ?? 0,
  };
}

export async function findPlan(
  db: DbOrTx,
  actor: Actor,
  id: string,
  mode: ScopeMode = 'read',
): Promise<VisitPlanRow | undefined> {
  const [row] = await selectPlans(db).where(and(eq(visitPlans.id, id), visitPlanScope(actor, mode)));
  return row ? { ...row.plan, orgUnitName: row.orgUnitName } : undefined;
}

/** A unit that may run the caller's plan: a federation unit or chamber in their subtree. */
export async function findPlanUnit(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(
      and(
        eq(orgUnits.id, id),
        pathWithinScope(orgUnits.path, actor),
        inArray(orgUnits.kind, [...FEDERATION_KINDS, ...CHAMBER_KINDS]),
      ),
    );
  return row;
}

/** Done/total per plan: an assignment is done when its enterprise has a done visit in the plan's period. */
export async function planProgress(
  db: DbOrTx,
  planIds: string[],
): Promise<Map<string, { done: number; total: number }>> {
  if (planIds.length === 0) return new Map();
  const { rows } = await db.execute<{ plan_id: string; done: number; total: number }>(sql`
    SELECT a.plan_id, count(*)::int AS total,
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM visits v
              WHERE v.enterprise_id = a.enterprise_id AND v.status = 'done'
                AND v.visited_on BETWEEN p.starts_on AND p.ends_on))::int AS done
      FROM visit_plan_assignments a JOIN visit_plans p ON p.id = a.plan_id
     WHERE a.plan_id IN (${sql.join(
       planIds.map((id) => sql`${id}::uuid`),
       sql`, `,
     )})
     GROUP BY a.plan_id`);
  return new Map(rows.map((row) => [row.plan_id, { done: row.done, total: row.total }]));
}

export interface AssignmentRow {
  enterpriseId: string;
  enterpriseName: string;
  assigneeId: string;
  assigneeName: string;
  visitId: string | null;
  visitedOn: string | null;
}

/** A plan's assignments, each with the latest done visit to its enterprise within the plan's period. */
export async function planAssignments(db: DbOrTx, planId: string): Promise<AssignmentRow[]> {
  const { rows } = await db.execute<{
    enterprise_id: string;
    enterprise_name: string;
    assignee_id: string;
    assignee_name: string;
    visit_id: string | null;
    visited_on: string | null;
  }>(sql`
    SELECT a.enterprise_id, e.name AS enterprise_name, a.assignee_id, u.display_name AS assignee_name,
           v.id AS visit_id, v.visited_on::text AS visited_on
      FROM visit_plan_assignments a
      JOIN visit_plans p ON p.id = a.plan_id
      JOIN enterprises e ON e.id = a.enterprise_id
      JOIN users u ON u.id = a.assignee_id
      LEFT JOIN LATERAL (
        SELECT id, visited_on FROM visits
         WHERE enterprise_id = a.enterprise_id AND status = 'done'
           AND visited_on BETWEEN p.starts_on AND p.ends_on
         ORDER BY visited_on DESC, created_at DESC LIMIT 1) v ON true
     WHERE a.plan_id = ${planId}
     ORDER BY u.display_name, e.sort_key, e.id`);
  return rows.map((row) => ({
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    visitId: row.visit_id,
    visitedOn: row.visited_on,
  }));
}

export type NewVisitPlan = typeof visitPlans.$inferInsert;

export async function insertPlan(db: DbOrTx, values: NewVisitPlan): Promise<string> {
  const [row] = await db.insert(visitPlans).values(values).returning({ id: visitPlans.id });
  return row!.id;
}

export async function updatePlanRow(
  db: DbOrTx,
  id: string,
  version: number,
  values: Partial<NewVisitPlan>,
  at: Date,
): Promise<boolean> {
  const updated = await db
    .update(visitPlans)
    .set({ ...values, version: sql`${visitPlans.version} + 1`, updatedAt: at })
    .where(and(eq(visitPlans.id, id), eq(visitPlans.version, version)))
    .returning({ id: visitPlans.id });
  return updated.length > 0;
}

export async function replaceAssignments(
  db: DbOrTx,
  planId: string,
  assignments: { enterpriseId: string; assigneeId: string }[],
): Promise<void> {
  await db.delete(visitPlanAssignments).where(eq(visitPlanAssignments.planId, planId));
  if (assignments.length > 0) {
    await db.insert(visitPlanAssignments).values(assignments.map((a) => ({ planId, ...a })));
  }
}

// 走访覆盖率 coverage -------------------------------------------------------------------------------------

export interface CoverageCounts {
  members: number;
  visited: number;
}

/** Member enterprises coverage counts: in the caller's scope, an active membership, not merged away. */
function countedMembers(actor: Actor): SQL {
  return and(
    visitEnterpriseScope(actor, 'read'),
    isNull(enterprises.mergedIntoId),
    eq(enterprises.membershipStatus, 'active'),
  ) as SQL;
}

// `${enterprises.id} IN (…)`, not a correlated EXISTS: in a single-table query Drizzle writes the column
// unqualified, which inside the subquery would name visits.id.
function coverageCounts(from: string, to: string) {
  return {
    members: sql<number>`count(DISTINCT ${enterprises.id})::int`,
    visited: sql<number>`count(DISTINCT ${enterprises.id}) FILTER (WHERE ${enterprises.id} IN
      (SELECT enterprise_id FROM visits WHERE status = 'done' AND visited_on BETWEEN ${from} AND ${to}))::int`,
  };
}

export async function coverageTotal(
  db: DbOrTx,
  actor: Actor,
  from: string,
  to: string,
): Promise<CoverageCounts> {
  const [row] = await db.select(coverageCounts(from, to)).from(enterprises).where(countedMembers(actor));
  return row ?? { members: 0, visited: 0 };
}

/**
 * By the child units of the caller's unit (the streets under a district), each counting the members
 * registered anywhere in its subtree; members outside every child (registered with the caller's unit
 * itself, or a chamber secretary's members) count under the caller's unit. Every federation child is
 * listed, visited or not.
 */
export async function coverageByOrgUnit(
  db: DbOrTx,
  actor: Actor,
  from: string,
  to: string,
): Promise<({ id: string; name: string; depth: number } & CoverageCounts)[]> {
  const prefix = actor.orgPath;
  const child = sql<
    string | null
  >`CASE WHEN ${orgUnits.path} LIKE ${prefix + '%'} AND ${orgUnits.path} <> ${prefix}
    THEN split_part(substr(${orgUnits.path}, ${prefix.length + 1}), '/', 1) END`;
  const groups = await db
    .select({ child, ...coverageCounts(from, to) })
    .from(enterprises)
    .innerJoin(orgUnits, eq(orgUnits.id, enterprises.orgUnitId))
    .where(countedMembers(actor))
    // Positional: the expression's parameters would otherwise differ between SELECT and GROUP BY.
    .groupBy(sql`1`);
  const childIds = groups.flatMap((g) => (g.child ? [g.child] : []));
  const units = await db
    .select({ id: orgUnits.id, name: orgUnits.name, depth: orgUnits.depth })
    .from(orgUnits)
    .where(
      or(
        and(eq(orgUnits.parentId, actor.orgUnitId), inArray(orgUnits.kind, FEDERATION_KINDS)),
        eq(orgUnits.id, actor.orgUnitId),
        childIds.length > 0 ? inArray(orgUnits.id, childIds) : undefined,
      ),
    );
  const byChild = new Map(groups.map((g) => [g.child ?? actor.orgUnitId, g]));
  return units
    .filter((unit) => unit.id !== actor.orgUnitId || byChild.has(unit.id))
    .map((unit) => ({
      id: unit.id,
      name: unit.name,
      depth: unit.depth,
      members: byChild.get(unit.id)?.members ?? 0,
      visited: byChild.get(unit.id)?.visited ?? 0,
    }));
}

/** By chamber: each chamber's member enterprises (an enterprise in several chambers counts in each). */
export async function coverageByChamber(
  db: DbOrTx,
  actor: Actor,
  from: string,
  to: string,
): Promise<({ id: string; name: string } & CoverageCounts)[]> {
  const groups = await db
    .select({ id: chamberMemberships.chamberId, ...coverageCounts(from, to) })
    .from(enterprises)
    .innerJoin(chamberMemberships, eq(chamberMemberships.enterpriseId, enterprises.id))
    .where(and(countedMembers(actor), chamberScope(chamberMemberships.chamberId, actor, 'read')))
    .groupBy(chamberMemberships.chamberId);
  const units = await db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(and(inArray(orgUnits.kind, CHAMBER_KINDS), chamberScope(orgUnits.id, actor, 'read')));
  const byId = new Map(groups.map((g) => [g.id, g]));
  return units.map((unit) => ({
    id: unit.id,
    name: unit.name,
    members: byId.get(unit.id)?.members ?? 0,
    visited: byId.get(unit.id)?.visited ?? 0,
  }));
}
