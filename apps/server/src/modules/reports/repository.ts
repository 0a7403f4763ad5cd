// Queries over 报告 reports: the register within the caller's org-unit subtree, the revisions of one type,
// unit and period, claiming a queued report for generation, storing what a run produced, the commentary.
import { and, asc, count, desc, eq, getTableColumns, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { ReportListQuery, ReportType } from '@qinqing/shared';
import { pathWithinScope, withinScope } from '../../core/access/access.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { orgUnits, reports, users } from '../../db/schema/index.ts';

export type ReportRow = typeof reports.$inferSelect;
/** A register row: everything but the document, with names. */
export type ReportListRow = Omit<ReportRow, 'document'> & {
  orgUnitName: string;
  generatedByName: string | null;
  latestRevision: number;
};

const { document: _document, ...listColumns } = getTableColumns(reports);

/** The highest revision of the row's type, unit and period (rows of one key share it). */
const latestRevision = sql<number>`(SELECT max(r2.revision)::int FROM reports r2
  WHERE r2.type = ${reports.type} AND r2.org_unit_id = ${reports.orgUnitId} AND r2.period = ${reports.period})`;

function selectReports(db: DbOrTx) {
  return db
    .select({
      ...listColumns,
      orgUnitName: orgUnits.name,
      generatedByName: users.displayName,
      latestRevision,
    })
    .from(reports)
    .innerJoin(orgUnits, eq(orgUnits.id, reports.orgUnitId))
    .leftJoin(users, eq(users.id, reports.generatedBy));
}

export async function listReports(
  db: DbOrTx,
  actor: Actor,
  query: ReportListQuery,
): Promise<{ rows: ReportListRow[]; total: number }> {
  const conditions: (SQL | undefined)[] = [withinScope(reports.orgUnitId, actor)];
  if (query.type) conditions.push(eq(reports.type, query.type));
  if (query.orgUnitId) conditions.push(eq(reports.orgUnitId, query.orgUnitId));
  if (query.period) conditions.push(eq(reports.period, query.period));
  const where = and(...conditions);
  const [rows, totals] = await Promise.all([
    selectReports(db)
      .where(where)
      .orderBy(desc(reports.createdAt), asc(reports.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(reports).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

export async function findReport(db: DbOrTx, actor: Actor, id: string): Promise<ReportListRow | undefined> {
  const [row] = await selectReports(db).where(and(eq(reports.id, id), withinScope(reports.orgUnitId, actor)));
  return row;
}

export async function findDocument(
  db: DbOrTx,
  actor: Actor,
  id: string,
): Promise<Pick<ReportRow, 'status' | 'document'> | undefined> {
  const [row] = await db
    .select({ status: reports.status, document: reports.document })
    .from(reports)
    .where(and(eq(reports.id, id), withinScope(reports.orgUnitId, actor)));
  return row;
}

/** Every revision of a type, unit and period, newest first. */
export async function revisionsOf(db: DbOrTx, key: ReportKey) {
  return db
    .select({
      id: reports.id,
      revision: reports.revision,
      status: reports.status,
      trigger: reports.trigger,
      generatedAt: reports.generatedAt,
      createdAt: reports.createdAt,
    })
    .from(reports)
    .where(
      and(eq(reports.type, key.type), eq(reports.orgUnitId, key.orgUnitId), eq(reports.period, key.period)),
    )
    .orderBy(desc(reports.revision));
}

export interface ReportKey {
  type: ReportType;
  orgUnitId: string;
  period: string;
}

export interface ReportUnitRow {
  id: string;
  name: string;
  path: string;
  kind: string;
}

export async function findUnitInScope(
  db: DbOrTx,
  actor: Actor,
  id: string,
): Promise<ReportUnitRow | undefined> {
  const [row] = await db
    .select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path, kind: orgUnits.kind })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, id), pathWithinScope(orgUnits.path, actor)));
  return row;
}

export async function findUnit(db: DbOrTx, id: string): Promise<ReportUnitRow | undefined> {
  const [row] = await db
    .select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path, kind: orgUnits.kind })
    .from(orgUnits)
    .where(eq(orgUnits.id, id));
  return row;
}

