// The canonical text of an audit record that the HMAC-SM3 chain covers. Key order is fixed so that the
// text is the same when written and when re-read from PostgreSQL (jsonb reorders keys).
import { createHmac } from 'node:crypto';

export interface AuditRecordFields {
  seq: number;
  /** Lane and place in it (migration 0016); absent for the records of lane 0, chained as they were. */
  lane?: number;
  laneSeq?: number;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  actorRoles: string[];
  ip: string | null;
  requestId: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: string;
  detail: unknown;
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function chainHmac(key: Buffer, previousHmac: string, record: AuditRecordFields): string {
  const body = canonicalJson([
    record.seq,
    new Date(record.occurredAt).toISOString(),
    record.actorId,
    record.actorName,
    record.actorRoles,
    record.ip,
    record.requestId,
    record.action,
    record.objectType,
    record.objectId,
    record.result,
    record.detail ?? null,
    ...(record.lane ? [record.lane, record.laneSeq ?? null] : []),
  ]);
  return createHmac('sm3', key).update(previousHmac).update('\n').update(body).digest('hex');
}

/** The hmac the first record chains from. */
export const GENESIS = '0'.repeat(64);
