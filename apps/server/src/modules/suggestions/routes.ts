// Routes of /api/suggestions (建言): list, counts, detail, draft, change a draft, submit and decide.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createSuggestionRequest,
  idParams,
  suggestionEnvelope,
  suggestionListQuery,
  suggestionPage,
  suggestionStats,
  suggestionStatsQuery,
  suggestionTransitionRequest,
  updateSuggestionRequest,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { transitionRoute } from '../../core/http/transition-route.ts';
import {
  createSuggestion,
  getSuggestion,
  listSuggestions,
  getSuggestionStats,
  transitionSuggestion,
  updateSuggestion,
} from './service.ts';

export async function suggestionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['suggestions'];

  r.get(
    '/api/suggestions',
    {
      config: { access: 'suggestions.read' },
      schema: {
        tags,
        summary: '建言列表',
        querystring: suggestionListQuery,
        response: { 200: suggestionPage },
      },
    },
    async (request) => {
      const query = request.query;
      const { items, total } = await listSuggestions(ctx, actorOf(request), query);
      return { items, total, page: query.page, pageSize: query.pageSize };
    },
  );

  r.get(
    '/api/suggestions/stats',
    {
      config: { access: 'suggestions.read' },
      schema: {
        tags,
        summary: '建言报送与采纳统计（按报送日期）',
        querystring: suggestionStatsQuery,
        response: { 200: suggestionStats },
      },
    },
    (request) => getSuggestionStats(ctx, actorOf(request), request.query),
  );

  r.get(
    '/api/suggestions/:id',
    {
      config: { access: 'suggestions.read' },
      schema: { tags, summary: '建言详情', params: idParams, response: { 200: suggestionEnvelope } },
    },
    async (request) => ({ suggestion: await getSuggestion(ctx, actorOf(request), request.params.id) }),
  );

  r.post(
    '/api/suggestions',
    {
      config: { access: 'suggestions.write' },
      schema: {
        tags,
        summary: '起草建言',
        body: createSuggestionRequest,
        response: { 201: suggestionEnvelope },
      },
    },
    async (request, reply) => {
      const suggestion = await createSuggestion(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ suggestion });
    },
  );

  r.patch(
    '/api/suggestions/:id',
    {
      config: { access: 'suggestions.write' },
      schema: {
        tags,
        summary: '修改建言草稿',
        params: idParams,
        body: updateSuggestionRequest,
        response: { 200: suggestionEnvelope },
      },
    },
    async (request) => ({
      suggestion: await updateSuggestion(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
    }),
  );

  transitionRoute(app, {
    url: '/api/suggestions/:id/transitions',
    access: 'suggestions.write',
    tags,
    summary: '报送建言、登记采纳结果',
    body: suggestionTransitionRequest,
    key: 'suggestion',
    response: suggestionEnvelope,
    run: (actor, id, body, audit) => transitionSuggestion(ctx, actor, id, body, audit),
  });
}
