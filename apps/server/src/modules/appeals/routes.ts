// Routes of /api/appeals (诉求): raise (idempotent), list, read, move through the state machine, the
// liaison's inbox, attachments, and the audited reveal of the contact's mobile.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  appealAttachmentView,
  appealContactUnmasked,
  appealEnvelope,
  appealListQuery,
  appealPage,
  appealTransitionRequest,
  createAppealRequest,
  idParams,
  inboxPage,
  inboxQuery,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { transitionRoute } from '../../core/http/transition-route.ts';
import { attachmentUploadRoute, sendAttachment } from '../../core/http/attachment-routes.ts';
import { unmaskAppealContact } from './appeal-contact.ts';
import { addAttachment, readAttachment } from './attachments.ts';
import { raiseAppeal } from './raise-appeal.ts';
import { getAppeal, listAppealSummaries, listInboxItems } from './read-appeals.ts';
import { transitionAppeal } from './transition-appeal.ts';

/** Room for the multipart framing around the file itself. */

export async function appealRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['appeals'];

  r.post(
    '/api/appeals',
    {
      config: { access: 'appeals.raise' },
      schema: {
        tags,
        summary: '提出诉求',
        description:
          '可带 Idempotency-Key 请求头（如一个 UUID）：同一 Key 重复提交只产生一条诉求，并返回该诉求（响应头 Idempotent-Replayed: true）。',
        body: createAppealRequest,
        response: { 201: appealEnvelope },
      },
    },
    async (request, reply) => {
      const header = request.headers['idempotency-key'];
      const key = Array.isArray(header) ? header[0] : header;
      const { appeal, replayed } = await raiseAppeal(
        ctx,
        actorOf(request),
        request.body,
        key,
        auditContextOf(request),
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send({ appeal });
    },
  );

  r.get(
    '/api/appeals',
    {
      config: { access: 'appeals.read' },
      schema: { tags, summary: '诉求列表', querystring: appealListQuery, response: { 200: appealPage } },
    },
    async (request) => {
      const query = request.query;
      const { items, total } = await listAppealSummaries(ctx, actorOf(request), query);
      return { items, total, page: query.page, pageSize: query.pageSize };
    },
  );

  r.get(
    '/api/appeals/inbox',
    {
      config: { access: 'appeals.handle' },
      schema: {
        tags,
        summary: '部门联络员待办：转至本部门的诉求',
        querystring: inboxQuery,
        response: { 200: inboxPage },
      },
    },
    async (request) => {
      const query = request.query;
      const { items, total } = await listInboxItems(ctx, actorOf(request), query);
      return { items, total, page: query.page, pageSize: query.pageSize };
    },
  );

  r.get(
    '/api/appeals/:id',
    {
      config: { access: 'appeals.read' },
      schema: {
        tags,
        summary: '诉求详情（含转办、时间线、附件、可执行操作）',
        params: idParams,
        response: { 200: appealEnvelope },
      },
    },
    async (request) => ({ appeal: await getAppeal(ctx, actorOf(request), request.params.id) }),
  );

  transitionRoute(app, {
    url: '/api/appeals/:id/transitions',
    access: 'appeals.read',
    tags,
    summary: '诉求流转：受理、转办、接收、退回、答复、办结、确认、评价、重新办理、合并',
    description:
      '非法的状态转换返回 409 INVALID_TRANSITION；version 与当前版本不一致返回 409 VERSION_CONFLICT。',
    body: appealTransitionRequest,
    key: 'appeal',
    response: appealEnvelope,
    run: (actor, id, body, audit) => transitionAppeal(ctx, actor, id, body, audit),
  });

  r.post(
    '/api/appeals/:id/contact/unmask',
    {
      config: { access: 'appeals.read' },
      schema: {
        tags,
        summary: '查看诉求联系人完整手机号（留痕）',
        description:
          '联合会工作人员（可查看联系人号码者）在其范围内可查看；部门联络员仅在本部门对该诉求的转办未办结（待接收或已接收）时可查看。',
        params: idParams,
        response: { 200: appealContactUnmasked },
      },
    },
    async (request) => unmaskAppealContact(ctx, actorOf(request), request.params.id, auditContextOf(request)),
  );

  r.get(
    '/api/appeals/:id/attachments/:attachmentId',
    {
      config: { access: 'appeals.read' },
      schema: {
        tags,
        summary: '下载诉求附件',
        params: z.strictObject({ id: z.string().uuid(), attachmentId: z.string().uuid() }),
      },
    },
    async (request, reply) =>
      sendAttachment(
        reply,
        'attachment',
        await readAttachment(ctx, actorOf(request), request.params.id, request.params.attachmentId),
      ),
  );

  await attachmentUploadRoute(app, {
    url: '/api/appeals/:id/attachments',
    access: 'appeals.read',
    tags,
    summary: '上传诉求附件（PDF、图片、Office 文档；按内容判断类型）',
    maxBytes: ctx.config.attachmentMaxBytes,
    response: z.object({ attachment: appealAttachmentView }),
    store: (actor, id, upload, audit) => addAttachment(ctx, actor, id, upload, audit),
  });
}
