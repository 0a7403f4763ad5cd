// 会员企业 enterprises: the minimal record accounts point at; the member registry extends it.
import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const enterprises = pgTable('enterprises', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgUnitId: uuid('org_unit_id').notNull(),
  name: text('name').notNull(),
  uscc: text('uscc').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
