// Routes of /api/policies (惠企政策), /api/policy-pushes and the enterprise's own /api/my/policies.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createPolicyRequest,
  createPushRequest,
  idParams,
  matchPreviewRequest,
  myPolicyEnvelope,
  myPolicyList,
  policyEnvelope,
  policyListQuery,
  policyAttachmentEnvelope,
  policyCompilationQuery,
  policyMarkRequest,
  policyMatches as matchesResponse,
  policyMatchQuery,
  policyPage,
  policyQuestionRequest,
  policyStats as statsResponse,
  policyStatsQuery,
  policyTransitionRequest,
  pushAccepted,
  pushCount,
  pushEnvelope,
  pushList,
  recordRedemptionRequest,
  redemptionEnvelope,
  redemptionList,
  updatePolicyRequest,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { transitionRoute } from '../../core/http/transition-route.ts';
import { attachmentUploadRoute, sendAttachment, type StoredFile } from '../../core/http/attachment-routes.ts';
import type { JobRunner } from '../jobs/runner.ts';
import { attachmentDisposition } from '../../core/office/download.ts';
import {
  addPolicyAttachment,
  readOwnPolicyAttachment,
  readPolicyAttachment,
  removePolicyAttachment,
} from './attachments.ts';
import { policyCompilation } from './compilation.ts';
import { countPushTargets, getPush, listPushes, policyPushes } from './push.ts';
import {
  askQuestion,
  createPolicy,
  getPolicy,
  listPolicies,
  markPolicy,
  myPolicies,
  myPolicy,
  myRedemptions,
  policyMatches,
  policyRedemptions,
  policyStats,
  previewMatches,
  readPolicy,
  recordRedemption,
  reportRedemption,
  transitionPolicy,
  updatePolicy,
} from './service.ts';

/** A full text may be ~2 MB of characters (6 MB as UTF-8 JSON): the schema names the limit, not the parser. */
const POLICY_BODY_LIMIT = 32 * 1024 * 1024;
/** Room for the multipart framing around an attachment of the largest size. */

