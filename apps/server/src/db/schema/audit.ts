// 审计日志 audit log: append-only, each record chained to the previous one of its lane by HMAC-SM3.
import { bigint, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const auditEvents = pgTable('audit_events', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  id: uuid('id').notNull().defaultRandom(),
  occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'string' }).notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name'),
  actorRoles: text('actor_roles').array().notNull().default([]),
  ip: text('ip'),
  requestId: text('request_id'),
  action: text('action').notNull(),
  objectType: text('object_type'),
  objectId: text('object_id'),
  result: text('result').$type<'success' | 'failure' | 'denied'>().notNull(),
  detail: jsonb('detail').$type<Record<string, unknown> | null>(),
  hmac: text('hmac').notNull(),
  /** The chain the record is in (migration 0016): 0 for records written before lanes, else 1–8. */
  lane: smallint('lane').notNull().default(0),
  /** 1, 2, 3… within the lane; null in lane 0, whose records are numbered by seq alone. */
  laneSeq: bigint('lane_seq', { mode: 'number' }),
});
