// Routes of the member import: the template and the import itself (multipart upload → 202 with a job to
// poll at /api/jobs/:id). The export of a filtered list is an enterprises route.
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { importQuery, jobAccepted } from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalidField } from '../../core/errors.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { attachmentDisposition, XLSX_CONTENT_TYPE } from '../../core/office/download.ts';
import type { JobRunner } from '../jobs/runner.ts';
import { acceptImport, clearImportFiles, IMPORT_JOB, importHandler } from './service.ts';
import { importTemplate } from './template.ts';
import { IMPORT_LIMITS } from './workbook-file.ts';

/** Room for the multipart framing around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

export async function importRoutes(app: FastifyInstance, ctx: AppContext, runner: JobRunner): Promise<void> {
  runner.register(IMPORT_JOB, importHandler(ctx));
  await clearImportFiles(ctx);
  const tags = ['enterprises'];
  let template: Promise<Buffer> | undefined;

  // Multipart is parsed only in this scope, and only when the route asks for the file (after the access
  // hook has let the request through).
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: {
        fileSize: IMPORT_LIMITS.maxUploadBytes,
        files: 1,
        fields: 5,
        fieldSize: 1024,
        parts: 10,
        headerPairs: 50,
      },
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/enterprises/import',
      {
        config: { access: 'registry.import' },
        schema: {
          tags,
          summary: '导入会员企业（上传 .xlsx；dryRun=true 仅预检）',
          description:
            'multipart/form-data，一个 .xlsx 文件；返回后台任务 id，用 GET /api/jobs/{id} 查看进度和结果。',
          querystring: importQuery,
          response: { 202: jobAccepted },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) {
          throw invalidField('file', 'FILE_REQUIRED', '请以 multipart/form-data 上传一个 .xlsx 文件');
        }
        const declared = Number(request.headers['content-length']);
        if (declared > IMPORT_LIMITS.maxUploadBytes + MULTIPART_OVERHEAD)
          throw new AppError('PAYLOAD_TOO_LARGE');
        const data = await request.file();
        if (!data) throw invalidField('file', 'FILE_REQUIRED', '请选择要上传的 .xlsx 文件');
        const jobId = await acceptImport(
          ctx,
          runner,
          actorOf(request),
          auditContextOf(request),
          { file: data.file, fileName: data.filename },
          { dryRun: request.query.dryRun ?? false, orgUnitId: request.query.orgUnitId },
        );
        return reply.code(202).send({ jobId });
      },
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/enterprises/import-template.xlsx',
    { config: { access: 'registry.import' }, schema: { tags, summary: '下载会员导入模板 (.xlsx)' } },
    async (_request, reply) => {
      template ??= importTemplate();
      return reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header(
          'content-disposition',
          attachmentDisposition('member-import-template.xlsx', '会员导入模板.xlsx'),
        )
        .send(await template);
    },
  );
}
