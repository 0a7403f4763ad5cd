// Routes of /api/people (代表人士): list with filters, detail, register, change, reveal the mobile number.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createPersonRequest,
  idParams,
  personEnvelope,
  personListQuery,
  personPage,
  personUnmaskResponse,
  updatePersonRequest,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { createPerson, getPerson, listPeopleView, unmaskPerson, updatePerson } from './service.ts';

export async function peopleRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['people'];

  r.get(
    '/api/people',
    {
      config: { access: 'registry.read' },
      schema: { tags, summary: '代表人士列表', querystring: personListQuery, response: { 200: personPage } },
    },
    async (request) => {
      const query = request.query;
      const { items, total } = await listPeopleView(ctx, actorOf(request), query);
      return { items, total, page: query.page, pageSize: query.pageSize };
    },
  );

  r.get(
    '/api/people/:id',
    {
      config: { access: 'registry.read' },
      schema: { tags, summary: '代表人士详情', params: idParams, response: { 200: personEnvelope } },
    },
    async (request) => ({ person: await getPerson(ctx, actorOf(request), request.params.id) }),
  );

  r.post(
    '/api/people',
    {
      config: { access: 'registry.write' },
      schema: { tags, summary: '登记代表人士', body: createPersonRequest, response: { 201: personEnvelope } },
    },
    async (request, reply) => {
      const person = await createPerson(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ person });
    },
  );

  r.patch(
    '/api/people/:id',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary: '修改代表人士',
        params: idParams,
        body: updatePersonRequest,
        response: { 200: personEnvelope },
      },
    },
    async (request) => ({
      person: await updatePerson(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
    }),
  );

  r.post(
    '/api/people/:id/unmask',
    {
      config: { access: 'contacts.unmask' },
      schema: {
        tags,
        summary: '查看代表人士完整手机号（留痕）',
        params: idParams,
        response: { 200: personUnmaskResponse },
      },
    },
    async (request) => unmaskPerson(ctx, actorOf(request), request.params.id, auditContextOf(request)),
  );
}
