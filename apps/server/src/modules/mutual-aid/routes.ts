// Routes of /api/aid-posts, /api/aid-matches and /api/aid/stats (互助).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  aidCandidates,
  aidMatchEnvelope,
  aidMatchList,
  aidMatchTransitionRequest,
  aidPostEnvelope,
  aidPostListQuery,
  aidPostPage,
  aidStats as aidStatsResponse,
  aidStatsQuery,
  createAidMatchRequest,
  createAidPostRequest,
  idParams,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { transitionRoute } from '../../core/http/transition-route.ts';
import {
  createMatch,
  createPost,
  getMatch,
  getPost,
  listMatches,
  listPosts,
  matchesFor,
  transitionMatch,
} from './service.ts';
import { aidStats } from './stats.ts';

export async function mutualAidRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['mutual-aid'];

  r.get(
    '/api/aid-posts',
    {
      config: { access: 'aid.read' },
      schema: {
        tags,
        summary: '互助供需信息（不含联系方式）',
        querystring: aidPostListQuery,
        response: { 200: aidPostPage },
      },
    },
    async (request) => ({
      ...(await listPosts(ctx, actorOf(request), request.query)),
      page: request.query.page,
      pageSize: request.query.pageSize,
    }),
  );

  r.post(
    '/api/aid-posts',
    {
      config: { access: 'aid.post' },
      schema: {
        tags,
        summary: '发布供给或需求',
        body: createAidPostRequest,
        response: { 201: aidPostEnvelope },
      },
    },
    async (request, reply) => {
      const post = await createPost(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ post });
    },
  );

  r.get(
    '/api/aid-posts/:id',
    {
      config: { access: 'aid.read' },
      schema: { tags, summary: '互助信息详情', params: idParams, response: { 200: aidPostEnvelope } },
    },
    async (request) => ({ post: await getPost(ctx, actorOf(request), request.params.id) }),
  );

  r.get(
    '/api/aid-posts/:id/matches',
    {
      config: { access: 'aid.read' },
      schema: {
        tags,
        summary: '可撮合的对方信息（同类别、词语相同、地域相近）',
        params: idParams,
        response: { 200: aidCandidates },
      },
    },
    async (request) => ({ items: await matchesFor(ctx, actorOf(request), request.params.id) }),
  );

  r.post(
    '/api/aid-matches',
    {
      config: { access: 'aid.broker' },
      schema: {
        tags,
        summary: '撮合一条供给与一条需求',
        body: createAidMatchRequest,
        response: { 201: aidMatchEnvelope },
      },
    },
    async (request, reply) => {
      const match = await createMatch(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ match });
    },
  );

  r.get(
    '/api/aid-matches',
    {
      config: { access: 'aid.read' },
      schema: { tags, summary: '互助对接（本人可见的，最近 200 条）', response: { 200: aidMatchList } },
    },
    async (request) => ({ items: await listMatches(ctx, actorOf(request)) }),
  );

  r.get(
    '/api/aid-matches/:id',
    {
      config: { access: 'aid.read' },
      schema: {
        tags,
        summary: '互助对接（双方确认后显示联系方式）',
        params: idParams,
        response: { 200: aidMatchEnvelope },
      },
    },
    async (request) => ({ match: await getMatch(ctx, actorOf(request), request.params.id) }),
  );

  transitionRoute(app, {
    url: '/api/aid-matches/:id/transitions',
    access: 'aid.read',
    tags,
    summary: '确认、谢绝互助对接，或登记对接结果',
    body: aidMatchTransitionRequest,
    key: 'match',
    response: aidMatchEnvelope,
    run: (actor, id, body, audit) => transitionMatch(ctx, actor, id, body, audit),
  });

  r.get(
    '/api/aid/stats',
    {
      config: { access: 'dashboard.read' },
      schema: {
        tags,
        summary: '互助统计（按类别：供需信息、撮合、完成、受助企业、各计量单位的数量）',
        querystring: aidStatsQuery,
        response: { 200: aidStatsResponse },
      },
    },
    (request) => aidStats(ctx, actorOf(request), request.query),
  );
}
