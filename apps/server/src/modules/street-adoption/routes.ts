// Routes of 小巷管家: /api/street-segments (list, add, import with its template, adopt), /api/street-adoptions
// (end), /api/street-matters and /api/street-coverage.
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  adoptSegmentRequest,
  createStreetMatterRequest,
  createStreetSegmentRequest,
  endAdoptionRequest,
  idParams,
  streetCoverage as streetCoverageSchema,
  streetCoverageQuery,
  streetImportQuery,
  streetImportResult,
  streetMatterEnvelope,
  streetMatterListQuery,
  streetMatterPage,
  streetSegmentEnvelope,
  streetSegmentListQuery,
  streetSegmentPage,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalidField } from '../../core/errors.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { attachmentDisposition, XLSX_CONTENT_TYPE } from '../../core/office/download.ts';
import { importStreetSegments, STREET_IMPORT_LIMITS, streetImportTemplate } from './import.ts';
import {
  adoptSegment,
  createMatter,
  createSegment,
  endSegmentAdoption,
  listMatters,
  listSegments,
  streetCoverage,
} from './service.ts';

export async function streetAdoptionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['street-adoption'];
  let template: Promise<Buffer> | undefined;

  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: {
        fileSize: STREET_IMPORT_LIMITS.maxUploadBytes,
        files: 1,
        fields: 5,
        fieldSize: 1024,
        parts: 10,
      },
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/street-segments/import',
      {
        config: { access: 'streets.write' },
        schema: {
          tags,
          summary: '导入街道的主街小巷（上传 .xlsx；dryRun=true 仅预检）',
          description: 'multipart/form-data，一个 .xlsx 文件；按“类型 + 名称”识别，再次导入不重复登记。',
          querystring: streetImportQuery,
          response: { 200: streetImportResult },
        },
      },
      async (request) => {
        if (!request.isMultipart()) {
          throw invalidField('file', 'FILE_REQUIRED', '请以 multipart/form-data 上传一个 .xlsx 文件');
        }
        if (Number(request.headers['content-length']) > STREET_IMPORT_LIMITS.maxUploadBytes + 64 * 1024) {
          throw new AppError('PAYLOAD_TOO_LARGE');
        }
        const data = await request.file();
        if (!data) throw invalidField('file', 'FILE_REQUIRED', '请选择要上传的 .xlsx 文件');
        return importStreetSegments(
          ctx,
          actorOf(request),
          auditContextOf(request),
          { file: data.file, fileName: data.filename },
          { streetOrgUnitId: request.query.streetOrgUnitId, dryRun: request.query.dryRun ?? false },
        );
      },
    );
  });

  r.get(
    '/api/street-segments/import-template.xlsx',
    { config: { access: 'streets.write' }, schema: { tags, summary: '下载主街小巷导入模板 (.xlsx)' } },
    async (_request, reply) => {
      template ??= streetImportTemplate();
      return reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header(
          'content-disposition',
          attachmentDisposition('street-segments-template.xlsx', '主街小巷导入模板.xlsx'),
        )
        .send(await template);
    },
  );

  r.get(
    '/api/street-segments',
    {
      config: { access: 'streets.read' },
      schema: {
        tags,
        summary: '街道的主街小巷及认领情况',
        querystring: streetSegmentListQuery,
        response: { 200: streetSegmentPage },
      },
    },
    (request) => listSegments(ctx, actorOf(request), request.query),
  );

  r.post(
    '/api/street-segments',
    {
      config: { access: 'streets.write' },
      schema: {
        tags,
        summary: '登记主街或小巷',
        body: createStreetSegmentRequest,
        response: { 201: streetSegmentEnvelope },
      },
    },
    async (request, reply) => {
      const segment = await createSegment(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ segment });
    },
  );

  r.post(
    '/api/street-segments/:id/adoptions',
    {
      config: { access: 'streets.write' },
      schema: {
        tags,
        summary: '企业或人士认领路段（小巷管家）；已有认领 → 409',
        params: idParams,
        body: adoptSegmentRequest,
        response: { 201: streetSegmentEnvelope },
      },
    },
    async (request, reply) => {
      const segment = await adoptSegment(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      );
      return reply.code(201).send({ segment });
    },
  );

  r.post(
    '/api/street-adoptions/:id/end',
    {
      config: { access: 'streets.write' },
      schema: {
        tags,
        summary: '结束认领',
        params: idParams,
        body: endAdoptionRequest,
        response: { 200: streetSegmentEnvelope },
      },
    },
    async (request) => ({
      segment: await endSegmentAdoption(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
    }),
  );

  r.get(
    '/api/street-matters',
    {
      config: { access: 'streets.read' },
      schema: {
        tags,
        summary: '小巷管家办理事项与 12345 热线工单',
        querystring: streetMatterListQuery,
        response: { 200: streetMatterPage },
      },
    },
    (request) => listMatters(ctx, actorOf(request), request.query),
  );

  r.post(
    '/api/street-matters',
    {
      config: { access: 'streets.write' },
      schema: {
        tags,
        summary: '登记办理事项（含 12345 工单号即协助处理热线诉求）',
        body: createStreetMatterRequest,
        response: { 201: streetMatterEnvelope },
      },
    },
    async (request, reply) => {
      const matter = await createMatter(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ matter });
    },
  );

  r.get(
    '/api/street-coverage',
    {
      config: { access: 'streets.read' },
      schema: {
        tags,
        summary: '认领覆盖率（按街道；已认领 ÷ 全部）',
        querystring: streetCoverageQuery,
        response: { 200: streetCoverageSchema },
      },
    },
    (request) => streetCoverage(ctx, actorOf(request), request.query.orgUnitId),
  );
}
