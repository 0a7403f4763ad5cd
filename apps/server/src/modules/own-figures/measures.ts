// 本单位工作情况指标 the measures of one department or one chamber, evaluated with the department or chamber as
// the measure's unit (any other unit: null, there is nothing of the kind to count).
//
// A department's (职能部门): its forwards, the three rates (三率) and the on-time rate, and its place in each
// of the four rankings — all read from the ranking of the federation it belongs to (its nearest federation
// unit above it: the district for a district's bureau, the city for a city's court), the very source the
// federation's dashboard ranks its departments with (appeal-stats/department-ranking.ts).
//
// A chamber's (商会): its member enterprises' appeals as the figures by chamber count them for the
// federation the chamber belongs to (appeal-stats, rollups of migration 0033), the visits to its active
// members, and its active members (chambers.activeMembers, which counts a chamber unit as itself).
import { isTransaction } from '../../db/connection.ts';
import {
  listPath,
  measuresOf,
  rate,
  type MeasureAsk,
  type MeasureSource,
} from '../../core/measures/registry.ts';
import type { DashboardRate } from '@qinqing/shared';
import {
  departmentRanking,
  type DepartmentRankingData,
  type RankedDepartment,
} from '../appeal-stats/department-ranking.ts';
import { COUNTERS, type Counters } from '../appeal-stats/repository.ts';
import { chamberBreakdown, figuresOf } from '../appeal-stats/service.ts';
import type { Ranked } from '../dashboard/fairness.ts';
import { chamberMembersSource } from '../chambers/measures.ts';
import { chamberVisits, unitWithFederation, type ChamberVisits } from './repository.ts';

const CHAMBER_KINDS = new Set(['chamber', 'association']);

export interface DepartmentStanding {
  federation: { id: string; name: string };
  /** The department in its federation's ranking (absent when the federation does not rank it). */
  entry: Ranked<RankedDepartment> | undefined;
  /** How many departments the federation ranks. */
  ranked: number;
}

/** The department's place in its federation's ranking for the period; null when the unit is no department. */
export const departmentStandingSource: MeasureSource<DepartmentStanding | null> = {
  name: 'departments.standing',
  async compute({ db, ask }) {
    const unit = await unitWithFederation(db, ask.unit.id);
    if (unit?.kind !== 'department' || !unit.federation) return null;
    const ranking: DepartmentRankingData = await departmentRanking(
      db,
      { orgPath: unit.federation.path },
      ask.period,
    );
    return {
      federation: { id: unit.federation.id, name: unit.federation.name },
      entry: ranking.ranked.find((entry) => entry.department.id === ask.unit.id),
      ranked: ranking.ranked.length,
    };
  },
};

export interface ChamberStanding {
  federation: { id: string; name: string };
  appeals: Counters;
  visits: ChamberVisits;
  members: number;
}

const zero = (): Counters => Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Counters;

/** A chamber's appeals, visits and members for the period; null when the unit is no chamber or association. */
export const chamberStandingSource: MeasureSource<ChamberStanding | null> = {
  name: 'chambers.standing',
  async compute({ db, ask, data }) {
    const unit = await unitWithFederation(db, ask.unit.id);
    if (!unit || !CHAMBER_KINDS.has(unit.kind) || !unit.federation) return null;
    // The figures by chamber read their scope's sizes side by side: on the pool only.
    if (isTransaction(db)) throw new Error('a chamber’s own figures are evaluated on the pool');
    const federation = unit.federation;
    const [byChamber, visits, members] = await Promise.all([
      chamberBreakdown(db, { orgPath: federation.path }, ask.period),
      chamberVisits(db, ask.unit.id, ask.period),
      data(chamberMembersSource),
    ]);
    return {
      federation: { id: federation.id, name: federation.name },
      appeals: byChamber.get(ask.unit.id) ?? zero(),
      visits,
      members: members.reduce((sum, chamber) => sum + chamber.members, 0),
    };
  },
};

/** The appeal list of the department's forwards, as the federation's ranking links it. */
const departmentAppeals = (ask: MeasureAsk) =>
  listPath('/appeals', { departmentId: ask.unit.id, from: ask.period.from, to: ask.period.to });

const rateOf = (key: DashboardRate) => (standing: DepartmentStanding | null) =>
  standing?.entry?.estimates[key].raw ?? null;
const rankOf = (key: DashboardRate) => (standing: DepartmentStanding | null) =>
  standing?.entry?.ranks[key] ?? null;

const RATE_WORDS: Record<DashboardRate, { zh: string; en: string; definition: string }> = {
  response: {
    zh: '响应率',
    en: 'Response rate',
    definition: '转交本部门、按时签收响应的转办数 ÷（已响应 + 超期未响应的转办数）',
  },
  resolution: {
    zh: '解决率',
    en: 'Resolution rate',
    definition: '本部门办理结果为已解决的转办数 ÷ 有效转办数（未退回、未撤回）',
  },
  satisfaction: {
    zh: '满意率',
    en: 'Satisfaction rate',
    definition: '企业评价为满意或基本满意的转办数 ÷ 已评价的转办数',
  },
  onTime: {
    zh: '按时办结率',
    en: 'On-time rate',
    definition: '本部门按时办结的转办数 ÷（按时办结 + 超时办结 + 超期未办结）',
  },
};

const RANKED_RATES: readonly DashboardRate[] = ['response', 'resolution', 'satisfaction', 'onTime'];

