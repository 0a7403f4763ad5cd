// Queries over the audit log (read-only: nothing in the app updates or deletes audit records).
import { and, asc, count, desc, eq, gt, gte, ilike, lte, max, type SQL } from 'drizzle-orm';
import type { AuditEventView } from '@qinqing/shared';
import { escapeLike } from '../../core/sql.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { auditEvents } from '../../db/schema/index.ts';

export interface AuditFilter {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  result?: 'success' | 'failure' | 'denied';
  from?: string;
  to?: string;
}

function where(filter: AuditFilter): SQL | undefined {
  return and(
    filter.actor ? ilike(auditEvents.actorName, `%${escapeLike(filter.actor)}%`) : undefined,
    filter.action ? ilike(auditEvents.action, `${escapeLike(filter.action)}%`) : undefined,
    filter.objectType ? eq(auditEvents.objectType, filter.objectType) : undefined,
    filter.objectId ? eq(auditEvents.objectId, filter.objectId) : undefined,
    filter.result ? eq(auditEvents.result, filter.result) : undefined,
    filter.from ? gte(auditEvents.occurredAt, new Date(filter.from).toISOString()) : undefined,
    filter.to ? lte(auditEvents.occurredAt, new Date(filter.to).toISOString()) : undefined,
  );
}

type AuditRow = typeof auditEvents.$inferSelect;

export function presentAuditEvent(row: AuditRow): AuditEventView {
  return {
    id: row.id,
    seq: row.seq,
    occurredAt: new Date(row.occurredAt).toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    actorRoles: row.actorRoles,
    ip: row.ip,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    result: row.result,
    detail: row.detail ?? null,
  };
}

export async function listAuditEvents(
  db: DbOrTx,
  filter: AuditFilter,
  page: { page: number; pageSize: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const condition = where(filter);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(condition)
      .orderBy(desc(auditEvents.seq))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ total: count() }).from(auditEvents).where(condition),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

/**
 * The seq of the last record written so far. An export covers the records up to it, so that what is
 * appended while it runs (the export's own audit record first of all) is neither counted nor written.
 */
export async function lastAuditSeq(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ last: max(auditEvents.seq) }).from(auditEvents);
  return row?.last ?? 0;
}

export async function countAuditEvents(db: DbOrTx, filter: AuditFilter, upToSeq: number): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(auditEvents)
    .where(and(where(filter), lte(auditEvents.seq, upToSeq)));
  return row?.total ?? 0;
}

/** Matching records up to `upToSeq` in seq order, in batches, so an export of millions keeps memory flat. */
export async function* streamAuditEvents(
  db: DbOrTx,
  filter: AuditFilter,
  upToSeq: number,
  batchSize = 2000,
): AsyncGenerator<AuditRow> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(where(filter), gt(auditEvents.seq, after), lte(auditEvents.seq, upToSeq)))
      .orderBy(asc(auditEvents.seq))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield* rows;
    after = rows[rows.length - 1]?.seq ?? after;
  }
}
