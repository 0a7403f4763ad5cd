// Queries over 诉求 appeals within the caller's scope: one appeal with what its page shows, the filtered
// list, the liaison's inbox, and the writes the service makes inside its transactions.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AppealListQuery, InboxQuery } from '@qinqing/shared';
import { appealScope, forwardScopeResolved } from '../../core/access/appeal-scope.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { DbOrTx } from '../../db/connection.ts';
import {
  appealAttachments,
  appealCategories,
  appealEvents,
  appealForwards,
  appeals,
  enterprises,
  orgUnits,
  users,
} from '../../db/schema/index.ts';
import { escapeLike } from '../search/name-match.ts';

export type AppealRow = typeof appeals.$inferSelect;
export type ForwardRow = typeof appealForwards.$inferSelect;

export interface AppealRecord extends AppealRow {
  orgPath: string;
  enterpriseName: string;
  categoryName: string;
  chamberName: string | null;
  raisedByName: string | null;
  mergedIntoNumber: string | null;
}

const detailColumns = {
  appeal: appeals,
  orgPath: sql<string>`(SELECT path FROM org_units o WHERE o.id = appeals.org_unit_id)`,
  enterpriseName: sql<string>`(SELECT name FROM enterprises e WHERE e.id = appeals.enterprise_id)`,
  categoryName: sql<string>`(SELECT name_zh FROM appeal_categories c WHERE c.code = appeals.category_code)`,
  chamberName: sql<string | null>`(SELECT name FROM org_units o WHERE o.id = appeals.chamber_id)`,
  raisedByName: sql<string | null>`(SELECT display_name FROM users u WHERE u.id = appeals.raised_by)`,
  mergedIntoNumber: sql<string | null>`(SELECT number FROM appeals m WHERE m.id = appeals.merged_into_id)`,
};

/** One appeal the caller may see (`lock`: held for update until the transaction ends), or undefined. */
export async function findAppeal(
  db: DbOrTx,
  actor: Actor,
  id: string,
  options: { lock?: boolean } = {},
): Promise<AppealRecord | undefined> {
  const query = db
    .select(detailColumns)
    .from(appeals)
    .where(and(eq(appeals.id, id), appealScope(actor)));
  const [row] = options.lock ? await query.for('update', { of: appeals }) : await query;
  if (!row) return undefined;
  const { appeal, ...names } = row;
  return { ...appeal, ...names };
}

/** An appeal by id regardless of scope (the timers act for the system). */
export async function findAppealById(db: DbOrTx, id: string): Promise<AppealRow | undefined> {
  const [row] = await db.select().from(appeals).where(eq(appeals.id, id));
  return row;
}

export interface ForwardRecord extends ForwardRow {
  departmentName: string;
  departmentPath: string;
}

export async function forwardsOf(db: DbOrTx, appealId: string): Promise<ForwardRecord[]> {
  const rows = await db
    .select({ forward: appealForwards, departmentName: orgUnits.name, departmentPath: orgUnits.path })
    .from(appealForwards)
    .innerJoin(orgUnits, eq(orgUnits.id, appealForwards.departmentId))
    .where(eq(appealForwards.appealId, appealId))
    .orderBy(asc(appealForwards.forwardedAt), asc(orgUnits.name));
  return rows.map((row) => ({
    ...row.forward,
    departmentName: row.departmentName,
    departmentPath: row.departmentPath,
  }));
}

export interface EventRecord {
  id: number;
  occurredAt: Date;
  actorName: string | null;
  action: string;
  fromState: string | null;
  toState: string | null;
  note: string | null;
  departmentName: string | null;
  detail: Record<string, unknown> | null;
}

export async function eventsOf(db: DbOrTx, appealId: string): Promise<EventRecord[]> {
  return db
    .select({
      id: appealEvents.id,
      occurredAt: appealEvents.occurredAt,
      actorName: appealEvents.actorName,
      action: appealEvents.action,
      fromState: appealEvents.fromState,
      toState: appealEvents.toState,
      note: appealEvents.note,
      departmentName: orgUnits.name,
      detail: appealEvents.detail,
    })
    .from(appealEvents)
    .leftJoin(appealForwards, eq(appealForwards.id, appealEvents.forwardId))
    .leftJoin(orgUnits, eq(orgUnits.id, appealForwards.departmentId))
    .where(eq(appealEvents.appealId, appealId))
    .orderBy(asc(appealEvents.id));
}

export async function attachmentsOf(db: DbOrTx, appealId: string) {
  return db
    .select({
      id: appealAttachments.id,
      fileName: appealAttachments.fileName,
      mediaType: appealAttachments.mediaType,
      sizeBytes: appealAttachments.sizeBytes,
      uploadedAt: appealAttachments.uploadedAt,
      uploadedByName: users.displayName,
    })
    .from(appealAttachments)
    .leftJoin(users, eq(users.id, appealAttachments.uploadedBy))
    .where(eq(appealAttachments.appealId, appealId))
    .orderBy(asc(appealAttachments.uploadedAt));
}

