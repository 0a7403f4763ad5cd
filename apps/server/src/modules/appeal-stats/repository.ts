// Queries behind the 诉求统计 appeal figures: counters from the monthly rollups (migration 0010) and the
// same counters straight from the records (for the days of partial months, for chambers, and as the
// yardstick the rollups are tested against), distinct enterprises, and the names groups are shown with.
import { sql, type SQL } from 'drizzle-orm';
import { resolvedScope, withinScope, withinSizedScope } from '../../core/access/access.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { sideBySide, type Db, type DbOrTx } from '../../db/connection.ts';
import { aggregateRows } from '../../db/aggregate.ts';
import { forwardOverdueSql } from '../appeals/overdue.ts';

/** The org subtree figures are counted for: the caller's, or a unit inside it. */
export type Scope = Pick<Actor, 'orgPath'>;

export interface DayRange {
  from: string;
  to: string;
}

/** First days of the first and the last whole month counted from the rollups. */
export type MonthRange = DayRange;

/**
 * Calendar periods whose distinct enterprises are kept counted (appeal_enterprise_counts, migration 0014):
 * one month, quarter or year — or, for the grouping by month, a run of whole months — by their first days.
 */
export interface CountedPeriods {
  period: 'month' | 'quarter' | 'year';
  /** First days of the first and the last period. */
  from: string;
  to: string;
}

export const COUNTERS = [
  'received',
  'valid',
  'invalid',
  'merged',
  'forwarded',
  'returned',
  'responded',
  'respondedOnTime',
  'responseOverdue',
  'resolved',
  'unsolvable',
  'closedOnTime',
  'closedLate',
  'openOverdue',
  'rated',
  'satisfied',
  'basicallySatisfied',
  'dissatisfied',
] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counters = Record<Counter, number>;
export type KeyedCounters = Partial<Counters> & { key: string };

/**
 * How appeal-level counters are keyed. `orgUnit` keys each record by the child of `base` whose subtree
 * holds its org unit (the base itself for records registered directly with it).
 */
export type AppealKey =
  | { by: 'total' }
  | { by: 'category' }
  | { by: 'month' }
  | { by: 'orgUnit'; base: { id: string; path: string } };

/** The group key of a record, given its org unit column and its day (received_on) column. */
function keyOf(key: AppealKey, orgUnit: SQL, day: SQL, category: SQL): { select: SQL; join: SQL } {
  switch (key.by) {
    case 'total':
      return { select: sql`''`, join: sql`` };
    case 'category':
      return { select: category, join: sql`` };
    case 'month':
      return { select: sql`to_char(${day}, 'YYYY-MM')`, join: sql`` };
    case 'orgUnit':
      return {
        select: sql`CASE WHEN ou.id = ${key.base.id} THEN ${key.base.id}
          ELSE substr(ou.path, ${key.base.path.length + 1}, 36) END`,
        join: sql`JOIN org_units ou ON ou.id = ${orgUnit}`,
      };
  }
}

/** sum(alias.column)::int AS "counter" for each counter asked (all of them by default), by its rollup column. */
const summed = (alias: string, counters: readonly Counter[] = COUNTERS) =>
  sql.join(
    counters.map(
      (counter) =>
        sql`sum(${sql.raw(alias)}.${sql.raw(rollupColumn(counter))})::int AS ${sql.identifier(counter)}`,
    ),
    sql`, `,
  );

/**
 * Where whole months are read: a scope holding whole buckets reads the months by bucket (migration 0063), one
 * inside a district the monthly rollups by org unit (0010, 0033).
 */
async function monthsSource(
  db: DbOrTx,
  scope: Scope,
  tables: { byUnit: string; byBucket: string },
  base?: { id: string },
) {
  return (await bucketsServe(db, scope, base))
    ? { from: sql.raw(tables.byBucket), unit: sql`r.bucket_id`, inScope: (c: SQL) => bucketsIn(c, scope) }
    : { from: sql.raw(tables.byUnit), unit: sql`r.org_unit_id`, inScope: (c: SQL) => withinScope(c, scope) };
}

const APPEAL_MONTHS = { byUnit: 'appeal_rollups', byBucket: 'appeal_bucket_rollups' };
const DEPARTMENT_MONTHS = { byUnit: 'appeal_forward_rollups', byBucket: 'appeal_forward_bucket_rollups' };
const CHAMBER_MONTHS = { byUnit: 'appeal_chamber_rollups', byBucket: 'appeal_chamber_bucket_rollups' };

/** Appeal-level counters of whole months, from the monthly rollups (by bucket where they serve). */
export async function appealCountersFromRollups(
  db: DbOrTx,
  scope: Scope,
  months: MonthRange,
  key: AppealKey,
): Promise<KeyedCounters[]> {
  const source = await monthsSource(db, scope, APPEAL_MONTHS, key.by === 'orgUnit' ? key.base : undefined);
  const k = keyOf(key, source.unit, sql`r.month`, sql`r.category_code`);
  const counted = summed('r');
  return aggregateRows<KeyedCounters>(
    db,
    sql`SELECT ${k.select} AS key, ${counted}
      FROM ${source.from} r ${k.join}
      WHERE ${source.inScope(source.unit)} AND r.month BETWEEN ${months.from}::date AND ${months.to}::date
      GROUP BY 1`,
  );
}

