// Routes of 邀请 invitations, password links and 账号申请 access requests. Staff and chamber secretaries
// (invitations.manage) invite and decide; accepting, setting a password by link and asking for access are
// public, rate limited, and admit only the enterprise the code or the credit code names.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import {
  acceptInvitationRequest,
  accessRequestDecided,
  accessRequestList,
  accessRequestListQuery,
  accessRequestTransition,
  accountCreated,
  createAccessRequest,
  createInvitationBatchRequest,
  createInvitationRequest,
  idParams,
  invitationBatchView,
  invitationCodeQuery,
  invitationCreated,
  invitationList,
  invitationListQuery,
  invitationPreview,
  jobAccepted,
  lettersQuery,
  passwordResetCreated,
  passwordResetRequest,
  setPasswordRequest,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { attachmentDisposition } from '../../core/office/download.ts';
import type { JobRunner } from '../jobs/runner.ts';
import { readAccessRequests, requestAccess, transitionAccessRequest } from './access-requests.ts';
import {
  acceptInvitation,
  batchLinks,
  invitationBatches,
  inviteEnterprise,
  issuePasswordReset,
  previewInvitation,
  readBatch,
  readInvitations,
  setPasswordByLink,
} from './invitations.ts';
import { invitationLetters, invitationList as invitationListText } from './letters.ts';

