// Queries of 登录 auth: an account as it signs in (failed attempts, lockout, last login, password), the
// failed sign-ins and image challenges, and the sessions it holds. A request's own session is looked up by
// core/auth/sessions.ts.
import { and, desc, eq, gt, gte, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { loginChallenges, loginFailures, sessions, smsLoginCodes, users } from '../../db/schema/index.ts';

export type AccountRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

/** The account signing in: user names are matched without regard to case. */
export async function findAccountByUsername(db: DbOrTx, username: string): Promise<AccountRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return row;
}

export async function findAccount(db: DbOrTx, id: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** Counts one more wrong password; answers the consecutive failures so far. */
export async function countFailedLogin(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .update(users)
    .set({ failedLoginCount: sql`${users.failedLoginCount} + 1` })
    .where(eq(users.id, userId))
    .returning({ count: users.failedLoginCount });
  return row?.count ?? 0;
}

/** Locks the account until `until`; its count of failures starts again. */
export async function lockAccount(db: DbOrTx, userId: string, until: Date): Promise<void> {
  await db.update(users).set({ failedLoginCount: 0, lockedUntil: until }).where(eq(users.id, userId));
}

/** A successful login: failures forgotten, any lock lifted. */
export async function recordLogin(db: DbOrTx, userId: string, at: Date): Promise<void> {
  await db
    .update(users)
    .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: at })
    .where(eq(users.id, userId));
}

export async function setPassword(db: DbOrTx, userId: string, passwordHash: string, at: Date): Promise<void> {
  await db
    .update(users)
    .set({
      passwordHash,
      passwordChangedAt: at,
      mustChangePassword: false,
      version: sql`${users.version} + 1`,
      updatedAt: at,
    })
    .where(eq(users.id, userId));
}

export async function insertSession(
  db: DbOrTx,
  values: Omit<typeof sessions.$inferInsert, 'id'>,
): Promise<string | undefined> {
  const [row] = await db.insert(sessions).values(values).returning({ id: sessions.id });
  return row?.id;
}

export async function deleteSessionByTokenHash(db: DbOrTx, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: DbOrTx, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of the account (disabled, or its password reset). */
export async function deleteSessionsOf(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Ends the account's other sessions (after a password change), keeping `keepId`. */
export async function deleteOtherSessions(db: DbOrTx, userId: string, keepId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepId)));
}

/** Ends one of the account's own sessions; false when it has no such session. */
export async function deleteOwnSession(db: DbOrTx, userId: string, sessionId: string): Promise<boolean> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  return deleted.length > 0;
}

/** The account's sessions, the most recently used first. */
export function sessionsOf(db: DbOrTx, userId: string): Promise<SessionRow[]> {
  return db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(desc(sessions.lastSeenAt));
}

/** Failed sign-ins since `since`: for the username typed (any case) and from the address. */
export async function recentFailures(
  db: DbOrTx,
  usernameKey: string,
  ip: string | null,
  since: Date,
): Promise<{ byUsername: number; byIp: number }> {
  const result = await db.execute<{ by_username: number; by_ip: number }>(sql`
    SELECT (SELECT count(*)::int FROM login_failures WHERE username_key = ${usernameKey} AND failed_at > ${since}) AS by_username,
           (SELECT count(*)::int FROM login_failures WHERE ip = ${ip} AND failed_at > ${since}) AS by_ip`);
  const row = result.rows[0];
  return { byUsername: row?.by_username ?? 0, byIp: row?.by_ip ?? 0 };
}

/** Records a failed sign-in; failures older than `forgetBefore` are dropped on the way. */
export async function insertFailure(
  db: DbOrTx,
  values: { usernameKey: string; ip: string | null; failedAt: Date },
  forgetBefore: Date,
): Promise<void> {
  await db.delete(loginFailures).where(lt(loginFailures.failedAt, forgetBefore));
  await db.insert(loginFailures).values(values);
}

/** A successful sign-in forgets the username's failures (the address's stay: others may be guessing). */
export async function forgetFailures(db: DbOrTx, usernameKey: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.usernameKey, usernameKey));
}

/** Stores a new challenge; expired ones are dropped on the way. */
export async function insertChallenge(
  db: DbOrTx,
  values: { answer: string; createdAt: Date; expiresAt: Date },
): Promise<string> {
  await db.delete(loginChallenges).where(lt(loginChallenges.expiresAt, values.createdAt));
  const [row] = await db.insert(loginChallenges).values(values).returning({ id: loginChallenges.id });
  if (!row) throw new Error('no challenge row');
  return row.id;
}

/** Takes a challenge once: deleted whatever the answer; undefined when unknown, used or expired. */
export async function takeChallenge(db: DbOrTx, id: string, now: Date): Promise<string | undefined> {
  const [row] = await db
    .delete(loginChallenges)
    .where(eq(loginChallenges.id, id))
    .returning({ answer: loginChallenges.answer, expiresAt: loginChallenges.expiresAt });
  return row && row.expiresAt > now ? row.answer : undefined;
}

/** The codes asked for a mobile since a moment: how many, and when the last was. */
export async function smsCodesSince(db: DbOrTx, mobile: string, since: Date) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int`, last: sql<Date | null>`max(${smsLoginCodes.createdAt})` })
    .from(smsLoginCodes)
    .where(and(eq(smsLoginCodes.mobile, mobile), gte(smsLoginCodes.createdAt, since)));
  return { count: row?.count ?? 0, last: row?.last ? new Date(row.last) : null };
}

export async function insertSmsCode(
  db: DbOrTx,
  values: {
    id: string;
    mobile: string;
    userId: string | null;
    codeHash: string | null;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db.insert(smsLoginCodes).values(values);
}

/** The newest usable code of a mobile, locked for the attempt. */
export async function lockLiveSmsCode(db: DbOrTx, mobile: string, now: Date, maxAttempts: number) {
  const [row] = await db
    .select()
    .from(smsLoginCodes)
    .where(
      and(
        eq(smsLoginCodes.mobile, mobile),
        isNull(smsLoginCodes.usedAt),
        gt(smsLoginCodes.expiresAt, now),
        lt(smsLoginCodes.attempts, maxAttempts),
        isNotNull(smsLoginCodes.userId),
      ),
    )
    .orderBy(desc(smsLoginCodes.createdAt))
    .limit(1)
    .for('update');
  return row;
}

export async function countSmsAttempt(db: DbOrTx, id: string): Promise<void> {
  await db
    .update(smsLoginCodes)
    .set({ attempts: sql`${smsLoginCodes.attempts} + 1` })
    .where(eq(smsLoginCodes.id, id));
}

/** A code used: it and every other live code of the account stop working. */
export async function useSmsCodes(db: DbOrTx, userId: string, now: Date): Promise<void> {
  await db
    .update(smsLoginCodes)
    .set({ usedAt: now })
    .where(and(eq(smsLoginCodes.userId, userId), isNull(smsLoginCodes.usedAt)));
}
