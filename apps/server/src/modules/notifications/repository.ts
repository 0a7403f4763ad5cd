// Queries over 通知 notifications (always one user's own) and their outbox of emails and webhook messages.
import {
  and,
  arrayOverlaps,
  asc,
  count,
  desc,
  eq,
  isNotNull,
  isNull,
  lt,
  lte,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/connection.ts';
import { notificationOutbox, notificationPreferences, notifications, users } from '../../db/schema/index.ts';

export type NotificationRow = typeof notifications.$inferSelect;
export type OutboxRow = typeof notificationOutbox.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;
export type NewOutboxMessage = typeof notificationOutbox.$inferInsert;
export type PreferencesRow = typeof notificationPreferences.$inferSelect;

/** `column = ANY ($ids)`: one array parameter, where inArray builds one parameter an id. */
const anyOf = (column: AnyPgColumn, ids: readonly string[]): SQL =>
  sql`${column} = ANY (${sql.param([...ids])}::uuid[])`;

export async function findRecipients(
  db: DbOrTx,
  ids: string[],
): Promise<{ id: string; email: string | null; disabled: boolean }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, email: users.email, disabled: users.disabled })
    .from(users)
    .where(anyOf(users.id, ids));
}

/** The delivery choices of these users (those who made any). */
export async function findPreferences(db: DbOrTx, userIds: string[]): Promise<PreferencesRow[]> {
  if (userIds.length === 0) return [];
  return db.select().from(notificationPreferences).where(anyOf(notificationPreferences.userId, userIds));
}

export async function savePreferences(
  db: DbOrTx,
  row: Omit<PreferencesRow, 'updatedAt'>,
  now: Date,
): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values({ ...row, updatedAt: now })
    .onConflictDoUpdate({
      target: notificationPreferences.userId,
      set: { channels: row.channels, webhookUrl: row.webhookUrl, updatedAt: now },
    });
}

/**
 * Marks done (and read) the object's open to-dos that await any of `done` (`*`: all of them), whoever they
 * were for; answers how many.
 */
export async function markTodosDone(
  db: DbOrTx,
  object: { objectType: string; objectId: string; done: readonly string[] },
  now: Date,
): Promise<number> {
  if (object.done.length === 0) return 0;
  const marked = await db
    .update(notifications)
    .set({ doneAt: now, readAt: sql`coalesce(${notifications.readAt}, ${now})` })
    .where(
      and(
        eq(notifications.objectType, object.objectType),
        eq(notifications.objectId, object.objectId),
        isNotNull(notifications.awaits),
        isNull(notifications.doneAt),
        object.done.includes('*') ? undefined : arrayOverlaps(notifications.awaits, [...object.done]),
      ),
    )
    .returning({ id: notifications.id });
  return marked.length;
}

/** The same notice (everything but its user) for each user. */
export type NewNotice = Omit<NewNotification, 'id' | 'userId' | 'readAt' | 'doneAt'> & { createdAt: Date };

/**
 * Stores one notice for each of `userIds`; one already stored for the user under the same dedupe key is
 * skipped. Answers the users stored for. One statement with the ids as one array, however many users: a
 * push reaches thousands of contacts at a time, and a row of values each (eleven parameters a user) cost
 * more to build in the query builder than the insert itself, with the event loop held meanwhile.
 */
export async function insertNotifications(
  db: DbOrTx,
  notice: NewNotice,
  userIds: readonly string[],
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const { rows } = await db.execute<{ user_id: string }>(
    sql`INSERT INTO notifications (user_id, kind, title, body, link, object_type, object_id, dedupe_key, created_at,
          awaits)
        SELECT u, ${notice.kind}::text, ${notice.title}::text, ${notice.body}::text, ${notice.link ?? null}::text,
          ${notice.objectType ?? null}::text, ${notice.objectId ?? null}::text, ${notice.dedupeKey ?? null}::text,
          ${notice.createdAt}::timestamptz,
          ${notice.awaits ? sql`${sql.param(notice.awaits)}::text[]` : sql`NULL::text[]`}
          FROM unnest(${sql.param([...userIds])}::uuid[]) AS u
        ON CONFLICT (user_id, dedupe_key) DO NOTHING
        RETURNING user_id`,
  );
  return rows.map((row) => row.user_id);
}

export async function insertOutboxMessages(db: DbOrTx, rows: NewOutboxMessage[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(notificationOutbox)
    .values(rows)
    .onConflictDoNothing({ target: notificationOutbox.dedupeKey })
    .returning({ id: notificationOutbox.id });
  return inserted.length;
}

function ownedBy(userId: string, unreadOnly: boolean): SQL {
  const own = eq(notifications.userId, userId);
  return unreadOnly ? (and(own, isNull(notifications.readAt)) as SQL) : own;
}

export async function listNotifications(
  db: DbOrTx,
  userId: string,
  query: { unreadOnly: boolean; page: number; pageSize: number },
): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
  const where = ownedBy(userId, query.unreadOnly);
  const [rows, totals, unread] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(notifications).where(where),
    countUnread(db, userId),
  ]);
  return { rows, total: totals[0]?.total ?? 0, unread };
}

export async function countUnread(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db.select({ unread: count() }).from(notifications).where(ownedBy(userId, true));
  return row?.unread ?? 0;
}

/** Marks one of the user's notifications read (once: the first reading time is kept). */
export async function markRead(
  db: DbOrTx,
  userId: string,
  id: string,
  now: Date,
): Promise<NotificationRow | undefined> {
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.id, id), ownedBy(userId, true)));
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  return row;
}

export async function markAllRead(db: DbOrTx, userId: string, now: Date): Promise<number> {
  const marked = await db
    .update(notifications)
    .set({ readAt: now })
    .where(ownedBy(userId, true))
    .returning({ id: notifications.id });
  return marked.length;
}

/**
 * The next due outbox message, locked for the caller's transaction; messages another instance is sending
 * are skipped rather than waited for.
 */
export async function claimDueMessage(
  tx: DbOrTx,
  now: Date,
  maxAttempts: number,
): Promise<OutboxRow | undefined> {
  const [row] = await tx
    .select()
    .from(notificationOutbox)
    .where(
      and(
        isNull(notificationOutbox.sentAt),
        lt(notificationOutbox.attempts, maxAttempts),
        lte(notificationOutbox.nextAttemptAt, now),
      ),
    )
    .orderBy(asc(notificationOutbox.nextAttemptAt))
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

export async function markSent(tx: DbOrTx, id: string, attempts: number, now: Date): Promise<void> {
  await tx
    .update(notificationOutbox)
    .set({ sentAt: now, attempts, lastError: null })
    .where(eq(notificationOutbox.id, id));
}

export async function markFailed(
  tx: DbOrTx,
  id: string,
  attempts: number,
  error: string,
  nextAttemptAt: Date,
): Promise<void> {
  await tx
    .update(notificationOutbox)
    .set({ attempts, lastError: error, nextAttemptAt })
    .where(eq(notificationOutbox.id, id));
}
