// Routes of /api/users.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createUserRequest,
  grantRolesRequest,
  idParams,
  resetPasswordRequest,
  updateUserRequest,
  userEnvelopeAdmin,
  userListQuery,
  userPage,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { presentUser } from './presenter.ts';
import { findUserInScope, listUsers } from './repository.ts';
import { createUser, grantRoles, resetPassword, unlockUser, updateUser } from './service.ts';

export async function userRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  r.get(
    '/api/users',
    {
      config: { access: 'users.read' },
      schema: { tags, summary: '账号列表', querystring: userListQuery, response: { 200: userPage } },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const { rows, total } = await listUsers(ctx.database.db, actorOf(request), filter, { page, pageSize });
      const now = ctx.clock.now();
      return { items: rows.map((row) => presentUser(row, now)), total, page, pageSize };
    },
  );

  r.get(
    '/api/users/:id',
    {
      config: { access: 'users.read' },
      schema: { tags, summary: '账号详情', params: idParams, response: { 200: userEnvelopeAdmin } },
    },
    async (request) => {
      const row = await findUserInScope(ctx.database.db, actorOf(request), request.params.id);
      if (!row) throw notFound();
      return { user: presentUser(row, ctx.clock.now()) };
    },
  );

  r.post(
    '/api/users',
    {
      config: { access: 'users.manage' },
      schema: { tags, summary: '新建账号', body: createUserRequest, response: { 201: userEnvelopeAdmin } },
    },
    async (request, reply) => {
      const user = await createUser(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ user });
    },
  );

  r.patch(
    '/api/users/:id',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: '修改账号',
        params: idParams,
        body: updateUserRequest,
        response: { 200: userEnvelopeAdmin },
      },
    },
    async (request) => ({
      user: await updateUser(ctx, actorOf(request), request.params.id, request.body, auditContextOf(request)),
    }),
  );

  r.post(
    '/api/users/:id/password',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: '重置密码',
        params: idParams,
        body: resetPasswordRequest,
        response: { 200: userEnvelopeAdmin },
      },
    },
    async (request) => ({
      user: await resetPassword(
        ctx,
        actorOf(request),
        request.params.id,
        request.body.newPassword,
        auditContextOf(request),
      ),
    }),
  );

  r.post(
    '/api/users/:id/unlock',
    {
      config: { access: 'users.manage' },
      schema: { tags, summary: '解除锁定', params: idParams, response: { 200: userEnvelopeAdmin } },
    },
    async (request) => ({
      user: await unlockUser(ctx, actorOf(request), request.params.id, auditContextOf(request)),
    }),
  );

  r.put(
    '/api/users/:id/roles',
    {
      config: { access: 'roles.grant' },
      schema: {
        tags,
        summary: '授予角色',
        params: idParams,
        body: grantRolesRequest,
        response: { 200: userEnvelopeAdmin },
      },
    },
    async (request) => ({
      user: await grantRoles(ctx, actorOf(request), request.params.id, request.body, auditContextOf(request)),
    }),
  );
}
