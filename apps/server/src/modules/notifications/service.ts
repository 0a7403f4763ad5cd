// 通知 notifications: notify() stores the in-app notices (the bell) inside the caller's transaction and
// queues their emails and webhook messages in the outbox; a user reads and marks their own notices.
import {
  NOTIFICATION_GROUPS,
  notificationGroupOf,
  type NotificationGroup,
  type NotificationListQuery,
  type NotificationPage,
  type NotificationPreferences,
  type NotificationView,
  type UpdateNotificationPreferencesRequest,
} from '@qinqing/shared';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { AppContext } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { checkOutboundField, hostOf, redactedUrl } from '../../core/outbound/outbound.ts';
import type { DbOrTx } from '../../db/connection.ts';
import {
  countUnread,
  findPreferences,
  findRecipients,
  insertNotifications,
  insertOutboxMessages,
  listNotifications,
  markAllRead,
  markRead,
  markTodosDone,
  savePreferences,
  type NewOutboxMessage,
  type NotificationRow,
  type PreferencesRow,
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
  /**
   * A to-do: the actions on its object it awaits (`confirm`, `accept@<department id>`); closeTodos marks it
   * done once any of them is taken, by anyone.
   */
  awaits?: readonly string[];
}

/** Without a choice made: email on, the user's own robot off. */
const DEFAULT_CHOICE = { email: true, webhook: false };

/** A user's choices, every group filled in. */
function choicesOf(row: PreferencesRow | undefined): NotificationPreferences {
  const channels = Object.fromEntries(
    NOTIFICATION_GROUPS.map((group) => [group, { ...DEFAULT_CHOICE, ...row?.channels[group] }]),
  ) as Record<NotificationGroup, { email: boolean; webhook: boolean }>;
  // The robot's URL carries its key: said to be set, and where, never answered.
  const webhookUrl = row?.webhookUrl ?? null;
  return { channels, webhookSet: webhookUrl !== null, webhookHost: hostOf(webhookUrl) };
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
  const group = notificationGroupOf(input.kind);
  const preferences = new Map(
    (
      await findPreferences(
        tx,
        recipients.map((recipient) => recipient.id),
      )
    ).map((row) => [row.userId, row]),
  );
  const choiceOf = (userId: string) => choicesOf(preferences.get(userId)).channels[group];
  const notified = new Set(
    await insertNotifications(
      tx,
      {
        kind: input.kind,
        title: input.title,
        body: input.body,
        link: input.link ?? null,
        objectType: input.objectType ?? null,
        objectId: input.objectId ?? null,
        dedupeKey,
        createdAt: now,
        awaits: input.awaits?.length ? [...input.awaits] : null,
      },
      recipients.map((recipient) => recipient.id),
    ),
  );

  const text = messageText(ctx, input);
  const outbox: NewOutboxMessage[] = [];
  if (ctx.config.smtpUrl) {
    const email: EmailPayload = { subject: input.title, text };
    for (const recipient of recipients) {
      if (!notified.has(recipient.id) || !recipient.email || recipient.disabled) continue;
      if (!choiceOf(recipient.id).email) continue;
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
  // A recipient's own robot, for the groups they chose it for.
  for (const recipient of recipients) {
    const own = preferences.get(recipient.id)?.webhookUrl;
    if (!notified.has(recipient.id) || recipient.disabled || !own || !choiceOf(recipient.id).webhook)
      continue;
    outbox.push({
      transport: 'webhook',
      target: own,
      payload: { ...webhook },
      dedupeKey: dedupeKey && `webhook:${recipient.id}:${dedupeKey}`,
      nextAttemptAt: now,
    });
  }
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
    doneAt: row.doneAt?.toISOString() ?? null,
  };
}

/**
 * Marks done the object's open to-dos awaiting any of `done`, whoever they were for: call inside the
 * transaction of the action that answers them.
 */
export function closeTodos(
  ctx: AppContext,
  tx: DbOrTx,
  object: { objectType: string; objectId: string; done: readonly string[] },
): Promise<number> {
  return markTodosDone(tx, object, ctx.clock.now());
}

/** The user's own delivery choices (defaults where none were made). */
export async function preferencesOf(ctx: AppContext, userId: string): Promise<NotificationPreferences> {
  const [row] = await findPreferences(ctx.database.db, [userId]);
  return choicesOf(row);
}

/** Sets the user's own delivery choices, with an audit record. */
export async function setPreferences(
  ctx: AppContext,
  userId: string,
  input: UpdateNotificationPreferencesRequest,
  audit: AuditContext,
): Promise<NotificationPreferences> {
  if (input.webhookUrl) await checkOutboundField('webhookUrl', input.webhookUrl, ctx.config.outboundAllow);
  return ctx.database.db.transaction(async (tx) => {
    const [before] = await findPreferences(tx, [userId]);
    // Left out: the robot set before stays (the answer never carries its URL to send back).
    const webhookUrl = input.webhookUrl === undefined ? (before?.webhookUrl ?? null) : input.webhookUrl;
    await savePreferences(tx, { userId, channels: input.channels, webhookUrl }, ctx.clock.now());
    await ctx.audit.record(tx, audit, {
      action: 'notification.preferences',
      objectType: 'user',
      objectId: userId,
      detail: {
        channels: input.channels,
        webhook: webhookUrl !== null,
        ...(webhookUrl !== (before?.webhookUrl ?? null) ? { webhookUrl: redactedUrl(webhookUrl) } : {}),
      },
    });
    const [row] = await findPreferences(tx, [userId]);
    return choicesOf(row);
  });
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
