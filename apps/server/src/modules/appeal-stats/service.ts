// 诉求统计 appeal figures (三率: 响应率 response, 解决率 resolution, 满意率 satisfaction; and 按时办结率
// on-time rate), always computed from the records: whole months from the rollups the triggers keep exact
// (migration 0010), the days of partial months from the day rollups by district (0063) or, inside a
// district, from the records themselves; distinct enterprises from the
// counts the triggers keep for each calendar month, quarter and year (migration 0014) when the period is
// one of those, from the first records otherwise (migration 0062, decision 0005: each appeal's previous
// appeal of the same pair, so that the pairs of any period are counted from rollups by district with
// running day totals and one index range), by department and chamber too.
//
// Periods. An appeal counts in the period of its received_on (the Asia/Shanghai day) for the total and
// the groupings by category, org unit, chamber and month; a forward counts in the period of its
// forwarded_on for the grouping by department.
//
// Counters of appeals: received = all appeals; invalid = state 'invalid'; merged = state 'merged';
// valid = validated_at set and state neither 'invalid' nor 'merged'; forwarded = forwarded_at set;
// resolved / unsolvable = outcome; closedOnTime = answered_at <= resolve_due_at; closedLate = answered_at
// > resolve_due_at; openOverdue = no outcome yet and overdue (the scheduler's flag); rated = satisfaction
// set; satisfied / basicallySatisfied / dissatisfied = satisfaction. From their forwards: returned =
// state 'returned'; responded = responded_at set; respondedOnTime = responded_at <= respond_due_at;
// responseOverdue = still 'pending' with response_overdue. enterprises = distinct enterprises, each once
// in every org unit of the scope its appeals were registered with (an appeal's org unit is its enterprise's:
// they differ only for an enterprise that moved within the period) — a sum over org units, which the kept
// counts of migration 0014 can give for any scope, and by chamber as well (each chamber's, migration 0033).
//
// By department the same counters are of the department's forwards: received = forwarded = forwards;
// valid = forwards neither returned nor withdrawn; invalid = merged = 0; resolved / unsolvable = the
// forward's state; closedOnTime / closedLate from the forward's answered_at and resolve_due_at;
// openOverdue = forward pending or accepted with resolve_overdue; satisfaction = the rating copied onto the
// forward; enterprises = distinct enterprises of the forwarded appeals.
//
// Rates, null when there is nothing to divide by: responseRate = respondedOnTime ÷ (responded +
// responseOverdue); resolutionRate = resolved ÷ valid; satisfactionRate = (satisfied + basicallySatisfied)
// ÷ rated; onTimeRate = closedOnTime ÷ (closedOnTime + closedLate + openOverdue).
//
// Groups: department (label: its org unit name); category (appeal_categories.name_zh); orgUnit = the
// child units of the caller's unit (or of orgUnitId), each counting its subtree, plus the unit itself
// (本级) for records registered directly with it; chamber = the appeals of each chamber's current member
// enterprises, for the chambers in scope (whole months from the rollups of migration 0033); month = 'YYYY-MM'. Scope: the caller's org subtree, narrowed
// by orgUnitId to a unit inside it (outside: 404).
import type { AppealFigures, AppealStatsGroup, AppealStatsQuery, AppealStatsResult } from '@qinqing/shared';
import { pathInScope } from '../../core/access/access.ts';
import { rate } from '../../core/measures/registry.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { invalidField, notFound } from '../../core/errors.ts';
import { sideBySide, type Db, type DbOrTx } from '../../db/connection.ts';
import {
  appealCountersByMonthAndCategory,
  appealCountersFromRecords,
  appealCountersFromRollups,
  appealCountersOfDays,
  categoryNames,
  chamberCountersFromRecords,
  chamberCountersFromRollups,
  chamberCountersOfDays,
  chamberEnterprisesFromFirstRecords,
  chamberEnterprisesFromRecords,
  chambersOf,
  childUnits,
  COUNTERS,
  departmentCountersFromRecords,
  departmentCountersFromRollups,
  departmentCountersOfDays,
  departmentsInScope,
  enterprisesByAppealKey,
  enterprisesByDepartment,
  enterprisesByDepartmentFromFirstRecords,
  enterprisesByGroupFromCounts,
  enterprisesFromCounts,
  enterprisesFromFirstRecords,
  findOrgUnit,
  unitNames,
  type AppealKey,
  type CountedPeriods,
  type Counters,
  type DayRange,
  type KeyedCounters,
  type MonthRange,
  type Scope,
} from './repository.ts';
import { byMonth, monthsOf } from '../../core/calendar/months.ts';

