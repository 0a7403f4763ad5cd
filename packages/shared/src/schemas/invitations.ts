// 邀请 invitations and 账号申请 access requests: how an enterprise's contacts get an account of their own,
// by a one-time code staff hand them, or by asking with their enterprise's credit code.
import { z } from 'zod';
import { line, secret } from '../text.ts';
import { enterpriseFilter, MOBILE_PATTERN, usccField } from './registry.ts';

/** Where an invitation stands, derived from its times: one word each in every view. */
export const INVITATION_STATES = ['live', 'used', 'expired'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];
export const INVITATION_STATE_LABELS: Record<InvitationState, { zh: string; en: string }> = {
  live: { zh: '待使用', en: 'Open' },
  used: { zh: '已使用', en: 'Used' },
  expired: { zh: '已过期', en: 'Expired' },
};

export const ACCESS_REQUEST_STATES = ['pending', 'approved', 'rejected'] as const;
export type AccessRequestState = (typeof ACCESS_REQUEST_STATES)[number];
export const ACCESS_REQUEST_STATE_LABELS: Record<AccessRequestState, { zh: string; en: string }> = {
  pending: { zh: '待审核', en: 'Waiting' },
  approved: { zh: '已通过', en: 'Approved' },
  rejected: { zh: '已拒绝', en: 'Rejected' },
};
export const ACCESS_REQUEST_ACTIONS = ['approve', 'reject'] as const;

const mobileField = z.string().trim().regex(MOBILE_PATTERN, { message: '手机号码应为 11 位数字，以 1 开头' });

export const createInvitationRequest = z.strictObject({ enterpriseId: z.string().uuid('企业标识无效') });

/** The filter of the enterprise list, without paging or search order: "every enterprise of this list". */
export const invitationBatchFilter = z.strictObject(
  Object.fromEntries(Object.entries(enterpriseFilter).filter(([key]) => key !== 'sort')) as Omit<
    typeof enterpriseFilter,
    'sort'
  >,
);

export const createInvitationBatchRequest = z
  .strictObject({
    enterpriseIds: z
      .array(z.string().uuid('企业标识无效'))
      .min(1, '请至少选择一家企业')
      .max(20_000)
      .optional(),
    chamberId: z.string().uuid('商会标识无效').optional(),
    filter: invitationBatchFilter.optional(),
  })
  .refine((body) => [body.enterpriseIds, body.chamberId, body.filter].filter(Boolean).length === 1, {
    message: '请只给出一种范围：所选企业（enterpriseIds）、一个商会（chamberId）或列表筛选条件（filter）',
  });
export type CreateInvitationBatchRequest = z.infer<typeof createInvitationBatchRequest>;

export const invitationCreated = z.object({
  invitation: z.object({
    id: z.string().uuid(),
    code: z.string(),
    link: z.string(),
    expiresAt: z.string(),
  }),
});

export const invitationListQuery = z.strictObject({
  enterpriseId: z.string().uuid('企业标识无效').optional(),
  batchId: z.string().uuid('批次标识无效').optional(),
  state: z.enum(INVITATION_STATES, { message: '状态应为 live、used 或 expired' }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const invitationView = z.object({
  id: z.string().uuid(),
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  state: z.enum(INVITATION_STATES),
  batchId: z.string().nullable(),
  emailed: z.boolean(),
  createdAt: z.string(),
  expiresAt: z.string(),
  usedAt: z.string().nullable(),
  /** The account the invitation made, once used: staff may issue it a password-reset link. */
  accountId: z.string().uuid().nullable(),
  accountName: z.string().nullable(),
});
export type InvitationView = z.infer<typeof invitationView>;
export const invitationList = z.object({ items: z.array(invitationView), total: z.number() });

/** A batch as the page follows it: the job's progress and what it did. */
export const invitationBatchView = z.object({
  id: z.string().uuid(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  progress: z.number(),
  counts: z.object({ total: z.number(), created: z.number(), skipped: z.number(), emailed: z.number() }),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  lettersUrl: z.string().nullable(),
  listUrl: z.string().nullable(),
});
export type InvitationBatchView = z.infer<typeof invitationBatchView>;

export const lettersQuery = z.strictObject({ batchId: z.string().uuid('批次标识无效') });

/** What the public accept page shows before the person fills the form. */
export const invitationPreview = z.object({ enterpriseName: z.string(), expiresAt: z.string() });
export const invitationCodeQuery = z.strictObject({ code: z.string().trim().min(1).max(64) });

export const acceptInvitationRequest = z.strictObject({
  code: z.string().trim().min(1, '请填写邀请码').max(64),
  name: line(50),
  mobile: mobileField,
  password: secret(128),
});
export const accountCreated = z.object({
  account: z.object({ id: z.string().uuid(), username: z.string(), enterpriseName: z.string() }),
});

export const passwordResetRequest = z.strictObject({ userId: z.string().uuid('账号标识无效') });
export const passwordResetCreated = z.object({
  reset: z.object({ code: z.string(), link: z.string(), expiresAt: z.string() }),
});
export const setPasswordRequest = z.strictObject({
  code: z.string().trim().min(1, '请填写链接中的代码').max(64),
  password: secret(128),
});

export const createAccessRequest = z.strictObject({ uscc: usccField, name: line(50), mobile: mobileField });

export const accessRequestListQuery = z.strictObject({
  state: z.enum(ACCESS_REQUEST_STATES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const accessRequestView = z.object({
  id: z.string().uuid(),
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  uscc: z.string(),
  name: z.string(),
  /** Masked (138****1234): the person's number is revealed only by the account made from it. */
  mobile: z.string(),
  state: z.enum(ACCESS_REQUEST_STATES),
  version: z.number(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type AccessRequestView = z.infer<typeof accessRequestView>;
export const accessRequestList = z.object({ items: z.array(accessRequestView), total: z.number() });
export const accessRequestTransition = z.strictObject({
  action: z.enum(ACCESS_REQUEST_ACTIONS, { message: '操作应为 approve 或 reject' }),
  version: z.number().int(),
});
export const accessRequestDecided = z.object({
  accessRequest: accessRequestView,
  /** On approval: the one-time link with which the person sets their password (show it or send it). */
  setPasswordLink: z.string().nullable(),
});