/** The district federations (区县工商联): the scheduler writes their reports. */
export async function districtUnits(db: DbOrTx): Promise<{ id: string }[]> {
  return db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.kind, 'district'));
}

/**
 * Serialises writers of one type, unit and period to the end of the transaction: revisions are numbered
 * without gaps or duplicates, and the scheduler's check-then-insert sees the other instance's row.
 */
export async function lockReportKey(tx: DbOrTx, key: ReportKey): Promise<void> {
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtextextended(${`reports:${key.type}:${key.orgUnitId}:${key.period}`}, 0))`,
  );
}

/** The newest revision of a key: its number and the commentary a new revision starts from. */
export async function latestOf(
  tx: DbOrTx,
  key: ReportKey,
): Promise<{ revision: number; commentary: Record<string, string> } | undefined> {
  const [row] = await tx
    .select({ revision: reports.revision, commentary: reports.commentary })
    .from(reports)
    .where(
      and(eq(reports.type, key.type), eq(reports.orgUnitId, key.orgUnitId), eq(reports.period, key.period)),
    )
    .orderBy(desc(reports.revision))
    .limit(1);
  return row;
}

export async function hasScheduled(tx: DbOrTx, key: ReportKey): Promise<boolean> {
  const [row] = await tx
    .select({ id: reports.id })
    .from(reports)
    .where(
      and(
        eq(reports.type, key.type),
        eq(reports.orgUnitId, key.orgUnitId),
        eq(reports.period, key.period),
        eq(reports.trigger, 'scheduled'),
      ),
    );
  return row !== undefined;
}

export async function insertReport(tx: DbOrTx, values: typeof reports.$inferInsert): Promise<string> {
  const [row] = await tx.insert(reports).values(values).returning({ id: reports.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/**
 * Takes a report for generation: a queued one, or one left running by a process that stopped before
 * `staleBefore`. Only one caller gets it.
 */
export async function claimReport(db: DbOrTx, id: string, now: Date, staleBefore: Date) {
  const [row] = await db
    .update(reports)
    .set({ status: 'running', startedAt: now, updatedAt: now })
    .where(
      and(
        eq(reports.id, id),
        or(
          eq(reports.status, 'queued'),
          and(eq(reports.status, 'running'), lt(reports.startedAt, staleBefore)),
        ),
      ),
    )
    .returning();
  return row;
}

/** Reports queued, or running since before `staleBefore` (their process stopped): to be generated. */
export async function unfinishedReports(db: DbOrTx, staleBefore: Date): Promise<string[]> {
  const rows = await db
    .select({ id: reports.id })
    .from(reports)
    .where(
      or(
        eq(reports.status, 'queued'),
        and(eq(reports.status, 'running'), lt(reports.startedAt, staleBefore)),
      ),
    )
    .orderBy(asc(reports.createdAt));
  return rows.map((row) => row.id);
}

export async function storeGenerated(
  tx: DbOrTx,
  id: string,
  values: { figures: Record<string, unknown>; dataHash: string; document: Buffer; generatedAt: Date },
): Promise<void> {
  await tx
    .update(reports)
    .set({
      ...values,
      status: 'ready',
      error: null,
      version: sql`${reports.version} + 1`,
      updatedAt: values.generatedAt,
    })
    .where(eq(reports.id, id));
}

export async function storeFailure(db: DbOrTx, id: string, error: string, now: Date): Promise<void> {
  await db
    .update(reports)
    .set({ status: 'failed', error, version: sql`${reports.version} + 1`, updatedAt: now })
    .where(and(eq(reports.id, id), inArray(reports.status, ['queued', 'running'])));
}

/** New commentary and the document rendered with it, if the row is still at `version`. */
export async function storeCommentary(
  tx: DbOrTx,
  id: string,
  version: number,
  values: { commentary: Record<string, string>; document: Buffer; by: string; at: Date },
): Promise<boolean> {
  const updated = await tx
    .update(reports)
    .set({
      commentary: values.commentary,
      document: values.document,
      commentaryUpdatedBy: values.by,
      commentaryUpdatedAt: values.at,
      version: version + 1,
      updatedAt: values.at,
    })
    .where(and(eq(reports.id, id), eq(reports.version, version)))
    .returning({ id: reports.id });
  return updated.length === 1;
}
