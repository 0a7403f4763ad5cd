// 审计 audit: every write that matters leaves a record in the same transaction as the change. Records are
// chained with HMAC-SM3 in eight lanes (migration 0016): the transaction takes a free lane's advisory lock,
// held to its end, which keeps that lane's chain in order while other lanes commit beside it.
import type { AuditAction } from '@qinqing/shared';
import type { Tx } from '../../db/connection.ts';
import { runStatement, statement } from '../../db/statements.ts';
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
  /** One of the actions named in `AUDIT_ACTIONS` (@qinqing/shared): what the audit log shows by name. */
  action: AuditAction;
  objectType?: string;
  objectId?: string;
  result?: 'success' | 'failure' | 'denied';
  detail?: Record<string, unknown>;
}

// Every audited write runs these two: named statements, parsed and planned once per connection.
const NEXT_LINK = statement<{
  chain_lane: number;
  next_seq: number;
  last_lane_seq: number | null;
  last_hmac: string | null;
}>('audit_next_link', 'SELECT chain_lane, next_seq, last_lane_seq, last_hmac FROM audit_chain_next()');
const INSERT_RECORD = statement(
  'audit_insert_record',
  `INSERT INTO audit_events (seq, occurred_at, actor_id, actor_name, actor_roles, ip, request_id, action,
     object_type, object_id, result, detail, hmac, lane, lane_seq)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15)`,
);

export class AuditLog {
  constructor(
    private readonly key: Buffer,
    private readonly clock: Clock,
  ) {}

  /** Appends one record; call inside the transaction that makes the change. */
  async record(tx: Tx, context: AuditContext, entry: AuditEntry): Promise<void> {
    // The lane (held to the transaction's end), the next seq and the lane's last link, in one call
    // (migration 0018) whose read comes after the lane's lock was granted.
    const [last] = await runStatement(tx, NEXT_LINK, []);
    // As stored: the JSON text goes into the record, its parse (dates as strings…) into the chain.
    const detailJson = entry.detail === undefined ? null : JSON.stringify(entry.detail);
    const detail = detailJson === null ? null : (JSON.parse(detailJson) as Record<string, unknown>);
    const fields = {
      seq: Number(last!.next_seq),
      lane: Number(last!.chain_lane),
      laneSeq: Number(last!.last_lane_seq ?? 0) + 1,
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
    await runStatement(tx, INSERT_RECORD, [
      fields.seq,
      fields.occurredAt,
      fields.actorId,
      fields.actorName,
      fields.actorRoles,
      fields.ip,
      fields.requestId,
      fields.action,
      fields.objectType,
      fields.objectId,
      fields.result,
      detailJson,
      chainHmac(this.key, last!.last_hmac ?? GENESIS, fields),
      fields.lane,
      fields.laneSeq,
    ]);
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
