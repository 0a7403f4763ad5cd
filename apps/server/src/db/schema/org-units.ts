// 组织 org units: the federation tree and the chambers, associations and departments hanging under it.
import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { OrgUnitKind } from '@qinqing/shared';

export const orgUnits = pgTable('org_units', {
  id: uuid('id').primaryKey(),
  parentId: uuid('parent_id'),
  kind: text('kind').$type<OrgUnitKind>().notNull(),
  name: text('name').notNull(),
  code: text('code'),
  path: text('path').notNull(),
  depth: integer('depth').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
