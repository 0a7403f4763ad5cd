// Route of /api/search (综合搜索): one query, enterprises, people and chambers ranked together.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { searchQuery, searchResult } from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf } from '../../core/http/request-context.ts';
import { search } from './service.ts';

export async function searchRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/search',
    {
      config: { access: 'registry.read' },
      schema: {
        tags: ['search'],
        summary: '综合搜索：企业、代表人士、商会（简繁体、全拼、首字母、信用代码前缀）',
        querystring: searchQuery,
        response: { 200: searchResult },
      },
    },
    async (request) => ({
      items: await search(ctx, actorOf(request), request.query.q, request.query.limit),
    }),
  );
}