/** A counter's column in appeal_rollups (migration 0010): its name in snake case. */
const rollupColumn = (counter: string) => counter.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The appeal counters of whole months from appeal_rollups (migration 0010), by month and category in one
 * scan: the dashboard's categories, trend and totals are sums of these rows. Keys are 'YYYY-MM category'.
 */
export async function appealCountersByMonthAndCategory(
  db: DbOrTx,
  scope: Scope,
  months: { from: string; to: string },
): Promise<KeyedCounters[]> {
  const source = await monthsSource(db, scope, APPEAL_MONTHS);
  const sums = summed('r');
  return aggregateRows<KeyedCounters>(
    db,
    sql`SELECT to_char(r.month, 'YYYY-MM') || ' ' || r.category_code AS key, ${sums}
      FROM ${source.from} r
      WHERE ${source.inScope(source.unit)}
        AND r.month BETWEEN ${months.from}::date AND ${months.to}::date
      GROUP BY r.month, r.category_code`,
  );
}

// Straight from the records: each counter as the module header defines it.
const appealRecordCounts = sql`
  count(*)::int AS "received",
  count(*) FILTER (WHERE a.validated_at IS NOT NULL AND a.state NOT IN ('invalid', 'merged'))::int AS "valid",
  count(*) FILTER (WHERE a.state = 'invalid')::int AS "invalid",
  count(*) FILTER (WHERE a.state = 'merged')::int AS "merged",
  count(a.forwarded_at)::int AS "forwarded",
  count(*) FILTER (WHERE a.outcome = 'resolved')::int AS "resolved",
  count(*) FILTER (WHERE a.outcome = 'unsolvable')::int AS "unsolvable",
  count(*) FILTER (WHERE a.answered_at <= a.resolve_due_at)::int AS "closedOnTime",
  count(*) FILTER (WHERE a.answered_at > a.resolve_due_at)::int AS "closedLate",
  count(*) FILTER (WHERE a.outcome IS NULL AND a.overdue)::int AS "openOverdue",
  count(a.satisfaction)::int AS "rated",
  count(*) FILTER (WHERE a.satisfaction = 'satisfied')::int AS "satisfied",
  count(*) FILTER (WHERE a.satisfaction = 'basically_satisfied')::int AS "basicallySatisfied",
  count(*) FILTER (WHERE a.satisfaction = 'dissatisfied')::int AS "dissatisfied"`;

/** The forwards' part of appeal-level counters: returned, responded, on time, response overdue. */
const forwardRecordCounts = sql`
  count(*) FILTER (WHERE f.state = 'returned')::int AS "returned",
  count(f.responded_at)::int AS "responded",
  count(*) FILTER (WHERE f.responded_at <= f.respond_due_at)::int AS "respondedOnTime",
  count(*) FILTER (WHERE f.state = 'pending' AND f.response_overdue)::int AS "responseOverdue"`;

/**
 * Appeal-level counters of the appeals received on the given days, from the records. The forwards'
 * counters go by the appeal's day and the forward's own (copied) org unit and category, as in the rollups.
 */
export async function appealCountersFromRecords(
  db: DbOrTx,
  scope: Scope,
  days: DayRange,
  key: AppealKey,
): Promise<KeyedCounters[]> {
  const ak = keyOf(key, sql`a.org_unit_id`, sql`a.received_on`, sql`a.category_code`);
  const fk = keyOf(key, sql`f.org_unit_id`, sql`a.received_on`, sql`f.category_code`);
  const appealRows = () =>
    aggregateRows<KeyedCounters>(
      db,
      sql`SELECT ${ak.select} AS key, ${appealRecordCounts}
        FROM appeals a ${ak.join}
        WHERE ${withinScope(sql`a.org_unit_id`, scope)} AND a.received_on BETWEEN ${days.from} AND ${days.to}
        GROUP BY 1`,
    );
  const forwardRows = () =>
    aggregateRows<KeyedCounters>(
      db,
      // From the appeals of the days to their forwards: a forward carries its appeal's org unit, so the
      // appeal's scope (an index on org unit and day) holds every forward in scope, and more narrowly.
      sql`SELECT ${fk.select} AS key, ${forwardRecordCounts}
        FROM appeals a JOIN appeal_forwards f ON f.appeal_id = a.id ${fk.join}
        WHERE ${withinScope(sql`a.org_unit_id`, scope)} AND a.received_on BETWEEN ${days.from} AND ${days.to}
          AND ${withinScope(sql`f.org_unit_id`, scope)}
        GROUP BY 1`,
    );
  return (await sideBySide(db, [appealRows, forwardRows])).flat();
}

/**
 * Appeal-level counters of the appeals received on the given days, from the day rollups by bucket (migration
 * 0063): the same numbers as appealCountersFromRecords, for a scope at or above a district.
 */
function appealCountersFromDayRollups(
  db: DbOrTx,
  scope: Scope,
  days: DayRange,
  key: AppealKey,
): Promise<KeyedCounters[]> {
  const k = keyOf(key, sql`d.bucket_id`, sql`d.day`, sql`d.category_code`);
  const counted = summed('d');
  return aggregateRows<KeyedCounters>(
    db,
    sql`SELECT ${k.select} AS key, ${counted} FROM appeal_day_rollups d ${k.join}
      WHERE ${bucketsIn(sql`d.bucket_id`, scope)} AND d.day BETWEEN ${days.from}::date AND ${days.to}::date
      GROUP BY 1`,
  );
}

