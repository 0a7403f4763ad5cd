// Routes of /api/party-organizations (党组织): list, detail, record, change, and the coverage ratios.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  coverageQuery,
  coverageResult,
  createPartyOrganizationRequest,
  idParams,
  partyOrganizationEnvelope,
  partyOrganizationListQuery,
  partyOrganizationPage,
  updatePartyOrganizationRequest,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import {
  coverage,
  createPartyOrganization,
  getPartyOrganization,
  listPartyOrganizationViews,
  updatePartyOrganization,
} from './service.ts';

export async function partyOrganizationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['party-organizations'];

  r.get(
    '/api/party-organizations',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: '党组织列表',
        querystring: partyOrganizationListQuery,
        response: { 200: partyOrganizationPage },
      },
    },
    async (request) => {
      const query = request.query;
      const { items, total } = await listPartyOrganizationViews(ctx, actorOf(request), query);
      return { items, total, page: query.page, pageSize: query.pageSize };
    },
  );

  r.get(
    '/api/party-organizations/coverage',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: '两个覆盖：党的组织覆盖率与工作覆盖率',
        querystring: coverageQuery,
        response: { 200: coverageResult },
      },
    },
    async (request) => coverage(ctx, actorOf(request), request.query.groupBy),
  );

  r.get(
    '/api/party-organizations/:id',
    {
      config: { access: 'registry.read' },
      schema: { tags, summary: '党组织详情', params: idParams, response: { 200: partyOrganizationEnvelope } },
    },
    async (request) => ({
      partyOrganization: await getPartyOrganization(ctx, actorOf(request), request.params.id),
    }),
  );

  r.post(
    '/api/party-organizations',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary: '登记党组织',
        body: createPartyOrganizationRequest,
        response: { 201: partyOrganizationEnvelope },
      },
    },
    async (request, reply) => {
      const partyOrganization = await createPartyOrganization(
        ctx,
        actorOf(request),
        request.body,
        auditContextOf(request),
      );
      return reply.code(201).send({ partyOrganization });
    },
  );

  r.patch(
    '/api/party-organizations/:id',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary: '修改党组织',
        params: idParams,
        body: updatePartyOrganizationRequest,
        response: { 200: partyOrganizationEnvelope },
      },
    },
    async (request) => ({
      partyOrganization: await updatePartyOrganization(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
    }),
  );
}