/** Open ends of a period: before and after any appeal the platform will hold. */
const EARLIEST = '1900-01-01';
const LATEST = '2999-12-31';
/** Months a month grouping fills in with zeros between the asked ends; past this, only months with data. */
const MONTHS_FILLED = 240;
const FEDERATION_KINDS = new Set(['province', 'city', 'district', 'street']);

/** Where the counters come from: the rollups for whole months, or the records for every day. */
export type CounterSource = 'rollups' | 'records';

interface Period {
  months: MonthRange | null;
  days: DayRange[];
  whole: DayRange;
  /** The one calendar month, quarter or year the period is, if it is one: its enterprises are counted. */
  counted: CountedPeriods | null;
  /** The whole months the period is made of, if it is: each month's enterprises are counted. */
  countedMonths: CountedPeriods | null;
}

const dayAfter = (day: string, days = 1) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonthStart = (day: string) => {
  const date = new Date(`${monthStart(day)}T00:00:00Z`);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
};

const monthsLater = (day: string, months: number) => {
  const date = new Date(`${day}T00:00:00Z`);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1)).toISOString().slice(0, 10);
};

/** [from, to] as one calendar month, quarter or year, if it is exactly one. */
export function countedPeriod(from: string, to: string): CountedPeriods | null {
  if (!/^\d{4}-\d{2}-01$/.test(from)) return null;
  const month = Number(from.slice(5, 7));
  const lengths = [
    ['month', 1, true],
    ['quarter', 3, month % 3 === 1],
    ['year', 12, month === 1],
  ] as const;
  for (const [period, months, starts] of lengths) {
    if (starts && dayAfter(to) === monthsLater(from, months)) return { period, from, to: from };
  }
  return null;
}

/** [from, to] as a run of whole calendar months, if it is one. */
function wholeMonths(from: string, to: string): CountedPeriods | null {
  if (!from.endsWith('-01') || dayAfter(to) !== nextMonthStart(to)) return null;
  return { period: 'month', from, to: monthStart(to) };
}

/** The whole months of [from, to], read from the rollups, and the days before and after them. */
export function splitPeriod(from: string, to: string, source: CounterSource): Period {
  const whole = { from, to };
  if (source === 'records') {
    return { months: null, days: [whole], whole, counted: null, countedMonths: null };
  }
  const counted = { counted: countedPeriod(from, to), countedMonths: wholeMonths(from, to) };
  const first = from.endsWith('-01') ? from : nextMonthStart(from);
  const afterLast = dayAfter(to) === nextMonthStart(to) ? nextMonthStart(to) : monthStart(to);
  if (first >= afterLast) return { months: null, days: [whole], whole, ...counted };
  const days: DayRange[] = [];
  if (from < first) days.push({ from, to: dayAfter(first, -1) });
  if (afterLast <= to) days.push({ from: afterLast, to });
  return { months: { from: first, to: monthStart(dayAfter(afterLast, -1)) }, days, whole, ...counted };
}

/**
 * Distinct enterprises by key: from the kept counts when the period is one they are kept for, from the
 * first records for any other period — or, for the yardstick (`records`), from the records.
 */
export function enterprisesOf(
  db: DbOrTx,
  scope: Scope,
  period: Period,
  key: AppealKey,
  source: CounterSource = 'rollups',
) {
  const counted = key.by === 'month' ? period.countedMonths : period.counted;
  if (counted) return enterprisesFromCounts(db, scope, counted, key);
  return source === 'rollups'
    ? enterprisesFromFirstRecords(db, scope, period.whole, key)
    : enterprisesByAppealKey(db, scope, period.whole, key);
}