/**
 * Appeal-level counters of the days around a period's whole months: from the day rollups when the scope
 * holds whole buckets, from the records inside a district (a few hundred appeals).
 */
export async function appealCountersOfDays(
  db: DbOrTx,
  scope: Scope,
  days: DayRange,
  key: AppealKey,
): Promise<KeyedCounters[]> {
  return (await bucketsServe(db, scope, key.by === 'orgUnit' ? key.base : undefined))
    ? appealCountersFromDayRollups(db, scope, days, key)
    : appealCountersFromRecords(db, scope, days, key);
}

/**
 * Distinct enterprises with an appeal received on the given days, by key — each counted once in each org
 * unit its appeals were registered with, as the kept counts are (migration 0014). An appeal's org unit is
 * its enterprise's, so this is the number of distinct enterprises unless one moved within the period.
 */
export function enterprisesByAppealKey(
  db: DbOrTx,
  scope: Scope,
  days: DayRange,
  key: AppealKey,
): Promise<{ key: string; enterprises: number }[]> {
  const k = keyOf(key, sql`a.org_unit_id`, sql`a.received_on`, sql`a.category_code`);
  return aggregateRows<{ key: string; enterprises: number }>(
    db,
    sql`SELECT key, count(*)::int AS enterprises FROM (
        SELECT DISTINCT ${k.select} AS key, a.org_unit_id, a.enterprise_id
        FROM appeals a ${k.join}
        WHERE ${withinScope(sql`a.org_unit_id`, scope)} AND a.received_on BETWEEN ${days.from} AND ${days.to}
      ) AS pairs
      GROUP BY key`,
  );
}

/** Where one kind of first records is read: the side table's and the rollup's columns. */
interface FirstRecordsSource {
  /** `FROM` of the side table (alias r) and of the rollup (alias u), joins included. */
  records: SQL;
  rollups: SQL;
  recordKey: SQL;
  rollupKey: SQL;
  /** The record's day and its previous record's day. */
  day: SQL;
  prev: SQL;
  /** The condition on the rollup's other key columns. */
  rollupWhere: SQL;
  /** For the grouping by month: each month counts from its own first day (or the period's, if later). */
  perMonth: boolean;
  /** For the grouping by org unit: the unit whose children are the groups. */
  base?: { id: string; path: string };
  /** Where the head's correction reads, when not from `records` (by chamber: its own side table, 0065). */
  correction?: { records: SQL; key: SQL };
  /**
   * For a key that depends on the unit alone (by org unit): the rollups and records without the key's join,
   * and the key of a unit (alias b.unit) — the buckets' and units' sums are keyed, not each row.
   */
  byUnit?: { rollups: SQL; records: SQL; key: { select: SQL; join: SQL } };
}

/** The buckets (migration 0062) inside a scope rooted at or above a district: a province's ~130. */
const bucketsIn = (column: SQL, scope: Scope) =>
  sql`${column} = ANY (ARRAY(SELECT bucket_id FROM appeal_buckets WHERE path LIKE ${scope.orgPath + '%'}))`;

/**
 * Whether the rollups by bucket (a unit's district, or the unit itself above district level) serve a scope:
 * when it is rooted at or above a district, it holds whole buckets — and, grouped by org unit, each child of
 * the base holds whole buckets when the base is above district level. Otherwise (a street, a community, a
 * district's own children) the scope's few side rows are read.
 */
async function bucketsServe(db: DbOrTx, scope: Scope, base?: { id: string }): Promise<boolean> {
  const unit = scope.orgPath.split('/').filter(Boolean).pop();
  if (!unit) return false;
  let root = scopeRoots.get(scope);
  if (!root) scopeRoots.set(scope, (root = scopeRoot(db, unit)));
  const row = await root;
  if (!row?.whole) return false;
  return !base || (base.id === unit && row.kind !== 'district');
}

/**
 * Whether a scope's unit is a bucket, and its kind: asked once per scope object — a figures request, a
 * dashboard's or a report's evaluation makes one and reads a dozen figures with it.
 */
const scopeRoots = new WeakMap<Scope, Promise<{ whole: boolean; kind: string } | undefined>>();
const scopeRoot = async (db: DbOrTx, unit: string) =>
  (
    await db.execute<{ whole: boolean; kind: string }>(
      sql`SELECT EXISTS (SELECT 1 FROM appeal_buckets WHERE bucket_id = ${unit}::uuid) AS whole, kind
        FROM org_units WHERE id = ${unit}::uuid`,
    )
  ).rows[0];

/**
 * Distinct pairs (or triples) with a record in [from, to], by key = the records of the period whose previous
 * record of the same pair lies before `from` (or that have none): each pair present counts once, at its
 * first record (migration 0062, decision 0005). From the rollups by bucket: the part of [from, to] of each
 * month's running day totals whose previous month lies before the month of `from` (by month: before the
 * row's own month), plus the records whose previous record lies in from's month before `from` (the rollup
 * cannot split that month; the previous-day index reads them) — or, from late in a month, the rows of that
 * previous month too, less the records whose previous record lies from `from` on. Inside a district, from the
 * side rows.
 */
