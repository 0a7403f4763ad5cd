// 接口令牌 API tokens for outside systems (the 12345 hotline, a city platform, a bank's system), and the
// hotline's inbound appeal. A token acts as federation staff of its org unit, limited to its permissions.
import { z } from 'zod';
import { ROLE_PERMISSIONS, type Permission } from '../access.ts';
import { line } from '../text.ts';

/**
 * What a token may be given: the business permissions of federation staff and leaders, and the hotline's
 * intake. Never an administrator's (三员分立: no token manages accounts, roles, the audit log or tokens).
 */
export const TOKEN_PERMISSIONS: readonly Permission[] = [
  ...new Set<Permission>([
    ...ROLE_PERMISSIONS.federation_staff,
    ...ROLE_PERMISSIONS.federation_leader,
    'appeals.hotline',
  ]),
];

/** Every secret starts with this: a leaked one is recognisable (secret scanners, logs). */
export const API_TOKEN_PREFIX = 'qqt_';

export const createApiTokenRequest = z.strictObject({
  name: line(60).refine((value) => value.trim().length >= 2, { message: '令牌名称至少 2 个字' }),
  permissions: z
    .array(z.string(), { message: '权限应为权限代码的列表' })
    .min(1, { message: '至少选择一项权限' })
    .max(50)
    .refine((list) => new Set(list).size === list.length, { message: '权限不能重复' }),
  orgUnitId: z.string().uuid({ message: '组织机构编号格式不正确' }),
  expiresAt: z
    .string()
    .datetime({ offset: true, message: '到期时间应为 ISO 8601 时间，如 2027-01-01T00:00:00+08:00' }),
});
export type CreateApiTokenRequest = z.infer<typeof createApiTokenRequest>;

export const createdApiToken = z.object({
  token: z.object({ id: z.string(), secret: z.string() }),
});

export const API_TOKEN_STATES = ['active', 'expired', 'revoked'] as const;
export type ApiTokenState = (typeof API_TOKEN_STATES)[number];
export const API_TOKEN_STATE_LABELS: Record<ApiTokenState, string> = {
  active: '有效',
  expired: '已过期',
  revoked: '已吊销',
};

export const apiTokenView = z.object({
  id: z.string(),
  name: z.string(),
  /** The secret's first characters, to tell tokens apart; never the secret. */
  hint: z.string(),
  permissions: z.array(z.string()),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  expiresAt: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  state: z.enum(API_TOKEN_STATES),
});
export type ApiTokenView = z.infer<typeof apiTokenView>;
export const apiTokenList = z.object({ items: z.array(apiTokenView) });

export const apiTokenUse = z.object({
  tokenId: z.string(),
  tokenName: z.string(),
  at: z.string(),
  method: z.string(),
  route: z.string(),
  status: z.number().int(),
  /** How many uses the row stands for: those of one second with the same method, route and status. */
  uses: z.number().int(),
});
export type ApiTokenUse = z.infer<typeof apiTokenUse>;
export const apiTokenUseQuery = z.strictObject({
  tokenId: z.string().uuid({ message: '令牌编号格式不正确' }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const apiTokenUseList = z.object({ items: z.array(apiTokenUse) });

export const hotlineAppealRequest = z
  .strictObject({
    /** The hotline's own case number (工单号): one appeal per case number, however often it is sent. */
    caseNumber: z.string().regex(/^[\w-]{4,40}$/, { message: '工单号应为 4–40 位字母、数字、- 或 _' }),
    uscc: z
      .string()
      .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: '统一社会信用代码应为 18 位' })
      .optional(),
    enterpriseName: line(200).optional(),
    category: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, { message: '诉求类别代码格式不正确' }),
    title: line(100),
    description: line(5000),
  })
  .refine((body) => body.uscc !== undefined || body.enterpriseName !== undefined, {
    message: '请提供企业的统一社会信用代码（uscc）或企业全称（enterpriseName）',
    path: ['uscc'],
  });
export type HotlineAppealRequest = z.infer<typeof hotlineAppealRequest>;
