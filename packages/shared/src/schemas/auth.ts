// Auth: login, the signed-in user, password change and the user's own sessions.
import { z } from 'zod';
import { ROLES } from '../access.ts';
import { line, secret } from '../text.ts';
import { MOBILE_PATTERN } from './registry.ts';

export const loginRequest = z.strictObject({
  username: line(64),
  password: secret(128),
  /** The image challenge, when the server asked for one (CHALLENGE_REQUIRED): its id and what it shows. */
  challengeId: z.string().uuid('验证码标识无效').optional(),
  challengeAnswer: line(16).optional(),
});

export const loginChallengeRequest = z.strictObject({});

const smsMobile = z.string().trim().regex(MOBILE_PATTERN, { message: '手机号码应为 11 位数字，以 1 开头' });
/** 获取短信验证码: the enterprise contact's mobile (their username). */
export const smsCodeRequest = z.strictObject({ mobile: smsMobile });
/** 短信验证码登录. */
export const smsLoginRequest = z.strictObject({
  mobile: smsMobile,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { message: '验证码为 6 位数字' }),
});
/** How one may sign in here: by SMS code only when a gateway is configured. */
export const loginOptions = z.object({ smsLogin: z.boolean() });
export type LoginOptions = z.infer<typeof loginOptions>;
export const loginChallenge = z.object({
  challengeId: z.string().uuid(),
  /** A PNG drawn by the server, as a data: URL. */
  image: z.string(),
  expiresAt: z.string(),
});
export type LoginChallenge = z.infer<typeof loginChallenge>;

export const currentUser = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  orgUnitId: z.string().uuid(),
  /** An enterprise contact's own enterprise. */
  enterpriseId: z.string().uuid().nullable(),
  mustChangePassword: z.boolean(),
});
export type CurrentUser = z.infer<typeof currentUser>;

export const userEnvelope = z.object({ user: currentUser });

export const changePasswordRequest = z.strictObject({
  currentPassword: secret(128),
  newPassword: secret(128),
});

export const sessionView = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type SessionView = z.infer<typeof sessionView>;
export const sessionList = z.object({ items: z.array(sessionView) });
