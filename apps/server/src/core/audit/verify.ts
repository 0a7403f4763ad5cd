// Verifies the audit chain from the first record and reports the first broken link.
import type pg from 'pg';
import { chainHmac, GENESIS } from './canonical.ts';

export interface VerifyResult {
  checked: number;
  ok: boolean;
  firstBrokenSeq: number | null;
  reason: string | null;
}

interface Row {
  seq: number;
  occurred_at: Date;
  actor_id: string | null;
  actor_name: string | null;
  actor_roles: string[];
  ip: string | null;
  request_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  result: string;
  detail: unknown;
  hmac: string;
}

export async function verifyAuditChain(pool: pg.Pool, key: Buffer, batchSize = 5000): Promise<VerifyResult> {
  let previous = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const { rows } = await pool.query<Row>(
      'SELECT * FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT $2',
      [expectedSeq, batchSize],
    );
    if (rows.length === 0) return { checked, ok: true, firstBrokenSeq: null, reason: null };
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return {
          checked,
          ok: false,
          firstBrokenSeq: expectedSeq,
          reason: `记录 ${expectedSeq} 缺失 / record missing`,
        };
      }
      const hmac = chainHmac(key, previous, {
        seq: row.seq,
        occurredAt: row.occurred_at.toISOString(),
        actorId: row.actor_id,
        actorName: row.actor_name,
        actorRoles: row.actor_roles,
        ip: row.ip,
        requestId: row.request_id,
        action: row.action,
        objectType: row.object_type,
        objectId: row.object_id,
        result: row.result,
        detail: row.detail,
      });
      if (hmac !== row.hmac) {
        return {
          checked,
          ok: false,
          firstBrokenSeq: row.seq,
          reason: `记录 ${row.seq} 的校验值不符 / hmac mismatch`,
        };
      }
      previous = row.hmac;
      expectedSeq++;
      checked++;
    }
  }
}
