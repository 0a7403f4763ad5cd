// 诉求 appeals and their forwarding through direct channels (快捷通道) to departments: what is raised,
// the one list of states and actions, the timeline, and the figures (三率: response, resolution and
// satisfaction rates).
import { z } from 'zod';
import { line, optionalLine } from '../text.ts';
import { pageOf, pageQuery } from './common.ts';
import { isoDate } from './registry.ts';

// The words of the states and actions below, in one table.

/** Where an appeal came from. hotline_12345 is set only by the hotline's intake (POST /api/hotline/appeals). */
export const APPEAL_SOURCES = [
  'visit',
  'survey',
  'chamber',
  'phone',
  'group_chat',
  'self_service',
  'hotline_12345',
] as const;
export type AppealSource = (typeof APPEAL_SOURCES)[number];
/** The sources a person names when raising an appeal in the app (never the hotline's). */
export const RAISED_APPEAL_SOURCES = APPEAL_SOURCES.filter(
  (source): source is Exclude<AppealSource, 'hotline_12345'> => source !== 'hotline_12345',
);
export const APPEAL_SOURCE_LABELS: Record<AppealSource, string> = {
  visit: '走访',
  survey: '调研',
  chamber: '商会',
  phone: '电话',
  group_chat: '群聊',
  self_service: '企业自助',
  hotline_12345: '12345热线',
};

export const APPEAL_URGENCIES = ['normal', 'urgent', 'critical'] as const;
export type AppealUrgency = (typeof APPEAL_URGENCIES)[number];
export const APPEAL_URGENCY_LABELS: Record<AppealUrgency, string> = {
  normal: '一般',
  urgent: '紧急',
  critical: '特急',
};

/**
 * submitted → valid | invalid | merged; valid → forwarded → in_progress (every open forward accepted) →
 * answered (the departments' outcome) → confirmed (by the federation) → closed (rated). returned: every
 * open forward was returned, back to the federation to re-route. reopen takes confirmed/closed back to
 * valid, keeping the history. Their words: appeal-words.ts.
 */
export const APPEAL_STATES = [
  'submitted',
  'valid',
  'invalid',
  'merged',
  'forwarded',
  'in_progress',
  'returned',
  'answered',
  'confirmed',
  'closed',
] as const;
export type AppealState = (typeof APPEAL_STATES)[number];
export const FORWARD_STATES = [
  'pending',
  'accepted',
  'returned',
  'resolved',
  'unsolvable',
  'withdrawn',
] as const;
export type ForwardState = (typeof FORWARD_STATES)[number];

export const APPEAL_ACTIONS = [
  'mark_valid',
  'mark_invalid',
  'forward',
  'accept',
  'return',
  'reply',
  'resolve',
  'explain_unsolvable',
  'confirm',
  'rate',
  'reopen',
  'merge',
  // The system's: a confirmed appeal nobody rated closes as 未评价办结 (modules/appeals/unrated.ts); no
  // request carries it.
  'close_unrated',
] as const;
export type AppealAction = (typeof APPEAL_ACTIONS)[number];

export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

/** How a rating was taken: by phone or on a visit by staff, or by the enterprise itself. */
export const RATING_CHANNELS = ['phone', 'visit', 'self_service'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];

export const APPEAL_OUTCOMES = ['resolved', 'unsolvable'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

const uuid = (message: string) => z.string().uuid({ message });
const categoryCode = z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, { message: '诉求类别代码格式不正确' });

export const createAppealRequest = z.strictObject({
  enterpriseId: uuid('企业编号格式不正确'),
  category: categoryCode,
  title: line(100),
  description: line(5000),
  source: z
    .enum(APPEAL_SOURCES, {
      message: '来源应为 visit、survey、chamber、phone、group_chat 或 self_service 之一',
    })
    .refine((source): boolean => source !== 'hotline_12345', {
      message: '12345热线的诉求只能由热线系统经 POST /api/hotline/appeals 转入',
    }),
  urgency: z.enum(APPEAL_URGENCIES, { message: '紧急程度应为 normal、urgent 或 critical 之一' }),
  /** The visit it was raised on. */
  visitId: uuid('走访编号格式不正确').optional(),
  /** The chamber that raised it (a chamber secretary's appeals carry theirs by default). */
  chamberId: uuid('商会编号格式不正确').optional(),
  /** The enterprise's contact for it (default: an enterprise contact themselves, else the primary). */
  contactId: uuid('联系人编号格式不正确').optional(),
});
export type CreateAppealRequest = z.infer<typeof createAppealRequest>;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').filter((v) => v !== '') : value),
    z.array(item).max(20),
  );

