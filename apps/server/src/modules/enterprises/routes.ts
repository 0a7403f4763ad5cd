// Routes of /api/enterprises: list, detail, create, change, merge, reveal a contact's number, history.
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createEnterpriseRequest,
  enterpriseEnvelope,
  enterpriseExportQuery,
  enterpriseListQuery,
  enterprisePage,
  idParams,
  mergeEnterpriseRequest,
  unmaskResponse,
  updateEnterpriseRequest,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { attachmentDisposition, XLSX_CONTENT_TYPE } from '../../core/office/download.ts';
import { startEnterpriseExport } from './export.ts';
import { presentListItem } from './presenter.ts';
import { listEnterprises } from './repository.ts';
import {
  createEnterprise,
  getEnterprise,
  mergeEnterprises,
  statusHistory,
  unmaskContact,
  updateEnterprise,
} from './service.ts';

export async function enterpriseRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['enterprises'];
  // Exports still streaming when the server stops are cut off, so that closing does not wait for them.
  const exporting = new Set<Readable>();
  app.addHook('preClose', async () => {
    for (const stream of exporting) stream.destroy();
  });

  r.get(
    '/api/enterprises',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: '会员企业列表',
        querystring: enterpriseListQuery,
        response: { 200: enterprisePage },
      },
    },
    async (request) => {
      const query = request.query;
      const { rows, total, totalExact } = await listEnterprises(ctx.database.db, actorOf(request), query);
      return {
        items: rows.map(presentListItem),
        total,
        totalExact,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  );

  r.get(
    '/api/enterprises/:id',
    {
      config: { access: 'registry.read' },
      schema: { tags, summary: '会员企业详情', params: idParams, response: { 200: enterpriseEnvelope } },
    },
    async (request) => ({ enterprise: await getEnterprise(ctx, actorOf(request), request.params.id) }),
  );

  r.post(
    '/api/enterprises',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary: '登记会员企业',
        body: createEnterpriseRequest,
        response: { 201: enterpriseEnvelope },
      },
    },
    async (request, reply) => {
      const enterprise = await createEnterprise(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ enterprise });
    },
  );

  r.patch(
    '/api/enterprises/:id',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary: '修改会员企业',
        params: idParams,
        body: updateEnterpriseRequest,
        response: { 200: enterpriseEnvelope },
      },
    },
    async (request) => ({
      enterprise: await updateEnterprise(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
    }),
  );

  r.post(
    '/api/enterprises/:id/merge',
    {
      config: { access: 'registry.merge' },
      schema: {
        tags,
        summary: '合并重复企业（保留本条）',
        params: idParams,
        body: mergeEnterpriseRequest,
        response: { 200: enterpriseEnvelope },
      },
    },
    async (request) => ({
      enterprise: await mergeEnterprises(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
    }),
  );

  r.post(
    '/api/enterprises/:id/contacts/:contactId/unmask',
    {
      config: { access: 'contacts.unmask' },
      schema: {
        tags,
        summary: '查看联系人完整手机号（留痕）',
        params: z.strictObject({ id: z.string().uuid(), contactId: z.string().uuid() }),
        response: { 200: unmaskResponse },
      },
    },
    async (request) =>
      unmaskContact(
        ctx,
        actorOf(request),
        request.params.id,
        request.params.contactId,
        auditContextOf(request),
      ),
  );

  r.get(
    '/api/enterprises/:id/status-history',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: '会籍状态变更记录',
        params: idParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                fromStatus: z.string().nullable(),
                toStatus: z.string(),
                reason: z.string().nullable(),
                changedOn: z.string(),
                changedAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ items: await statusHistory(ctx, actorOf(request), request.params.id) }),
  );

  r.get(
    '/api/enterprises/export.xlsx',
    {
      config: { access: 'registry.export' },
      schema: { tags, summary: '导出会员名册 (.xlsx，筛选条件同列表)', querystring: enterpriseExportQuery },
    },
    async (request, reply) => {
      const { stream } = await startEnterpriseExport(
        ctx,
        actorOf(request),
        request.query,
        auditContextOf(request),
        (error) => request.log.error({ err: error }, 'enterprise export failed'),
      );
      exporting.add(stream);
      stream.once('close', () => exporting.delete(stream));
      const stamp = ctx.clock.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header(
          'content-disposition',
          attachmentDisposition(`members-${stamp}.xlsx`, `会员名册-${stamp}.xlsx`),
        )
        .send(stream);
    },
  );
}