async function countFirstRecords(db: DbOrTx, scope: Scope, period: DayRange, source: FirstRecordsSource) {
  const from = sql`${period.from}::date`;
  const to = sql`${period.to}::date`;
  const head = `${period.from.slice(0, 7)}-01`;
  if (!(await bucketsServe(db, scope, source.base))) {
    const startOf = source.perMonth
      ? sql`greatest(${from}, date_trunc('month', ${source.day}::timestamp)::date)`
      : from;
    const query = sql`SELECT ${source.recordKey} AS key, count(*)::int AS enterprises FROM ${source.records}
      WHERE ${withinScope(sql`r.org_unit_id`, scope)} AND ${source.day} BETWEEN ${from} AND ${to}
        AND (${source.prev} IS NULL OR ${source.prev} < ${startOf})
      GROUP BY 1`;
    return aggregateRows<{ key: string; enterprises: number }>(db, query);
  } else {
    // Each row's part of [from, to]: its running total at to's day (31 before to's month), less the total
    // before from's day in from's month. Written out, not appeal_days_part(): a SQL function evaluated per
    // row of a province's ~70,000 cost 600 ms by chamber, the subscripts 165 ms (the keys grouped as stored,
    // cast once after).
    const fromDay = Number(period.from.slice(8, 10));
    const toDay = Number(period.to.slice(8, 10));
    const part = sql`CASE WHEN u.month = ${`${period.to.slice(0, 7)}-01`}::date THEN u.days[${toDay}::int]
      ELSE u.days[31] END${fromDay > 1 ? sql` - CASE WHEN u.month = ${head}::date THEN u.days[${fromDay - 1}::int] ELSE 0 END` : sql``}`;
    // Keyed by unit (grouped by org unit), each bucket's or unit's sum is keyed once, after: keying each row
    // (a join and a substring of its path) cost 150 ms of 170 over 30 months at province scope.
    const byUnit = source.byUnit;
    const keyed = (unit: SQL, tables: SQL, plain: SQL | undefined, rowKey: SQL, sum: SQL, where: SQL) =>
      byUnit && plain
        ? sql`SELECT ${byUnit.key.select}::text AS key, sum(b.n)::int AS n
            FROM (SELECT ${unit} AS unit, ${sum} AS n FROM ${plain} WHERE ${where} GROUP BY 1) AS b
            ${byUnit.key.join}
            GROUP BY 1`
        : sql`SELECT g.key::text AS key, g.n FROM (SELECT ${rowKey} AS key, ${sum} AS n FROM ${tables}
            WHERE ${where} GROUP BY 1) AS g`;
    // The head's month is split at `from` by the records: those whose previous record lies before `from`
    // in it are added — or, when fewer days of it lie from `from` on, the rows of previous month H itself
    // are counted too and those whose previous record lies from `from` on are taken away (a year's turn from
    // 12-20 reads 12 days of previous records instead of 19).
    const headDays = new Date(Date.UTC(Number(head.slice(0, 4)), Number(head.slice(5, 7)), 0)).getUTCDate();
    const complement = fromDay > 1 && headDays - fromDay + 1 < fromDay - 1;
    const nextOfHead = sql`(${head}::date + interval '1 month')::date`;
    const prevBefore = source.perMonth
      ? complement
        ? sql`CASE WHEN u.month = ${head}::date THEN ${nextOfHead} ELSE u.month END`
        : sql`u.month`
      : complement
        ? nextOfHead
        : sql`${head}::date`;
    const parts = [
      keyed(
        sql`u.bucket_id`,
        source.rollups,
        byUnit?.rollups,
        source.rollupKey,
        sql`sum(${part})::int`,
        sql`${bucketsIn(sql`u.bucket_id`, scope)}
          AND u.month BETWEEN ${head}::date AND date_trunc('month', ${to}::timestamp)::date
          AND ${source.rollupWhere} AND u.prev_month < ${prevBefore}`,
      ),
    ];
    if (head < period.from) {
      // By month only from's month has the correction: a later month counts from its own first day.
      const last = source.perMonth
        ? sql`least(${to}, (${head}::date + interval '1 month - 1 day')::date)`
        : to;
      // One range of the previous-day index, read alone (`+ 0` keeps the planner off the day index, whose
      // bitmap over a province's weeks would fetch the table's pages), the scope's units hashed.
      const correction = source.correction ?? { records: source.records, key: source.recordKey };
      parts.push(
        keyed(
          sql`r.org_unit_id`,
          correction.records,
          source.correction ? undefined : byUnit?.records,
          correction.key,
          complement ? sql`(-count(*))::int` : sql`count(*)::int`,
          sql`${
            complement
              ? sql`${source.prev} >= ${from} AND ${source.prev} < ${nextOfHead}`
              : sql`${source.prev} >= ${head}::date AND ${source.prev} < ${from}`
          }
          AND ${source.day} + 0 BETWEEN ${from} AND ${last} AND ${withinSizedScope(sql`r.org_unit_id`, scope)}`,
        ),
      );
    }
    // The rollup's rows and the correction side by side (two connections on the pool; one after the other
    // in a transaction): in one statement they ran one after the other.
    const counted = await sideBySide(
      db,
      parts.map((part) => () => aggregateRows<{ key: string; n: number }>(db, part)),
    );
    const sums = new Map<string, number>();
    for (const row of counted.flat()) sums.set(row.key, (sums.get(row.key) ?? 0) + row.n);
    return [...sums].filter(([, n]) => n !== 0).map(([key, enterprises]) => ({ key, enterprises }));
  }
}

