// 登录 auth: login with lockout, logout, password change and the user's own sessions.
import type { CurrentUser, SessionView } from '@qinqing/shared';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import {
  burnPasswordCheck,
  checkPasswordPolicy,
  hashPassword,
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
  insertSession,
  lockAccount,
  recordLogin,
  sessionsOf,
  setPassword,
} from './repository.ts';

export interface LoginInput {
  username: string;
  password: string;
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
  const user = await findAccountByUsername(db, input.username);
  const failure = async (reason: string, actor: typeof user) => {
    await db.transaction((tx) =>
      ctx.audit.record(
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
      ),
    );
  };
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
  const token = newToken();
  await db.transaction(async (tx) => {
    if (input.previousToken) await deleteSessionByTokenHash(tx, hashToken(input.previousToken));
    await recordLogin(tx, user.id, now);
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
      { action: 'auth.login', objectType: 'session', objectId: sessionId, result: 'success' },
    );
  });
  const passwordExpired =
    policy.passwordMaxAgeDays > 0 &&
    user.passwordChangedAt.getTime() + policy.passwordMaxAgeDays * 86_400_000 <= now.getTime();
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