/** Distinct enterprises by chamber, chosen as enterprisesOf chooses. */
function chamberEnterprises(db: Db, scope: Scope, period: Period, source: CounterSource) {
  if (period.counted) return enterprisesByGroupFromCounts(db, scope, period.counted, 'chamber');
  return source === 'rollups'
    ? chamberEnterprisesFromFirstRecords(db, scope, period.whole)
    : chamberEnterprisesFromRecords(db, scope, period.whole);
}

/** Distinct enterprises by department, chosen as enterprisesOf chooses. */
function departmentEnterprises(db: Db, scope: Scope, period: Period, source: CounterSource) {
  if (period.counted) return enterprisesByGroupFromCounts(db, scope, period.counted, 'department');
  return source === 'rollups'
    ? enterprisesByDepartmentFromFirstRecords(db, scope, period.whole)
    : enterprisesByDepartment(db, scope, period.whole);
}

const zero = (): Counters => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counters;

/** Sums keyed counter rows (rollups, the days around them, appeals and forwards apart) per key. */
function sumByKey(rows: readonly KeyedCounters[], keyOf: (key: string) => string = (key) => key) {
  const sums = new Map<string, Counters>();
  for (const row of rows) {
    const key = keyOf(row.key);
    let sum = sums.get(key);
    if (!sum) sums.set(key, (sum = zero()));
    for (const counter of COUNTERS) sum[counter] += row[counter] ?? 0;
  }
  return sums;
}

export function figuresOf(c: Counters, enterprises: number): AppealFigures {
  return {
    ...c,
    enterprises,
    responseRate: rate(c.respondedOnTime, c.responded + c.responseOverdue),
    resolutionRate: rate(c.resolved, c.valid),
    satisfactionRate: rate(c.satisfied + c.basicallySatisfied, c.rated),
    onTimeRate: rate(c.closedOnTime, c.closedOnTime + c.closedLate + c.openOverdue),
  };
}

/** Counters by key: whole months from the rollups, the days around them as `source` says. */
async function appealCounters(db: Db, scope: Scope, period: Period, key: AppealKey, source: CounterSource) {
  const parts = await Promise.all([
    period.months ? appealCountersFromRollups(db, scope, period.months, key) : [],
    ...period.days.map((days) =>
      source === 'rollups'
        ? appealCountersOfDays(db, scope, days, key)
        : appealCountersFromRecords(db, scope, days, key),
    ),
  ]);
  return sumByKey(parts.flat());
}

/** Appeal counters of a period by category and by month (YYYY-MM), and their total. */
export interface AppealBreakdown {
  categories: Map<string, Counters>;
  months: Map<string, Counters>;
  total: Counters;
}

/**
 * Appeal counters by category, by month, and their total, in as few scans as the period allows: whole
 * months from the rollups by month and category at once; the days before and after them by category, each
 * run cut at its month's end (with no whole month between them, the days of a period span two months).
 */
export async function appealBreakdown(db: DbOrTx, scope: Scope, range: DayRange): Promise<AppealBreakdown> {
  const split = splitPeriod(range.from, range.to, 'rollups');
  const { months } = split;
  const runs = split.days.flatMap(byMonth);
  const [wholeMonths, ...days] = await sideBySide(db, [
    async () => (months ? appealCountersByMonthAndCategory(db, scope, months) : []),
    ...runs.map((run) => () => appealCountersOfDays(db, scope, run, { by: 'category' })),
  ]);
  // One key per month and category: 'YYYY-MM code'.
  const cells = [
    ...wholeMonths,
    ...days.flatMap((rows, index) =>
      rows.map((row) => ({ ...row, key: `${runs[index]!.from.slice(0, 7)} ${row.key}` })),
    ),
  ];
  return {
    categories: sumByKey(cells, (key) => key.split(' ')[1] ?? ''),
    months: sumByKey(cells, (key) => key.split(' ')[0] ?? ''),
    total: sumByKey(cells, () => '').get('') ?? zero(),
  };
}

/** Distinct enterprises that raised the appeals of a period (服务企业数), counted as the figures count them. */
export async function appealEnterprises(db: DbOrTx, scope: Scope, range: DayRange): Promise<number> {
  const [row] = await enterprisesOf(db, scope, splitPeriod(range.from, range.to, 'rollups'), { by: 'total' });
  return row?.enterprises ?? 0;
}