export async function policyRoutes(app: FastifyInstance, ctx: AppContext, jobs: JobRunner): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['policies'];
  const startPush = policyPushes(ctx, jobs);

  r.get(
    '/api/policies',
    {
      config: { access: 'policies.read' },
      schema: {
        tags,
        summary: '政策库（检索：标题、文号、正文；繁体、拼音）',
        querystring: policyListQuery,
        response: { 200: policyPage },
      },
    },
    (request) => listPolicies(ctx, actorOf(request), request.query),
  );

  r.post(
    '/api/policies',
    {
      bodyLimit: POLICY_BODY_LIMIT,
      config: { access: 'policies.draft' },
      schema: {
        tags,
        summary: '录入政策（草稿）',
        body: createPolicyRequest,
        response: { 201: policyEnvelope },
      },
    },
    async (request, reply) => {
      const policy = await createPolicy(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ policy });
    },
  );

  r.post(
    '/api/policies/match-preview',
    {
      config: { access: 'policies.draft' },
      schema: {
        tags,
        summary: '按条件预览匹配企业（保存前）',
        body: matchPreviewRequest,
        response: { 200: matchesResponse },
      },
    },
    (request) => previewMatches(ctx, actorOf(request), request.body.conditions, request.body.limit),
  );

  r.get(
    '/api/policies/stats',
    {
      config: { access: 'policies.read' },
      schema: {
        tags,
        summary: '推送触达与申兑统计（按政策、组织、商会）',
        querystring: policyStatsQuery,
        response: { 200: statsResponse },
      },
    },
    (request) => policyStats(ctx, actorOf(request), request.query.groupBy),
  );

  r.get(
    '/api/policies/compilation.docx',
    {
      config: { access: 'policies.read' },
      schema: { tags, summary: '政策汇编（.docx）', querystring: policyCompilationQuery },
    },
    async (request, reply) => {
      const { buffer } = await policyCompilation(
        ctx,
        actorOf(request),
        request.query.ids,
        auditContextOf(request),
      );
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', attachmentDisposition('policy-compilation.docx', '惠企政策汇编.docx'))
        .send(buffer);
    },
  );

  r.get(
    '/api/policies/:id',
    {
      config: { access: 'policies.read' },
      schema: { tags, summary: '政策详情', params: idParams, response: { 200: policyEnvelope } },
    },
    async (request) => ({ policy: await getPolicy(ctx, actorOf(request), request.params.id) }),
  );

  r.patch(
    '/api/policies/:id',
    {
      bodyLimit: POLICY_BODY_LIMIT,
      config: { access: 'policies.draft' },
      schema: {
        tags,
        summary: '修改政策（带 version）',
        params: idParams,
        body: updatePolicyRequest,
        response: { 200: policyEnvelope },
      },
    },
    async (request) => ({
      policy: await updatePolicy(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
    }),
  );

  transitionRoute(app, {
    url: '/api/policies/:id/transitions',
    // Every reader may ask; the state machine answers 403 to those who do not publish (staff do).
    access: 'policies.read',
    tags,
    summary: '发布、撤回政策',
    body: policyTransitionRequest,
    key: 'policy',
    response: policyEnvelope,
    run: (actor, id, body, audit) => transitionPolicy(ctx, actor, id, body, audit),
  });

  r.get(
    '/api/policies/:id/matches',
    {
      config: { access: 'policies.read' },
      schema: {
        tags,
        summary: '匹配企业、理由、差一项的企业，按街道与商会计数',
        params: idParams,
        querystring: policyMatchQuery,
        response: { 200: matchesResponse },
      },
    },
    (request) => policyMatches(ctx, actorOf(request), request.params.id, request.query.limit),
  );

  r.post(
    '/api/policies/:id/pushes',
    {
      config: { access: 'policies.push' },
      schema: {
        tags,
        summary: '推送政策（后台任务）',
        params: idParams,
        body: createPushRequest,
        response: { 202: pushAccepted },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(await startPush(actorOf(request), request.params.id, request.body, auditContextOf(request))),
  );

  r.post(
    '/api/policies/:id/push-count',
    {
      config: { access: 'policies.push' },
      schema: {
        tags,
        summary: '推送前计数：将收到推送的企业数',
        params: idParams,
        body: createPushRequest,
        response: { 200: pushCount },
      },
    },
    (request) => countPushTargets(ctx, actorOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/policies/:id/pushes',
    {
      config: { access: 'policies.read' },
      schema: { tags, summary: '政策的推送记录与触达', params: idParams, response: { 200: pushList } },
    },
    (request) => listPushes(ctx, actorOf(request), request.params.id),
  );

  r.get(
    '/api/policy-pushes/:id',
    {
      config: { access: 'policies.read' },
      schema: {
        tags,
        summary: '推送进度与触达（已推送、已读、感兴趣、申报、兑现、金额）',
        params: idParams,
        response: { 200: pushEnvelope },
      },
    },
    async (request) => ({ push: await getPush(ctx, actorOf(request), request.params.id) }),
  );

  r.get(
    '/api/policies/:id/redemptions',
    {
      config: { access: 'policies.read' },
      schema: { tags, summary: '政策的申兑记录', params: idParams, response: { 200: redemptionList } },
    },
    (request) => policyRedemptions(ctx, actorOf(request), request.params.id),
  );

  r.post(
    '/api/policies/:id/redemptions',
    {
      config: { access: 'policies.manage' },
      schema: {
        tags,
        summary: '登记企业申兑结果（已申报、已兑现、未通过）',
        params: idParams,
        body: recordRedemptionRequest,
        response: { 201: redemptionEnvelope },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        redemption: await recordRedemption(
          ctx,
          actorOf(request),
          request.params.id,
          request.body,
          auditContextOf(request),
        ),
      }),
  );

  // The enterprise contact's side (适合我的政策).
  r.get(
    '/api/my/policies',
    {
      config: { access: 'policies.mine' },
      schema: { tags, summary: '适合我的政策（理由、截止日期、是否已读）', response: { 200: myPolicyList } },
      // Hundreds of policies with their reasons, built by typed code: written without a second check against
      // the schema (which still documents it) — the check cost as much as the query (bench/policy-push.ts).
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    (request) => myPolicies(ctx, actorOf(request)),
  );

  r.get(
    '/api/my/policies/:id',
    {
      config: { access: 'policies.mine' },
      schema: { tags, summary: '政策详情（企业）', params: idParams, response: { 200: myPolicyEnvelope } },
    },
    (request) => myPolicy(ctx, actorOf(request), request.params.id),
  );

  r.get(
    '/api/my/redemptions',
    {
      config: { access: 'policies.mine' },
      schema: { tags, summary: '本企业的申兑记录', response: { 200: redemptionList } },
    },
    (request) => myRedemptions(ctx, actorOf(request)),
  );

  r.post(
    '/api/policies/:id/read',
    {
      config: { access: 'policies.mine' },
      schema: {
        tags,
        summary: '已读回执（首次打开，幂等）',
        params: idParams,
        response: { 200: z.object({ firstRead: z.boolean() }) },
      },
    },
    (request) => readPolicy(ctx, actorOf(request), request.params.id),
  );

  r.post(
    '/api/policies/:id/marks',
    {
      config: { access: 'policies.mine' },
      schema: {
        tags,
        summary: '标记感兴趣或准备申报（null 取消）',
        params: idParams,
        body: policyMarkRequest,
        response: { 200: policyMarkRequest },
      },
    },
    (request) =>
      markPolicy(ctx, actorOf(request), request.params.id, request.body.mark, auditContextOf(request)),
  );

  r.post(
    '/api/policies/:id/questions',
    {
      config: { access: 'policies.mine' },
      schema: {
        tags,
        summary: '咨询政策（成为“政策咨询”类诉求）',
        params: idParams,
        body: policyQuestionRequest,
        response: { 201: z.object({ appealId: z.string().uuid(), appealNumber: z.string() }) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await askQuestion(
            ctx,
            actorOf(request),
            request.params.id,
            request.body.question,
            auditContextOf(request),
          ),
        ),
  );

  r.post(
    '/api/my/policies/:id/redemptions',
    {
      config: { access: 'policies.mine' },
      schema: {
        tags,
        summary: '企业报告申兑结果（待工商联确认）',
        params: idParams,
        body: recordRedemptionRequest.omit({ enterpriseId: true }),
        response: { 201: redemptionEnvelope },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        redemption: await reportRedemption(
          ctx,
          actorOf(request),
          request.params.id,
          request.body,
          auditContextOf(request),
        ),
      }),
  );

  const attachmentParams = z.strictObject({ id: z.string().uuid(), attachmentId: z.string().uuid() });
  const download = (reply: FastifyReply, attachment: StoredFile) =>
    sendAttachment(reply, 'policy', attachment);

  r.get(
    '/api/policies/:id/attachments/:attachmentId',
    {
      config: { access: 'policies.read' },
      schema: { tags, summary: '下载政策附件', params: attachmentParams },
    },
    async (request, reply) =>
      download(
        reply,
        await readPolicyAttachment(ctx, actorOf(request), request.params.id, request.params.attachmentId),
      ),
  );

  r.get(
    '/api/my/policies/:id/attachments/:attachmentId',
    {
      config: { access: 'policies.mine' },
      schema: { tags, summary: '企业下载适合本企业的政策的附件', params: attachmentParams },
    },
    async (request, reply) =>
      download(
        reply,
        await readOwnPolicyAttachment(ctx, actorOf(request), request.params.id, request.params.attachmentId),
      ),
  );

  r.delete(
    '/api/policies/:id/attachments/:attachmentId',
    {
      config: { access: 'policies.draft' },
      schema: { tags, summary: '删除政策附件', params: attachmentParams },
    },
    async (request, reply) => {
      await removePolicyAttachment(
        ctx,
        actorOf(request),
        request.params.id,
        request.params.attachmentId,
        auditContextOf(request),
      );
      return reply.code(204).send();
    },
  );

  await attachmentUploadRoute(app, {
    url: '/api/policies/:id/attachments',
    access: 'policies.draft',
    tags,
    summary: '上传政策附件（PDF、Office 文档；按内容判断类型）',
    maxBytes: ctx.config.attachmentMaxBytes,
    response: policyAttachmentEnvelope,
    store: (actor, id, upload, audit) => addPolicyAttachment(ctx, actor, id, upload, audit),
  });
}