/**
 * Distinct enterprises by key with an appeal received in the period, from the first records — the same
 * numbers as enterprisesByAppealKey counts from the records, for any period.
 */
export function enterprisesFromFirstRecords(
  db: DbOrTx,
  scope: Scope,
  period: DayRange,
  key: AppealKey,
): Promise<{ key: string; enterprises: number }[]> {
  const rk = keyOf(key, sql`r.org_unit_id`, sql`r.received_on`, sql`r.category_code`);
  const uk = keyOf(key, sql`u.bucket_id`, sql`u.month`, sql`u.key`);
  return countFirstRecords(db, scope, period, {
    records: sql`appeal_first_records r ${rk.join}`,
    rollups: sql`appeal_first_rollups u ${uk.join}`,
    recordKey: rk.select,
    rollupKey: uk.select,
    day: sql`r.received_on`,
    prev: key.by === 'category' ? sql`r.prev_category_on` : sql`r.prev_on`,
    rollupWhere: sql`u.grouped_by = ${key.by === 'category' ? 'category' : 'all'}`,
    perMonth: key.by === 'month',
    ...(key.by === 'orgUnit'
      ? {
          base: key.base,
          byUnit: {
            rollups: sql`appeal_first_rollups u`,
            records: sql`appeal_first_records r`,
            key: keyOf(key, sql`b.unit`, sql`NULL`, sql`NULL`),
          },
        }
      : {}),
  });
}

/** Distinct enterprises by department of the forwards made in the period, from the forwards' first records. */
export function enterprisesByDepartmentFromFirstRecords(
  db: DbOrTx,
  scope: Scope,
  period: DayRange,
): Promise<{ key: string; enterprises: number }[]> {
  return countFirstRecords(db, scope, period, {
    records: sql`appeal_forward_first_records r`,
    rollups: sql`appeal_forward_first_rollups u`,
    recordKey: sql`r.department_id`,
    rollupKey: sql`u.department_id`,
    day: sql`r.forwarded_on`,
    prev: sql`r.prev_forwarded_on`,
    rollupWhere: sql`true`,
    perMonth: false,
  });
}

/**
 * Distinct enterprises by chamber (each one's current member enterprises' appeals received in the period),
 * from the first records: every chamber the scope's appeals count in is keyed; the caller lists the ones in
 * scope, as for the kept counts.
 */
export function chamberEnterprisesFromFirstRecords(
  db: DbOrTx,
  scope: Scope,
  period: DayRange,
): Promise<{ key: string; enterprises: number }[]> {
  return countFirstRecords(db, scope, period, {
    records: sql`appeal_first_records r JOIN chamber_memberships cm ON cm.enterprise_id = r.enterprise_id`,
    rollups: sql`appeal_chamber_first_rollups u`,
    recordKey: sql`cm.chamber_id`,
    rollupKey: sql`u.chamber_id`,
    day: sql`r.received_on`,
    prev: sql`r.prev_on`,
    rollupWhere: sql`true`,
    perMonth: false,
    // Each first record once per chamber of its enterprise, the chamber in the previous-day index: one
    // range read, where meeting the memberships record by record cost ~300 ms of CPU at province scale.
    correction: { records: sql`appeal_chamber_first_records r`, key: sql`r.chamber_id` },
  });
}

/** Distinct enterprises by key from the kept counts: every appeal, or by category (key.by 'category'). */
export function enterprisesFromCounts(
  db: DbOrTx,
  scope: Scope,
  periods: CountedPeriods,
  key: AppealKey,
): Promise<{ key: string; enterprises: number }[]> {
  const k = keyOf(key, sql`c.org_unit_id`, sql`c.starts_on`, sql`c.key`);
  return aggregateRows<{ key: string; enterprises: number }>(
    db,
    sql`SELECT ${k.select} AS key, sum(c.enterprises)::int AS enterprises
      FROM appeal_enterprise_counts c ${k.join}
      WHERE ${withinScope(sql`c.org_unit_id`, scope)} AND c.period = ${periods.period}
        AND c.starts_on BETWEEN ${periods.from} AND ${periods.to}
        AND c.grouped_by = ${key.by === 'category' ? 'category' : 'all'}
      GROUP BY 1`,
  );
}

/**
 * Distinct enterprises from the kept counts by department (the forwards to each) or by chamber (each one's
 * member enterprises' appeals): every key the scope's counts hold, whether or not the department or
 * chamber lies in the scope — the caller lists the ones it shows (a filter here sends the planner into a
 * loop per chamber: 43 s a province).
 */
