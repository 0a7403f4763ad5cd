// 报告数据 the figures of a report, always read from the records of the unit's subtree for the period: members
// (在册、新入会、退会), visits and coverage (走访覆盖率), appeals (诉求: received, valid, resolved, the rates)
// by category with representative cases, the departments' work, suggestions (建言); and a SHA-256 over the
// ids, versions and last changes of every record counted, so that a report shows whether it still matches
// its data.
// Appeals are counted by the appeal figures' own queries (modules/appeal-stats): whole months from the
// rollups of migration 0010 (a district's quarter is a few hundred rows even with ten million appeals),
// the days of partial months from the records, so a report and the statistics page always agree.
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { PeriodRange } from '@qinqing/shared';
import { withinScope } from '../../core/access/access.ts';
import type { DbOrTx } from '../../db/connection.ts';
import {
  appealCountersFromRecords,
  appealCountersFromRollups,
  categoryNames,
  COUNTERS,
  departmentCountersFromRecords,
  departmentCountersFromRollups,
  unitNames,
  type Counters,
  type KeyedCounters,
} from '../appeal-stats/repository.ts';
import { enterprisesOf, splitPeriod } from '../appeal-stats/service.ts';

/** The federation unit a report covers: figures count its whole subtree. */
export interface ReportUnit {
  id: string;
  name: string;
  path: string;
}

export interface CaseData {
  appealId: string;
  number: string;
  title: string;
  enterpriseName: string;
  state: string;
  outcome: string | null;
  departmentName: string | null;
  answer: string | null;
}

export interface CategoryData {
  code: string;
  name: string;
  counters: Counters;
  cases: CaseData[];
}

/** A department's forwards made in the period, counted as the appeal figures count them by department. */
export interface DepartmentData {
  id: string;
  name: string;
  counters: Counters;
}

/**
 * What a report stores as its figures (the `figures` column): counts only; rates are derived with the
 * appeal figures' definitions (figuresOf in modules/appeal-stats).
 */
export interface ReportData {
  /** The last day counted: the period's end, or today while the period is still running. */
  asOf: string;
  members: { active: number; joined: number; left: number };
  /** `base`: active members; `covered`: those of them visited in the period. */
  visits: { done: number; enterprises: number; base: number; covered: number };
  /** Appeals received in the period (the appeal figures' counters), and the enterprises that raised them. */
  appeals: Counters & { enterprises: number };
  /** Categories with appeals received, most first. */
  categories: CategoryData[];
  departments: DepartmentData[];
  suggestions: { submitted: number; adopted: number; partlyAdopted: number };
}

export interface ComputedReport {
  data: ReportData;
  /** SHA-256 (hex) over the sorted ids and versions of the records counted. */
  dataHash: string;
}

// Queries ------------------------------------------------------------------------------------------------

/** A PostgreSQL array literal as one parameter (Drizzle would expand a JS array into a list). */
const textArray = (values: readonly string[]) =>
  sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;

/** The digest of the records counted, in id order: id, version and last change of each. */
const digest = (filter: SQL) =>
  sql`encode(sha256(convert_to(coalesce(string_agg(id::text || ':' || version || ':' ||
    (extract(epoch FROM updated_at) * 1000000)::bigint, ',' ORDER BY id) FILTER (WHERE ${filter}), ''), 'UTF8')), 'hex')`;

interface MemberRow extends Record<string, unknown> {
  active: number;
  joined: number;
  left: number;
  covered: number;
  hash: string;
}

/**
 * Members of the subtree (merged duplicates left out): active as of the period's end (the base visit
 * coverage is measured on, as in modules/visits), joined in the period, withdrawn in the period.
 */
async function memberFigures(db: DbOrTx, unit: ReportUnit, period: PeriodRange): Promise<MemberRow> {
  const active = sql`(e.membership_status = 'active' AND (e.joined_on IS NULL OR e.joined_on <= ${period.to}::date))`;
  const joined = sql`(e.joined_on BETWEEN ${period.from}::date AND ${period.to}::date)`;
  const left = sql`(e.membership_status = 'withdrawn' AND e.membership_status_on BETWEEN ${period.from}::date AND ${period.to}::date)`;
  const { rows } = await db.execute<MemberRow>(sql`
    SELECT count(*) FILTER (WHERE ${active})::int AS active,
      count(*) FILTER (WHERE ${joined})::int AS joined,
      count(*) FILTER (WHERE ${left})::int AS left,
      count(*) FILTER (WHERE ${active} AND EXISTS (SELECT 1 FROM visits v WHERE v.enterprise_id = e.id
        AND v.status = 'done' AND v.visited_on BETWEEN ${period.from}::date AND ${period.to}::date))::int AS covered,
      ${digest(sql`${active} OR ${joined} OR ${left}`)} AS hash
    FROM enterprises e
    WHERE e.merged_into_id IS NULL AND ${withinScope(sql`e.org_unit_id`, { orgPath: unit.path })}`);
  return rows[0]!;
}

interface VisitRow extends Record<string, unknown> {
  done: number;
  enterprises: number;
  hash: string;
}

