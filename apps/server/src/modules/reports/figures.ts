// 报告数据 the figures of a report, always read from the records of the unit's subtree for the period: members
// (在册、新入会、退会), visits and coverage (走访覆盖率), appeals (诉求: received, valid, resolved, the rates)
// by category with representative cases, the departments' work, suggestions (建言); and a SHA-256 over the
// ids, versions and last changes of every record counted, so that a report shows whether it still matches
// its data.
// The numbers come from the measures registry (core/measures), evaluated on the report's snapshot: the
// report, the dashboard and the appeal figures count them one way (appeals by modules/appeal-stats: whole
// months from the rollups of migration 0010, the days of partial months from the records). The report's
// 在册 and its visit coverage are over the members active at the period's end (members.activeAtPeriodEnd,
// visits.coveredAtPeriodEnd), not the dashboard's active now. Read here: the departments (forwards by
// department, as the appeal figures by department count them), names, cases and the digests.
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { PeriodRange } from '@qinqing/shared';
import { withinScope } from '../../core/access/access.ts';
import type { MeasureRegistry } from '../../core/measures/registry.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { appealBreakdownSource } from '../appeal-stats/measures.ts';
import { categoryNames, COUNTERS, unitNames, type Counters } from '../appeal-stats/repository.ts';
import { departmentBreakdown } from '../appeal-stats/service.ts';
import { SOCIAL_RESPONSIBILITY_MEASURES } from '../dashboard/social-responsibility.ts';
// events (issue 16)
import { EDUCATION_MEASURES } from '../dashboard/education.ts';
// 惠企政策 policies
import { POLICY_CARD_MEASURES } from '../policies/dashboard.ts';
// 融资 financing
import { FINANCING_CARD_MEASURES } from '../financing/measures.ts';
import { activeAtEnd } from '../enterprises/figures-repository.ts';

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
  /**
   * 社会责任 the social-responsibility measures of the dashboard's card by id (donations.amount in fen…);
   * absent from reports generated before they were counted.
   */
  social?: Record<string, number | null>;
  /** events (issue 16): 教育培训 the education measures of the dashboard's card by id; absent from older reports. */
  education?: Record<string, number | null>;
  /** 惠企政策 the policy card's measures by id; absent from reports generated before they were counted. */
  policies?: Record<string, number | null>;
  /** 融资对接 the financing card's measures by id; absent from reports generated before they were counted. */
  financing?: Record<string, number | null>;
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

/**
 * The digests of the records counted, in one statement of the snapshot: the members active at the
 * period's end, joined or withdrawn in it; the done visits of the period; the appeals received and the
 * forwards made in it (the department table — the overdue flags are set without a version; updated_at
 * sees them); the suggestions submitted in it.
 */
async function recordsDigest(db: DbOrTx, unit: ReportUnit, period: PeriodRange): Promise<string> {
  const scope = { orgPath: unit.path };
  const joined = sql`(e.joined_on BETWEEN ${period.from}::date AND ${period.to}::date)`;
  const left = sql`(e.membership_status = 'withdrawn' AND e.membership_status_on BETWEEN ${period.from}::date AND ${period.to}::date)`;
  const { rows } = await db.execute<
    Record<'enterprises' | 'visits' | 'appeals' | 'forwards' | 'suggestions' | 'donations', string>
  >(sql`
    SELECT
      (SELECT ${digest(sql`${activeAtEnd(period)} OR ${joined} OR ${left}`)} FROM enterprises e
        WHERE e.merged_into_id IS NULL AND ${withinScope(sql`e.org_unit_id`, scope)}) AS enterprises,
      -- coalesce(visited_on, planned_on) is what the visits index holds; for a done visit it is visited_on.
      (SELECT ${digest(sql`true`)} FROM visits
        WHERE ${withinScope(sql`org_unit_id`, scope)}
          AND coalesce(visited_on, planned_on) BETWEEN ${period.from}::date AND ${period.to}::date
          AND status = 'done' AND visited_on BETWEEN ${period.from}::date AND ${period.to}::date) AS visits,
      (SELECT ${digest(sql`true`)} FROM appeals
        WHERE ${withinScope(sql`org_unit_id`, scope)}
          AND received_on BETWEEN ${period.from}::date AND ${period.to}::date) AS appeals,
      (SELECT ${digest(sql`true`)} FROM appeal_forwards
        WHERE ${withinScope(sql`org_unit_id`, scope)}
          AND forwarded_on BETWEEN ${period.from}::date AND ${period.to}::date) AS forwards,
      (SELECT ${digest(sql`true`)} FROM suggestions
        WHERE ${withinScope(sql`org_unit_id`, scope)}
          AND submitted_on BETWEEN ${period.from}::date AND ${period.to}::date) AS suggestions,
      (SELECT ${digest(sql`state IN ('received', 'acknowledged')`)} FROM donations
        WHERE ${withinScope(sql`org_unit_id`, scope)}
          AND donated_on BETWEEN ${period.from}::date AND ${period.to}::date) AS donations`);
  const row = rows[0]!;
  return [
    `enterprises:${row.enterprises}`,
    `visits:${row.visits}`,
    `appeals:${row.appeals}`,
    `forwards:${row.forwards}`,
    `suggestions:${row.suggestions}`,
    `donations:${row.donations}`,
  ].join('\n');
}

