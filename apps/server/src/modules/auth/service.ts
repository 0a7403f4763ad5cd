// 登录 auth: login with lockout, logout, password change and the user's own sessions.
import { and, eq, ne, sql } from 'drizzle-orm';
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
import { sessions, users } from '../../db/schema/index.ts';

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
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = lower(${input.username})`);
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
      const [row] = await tx
        .update(users)
        .set({ failedLoginCount: sql`${users.failedLoginCount} + 1` })
        .where(eq(users.id, user.id))
        .returning({ count: users.failedLoginCount });
      const reachedLimit = (row?.count ?? 0) >= policy.lockoutThreshold;
      const who = { ...audit, actorId: user.id, actorName: user.username, actorRoles: user.roles };
      await ctx.audit.record(tx, who, {
        action: 'auth.login',
        objectType: 'user',
        objectId: user.id,
        result: 'failure',
        detail: { reason: 'wrong_password', consecutiveFailures: row?.count ?? 0 },
      });
      if (!reachedLimit) return undefined;
      const lockedUntil = new Date(now.getTime() + policy.lockoutMinutes * 60_000);
      await tx.update(users).set({ failedLoginCount: 0, lockedUntil }).where(eq(users.id, user.id));
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
    if (input.previousToken)
      await tx.delete(sessions).where(eq(sessions.tokenHash, hashToken(input.previousToken)));
    await tx
      .update(users)
      .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: now })
      .where(eq(users.id, user.id));
    const [session] = await tx
      .insert(sessions)
      .values({
        tokenHash: hashToken(token),
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + policy.sessionAbsoluteHours * 3_600_000),
        ip: audit.ip,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
      })
      .returning({ id: sessions.id });
    await ctx.audit.record(
      tx,
      { ...audit, actorId: user.id, actorName: user.username, actorRoles: user.roles },
      { action: 'auth.login', objectType: 'session', objectId: session?.id, result: 'success' },
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
    await tx.delete(sessions).where(eq(sessions.id, actor.sessionId));
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
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
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
    await tx
      .update(users)
      .set({
        passwordHash,
        passwordChangedAt: ctx.clock.now(),
        mustChangePassword: false,
        version: sql`${users.version} + 1`,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(users.id, user.id));
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.id, actor.sessionId)));
    await ctx.audit.record(tx, audit, {
      action: 'auth.password_changed',
      objectType: 'user',
      objectId: user.id,
    });
  });
  return { ...currentUserOf(actor), mustChangePassword: false };
}

export async function listOwnSessions(ctx: AppContext, actor: Actor): Promise<SessionView[]> {
  const rows = await ctx.database.db
    .select()
    .from(sessions)
    .where(eq(sessions.userId, actor.userId))
    .orderBy(sql`${sessions.lastSeenAt} DESC`);
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
    const deleted = await tx
      .delete(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.userId)))
      .returning({ id: sessions.id });
    if (deleted.length === 0) throw notFound();
    await ctx.audit.record(tx, audit, {
      action: 'auth.session_revoked',
      objectType: 'session',
      objectId: sessionId,
    });
  });
}
