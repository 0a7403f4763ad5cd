// Routes of /api/chambers (商会/协会): list, detail, found, change the profile; members and leaders.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  addChamberLeaderRequest,
  addChamberMemberRequest,
  chamberEnvelope,
  chamberLeaderEnvelope,
  chamberLeaderList,
  chamberLeaderParams,
  chamberListQuery,
  chamberMemberEnvelope,
  chamberMemberListQuery,
  chamberMemberPage,
  chamberMemberParams,
  chamberPage,
  createChamberRequest,
  endChamberLeaderRequest,
  endChamberMemberRequest,
  formerChamberMemberList,
  idParams,
  updateChamberLeaderRequest,
  updateChamberMemberRequest,
  updateChamberRequest,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import {
  addChamberLeader,
  addChamberMember,
  createChamber,
  endChamberLeader,
  endChamberMember,
  getChamber,
  listChamberLeaders,
  listChamberMembers,
  listChambers,
  listFormerChamberMembers,
  removeChamberLeader,
  removeChamberMember,
  updateChamber,
  updateChamberLeader,
  updateChamberMember,
} from './service.ts';

export async function chamberRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['chambers'];

  r.get(
    '/api/chambers',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: '商会、协会列表',
        querystring: chamberListQuery,
        response: { 200: chamberPage },
      },
    },
    async (request) => {
      const query = request.query;
      const { items, total } = await listChambers(ctx, actorOf(request), query);
      return { items, total, page: query.page, pageSize: query.pageSize };
    },
  );

  r.get(
    '/api/chambers/:id',
    {
      config: { access: 'registry.read' },
      schema: { tags, summary: '商会详情', params: idParams, response: { 200: chamberEnvelope } },
    },
    async (request) => ({ chamber: await getChamber(ctx, actorOf(request), request.params.id) }),
  );

  r.post(
    '/api/chambers',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary: '成立商会、协会',
        body: createChamberRequest,
        response: { 201: chamberEnvelope },
      },
    },
    async (request, reply) => {
      const chamber = await createChamber(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ chamber });
    },
  );

  r.patch(
    '/api/chambers/:id',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary: '修改商会信息',
        params: idParams,
        body: updateChamberRequest,
        response: { 200: chamberEnvelope },
      },
    },
    async (request) => ({
      chamber: await updateChamber(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
    }),
  );

  r.get(
    '/api/chambers/:id/members',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: '商会会员',
        params: idParams,
        querystring: chamberMemberListQuery,
        response: { 200: chamberMemberPage },
      },
    },
    async (request) => {
      const query = request.query;
      const { items, total } = await listChamberMembers(ctx, actorOf(request), request.params.id, query);
      return { items, total, page: query.page, pageSize: query.pageSize };
    },
  );

  r.post(
    '/api/chambers/:id/members',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary: '加入商会',
        params: idParams,
        body: addChamberMemberRequest,
        response: { 201: chamberMemberEnvelope },
      },
    },
    async (request, reply) => {
      const member = await addChamberMember(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      );
      return reply.code(201).send({ member });
    },
  );

  r.patch(
    '/api/chambers/:id/members/:enterpriseId',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary: '调整会员身份',
        params: chamberMemberParams,
        body: updateChamberMemberRequest,
        response: { 200: chamberMemberEnvelope },
      },
    },
    async (request) => ({
      member: await updateChamberMember(
        ctx,
        actorOf(request),
        request.params.id,
        request.params.enterpriseId,
        request.body,
        auditContextOf(request),
      ),
    }),
  );

  r.delete(
    '/api/chambers/:id/members/:enterpriseId',
    {
      config: { access: 'registry.write' },
      schema: { tags, summary: '移出商会', params: chamberMemberParams },
    },
    async (request, reply) => {
      await removeChamberMember(
        ctx,
        actorOf(request),
        request.params.id,
        request.params.enterpriseId,
        auditContextOf(request),
      );
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/chambers/:id/members/:enterpriseId/end',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary: '会员退会（记退会日期和原因，留作历史）',
        params: chamberMemberParams,
        body: endChamberMemberRequest,
      },
    },
    async (request, reply) => {
      await endChamberMember(
        ctx,
        actorOf(request),
        request.params.id,
        request.params.enterpriseId,
        request.body,
        auditContextOf(request),
      );
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/chambers/:id/former-members',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: '已退会会员（退会日期和原因）',
        params: idParams,
        response: { 200: formerChamberMemberList },
      },
    },
    async (request) => ({
      items: await listFormerChamberMembers(ctx, actorOf(request), request.params.id),
    }),
  );

  r.get(
    '/api/chambers/:id/leaders',
    {
      config: { access: 'registry.read' },
      schema: { tags, summary: '商会领导班子', params: idParams, response: { 200: chamberLeaderList } },
    },
    async (request) => ({ items: await listChamberLeaders(ctx, actorOf(request), request.params.id) }),
  );

  r.post(
    '/api/chambers/:id/leaders',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary: '任命商会领导',
        params: idParams,
        body: addChamberLeaderRequest,
        response: { 201: chamberLeaderEnvelope },
      },
    },
    async (request, reply) => {
      const leader = await addChamberLeader(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      );
      return reply.code(201).send({ leader });
    },
  );

  r.patch(
    '/api/chambers/:id/leaders/:leaderId',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary: '调整商会领导职务或任期',
        params: chamberLeaderParams,
        body: updateChamberLeaderRequest,
        response: { 200: chamberLeaderEnvelope },
      },
    },
    async (request) => ({
      leader: await updateChamberLeader(
        ctx,
        actorOf(request),
        request.params.id,
        request.params.leaderId,
        request.body,
        auditContextOf(request),
      ),
    }),
  );

  r.delete(
    '/api/chambers/:id/leaders/:leaderId',
    {
      config: { access: 'registry.write' },
      schema: { tags, summary: '免去商会领导职务', params: chamberLeaderParams },
    },
    async (request, reply) => {
      await removeChamberLeader(
        ctx,
        actorOf(request),
        request.params.id,
        request.params.leaderId,
        auditContextOf(request),
      );
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/chambers/:id/leaders/:leaderId/end',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary: '商会领导卸任（记卸任日期和原因，留作历史）',
        params: chamberLeaderParams,
        body: endChamberLeaderRequest,
        response: { 200: chamberLeaderEnvelope },
      },
    },
    async (request) => ({
      leader: await endChamberLeader(
        ctx,
        actorOf(request),
        request.params.id,
        request.params.leaderId,
        request.body,
        auditContextOf(request),
      ),
    }),
  );
}