export const appealListQuery = z.strictObject({
  ...pageQuery,
  q: optionalLine(100).optional(),
  state: csv(z.enum(APPEAL_STATES, { message: '状态取值不正确' })).optional(),
  category: csv(categoryCode).optional(),
  urgency: z.enum(APPEAL_URGENCIES).optional(),
  source: z.enum(APPEAL_SOURCES).optional(),
  enterpriseId: z.string().uuid().optional(),
  departmentId: z.string().uuid().optional(),
  orgUnitId: z.string().uuid().optional(),
  chamberId: z.string().uuid().optional(),
  visitId: z.string().uuid().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  satisfaction: csv(z.enum(SATISFACTIONS)).optional(),
  outcome: z.enum(APPEAL_OUTCOMES).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  sort: z.enum(['received_desc', 'received_asc', 'due_asc']).default('received_desc'),
});
export type AppealListQuery = z.infer<typeof appealListQuery>;

export const appealSummary = z.object({
  id: z.string().uuid(),
  number: z.string(),
  title: z.string(),
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  orgUnitId: z.string().uuid(),
  category: z.string(),
  categoryName: z.string(),
  source: z.enum(APPEAL_SOURCES),
  urgency: z.enum(APPEAL_URGENCIES),
  state: z.enum(APPEAL_STATES),
  outcome: z.enum(APPEAL_OUTCOMES).nullable(),
  satisfaction: z.enum(SATISFACTIONS).nullable(),
  /**
   * Overdue now (either kind): an open forward of the current round is past its response deadline without
   * a response (responseOverdue, 超期未响应) or past its resolution deadline (resolveOverdue, 超期未办结).
   */
  overdue: z.boolean(),
  responseOverdue: z.boolean(),
  resolveOverdue: z.boolean(),
  receivedAt: z.string(),
  respondDueAt: z.string().nullable(),
  resolveDueAt: z.string().nullable(),
  /** The departments of the current round's forwards. */
  departments: z.array(z.object({ id: z.string().uuid(), name: z.string(), state: z.enum(FORWARD_STATES) })),
  version: z.number().int(),
});
export type AppealSummary = z.infer<typeof appealSummary>;
export const appealPage = pageOf(appealSummary);

export const appealForwardView = z.object({
  id: z.string().uuid(),
  round: z.number().int(),
  departmentId: z.string().uuid(),
  departmentName: z.string(),
  channelId: z.string().uuid(),
  state: z.enum(FORWARD_STATES),
  forwardedAt: z.string(),
  respondDueAt: z.string(),
  resolveDueAt: z.string(),
  respondedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answer: z.string().nullable(),
  /** Open and past its response deadline without a response, now. */
  responseOverdue: z.boolean(),
  /** Open and past its resolution deadline, now. */
  resolveOverdue: z.boolean(),
  /** Working days left to the resolution deadline (negative: overdue by that many). */
  workingDaysLeft: z.number().int().nullable(),
  /**
   * 日历缺失: the deadlines run into a year the working calendar does not know yet, so they were counted on
   * weekends alone (no holidays, no adjusted working weekends) until the year's schedule is loaded.
   */
  calendarMissing: z.boolean(),
});
export type AppealForwardView = z.infer<typeof appealForwardView>;

export const appealEventView = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  note: z.string().nullable(),
  departmentName: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AppealEventView = z.infer<typeof appealEventView>;

