// 审计日志 routes: list, export and verify — for the audit administrator only.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditEventPage, auditExportQuery, auditListQuery, auditVerifyResult } from '@qinqing/shared';
import { verifyAuditChain } from '../../core/audit/verify.ts';
import type { AppContext } from '../../core/context.ts';
import { auditContextOf } from '../../core/http/request-context.ts';
import { writeAuditWorkbook } from './export.ts';
import { presentAuditEvents } from './presenter.ts';
import { countAuditEvents, lastAuditSeq, listAuditEvents } from './repository.ts';

export async function auditRoutes(app: FastifyInstance, ctx: AppContext, auditKey: Buffer): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get(
    '/api/audit-events',
    {
      config: { access: 'audit.read' },
      schema: { tags, summary: '审计日志', querystring: auditListQuery, response: { 200: auditEventPage } },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const { rows, total } = await listAuditEvents(ctx.database.db, filter, { page, pageSize });
      return { items: await presentAuditEvents(ctx.database.db, rows), total, page, pageSize };
    },
  );

  r.get(
    '/api/audit-events/export.xlsx',
    {
      config: { access: 'audit.export' },
      schema: { tags, summary: '导出审计日志 (.xlsx)', querystring: auditExportQuery },
    },
    async (request, reply) => {
      const filter = request.query;
      const upToSeq = await lastAuditSeq(ctx.database.db);
      const expected = await countAuditEvents(ctx.database.db, filter, upToSeq);
      // The export is itself audited, before it starts, with the records it covers: exactly `rows` of
      // them, those up to `upToSeq` (its own record and later ones are not in it).
      await ctx.database.db.transaction((tx) =>
        ctx.audit.record(tx, auditContextOf(request), {
          action: 'audit.exported',
          objectType: 'audit_log',
          detail: { filter, rows: expected, upToSeq },
        }),
      );
      const stream = new PassThrough();
      const stamp = ctx.clock.now().toISOString().slice(0, 10);
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="audit-${stamp}.xlsx"; filename*=UTF-8''${encodeURIComponent(`审计日志-${stamp}.xlsx`)}`,
        );
      writeAuditWorkbook(ctx.database.db, filter, upToSeq, stream).catch((error: unknown) => {
        request.log.error({ err: error }, 'audit export failed');
        stream.destroy(error as Error);
      });
      return reply.send(stream);
    },
  );

  r.get(
    '/api/audit-events/verify',
    {
      config: { access: 'audit.read' },
      schema: { tags, summary: '校验审计链', response: { 200: auditVerifyResult } },
    },
    async () => verifyAuditChain(ctx.database.pool, auditKey),
  );
}
