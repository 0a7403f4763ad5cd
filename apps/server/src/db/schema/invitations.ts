// 邀请 invitations (and password-reset links) and 账号申请 access requests: how enterprise contacts get in.
import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AccessRequestState } from '@qinqing/shared';

export const invitations = pgTable('invitations', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').$type<'invitation' | 'password_reset'>().notNull(),
  enterpriseId: uuid('enterprise_id').notNull(),
  codeHash: text('code_hash').notNull(),
  batchId: uuid('batch_id'),
  userId: uuid('user_id'),
  email: text('email'),
  emailedAt: timestamp('emailed_at', { withTimezone: true }),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

export const accessRequests = pgTable('access_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  enterpriseId: uuid('enterprise_id').notNull(),
  name: text('name').notNull(),
  mobile: text('mobile').notNull(),
  state: text('state').$type<AccessRequestState>().notNull(),
  version: integer('version').notNull(),
  userId: uuid('user_id'),
  decidedBy: uuid('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
