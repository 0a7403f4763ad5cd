// 审计 audit: every write that matters leaves a record in the same transaction as the change. Records are
// chained with HMAC-SM3 in eight lanes (migration 0016): the transaction takes a free lane's advisory lock,
// held to its end, which keeps that lane's chain in order while other lanes commit beside it.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { auditEvents } from '../../db/schema/index.ts';
import type { Clock } from '../clock.ts';
import { chainHmac, GENESIS } from './canonical.ts';

/** Who did it, from where: taken from the request. */
export interface AuditContext {
  actorId: string | null;
  actorName: string | null;
  actorRoles: readonly string[];
  ip: string | null;
  requestId: string | null;
}

export interface AuditEntry {
  action: string;
  objectType?: string;
  objectId?: string;
  result?: 'success' | 'failure' | 'denied';
  detail?: Record<string, unknown>;
}

export class AuditLog {
  constructor(
    private readonly key: Buffer,
    private readonly clock: Clock,
  ) {}

  /** Appends one record; call inside the transaction that makes the change. */
  async record(tx: DbOrTx, context: AuditContext, entry: AuditEntry): Promise<void> {
    const taken = await tx.execute<{ lane: number }>(sql`SELECT audit_chain_lane() AS lane`);
    const lane = Number(taken.rows[0]!.lane);
    // A statement of its own, so that its snapshot is taken after the lane's lock was granted and sees
    // the record the lane's previous holder committed.
    const { rows } = await tx.execute<{ seq: string; lane_seq: string | null; hmac: string | null }>(sql`
      SELECT nextval('audit_events_seq')::text AS seq, last.lane_seq::text AS lane_seq, last.hmac
      FROM (SELECT 1) AS one LEFT JOIN LATERAL (
        SELECT lane_seq, hmac FROM audit_events WHERE lane = ${lane} AND lane > 0
        ORDER BY lane_seq DESC LIMIT 1
      ) AS last ON true`);
    const last = rows[0]!;
    const detail =
      entry.detail === undefined
        ? null
        : (JSON.parse(JSON.stringify(entry.detail)) as Record<string, unknown>);
    const fields = {
      seq: Number(last.seq),
      lane,
      laneSeq: Number(last.lane_seq ?? 0) + 1,
      occurredAt: this.clock.now().toISOString(),
      actorId: context.actorId,
      actorName: context.actorName,
      actorRoles: [...context.actorRoles],
      ip: context.ip,
      requestId: context.requestId,
      action: entry.action,
      objectType: entry.objectType ?? null,
      objectId: entry.objectId ?? null,
      result: entry.result ?? 'success',
      detail,
    };
    await tx
      .insert(auditEvents)
      .values({ ...fields, hmac: chainHmac(this.key, last.hmac ?? GENESIS, fields) });
  }
}

/** The fields that changed, before and after: what an audit record of an update carries. */
export function changes<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): { before: Partial<T>; after: Partial<T> } | undefined {
  const was: Partial<T> = {};
  const now: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] === undefined) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      was[key] = before[key];
      now[key] = after[key];
    }
  }
  return Object.keys(now).length > 0 ? { before: was, after: now } : undefined;
}
