// Routes of /api/campaigns and /api/donations (捐赠) with their evidence files, and a party organization's
// donation participation.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  campaignEnvelope,
  campaignListQuery,
  campaignPage,
  createCampaignRequest,
  createDonationRequest,
  donationAttachmentEnvelope,
  donationEnvelope,
  donationListQuery,
  donationPage,
  donationParticipation as participationResponse,
  donationStats as statsResponse,
  donationStatsQuery,
  donationTransitionRequest,
  idParams,
  participationQuery,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { transitionRoute } from '../../core/http/transition-route.ts';
import { attachmentUploadRoute, sendAttachment } from '../../core/http/attachment-routes.ts';
import { attachmentDisposition } from '../../core/office/download.ts';
import { acknowledgementNumber } from './acknowledgement.ts';
import { addDonationEvidence, readDonationEvidence } from './attachments.ts';
import {
  acknowledgementDocx,
  createCampaign,
  createDonation,
  donationParticipation,
  donationStats,
  getCampaign,
  getDonation,
  listCampaigns,
  listDonations,
  transitionDonation,
} from './service.ts';

const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** Room for the multipart framing around the file itself. */

export async function donationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['donations'];

  r.get(
    '/api/campaigns',
    {
      config: { access: 'donations.read' },
      schema: {
        tags,
        summary: '捐赠活动与公益项目',
        querystring: campaignListQuery,
        response: { 200: campaignPage },
      },
    },
    async (request) => {
      const { items, total } = await listCampaigns(ctx, actorOf(request), request.query);
      return { items, total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  r.get(
    '/api/campaigns/:id',
    {
      config: { access: 'donations.read' },
      schema: {
        tags,
        summary: '捐赠活动详情与合计（全部、已确认、定向、按类型、按年度）',
        params: idParams,
        response: { 200: campaignEnvelope },
      },
    },
    async (request) => ({ campaign: await getCampaign(ctx, actorOf(request), request.params.id) }),
  );

  r.post(
    '/api/campaigns',
    {
      config: { access: 'donations.manage' },
      schema: {
        tags,
        summary: '新建捐赠活动或公益项目',
        body: createCampaignRequest,
        response: { 201: campaignEnvelope },
      },
    },
    async (request, reply) => {
      const campaign = await createCampaign(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ campaign });
    },
  );

  r.get(
    '/api/donations',
    {
      config: { access: 'donations.read' },
      schema: { tags, summary: '捐赠台账', querystring: donationListQuery, response: { 200: donationPage } },
    },
    async (request) => ({
      ...(await listDonations(ctx, actorOf(request), request.query)),
      page: request.query.page,
      pageSize: request.query.pageSize,
    }),
  );

  r.get(
    '/api/donations/stats',
    {
      config: { access: 'donations.read' },
      schema: {
        tags,
        summary: '捐赠统计（已确认；按活动、类型、渠道、商会、组织或月份）',
        querystring: donationStatsQuery,
        response: { 200: statsResponse },
      },
    },
    (request) => donationStats(ctx, actorOf(request), request.query),
  );

  r.get(
    '/api/donations/:id',
    {
      config: { access: 'donations.read' },
      schema: { tags, summary: '捐赠详情', params: idParams, response: { 200: donationEnvelope } },
    },
    async (request) => ({ donation: await getDonation(ctx, actorOf(request), request.params.id) }),
  );

  r.post(
    '/api/donations',
    {
      config: { access: 'donations.record' },
      schema: {
        tags,
        summary: '登记捐赠（待确认）',
        body: createDonationRequest,
        response: { 201: donationEnvelope },
      },
    },
    async (request, reply) => {
      const donation = await createDonation(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ donation });
    },
  );

  transitionRoute(app, {
    url: '/api/donations/:id/transitions',
    // Every reader may ask; the state machine answers 403 to those who do not confirm (federation staff do).
    access: 'donations.read',
    tags,
    summary: '确认到账、出具捐赠证明、作废',
    body: donationTransitionRequest,
    key: 'donation',
    response: donationEnvelope,
    run: (actor, id, body, audit) => transitionDonation(ctx, actor, id, body, audit),
  });

  r.get(
    '/api/donations/:id/acknowledgement.docx',
    {
      config: { access: 'donations.read' },
      schema: { tags, summary: '捐赠证明（.docx，已确认的捐赠）', params: idParams },
    },
    async (request, reply) => {
      const { buffer, row } = await acknowledgementDocx(
        ctx,
        actorOf(request),
        request.params.id,
        auditContextOf(request),
      );
      const number = acknowledgementNumber(row);
      return reply
        .header('content-type', DOCX_CONTENT_TYPE)
        .header(
          'content-disposition',
          attachmentDisposition(`acknowledgement-${number}.docx`, `捐赠证明-${row.donorName}-${number}.docx`),
        )
        .send(buffer);
    },
  );

  r.get(
    '/api/party-organizations/:id/donation-participation',
    {
      config: { access: 'donations.read' },
      schema: {
        tags,
        summary: '党组织捐款参与情况（党组织、党员参与率与金额）',
        params: idParams,
        querystring: participationQuery,
        response: { 200: participationResponse },
      },
    },
    (request) => donationParticipation(ctx, actorOf(request), request.params.id, request.query),
  );
  r.get(
    '/api/donations/:id/attachments/:attachmentId',
    {
      config: { access: 'donations.read' },
      schema: {
        tags,
        summary: '下载捐赠凭证',
        params: z.strictObject({ id: z.string().uuid(), attachmentId: z.string().uuid() }),
      },
    },
    async (request, reply) =>
      sendAttachment(
        reply,
        'evidence',
        await readDonationEvidence(ctx, actorOf(request), request.params.id, request.params.attachmentId),
      ),
  );

  // Readers may ask; the service answers 403 to those who do not record donations (leaders).
  await attachmentUploadRoute(app, {
    url: '/api/donations/:id/attachments',
    access: 'donations.read',
    tags,
    summary: '上传捐赠凭证（转账回单、收据、物资照片；PDF、图片、Office 文档，按内容判断类型）',
    maxBytes: ctx.config.attachmentMaxBytes,
    response: donationAttachmentEnvelope,
    store: (actor, id, upload, audit) => addDonationEvidence(ctx, actor, id, upload, audit),
  });
}
