// 短信验证码登录 sign-in by a code sent to the mobile: for enterprise contacts, whose username is their mobile
// number, when an SMS gateway is configured (QINQING_SMS_URL). A code: six digits, five minutes, five tries,
// once; a mobile gets a code a minute and ten a day. A mobile without an account is answered exactly as one
// with (202, the same limits) and is sent nothing, so that asking does not tell who has an account.
import { randomInt, randomUUID } from 'node:crypto';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import { hashToken } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { SmsSendError } from '../../core/sms/gateway.ts';
import {
  countSmsAttempt,
  findAccountByUsername,
  insertSmsCode,
  lockLiveSmsCode,
  smsCodesSince,
  useSmsCodes,
} from './repository.ts';
import { openSession, type LoginResult } from './service.ts';

const CODE_TTL_MS = 5 * 60_000;
const RESEND_AFTER_MS = 60_000;
const PER_DAY = 10;
const MAX_ATTEMPTS = 5;

const codeDigest = (id: string, code: string) => hashToken(`${id}:${code}`);

/** Whether sign-in by SMS code is offered (a gateway is configured). */
export function smsLoginOffered(ctx: AppContext): boolean {
  return ctx.sms !== undefined;
}

/** The account a code may sign in: an enabled enterprise contact whose username is the mobile. */
async function contactAccount(ctx: AppContext, mobile: string) {
  const user = await findAccountByUsername(ctx.database.db, mobile);
  return user && !user.disabled && user.roles.includes('enterprise_contact') ? user : undefined;
}

export async function requestSmsCode(ctx: AppContext, mobile: string, audit: AuditContext): Promise<void> {
  const gateway = ctx.sms;
  if (!gateway) throw new AppError('SMS_NOT_CONFIGURED');
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const today = await smsCodesSince(db, mobile, new Date(now.getTime() - 86_400_000));
  if (today.last && now.getTime() - today.last.getTime() < RESEND_AFTER_MS) {
    const seconds = Math.ceil((RESEND_AFTER_MS - (now.getTime() - today.last.getTime())) / 1000);
    throw new AppError('SMS_TOO_SOON', undefined, { retryAfterSeconds: seconds });
  }
  if (today.count >= PER_DAY) throw new AppError('SMS_DAILY_LIMIT');
  const user = await contactAccount(ctx, mobile);
  const id = randomUUID();
  const code = user ? String(randomInt(0, 1_000_000)).padStart(6, '0') : null;
  await db.transaction(async (tx) => {
    await insertSmsCode(tx, {
      id,
      mobile,
      userId: user?.id ?? null,
      codeHash: code ? codeDigest(id, code) : null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CODE_TTL_MS),
    });
    await ctx.audit.record(
      tx,
      { ...audit, actorId: user?.id ?? null, actorName: mobile, actorRoles: user?.roles ?? [] },
      {
        action: 'auth.sms_code_requested',
        objectType: 'user',
        objectId: user?.id,
        result: user ? 'success' : 'failure',
        detail: user ? { gateway: gateway.host } : { reason: 'no_contact_account' },
      },
    );
  });
  if (!code) return;
  try {
    await gateway.sendCode(mobile, code);
  } catch (error) {
    if (error instanceof SmsSendError) {
      throw new AppError('SMS_SEND_FAILED', undefined, { provider: error.providerCode });
    }
    throw error;
  }
}

export async function loginBySmsCode(
  ctx: AppContext,
  input: { mobile: string; code: string; previousToken?: string; userAgent?: string },
  audit: AuditContext,
): Promise<LoginResult> {
  if (!ctx.sms) throw new AppError('SMS_NOT_CONFIGURED');
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const matched = await db.transaction(async (tx) => {
    const row = await lockLiveSmsCode(tx, input.mobile, now, MAX_ATTEMPTS);
    if (!row?.userId || !row.codeHash) return undefined;
    if (row.codeHash !== codeDigest(row.id, input.code)) {
      await countSmsAttempt(tx, row.id);
      await ctx.audit.record(
        tx,
        { ...audit, actorId: row.userId, actorName: input.mobile, actorRoles: [] },
        {
          action: 'auth.login',
          objectType: 'user',
          objectId: row.userId,
          result: 'failure',
          detail: { reason: 'wrong_sms_code', method: 'sms', attempts: row.attempts + 1 },
        },
      );
      return undefined;
    }
    await useSmsCodes(tx, row.userId, now);
    return row.userId;
  });
  if (!matched) throw new AppError('SMS_CODE_INVALID');
  const user = await contactAccount(ctx, input.mobile);
  if (!user || user.id !== matched) throw new AppError('SMS_CODE_INVALID');
  if (user.lockedUntil && user.lockedUntil > now) {
    throw new AppError('ACCOUNT_LOCKED', undefined, { lockedUntil: user.lockedUntil.toISOString() });
  }
  return openSession(ctx, user, input, audit, { usernameKey: input.mobile.toLowerCase(), method: 'sms' });
}
