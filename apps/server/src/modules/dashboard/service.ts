// 工作看板 the dashboard of an org unit's subtree for a period (by default the caller's unit and this quarter,
// Asia/Shanghai): members, party-organization coverage, visits, and the appeals — each number with the app
// path of the list behind it, so that a leader who clicks a bar lands on the records that make it.
//
// Members are the registry now (在册), read from the rollups of migration 0012: active members by GB/T
// 4754 section, size, child unit and chamber, members by status; joined = joined_on in the period, left =
// withdrawn with membership_status_on in the period (as the reports count them). Party coverage (两个覆盖)
// as modules/party-organizations defines it, over the same active members. Visits: done visits counted for
// the subtree made in the period and their enterprises; coverage (走访覆盖率) as modules/visits defines it.
// Appeals: the figures of modules/appeal-stats (whole months from its rollups, partial months from the
// records): an appeal counts in the period it was received, a department's forwards in the period they were
// made; the department ranking is fair (fairness.ts).
import {
  DASHBOARD_CHAMBERS_SHOWN,
  DASHBOARD_MAX_YEARS,
  ENTERPRISE_SIZE_LABELS,
  ENTERPRISE_SIZES,
  MEMBERSHIP_STATUS_LABELS,
  MEMBERSHIP_STATUSES,
  PARTY_ORG_FILTERS,
  type DashboardItem,
  type DashboardQuery,
  type DashboardResult,
  type DepartmentRanking,
} from '@qinqing/shared';
import { pathInScope } from '../../core/access/access.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { invalidField, notFound } from '../../core/errors.ts';
import type { Db } from '../../db/connection.ts';
import { industryChildren } from '../../reference/industries.ts';
import {
  appealCountersFromRecords,
  categoryNames,
  childUnits,
  COUNTERS,
  departmentCountersFromRecords,
  departmentCountersFromRollups,
  departmentsInScope,
  findOrgUnit,
  unitNames,
  type Counters,
  type KeyedCounters,
  type Scope,
} from '../appeal-stats/repository.ts';
import { figuresOf, splitPeriod } from '../appeal-stats/service.ts';
import { shanghaiDay } from '../calendar/working-days.ts';
import { MIN_VOLUME, PRIOR_WEIGHT, rankDepartments } from './fairness.ts';
import {
  appealCountersByMonthAndCategory,
  chamberMembers,
  joinedAndLeft,
  memberGroups,
  visitCounts,
  type MemberGroupRow,
} from './repository.ts';

const FEDERATION_KINDS = new Set(['province', 'city', 'district', 'street']);
const CATEGORIES_SHOWN = 10;

const PARTY_LABELS: Record<(typeof PARTY_ORG_FILTERS)[number], string> = {
  organized: '已建党组织',
  instructor_only: '仅有党建指导员',
  none: '未覆盖',
};

// After validation the appeal board reads a state list; these are the states an appeal is in once it was
// found valid, once forwarded, and once a department took it up.
const VALID_STATES = 'valid,forwarded,in_progress,returned,answered,confirmed,closed';
const FORWARDED_STATES = 'forwarded,in_progress,returned,answered,confirmed,closed';
const RESPONDED_STATES = 'in_progress,answered,confirmed,closed';

interface Period {
  from: string;
  to: string;
}

/** This quarter of the Asia/Shanghai day of `now`. */
export function quarterAround(now: Date): Period {
  const day = shanghaiDay(now);
  const year = Number(day.slice(0, 4));
  const first = Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3;
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  return { from: iso(new Date(Date.UTC(year, first, 1))), to: iso(new Date(Date.UTC(year, first + 3, 0))) };
}

/** The period asked for, each end defaulting to this quarter's; refused when inverted or too long. */
export function dashboardPeriod(query: Pick<DashboardQuery, 'from' | 'to'>, now: Date): Period {
  const quarter = quarterAround(now);
  const from = query.from ?? quarter.from;
  const to = query.to ?? quarter.to;
  if (from > to) throw invalidField('querystring.from', 'DATE_RANGE', '开始日期不能晚于结束日期');
  const limit = `${Number(from.slice(0, 4)) + DASHBOARD_MAX_YEARS}${from.slice(4)}`;
  if (to >= limit) {
    throw invalidField('querystring.to', 'PERIOD_TOO_LONG', `统计期间不能超过 ${DASHBOARD_MAX_YEARS} 年`);
  }
  return { from, to };
}

