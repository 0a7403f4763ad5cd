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
  /** A to-do (请确认, 请评价…) whose action was taken, by anyone: shown as 已处理 / Done. */
  doneAt: z.string().nullable(),
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

/**
 * The groups of kinds a user chooses delivery for: 待办 (asks them to act), 诉求进展 (their appeal moved),
 * 超期与督办 (deadline reminders, overdue, escalation) and 系统 (anything else).
 */
export const NOTIFICATION_GROUPS = ['todo', 'progress', 'deadline', 'system'] as const;
export type NotificationGroup = (typeof NOTIFICATION_GROUPS)[number];

const GROUP_OF_KIND: Record<string, NotificationGroup> = {
  'appeal.raised': 'todo',
  'appeal.forwarded': 'todo',
  'appeal.returned': 'todo',
  'appeal.answered': 'todo',
  'appeal.confirmed': 'todo',
  'appeal.progress_accepted': 'progress',
  'appeal.progress_forwarded': 'progress',
  'appeal.progress_answered': 'progress',
  'appeal.progress_closed': 'progress',
  'appeal.dissatisfied': 'progress',
  'appeal.reopened': 'progress',
  'appeal.respond_reminder': 'deadline',
  'appeal.resolve_reminder': 'deadline',
  'appeal.respond_overdue': 'deadline',
  'appeal.resolve_overdue': 'deadline',
  'appeal.escalated': 'deadline',
  'appeal.rating_reminder': 'todo',
  'appeal.closed_unrated': 'progress',
};

/** The group a notification's kind belongs to; a kind not listed is 系统. */
export function notificationGroupOf(kind: string): NotificationGroup {
  return GROUP_OF_KIND[kind] ?? 'system';
}

export const NOTIFICATION_GROUP_LABELS: Record<NotificationGroup, { zh: string; en: string }> = {
  todo: { zh: '待办', en: 'To-dos' },
  progress: { zh: '诉求进展', en: 'Appeal progress' },
  deadline: { zh: '超期与督办', en: 'Deadlines and escalation' },
  system: { zh: '系统', en: 'System' },
};

const channelChoice = z.strictObject({
  email: z.boolean({ error: 'email 须为 true 或 false' }),
  webhook: z.boolean({ error: 'webhook 须为 true 或 false' }),
});

const preferenceChannels = z.strictObject(
  {
    todo: channelChoice,
    progress: channelChoice,
    deadline: channelChoice,
    system: channelChoice,
  },
  { error: '须为 todo、progress、deadline、system 四组各给出 email 与 webhook' },
);

/**
 * A user's delivery choices: per group, whether it also goes by email and to their own robot. The robot's
 * URL carries its key and is write-only: the answer says whether one is set, and its host.
 */
export const notificationPreferences = z.strictObject({
  channels: preferenceChannels,
  webhookSet: z.boolean(),
  webhookHost: z.string().nullable(),
});
export type NotificationPreferences = z.infer<typeof notificationPreferences>;

/** Setting the choices: a robot URL sets the user's own robot, null removes it, leaving it out keeps it. */
export const updateNotificationPreferencesRequest = z.strictObject({
  channels: preferenceChannels,
  webhookUrl: z
    .string()
    .trim()
    .max(1000, '机器人地址过长')
    .regex(/^https?:\/\/\S+$/, '机器人地址须以 http:// 或 https:// 开头')
    .nullable()
    .optional(),
});
export type UpdateNotificationPreferencesRequest = z.infer<typeof updateNotificationPreferencesRequest>;