/** Done visits counted for the subtree in the period, and the enterprises they reached. */
async function visitFigures(db: DbOrTx, unit: ReportUnit, period: PeriodRange): Promise<VisitRow> {
  // coalesce(visited_on, planned_on) is what the visits index holds; for a done visit it is visited_on.
  const { rows } = await db.execute<VisitRow>(sql`
    SELECT count(*)::int AS done, count(DISTINCT enterprise_id)::int AS enterprises, ${digest(sql`true`)} AS hash
    FROM visits
    WHERE ${withinScope(sql`org_unit_id`, { orgPath: unit.path })}
      AND coalesce(visited_on, planned_on) BETWEEN ${period.from}::date AND ${period.to}::date
      AND status = 'done' AND visited_on BETWEEN ${period.from}::date AND ${period.to}::date`);
  return rows[0]!;
}

/**
 * The digest of the appeal records counted: the appeals received in the period, and the forwards made
 * in it (the department table). The overdue flags are set without a version; updated_at sees them.
 */
async function appealDigest(db: DbOrTx, unit: ReportUnit, period: PeriodRange): Promise<string> {
  const { rows } = await db.execute<{ appeals: string; forwards: string }>(sql`
    SELECT
      (SELECT ${digest(sql`true`)} FROM appeals
        WHERE ${withinScope(sql`org_unit_id`, { orgPath: unit.path })}
          AND received_on BETWEEN ${period.from}::date AND ${period.to}::date) AS appeals,
      (SELECT ${digest(sql`true`)} FROM appeal_forwards
        WHERE ${withinScope(sql`org_unit_id`, { orgPath: unit.path })}
          AND forwarded_on BETWEEN ${period.from}::date AND ${period.to}::date) AS forwards`);
  return `appeals:${rows[0]!.appeals}\nforwards:${rows[0]!.forwards}`;
}

interface SuggestionRow extends Record<string, unknown> {
  submitted: number;
  adopted: number;
  partly_adopted: number;
  hash: string;
}

/** Suggestions submitted in the period, by where they stand now (as modules/suggestions counts them). */
async function suggestionFigures(db: DbOrTx, unit: ReportUnit, period: PeriodRange): Promise<SuggestionRow> {
  const { rows } = await db.execute<SuggestionRow>(sql`
    SELECT count(*)::int AS submitted,
      count(*) FILTER (WHERE status = 'adopted')::int AS adopted,
      count(*) FILTER (WHERE status = 'partly_adopted')::int AS partly_adopted,
      ${digest(sql`true`)} AS hash
    FROM suggestions
    WHERE ${withinScope(sql`org_unit_id`, { orgPath: unit.path })}
      AND submitted_on BETWEEN ${period.from}::date AND ${period.to}::date`);
  return rows[0]!;
}

/** Sums keyed counter rows (rollup months and partial-month days, appeals and forwards apart) per key. */
function sumByKey(rows: readonly KeyedCounters[]): Map<string, Counters> {
  const sums = new Map<string, Counters>();
  for (const row of rows) {
    let total = sums.get(row.key);
    if (!total) sums.set(row.key, (total = zeroCounters()));
    for (const counter of COUNTERS) total[counter] += row[counter] ?? 0;
  }
  return sums;
}

const zeroCounters = (): Counters => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counters;

export function addCounters(rows: readonly Counters[]): Counters {
  const total = zeroCounters();
  for (const row of rows) for (const counter of COUNTERS) total[counter] += row[counter];
  return total;
}

/**
 * Appeal counters of the period by category, and by department (forwards made in the period), as the
 * appeal figures (诉求统计, modules/appeal-stats) define and count them: whole months from the rollups, the
 * days of partial months from the records. One query at a time: they share the snapshot's connection.
 */
async function appealCounters(db: DbOrTx, unit: ReportUnit, range: PeriodRange) {
  const scope = { orgPath: unit.path };
  const period = splitPeriod(range.from, range.to, 'rollups');
  const byCategory: KeyedCounters[] = [];
  const byDepartment: KeyedCounters[] = [];
  if (period.months) {
    byCategory.push(...(await appealCountersFromRollups(db, scope, period.months, { by: 'category' })));
    byDepartment.push(...(await departmentCountersFromRollups(db, scope, period.months)));
  }
  for (const days of period.days) {
    byCategory.push(...(await appealCountersFromRecords(db, scope, days, { by: 'category' })));
    byDepartment.push(...(await departmentCountersFromRecords(db, scope, days)));
  }
  const [enterprises] = await enterprisesOf(db, scope, period, { by: 'total' });
  return {
    categories: sumByKey(byCategory),
    departments: sumByKey(byDepartment),
    enterprises: enterprises?.enterprises ?? 0,
  };
}

interface CaseRow extends Record<string, unknown> {
  category_code: string;
  id: string;
  number: string;
  title: string;
  state: string;
  outcome: string | null;
  enterprise_name: string;
  department_name: string | null;
  answer: string | null;
}

