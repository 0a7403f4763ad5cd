// 会员企业 enterprises and what hangs off them: contacts and the membership status history.
import { searchKeyColumns } from './search-columns.ts';
import { boolean, date, integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { EnterpriseSize, MembershipStatus } from '@qinqing/shared';

export const enterprises = pgTable('enterprises', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgUnitId: uuid('org_unit_id').notNull(),
  name: text('name').notNull(),
  formerNames: text('former_names').array().notNull().default([]),
  uscc: text('uscc').notNull(),
  legalRepresentative: text('legal_representative'),
  registeredCapital: numeric('registered_capital', { precision: 18, scale: 4, mode: 'number' }),
  foundedOn: date('founded_on'),
  industryCode: text('industry_code'),
  size: text('size').$type<EnterpriseSize>(),
  divisionCode: text('division_code'),
  address: text('address'),
  tags: text('tags').array().notNull().default([]),
  membershipType: text('membership_type')
    .$type<'enterprise' | 'individual' | 'group'>()
    .notNull()
    .default('enterprise'),
  membershipStatus: text('membership_status').$type<MembershipStatus>().notNull().default('active'),
  membershipStatusReason: text('membership_status_reason'),
  membershipStatusOn: date('membership_status_on'),
  joinedOn: date('joined_on'),
  mergedIntoId: uuid('merged_into_id'),
  ...searchKeyColumns(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const enterpriseContacts = pgTable('enterprise_contacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  enterpriseId: uuid('enterprise_id').notNull(),
  name: text('name').notNull(),
  position: text('position'),
  mobile: text('mobile'),
  email: text('email'),
  isPrimary: boolean('is_primary').notNull().default(false),
  sort: integer('sort').notNull().default(0),
});

export const enterpriseStatusHistory = pgTable('enterprise_status_history', {
  id: uuid('id').primaryKey().defaultRandom(),
  enterpriseId: uuid('enterprise_id').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  reason: text('reason'),
  changedOn: date('changed_on').notNull(),
  changedBy: uuid('changed_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