const zeroCounters = (): Counters => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counters;

export function addCounters(rows: readonly Counters[]): Counters {
  const total = zeroCounters();
  for (const row of rows) for (const counter of COUNTERS) total[counter] += row[counter];
  return total;
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

/** The report's numbers that the measures registry defines. */
const REPORT_MEASURES = [
  'members.activeAtPeriodEnd',
  'members.joined',
  'members.left',
  'visits.done',
  'visits.enterprises',
  'visits.coveredAtPeriodEnd',
  'appeals.enterprises',
  'suggestions.submitted',
  'suggestions.fullyAdopted',
  'suggestions.partlyAdopted',
] as const;

/**
 * Every figure of a report for `unit` over `period`, counted up to `asOf`. Run it in one REPEATABLE READ
 * transaction: the figures and the hash then describe the same snapshot of the records.
 */
export async function computeReport(
  db: DbOrTx,
  measures: MeasureRegistry,
  unit: ReportUnit,
  period: PeriodRange,
  asOf: string,
  options: FigureOptions,
): Promise<ComputedReport> {
  const evaluation = measures.evaluate(db, {
    unit,
    period: { from: period.from, to: period.to },
    listUnitId: unit.id,
  });
  const values = new Map((await evaluation.values(REPORT_MEASURES)).map((v) => [v.id, v.value ?? 0]));
  const count = (id: (typeof REPORT_MEASURES)[number]) => values.get(id)!;
  const appeals = await evaluation.data(appealBreakdownSource);
  const byDepartment = await departmentBreakdown(db, { orgPath: unit.path }, period);
  const digests = await recordsDigest(db, unit, period);
  const categoryNamed = new Map((await categoryNames(db)).map((c) => [c.code, c]));
  const departmentNamed = await unitNames(db, [...byDepartment.keys()]);

  const categories = [...appeals.categories]
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
  const departments = [...byDepartment]
    .filter(([, counters]) => counters.forwarded > 0)
    .map(([id, counters]) => ({ id, name: departmentNamed.get(id) ?? id, counters }))
    .sort((a, b) => b.counters.forwarded - a.counters.forwarded || a.name.localeCompare(b.name, 'zh-CN'));

  const data: ReportData = {
    asOf,
    members: {
      active: count('members.activeAtPeriodEnd'),
      joined: count('members.joined'),
      left: count('members.left'),
    },
    visits: {
      done: count('visits.done'),
      enterprises: count('visits.enterprises'),
      base: count('members.activeAtPeriodEnd'),
      covered: count('visits.coveredAtPeriodEnd'),
    },
    appeals: { ...appeals.total, enterprises: count('appeals.enterprises') },
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
      submitted: count('suggestions.submitted'),
      adopted: count('suggestions.fullyAdopted'),
      partlyAdopted: count('suggestions.partlyAdopted'),
    },
    social: Object.fromEntries(
      (await evaluation.values(SOCIAL_RESPONSIBILITY_MEASURES)).map((figure) => [figure.id, figure.value]),
    ),
    // events (issue 16)
    education: Object.fromEntries(
      (await evaluation.values(EDUCATION_MEASURES)).map((figure) => [figure.id, figure.value]),
    ),
    // 惠企政策 policies
    policies: Object.fromEntries(
      (await evaluation.values(POLICY_CARD_MEASURES)).map((figure) => [figure.id, figure.value]),
    ),
    // 融资 financing
    financing: Object.fromEntries(
      (await evaluation.values(FINANCING_CARD_MEASURES)).map((figure) => [figure.id, figure.value]),
    ),
  };
  return { data, dataHash: createHash('sha256').update(digests).digest('hex') };
}