export async function attachmentContent(db: DbOrTx, appealId: string, attachmentId: string) {
  const [row] = await db
    .select()
    .from(appealAttachments)
    .where(and(eq(appealAttachments.id, attachmentId), eq(appealAttachments.appealId, appealId)));
  return row;
}

function listConditions(actor: Actor, query: AppealListQuery): SQL {
  const conditions: SQL[] = [appealScope(actor)];
  if (query.state?.length) conditions.push(inArray(appeals.state, query.state));
  if (query.category?.length) conditions.push(inArray(appeals.categoryCode, query.category));
  if (query.urgency) conditions.push(eq(appeals.urgency, query.urgency));
  if (query.source) conditions.push(eq(appeals.source, query.source));
  if (query.enterpriseId) conditions.push(eq(appeals.enterpriseId, query.enterpriseId));
  if (query.chamberId) conditions.push(eq(appeals.chamberId, query.chamberId));
  if (query.visitId) conditions.push(eq(appeals.visitId, query.visitId));
  if (query.satisfaction?.length) conditions.push(inArray(appeals.satisfaction, query.satisfaction));
  if (query.outcome) conditions.push(eq(appeals.outcome, query.outcome));
  if (query.overdue) conditions.push(eq(appeals.overdue, query.overdue === 'true'));
  if (query.orgUnitId) {
    conditions.push(
      sql`${appeals.orgUnitId} = ANY (ARRAY(SELECT id FROM org_units WHERE path LIKE (SELECT path FROM org_units WHERE id = ${query.orgUnitId}) || '%'))`,
    );
  }
  if (query.departmentId) {
    conditions.push(
      sql`${appeals.id} IN (SELECT appeal_id FROM appeal_forwards WHERE department_id = ${query.departmentId})`,
    );
  }
  if (query.from) conditions.push(sql`${appeals.receivedOn} >= ${query.from}`);
  if (query.to) conditions.push(sql`${appeals.receivedOn} <= ${query.to}`);
  if (query.q) {
    const fragment = `%${escapeLike(query.q)}%`;
    conditions.push(
      sql`(${appeals.title} ILIKE ${fragment} OR ${appeals.number} ILIKE ${fragment} OR ${appeals.enterpriseId} IN (SELECT id FROM enterprises WHERE name ILIKE ${fragment}))`,
    );
  }
  return and(...conditions) as SQL;
}

export interface AppealListRow extends AppealRow {
  enterpriseName: string;
  categoryName: string;
}

