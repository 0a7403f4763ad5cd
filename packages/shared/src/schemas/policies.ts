// 惠企政策 policy service: the policy library (level, benefit kind, redemption, dates, conditions as data),
// its states draft → published → expired / withdrawn, the matches with a reason per condition and the near
// misses, pushes to enterprises with reach figures, an enterprise's own view (适合我的政策), marks, questions
// and redemption (申兑) records. Amounts travel as yuan decimal strings; the server keeps fen (money.ts).
import { z } from 'zod';
import { YUAN_PATTERN } from '../money.ts';
import { line, optionalLine, textProblem } from '../text.ts';
import { pageQuery } from './common.ts';
import { isoDate } from './registry.ts';

export const POLICY_LEVELS = ['national', 'province', 'city', 'district'] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];
export const POLICY_LEVEL_LABELS: Record<PolicyLevel, string> = {
  national: '国家级',
  province: '省级',
  city: '市级',
  district: '区级',
};

export const BENEFIT_KINDS = [
  'subsidy',
  'tax',
  'loan_interest',
  'rent',
  'talent',
  'employment',
  'other',
] as const;
export type BenefitKind = (typeof BENEFIT_KINDS)[number];
export const BENEFIT_KIND_LABELS: Record<BenefitKind, string> = {
  subsidy: '补贴',
  tax: '税费减免',
  loan_interest: '贷款贴息',
  rent: '房租减免',
  talent: '人才',
  employment: '用工',
  other: '其他',
};

export const REDEMPTION_MODES = ['automatic', 'quick', 'application'] as const;
export type RedemptionMode = (typeof REDEMPTION_MODES)[number];
export const REDEMPTION_MODE_LABELS: Record<RedemptionMode, string> = {
  automatic: '免申即享',
  quick: '快申快享',
  application: '申报',
};

/** draft 草稿 → published 已发布 → expired 已过期 (the scheduler, at the expiry date) / withdrawn 已撤回. */
export const POLICY_STATES = ['draft', 'published', 'expired', 'withdrawn'] as const;
export type PolicyState = (typeof POLICY_STATES)[number];
export const POLICY_STATE_LABELS: Record<PolicyState, string> = {
  draft: '草稿',
  published: '已发布',
  expired: '已过期',
  withdrawn: '已撤回',
};

export const POLICY_ACTIONS = ['publish', 'withdraw'] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];
export const POLICY_ACTION_LABELS: Record<PolicyAction, string> = { publish: '发布', withdraw: '撤回' };
/** The state machine, whole: the states each action may start from (expiring is the scheduler's). */
export const POLICY_TRANSITIONS: Readonly<Record<PolicyAction, readonly PolicyState[]>> = {
  publish: ['draft'],
  withdraw: ['published'],
};

export const CONDITION_FIELDS = [
  'industry',
  'size',
  'division',
  'tag',
  'founded',
  'status',
  'chamber',
  'partyOrganization',
  'manual',
] as const;
export type ConditionField = (typeof CONDITION_FIELDS)[number];
export const CONDITION_FIELD_LABELS: Record<ConditionField, string> = {
  industry: '行业',
  size: '企业规模',
  division: '所在地区',
  tag: '企业标签',
  founded: '成立日期',
  status: '会员状态',
  chamber: '所属商会',
  partyOrganization: '党组织',
  manual: '人工核对条件',
};
/** The one operator each field takes (founded: before or after). */
export const CONDITION_OPS: Record<ConditionField, readonly string[]> = {
  industry: ['prefix'],
  size: ['in'],
  division: ['prefix'],
  tag: ['in'],
  founded: ['before', 'after'],
  status: ['in'],
  chamber: ['in'],
  partyOrganization: ['is'],
  manual: ['text'],
};