const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function invitationRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  runner: JobRunner,
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['invitations'];
  const startBatch = invitationBatches(ctx, runner);
  // Public writes: a person at a time, never a script walking codes or credit codes.
  const publicLimit = { max: ctx.config.loginRateLimitPerMinute || 1_000_000, timeWindow: 60_000 };

  r.post(
    '/api/invitations',
    {
      config: { access: 'invitations.manage' },
      schema: {
        tags,
        summary: '邀请一家企业的联系人开通账号',
        body: createInvitationRequest,
        response: { 201: invitationCreated },
      },
    },
    async (request, reply) => {
      const invitation = await inviteEnterprise(
        ctx,
        actorOf(request),
        request.body.enterpriseId,
        auditContextOf(request),
        (error) => request.log.warn({ err: error }, 'invitation mail failed'),
      );
      return reply.code(201).send({ invitation });
    },
  );

  r.post(
    '/api/invitations/batches',
    {
      config: { access: 'invitations.manage' },
      schema: {
        tags,
        summary: '批量邀请：所选企业、一个商会的会员或列表筛选出的全部企业（后台任务）',
        body: createInvitationBatchRequest,
        response: { 202: jobAccepted },
      },
    },
    async (request, reply) => {
      const jobId = await startBatch(actorOf(request), request.body, auditContextOf(request));
      return reply.code(202).send({ jobId });
    },
  );

  r.get(
    '/api/invitations/batches/:id',
    {
      config: { access: 'invitations.manage' },
      schema: {
        tags,
        summary: '批量邀请的进度与结果',
        params: idParams,
        response: { 200: invitationBatchView },
      },
    },
    (request) => readBatch(ctx, actorOf(request), request.params.id),
  );

  r.get(
    '/api/invitations',
    {
      config: { access: 'invitations.manage' },
      schema: {
        tags,
        summary: '邀请列表（按企业、批次、状态）',
        querystring: invitationListQuery,
        response: { 200: invitationList },
      },
    },
    (request) => readInvitations(ctx, actorOf(request), request.query),
  );

  r.get(
    '/api/invitations/letters.docx',
    {
      config: { access: 'invitations.manage' },
      schema: { tags, summary: '打印一批的邀请函（每家企业一页，含二维码）', querystring: lettersQuery },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const batch = await batchLinks(ctx, actor, request.query.batchId);
      const { rows } = await ctx.database.db.execute<{ name: string }>(
        sql`SELECT name FROM org_units WHERE id = ${actor.orgUnitId}`,
      );
      const file = await invitationLetters(batch.links, {
        federationName: rows[0]?.name ?? '工商联',
        expiresAt: batch.expiresAt,
      });
      await ctx.database.db.transaction((tx) =>
        ctx.audit.record(tx, auditContextOf(request), {
          action: 'invitation.letters_printed',
          objectType: 'job',
          objectId: request.query.batchId,
          detail: { letters: batch.links.length },
        }),
      );
      return reply
        .header('content-type', DOCX_CONTENT_TYPE)
        .header(
          'content-disposition',
          attachmentDisposition('invitation-letters.docx', '企业账号邀请函.docx'),
        )
        .send(file);
    },
  );

  r.get(
    '/api/invitations/list.txt',
    {
      config: { access: 'invitations.manage' },
      schema: { tags, summary: '一批邀请的清单（发到商会微信群）', querystring: lettersQuery },
    },
    async (request, reply) => {
      const batch = await batchLinks(ctx, actorOf(request), request.query.batchId);
      return reply
        .header('content-type', 'text/plain; charset=utf-8')
        .header('content-disposition', attachmentDisposition('invitation-list.txt', '企业账号邀请清单.txt'))
        .send(invitationListText(batch.links));
    },
  );

  r.get(
    '/api/invitations/preview',
    {
      config: { access: 'public', rateLimit: publicLimit },
      schema: {
        tags,
        summary: '邀请码对应的企业（接受邀请页）',
        querystring: invitationCodeQuery,
        response: { 200: invitationPreview },
      },
    },
    (request) => previewInvitation(ctx, request.query.code),
  );

  r.post(
    '/api/invitations/accept',
    {
      config: { access: 'public', rateLimit: publicLimit },
      schema: {
        tags,
        summary: '接受邀请，开通企业联系人账号',
        body: acceptInvitationRequest,
        response: { 201: accountCreated },
      },
    },
    async (request, reply) => {
      const account = await acceptInvitation(ctx, request.body, auditContextOf(request));
      return reply.code(201).send({ account });
    },
  );

  r.post(
    '/api/password-resets',
    {
      config: { access: 'invitations.manage' },
      schema: {
        tags,
        summary: '为企业联系人账号发放重设密码链接',
        body: passwordResetRequest,
        response: { 201: passwordResetCreated },
      },
    },
    async (request, reply) => {
      const reset = await issuePasswordReset(
        ctx,
        actorOf(request),
        request.body.userId,
        auditContextOf(request),
      );
      return reply.code(201).send({ reset });
    },
  );

  r.post(
    '/api/password-resets/redeem',
    {
      config: { access: 'public', rateLimit: publicLimit },
      schema: { tags, summary: '通过一次性链接设置密码', body: setPasswordRequest },
    },
    async (request, reply) => {
      await setPasswordByLink(ctx, request.body, auditContextOf(request));
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/access-requests',
    {
      config: { access: 'public', rateLimit: publicLimit },
      schema: {
        tags,
        summary: '申请开通企业账号（统一社会信用代码、姓名、手机号）',
        body: createAccessRequest,
      },
    },
    async (request, reply) => {
      await requestAccess(ctx, request.body, auditContextOf(request));
      return reply.code(202).send({ accepted: true });
    },
  );

  r.get(
    '/api/access-requests',
    {
      config: { access: 'invitations.manage' },
      schema: {
        tags,
        summary: '账号申请（本辖区、本商会会员企业）',
        querystring: accessRequestListQuery,
        response: { 200: accessRequestList },
      },
    },
    (request) => readAccessRequests(ctx, actorOf(request), request.query),
  );

  r.post(
    '/api/access-requests/:id/transitions',
    {
      config: { access: 'invitations.manage' },
      schema: {
        tags,
        summary: '通过或拒绝账号申请',
        params: idParams,
        body: accessRequestTransition,
        response: { 200: accessRequestDecided },
      },
    },
    (request) =>
      transitionAccessRequest(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
  );
}