export function enterprisesByGroupFromCounts(
  db: Db,
  scope: Scope,
  periods: CountedPeriods,
  groupedBy: 'department' | 'chamber',
): Promise<{ key: string; enterprises: number }[]> {
  return aggregateRows<{ key: string; enterprises: number }>(
    db,
    sql`SELECT c.key, sum(c.enterprises)::int AS enterprises
      FROM appeal_enterprise_counts c
      WHERE ${withinScope(sql`c.org_unit_id`, scope)} AND c.period = ${periods.period}
        AND c.starts_on BETWEEN ${periods.from} AND ${periods.to} AND c.grouped_by = ${groupedBy}
      GROUP BY 1`,
  );
}

// 按部门 by department: a forward counts in the period of its forwarded_on. `received` and `forwarded`
// are the forwards, `valid` those not returned or withdrawn (what resolution is measured against).
const departmentCounters = (forwards: SQL, returned: SQL, withdrawn: SQL) => sql`
  ${forwards} AS "received", ${forwards} AS "forwarded",
  ${forwards} - ${returned} - ${withdrawn} AS "valid", ${returned} AS "returned"`;

/** Department counters of whole months, from the departments' monthly rollups (by bucket where they serve). */
export async function departmentCountersFromRollups(
  db: DbOrTx,
  scope: Scope,
  months: MonthRange,
): Promise<KeyedCounters[]> {
  const source = await monthsSource(db, scope, DEPARTMENT_MONTHS);
  const counted = summed('r', DEPARTMENT_DAY_COUNTERS);
  return aggregateRows<KeyedCounters>(
    db,
    sql`SELECT r.department_id::text AS key,
        ${departmentCounters(sql`sum(r.forwards)::int`, sql`sum(r.returned)::int`, sql`sum(r.withdrawn)::int`)},
        ${counted}
      FROM ${source.from} r
      WHERE ${source.inScope(source.unit)} AND r.month BETWEEN ${months.from}::date AND ${months.to}::date
      GROUP BY r.department_id`,
  );
}

/** Department counters of the forwards made on the given days, from the records. */
export function departmentCountersFromRecords(
  db: DbOrTx,
  scope: Scope,
  days: DayRange,
): Promise<KeyedCounters[]> {
  return aggregateRows<KeyedCounters>(
    db,
    sql`SELECT f.department_id::text AS key,
        ${departmentCounters(
          sql`count(*)::int`,
          sql`count(*) FILTER (WHERE f.state = 'returned')::int`,
          sql`count(*) FILTER (WHERE f.state = 'withdrawn')::int`,
        )},
        count(f.responded_at)::int AS "responded",
        count(*) FILTER (WHERE f.responded_at <= f.respond_due_at)::int AS "respondedOnTime",
        count(*) FILTER (WHERE f.state = 'pending' AND f.response_overdue)::int AS "responseOverdue",
        count(*) FILTER (WHERE f.state = 'resolved')::int AS "resolved",
        count(*) FILTER (WHERE f.state = 'unsolvable')::int AS "unsolvable",
        count(*) FILTER (WHERE f.answered_at <= f.resolve_due_at)::int AS "closedOnTime",
        count(*) FILTER (WHERE f.answered_at > f.resolve_due_at)::int AS "closedLate",
        count(*) FILTER (WHERE f.state IN ('pending', 'accepted') AND f.resolve_overdue)::int AS "openOverdue",
        count(f.satisfaction)::int AS "rated",
        count(*) FILTER (WHERE f.satisfaction = 'satisfied')::int AS "satisfied",
        count(*) FILTER (WHERE f.satisfaction = 'basically_satisfied')::int AS "basicallySatisfied",
        count(*) FILTER (WHERE f.satisfaction = 'dissatisfied')::int AS "dissatisfied"
      FROM appeal_forwards f
      WHERE ${withinScope(sql`f.org_unit_id`, scope)} AND f.forwarded_on BETWEEN ${days.from} AND ${days.to}
      GROUP BY f.department_id`,
  );
}

/** The department counters kept by day (migration 0063) besides the three departmentCounters derives. */
const DEPARTMENT_DAY_COUNTERS = [
  'responded',
  'respondedOnTime',
  'responseOverdue',
  'resolved',
  'unsolvable',
  'closedOnTime',
  'closedLate',
  'openOverdue',
  'rated',
  'satisfied',
  'basicallySatisfied',
  'dissatisfied',
] as const;

/**
 * Department counters of the forwards made on the given days: from the day rollups by bucket (migration 0063)
 * when the scope holds whole buckets, from the records inside a district.
 */
export async function departmentCountersOfDays(
  db: DbOrTx,
  scope: Scope,
  days: DayRange,
): Promise<KeyedCounters[]> {
  if (!(await bucketsServe(db, scope))) return departmentCountersFromRecords(db, scope, days);
  const counted = summed('d', DEPARTMENT_DAY_COUNTERS);
  return aggregateRows<KeyedCounters>(
    db,
    sql`SELECT d.department_id::text AS key,
        ${departmentCounters(sql`sum(d.forwards)::int`, sql`sum(d.returned)::int`, sql`sum(d.withdrawn)::int`)},
        ${counted}
      FROM appeal_forward_day_rollups d
      WHERE ${bucketsIn(sql`d.bucket_id`, scope)} AND d.day BETWEEN ${days.from}::date AND ${days.to}::date
      GROUP BY d.department_id`,
  );
}