export const policyCondition = z
  .strictObject({
    field: z.enum(CONDITION_FIELDS, {
      message: `条件字段应为 ${CONDITION_FIELDS.join('、')} 之一`,
    }),
    op: z.string().trim().min(1).max(10),
    values: z
      .array(z.union([line(200), z.boolean()]), { message: 'values 应为数组' })
      .min(1, '条件至少需要一个取值')
      .max(200, '一个条件最多 200 个取值'),
  })
  .superRefine((condition, ctx) => {
    if (!CONDITION_OPS[condition.field].includes(condition.op)) {
      ctx.addIssue({
        code: 'custom',
        path: ['op'],
        message: `${CONDITION_FIELD_LABELS[condition.field]}条件的 op 应为 ${CONDITION_OPS[condition.field].join(' 或 ')}`,
      });
    }
    const booleans = condition.field === 'partyOrganization';
    if (condition.values.some((value) => (typeof value === 'boolean') !== booleans)) {
      ctx.addIssue({
        code: 'custom',
        path: ['values'],
        message: booleans ? '党组织条件的取值应为 [true] 或 [false]' : '取值应为文字',
      });
    }
    if ((booleans || condition.field === 'founded') && condition.values.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: '该条件只能有一个取值' });
    }
    if (condition.field === 'founded' && !/^\d{4}-\d{2}-\d{2}$/.test(String(condition.values[0]))) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: '成立日期条件的取值应为 YYYY-MM-DD' });
    }
  });
export type PolicyCondition = z.infer<typeof policyCondition>;

/** A yuan amount, zero allowed (a range may start at 0). */
const yuanOrZero = z
  .string({ message: '金额应为数字字符串，如 "1000.00"' })
  .trim()
  .regex(YUAN_PATTERN, '金额应为非负数，最多两位小数（单位：元）');

/** The most a full text may hold: about 2 MB of text; a 1 MB text is fine. */
export const POLICY_FULL_TEXT_MAX = 2_000_000;

/** Text of several paragraphs, its limit named in the message. */
const paragraphs = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .superRefine((value, ctx) => {
      const problem = textProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
    });

const policyBody = {
  title: line(200),
  documentNumber: optionalLine(100).nullable().optional(),
  /** The issuing body by name; `issuerUnitId` when it is a department org unit of the tree. */
  issuer: line(100),
  issuerUnitId: z.string().uuid({ message: '发文单位编号格式不正确' }).nullable().optional(),
  level: z.enum(POLICY_LEVELS, { message: '层级应为 national、province、city 或 district 之一' }),
  benefitKind: z.enum(BENEFIT_KINDS, {
    message: `惠企类型应为 ${BENEFIT_KINDS.join('、')} 之一`,
  }),
  summary: line(5000),
  fullText: paragraphs(
    POLICY_FULL_TEXT_MAX,
    `全文最多 ${POLICY_FULL_TEXT_MAX.toLocaleString('en')} 字（约 2 MB），请改为附件上传`,
  )
    .nullable()
    .optional(),
  publishedOn: isoDate.nullable().optional(),
  effectiveOn: isoDate,
  expiresOn: isoDate.nullable().optional(),
  redemption: z.enum(REDEMPTION_MODES, { message: '兑现方式应为 automatic、quick 或 application 之一' }),
  applicationOpensOn: isoDate.nullable().optional(),
  applicationClosesOn: isoDate.nullable().optional(),
  amountMin: yuanOrZero.nullable().optional(),
  amountMax: yuanOrZero.nullable().optional(),
  contact: optionalLine(200).nullable().optional(),
  tags: z.array(line(20)).max(20, '标签最多 20 个').optional(),
  conditions: z.array(policyCondition).max(30, '条件最多 30 条'),
  /** The owning unit: the caller's own by default; a liaison's is their department. */
  orgUnitId: z.string().uuid({ message: '所属单位编号格式不正确' }).optional(),
};
export const createPolicyRequest = z.strictObject(policyBody);
export type CreatePolicyRequest = z.infer<typeof createPolicyRequest>;

export const updatePolicyRequest = createPolicyRequest
  .omit({ orgUnitId: true })
  .partial()
  .extend({ version: z.number({ message: '请提供 version（读取时的版本号）' }).int() });
export type UpdatePolicyRequest = z.infer<typeof updatePolicyRequest>;

export const policyTransitionRequest = z.strictObject({
  action: z.enum(POLICY_ACTIONS, { message: '操作应为 publish 或 withdraw' }),
  version: z.number().int(),
});
export type PolicyTransitionRequest = z.infer<typeof policyTransitionRequest>;

export const policyListQuery = z.strictObject({
  q: optionalLine(100).optional(),
  state: z.enum(POLICY_STATES).optional(),
  level: z.enum(POLICY_LEVELS).optional(),
  benefit: z.enum(BENEFIT_KINDS).optional(),
  ...pageQuery,
});
export type PolicyListQuery = z.infer<typeof policyListQuery>;

