// Queries the working-day calendar is loaded from: every override (holidays, adjusted working weekends)
// and the years an administrator has entered.
import type { CalendarDay } from '@qinqing/shared';
import type { DbOrTx } from '../../db/connection.ts';
import { workingCalendarDays, workingCalendarYears } from '../../db/schema/index.ts';

export const dayColumns = {
  day: workingCalendarDays.day,
  kind: workingCalendarDays.kind,
  name: workingCalendarDays.name,
};

/** Every override (a few dozen a year): the working calendar keeps them in memory. */
export async function listAllOverrides(db: DbOrTx): Promise<CalendarDay[]> {
  return db.select(dayColumns).from(workingCalendarDays);
}

export async function listConfiguredYears(db: DbOrTx): Promise<number[]> {
  const rows = await db.select({ year: workingCalendarYears.year }).from(workingCalendarYears);
  return rows.map((row) => row.year);
}