/**
 * Representative cases (典型案例) of the given categories: up to `perCategory` accepted appeals each, the
 * resolved ones first, then the most recent; with the department of the latest forward and its answer.
 */
async function representativeCases(
  db: DbOrTx,
  unit: ReportUnit,
  period: PeriodRange,
  categories: readonly string[],
  perCategory: number,
): Promise<CaseRow[]> {
  if (categories.length === 0 || perCategory === 0) return [];
  // One pass over the period's appeals for all the categories (a scan per category costs as many passes).
  const { rows } = await db.execute<CaseRow>(sql`
    SELECT picked.category_code, picked.id, picked.number, picked.title, picked.state, picked.outcome,
      e.name AS enterprise_name, fw.department_name, fw.answer
    FROM (
      SELECT a.id, a.number, a.title, a.state, a.outcome, a.enterprise_id, a.category_code, a.received_at,
        row_number() OVER (PARTITION BY a.category_code
          ORDER BY (a.outcome = 'resolved') IS TRUE DESC, a.received_at DESC, a.id) AS n
      FROM appeals a
      WHERE ${withinScope(sql`a.org_unit_id`, { orgPath: unit.path })}
        AND a.received_on BETWEEN ${period.from}::date AND ${period.to}::date
        AND a.category_code = ANY (${textArray(categories)}) AND a.state NOT IN ('submitted', 'invalid', 'merged')
    ) AS picked
    JOIN enterprises e ON e.id = picked.enterprise_id
    LEFT JOIN LATERAL (
      SELECT u.name AS department_name, f.answer FROM appeal_forwards f JOIN org_units u ON u.id = f.department_id
      WHERE f.appeal_id = picked.id
      ORDER BY f.round DESC, f.forwarded_at DESC
      LIMIT 1
    ) AS fw ON true
    WHERE picked.n <= ${perCategory}
    ORDER BY picked.category_code, picked.n`);
  return rows;
}

// The report's figures -------------------------------------------------------------------------------------

export interface FigureOptions {
  /** How many of the top categories get representative cases, and how many cases each. */
  caseCategories: number;
  casesPerCategory: number;
}

/**
 * Every figure of a report for `unit` over `period`, counted up to `asOf`. Run it in one REPEATABLE READ
 * transaction: the figures and the hash then describe the same snapshot of the records.
 */
export async function computeReport(
  db: DbOrTx,
  unit: ReportUnit,
  period: PeriodRange,
  asOf: string,
  options: FigureOptions,
): Promise<ComputedReport> {
  const members = await memberFigures(db, unit, period);
  const visits = await visitFigures(db, unit, period);
  const appeals = await appealDigest(db, unit, period);
  const suggestions = await suggestionFigures(db, unit, period);
  const counted = await appealCounters(db, unit, period);
  const categoryNamed = new Map((await categoryNames(db)).map((c) => [c.code, c]));
  const departmentNamed = await unitNames(db, [...counted.departments.keys()]);

  const categories = [...counted.categories]
    .filter(([, counters]) => counters.received > 0)
    .sort(
      ([codeA, a], [codeB, b]) =>
        b.received - a.received ||
        (categoryNamed.get(codeA)?.sort ?? 0) - (categoryNamed.get(codeB)?.sort ?? 0) ||
        codeA.localeCompare(codeB),
    );
  const caseRows = await representativeCases(
    db,
    unit,
    period,
    categories.slice(0, options.caseCategories).map(([code]) => code),
    options.casesPerCategory,
  );
  const departments = [...counted.departments]
    .filter(([, counters]) => counters.forwarded > 0)
    .map(([id, counters]) => ({ id, name: departmentNamed.get(id) ?? id, counters }))
    .sort((a, b) => b.counters.forwarded - a.counters.forwarded || a.name.localeCompare(b.name, 'zh-CN'));

  const data: ReportData = {
    asOf,
    members: { active: members.active, joined: members.joined, left: members.left },
    visits: {
      done: visits.done,
      enterprises: visits.enterprises,
      base: members.active,
      covered: members.covered,
    },
    appeals: { ...addCounters(categories.map(([, counters]) => counters)), enterprises: counted.enterprises },
    categories: categories.map(([code, counters]) => ({
      code,
      name: categoryNamed.get(code)?.name ?? code,
      counters,
      cases: caseRows
        .filter((row) => row.category_code === code)
        .map((row) => ({
          appealId: row.id,
          number: row.number,
          title: row.title,
          enterpriseName: row.enterprise_name,
          state: row.state,
          outcome: row.outcome,
          departmentName: row.department_name,
          answer: row.answer,
        })),
    })),
    departments,
    suggestions: {
      submitted: suggestions.submitted,
      adopted: suggestions.adopted,
      partlyAdopted: suggestions.partly_adopted,
    },
  };
  const digests = [
    `enterprises:${members.hash}`,
    `visits:${visits.hash}`,
    appeals,
    `suggestions:${suggestions.hash}`,
  ].join('\n');
  return { data, dataHash: createHash('sha256').update(digests).digest('hex') };
}
