// 走访 visits to member enterprises and 走访计划 visit plans assigning enterprises to staff (migration 0006).
import { date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { VisitBrought, VisitKind, VisitStatus } from '@qinqing/shared';

export const visitPlans = pgTable('visit_plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgUnitId: uuid('org_unit_id').notNull(),
  name: text('name').notNull(),
  kind: text('kind').$type<VisitKind>().notNull(),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  notes: text('notes'),
  createdBy: uuid('created_by'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const visits = pgTable('visits', {
  id: uuid('id').primaryKey().defaultRandom(),
  enterpriseId: uuid('enterprise_id').notNull(),
  orgUnitId: uuid('org_unit_id').notNull(),
  planId: uuid('plan_id'),
  kind: text('kind').$type<VisitKind>().notNull(),
  status: text('status').$type<VisitStatus>().notNull().default('planned'),
  plannedOn: date('planned_on'),
  visitedOn: date('visited_on'),
  visitorIds: uuid('visitor_ids').array().notNull().default([]),
  leaderNames: text('leader_names').array().notNull().default([]),
  departmentIds: uuid('department_ids').array().notNull().default([]),
  brought: text('brought').array().$type<VisitBrought[]>().notNull().default([]),
  notes: text('notes'),
  createdBy: uuid('created_by'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const visitPlanAssignments = pgTable(
  'visit_plan_assignments',
  {
    planId: uuid('plan_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    assigneeId: uuid('assignee_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.planId, table.enterpriseId] })],
);
