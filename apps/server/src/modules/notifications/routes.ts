// Routes of /api/notifications (通知): a signed-in user's own notifications, the unread count the bell
// polls, marking them read, and their own choice of which kinds also go by email or to their own robot.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  idParams,
  markAllReadResult,
  notificationEnvelope,
  notificationListQuery,
  notificationPage,
  notificationPreferences,
  updateNotificationPreferencesRequest,
  unreadCount,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import {
  listOwnNotifications,
  markAllOwnRead,
  markOwnRead,
  preferencesOf,
  setPreferences,
  unreadCountOf,
} from './service.ts';

export async function notificationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];

  r.get(
    '/api/notifications',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: '我的通知',
        querystring: notificationListQuery,
        response: { 200: notificationPage },
      },
    },
    async (request) => listOwnNotifications(ctx, actorOf(request).userId, request.query),
  );

  r.get(
    '/api/notifications/unread-count',
    {
      config: { access: 'session' },
      schema: { tags, summary: '未读通知数', response: { 200: unreadCount } },
    },
    async (request) => ({ unread: await unreadCountOf(ctx, actorOf(request).userId) }),
  );

  r.post(
    '/api/notifications/:id/read',
    {
      config: { access: 'session' },
      schema: { tags, summary: '标为已读', params: idParams, response: { 200: notificationEnvelope } },
    },
    async (request) => ({
      notification: await markOwnRead(ctx, actorOf(request).userId, request.params.id),
    }),
  );

  r.post(
    '/api/notifications/read-all',
    {
      config: { access: 'session' },
      schema: { tags, summary: '全部标为已读', response: { 200: markAllReadResult } },
    },
    async (request) => ({ marked: await markAllOwnRead(ctx, actorOf(request).userId) }),
  );

  r.get(
    '/api/notifications/preferences',
    {
      config: { access: 'session' },
      schema: { tags, summary: '我的通知方式', response: { 200: notificationPreferences } },
    },
    async (request) => preferencesOf(ctx, actorOf(request).userId),
  );

  r.put(
    '/api/notifications/preferences',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: '设置我的通知方式',
        body: updateNotificationPreferencesRequest,
        response: { 200: notificationPreferences },
      },
    },
    async (request) => setPreferences(ctx, actorOf(request).userId, request.body, auditContextOf(request)),
  );
}
