// 建言 suggestions to government: proposals (建议) and comments on draft policies (政策征求意见) built from
// appeals, submitted to a body and decided — adopted (采纳), partly adopted (部分采纳) or not adopted — and
// the counts reports quote ("已报送 11 条，采纳 7 条").
import { z } from 'zod';
import { APPEAL_STATES } from './appeals.ts';
import { line, optionalLine } from '../text.ts';
import { pageOf, pageQuery } from './common.ts';
import { isoDate } from './registry.ts';

/** 建议 a proposal of the federation's own; 政策征求意见 a comment on a draft policy. */
export const SUGGESTION_KINDS = ['proposal', 'policy_comment'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

export const SUGGESTION_OUTCOMES = ['adopted', 'partly_adopted', 'not_adopted'] as const;
export type SuggestionOutcome = (typeof SUGGESTION_OUTCOMES)[number];

/** draft 草稿 → submitted 已报送 → adopted 已采纳 | partly_adopted 部分采纳 | not_adopted 未采纳. */
export const SUGGESTION_STATUSES = ['draft', 'submitted', ...SUGGESTION_OUTCOMES] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

export const SUGGESTION_ACTIONS = ['submit', 'decide'] as const;
export type SuggestionAction = (typeof SUGGESTION_ACTIONS)[number];

/**
 * The state machine, whole: which statuses each action may start from. A decision may be corrected by
 * another decision; nothing goes back to draft. Content is edited only in draft.
 */
export const SUGGESTION_TRANSITIONS: Readonly<Record<SuggestionAction, readonly SuggestionStatus[]>> = {
  submit: ['draft'],
  decide: ['submitted', ...SUGGESTION_OUTCOMES],
};
export const SUGGESTION_EDITABLE: readonly SuggestionStatus[] = ['draft'];

export function suggestionActionsFrom(status: SuggestionStatus): SuggestionAction[] {
  return SUGGESTION_ACTIONS.filter((action) => SUGGESTION_TRANSITIONS[action].includes(status));
}

/** An outcome needs the adopting document's reference (采纳文件文号), except "not adopted". */
export function needsDocumentRef(outcome: SuggestionOutcome): boolean {
  return outcome !== 'not_adopted';
}

export const SUGGESTION_BODY_MAX = 10_000;
export const SUGGESTION_APPEALS_MAX = 50;

const kind = z.enum(SUGGESTION_KINDS, {
  message: '建言类型应为 proposal（建议）或 policy_comment（政策征求意见）',
});
const status = z.enum(SUGGESTION_STATUSES, { message: '建言状态取值不正确' });
const outcome = z.enum(SUGGESTION_OUTCOMES, {
  message: '采纳结果应为 adopted、partly_adopted 或 not_adopted 之一',
});
const appealIds = z
  .array(z.string().uuid({ message: '诉求编号格式不正确' }))
  .max(SUGGESTION_APPEALS_MAX, { message: `一条建言最多关联 ${SUGGESTION_APPEALS_MAX} 件诉求` });
/** Multi-line text: line breaks are kept, other control characters refused (see text.ts). */
const body = line(SUGGESTION_BODY_MAX);

export const createSuggestionRequest = z.strictObject({
  kind,
  title: line(200),
  body,
  /** Required for a policy comment; ignored for a proposal. */
  policyTitle: optionalLine(200).nullable().optional(),
  targetBody: line(100),
  /** The appeals it was built from; each must be one the caller can read. */
  appealIds: appealIds.default([]),
});
export type CreateSuggestionRequest = z.infer<typeof createSuggestionRequest>;

export const updateSuggestionRequest = z.strictObject({
  version: z.number().int(),
  kind: kind.optional(),
  title: line(200).optional(),
  body: body.optional(),
  policyTitle: optionalLine(200).nullable().optional(),
  targetBody: line(100).optional(),
  /** The whole list: appeals not in it are unlinked. */
  appealIds: appealIds.optional(),
});
export type UpdateSuggestionRequest = z.infer<typeof updateSuggestionRequest>;

const note = optionalLine(1000).nullable().optional();

export const suggestionTransitionRequest = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('submit'),
    version: z.number().int(),
    /** The day it went to the body; not after today. */
    submittedOn: isoDate,
    note,
  }),
  z.strictObject({
    action: z.literal('decide'),
    version: z.number().int(),
    outcome,
    /** Not before the day submitted, not after today. */
    decidedOn: isoDate,
    /** Required when adopted or partly adopted. */
    documentRef: optionalLine(100).nullable().optional(),
    note,
  }),
]);
export type SuggestionTransitionRequest = z.infer<typeof suggestionTransitionRequest>;

export const suggestionListQuery = z.strictObject({
  status: status.optional(),
  kind: kind.optional(),
  /** Number, title, policy title or target body. */
  q: optionalLine(100).optional(),
  /** On the day submitted: a period leaves out drafts. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...pageQuery,
});
export type SuggestionListQuery = z.infer<typeof suggestionListQuery>;

export const suggestionSummary = z.object({
  id: z.string().uuid(),
  number: z.string(),
  orgUnitId: z.string().uuid(),
  orgUnitName: z.string(),
  kind,
  title: z.string(),
  policyTitle: z.string().nullable(),
  targetBody: z.string(),
  status,
  submittedOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  documentRef: z.string().nullable(),
  appealCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SuggestionSummary = z.infer<typeof suggestionSummary>;
export const suggestionPage = pageOf(suggestionSummary);

export const suggestionAppealView = z.object({
  id: z.string().uuid(),
  number: z.string(),
  title: z.string(),
  state: z.enum(APPEAL_STATES),
});
export type SuggestionAppealView = z.infer<typeof suggestionAppealView>;

export const suggestionView = suggestionSummary.extend({
  body: z.string(),
  decisionNote: z.string().nullable(),
  createdBy: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
  appeals: z.array(suggestionAppealView),
});
export type SuggestionView = z.infer<typeof suggestionView>;
export const suggestionEnvelope = z.object({ suggestion: suggestionView });

export const suggestionStatsQuery = z.strictObject({
  /** Default: 1 January of the current year (Asia/Shanghai). */
  from: isoDate.optional(),
  /** Default: today (Asia/Shanghai). */
  to: isoDate.optional(),
});
export type SuggestionStatsQuery = z.infer<typeof suggestionStatsQuery>;

/** Counted by the day submitted, within the period and the caller's scope. */
export const suggestionStats = z.object({
  from: z.string(),
  to: z.string(),
  submitted: z.number().int(),
  adopted: z.number().int(),
  partlyAdopted: z.number().int(),
  notAdopted: z.number().int(),
  /** Submitted and not yet decided. */
  pending: z.number().int(),
  /** (adopted + partly adopted) ÷ decided, 0–1 to four decimals; null when nothing is decided. */
  adoptionRate: z.number().nullable(),
});
export type SuggestionStats = z.infer<typeof suggestionStats>;
