// 服务包 service packages (issue 13, item 6): a named bundle of policies and free-text services that a
// federation hands to chosen enterprises (开展送专属服务包活动). States draft → published → closed; holders
// are package × enterprise, once each, handed on a day by someone, optionally on a visit.
import { z } from 'zod';
import { line, optionalLine } from '../text.ts';
import { pageOf, pageQuery } from './common.ts';
import { enterpriseFilter, isoDate } from './registry.ts';

export const PACKAGE_STATES = ['draft', 'published', 'closed'] as const;
export type PackageState = (typeof PACKAGE_STATES)[number];
export const PACKAGE_STATE_LABELS: Record<PackageState, string> = {
  draft: '草稿',
  published: '已发布',
  closed: '已结束',
};

export const PACKAGE_ACTIONS = ['publish', 'close'] as const;
export type PackageAction = (typeof PACKAGE_ACTIONS)[number];
export const PACKAGE_ACTION_LABELS: Record<PackageAction, string> = { publish: '发布', close: '结束' };
/** The state machine, whole: the states each action may start from. */
export const PACKAGE_TRANSITIONS: Readonly<Record<PackageAction, readonly PackageState[]>> = {
  publish: ['draft'],
  close: ['published'],
};

/** One item: a policy of the library, or a service described in words (法律体检, 融资对接…). */
export const packageItemInput = z.union(
  [
    z.strictObject({ policyId: z.string().uuid({ message: '政策编号格式不正确' }) }),
    z.strictObject({ service: line(200) }),
  ],
  { message: '服务包内容应为 {policyId} 或 {service}' },
);
export type PackageItemInput = z.infer<typeof packageItemInput>;

const items = z.array(packageItemInput).max(50, { message: '服务包最多包含 50 项内容' });

export const createPackageRequest = z.strictObject({
  name: line(100),
  description: optionalLine(2000).nullable().optional(),
  /** Omitted: the caller's own unit; else a federation unit of their subtree. */
  orgUnitId: z.string().uuid({ message: '所属单位编号格式不正确' }).optional(),
  items,
});
export type CreatePackageRequest = z.infer<typeof createPackageRequest>;

export const updatePackageRequest = z.strictObject({
  version: z.number().int(),
  name: line(100).optional(),
  description: optionalLine(2000).nullable().optional(),
  items: items.optional(),
});
export type UpdatePackageRequest = z.infer<typeof updatePackageRequest>;

export const packageTransitionRequest = z.strictObject({
  action: z.enum(PACKAGE_ACTIONS, { message: '操作应为 publish 或 close' }),
  version: z.number().int(),
});
export type PackageTransitionRequest = z.infer<typeof packageTransitionRequest>;

export const packageListQuery = z.strictObject({
  q: optionalLine(100).optional(),
  state: z.enum(PACKAGE_STATES, { message: '状态应为 draft、published 或 closed' }).optional(),
  ...pageQuery,
});
export type PackageListQuery = z.infer<typeof packageListQuery>;

export const packageItemView = z.object({
  position: z.number().int(),
  /** A policy item: its id, title and state as the library has them. */
  policy: z.object({ id: z.string().uuid(), title: z.string(), state: z.string() }).nullable(),
  service: z.string().nullable(),
});
export type PackageItemView = z.infer<typeof packageItemView>;

export const packageSummary = z.object({
  id: z.string().uuid(),
  name: z.string(),
  description: z.string().nullable(),
  state: z.enum(PACKAGE_STATES),
  orgUnit: z.object({ id: z.string().uuid(), name: z.string() }),
  itemCount: z.number().int(),
  /** Enterprises holding it, among those the caller sees. */
  holderCount: z.number().int(),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
});
export type PackageSummary = z.infer<typeof packageSummary>;

export const packageView = packageSummary.extend({
  items: z.array(packageItemView),
  actions: z.array(z.enum(PACKAGE_ACTIONS)),
  canEdit: z.boolean(),
  canHandOut: z.boolean(),
});
export type PackageView = z.infer<typeof packageView>;
export const packageEnvelope = z.object({ servicePackage: packageView });
export const packagePage = pageOf(packageSummary);

/**
 * Who receives it: a list of enterprise ids, or every enterprise of a registry filter (a chamber's members,
 * an industry, a tag…) — the enterprise list's own filter, within what the caller may hand out to.
 */
export const handOutTarget = z.strictObject({
  enterpriseIds: z
    .array(z.string().uuid({ message: '企业编号格式不正确' }))
    .min(1, { message: '至少选择一家企业' })
    .max(5_000, { message: '一次最多指定 5000 家企业，更多请按条件发放' })
    .optional(),
  filter: z.strictObject(enterpriseFilter).omit({ sort: true }).optional(),
});
export const handOutRequest = handOutTarget.extend({
  /** Omitted: today. */
  handedOn: isoDate.optional(),
  note: optionalLine(500).nullable().optional(),
});
export type HandOutTarget = z.infer<typeof handOutTarget>;
export type HandOutRequest = z.infer<typeof handOutRequest>;
/** What a hand-out would do (count) or did: enterprises newly holding it, and those that already did. */
export const handOutResult = z.object({ added: z.number().int(), alreadyHeld: z.number().int() });
export type HandOutResult = z.infer<typeof handOutResult>;

export const holderView = z.object({
  enterprise: z.object({ id: z.string().uuid(), name: z.string(), uscc: z.string().nullable() }),
  orgUnit: z.object({ id: z.string().uuid(), name: z.string() }),
  handedOn: z.string(),
  handedBy: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
  visitId: z.string().uuid().nullable(),
  note: z.string().nullable(),
});
export type HolderView = z.infer<typeof holderView>;
export const holderListQuery = z.strictObject({ ...pageQuery });
export const holderPage = pageOf(holderView);

export const PACKAGE_STAT_GROUPINGS = ['package', 'orgUnit'] as const;
export type PackageStatGrouping = (typeof PACKAGE_STAT_GROUPINGS)[number];
export const packageStatsQuery = z.strictObject({
  groupBy: z.enum(PACKAGE_STAT_GROUPINGS, { message: 'groupBy 应为 package 或 orgUnit' }),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const packageStats = z.object({
  groupBy: z.enum(PACKAGE_STAT_GROUPINGS),
  /** Enterprises of the caller's subtree holding a package handed in the period (each counted once). */
  enterprises: z.number().int(),
  /** Packages handed (package × enterprise) in the period. */
  handedOut: z.number().int(),
  groups: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      enterprises: z.number().int(),
      handedOut: z.number().int(),
    }),
  ),
});
export type PackageStats = z.infer<typeof packageStats>;

/** An enterprise contact's own packages (the phone side's 我的服务包). */
export const myPackage = z.object({
  id: z.string().uuid(),
  name: z.string(),
  description: z.string().nullable(),
  orgUnitName: z.string(),
  handedOn: z.string(),
  items: z.array(packageItemView),
});
export type MyPackage = z.infer<typeof myPackage>;
export const myPackageList = z.object({ items: z.array(myPackage) });
