// Routes of /api/reports (报告): ask for a report (generated in the background), the register, a report with
// its figures and commentary, edit the commentary, regenerate as a new revision, download the .docx.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createReportRequest,
  idParams,
  reportAccepted,
  reportListQuery,
  reportPage,
  reportView,
  updateCommentaryRequest,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { attachmentDisposition } from '../../core/office/download.ts';
import { startReportQueue } from './generation.ts';
import {
  downloadReport,
  getReport,
  listReports,
  regenerateReport,
  requestReport,
  updateCommentary,
} from './service.ts';

const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function reportRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];

  const queue = startReportQueue(ctx, app.log);
  app.addHook('onReady', async () => {
    const recovered = await queue.recover();
    if (recovered > 0) app.log.warn({ recovered }, 'reports left unfinished were queued again');
  });
  app.addHook('onClose', () => queue.close());

  r.post(
    '/api/reports',
    {
      config: { access: 'reports.write' },
      schema: {
        tags,
        summary: '生成报告（后台生成，返回报告编号）',
        body: createReportRequest,
        response: { 202: reportAccepted },
      },
    },
    async (request, reply) => {
      const accepted = await requestReport(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(202).send(accepted);
    },
  );

  r.get(
    '/api/reports',
    {
      config: { access: 'reports.read' },
      schema: { tags, summary: '报告登记簿', querystring: reportListQuery, response: { 200: reportPage } },
    },
    async (request) => {
      const query = request.query;
      const { items, total } = await listReports(ctx, actorOf(request), query);
      return { items, total, page: query.page, pageSize: query.pageSize };
    },
  );

  r.get(
    '/api/reports/:id',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary: '报告详情：状态、数据、评述、版本',
        params: idParams,
        response: { 200: reportView },
      },
    },
    async (request) => getReport(ctx, actorOf(request), request.params.id),
  );

  r.put(
    '/api/reports/:id/commentary',
    {
      config: { access: 'reports.write' },
      schema: {
        tags,
        summary: '修改报告评述部分（工作亮点、存在问题、下步打算等）',
        params: idParams,
        body: updateCommentaryRequest,
        response: { 200: reportView },
      },
    },
    async (request) =>
      updateCommentary(ctx, actorOf(request), request.params.id, request.body, auditContextOf(request)),
  );

  r.post(
    '/api/reports/:id/regenerate',
    {
      config: { access: 'reports.write' },
      schema: {
        tags,
        summary: '重新生成报告（新版本）',
        params: idParams,
        response: { 202: reportAccepted },
      },
    },
    async (request, reply) => {
      const accepted = await regenerateReport(
        ctx,
        actorOf(request),
        request.params.id,
        auditContextOf(request),
      );
      return reply.code(202).send(accepted);
    },
  );

  r.get(
    '/api/reports/:id/file.docx',
    {
      config: { access: 'reports.read' },
      schema: { tags, summary: '下载报告 (.docx)', params: idParams },
    },
    async (request, reply) => {
      const { fileName, document } = await downloadReport(
        ctx,
        actorOf(request),
        request.params.id,
        auditContextOf(request),
      );
      return reply
        .header('content-type', DOCX_CONTENT_TYPE)
        .header('content-disposition', attachmentDisposition('report.docx', fileName))
        .send(document);
    },
  );
}
