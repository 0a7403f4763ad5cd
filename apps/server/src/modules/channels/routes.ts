// Routes of /api/channels (快捷通道) and /api/appeal-categories (诉求类别).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  appealCategoryList,
  appealCategoryView,
  channelEnvelope,
  channelList,
  createChannelRequest,
  idParams,
  updateChannelRequest,
  upsertAppealCategoryRequest,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import {
  createChannel,
  listCategoryViews,
  listChannelViews,
  updateChannel,
  upsertCategory,
} from './service.ts';

export async function channelRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['channels'];

  r.get(
    '/api/channels',
    {
      config: { access: 'appeals.read' },
      schema: { tags, summary: '快捷通道列表（承办部门、联络员、时限）', response: { 200: channelList } },
    },
    async (request) => ({ items: await listChannelViews(ctx, actorOf(request)) }),
  );

  r.post(
    '/api/channels',
    {
      config: { access: 'serviceLoop.configure' },
      schema: {
        tags,
        summary: '新建快捷通道',
        body: createChannelRequest,
        response: { 201: channelEnvelope },
      },
    },
    async (request, reply) => {
      const channel = await createChannel(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ channel });
    },
  );

  r.patch(
    '/api/channels/:id',
    {
      config: { access: 'serviceLoop.configure' },
      schema: {
        tags,
        summary: '修改快捷通道（时限、负责人、回调地址、启停）',
        params: idParams,
        body: updateChannelRequest,
        response: { 200: channelEnvelope },
      },
    },
    async (request) => ({
      channel: await updateChannel(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
    }),
  );

  r.get(
    '/api/appeal-categories',
    {
      config: { access: 'session' },
      schema: { tags, summary: '诉求类别与默认时限', response: { 200: appealCategoryList } },
    },
    async () => ({ items: await listCategoryViews(ctx) }),
  );

  r.put(
    '/api/appeal-categories/:code',
    {
      config: { access: 'serviceLoop.configure' },
      schema: {
        tags,
        summary: '新增或修改诉求类别',
        params: z.strictObject({
          code: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, { message: '类别代码格式不正确' }),
        }),
        body: upsertAppealCategoryRequest,
        response: { 200: z.object({ category: appealCategoryView }) },
      },
    },
    async (request) => ({
      category: await upsertCategory(ctx, request.params.code, request.body, auditContextOf(request)),
    }),
  );
}
