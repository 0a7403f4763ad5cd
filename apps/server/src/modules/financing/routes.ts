// Routes of /api/financing-needs, /api/banks, /api/financing-programs and /api/financing/stats (融资对接).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  bankList,
  createNeedRequest,
  createProductRequest,
  createProgramRequest,
  financingStats as statsResponse,
  financingStatsQuery,
  idParams,
  needEnvelope,
  needListQuery,
  needPage,
  needTransitionRequest,
  productList,
  productView,
  programEntryRequest,
  programEnvelope,
  programList,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { transitionRoute } from '../../core/http/transition-route.ts';
import {
  createNeed,
  createProduct,
  createProgram,
  financingStats,
  getNeed,
  getProgram,
  listBanks,
  listNeeds,
  listProducts,
  listPrograms,
  recordProgramEntry,
  transitionNeed,
} from './service.ts';

export async function financingRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['financing'];

  r.get(
    '/api/financing-needs',
    {
      config: { access: 'financing.read' },
      schema: {
        tags,
        summary: '融资需求（银行：推送给本行的需求）',
        querystring: needListQuery,
        response: { 200: needPage },
      },
    },
    async (request) => ({
      ...(await listNeeds(ctx, actorOf(request), request.query)),
      page: request.query.page,
      pageSize: request.query.pageSize,
    }),
  );

  r.post(
    '/api/financing-needs',
    {
      config: { access: 'financing.state' },
      schema: { tags, summary: '提交融资需求', body: createNeedRequest, response: { 201: needEnvelope } },
    },
    async (request, reply) => {
      const need = await createNeed(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ need });
    },
  );

  r.get(
    '/api/financing-needs/:id',
    {
      config: { access: 'financing.read' },
      schema: { tags, summary: '融资需求详情与时间线', params: idParams, response: { 200: needEnvelope } },
    },
    async (request) => ({ need: await getNeed(ctx, actorOf(request), request.params.id) }),
  );

  transitionRoute(app, {
    url: '/api/financing-needs/:id/transitions',
    access: 'financing.read',
    tags,
    summary: '融资需求流转：审核、推送银行、银行答复、放款、撤回、商会推荐、授权',
    body: needTransitionRequest,
    key: 'need',
    response: needEnvelope,
    run: (actor, id, body, audit) => transitionNeed(ctx, actor, id, body, audit),
  });

  r.get(
    '/api/banks',
    {
      config: { access: 'financing.read' },
      schema: { tags, summary: '合作银行', response: { 200: bankList } },
    },
    async (request) => ({ items: await listBanks(ctx, actorOf(request)) }),
  );

  r.get(
    '/api/banks/:id/products',
    {
      config: { access: 'financing.read' },
      schema: { tags, summary: '银行的金融产品', params: idParams, response: { 200: productList } },
    },
    async (request) => ({ items: await listProducts(ctx, actorOf(request), request.params.id) }),
  );

  r.post(
    '/api/banks/:id/products',
    {
      config: { access: 'financing.answer' },
      schema: {
        tags,
        summary: '新增本行金融产品',
        params: idParams,
        body: createProductRequest,
        response: { 201: z.object({ product: productView }) },
      },
    },
    async (request, reply) => {
      const product = await createProduct(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      );
      return reply.code(201).send({ product });
    },
  );

  r.get(
    '/api/financing-programs',
    {
      config: { access: 'financing.read' },
      schema: { tags, summary: '专项融资项目与重点企业名单', response: { 200: programList } },
    },
    async (request) => ({ items: await listPrograms(ctx, actorOf(request)) }),
  );

  r.post(
    '/api/financing-programs',
    {
      config: { access: 'financing.manage' },
      schema: {
        tags,
        summary: '新建专项融资项目',
        body: createProgramRequest,
        response: { 201: programEnvelope },
      },
    },
    async (request, reply) => {
      const program = await createProgram(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ program });
    },
  );

  r.get(
    '/api/financing-programs/:id',
    {
      config: { access: 'financing.read' },
      schema: {
        tags,
        summary: '专项融资项目及推荐名单',
        params: idParams,
        response: { 200: programEnvelope },
      },
    },
    async (request) => ({ program: await getProgram(ctx, actorOf(request), request.params.id) }),
  );

  r.post(
    '/api/financing-programs/:id/entries',
    {
      config: { access: 'financing.manage' },
      schema: {
        tags,
        summary: '推荐企业进入名单，或登记其结果',
        params: idParams,
        body: programEntryRequest,
        response: { 200: programEnvelope },
      },
    },
    async (request) => ({
      program: await recordProgramEntry(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
    }),
  );

  r.get(
    '/api/financing/stats',
    {
      config: { access: 'dashboard.read' },
      schema: {
        tags,
        summary: '融资对接统计（按银行、商会、单位、专项或月份）',
        querystring: financingStatsQuery,
        response: { 200: statsResponse },
      },
    },
    (request) => financingStats(ctx, actorOf(request), request.query),
  );
}