export const appealAttachmentView = z.object({
  id: z.string().uuid(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.string(),
  uploadedByName: z.string().nullable(),
});
export type AppealAttachmentView = z.infer<typeof appealAttachmentView>;

export const appealView = appealSummary.extend({
  description: z.string(),
  chamberId: z.string().uuid().nullable(),
  chamberName: z.string().nullable(),
  visitId: z.string().uuid().nullable(),
  invalidReason: z.string().nullable(),
  mergedIntoId: z.string().uuid().nullable(),
  mergedIntoNumber: z.string().nullable(),
  raisedByName: z.string().nullable(),
  /** The contact the enterprise named for it, the mobile masked (revealed by POST …/contact/unmask). */
  contact: z
    .object({
      id: z.string().uuid().nullable(),
      name: z.string(),
      position: z.string().nullable(),
      mobile: z.string().nullable(),
    })
    .nullable(),
  /** Whether the caller may reveal the contact's full mobile (audited). */
  contactUnmaskable: z.boolean(),
  validatedAt: z.string().nullable(),
  forwardedAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  ratedAt: z.string().nullable(),
  ratedVia: z.enum(RATING_CHANNELS).nullable(),
  closedAt: z.string().nullable(),
  /** Closed by the system after no rating came (未评价办结): no satisfaction, never counted as satisfied. */
  closedUnrated: z.boolean(),
  /** Until when the enterprise may reopen it (null: not reopenable now). */
  reopenUntil: z.string().nullable(),
  reopenCount: z.number().int(),
  round: z.number().int(),
  forwards: z.array(appealForwardView),
  events: z.array(appealEventView),
  attachments: z.array(appealAttachmentView),
  /** What the caller may do now: the web app shows these buttons only. */
  allowedActions: z.array(z.enum(APPEAL_ACTIONS)),
});
export type AppealView = z.infer<typeof appealView>;
export const appealEnvelope = z.object({ appeal: appealView });
/** The full mobile of an appeal's contact (contactId null: the enterprise's contact row is gone). */
export const appealContactUnmasked = z.object({
  contactId: z.string().uuid().nullable(),
  mobile: z.string().nullable(),
});
export type AppealContactUnmasked = z.infer<typeof appealContactUnmasked>;

const reason = (what: string) => line(500).describe(what);
const version = z.number({ message: '须提供版本号 version' }).int();

/** One request shape per action; `version` guards against concurrent edits (409 VERSION_CONFLICT). */
export const appealTransitionRequest = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('mark_valid'), version, note: optionalLine(500).optional() }),
    z.strictObject({ action: z.literal('mark_invalid'), version, reason: reason('无效原因') }),
    z.strictObject({
      action: z.literal('forward'),
      version,
      departmentIds: z
        .array(uuid('部门编号格式不正确'))
        .min(1, { message: '至少选择一个承办部门' })
        .max(10, { message: '一次最多转办 10 个部门' }),
      note: optionalLine(500).optional(),
    }),
    z.strictObject({ action: z.literal('accept'), version, note: optionalLine(500).optional() }),
    z.strictObject({ action: z.literal('return'), version, reason: reason('退回原因') }),
    z.strictObject({ action: z.literal('reply'), version, note: line(2000) }),
    z.strictObject({ action: z.literal('resolve'), version, note: line(2000) }),
    z.strictObject({ action: z.literal('explain_unsolvable'), version, note: line(2000) }),
    z.strictObject({ action: z.literal('confirm'), version, note: optionalLine(500).optional() }),
    z.strictObject({
      action: z.literal('rate'),
      version,
      satisfaction: z.enum(SATISFACTIONS, {
        message: '满意度应为 satisfied、basically_satisfied 或 dissatisfied 之一',
      }),
      /** How the rating was taken; an enterprise contact's own rating is always self_service. */
      via: z.enum(RATING_CHANNELS).optional(),
      note: optionalLine(500).optional(),
    }),
    z.strictObject({ action: z.literal('reopen'), version, reason: reason('重新办理的原因') }),
    z.strictObject({
      action: z.literal('merge'),
      version,
      intoId: uuid('合并目标诉求编号格式不正确'),
      note: optionalLine(500).optional(),
    }),
  ],
  { message: '未知的操作 action' },
);
export type AppealTransitionRequest = z.infer<typeof appealTransitionRequest>;

