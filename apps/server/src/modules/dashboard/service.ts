// 工作看板 the dashboard of an org unit's subtree for a period (by default the caller's unit and this quarter,
// Asia/Shanghai): members, party-organization coverage, visits, and the appeals — each number with the app
// path of the list behind it, so that a leader who clicks a bar lands on the records that make it.
//
// Every card's number is a measure (core/measures; defined in the domain's own measures.ts): members now
// (在册) and joined/left, party coverage (两个覆盖), visits and their coverage, the appeals funnel and the
// rates. The charts read the breakdowns of the same sources in the same evaluation (members by industry,
// size, child unit and status; appeals by category and month), so a card and its chart never disagree.
// The chamber chart is the chambers.activeMembers source, the count the chamber pages show. The department
// ranking is the source appeal-stats/department-ranking.ts (fair: fairness.ts) that a department's own
// figures read too.
import {
  DASHBOARD_CHAMBERS_SHOWN,
  ENTERPRISE_SIZE_LABELS,
  ENTERPRISE_SIZES,
  MEMBERSHIP_STATUS_LABELS,
  MEMBERSHIP_STATUSES,
  PARTY_ORG_FILTERS,
  type DashboardItem,
  type DashboardQuery,
  type DashboardRate,
  type DashboardResult,
  type DepartmentRanking,
} from '@qinqing/shared';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { listPath, type MeasureValue } from '../../core/measures/registry.ts';
import { industryChildren } from '../../reference/industries.ts';
import { appealBreakdownSource, appealList } from '../appeal-stats/measures.ts';
import { departmentRankingSource, type DepartmentRankingData } from '../appeal-stats/department-ranking.ts';
import { categoryNames, childUnits } from '../appeal-stats/repository.ts';
import { figuresOf } from '../appeal-stats/service.ts';
import { chamberMemberList, chamberMembersSource } from '../chambers/measures.ts';
import { enterpriseList, memberGroupsSource } from '../enterprises/measures.ts';
import type { MemberGroupRow } from '../enterprises/figures-repository.ts';
import { evaluationFor } from '../measures/service.ts';
import { MIN_VOLUME, PRIOR_WEIGHT } from './fairness.ts';
import { SOCIAL_RESPONSIBILITY_MEASURES } from './social-responsibility.ts';
// events (issue 16)
import { EDUCATION_MEASURES } from './education.ts';
// 惠企政策 policies
import { POLICY_CARD_MEASURES } from '../policies/dashboard.ts';
// 融资 financing
import { FINANCING_CARD_MEASURES } from '../financing/measures.ts';
import { monthsOf, monthWithin } from '../../core/calendar/months.ts';

const FEDERATION_KINDS = new Set(['province', 'city', 'district', 'street']);
const CATEGORIES_SHOWN = 10;

const PARTY_LABELS: Record<(typeof PARTY_ORG_FILTERS)[number], string> = {
  organized: '已建党组织',
  instructor_only: '仅有党建指导员',
  none: '未覆盖',
};

/** The measures the dashboard's cards show (the charts read their sources' breakdowns). */
const CARD_MEASURES = [
  'members.active',
  'members.joined',
  'members.left',
  'party.organized',
  'party.covered',
  'party.organizationCoverage',
  'party.workCoverage',
  'visits.done',
  'visits.enterprises',
  'visits.visitedMembers',
  'visits.coverage',
  'appeals.received',
  'appeals.valid',
  'appeals.forwarded',
  'appeals.responded',
  'appeals.resolved',
  'appeals.satisfied',
  'appeals.responseRate',
  'appeals.resolutionRate',
  'appeals.satisfactionRate',
  'appeals.onTimeRate',
] as const;
type CardMeasure = (typeof CARD_MEASURES)[number];

/** The appeals funnel, in the order an appeal goes through it. */
const FUNNEL: readonly [string, CardMeasure][] = [
  ['received', 'appeals.received'],
  ['valid', 'appeals.valid'],
  ['forwarded', 'appeals.forwarded'],
  ['responded', 'appeals.responded'],
  ['resolved', 'appeals.resolved'],
  ['satisfied', 'appeals.satisfied'],
];

