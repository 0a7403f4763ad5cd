// Routes of /api/channels (快捷通道).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  channelEnvelope,
  channelList,
  createChannelRequest,
  idParams,
  updateChannelRequest,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { createChannel, listChannelViews, updateChannel } from './service.ts';

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
}