// Categories and channels.
export const appealCategoryView = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  sort: z.number().int(),
  active: z.boolean(),
  respondDays: z.number().int(),
  resolveDays: z.number().int(),
  version: z.number().int(),
  /** The federation unit whose definition is in effect here; null: the top level's (every unit's). */
  ownerOrgUnitId: z.string().nullable(),
  ownerName: z.string().nullable(),
  /** Defined at the unit asked about (else inherited from ownerName). */
  own: z.boolean(),
  /** An own definition that replaces one inherited from above (an override, not a new code). */
  replacesInherited: z.boolean(),
});
export type AppealCategoryView = z.infer<typeof appealCategoryView>;
export const appealCategoryList = z.object({
  items: z.array(appealCategoryView),
  /** The federation unit the list is in effect at, and whether the caller may define categories there. */
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  editable: z.boolean(),
});
export const appealCategoryQuery = z.strictObject({
  orgUnitId: uuid('组织编号格式不正确').optional(),
});

const days = (max: number, label: string) =>
  z
    .number({ message: `${label}应为数字` })
    .int({ message: `${label}应为整数` })
    .min(0, { message: `${label}不能为负数` })
    .max(max, { message: `${label}不能超过 ${max} 个工作日` });

export const upsertAppealCategoryRequest = z.strictObject({
  code: categoryCode,
  nameZh: line(20),
  nameEn: line(40),
  sort: z.number().int().min(0).max(10_000).optional(),
  active: z.boolean().optional(),
  respondDays: days(60, '响应时限'),
  resolveDays: days(365, '办结时限').min(1, { message: '办结时限至少 1 个工作日' }),
  version: z.number().int().optional(),
  /** The federation unit at whose level the category is defined; omitted: the caller's own unit. */
  orgUnitId: uuid('组织编号格式不正确').optional(),
});
export type UpsertAppealCategoryRequest = z.infer<typeof upsertAppealCategoryRequest>;

export const channelDeadlineView = z.object({
  category: z.string(),
  respondDays: z.number().int(),
  resolveDays: z.number().int(),
});

export const channelView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  description: z.string().nullable(),
  orgUnitId: z.string().uuid(),
  department: z.object({ id: z.string().uuid(), name: z.string() }),
  respondDays: z.number().int().nullable(),
  resolveDays: z.number().int().nullable(),
  deadlines: z.array(channelDeadlineView),
  head: z.object({ id: z.string().uuid(), displayName: z.string() }).nullable(),
  liaisons: z.array(z.object({ id: z.string().uuid(), displayName: z.string() })),
  /**
   * The group robot's webhook is write-only (its URL carries the key anyone could post with): every reader
   * learns whether one is set (a forward through a channel with neither liaisons nor robot tells nobody);
   * only those who may change the channel learn its host, and nobody its URL.
   */
  webhookSet: z.boolean(),
  webhookHost: z.string().nullable(),
  active: z.boolean(),
  /** 向下级开放: a city's or province's channel its districts forward through as through their own. */
  openToSubordinates: z.boolean(),
  /** The federation unit that runs the channel (示例市工商联 for a channel opened from above). */
  orgUnitName: z.string(),
  /** Run by a unit above the caller's (opened to them): shown as that unit's channel. */
  fromAbove: z.boolean(),
  version: z.number().int(),
});
export type ChannelView = z.infer<typeof channelView>;
export const channelList = z.object({ items: z.array(channelView) });
export const channelEnvelope = z.object({ channel: channelView });

