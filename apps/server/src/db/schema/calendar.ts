// 工作日历 working-day calendar: the years an administrator has entered and their overrides of the
// Monday-to-Friday week (holidays on weekdays, adjusted working weekends 调休上班).
import { date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CalendarDayKind } from '@qinqing/shared';

export const workingCalendarYears = pgTable('working_calendar_years', {
  year: integer('year').primaryKey(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

export const workingCalendarDays = pgTable('working_calendar_days', {
  day: date('day').primaryKey(),
  kind: text('kind').$type<CalendarDayKind>().notNull(),
  name: text('name').notNull(),
});
