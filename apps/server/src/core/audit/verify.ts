// Verifies the audit chains from their first records and reports the first broken link: lane 0 (the
// records written before lanes, numbered by seq from 1) and each of lanes 1–8 (numbered by lane_seq).
import type pg from 'pg';
import { chainHmac, GENESIS } from './canonical.ts';

export interface VerifyResult {
  /** Records whose link was checked and held. */
  checked: number;
  ok: boolean;
  /** seq of the first record found broken: changed, or the one after a missing record. */
  firstBrokenSeq: number | null;
  reason: string | null;
}

interface Row {
  seq: number;
  lane: number;
  lane_seq: number | null;
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

interface Broken {
  seq: number;
  reason: string;
}

/** Walks one lane in order; returns how many records held and the first broken one, if any. */
async function verifyLane(
  pool: pg.Pool,
  key: Buffer,
  lane: number,
  batchSize: number,
): Promise<{ checked: number; broken: Broken | null }> {
  // Lane 0 is numbered by seq, the others by lane_seq; both from 1 without gaps.
  const order = lane === 0 ? 'seq' : 'lane_seq';
  let previous = GENESIS;
  let expected = 1;
  let checked = 0;
  for (;;) {
    const { rows } = await pool.query<Row>(
      `SELECT * FROM audit_events WHERE lane = $1 AND ${order} >= $2 ORDER BY ${order} LIMIT $3`,
      [lane, expected, batchSize],
    );
    if (rows.length === 0) return { checked, broken: null };
    for (const row of rows) {
      const number = Number(lane === 0 ? row.seq : row.lane_seq);
      if (number !== expected) {
        const missing = lane === 0 ? `记录 ${expected}` : `第 ${lane} 链第 ${expected} 条记录`;
        return {
          checked,
          broken: {
            seq: lane === 0 ? expected : Number(row.seq),
            reason: `${missing}缺失 / record missing`,
          },
        };
      }
      const hmac = chainHmac(key, previous, {
        seq: Number(row.seq),
        ...(lane === 0 ? {} : { lane, laneSeq: number }),
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
          broken: { seq: Number(row.seq), reason: `记录 ${row.seq} 的校验值不符 / hmac mismatch` },
        };
      }
      previous = row.hmac;
      expected++;
      checked++;
    }
  }
}

export async function verifyAuditChain(pool: pg.Pool, key: Buffer, batchSize = 5000): Promise<VerifyResult> {
  const { rows: lanes } = await pool.query<{ lane: number }>(
    'SELECT DISTINCT lane FROM audit_events ORDER BY lane',
  );
  let checked = 0;
  let first: Broken | null = null;
  for (const { lane } of lanes) {
    const result = await verifyLane(pool, key, lane, batchSize);
    checked += result.checked;
    if (result.broken && (!first || result.broken.seq < first.seq)) first = result.broken;
  }
  return first
    ? { checked, ok: false, firstBrokenSeq: first.seq, reason: first.reason }
    : { checked, ok: true, firstBrokenSeq: null, reason: null };
}