/** An app path with its query string; empty values left out. */
function path(base: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}

const zero = (): Counters => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counters;

function sumByKey(rows: readonly KeyedCounters[]): Map<string, Counters> {
  const sums = new Map<string, Counters>();
  for (const row of rows) {
    let sum = sums.get(row.key);
    if (!sum) sums.set(row.key, (sum = zero()));
    for (const counter of COUNTERS) sum[counter] += row[counter] ?? 0;
  }
  return sums;
}

/**
 * Appeal counters by category, by month, and their total, in as few scans as the period allows: whole
 * months from the rollups by month and category at once; the days before and after them from the records,
 * by category — each such run of days lies within one month.
 */
async function appealCounters(db: Db, scope: Scope, period: Period) {
  const split = splitPeriod(period.from, period.to, 'rollups');
  const [wholeMonths, ...days] = await Promise.all([
    split.months ? appealCountersByMonthAndCategory(db, scope, split.months) : [],
    ...split.days.map((range) => appealCountersFromRecords(db, scope, range, { by: 'category' })),
  ]);
  // One key per month and category: 'YYYY-MM code'.
  const cells = [
    ...wholeMonths,
    ...days.flatMap((rows, index) =>
      rows.map((row) => ({ ...row, key: `${split.days[index]!.from.slice(0, 7)} ${row.key}` })),
    ),
  ];
  const by = (part: (month: string, category: string) => string) =>
    sumByKey(
      cells.map((cell) => {
        const [month = '', category = ''] = cell.key.split(' ');
        return { ...cell, key: part(month, category) };
      }),
    );
  return {
    categories: by((_, category) => category),
    months: by((month) => month),
    total: by(() => '').get('') ?? zero(),
  };
}

async function departmentCounters(db: Db, scope: Scope, period: Period) {
  const split = splitPeriod(period.from, period.to, 'rollups');
  const parts = await Promise.all([
    split.months ? departmentCountersFromRollups(db, scope, split.months) : [],
    ...split.days.map((days) => departmentCountersFromRecords(db, scope, days)),
  ]);
  return sumByKey(parts.flat());
}

/** Months (YYYY-MM) from the period's first to its last, both included. */
function monthsOf(period: Period): string[] {
  const months: string[] = [];
  let year = Number(period.from.slice(0, 4));
  let month = Number(period.from.slice(5, 7));
  const last = period.to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) return months;
    months.push(key);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

/** The days of a month inside the period. */
function monthWithin(month: string, period: Period): Period {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const end = new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
  const start = `${month}-01`;
  return { from: start < period.from ? period.from : start, to: end > period.to ? period.to : end };
}

const rate = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

function groupsOf(rows: readonly MemberGroupRow[], by: MemberGroupRow['by']): Map<string, number> {
  return new Map(rows.filter((row) => row.by === by).map((row) => [row.key, row.members]));
}

/** Sections in the standard's order, then '' (no industry) last; sections without members left out. */
function industryItems(counts: Map<string, number>, link: (section: string) => string): DashboardItem[] {
  const sections = (industryChildren(null) ?? []).map((s) => ({ key: s.code, label: s.name }));
  return [...sections, { key: '', label: '未填行业' }]
    .map((s) => ({ ...s, value: counts.get(s.key) ?? 0, link: link(s.key) }))
    .filter((item) => item.value > 0);
}

