// Calendar months of a run of days (YYYY-MM-DD, both ends included): the keys a trend or a breakdown by month
// lists, and each month's days inside the run.

export interface DayRun {
  from: string;
  to: string;
}

/** Months (YYYY-MM) from the run's first to its last, both included. */
export function monthsOf(run: DayRun): string[] {
  const months: string[] = [];
  let year = Number(run.from.slice(0, 4));
  let month = Number(run.from.slice(5, 7));
  const last = run.to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) return months;
    months.push(key);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

/** The days of a month (YYYY-MM) inside the run. */
export function monthWithin(month: string, run: DayRun): DayRun {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const end = new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
  const start = `${month}-01`;
  return { from: start < run.from ? run.from : start, to: end > run.to ? run.to : end };
}

/** The run cut at the ends of its months. */
export function byMonth(run: DayRun): DayRun[] {
  return monthsOf(run).map((month) => monthWithin(month, run));
}