/** Distinct enterprises (per org unit, as above) whose appeals were forwarded to each department on the given days. */
export function enterprisesByDepartment(
  db: Db,
  scope: Scope,
  days: DayRange,
): Promise<{ key: string; enterprises: number }[]> {
  return aggregateRows<{ key: string; enterprises: number }>(
    db,
    sql`SELECT department_id::text AS key, count(*)::int AS enterprises FROM (
        SELECT DISTINCT f.department_id, f.org_unit_id, a.enterprise_id
        FROM appeal_forwards f JOIN appeals a ON a.id = f.appeal_id
        WHERE ${withinScope(sql`f.org_unit_id`, scope)} AND f.forwarded_on BETWEEN ${days.from} AND ${days.to}
      ) AS pairs
      GROUP BY department_id`,
  );
}

/** The chambers a figure by chamber lists, each member enterprise's appeals counting in it. */
const chambersWhere = (inScope: SQL) =>
  sql`(SELECT id FROM org_units WHERE kind IN ('chamber', 'association') AND ${inScope})`;
const chambersInScope = (scope: Scope) => chambersWhere(withinScope(sql`id`, scope));

/**
 * An enterprise's appeals received on the given days. received_on is received_at's day in Asia/Shanghai,
 * so the instants bound the same appeals — and let the index on (enterprise_id, received_at) read only
 * them instead of every appeal the enterprise ever raised.
 */