const webhookUrl = z
  .string()
  .trim()
  .max(500)
  .url({ message: '回调地址应为 http(s) 网址' })
  .refine((value) => /^https?:\/\//.test(value), { message: '回调地址应为 http(s) 网址' });

const channelFields = {
  name: line(60),
  description: optionalLine(500).nullable().optional(),
  respondDays: days(60, '响应时限').nullable().optional(),
  resolveDays: days(365, '办结时限').min(1, { message: '办结时限至少 1 个工作日' }).nullable().optional(),
  deadlines: z
    .array(
      z.strictObject({
        category: categoryCode,
        respondDays: days(60, '响应时限'),
        resolveDays: days(365, '办结时限').min(1, { message: '办结时限至少 1 个工作日' }),
      }),
    )
    .max(50)
    .optional(),
  headUserId: uuid('负责人账号编号格式不正确').nullable().optional(),
  /** Write-only: a URL sets the robot, null removes it, leaving it out keeps the one set (never sent back). */
  webhookUrl: webhookUrl.nullable().optional(),
  active: z.boolean().optional(),
  openToSubordinates: z.boolean().optional(),
};

export const createChannelRequest = z.strictObject({
  departmentId: uuid('部门编号格式不正确'),
  ...channelFields,
});
export type CreateChannelRequest = z.infer<typeof createChannelRequest>;
export const updateChannelRequest = z.strictObject({
  version,
  ...channelFields,
  name: line(60).optional(),
});
export type UpdateChannelRequest = z.infer<typeof updateChannelRequest>;

// The liaison's inbox: the forwards to their department.
export const inboxQuery = z.strictObject({
  ...pageQuery,
  state: csv(z.enum(FORWARD_STATES)).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: optionalLine(100).optional(),
});
export type InboxQuery = z.infer<typeof inboxQuery>;

export const inboxItem = z.object({
  forwardId: z.string().uuid(),
  appealId: z.string().uuid(),
  number: z.string(),
  title: z.string(),
  enterpriseName: z.string(),
  category: z.string(),
  categoryName: z.string(),
  urgency: z.enum(APPEAL_URGENCIES),
  departmentName: z.string(),
  /** The district (or city) that forwarded it through a channel opened from above; null for an own forward. */
  fromUnitName: z.string().nullable(),
  state: z.enum(FORWARD_STATES),
  forwardedAt: z.string(),
  respondDueAt: z.string(),
  resolveDueAt: z.string(),
  responseOverdue: z.boolean(),
  resolveOverdue: z.boolean(),
});
export type InboxItem = z.infer<typeof inboxItem>;
export const inboxPage = pageOf(inboxItem);

// Figures (三率), always computed from the records.
export const APPEAL_STATS_GROUPS = ['department', 'category', 'orgUnit', 'chamber', 'month'] as const;
export type AppealStatsGroup = (typeof APPEAL_STATS_GROUPS)[number];

export const appealStatsQuery = z.strictObject({
  groupBy: z
    .enum(APPEAL_STATS_GROUPS, { message: '分组应为 department、category、orgUnit、chamber 或 month 之一' })
    .optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  orgUnitId: z.string().uuid().optional(),
});
export type AppealStatsQuery = z.infer<typeof appealStatsQuery>;

/** Counts and rates of one group (or of the whole period). Rates are 0–1, null when nothing to divide by. */
export const appealFigures = z.object({
  received: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  merged: z.number().int(),
  forwarded: z.number().int(),
  returned: z.number().int(),
  responded: z.number().int(),
  respondedOnTime: z.number().int(),
  resolved: z.number().int(),
  unsolvable: z.number().int(),
  closedOnTime: z.number().int(),
  closedLate: z.number().int(),
  openOverdue: z.number().int(),
  rated: z.number().int(),
  satisfied: z.number().int(),
  basicallySatisfied: z.number().int(),
  dissatisfied: z.number().int(),
  enterprises: z.number().int(),
  /** 响应率: forwards responded to within the deadline ÷ forwards. */
  responseRate: z.number().nullable(),
  /** 解决率: resolved ÷ valid appeals. */
  resolutionRate: z.number().nullable(),
  /** 满意率: (satisfied + basically satisfied) ÷ rated. */
  satisfactionRate: z.number().nullable(),
  /** 按时办结率: closed on time ÷ (closed + still open and overdue). */
  onTimeRate: z.number().nullable(),
});
export type AppealFigures = z.infer<typeof appealFigures>;

export const appealStatsResult = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  groupBy: z.enum(APPEAL_STATS_GROUPS).nullable(),
  total: appealFigures,
  groups: z.array(appealFigures.extend({ key: z.string(), label: z.string() })),
});
export type AppealStatsResult = z.infer<typeof appealStatsResult>;
