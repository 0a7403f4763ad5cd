// Routes of the imports: per kind, its template and the import itself (multipart upload → 202 with a job to
// poll at /api/jobs/:id) — the member registry's enterprises and people and party organizations (staff,
// registry.import) and chamber memberships (the roster's writers: staff and a chamber's own secretary).
// The export of a filtered list is an enterprises route.
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { importDryRunQuery, importQuery, jobAccepted, type Permission } from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalidField } from '../../core/errors.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { attachmentDisposition, XLSX_CONTENT_TYPE } from '../../core/office/download.ts';
import type { JobRunner } from '../jobs/runner.ts';
import { chamberMemberImport } from './chamber-member-kind.ts';
import { enterpriseImport } from './enterprise-kind.ts';
import type { ImportKind } from './kind.ts';
import { partyOrganizationImport } from './party-organization-kind.ts';
import { peopleImport } from './people-kind.ts';
import { acceptImport, assertMayImport, clearImportFiles, importHandler } from './service.ts';
import { importTemplate } from './template.ts';
import { IMPORT_LIMITS } from './workbook-file.ts';

/** Room for the multipart framing around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

interface ImportRoute {
  kind: ImportKind;
  /** `${base}/import` and `${base}/import-template.xlsx`. */
  base: string;
  access: Permission;
  tag: string;
  what: string;
}

const IMPORT_ROUTES: readonly ImportRoute[] = [
  {
    kind: enterpriseImport,
    base: '/api/enterprises',
    access: 'registry.import',
    tag: 'enterprises',
    what: '会员企业',
  },
  { kind: peopleImport, base: '/api/people', access: 'registry.import', tag: 'people', what: '代表人士' },
  {
    kind: chamberMemberImport,
    base: '/api/chamber-members',
    access: 'registry.write',
    tag: 'chambers',
    what: '商会会员',
  },
  {
    kind: partyOrganizationImport,
    base: '/api/party-organizations',
    access: 'registry.import',
    tag: 'party-organizations',
    what: '党组织',
  },
];

export async function importRoutes(app: FastifyInstance, ctx: AppContext, runner: JobRunner): Promise<void> {
  for (const { kind } of IMPORT_ROUTES) runner.register(kind.jobKind, importHandler(ctx, kind));
  await clearImportFiles(ctx);

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
    for (const { kind, base, access, tag, what } of IMPORT_ROUTES) {
      scope.withTypeProvider<ZodTypeProvider>().post(
        `${base}/import`,
        {
          config: { access },
          schema: {
            tags: [tag],
            summary: `导入${what}（上传 .xlsx；dryRun=true 仅预检）`,
            description:
              'multipart/form-data，一个 .xlsx 文件；返回后台任务 id，用 GET /api/jobs/{id} 查看进度和结果。',
            querystring: kind.placesUnderOrgUnit ? importQuery : importDryRunQuery,
            response: { 202: jobAccepted },
          },
        },
        async (request, reply) => {
          const actor = actorOf(request);
          assertMayImport(kind, actor);
          if (!request.isMultipart()) {
            throw invalidField('file', 'FILE_REQUIRED', '请以 multipart/form-data 上传一个 .xlsx 文件');
          }
          const declared = Number(request.headers['content-length']);
          if (declared > IMPORT_LIMITS.maxUploadBytes + MULTIPART_OVERHEAD)
            throw new AppError('PAYLOAD_TOO_LARGE');
          const data = await request.file();
          if (!data) throw invalidField('file', 'FILE_REQUIRED', '请选择要上传的 .xlsx 文件');
          const query = request.query as { dryRun?: boolean; orgUnitId?: string };
          const jobId = await acceptImport(
            ctx,
            runner,
            kind,
            actor,
            auditContextOf(request),
            { file: data.file, fileName: data.filename },
            { dryRun: query.dryRun ?? false, orgUnitId: query.orgUnitId },
          );
          return reply.code(202).send({ jobId });
        },
      );
    }
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const { kind, base, access, tag, what } of IMPORT_ROUTES) {
    let template: Promise<Buffer> | undefined;
    r.get(
      `${base}/import-template.xlsx`,
      { config: { access }, schema: { tags: [tag], summary: `下载${what}导入模板 (.xlsx)` } },
      async (request, reply) => {
        assertMayImport(kind, actorOf(request));
        template ??= importTemplate(kind.template);
        return reply
          .header('content-type', XLSX_CONTENT_TYPE)
          .header(
            'content-disposition',
            attachmentDisposition(kind.templateFileName.ascii, kind.templateFileName.zh),
          )
          .send(await template);
      },
    );
  }
}