export const policySummary = z.object({
  id: z.string().uuid(),
  title: z.string(),
  documentNumber: z.string().nullable(),
  issuer: z.string(),
  level: z.enum(POLICY_LEVELS),
  benefitKind: z.enum(BENEFIT_KINDS),
  redemption: z.enum(REDEMPTION_MODES),
  state: z.enum(POLICY_STATES),
  orgUnit: z.object({ id: z.string().uuid(), name: z.string() }),
  publishedOn: z.string().nullable(),
  effectiveOn: z.string(),
  expiresOn: z.string().nullable(),
  applicationOpensOn: z.string().nullable(),
  applicationClosesOn: z.string().nullable(),
  amountMin: z.string().nullable(),
  amountMax: z.string().nullable(),
  tags: z.array(z.string()),
  summary: z.string(),
  version: z.number().int(),
});
export type PolicySummary = z.infer<typeof policySummary>;

/** 附件 a file kept with a policy (PDF or Office, typed by its content). */
export const policyAttachmentView = z.object({
  id: z.string().uuid(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.string(),
});
export type PolicyAttachmentView = z.infer<typeof policyAttachmentView>;
export const policyAttachmentEnvelope = z.object({ attachment: policyAttachmentView });

export const policyView = policySummary.extend({
  attachments: z.array(policyAttachmentView),
  issuerUnitId: z.string().uuid().nullable(),
  fullText: z.string().nullable(),
  contact: z.string().nullable(),
  conditions: z.array(policyCondition),
  /** What the caller may do now: transitions, edit, push, record redemptions. */
  actions: z.array(z.enum(POLICY_ACTIONS)),
  canEdit: z.boolean(),
  canPush: z.boolean(),
  canRedeem: z.boolean(),
});
export type PolicyView = z.infer<typeof policyView>;
export const policyEnvelope = z.object({ policy: policyView });
export const policyPage = z.object({
  items: z.array(policySummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** Why an enterprise meets (or misses) one condition. */
export const conditionReason = z.object({
  field: z.enum(CONDITION_FIELDS),
  met: z.boolean(),
  text: z.string(),
});
export type ConditionReason = z.infer<typeof conditionReason>;

export const matchedEnterprise = z.object({ id: z.string().uuid(), name: z.string(), uscc: z.string() });
export const policyMatchQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
export const policyMatches = z.object({
  total: z.number().int(),
  items: z.array(z.object({ enterprise: matchedEnterprise, reasons: z.array(conditionReason) })),
  nearMissTotal: z.number().int(),
  nearMisses: z.array(
    z.object({ enterprise: matchedEnterprise, failed: conditionReason, reasons: z.array(conditionReason) }),
  ),
  byStreet: z.array(z.object({ orgUnitId: z.string().uuid(), name: z.string(), count: z.number().int() })),
  byChamber: z.array(z.object({ chamberId: z.string().uuid(), name: z.string(), count: z.number().int() })),
  /** Conditions a person must check (never by the matcher). */
  manual: z.array(z.string()),
});
export type PolicyMatches = z.infer<typeof policyMatches>;

/** Conditions previewed before a policy exists or is published: same answer as matches. */
export const matchPreviewRequest = z.strictObject({
  conditions: z.array(policyCondition).max(30),
  limit: z.number().int().min(1).max(200).default(20),
});

export const PUSH_TARGETS = ['matched', 'chamber', 'list'] as const;
export type PushTarget = (typeof PUSH_TARGETS)[number];
export const PUSH_TARGET_LABELS: Record<PushTarget, string> = {
  matched: '符合条件的企业',
  chamber: '商会会员',
  list: '指定企业',
};
export const createPushRequest = z.strictObject({
  target: z.enum(PUSH_TARGETS, { message: '推送对象应为 matched、chamber 或 list' }),
  chamberId: z.string().uuid({ message: '商会编号格式不正确' }).optional(),
  enterpriseIds: z
    .array(z.string().uuid({ message: '企业编号格式不正确' }))
    .min(1)
    .max(10_000)
    .optional(),
});
export type CreatePushRequest = z.infer<typeof createPushRequest>;
export const pushAccepted = z.object({ pushId: z.string().uuid(), jobId: z.string().uuid() });
/** How many enterprises a push would reach (new ones, and those an earlier push already reached). */
export const pushCount = z.object({ recipients: z.number().int(), alreadyReached: z.number().int() });

/** Reach and redemption figures of a set of pushed enterprises. */
export const reachFigures = z.object({
  pushed: z.number().int(),
  read: z.number().int(),
  /** read ÷ pushed, 0–1 to four places; null when nothing was pushed. */
  readRate: z.number().nullable(),
  interested: z.number().int(),
  applied: z.number().int(),
  approved: z.number().int(),
  amount: z.string(),
});
export type ReachFigures = z.infer<typeof reachFigures>;

export const pushView = z.object({
  id: z.string().uuid(),
  policyId: z.string().uuid(),
  policyTitle: z.string(),
  target: z.enum(PUSH_TARGETS),
  chamberId: z.string().uuid().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.string(),
  progress: z.number(),
  targeted: z.number().int(),
  notified: z.number().int(),
  /** Null while the push runs: its reach is counted once it has finished. */
  figures: reachFigures.nullable(),
});
export type PushView = z.infer<typeof pushView>;
export const pushEnvelope = z.object({ push: pushView });
export const pushList = z.object({ items: z.array(pushView) });

export const POLICY_STAT_GROUPINGS = ['policy', 'orgUnit', 'chamber'] as const;
export const policyStatsQuery = z.strictObject({
  groupBy: z.enum(POLICY_STAT_GROUPINGS, { message: 'groupBy 应为 policy、orgUnit 或 chamber' }),
});
export const policyStats = z.object({
  groupBy: z.enum(POLICY_STAT_GROUPINGS),
  total: reachFigures,
  groups: z.array(reachFigures.extend({ key: z.string(), name: z.string() })),
});
export type PolicyStats = z.infer<typeof policyStats>;

export const POLICY_MARKS = ['interested', 'applying'] as const;
export type PolicyMark = (typeof POLICY_MARKS)[number];
export const POLICY_MARK_LABELS: Record<PolicyMark, string> = { interested: '感兴趣', applying: '准备申报' };
export const policyMarkRequest = z.strictObject({
  mark: z.enum(POLICY_MARKS, { message: 'mark 应为 interested 或 applying' }).nullable(),
});
export const policyQuestionRequest = z.strictObject({
  question: line(2000),
});

export const myPolicy = z.object({
  policy: policySummary,
  reasons: z.array(conditionReason),
  manual: z.array(z.string()),
  read: z.boolean(),
  pushed: z.boolean(),
  mark: z.enum(POLICY_MARKS).nullable(),
  /** Days until the application window closes (0: today); null without a window. */
  closesInDays: z.number().int().nullable(),
});
export type MyPolicy = z.infer<typeof myPolicy>;
export const myPolicyList = z.object({ items: z.array(myPolicy) });
export const myPolicyEnvelope = z.object({ item: myPolicy, policy: policyView });

export const REDEMPTION_STATUSES = ['applied', 'approved', 'rejected'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];
export const REDEMPTION_STATUS_LABELS: Record<RedemptionStatus, string> = {
  applied: '已申报',
  approved: '已兑现',
  rejected: '未通过',
};
export const recordRedemptionRequest = z.strictObject({
  enterpriseId: z.string().uuid({ message: '企业编号格式不正确' }),
  status: z.enum(REDEMPTION_STATUSES, { message: '申兑状态应为 applied、approved 或 rejected' }),
  appliedOn: isoDate.nullable().optional(),
  decidedOn: isoDate.nullable().optional(),
  amount: yuanOrZero.nullable().optional(),
  rejectReason: optionalLine(500).nullable().optional(),
  evidence: optionalLine(500).nullable().optional(),
});
export type RecordRedemptionRequest = z.infer<typeof recordRedemptionRequest>;
export const redemptionView = z.object({
  id: z.string().uuid(),
  policyId: z.string().uuid(),
  policyTitle: z.string(),
  enterprise: z.object({ id: z.string().uuid(), name: z.string() }),
  status: z.enum(REDEMPTION_STATUSES),
  appliedOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  amount: z.string().nullable(),
  rejectReason: z.string().nullable(),
  evidence: z.string().nullable(),
  confirmed: z.boolean(),
  version: z.number().int(),
});
export type RedemptionView = z.infer<typeof redemptionView>;
export const redemptionEnvelope = z.object({ redemption: redemptionView });
export const redemptionList = z.object({ items: z.array(redemptionView) });

/** 政策汇编: the chosen policies to compile, comma-separated ids. */
export const policyCompilationQuery = z.strictObject({
  ids: z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').filter((id) => id !== '') : value),
    z
      .array(z.string().uuid({ message: '政策编号格式不正确' }))
      .min(1, '请选择要汇编的政策')
      .max(200, '一次最多汇编 200 项政策'),
  ),
});
