// 登录 auth: login with an image challenge after repeated failures and lockout, logout, password change and
// the user's own sessions.
import {
  ADMIN_ROLES,
  type CurrentUser,
  type LoginChallenge,
  type Role,
  type SessionView,
} from '@qinqing/shared';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import { challengeText, drawChallenge } from '../../core/auth/challenge-image.ts';
import {
  burnPasswordCheck,
  checkPasswordPolicy,
  hashPassword,
  passwordAgeCutoff,
  verifyPassword,
} from '../../core/auth/passwords.ts';
import { hashToken, newToken, type Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalidField, notFound } from '../../core/errors.ts';
import {
  countFailedLogin,
  deleteOtherSessions,
  deleteOwnSession,
  deleteSession,
  deleteSessionByTokenHash,
  findAccount,
  findAccountByUsername,
  forgetFailures,
  insertChallenge,
  insertFailure,
  insertSession,
  lockAccount,
  recentFailures,
  recordLogin,
  sessionsOf,
  setPassword,
  takeChallenge,
  type AccountRow,
} from './repository.ts';

/** How long a challenge may be answered. */
const CHALLENGE_TTL_MS = 5 * 60_000;
/**
 * Failures from one address that call for a challenge, as a multiple of the per-username threshold: an
 * office behind one NAT address signs in together, a script trying many usernames fails far more often.
 */
const IP_CHALLENGE_FACTOR = 10;
/** Failed sign-ins are kept this long, then forgotten. */
const FAILURE_MEMORY_MS = 86_400_000;

export interface LoginInput {
  username: string;
  password: string;
  challengeId?: string;
  challengeAnswer?: string;
  /** The session cookie the browser already had: it is ended, never reused (no session fixation). */
  previousToken?: string;
  userAgent?: string;
}

export interface LoginResult {
  user: CurrentUser;
  token: string;
}

export async function login(ctx: AppContext, input: LoginInput, audit: AuditContext): Promise<LoginResult> {
  const { db } = ctx.database;
  const policy = await ctx.security.get();
  const now = ctx.clock.now();
  const usernameKey = input.username.toLowerCase();
  const failureRecord = { usernameKey, ip: audit.ip, failedAt: now };
  const forgetBefore = new Date(now.getTime() - FAILURE_MEMORY_MS);
  const user = await findAccountByUsername(db, input.username);
  /** `counts`: whether it is a failed sign-in towards the challenge (a wrong challenge answer is not). */
  const failure = async (reason: string, actor: typeof user, counts = true) => {
    await db.transaction(async (tx) => {
      if (counts) await insertFailure(tx, failureRecord, forgetBefore);
      await ctx.audit.record(
        tx,
        {
          ...audit,
          actorId: actor?.id ?? null,
          actorName: actor?.username ?? input.username,
          actorRoles: actor?.roles ?? [],
        },
        {
          action: 'auth.login',
          objectType: 'user',
          objectId: actor?.id,
          result: 'failure',
          detail: { reason },
        },
      );
    });
  };
  if (policy.loginChallengeThreshold > 0) {
    const since = new Date(now.getTime() - policy.lockoutMinutes * 60_000);
    const recent = await recentFailures(db, usernameKey, audit.ip, since);
    const required =
      recent.byUsername >= policy.loginChallengeThreshold ||
      recent.byIp >= policy.loginChallengeThreshold * IP_CHALLENGE_FACTOR;
    if (required) {
      if (!input.challengeId || !input.challengeAnswer) throw new AppError('CHALLENGE_REQUIRED');
      const answer = await takeChallenge(db, input.challengeId, now);
      if (answer === undefined || answer !== input.challengeAnswer.replace(/\s+/g, '')) {
        await failure('challenge_failed', user, false);
        throw new AppError('CHALLENGE_FAILED');
      }
    }
  }
  if (!user || user.disabled) {
    await burnPasswordCheck(input.password);
    await failure(user ? 'disabled' : 'unknown_user', user);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await failure('locked', user);
    throw new AppError('ACCOUNT_LOCKED', undefined, { lockedUntil: user.lockedUntil.toISOString() });
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const locked = await db.transaction(async (tx) => {
      await insertFailure(tx, failureRecord, forgetBefore);
      const failures = await countFailedLogin(tx, user.id);
      const reachedLimit = failures >= policy.lockoutThreshold;
      const who = { ...audit, actorId: user.id, actorName: user.username, actorRoles: user.roles };
      await ctx.audit.record(tx, who, {
        action: 'auth.login',
        objectType: 'user',
        objectId: user.id,
        result: 'failure',
        detail: { reason: 'wrong_password', consecutiveFailures: failures },
      });
      if (!reachedLimit) return undefined;
      const lockedUntil = new Date(now.getTime() + policy.lockoutMinutes * 60_000);
      await lockAccount(tx, user.id, lockedUntil);
      await ctx.audit.record(tx, who, {
        action: 'auth.account_locked',
        objectType: 'user',
        objectId: user.id,
        result: 'success',
        detail: { lockedUntil: lockedUntil.toISOString(), minutes: policy.lockoutMinutes },
      });
      return lockedUntil;
    });
    if (locked) throw new AppError('ACCOUNT_LOCKED', undefined, { lockedUntil: locked.toISOString() });
    throw new AppError('INVALID_CREDENTIALS');
  }
  return openSession(ctx, user, input, audit, { usernameKey });
}

