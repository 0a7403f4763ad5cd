// 报告 official reports: one row per generated revision (see migrations/0011_reports.sql).
import { customType, date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ReportStatus, ReportTrigger, ReportType } from '@qinqing/shared';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const reports = pgTable('reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  type: text('type').$type<ReportType>().notNull(),
  orgUnitId: uuid('org_unit_id').notNull(),
  period: text('period').notNull(),
  periodFrom: date('period_from').notNull(),
  periodTo: date('period_to').notNull(),
  revision: integer('revision').notNull(),
  trigger: text('trigger').$type<ReportTrigger>().notNull(),
  parameters: jsonb('parameters').$type<Record<string, unknown>>().notNull().default({}),
  status: text('status').$type<ReportStatus>().notNull().default('queued'),
  error: text('error'),
  startedAt: at('started_at'),
  figures: jsonb('figures').$type<Record<string, unknown>>(),
  dataHash: text('data_hash'),
  commentary: jsonb('commentary').$type<Record<string, string>>().notNull().default({}),
  document: bytea('document'),
  generatedAt: at('generated_at'),
  generatedBy: uuid('generated_by'),
  commentaryUpdatedAt: at('commentary_updated_at'),
  commentaryUpdatedBy: uuid('commentary_updated_by'),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
