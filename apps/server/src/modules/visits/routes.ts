// Routes of /api/visits (走访) and /api/visit-plans (走访计划): list, detail, record, change, the accounts
// that may go on a visit, and visit coverage (走访覆盖率).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createVisitPlanRequest,
  createVisitRequest,
  idParams,
  updateVisitPlanRequest,
  updateVisitRequest,
  visitCoverageQuery,
  visitCoverageResult,
  visitEnvelope,
  visitListQuery,
  visitorList,
  visitPage,
  visitPlanEnvelope,
  visitPlanListQuery,
  visitPlanPage,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import {
  createVisit,
  createVisitPlan,
  getVisit,
  getVisitPlan,
  listVisitors,
  listVisitPlans,
  listVisits,
  updateVisit,
  updateVisitPlan,
  visitCoverage,
} from './service.ts';

export async function visitRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['visits'];

  r.get(
    '/api/visits',
    {
      config: { access: 'visits.read' },
      schema: { tags, summary: '走访记录', querystring: visitListQuery, response: { 200: visitPage } },
    },
    async (request) => {
      const query = request.query;
      const { items, total } = await listVisits(ctx, actorOf(request), query);
      return { items, total, page: query.page, pageSize: query.pageSize };
    },
  );

  r.get(
    '/api/visits/visitors',
    {
      config: { access: 'visits.read' },
      schema: { tags, summary: '可选走访人（本单位及下级的业务账号）', response: { 200: visitorList } },
    },
    async (request) => ({ items: await listVisitors(ctx, actorOf(request)) }),
  );

  r.get(
    '/api/visits/coverage',
    {
      config: { access: 'visits.read' },
      schema: {
        tags,
        summary: '走访覆盖率：期间内走访过的会员企业占比',
        querystring: visitCoverageQuery,
        response: { 200: visitCoverageResult },
      },
    },
    async (request) => visitCoverage(ctx, actorOf(request), request.query),
  );

  r.get(
    '/api/visits/:id',
    {
      config: { access: 'visits.read' },
      schema: { tags, summary: '走访详情', params: idParams, response: { 200: visitEnvelope } },
    },
    async (request) => ({ visit: await getVisit(ctx, actorOf(request), request.params.id) }),
  );

  r.post(
    '/api/visits',
    {
      config: { access: 'visits.write' },
      schema: { tags, summary: '登记走访', body: createVisitRequest, response: { 201: visitEnvelope } },
    },
    async (request, reply) => {
      const visit = await createVisit(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ visit });
    },
  );

  r.patch(
    '/api/visits/:id',
    {
      config: { access: 'visits.write' },
      schema: {
        tags,
        summary: '修改走访（记录完成、修改、取消）',
        params: idParams,
        body: updateVisitRequest,
        response: { 200: visitEnvelope },
      },
    },
    async (request) => ({
      visit: await updateVisit(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
    }),
  );

  const planTags = ['visit-plans'];

  r.get(
    '/api/visit-plans',
    {
      config: { access: 'visits.read' },
      schema: {
        tags: planTags,
        summary: '走访计划',
        querystring: visitPlanListQuery,
        response: { 200: visitPlanPage },
      },
    },
    async (request) => {
      const query = request.query;
      const { items, total } = await listVisitPlans(ctx, actorOf(request), query);
      return { items, total, page: query.page, pageSize: query.pageSize };
    },
  );

  r.get(
    '/api/visit-plans/:id',
    {
      config: { access: 'visits.read' },
      schema: {
        tags: planTags,
        summary: '走访计划详情与进度',
        params: idParams,
        response: { 200: visitPlanEnvelope },
      },
    },
    async (request) => ({ plan: await getVisitPlan(ctx, actorOf(request), request.params.id) }),
  );

  r.post(
    '/api/visit-plans',
    {
      config: { access: 'visits.write' },
      schema: {
        tags: planTags,
        summary: '制定走访计划',
        body: createVisitPlanRequest,
        response: { 201: visitPlanEnvelope },
      },
    },
    async (request, reply) => {
      const plan = await createVisitPlan(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ plan });
    },
  );

  r.patch(
    '/api/visit-plans/:id',
    {
      config: { access: 'visits.write' },
      schema: {
        tags: planTags,
        summary: '修改走访计划',
        params: idParams,
        body: updateVisitPlanRequest,
        response: { 200: visitPlanEnvelope },
      },
    },
    async (request) => ({
      plan: await updateVisitPlan(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
    }),
  );
}