export async function dashboard(
  ctx: AppContext,
  actor: Actor,
  query: DashboardQuery,
): Promise<DashboardResult> {
  const period = dashboardPeriod(query, ctx.clock.now());
  const db = ctx.database.db;
  const unit = await findOrgUnit(db, query.orgUnitId ?? actor.orgUnitId);
  if (!unit || !pathInScope(unit.path, actor)) throw notFound();
  const scope: Scope = { orgPath: unit.path };
  // The lists default to the caller's own subtree: their links name a unit only when narrower.
  const orgUnitId = unit.id === actor.orgUnitId ? undefined : unit.id;
  const { from, to } = period;

  const [
    members,
    children,
    chambers,
    joinedLeft,
    visits,
    appealCounts,
    byDepartment,
    departments,
    categories,
  ] = await Promise.all([
    memberGroups(db, scope, unit),
    childUnits(db, unit.id),
    chamberMembers(db, scope, DASHBOARD_CHAMBERS_SHOWN),
    joinedAndLeft(db, scope, period),
    visitCounts(db, scope, period),
    appealCounters(db, scope, period),
    departmentCounters(db, scope, period),
    departmentsInScope(db, scope),
    categoryNames(db),
  ]);

  // Members ------------------------------------------------------------------------------------------------
  const enterprises = (params: Record<string, string | undefined>) =>
    path('/enterprises', { orgUnitId, ...params });
  const byStatus = groupsOf(members, 'status');
  const active = byStatus.get('active') ?? 0;
  const byUnit = groupsOf(members, 'unit');
  const streets = children
    .filter((child) => FEDERATION_KINDS.has(child.kind) || byUnit.has(child.id))
    .sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '') || a.name.localeCompare(b.name, 'zh-CN'))
    .map((child) => ({
      key: child.id,
      label: child.name,
      value: byUnit.get(child.id) ?? 0,
      link: path('/enterprises', { orgUnitId: child.id, status: 'active' }),
    }));
  if (byUnit.get(unit.id)) {
    // Registered with the unit itself: the unit's list holds its whole subtree, the closest list there is.
    streets.push({
      key: unit.id,
      label: `${unit.name}（本级）`,
      value: byUnit.get(unit.id) ?? 0,
      link: enterprises({ status: 'active' }),
    });
  }
  const bySize = groupsOf(members, 'size');
  const byParty = groupsOf(members, 'party');
  const organized = byParty.get('organized') ?? 0;
  const covered = organized + (byParty.get('instructor_only') ?? 0);

  // Appeals ------------------------------------------------------------------------------------------------
  const appeals = (params: Record<string, string | undefined>) =>
    path('/appeals', { orgUnitId, from, to, ...params });
  const figures = figuresOf(appealCounts.total, 0);
  const { enterprises: _enterprises, ...appealTotal } = figures;
  const funnel: DashboardItem[] = [
    { key: 'received', label: '受理', value: figures.received, link: appeals({}) },
    { key: 'valid', label: '有效', value: figures.valid, link: appeals({ state: VALID_STATES }) },
    {
      key: 'forwarded',
      label: '已转办',
      value: figures.forwarded,
      link: appeals({ state: FORWARDED_STATES }),
    },
    {
      key: 'responded',
      label: '部门已响应',
      value: figures.responded,
      link: appeals({ state: RESPONDED_STATES }),
    },
    { key: 'resolved', label: '已解决', value: figures.resolved, link: appeals({ outcome: 'resolved' }) },
    {
      key: 'satisfied',
      label: '满意',
      value: figures.satisfied + figures.basicallySatisfied,
      link: appeals({ satisfaction: 'satisfied,basically_satisfied' }),
    },
  ];
  const statsLink = path('/appeals/stats', { from, to, groupBy: 'department' });
  const topCategories = categories
    .map((c) => ({
      key: c.code,
      label: c.name,
      value: appealCounts.categories.get(c.code)?.received ?? 0,
      link: appeals({ category: c.code }),
    }))
    .filter((item) => item.value > 0)
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, 'zh-CN'))
    .slice(0, CATEGORIES_SHOWN);
  const trend = monthsOf(period).map((month) => {
    const days = monthWithin(month, period);
    const counters = appealCounts.months.get(month);
    return {
      month,
      received: counters?.received ?? 0,
      resolved: counters?.resolved ?? 0,
      receivedLink: path('/appeals', { orgUnitId, ...days }),
      resolvedLink: path('/appeals', { orgUnitId, ...days, outcome: 'resolved' }),
    };
  });

  return {
    orgUnit: { id: unit.id, name: unit.name },
    from,
    to,
    members: {
      active: { value: active, link: enterprises({ status: 'active' }) },
      byStatus: MEMBERSHIP_STATUSES.map((status) => ({
        key: status,
        label: MEMBERSHIP_STATUS_LABELS[status],
        value: byStatus.get(status) ?? 0,
        link: enterprises({ status }),
      })),
      joined: {
        value: joinedLeft.joined,
        link: enterprises({ joinedFrom: period.from, joinedTo: period.to, sort: 'recent' }),
      },
      left: { value: joinedLeft.left, link: enterprises({ leftFrom: period.from, leftTo: period.to }) },
      byIndustry: industryItems(groupsOf(members, 'industry'), (section) =>
        enterprises({ industry: section || undefined, status: 'active' }),
      ),
      bySize: [...ENTERPRISE_SIZES, '' as const]
        .map((size) => ({
          key: size,
          label: size ? `${ENTERPRISE_SIZE_LABELS[size]}型` : '未填规模',
          value: bySize.get(size) ?? 0,
          link: enterprises({ size: size || undefined, status: 'active' }),
        }))
        .filter((item) => item.key !== '' || item.value > 0),
      byStreet: streets,
      byChamber: chambers.map((chamber) => ({
        key: chamber.id,
        label: chamber.name,
        value: chamber.members,
        link: path('/enterprises', { chamberId: chamber.id, status: 'active' }),
      })),
    },
    party: {
      enterprises: active,
      organized,
      covered,
      organizationCoverage: rate(organized, active),
      workCoverage: rate(covered, active),
      items: PARTY_ORG_FILTERS.map((state) => ({
        key: state,
        label: PARTY_LABELS[state],
        value: byParty.get(state) ?? 0,
        link: enterprises({ status: 'active', party: state }),
      })),
      link: '/party-organizations?tab=coverage',
    },
    visits: {
      visits: {
        value: visits.visits,
        link: path('/visits', { orgUnitId, status: 'done', from, to }),
      },
      enterprisesVisited: visits.enterprisesVisited,
      members: active,
      visitedMembers: visits.visitedMembers,
      coverage: rate(visits.visitedMembers, active),
    },
    appeals: {
      total: appealTotal,
      funnel,
      rates: [
        { key: 'response', value: figures.responseRate, link: statsLink },
        { key: 'resolution', value: figures.resolutionRate, link: statsLink },
        { key: 'satisfaction', value: figures.satisfactionRate, link: statsLink },
        { key: 'onTime', value: figures.onTimeRate, link: statsLink },
      ],
      categories: topCategories,
      trend,
      departments: await departmentRanking(db, byDepartment, departments, (id) =>
        appeals({ departmentId: id }),
      ),
    },
  };
}