/** Forwards' counters of a period by department, as the figures by department count them. */
export async function departmentBreakdown(db: DbOrTx, scope: Scope, range: DayRange) {
  return departmentCounters(db, scope, splitPeriod(range.from, range.to, 'rollups'), 'rollups');
}

/**
 * Appeals' counters of a period by chamber, as the figures by chamber count them (the appeals in the scope of
 * each chamber's current member enterprises): a chamber's own figures read their chamber's.
 */
export async function chamberBreakdown(db: Db, scope: Scope, range: DayRange) {
  return chamberCounters(db, scope, splitPeriod(range.from, range.to, 'rollups'), 'rollups');
}

/** Counters by chamber: whole months from the chamber rollups, the days around them as `source` says. */
async function chamberCounters(db: Db, scope: Scope, period: Period, source: CounterSource) {
  const { months } = period;
  const parts = await Promise.all([
    months ? chamberCountersFromRollups(db, scope, months) : [],
    ...period.days.map((days) =>
      source === 'rollups'
        ? chamberCountersOfDays(db, scope, days)
        : chamberCountersFromRecords(db, scope, days),
    ),
  ]);
  return sumByKey(parts.flat());
}

async function departmentCounters(db: DbOrTx, scope: Scope, period: Period, source: CounterSource) {
  const { months } = period;
  const parts = await sideBySide(db, [
    async () => (months ? departmentCountersFromRollups(db, scope, months) : []),
    ...period.days.map(
      (days) => () =>
        source === 'rollups'
          ? departmentCountersOfDays(db, scope, days)
          : departmentCountersFromRecords(db, scope, days),
    ),
  ]);
  return sumByKey(parts.flat());
}

const enterpriseMap = (rows: readonly { key: string; enterprises: number }[]) =>
  new Map(rows.map((row) => [row.key, row.enterprises]));

interface Group {
  key: string;
  label: string;
  counters: Counters;
  enterprises: number;
}

async function groupsOf(
  db: Db,
  scope: Scope,
  base: { id: string; name: string; path: string },
  period: Period,
  groupBy: AppealStatsGroup,
  asked: { from?: string; to?: string },
  source: CounterSource,
): Promise<Group[]> {
  const withZeros = (counters: Map<string, Counters>, key: string) => counters.get(key) ?? zero();
  switch (groupBy) {
    case 'category': {
      const key: AppealKey = { by: 'category' };
      const [counters, enterprises, categories] = await Promise.all([
        appealCounters(db, scope, period, key, source),
        enterprisesOf(db, scope, period, key, source).then(enterpriseMap),
        categoryNames(db),
      ]);
      // Every appeal's category is one of these (a foreign key), inactive ones included.
      return categories.map((c) => ({
        key: c.code,
        label: c.name,
        counters: withZeros(counters, c.code),
        enterprises: enterprises.get(c.code) ?? 0,
      }));
    }
    case 'month': {
      const key: AppealKey = { by: 'month' };
      const [counters, enterprises] = await Promise.all([
        appealCounters(db, scope, period, key, source),
        enterprisesOf(db, scope, period, key, source).then(enterpriseMap),
      ]);
      const present = [...counters.keys()].sort();
      const first = [asked.from?.slice(0, 7), present[0]].filter((m) => m !== undefined).sort()[0];
      const last = [asked.to?.slice(0, 7), present[present.length - 1]]
        .filter((m) => m !== undefined)
        .sort()
        .pop();
      const span = first && last ? monthsOf({ from: `${first}-01`, to: `${last}-01` }) : [];
      const months = span.length <= MONTHS_FILLED ? span : present;
      return months.map((month) => ({
        key: month,
        label: month,
        counters: withZeros(counters, month),
        enterprises: enterprises.get(month) ?? 0,
      }));
    }
    case 'orgUnit': {
      const key: AppealKey = { by: 'orgUnit', base };
      const [counters, enterprises, children] = await Promise.all([
        appealCounters(db, scope, period, key, source),
        enterprisesOf(db, scope, period, key, source).then(enterpriseMap),
        childUnits(db, base.id),
      ]);
      // Federation units are listed even without appeals; other children (chambers, departments) and
      // the unit itself only when records are registered with them — a rollup row whose appeals all moved
      // away stays, at zero, and lists nothing.
      const registered = (id: string) => (counters.get(id)?.received ?? 0) > 0;
      const listed = children
        .filter((unit) => FEDERATION_KINDS.has(unit.kind) || registered(unit.id))
        .sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '') || a.name.localeCompare(b.name, 'zh-CN'))
        .map((unit) => ({ key: unit.id, label: unit.name }));
      if (registered(base.id)) listed.push({ key: base.id, label: `${base.name}（本级）` });
      return listed.map((g) => ({
        ...g,
        counters: withZeros(counters, g.key),
        enterprises: enterprises.get(g.key) ?? 0,
      }));
    }
    case 'department': {
      const [counters, enterprises, departments] = await Promise.all([
        departmentCounters(db, scope, period, source),
        departmentEnterprises(db, scope, period, source).then(enterpriseMap),
        departmentsInScope(db, scope),
      ]);
      // Forwards to departments outside the subtree (another district's) are named too — those with
      // forwards in the period: a rollup row whose forwards all moved away stays, at zero, and names nothing.
      const listedIds = new Set(departments.map((d) => d.id));
      const others = await unitNames(
        db,
        [...counters.keys()].filter((id) => !listedIds.has(id) && (counters.get(id)?.received ?? 0) > 0),
      );
      return [
        ...departments.map((d) => ({ key: d.id, label: d.name })),
        ...[...others].map(([id, name]) => ({ key: id, label: name })),
      ]
        .map((g) => ({
          ...g,
          counters: withZeros(counters, g.key),
          enterprises: enterprises.get(g.key) ?? 0,
        }))
        .sort(byReceived);
    }
    case 'chamber': {
      const [counters, enterprises, chambers] = await Promise.all([
        chamberCounters(db, scope, period, source),
        chamberEnterprises(db, scope, period, source).then(enterpriseMap),
        chambersOf(db, scope),
      ]);
      return chambers
        .map((c) => ({
          key: c.id,
          label: c.name,
          counters: withZeros(counters, c.id),
          enterprises: enterprises.get(c.id) ?? 0,
        }))
        .sort(byReceived);
    }
  }
}

