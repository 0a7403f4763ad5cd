// 建言 suggestions to government and the appeals they were built from (migration 0009).
import { date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { SuggestionKind, SuggestionStatus } from '@qinqing/shared';

export const suggestionNumbers = pgTable('suggestion_numbers', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

export const suggestions = pgTable('suggestions', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgUnitId: uuid('org_unit_id').notNull(),
  number: text('number').notNull(),
  kind: text('kind').$type<SuggestionKind>().notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  policyTitle: text('policy_title'),
  targetBody: text('target_body').notNull(),
  status: text('status').$type<SuggestionStatus>().notNull().default('draft'),
  submittedOn: date('submitted_on'),
  decidedOn: date('decided_on'),
  documentRef: text('document_ref'),
  decisionNote: text('decision_note'),
  createdBy: uuid('created_by'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const suggestionAppeals = pgTable(
  'suggestion_appeals',
  {
    suggestionId: uuid('suggestion_id').notNull(),
    appealId: uuid('appeal_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.suggestionId, table.appealId] })],
);