export async function listAppeals(
  db: DbOrTx,
  actor: Actor,
  query: AppealListQuery,
): Promise<{ rows: AppealListRow[]; total: number }> {
  const where = listConditions(actor, query);
  const order =
    query.sort === 'received_asc'
      ? [asc(appeals.receivedAt), asc(appeals.id)]
      : query.sort === 'due_asc'
        ? [sql`${appeals.resolveDueAt} ASC NULLS LAST`, asc(appeals.id)]
        : [desc(appeals.receivedAt), desc(appeals.id)];
  const [rows, totals] = await Promise.all([
    db
      .select({ appeal: appeals, enterpriseName: enterprises.name, categoryName: appealCategories.nameZh })
      .from(appeals)
      .innerJoin(enterprises, eq(enterprises.id, appeals.enterpriseId))
      .innerJoin(appealCategories, eq(appealCategories.code, appeals.categoryCode))
      .where(where)
      .orderBy(...order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(appeals)
      .where(where),
  ]);
  return {
    rows: rows.map((row) => ({
      ...row.appeal,
      enterpriseName: row.enterpriseName,
      categoryName: row.categoryName,
    })),
    total: totals[0]?.total ?? 0,
  };
}

/** The current round's forwards of several appeals, with their department names (for list rows). */
export async function currentForwardsOf(db: DbOrTx, appealIds: string[]) {
  if (appealIds.length === 0) return [];
  return db
    .select({
      appealId: appealForwards.appealId,
      departmentId: appealForwards.departmentId,
      departmentName: orgUnits.name,
      state: appealForwards.state,
    })
    .from(appealForwards)
    .innerJoin(appeals, eq(appeals.id, appealForwards.appealId))
    .innerJoin(orgUnits, eq(orgUnits.id, appealForwards.departmentId))
    .where(and(inArray(appealForwards.appealId, appealIds), sql`appeal_forwards.round = appeals.round`))
    .orderBy(asc(orgUnits.name));
}

export async function listInbox(db: DbOrTx, actor: Actor, query: InboxQuery) {
  const conditions: SQL[] = [await forwardScopeResolved(db, actor)];
  if (query.state?.length) conditions.push(inArray(appealForwards.state, query.state));
  if (query.overdue === 'true') {
    conditions.push(
      sql`(${appealForwards.resolveOverdue} OR ${appealForwards.responseOverdue}) AND ${appealForwards.state} IN ('pending', 'accepted')`,
    );
  }
  if (query.overdue === 'false') {
    conditions.push(sql`NOT ${appealForwards.resolveOverdue} AND NOT ${appealForwards.responseOverdue}`);
  }
  if (query.q) {
    const fragment = `%${escapeLike(query.q)}%`;
    conditions.push(sql`(${appeals.title} ILIKE ${fragment} OR ${appeals.number} ILIKE ${fragment})`);
  }
  const where = and(...conditions) as SQL;
  // The total needs the appeals only to match the search text: a department's forwards are otherwise
  // counted from the inbox index alone.
  const counted = db.select({ total: sql<number>`count(*)::int` }).from(appealForwards);
  const [rows, totals] = await Promise.all([
    db
      .select({
        forwardId: appealForwards.id,
        appealId: appeals.id,
        number: appeals.number,
        title: appeals.title,
        enterpriseName: enterprises.name,
        category: appeals.categoryCode,
        categoryName: appealCategories.nameZh,
        urgency: appeals.urgency,
        departmentName: orgUnits.name,
        state: appealForwards.state,
        forwardedAt: appealForwards.forwardedAt,
        respondDueAt: appealForwards.respondDueAt,
        resolveDueAt: appealForwards.resolveDueAt,
        responseOverdue: appealForwards.responseOverdue,
        resolveOverdue: appealForwards.resolveOverdue,
      })
      .from(appealForwards)
      .innerJoin(appeals, eq(appeals.id, appealForwards.appealId))
      .innerJoin(enterprises, eq(enterprises.id, appeals.enterpriseId))
      .innerJoin(appealCategories, eq(appealCategories.code, appeals.categoryCode))
      .innerJoin(orgUnits, eq(orgUnits.id, appealForwards.departmentId))
      .where(where)
      .orderBy(desc(appealForwards.forwardedAt), desc(appealForwards.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    query.q
      ? counted.innerJoin(appeals, eq(appeals.id, appealForwards.appealId)).where(where)
      : counted.where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

/** Updates an appeal if its version is still `version`; false when someone else changed it first. */
export async function updateAppeal(
  tx: DbOrTx,
  id: string,
  version: number,
  patch: Partial<AppealRow>,
  now: Date,
): Promise<boolean> {
  const updated = await tx
    .update(appeals)
    .set({ ...patch, version: version + 1, updatedAt: now })
    .where(and(eq(appeals.id, id), eq(appeals.version, version)))
    .returning({ id: appeals.id });
  return updated.length === 1;
}

export async function updateForward(tx: DbOrTx, id: string, patch: Partial<ForwardRow>, now: Date) {
  await tx
    .update(appealForwards)
    .set({ ...patch, version: sql`${appealForwards.version} + 1`, updatedAt: now })
    .where(eq(appealForwards.id, id));
}

export async function insertEvent(tx: DbOrTx, event: typeof appealEvents.$inferInsert): Promise<number> {
  const [row] = await tx.insert(appealEvents).values(event).returning({ id: appealEvents.id });
  return row!.id;
}

/** The enterprise an appeal may be raised for by this caller: its org unit and name, or undefined. */
export async function findEnterpriseForAppeal(db: DbOrTx, scope: SQL, id: string) {
  const [row] = await db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      orgUnitId: enterprises.orgUnitId,
      mergedIntoId: enterprises.mergedIntoId,
    })
    .from(enterprises)
    .where(and(eq(enterprises.id, id), scope));
  return row;
}

export async function findCategory(db: DbOrTx, code: string) {
  const [row] = await db.select().from(appealCategories).where(eq(appealCategories.code, code));
  return row;
}

export async function nextAppealNumber(tx: DbOrTx, year: string): Promise<string> {
  const result = await tx.execute<{ n: string }>(sql`SELECT nextval('appeal_number_seq')::text AS n`);
  return `SQ${year}${result.rows[0]!.n.padStart(6, '0')}`;
}

/**
 * Accounts of a role at an org unit or above it (leaders hear of escalations, staff of appeals raised
 * without them).
 */
export async function accountsOver(
  db: DbOrTx,
  role: 'federation_leader' | 'federation_staff',
  orgPath: string,
): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(
      and(
        sql`${role} = ANY (${users.roles})`,
        sql`NOT ${users.disabled}`,
        sql`${orgPath} LIKE ${orgUnits.path} || '%'`,
      ),
    );
  return rows.map((row) => row.id);
}

export async function orgPathOf(db: DbOrTx, orgUnitId: string): Promise<string> {
  const [row] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, orgUnitId));
  return row!.path;
}

/** A department's liaison accounts (its unit and below). */
export async function liaisonsOf(db: DbOrTx, departmentId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        sql`'department_liaison' = ANY (${users.roles})`,
        sql`NOT ${users.disabled}`,
        sql`${users.orgUnitId} IN (SELECT id FROM org_units WHERE path LIKE (SELECT path FROM org_units WHERE id = ${departmentId}) || '%')`,
      ),
    );
  return rows.map((row) => row.id);
}
