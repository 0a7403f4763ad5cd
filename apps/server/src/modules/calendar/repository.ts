// Queries over the 工作日历 working-day calendar that the administrator's page needs: a year's overrides and
// their replacement (the calendar's loading queries are in core/calendar).
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { CalendarDay } from '@qinqing/shared';
import type { DbOrTx } from '../../db/connection.ts';
import { workingCalendarDays, workingCalendarYears } from '../../db/schema/index.ts';
import { dayColumns } from '../../core/calendar/repository.ts';

function inYear(year: number) {
  return and(gte(workingCalendarDays.day, `${year}-01-01`), lte(workingCalendarDays.day, `${year}-12-31`));
}

export async function findYear(
  db: DbOrTx,
  year: number,
): Promise<{ configured: boolean; updatedAt: Date | null; days: CalendarDay[] }> {
  const [entry] = await db
    .select({ updatedAt: workingCalendarYears.updatedAt })
    .from(workingCalendarYears)
    .where(eq(workingCalendarYears.year, year));
  const days = await db
    .select(dayColumns)
    .from(workingCalendarDays)
    .where(inYear(year))
    .orderBy(asc(workingCalendarDays.day));
  return { configured: entry !== undefined, updatedAt: entry?.updatedAt ?? null, days };
}

const CALENDAR_YEAR_LOCK = 7_301_010;

/** Replaces a year's overrides and marks the year configured; two replacements of one year queue. */
export async function replaceYear(
  tx: DbOrTx,
  year: number,
  days: CalendarDay[],
  by: string | null,
  now: Date,
): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CALENDAR_YEAR_LOCK}, ${year})`);
  await tx.delete(workingCalendarDays).where(inYear(year));
  if (days.length > 0) await tx.insert(workingCalendarDays).values(days);
  await tx
    .insert(workingCalendarYears)
    .values({ year, updatedAt: now, updatedBy: by })
    .onConflictDoUpdate({ target: workingCalendarYears.year, set: { updatedAt: now, updatedBy: by } });
}