/** Busiest first; names in Chinese order among equals. */
function byReceived(a: Group, b: Group): number {
  return b.counters.received - a.counters.received || a.label.localeCompare(b.label, 'zh-CN');
}

/**
 * The figures of a scope and period, with `source` saying where whole months are read from: the rollups
 * (what the API serves) or the records (what the rollups are tested against).
 */
export async function computeAppealFigures(
  db: Db,
  actor: Actor,
  query: AppealStatsQuery,
  source: CounterSource = 'rollups',
): Promise<AppealStatsResult> {
  const from = query.from ?? EARLIEST;
  const to = query.to ?? LATEST;
  if (from > to) throw invalidField('querystring.to', 'DATE_RANGE', '结束日期不能早于开始日期');
  let base = { id: actor.orgUnitId, name: '', path: actor.orgPath };
  if (query.orgUnitId) {
    const unit = await findOrgUnit(db, query.orgUnitId);
    if (!unit || !pathInScope(unit.path, actor)) throw notFound();
    base = unit;
  } else {
    const unit = await findOrgUnit(db, actor.orgUnitId);
    if (unit) base = unit;
  }
  const scope: Scope = { orgPath: base.path };
  const period = splitPeriod(from, to, source);
  const [totalCounters, totalEnterprises, groups] = await Promise.all([
    appealCounters(db, scope, period, { by: 'total' }, source),
    enterprisesOf(db, scope, period, { by: 'total' }, source),
    query.groupBy ? groupsOf(db, scope, base, period, query.groupBy, query, source) : [],
  ]);
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    groupBy: query.groupBy ?? null,
    total: figuresOf(totalCounters.get('') ?? zero(), totalEnterprises[0]?.enterprises ?? 0),
    groups: groups.map((g) => ({ key: g.key, label: g.label, ...figuresOf(g.counters, g.enterprises) })),
  };
}

export function appealStats(
  ctx: AppContext,
  actor: Actor,
  query: AppealStatsQuery,
): Promise<AppealStatsResult> {
  return computeAppealFigures(ctx.database.db, actor, query);
}
