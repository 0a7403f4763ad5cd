// 接口令牌 API tokens: the security administrator issues, lists and revokes them and reads their uses.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  apiTokenList,
  apiTokenUseList,
  apiTokenUseQuery,
  createApiTokenRequest,
  createdApiToken,
  idParams,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { createApiToken, listApiTokenUses, listApiTokens, revokeApiToken } from './service.ts';

const tags = ['api-tokens'];

export async function apiTokenRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/api-tokens',
    {
      config: { access: 'apiTokens.manage' },
      schema: {
        tags,
        summary: '签发接口令牌',
        description: '令牌明文（secret）只在此响应中出现一次；服务器只保存其 SHA-256 摘要。',
        body: createApiTokenRequest,
        response: { 201: createdApiToken },
      },
    },
    async (request, reply) => {
      const token = await createApiToken(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ token });
    },
  );

  r.get(
    '/api/api-tokens',
    {
      config: { access: 'apiTokens.manage' },
      schema: { tags, summary: '接口令牌列表（不含明文）', response: { 200: apiTokenList } },
    },
    async (request) => ({ items: await listApiTokens(ctx, actorOf(request)) }),
  );

  r.get(
    '/api/api-tokens/uses',
    {
      config: { access: 'apiTokens.manage' },
      schema: {
        tags,
        summary: '接口令牌调用记录（最近）',
        querystring: apiTokenUseQuery,
        response: { 200: apiTokenUseList },
      },
    },
    async (request) => ({
      items: await listApiTokenUses(ctx, actorOf(request), request.query.tokenId, request.query.limit),
    }),
  );

  r.delete(
    '/api/api-tokens/:id',
    {
      config: { access: 'apiTokens.manage' },
      schema: { tags, summary: '吊销接口令牌（立即失效）', params: idParams },
    },
    async (request, reply) => {
      await revokeApiToken(ctx, actorOf(request), request.params.id, auditContextOf(request));
      return reply.code(204).send();
    },
  );
}
