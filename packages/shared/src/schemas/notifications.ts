// 通知 notifications: what the bell shows a user (reminders, overdue and escalation notices…), their own only.
import { z } from 'zod';
import { pageQuery } from './common.ts';

export const notificationView = z.object({
  id: z.string().uuid(),
  /** What it is about, machine-readable (`appeal.deadline_reminder`…); the title says it to people. */
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** A path in the web app (`/appeals/<id>`), or null. */
  link: z.string().nullable(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationView>;

export const notificationListQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  ...pageQuery,
});
export type NotificationListQuery = z.infer<typeof notificationListQuery>;

export const notificationPage = z.object({
  items: z.array(notificationView),
  total: z.number().int(),
  /** Unread notifications of the user in all (whatever the filter). */
  unread: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type NotificationPage = z.infer<typeof notificationPage>;

export const unreadCount = z.object({ unread: z.number().int() });
export const notificationEnvelope = z.object({ notification: notificationView });
export const markAllReadResult = z.object({ marked: z.number().int() });