const departmentMeasures = measuresOf(departmentStandingSource, [
  {
    id: 'departments.forwarded',
    label: { zh: '转办', en: 'Forwarded' },
    unit: 'count',
    definition:
      '期间内（按转办日期）本工商联转交本部门办理的转办数；与本工商联工作看板“部门排名”的办理量同一口径',
    value: (standing) => (standing ? (standing.entry?.department.volume ?? 0) : null),
    list: departmentAppeals,
  },
  ...RANKED_RATES.map((key) => ({
    id: `departments.${key}Rate`,
    label: { zh: RATE_WORDS[key].zh, en: RATE_WORDS[key].en },
    unit: 'ratio' as const,
    definition: `${RATE_WORDS[key].definition}；与本工商联工作看板“部门排名”中本部门的原始比率一致`,
    value: rateOf(key),
    list: departmentAppeals,
  })),
  ...RANKED_RATES.map((key) => ({
    id: `departments.${key}Rank`,
    label: { zh: `${RATE_WORDS[key].zh}排名`, en: `${RATE_WORDS[key].en}: place` },
    unit: 'count' as const,
    definition:
      `本部门在本工商联各职能部门${RATE_WORDS[key].zh}排名中的名次（第几名）：按收缩估计排序，转办不足最低办理量的部门排在其后；` +
      '与工作看板“部门排名”一致',
    value: rankOf(key),
  })),
  {
    id: 'departments.ranked',
    label: { zh: '参与排名部门数', en: 'Departments ranked' },
    unit: 'count',
    definition: '本工商联部门排名中的职能部门数（本级及下级的职能部门，以及接收过本工商联转办的上级部门）',
    value: (standing) => standing?.ranked ?? null,
  },
]);

const chamberFigures = (standing: ChamberStanding) => figuresOf(standing.appeals, 0);
const ofChamber =
  <T>(read: (standing: ChamberStanding) => T) =>
  (standing: ChamberStanding | null): T | null =>
    standing ? read(standing) : null;

const chamberMeasuresOfOwn = measuresOf(chamberStandingSource, [
  {
    id: 'chambers.appealsReceived',
    label: { zh: '会员诉求', en: 'Members’ appeals' },
    unit: 'count',
    definition:
      '期间内（按受理日期）本会现有会员企业在所属工商联登记受理的诉求数；与诉求统计“按商会”中本会的受理数同一口径',
    value: ofChamber((standing) => standing.appeals.received),
  },
  {
    id: 'chambers.appealsResolved',
    label: { zh: '已解决', en: 'Resolved' },
    unit: 'count',
    definition: '其中办理结果为已解决的诉求数',
    value: ofChamber((standing) => standing.appeals.resolved),
  },
  {
    id: 'chambers.appealsResponseRate',
    label: { zh: '响应率', en: 'Response rate' },
    unit: 'ratio',
    definition: '本会会员诉求的转办中按时响应的 ÷（已响应 + 超期未响应）',
    value: ofChamber((standing) => chamberFigures(standing).responseRate),
  },
  {
    id: 'chambers.appealsResolutionRate',
    label: { zh: '解决率', en: 'Resolution rate' },
    unit: 'ratio',
    definition: '本会会员诉求中已解决的 ÷ 有效诉求数',
    value: ofChamber((standing) => chamberFigures(standing).resolutionRate),
  },
  {
    id: 'chambers.appealsSatisfactionRate',
    label: { zh: '满意率', en: 'Satisfaction rate' },
    unit: 'ratio',
    definition: '本会会员诉求中（满意 + 基本满意）÷ 已评价的诉求数',
    value: ofChamber((standing) => chamberFigures(standing).satisfactionRate),
  },
  {
    id: 'chambers.appealsOnTimeRate',
    label: { zh: '按时办结率', en: 'On-time rate' },
    unit: 'ratio',
    definition: '本会会员诉求中按时办结数 ÷（按时办结 + 超时办结 + 超期未办结）',
    value: ofChamber((standing) => chamberFigures(standing).onTimeRate),
  },
  {
    id: 'chambers.visitsDone',
    label: { zh: '走访次数', en: 'Visits made' },
    unit: 'count',
    definition: '期间内对本会在册会员完成的走访次数（任何人走访均计）',
    value: ofChamber((standing) => standing.visits.visits),
  },
  {
    id: 'chambers.visitedMembers',
    label: { zh: '已走访会员', en: 'Members visited' },
    unit: 'count',
    definition: '本会在册会员中期间内有完成走访的企业数',
    value: ofChamber((standing) => standing.visits.visitedMembers),
  },
  {
    id: 'chambers.visitCoverage',
    label: { zh: '走访覆盖率', en: 'Visit coverage' },
    unit: 'ratio',
    definition: '本会期间内已走访的在册会员数 ÷ 本会在册会员数',
    value: (standing) => (standing ? rate(standing.visits.visitedMembers, standing.members) : null),
  },
]);

export const ownFigureMeasures = [...departmentMeasures, ...chamberMeasuresOfOwn];

/** What a department's page shows, in order. */
export const DEPARTMENT_FIGURES = [
  'departments.forwarded',
  ...RANKED_RATES.map((key) => `departments.${key}Rate`),
  ...RANKED_RATES.map((key) => `departments.${key}Rank`),
  'departments.ranked',
];

/** What a chamber's page shows, in order. */
export const CHAMBER_FIGURES = [
  'chambers.appealsReceived',
  'chambers.appealsResolved',
  'chambers.appealsResponseRate',
  'chambers.appealsResolutionRate',
  'chambers.appealsSatisfactionRate',
  'chambers.appealsOnTimeRate',
  'chambers.visitsDone',
  'chambers.visitedMembers',
  'chambers.visitCoverage',
  'chambers.activeMembers',
];
