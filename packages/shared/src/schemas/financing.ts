// 融资对接 financing (银会企 三位一体): partner banks and their products, enterprises' financing needs (with
// consent to share, revocable, and chamber vouching), the pipeline submitted → vetted → sent → each bank's
// answer → granted or withdrawn, programs with their recommended enterprises, and the figures. Amounts travel
// as yuan decimal strings (money.ts), rates as percent decimal strings ("3.85").
import { z } from 'zod';
import { line, optionalLine } from '../text.ts';
import { pageQuery } from './common.ts';
import { yuanAmount } from './donations.ts';
import { isoDate } from './registry.ts';

export const PRODUCT_KINDS = ['credit', 'mortgage', 'guarantee', 'subsidized'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];
export const PRODUCT_KIND_LABELS: Record<ProductKind, string> = {
  credit: '信用贷',
  mortgage: '抵押贷',
  guarantee: '担保贷',
  subsidized: '贴息贷',
};

export const URGENCIES = ['normal', 'urgent', 'critical'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = { normal: '一般', urgent: '较急', critical: '紧急' };

export const NEED_STATES = [
  'submitted',
  'vetted',
  'sent',
  'approved',
  'granted',
  'declined',
  'withdrawn',
] as const;
export type NeedState = (typeof NEED_STATES)[number];
export const NEED_STATE_LABELS: Record<NeedState, string> = {
  submitted: '已提交',
  vetted: '已审核',
  sent: '已推送银行',
  approved: '已获审批',
  granted: '已放款',
  declined: '均未通过',
  withdrawn: '已撤回',
};
/** States that end the pipeline: nothing moves a need out of them. */
export const NEED_FINAL_STATES: readonly NeedState[] = ['granted', 'declined', 'withdrawn'];

export const BANK_ANSWER_STATES = [
  'sent',
  'accepted',
  'documents_requested',
  'approved',
  'declined',
  'granted',
  'closed',
] as const;
export type BankAnswerState = (typeof BANK_ANSWER_STATES)[number];
export const BANK_ANSWER_STATE_LABELS: Record<BankAnswerState, string> = {
  sent: '待答复',
  accepted: '银行受理',
  documents_requested: '补充材料',
  approved: '已审批',
  declined: '未通过',
  granted: '已放款',
  closed: '已关闭',
};

export const NEED_ACTIONS = [
  'vet',
  'send',
  'accept',
  'request_documents',
  'approve',
  'decline',
  'grant',
  'withdraw',
  'vouch',
  'give_consent',
  'revoke_consent',
] as const;
export type NeedAction = (typeof NEED_ACTIONS)[number];
export const NEED_ACTION_LABELS: Record<NeedAction, string> = {
  vet: '审核通过',
  send: '推送银行',
  accept: '受理',
  request_documents: '要求补充材料',
  approve: '审批通过',
  decline: '不予通过',
  grant: '登记放款',
  withdraw: '撤回',
  vouch: '商会推荐',
  give_consent: '授权共享数据',
  revoke_consent: '撤回共享授权',
};
/** The actions a bank takes on its own answer. */
export const BANK_ACTIONS: readonly NeedAction[] = [
  'accept',
  'request_documents',
  'approve',
  'decline',
  'grant',
];

/** A rate in percent: more than 0, at most 100, at most two decimals ("3.85"). */
export const RATE_PATTERN = /^\d{1,3}(\.\d{1,2})?$/;
export const ratePercent = z
  .string({ message: '利率应为数字字符串（年化百分比），如 "3.85"' })
  .trim()
  .regex(RATE_PATTERN, '利率应为正数，最多两位小数（年化 %）')
  .refine(
    (value) => !RATE_PATTERN.test(value) || (Number(value) > 0 && Number(value) <= 100),
    '利率应大于 0 且不超过 100%',
  );

const termMonths = z
  .number({ message: '期限应为整数月数' })
  .int('期限应为整数月数')
  .min(1, '期限应至少 1 个月')
  .max(600, '期限最长 600 个月');
const uuid = (message: string) => z.string().uuid({ message });

export const createNeedRequest = z.strictObject({
  enterpriseId: uuid('企业编号格式不正确'),
  amount: yuanAmount,
  termMonths,
  purpose: line(500),
  collateral: optionalLine(500).nullable().optional(),
  urgency: z.enum(URGENCIES, { message: '紧急程度应为 normal、urgent 或 critical 之一' }).optional(),
  preferredBankId: uuid('意向银行编号格式不正确').nullable().optional(),
  preferredProductId: uuid('意向产品编号格式不正确').nullable().optional(),
  programId: uuid('专项项目编号格式不正确').nullable().optional(),
  /** An appeal of category 融资 the need answers. */
  appealId: uuid('诉求编号格式不正确').nullable().optional(),
  consentToShare: z.boolean({ message: '请明确是否同意向银行共享企业数据（true 或 false）' }),
});
export type CreateNeedRequest = z.infer<typeof createNeedRequest>;

export const needTransitionRequest = z.strictObject({
  action: z.enum(NEED_ACTIONS, { message: `操作应为 ${NEED_ACTIONS.join('、')} 之一` }),
  version: z.number().int(),
  /** send: the banks. */
  bankIds: z.array(uuid('银行编号格式不正确')).min(1, '请至少选择一家银行').max(20).optional(),
  /** approve: the amount approved; grant: the amount actually lent. */
  amount: yuanAmount.optional(),
  rate: ratePercent.optional(),
  termMonths: termMonths.optional(),
  grantedOn: isoDate.optional(),
  /** decline, withdraw: the reason; request_documents: what is missing; vouch: the chamber's note. */
  reason: optionalLine(500).nullable().optional(),
  note: optionalLine(500).nullable().optional(),
});
export type NeedTransitionRequest = z.infer<typeof needTransitionRequest>;

export const needListQuery = z.strictObject({
  state: z.enum(NEED_STATES).optional(),
  bankId: uuid('银行编号格式不正确').optional(),
  enterpriseId: uuid('企业编号格式不正确').optional(),
  q: optionalLine(100).optional(),
  ...pageQuery,
});
export type NeedListQuery = z.infer<typeof needListQuery>;

const named = z.object({ id: z.string().uuid(), name: z.string() });

export const bankAnswerView = z.object({
  bank: named,
  state: z.enum(BANK_ANSWER_STATES),
  sentAt: z.string(),
  answeredAt: z.string().nullable(),
  documentsNote: z.string().nullable(),
  approvedAmount: z.string().nullable(),
  approvedRate: z.string().nullable(),
  approvedTermMonths: z.number().int().nullable(),
  declineReason: z.string().nullable(),
  grantedAmount: z.string().nullable(),
  grantedOn: z.string().nullable(),
});
export type BankAnswerView = z.infer<typeof bankAnswerView>;

export const needSummary = z.object({
  id: z.string().uuid(),
  enterprise: named,
  orgUnit: named,
  amount: z.string(),
  termMonths: z.number().int(),
  purpose: z.string(),
  urgency: z.enum(URGENCIES),
  state: z.enum(NEED_STATES),
  consent: z.boolean(),
  vouched: z.boolean(),
  grantedAmount: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type NeedSummary = z.infer<typeof needSummary>;

export const needEvent = z.object({
  occurredAt: z.string(),
  actorName: z.string(),
  action: z.string(),
  bankName: z.string().nullable(),
  note: z.string().nullable(),
});
export type NeedEvent = z.infer<typeof needEvent>;

export const needView = needSummary.extend({
  collateral: z.string().nullable(),
  preferredBank: named.nullable(),
  preferredProduct: named.nullable(),
  program: named.nullable(),
  appealId: z.string().uuid().nullable(),
  consentChangedAt: z.string(),
  vouch: z.object({ chamber: named, note: z.string().nullable(), vouchedAt: z.string() }).nullable(),
  grantedBank: named.nullable(),
  grantedOn: z.string().nullable(),
  grantedRate: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  /** Every bank's answer — to a bank, its own only. */
  banks: z.array(bankAnswerView),
  timeline: z.array(needEvent),
  /** What the caller may do now. */
  actions: z.array(z.enum(NEED_ACTIONS)),
});
export type NeedView = z.infer<typeof needView>;
export const needEnvelope = z.object({ need: needView });
export const needPage = z.object({
  items: z.array(needSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type NeedPage = z.infer<typeof needPage>;

export const bankView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  parent: named,
  products: z.number().int(),
});
export type BankView = z.infer<typeof bankView>;
export const bankList = z.object({ items: z.array(bankView) });

export const productView = z.object({
  id: z.string().uuid(),
  bankId: z.string().uuid(),
  name: z.string(),
  kind: z.enum(PRODUCT_KINDS),
  rateMin: z.string(),
  rateMax: z.string(),
  termMinMonths: z.number().int(),
  termMaxMonths: z.number().int(),
  amountMin: z.string(),
  amountMax: z.string(),
  eligibility: z.string().nullable(),
  active: z.boolean(),
});
export type ProductView = z.infer<typeof productView>;
export const productList = z.object({ items: z.array(productView) });
export const createProductRequest = z.strictObject({
  name: line(100),
  kind: z.enum(PRODUCT_KINDS, { message: '产品类型应为 credit、mortgage、guarantee 或 subsidized 之一' }),
  rateMin: ratePercent,
  rateMax: ratePercent,
  termMinMonths: termMonths,
  termMaxMonths: termMonths,
  amountMin: yuanAmount,
  amountMax: yuanAmount,
  eligibility: optionalLine(1000).nullable().optional(),
});
export type CreateProductRequest = z.infer<typeof createProductRequest>;

export const PROGRAM_OUTCOMES = ['recommended', 'listed', 'not_listed', 'granted'] as const;
export type ProgramOutcome = (typeof PROGRAM_OUTCOMES)[number];
export const PROGRAM_OUTCOME_LABELS: Record<ProgramOutcome, string> = {
  recommended: '已推荐',
  listed: '已入选',
  not_listed: '未入选',
  granted: '已获贷款',
};
export const createProgramRequest = z.strictObject({
  name: line(100),
  conditions: optionalLine(2000).nullable().optional(),
  startsOn: isoDate,
  endsOn: isoDate.nullable().optional(),
});
export type CreateProgramRequest = z.infer<typeof createProgramRequest>;
export const programEntryRequest = z.strictObject({
  enterpriseId: uuid('企业编号格式不正确'),
  outcome: z.enum(PROGRAM_OUTCOMES).optional(),
  amount: yuanAmount.nullable().optional(),
  note: optionalLine(500).nullable().optional(),
});
export type ProgramEntryRequest = z.infer<typeof programEntryRequest>;
export const programView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  conditions: z.string().nullable(),
  orgUnit: named,
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  entries: z.array(
    z.object({
      enterprise: named,
      outcome: z.enum(PROGRAM_OUTCOMES),
      amount: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
});
export type ProgramView = z.infer<typeof programView>;
export const programEnvelope = z.object({ program: programView });
export const programList = z.object({
  items: z.array(programView.omit({ entries: true }).extend({ entries: z.number().int() })),
});

export const FINANCING_GROUPINGS = ['bank', 'chamber', 'orgUnit', 'program', 'month'] as const;
export type FinancingGrouping = (typeof FINANCING_GROUPINGS)[number];
export const financingStatsQuery = z.strictObject({
  groupBy: z.enum(FINANCING_GROUPINGS, { message: `分组应为 ${FINANCING_GROUPINGS.join('、')} 之一` }),
  orgUnitId: uuid('单位编号格式不正确').optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type FinancingStatsQuery = z.infer<typeof financingStatsQuery>;

/** The figures of a set of needs; amounts in yuan strings. */
export const financingFigures = z.object({
  needs: z.number().int(),
  amountAsked: z.string(),
  vouched: z.number().int(),
  sent: z.number().int(),
  approved: z.number().int(),
  approvedAmount: z.string(),
  granted: z.number().int(),
  grantedAmount: z.string(),
  /** approved ÷ answered (approved or declined), 0–1 to four places; null without answers. */
  approvalRate: z.number().nullable(),
  /** Median days from the need to its loan; null without loans. */
  medianDaysToLoan: z.number().nullable(),
  /** Average rate of the loans granted, percent to two places; null without loans. */
  averageRate: z.string().nullable(),
});
export type FinancingFigures = z.infer<typeof financingFigures>;
export const financingStats = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(FINANCING_GROUPINGS),
  total: financingFigures,
  groups: z.array(financingFigures.extend({ key: z.string().nullable(), label: z.string() })),
});
export type FinancingStats = z.infer<typeof financingStats>;
