// 互助 mutual aid: members' supplies (供) and needs (需), the candidates matched to a post, brokered matches
// whose contacts stay masked until both sides accept, and their outcome (quantity delivered, date).
import { z } from 'zod';
import { line, optionalLine } from '../text.ts';
import { pageQuery } from './common.ts';
import { isoDate } from './registry.ts';

export const AID_SIDES = ['supply', 'demand'] as const;
export type AidSide = (typeof AID_SIDES)[number];
export const AID_SIDE_LABELS: Record<AidSide, string> = { supply: '供', demand: '需' };

export const AID_CATEGORIES = [
  'epidemic',
  'materials',
  'products',
  'technology',
  'logistics',
  'services',
] as const;
export type AidCategory = (typeof AID_CATEGORIES)[number];
export const AID_CATEGORY_LABELS: Record<AidCategory, string> = {
  epidemic: '防疫物资',
  materials: '原材料',
  products: '产品',
  technology: '技术',
  logistics: '物流运输',
  services: '服务',
};

export const AID_POST_STATES = ['open', 'matched', 'fulfilled', 'expired', 'withdrawn'] as const;
export type AidPostState = (typeof AID_POST_STATES)[number];
export const AID_POST_STATE_LABELS: Record<AidPostState, string> = {
  open: '开放',
  matched: '撮合中',
  fulfilled: '已完成',
  expired: '已过期',
  withdrawn: '已撤下',
};

export const AID_MATCH_STATES = ['proposed', 'accepted', 'fulfilled', 'declined'] as const;
export type AidMatchState = (typeof AID_MATCH_STATES)[number];
export const AID_MATCH_STATE_LABELS: Record<AidMatchState, string> = {
  proposed: '待双方确认',
  accepted: '双方已确认',
  fulfilled: '对接完成',
  declined: '已谢绝',
};
export const AID_MATCH_ACTIONS = ['accept', 'decline', 'fulfil'] as const;
export type AidMatchAction = (typeof AID_MATCH_ACTIONS)[number];

/** A quantity: positive, at most two decimals, as a number. */
const quantity = z
  .number({ message: '数量应为数字' })
  .positive('数量应大于 0')
  .max(1e12, '数量过大')
  .refine((value) => Math.round(value * 100) === value * 100, '数量最多两位小数');

export const createAidPostRequest = z.strictObject({
  side: z.enum(AID_SIDES, { message: '类型应为 supply（供）或 demand（需）' }),
  enterpriseId: z.string().uuid({ message: '企业编号格式不正确' }),
  title: line(100),
  category: z.enum(AID_CATEGORIES, { message: `类别应为 ${AID_CATEGORIES.join('、')} 之一` }),
  quantity,
  unit: line(10),
  place: optionalLine(100).nullable().optional(),
  validUntil: isoDate.nullable().optional(),
  urgent: z.boolean().optional(),
});
export type CreateAidPostRequest = z.infer<typeof createAidPostRequest>;

export const aidPostListQuery = z.strictObject({
  side: z.enum(AID_SIDES).optional(),
  category: z.enum(AID_CATEGORIES).optional(),
  state: z.enum(AID_POST_STATES).optional(),
  /** One enterprise's posts (an enterprise contact's 我的供需), within the caller's scope. */
  enterpriseId: z.string().uuid({ message: '企业编号格式不正确' }).optional(),
  q: optionalLine(100).optional(),
  ...pageQuery,
});
export type AidPostListQuery = z.infer<typeof aidPostListQuery>;

const named = z.object({ id: z.string().uuid(), name: z.string() });

/** A post as anyone may see it: never a contact. */
export const aidPostView = z.object({
  id: z.string().uuid(),
  side: z.enum(AID_SIDES),
  enterprise: named,
  title: z.string(),
  category: z.enum(AID_CATEGORIES),
  quantity: z.number(),
  unit: z.string(),
  place: z.string().nullable(),
  validUntil: z.string().nullable(),
  urgent: z.boolean(),
  state: z.enum(AID_POST_STATES),
  createdAt: z.string(),
  version: z.number().int(),
});
export type AidPostView = z.infer<typeof aidPostView>;
export const aidPostEnvelope = z.object({ post: aidPostView });
export const aidPostPage = z.object({
  items: z.array(aidPostView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const aidCandidate = aidPostView.extend({
  /** Words of the titles in common. */
  commonWords: z.array(z.string()),
  /** street, district, city, province or far: how near the two enterprises are by division. */
  proximity: z.enum(['street', 'district', 'city', 'province', 'far']),
  score: z.number(),
});
export type AidCandidate = z.infer<typeof aidCandidate>;
export const aidCandidates = z.object({ items: z.array(aidCandidate) });

export const createAidMatchRequest = z.strictObject({
  supplyId: z.string().uuid({ message: '供给信息编号格式不正确' }),
  demandId: z.string().uuid({ message: '需求信息编号格式不正确' }),
});
export const aidMatchTransitionRequest = z.strictObject({
  action: z.enum(AID_MATCH_ACTIONS, { message: '操作应为 accept、decline 或 fulfil 之一' }),
  version: z.number().int(),
  /** fulfil: the quantity delivered. */
  quantity: quantity.optional(),
  deliveredOn: isoDate.optional(),
});
export type AidMatchTransitionRequest = z.infer<typeof aidMatchTransitionRequest>;

/** A side's contact: present only once both sides accepted. */
const contact = z.object({ name: z.string(), mobile: z.string().nullable() }).nullable();
export const aidMatchView = z.object({
  id: z.string().uuid(),
  supply: aidPostView,
  demand: aidPostView,
  state: z.enum(AID_MATCH_STATES),
  supplyAccepted: z.boolean(),
  demandAccepted: z.boolean(),
  supplyContact: contact,
  demandContact: contact,
  quantityDelivered: z.number().nullable(),
  deliveredOn: z.string().nullable(),
  actions: z.array(z.enum(AID_MATCH_ACTIONS)),
  version: z.number().int(),
});
export type AidMatchView = z.infer<typeof aidMatchView>;
export const aidMatchEnvelope = z.object({ match: aidMatchView });
export const aidMatchList = z.object({ items: z.array(aidMatchView) });

/** The figures of mutual aid by category: a subtree (default the caller's unit) and a period (default this year). */
export const aidStatsQuery = z.strictObject({
  orgUnitId: z.string().uuid({ message: '单位编号格式不正确' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type AidStatsQuery = z.infer<typeof aidStatsQuery>;

/** Quantities are summed per unit of measure (个, 件, 吨 never add up). */
const quantityByUnit = z.object({ unit: z.string(), quantity: z.number() });
const aidFigures = z.object({
  posts: z.number().int(),
  supplies: z.number().int(),
  demands: z.number().int(),
  /** Matches brokered in the period for needs of the subtree. */
  matches: z.number().int(),
  /** Matches fulfilled in the period (by date delivered), and what they delivered. */
  fulfilled: z.number().int(),
  /** Enterprises whose needs were fulfilled in the period ("为40家企业解决"). */
  enterprisesHelped: z.number().int(),
  delivered: z.array(quantityByUnit),
  /** Quantities posted in the period, by side. */
  supplied: z.array(quantityByUnit),
  demanded: z.array(quantityByUnit),
});
export type AidFigures = z.infer<typeof aidFigures>;
export const aidStats = z.object({
  from: z.string(),
  to: z.string(),
  total: aidFigures,
  categories: z.array(aidFigures.extend({ category: z.enum(AID_CATEGORIES) })),
});
export type AidStats = z.infer<typeof aidStats>;