/** The departments in scope (and any outside it that received forwards), ranked fairly (fairness.ts). */
async function departmentRanking(
  db: Db,
  counters: Map<string, Counters>,
  inScope: readonly { id: string; name: string }[],
  link: (id: string) => string,
): Promise<DepartmentRanking> {
  const listed = new Set(inScope.map((d) => d.id));
  const others = await unitNames(
    db,
    [...counters.keys()].filter((id) => !listed.has(id)),
  );
  const departments = [...inScope, ...[...others].map(([id, name]) => ({ id, name }))].map((d) => {
    const c = counters.get(d.id) ?? zero();
    return {
      ...d,
      volume: c.forwarded,
      samples: {
        satisfaction: { successes: c.satisfied + c.basicallySatisfied, trials: c.rated },
        resolution: { successes: c.resolved, trials: c.valid },
        response: { successes: c.respondedOnTime, trials: c.responded + c.responseOverdue },
        onTime: { successes: c.closedOnTime, trials: c.closedOnTime + c.closedLate + c.openOverdue },
      },
    };
  });
  const { overall, ranked } = rankDepartments(departments);
  return {
    minVolume: MIN_VOLUME,
    priorWeight: PRIOR_WEIGHT,
    overall,
    items: ranked.map((entry) => ({
      id: entry.department.id,
      name: entry.department.name,
      volume: entry.department.volume,
      sufficient: entry.sufficient,
      rates: entry.estimates,
      ranks: entry.ranks,
      link: link(entry.department.id),
    })),
  };
}
