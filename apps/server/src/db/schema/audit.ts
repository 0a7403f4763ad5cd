// 审计日志 audit log: append-only, each record chained to the previous one by HMAC-SM3.
import { bigint, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
});