const RATES: readonly [DashboardRate, CardMeasure][] = [
  ['response', 'appeals.responseRate'],
  ['resolution', 'appeals.resolutionRate'],
  ['satisfaction', 'appeals.satisfactionRate'],
  ['onTime', 'appeals.onTimeRate'],
];

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
  const evaluation = await evaluationFor(ctx, actor, query);
  const { unit, period, listUnitId: orgUnitId } = evaluation.ask;
  const db = ctx.database.db;
  const { from, to } = period;

  const [cards, members, appealCounts, children, chambers, ranking, categories] = await Promise.all([
    evaluation.values(CARD_MEASURES),
    evaluation.data(memberGroupsSource),
    evaluation.data(appealBreakdownSource),
    childUnits(db, unit.id),
    evaluation.data(chamberMembersSource),
    evaluation.data(departmentRankingSource),
    categoryNames(db),
  ]);
  // 社会责任 the social-responsibility card: the measures social-responsibility.ts lists, in its order.
  const social = await evaluation.values(SOCIAL_RESPONSIBILITY_MEASURES);
  // events (issue 16): the education card, the measures education.ts lists.
  const education = await evaluation.values(EDUCATION_MEASURES);
  // 惠企政策 the policy card: the measures policies/dashboard.ts lists, in its order.
  const policyFigures = await evaluation.values(POLICY_CARD_MEASURES);
  /** A figure of a card of measures (社会责任, 教育培训, 惠企政策, …): its label, unit, value and list. */
  const cardFigure = (figure: MeasureValue) => {
    const measure = ctx.measures.get(figure.id);
    return {
      id: figure.id,
      label: measure.label.zh,
      unit: measure.unit,
      value: figure.value,
      link: figure.list,
    };
  };
  const financing = await evaluation.values(FINANCING_CARD_MEASURES); // 融资 financing: its card
  const card = (id: CardMeasure): MeasureValue => cards.find((value) => value.id === id)!;
  const count = (id: CardMeasure) => card(id).value ?? 0;
  const counted = (id: CardMeasure) => ({ value: count(id), link: card(id).list ?? '' });

  // Members ------------------------------------------------------------------------------------------------
  const enterprises = (params: Record<string, string | undefined>) => enterpriseList(evaluation.ask, params);
  const byStatus = groupsOf(members, 'status');
  const byUnit = groupsOf(members, 'unit');
  const streets = children
    .filter((child) => FEDERATION_KINDS.has(child.kind) || byUnit.has(child.id))
    .sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '') || a.name.localeCompare(b.name, 'zh-CN'))
    .map((child) => ({
      key: child.id,
      label: child.name,
      value: byUnit.get(child.id) ?? 0,
      link: listPath('/enterprises', { orgUnitId: child.id, status: 'active' }),
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

  // Appeals ------------------------------------------------------------------------------------------------
  const appeals = (params: Record<string, string | undefined>) => appealList(evaluation.ask, params);
  const { enterprises: _enterprises, ...appealTotal } = figuresOf(appealCounts.total, 0);
  const funnel: DashboardItem[] = FUNNEL.map(([key, id]) => ({
    key,
    label: ctx.measures.get(id).label.zh,
    value: count(id),
    link: card(id).list ?? '',
  }));
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
      receivedLink: listPath('/appeals', { orgUnitId, ...days }),
      resolvedLink: listPath('/appeals', { orgUnitId, ...days, outcome: 'resolved' }),
    };
  });

  return {
    orgUnit: { id: unit.id, name: unit.name },
    from,
    to,
    members: {
      active: counted('members.active'),
      byStatus: MEMBERSHIP_STATUSES.map((status) => ({
        key: status,
        label: MEMBERSHIP_STATUS_LABELS[status],
        value: byStatus.get(status) ?? 0,
        link: enterprises({ status }),
      })),
      joined: counted('members.joined'),
      left: counted('members.left'),
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
      byChamber: chambers.slice(0, DASHBOARD_CHAMBERS_SHOWN).map((chamber) => ({
        key: chamber.id,
        label: chamber.name,
        value: chamber.members,
        link: chamberMemberList(chamber.id),
      })),
    },
    party: {
      enterprises: count('members.active'),
      organized: count('party.organized'),
      covered: count('party.covered'),
      organizationCoverage: card('party.organizationCoverage').value,
      workCoverage: card('party.workCoverage').value,
      items: PARTY_ORG_FILTERS.map((state) => ({
        key: state,
        label: PARTY_LABELS[state],
        value: byParty.get(state) ?? 0,
        link: enterprises({ status: 'active', party: state }),
      })),
      link: '/party-organizations?tab=coverage',
    },
    visits: {
      visits: counted('visits.done'),
      enterprisesVisited: count('visits.enterprises'),
      members: count('members.active'),
      visitedMembers: count('visits.visitedMembers'),
      coverage: card('visits.coverage').value,
    },
    appeals: {
      total: appealTotal,
      funnel,
      rates: RATES.map(([key, id]) => ({ key, value: card(id).value, link: card(id).list ?? '' })),
      categories: topCategories,
      trend,
      departments: rankingView(ranking, (id) => appeals({ departmentId: id })),
    },
    socialResponsibility: { items: social.map(cardFigure) },
    // events (issue 16)
    education: { items: education.map(cardFigure) },
    // 惠企政策 policies
    policies: { items: policyFigures.map(cardFigure) },
    // 融资 financing
    financing: { items: financing.map(cardFigure) },
  };
}

/** The federation's department ranking (appeal-stats/department-ranking.ts), each linked to its appeals. */
function rankingView(ranking: DepartmentRankingData, link: (id: string) => string): DepartmentRanking {
  return {
    minVolume: MIN_VOLUME,
    priorWeight: PRIOR_WEIGHT,
    overall: ranking.overall,
    items: ranking.ranked.map((entry) => ({
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
