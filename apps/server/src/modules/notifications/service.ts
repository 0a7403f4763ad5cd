// 通知 notifications: notify() stores the in-app notices (the bell) inside the caller's transaction and
// queues their emails and webhook messages in the outbox; a user reads and marks their own notices.
import type { NotificationListQuery, NotificationPage, NotificationView } from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/connection.ts';
import {
  countUnread,
  findRecipients,
  insertNotifications,
  insertOutboxMessages,
  listNotifications,
  markAllRead,
  markRead,
  type NewOutboxMessage,
  type NotificationRow,
} from './repository.ts';
import type { EmailPayload, WebhookPayload } from './transports.ts';

export interface NotifyInput {
  recipientIds: readonly string[];
  /** Machine-readable: `appeal.deadline_reminder`, `appeal.overdue`, `appeal.escalated`… */
  kind: string;
  title: string;
  body: string;
  /** A path in the web app: `/appeals/<id>`. */
  link?: string;
  objectType?: string;
  objectId?: string;
  /**
   * The same key never notifies a user twice (nor posts twice to a webhook): give one to anything a
   * scheduled task may send again, e.g. `appeal:<id>:forward:<fid>:remind-resolve`.
   */
  dedupeKey?: string;
  /** Robots to post to besides the global QINQING_WEBHOOK_URL (e.g. a channel's own group). */
  webhookUrls?: readonly string[];
}

function absoluteLink(ctx: AppContext, link: string | undefined): string | undefined {
  if (!link) return undefined;
  return ctx.config.publicUrl ? `${ctx.config.publicUrl}${link}` : link;
}

function messageText(ctx: AppContext, input: NotifyInput): string {
  const link = absoluteLink(ctx, input.link);
  return link ? `${input.body}\n${link}` : input.body;
}

/**
 * Notifies users: call inside the transaction of the change it reports, so that a rolled-back change
 * notifies nobody. Emails go to recipients with an address when SMTP is configured; webhook messages to
 * the global robot and `webhookUrls`. Answers whether anything new was stored (false: all deduplicated).
 */
export async function notify(ctx: AppContext, tx: DbOrTx, input: NotifyInput): Promise<boolean> {
  const now = ctx.clock.now();
  const dedupeKey = input.dedupeKey ?? null;
  const recipients = await findRecipients(tx, [...new Set(input.recipientIds)]);
  const notified = new Set(
    await insertNotifications(
      tx,
      recipients.map((recipient) => ({
        userId: recipient.id,
        kind: input.kind,
        title: input.title,
        body: input.body,
        link: input.link ?? null,
        objectType: input.objectType ?? null,
        objectId: input.objectId ?? null,
        dedupeKey,
        createdAt: now,
      })),
    ),
  );

  const text = messageText(ctx, input);
  const outbox: NewOutboxMessage[] = [];
  if (ctx.config.smtpUrl) {
    const email: EmailPayload = { subject: input.title, text };
    for (const recipient of recipients) {
      if (!notified.has(recipient.id) || !recipient.email || recipient.disabled) continue;
      outbox.push({
        transport: 'email',
        target: recipient.email,
        payload: { ...email },
        dedupeKey: dedupeKey && `email:${recipient.id}:${dedupeKey}`,
        nextAttemptAt: now,
      });
    }
  }
  const webhook: WebhookPayload = { msgtype: 'text', text: { content: `【${input.title}】${text}` } };
  const urls = new Set([
    ...(ctx.config.webhookUrl ? [ctx.config.webhookUrl] : []),
    ...(input.webhookUrls ?? []),
  ]);
  for (const url of urls) {
    outbox.push({
      transport: 'webhook',
      target: url,
      payload: { ...webhook },
      dedupeKey: dedupeKey && `webhook:${url}:${dedupeKey}`,
      nextAttemptAt: now,
    });
  }
  const queued = await insertOutboxMessages(tx, outbox);
  return notified.size > 0 || queued > 0;
}

function present(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    objectType: row.objectType,
    objectId: row.objectId,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

export async function listOwnNotifications(
  ctx: AppContext,
  userId: string,
  query: NotificationListQuery,
): Promise<NotificationPage> {
  const { rows, total, unread } = await listNotifications(ctx.database.db, userId, {
    unreadOnly: query.unread === 'true',
    page: query.page,
    pageSize: query.pageSize,
  });
  return { items: rows.map(present), total, unread, page: query.page, pageSize: query.pageSize };
}

export function unreadCountOf(ctx: AppContext, userId: string): Promise<number> {
  return countUnread(ctx.database.db, userId);
}

/** Marks the user's own notification read; someone else's is not found. */
export async function markOwnRead(ctx: AppContext, userId: string, id: string): Promise<NotificationView> {
  const row = await markRead(ctx.database.db, userId, id, ctx.clock.now());
  if (!row) throw notFound();
  return present(row);
}

export function markAllOwnRead(ctx: AppContext, userId: string): Promise<number> {
  return markAllRead(ctx.database.db, userId, ctx.clock.now());
}
