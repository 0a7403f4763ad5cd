// Routes of /api/jobs: a background job's status and its report, for the user who started it only.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, jobView } from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { actorOf } from '../../core/http/request-context.ts';
import { XLSX_CONTENT_TYPE, attachmentDisposition } from '../../core/office/download.ts';
import { presentJob, reportFileName } from './presenter.ts';
import { findOwnJob, findOwnReport } from './repository.ts';

export async function jobRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['jobs'];

  r.get(
    '/api/jobs/:id',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary: '后台任务状态（导入进度、预览）',
        params: idParams,
        response: { 200: jobView },
      },
    },
    async (request) => {
      const job = await findOwnJob(ctx.database.db, actorOf(request).userId, request.params.id);
      if (!job) throw notFound();
      return presentJob(job);
    },
  );

  r.get(
    '/api/jobs/:id/report.xlsx',
    {
      config: { access: 'registry.write' },
      schema: { tags, summary: '下载导入问题行报告 (.xlsx)', params: idParams },
    },
    async (request, reply) => {
      const found = await findOwnReport(ctx.database.db, actorOf(request).userId, request.params.id);
      if (!found?.report) throw notFound();
      return reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header(
          'content-disposition',
          attachmentDisposition('import-report.xlsx', reportFileName(found.params)),
        )
        .send(found.report);
    },
  );
}