/**
 * A session for an account that has proved who it is (a password, or a code sent to its mobile): the
 * browser's previous session ended, the failures forgotten, the sign-in recorded and audited (`method`
 * in the detail when it was not a password).
 */
export async function openSession(
  ctx: AppContext,
  user: AccountRow,
  input: { previousToken?: string; userAgent?: string },
  audit: AuditContext,
  options: { usernameKey: string; method?: 'sms' },
): Promise<LoginResult> {
  const { db } = ctx.database;
  const policy = await ctx.security.get();
  const now = ctx.clock.now();
  const token = newToken();
  await db.transaction(async (tx) => {
    if (input.previousToken) await deleteSessionByTokenHash(tx, hashToken(input.previousToken));
    await recordLogin(tx, user.id, now);
    await forgetFailures(tx, options.usernameKey);
    const sessionId = await insertSession(tx, {
      tokenHash: hashToken(token),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + policy.sessionAbsoluteHours * 3_600_000),
      ip: audit.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await ctx.audit.record(
      tx,
      { ...audit, actorId: user.id, actorName: user.username, actorRoles: user.roles },
      {
        action: 'auth.login',
        objectType: 'session',
        objectId: sessionId,
        result: 'success',
        ...(options.method ? { detail: { method: options.method } } : {}),
      },
    );
  });
  const admin = user.roles.some((role) => (ADMIN_ROLES as readonly Role[]).includes(role));
  const cutoff = passwordAgeCutoff(policy, admin, now);
  const passwordExpired = cutoff !== undefined && user.passwordChangedAt <= cutoff;
  return {
    token,
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      orgUnitId: user.orgUnitId,
      enterpriseId: user.enterpriseId,
      mustChangePassword: user.mustChangePassword || passwordExpired,
    },
  };
}

/** A new one-time image challenge (登录验证码), answered at the next sign-in when the server asks for one. */
export async function createChallenge(ctx: AppContext): Promise<LoginChallenge> {
  const now = ctx.clock.now();
  const text = challengeText();
  const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
  const challengeId = await insertChallenge(ctx.database.db, { answer: text, createdAt: now, expiresAt });
  return {
    challengeId,
    image: `data:image/png;base64,${drawChallenge(text).toString('base64')}`,
    expiresAt: expiresAt.toISOString(),
  };
}

export function currentUserOf(actor: Actor): CurrentUser {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.roles,
    orgUnitId: actor.orgUnitId,
    enterpriseId: actor.enterpriseId,
    mustChangePassword: actor.mustChangePassword,
  };
}

export async function logout(ctx: AppContext, actor: Actor, audit: AuditContext): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    await deleteSession(tx, actor.sessionId);
    await ctx.audit.record(tx, audit, {
      action: 'auth.logout',
      objectType: 'session',
      objectId: actor.sessionId,
    });
  });
}

/** Changes the caller's password; their other sessions end, this one stays. */
export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  audit: AuditContext,
): Promise<CurrentUser> {
  const { db } = ctx.database;
  const user = await findAccount(db, actor.userId);
  if (!user) throw notFound();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw invalidField('currentPassword', 'WRONG_PASSWORD', '当前密码不正确');
  }
  if (input.newPassword === input.currentPassword) {
    throw invalidField('newPassword', 'PASSWORD_UNCHANGED', '新密码不能与当前密码相同');
  }
  const policy = await ctx.security.get();
  const problems = checkPasswordPolicy(input.newPassword, policy, { username: user.username });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await setPassword(tx, user.id, passwordHash, ctx.clock.now());
    await deleteOtherSessions(tx, user.id, actor.sessionId);
    await ctx.audit.record(tx, audit, {
      action: 'auth.password_changed',
      objectType: 'user',
      objectId: user.id,
    });
  });
  return { ...currentUserOf(actor), mustChangePassword: false };
}

export async function listOwnSessions(ctx: AppContext, actor: Actor): Promise<SessionView[]> {
  const rows = await sessionsOf(ctx.database.db, actor.userId);
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    ip: row.ip,
    userAgent: row.userAgent,
    current: row.id === actor.sessionId,
  }));
}

export async function revokeOwnSession(
  ctx: AppContext,
  actor: Actor,
  sessionId: string,
  audit: AuditContext,
) {
  await ctx.database.db.transaction(async (tx) => {
    if (!(await deleteOwnSession(tx, actor.userId, sessionId))) throw notFound();
    await ctx.audit.record(tx, audit, {
      action: 'auth.session_revoked',
      objectType: 'session',
      objectId: sessionId,
    });
  });
}
