// Routes of /api/ledgers: the member, visit and appeal ledgers (台账) of an org unit for a period, as .xlsx.
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { LEDGER_KINDS, ledgerQuery, socialResponsibilityLedgerQuery } from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { attachmentDisposition, XLSX_CONTENT_TYPE } from '../../core/office/download.ts';
import { LEDGERS, startLedgerExport, type LedgerDownload } from './service.ts';
import { startSocialResponsibilityExport } from './social-responsibility.ts';

export async function ledgerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['ledgers'];
  // Ledgers still streaming when the server stops are cut off, so that closing does not wait for them.
  const exporting = new Set<Readable>();
  app.addHook('preClose', async () => {
    for (const stream of exporting) stream.destroy();
  });

  const send = (download: LedgerDownload, reply: FastifyReply) => {
    exporting.add(download.stream);
    download.stream.once('close', () => exporting.delete(download.stream));
    return reply
      .header('content-type', XLSX_CONTENT_TYPE)
      .header('content-disposition', attachmentDisposition(download.fallbackName, download.fileName))
      .send(download.stream);
  };

  r.get(
    '/api/ledgers/social-responsibility.xlsx',
    {
      config: { access: 'ledgers.export' },
      schema: {
        tags,
        summary: '导出社会责任年度台账 (.xlsx：捐赠、志愿服务等，每项一张工作表)',
        querystring: socialResponsibilityLedgerQuery,
      },
    },
    async (request, reply) =>
      send(
        await startSocialResponsibilityExport(
          ctx,
          actorOf(request),
          request.query,
          auditContextOf(request),
          (error) => request.log.error({ err: error }, 'social-responsibility ledger export failed'),
        ),
        reply,
      ),
  );

  for (const kind of LEDGER_KINDS) {
    r.get(
      `/api/ledgers/${kind}.xlsx`,
      {
        config: { access: 'ledgers.export' },
        schema: {
          tags,
          summary: `导出${LEDGERS[kind].title} (.xlsx：组织、统计期间)`,
          querystring: ledgerQuery,
        },
      },
      async (request, reply) =>
        send(
          await startLedgerExport(
            ctx,
            actorOf(request),
            kind,
            request.query,
            auditContextOf(request),
            (error) => request.log.error({ err: error, kind }, 'ledger export failed'),
          ),
          reply,
        ),
    );
  }
}
