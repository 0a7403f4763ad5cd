// 审计 audit: every write that matters leaves a record in the same transaction as the change. Records are
// chained with HMAC-SM3; an advisory lock held to the end of the transaction keeps the chain in order.
import { desc, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { auditEvents } from '../../db/schema/index.ts';
import type { Clock } from '../clock.ts';
import { chainHmac, GENESIS } from './canonical.ts';

const AUDIT_CHAIN_LOCK = 7_301_002;

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
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    const [last] = await tx
      .select({ seq: auditEvents.seq, hmac: auditEvents.hmac })
      .from(auditEvents)
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    const detail =
      entry.detail === undefined
        ? null
        : (JSON.parse(JSON.stringify(entry.detail)) as Record<string, unknown>);
    const fields = {
      seq: (last?.seq ?? 0) + 1,
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
      .values({ ...fields, hmac: chainHmac(this.key, last?.hmac ?? GENESIS, fields) });
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