const receivedOnDays = (days: DayRange) => sql`a.received_on BETWEEN ${days.from} AND ${days.to}
  AND a.received_at >= (${days.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
  AND a.received_at < ((${days.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/** The scope of a figure by chamber: its appeals', its forwards' and its chambers' conditions. */
async function chamberScope(db: Db, scope: Scope) {
  // A province's 900,000 memberships meet its quarter's appeals in a hash join only when the planner sees
  // the scope's size: 1.8 s instead of 30 s in nested loops (bench/service-loop.ts).
  const [appealsInScope, forwardsInScope, chambers] = await Promise.all([
    resolvedScope(db, sql`a.org_unit_id`, scope),
    resolvedScope(db, sql`f.org_unit_id`, scope),
    resolvedScope(db, sql`id`, scope).then(chambersWhere),
  ]);
  return { appealsInScope, forwardsInScope, chambers };
}

/**
 * 按商会 by chamber, from the records: the appeals of each chamber's current member enterprises received on
 * the given days, and their forwards.
 */
export async function chamberCountersFromRecords(
  db: Db,
  scope: Scope,
  days: DayRange,
): Promise<KeyedCounters[]> {
  const { appealsInScope, forwardsInScope, chambers } = await chamberScope(db, scope);
  const [appealRows, forwardRows] = await Promise.all([
    aggregateRows<KeyedCounters>(
      db,
      sql`SELECT cm.chamber_id::text AS key, ${appealRecordCounts}
        FROM appeals a JOIN chamber_memberships cm ON cm.enterprise_id = a.enterprise_id
        WHERE ${appealsInScope} AND cm.chamber_id IN ${chambers}
          AND ${receivedOnDays(days)}
        GROUP BY cm.chamber_id`,
    ),
    aggregateRows<KeyedCounters>(
      db,
      sql`SELECT cm.chamber_id::text AS key, ${forwardRecordCounts}
        FROM appeals a JOIN appeal_forwards f ON f.appeal_id = a.id
          JOIN chamber_memberships cm ON cm.enterprise_id = a.enterprise_id
        WHERE ${appealsInScope} AND ${receivedOnDays(days)}
          AND ${forwardsInScope} AND cm.chamber_id IN ${chambers}
        GROUP BY cm.chamber_id`,
    ),
  ]);
  return [...appealRows, ...forwardRows];
}

/**
 * 按商会 counters of the appeals received on the given days: from the day rollups by bucket (migration 0063)
 * when the scope holds whole buckets, from the records inside a district.
 */
export async function chamberCountersOfDays(db: Db, scope: Scope, days: DayRange): Promise<KeyedCounters[]> {
  if (!(await bucketsServe(db, scope))) return chamberCountersFromRecords(db, scope, days);
  const counted = summed('d');
  return aggregateRows<KeyedCounters>(
    db,
    // Summed first, then kept to the scope's chambers: probing each chamber's keys would cost seconds.
    sql`WITH summed AS MATERIALIZED (
        SELECT d.chamber_id::text AS key, ${counted} FROM appeal_chamber_day_rollups d
        WHERE ${bucketsIn(sql`d.bucket_id`, scope)} AND d.day BETWEEN ${days.from}::date AND ${days.to}::date
        GROUP BY d.chamber_id)
      SELECT * FROM summed WHERE summed.key::uuid IN ${chambersInScope(scope)}`,
  );
}

/**
 * Distinct enterprises of each chamber's appeals received on the given days, from the records: once in each
 * org unit their appeals were registered with, as every grouping counts them (migration 0014).
 */
export async function chamberEnterprisesFromRecords(
  db: Db,
  scope: Scope,
  days: DayRange,
): Promise<{ key: string; enterprises: number }[]> {
  const { appealsInScope, chambers } = await chamberScope(db, scope);
  return aggregateRows<{ key: string; enterprises: number }>(
    db,
    sql`SELECT cm.chamber_id::text AS key, count(DISTINCT (a.org_unit_id, a.enterprise_id))::int AS enterprises
      FROM appeals a JOIN chamber_memberships cm ON cm.enterprise_id = a.enterprise_id
      WHERE ${appealsInScope} AND cm.chamber_id IN ${chambers} AND ${receivedOnDays(days)}
      GROUP BY cm.chamber_id`,
  );
}

/**
 * 按商会 by chamber, whole months from appeal_chamber_rollups (migration 0033): the appeals of each chamber's
 * current member enterprises and their forwards, as chamberCountersFromRecords counts them. Every chamber
 * the scope's appeals count in is keyed; the caller lists the chambers in scope (chambersOf) and reads
 * theirs — filtering the chambers here sends the planner into a nested loop per chamber (43 s a province).
 */
export async function chamberCountersFromRollups(
  db: Db,
  scope: Scope,
  months: MonthRange,
): Promise<KeyedCounters[]> {
  const source = await monthsSource(db, scope, CHAMBER_MONTHS);
  const sums = summed('r');
  return aggregateRows<KeyedCounters>(
    db,
    sql`SELECT r.chamber_id::text AS key, ${sums}
      FROM ${source.from} r
      WHERE ${source.inScope(source.unit)}
        AND r.month BETWEEN ${months.from}::date AND ${months.to}::date
      GROUP BY r.chamber_id`,
  );
}

/** 未评价办结: the appeals received on the given days that closed without a rating. */
export async function countClosedUnrated(db: DbOrTx, scope: Scope, days: DayRange): Promise<number> {
  const { rows } = await db.execute<{ count: number }>(
    sql`SELECT count(*)::int AS count FROM appeals a
      WHERE a.closed_unrated AND ${withinScope(sql`a.org_unit_id`, scope)}
        AND a.received_on BETWEEN ${days.from}::date AND ${days.to}::date`,
  );
  return rows[0]?.count ?? 0;
}

/**
 * 已超期: the appeals received on the given days that are overdue at `now` by the one definition of
 * modules/appeals/overdue.ts (an open forward of the current round past a deadline).
 */
export async function countOverdueNow(db: DbOrTx, scope: Scope, days: DayRange, now: Date): Promise<number> {
  const { rows } = await db.execute<{ count: number }>(
    sql`SELECT count(DISTINCT f.appeal_id)::int AS count
      FROM appeal_forwards f JOIN appeals a ON a.id = f.appeal_id AND a.round = f.round
      WHERE ${forwardOverdueSql('f', now)} AND ${withinScope(sql`a.org_unit_id`, scope)}
        AND a.received_on BETWEEN ${days.from}::date AND ${days.to}::date`,
  );
  return rows[0]?.count ?? 0;
}

// Names -------------------------------------------------------------------------------------------------

export type UnitRow = { id: string; name: string; kind: string; code: string | null; path: string };

export async function findOrgUnit(db: DbOrTx, id: string): Promise<UnitRow | undefined> {
  const { rows } = await db.execute<UnitRow>(
    sql`SELECT id, name, kind, code, path FROM org_units WHERE id = ${id}`,
  );
  return rows[0];
}

export async function childUnits(db: DbOrTx, parentId: string): Promise<UnitRow[]> {
  const { rows } = await db.execute<UnitRow>(
    sql`SELECT id, name, kind, code, path FROM org_units WHERE parent_id = ${parentId}`,
  );
  return rows;
}

export async function unitNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.execute<{ id: string; name: string }>(
    sql`SELECT id, name FROM org_units WHERE id = ANY (${sql.param([...ids])}::uuid[])`,
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The departments (职能部门) inside the scope: listed even when nothing was forwarded to them. */
export async function departmentsInScope(db: DbOrTx, scope: Scope): Promise<{ id: string; name: string }[]> {
  const { rows } = await db.execute<{ id: string; name: string }>(
    sql`SELECT id, name FROM org_units WHERE kind = 'department' AND ${withinScope(sql`id`, scope)}`,
  );
  return rows;
}

export async function chambersOf(db: DbOrTx, scope: Scope): Promise<{ id: string; name: string }[]> {
  const { rows } = await db.execute<{ id: string; name: string }>(
    sql`SELECT id, name FROM org_units WHERE id IN ${chambersInScope(scope)}`,
  );
  return rows;
}

export async function categoryNames(db: DbOrTx): Promise<{ code: string; name: string; sort: number }[]> {
  const { rows } = await db.execute<{ code: string; name: string; sort: number }>(
    sql`SELECT code, name_zh AS name, sort FROM appeal_categories ORDER BY sort, code`,
  );
  return rows;
}

/**
 * Recounts the rollups and the kept distinct-enterprise counts from the records (rebuild_appeal_rollups,
 * migration 0010; rebuild_appeal_enterprise_counts, 0014; rebuild_appeal_first_records, 0062; rebuild_appeal_day_rollups, 0063): after a bulk
 * load with the triggers off, or to repair. Writers to appeals and forwards wait while it runs.
 */
export async function rebuildAppealRollups(db: DbOrTx): Promise<void> {
  await db.execute(sql`SELECT rebuild_appeal_rollups()`);
  await db.execute(sql`SELECT rebuild_appeal_day_rollups()`);
  await db.execute(sql`SELECT rebuild_appeal_enterprise_counts()`);
  await db.execute(sql`SELECT rebuild_appeal_first_records()`);
}
