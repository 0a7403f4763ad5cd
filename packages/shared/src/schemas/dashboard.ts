// 工作看板 the dashboard: the numbers of an org unit's subtree for a period — members (在册会员 by industry,
// size, street and chamber; joined and left), party-organization coverage (两个覆盖), visits and visit
// coverage (走访覆盖率), the appeals funnel, the three rates (三率) and the on-time rate, top categories, the
// monthly trend and a fair department ranking. Every item carries `link`: the app path of the list behind it.
import { z } from 'zod';
import { appealFigures } from './appeals.ts';
import { MEASURE_UNITS } from './measures.ts';
import { isoDate } from './registry.ts';

/** A period longer than this is refused: the dashboard is read by month, quarter or year. */
export const DASHBOARD_MAX_YEARS = 5;
/** The chambers chart shows the largest this many (a province has over a thousand). */
export const DASHBOARD_CHAMBERS_SHOWN = 20;

/**
 * orgUnitId: the caller's own unit when omitted, otherwise a unit in their subtree (outside: 404).
 * from/to: the period (days, inclusive, Asia/Shanghai); by default this quarter.
 */
export const dashboardQuery = z.strictObject({
  orgUnitId: z.string().uuid({ message: '组织编号格式不正确' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

/** One bar, slice or point of a chart: what it counts and the list of records behind it. */
export const dashboardItem = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number().int(),
  /** The app path of the filtered list behind the number, e.g. /enterprises?industry=C&orgUnitId=… */
  link: z.string(),
});
export type DashboardItem = z.infer<typeof dashboardItem>;

export const dashboardCount = z.object({ value: z.number().int(), link: z.string() });
export type DashboardCount = z.infer<typeof dashboardCount>;

/** The rates a department is ranked by: 响应率, 解决率, 满意率 (the three rates) and 按时办结率. */
export const DASHBOARD_RATES = ['satisfaction', 'resolution', 'response', 'onTime'] as const;
export type DashboardRate = (typeof DASHBOARD_RATES)[number];

/**
 * A rate with its sample: raw = successes ÷ trials; score = (successes + k·overall) ÷ (trials + k), the
 * shrinkage estimate toward the overall rate with prior weight k. Null when there is nothing to divide by.
 */
export const rateEstimate = z.object({
  successes: z.number().int(),
  trials: z.number().int(),
  raw: z.number().nullable(),
  score: z.number().nullable(),
});
export type RateEstimate = z.infer<typeof rateEstimate>;

export const departmentRankItem = z.object({
  id: z.string().uuid(),
  name: z.string(),
  /** Forwards made to the department in the period: the volume the minimum applies to. */
  volume: z.number().int(),
  /** volume ≥ minVolume; the others are shown as 样本不足 and ranked after every sufficient one. */
  sufficient: z.boolean(),
  rates: z.object({
    satisfaction: rateEstimate,
    resolution: rateEstimate,
    response: rateEstimate,
    onTime: rateEstimate,
  }),
  /** The department's place (1 = best) when ranked by each rate. */
  ranks: z.object({
    satisfaction: z.number().int(),
    resolution: z.number().int(),
    response: z.number().int(),
    onTime: z.number().int(),
  }),
  link: z.string(),
});
export type DepartmentRankItem = z.infer<typeof departmentRankItem>;

export const departmentRanking = z.object({
  minVolume: z.number().int(),
  priorWeight: z.number(),
  /** The rate over every department ranked: what small samples are pulled toward. */
  overall: z.object({
    satisfaction: z.number().nullable(),
    resolution: z.number().nullable(),
    response: z.number().nullable(),
    onTime: z.number().nullable(),
  }),
  /** In the order of the satisfaction ranking. */
  items: z.array(departmentRankItem),
});
export type DepartmentRanking = z.infer<typeof departmentRanking>;

export const socialResponsibilityFigure = z.object({
  id: z.string(),
  label: z.string(),
  unit: z.enum(MEASURE_UNITS),
  value: z.number().nullable(),
  /** The app path of the records behind the figure, or null. */
  link: z.string().nullable(),
});
export type SocialResponsibilityFigure = z.infer<typeof socialResponsibilityFigure>;

export const dashboardResult = z.object({
  orgUnit: z.object({ id: z.string().uuid(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  members: z.object({
    /** Member enterprises in the registry now, active membership, merged duplicates left out. */
    active: dashboardCount,
    /** All statuses now (申请中, 在册, 暂停, 已退会). */
    byStatus: z.array(dashboardItem),
    /** joined_on in the period. */
    joined: dashboardCount,
    /** Withdrawn, with the day of withdrawal in the period. */
    left: dashboardCount,
    /** Active members by GB/T 4754 section (门类). */
    byIndustry: z.array(dashboardItem),
    bySize: z.array(dashboardItem),
    /** By the child units of the org unit (streets under a district), each counting its subtree. */
    byStreet: z.array(dashboardItem),
    /** Active members of the chambers and associations in the subtree, the largest DASHBOARD_CHAMBERS_SHOWN. */
    byChamber: z.array(dashboardItem),
  }),
  party: z.object({
    enterprises: z.number().int(),
    organized: z.number().int(),
    covered: z.number().int(),
    /** 组织覆盖率 organized ÷ enterprises; 工作覆盖率 covered ÷ enterprises. */
    organizationCoverage: z.number().nullable(),
    workCoverage: z.number().nullable(),
    /** organized, instructor_only, none: the three states, each a filtered enterprise list. */
    items: z.array(dashboardItem),
    link: z.string(),
  }),
  visits: z.object({
    /** Done visits counted for the subtree, made in the period. */
    visits: dashboardCount,
    /** Distinct enterprises of those visits. */
    enterprisesVisited: z.number().int(),
    /** 走访覆盖率 as modules/visits defines it: active members with a done visit in the period ÷ active members. */
    members: z.number().int(),
    visitedMembers: z.number().int(),
    coverage: z.number().nullable(),
  }),
  appeals: z.object({
    /** The appeal figures of the period (modules/appeal-stats), without the distinct-enterprise count. */
    total: appealFigures.omit({ enterprises: true }),
    /** received → valid → forwarded → responded → resolved → satisfied. */
    funnel: z.array(dashboardItem),
    rates: z.array(
      z.object({ key: z.enum(DASHBOARD_RATES), value: z.number().nullable(), link: z.string() }),
    ),
    /** The ten categories with the most appeals received. */
    categories: z.array(dashboardItem),
    trend: z.array(
      z.object({
        month: z.string(),
        received: z.number().int(),
        resolved: z.number().int(),
        receivedLink: z.string(),
        resolvedLink: z.string(),
      }),
    ),
    departments: departmentRanking,
  }),
  /**
   * 社会责任 the social-responsibility card: donated, directed, volunteers, street coverage… — each a measure
   * of the registry (its unit says how to show it: fen as yuan, ratio as a percentage), with the list behind it.
   */
  socialResponsibility: z.object({ items: z.array(socialResponsibilityFigure) }),
  /** events (issue 16): 教育培训 the education card — events, 人次, persons, enterprises, coverage, honours. */
  education: z.object({ items: z.array(socialResponsibilityFigure) }),
  /** 惠企政策 the policy card: published, pushed, read rate, applied, approved, amount — measures as above. */
  policies: z.object({ items: z.array(socialResponsibilityFigure) }),
  /** 融资对接 the financing card: needs, sent, approved, loans granted and their amount — measures of the registry. */
  financing: z.object({ items: z.array(socialResponsibilityFigure) }),
});
export type DashboardResult = z.infer<typeof dashboardResult>;
