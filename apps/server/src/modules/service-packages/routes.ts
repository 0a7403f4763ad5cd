// Routes of /api/service-packages (服务包) and the enterprise's own /api/my/service-packages.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createPackageRequest,
  handOutRequest,
  handOutResult,
  handOutTarget,
  holderListQuery,
  holderPage,
  idParams,
  myPackageList,
  packageEnvelope,
  packageListQuery,
  packagePage,
  packageStats as statsResponse,
  packageStatsQuery,
  packageTransitionRequest,
  packageView,
  updatePackageRequest,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { transitionRoute } from '../../core/http/transition-route.ts';
import { attachmentDisposition, XLSX_CONTENT_TYPE } from '../../core/office/download.ts';
import { openLedgerSheet } from '../ledgers/layout.ts';
import {
  allHolders,
  countHandOut,
  createPackage,
  getPackage,
  handOut,
  listPackages,
  myPackages,
  packageHolders,
  packageStats,
  removeHolder,
  transitionPackage,
  updatePackage,
} from './service.ts';

const holderParams = z.strictObject({ id: z.string().uuid(), enterpriseId: z.string().uuid() });

export async function servicePackageRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['service-packages'];

  r.get(
    '/api/service-packages',
    {
      config: { access: 'packages.read' },
      schema: { tags, summary: '服务包列表', querystring: packageListQuery, response: { 200: packagePage } },
    },
    (request) => listPackages(ctx, actorOf(request), request.query),
  );

  r.post(
    '/api/service-packages',
    {
      config: { access: 'packages.write' },
      schema: {
        tags,
        summary: '编制服务包（草稿）',
        body: createPackageRequest,
        response: { 201: packageEnvelope },
      },
    },
    async (request, reply) => {
      const servicePackage = await createPackage(
        ctx,
        actorOf(request),
        request.body,
        auditContextOf(request),
      );
      return reply.code(201).send({ servicePackage });
    },
  );

  r.get(
    '/api/service-packages/stats',
    {
      config: { access: 'packages.read' },
      schema: {
        tags,
        summary: '获赠服务包企业数（按服务包、按组织）',
        querystring: packageStatsQuery,
        response: { 200: statsResponse },
      },
    },
    (request) => packageStats(ctx, actorOf(request), request.query),
  );

  r.get(
    '/api/service-packages/:id',
    {
      config: { access: 'packages.read' },
      schema: { tags, summary: '服务包详情', params: idParams, response: { 200: packageEnvelope } },
    },
    async (request) => ({ servicePackage: await getPackage(ctx, actorOf(request), request.params.id) }),
  );

  r.patch(
    '/api/service-packages/:id',
    {
      config: { access: 'packages.write' },
      schema: {
        tags,
        summary: '修改服务包（带 version）',
        params: idParams,
        body: updatePackageRequest,
        response: { 200: packageEnvelope },
      },
    },
    async (request) => ({
      servicePackage: await updatePackage(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
    }),
  );

  transitionRoute(app, {
    url: '/api/service-packages/:id/transitions',
    access: 'packages.read',
    tags,
    summary: '服务包流转：发布（publish）、结束（close）',
    body: packageTransitionRequest,
    key: 'servicePackage',
    response: z.object({ servicePackage: packageView }),
    run: (actor, id, body, audit) => transitionPackage(ctx, actor, id, body, audit),
  });

  r.get(
    '/api/service-packages/:id/holders',
    {
      config: { access: 'packages.read' },
      schema: {
        tags,
        summary: '持有服务包的企业',
        params: idParams,
        querystring: holderListQuery,
        response: { 200: holderPage },
      },
    },
    (request) => packageHolders(ctx, actorOf(request), request.params.id, request.query),
  );

  r.get(
    '/api/service-packages/:id/holders.xlsx',
    {
      config: { access: 'packages.read' },
      schema: { tags, summary: '服务包发放台账（.xlsx）', params: idParams },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { row, rows } = await allHolders(ctx, actor, request.params.id);
      await ctx.database.db.transaction((tx) =>
        ctx.audit.record(tx, auditContextOf(request), {
          action: 'service_package.holders_exported',
          objectType: 'service_package',
          objectId: row.id,
          detail: { name: row.name, rows: rows.length },
        }),
      );
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (chunk: Buffer) => chunks.push(chunk));
      const ended = new Promise((resolve) => out.on('end', resolve));
      const from = rows.reduce((min, h) => (h.handed_on < min ? h.handed_on : min), rows[0]?.handed_on ?? '');
      const to = rows.reduce((max, h) => (h.handed_on > max ? h.handed_on : max), '');
      const sheet = await openLedgerSheet(
        out,
        '服务包发放台账',
        [
          { header: '企业名称', width: 36 },
          { header: '统一社会信用代码', width: 22 },
          { header: '所属单位', width: 18 },
          { header: '发放日期', width: 12, align: 'center' },
          { header: '发放人', width: 12 },
          { header: '走访送达', width: 10, align: 'center' },
          { header: '备注', width: 30 },
        ],
        {
          title: `${row.name}发放台账`,
          unitName: row.org_unit_name,
          from: from || '—',
          to: to || '—',
          generatedAt: ctx.clock.now(),
        },
      );
      for (const h of rows)
        await sheet.addRow([
          h.enterprise_name,
          h.uscc,
          h.org_unit_name,
          h.handed_on,
          h.handed_by_name,
          h.visit_id ? '是' : '',
          h.note,
        ]);
      await sheet.finish(`合计：${rows.length} 家企业`);
      out.end();
      await ended;
      return reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header(
          'content-disposition',
          attachmentDisposition('service-package-holders.xlsx', `${row.name}发放台账.xlsx`),
        )
        .send(Buffer.concat(chunks));
    },
  );

  r.post(
    '/api/service-packages/:id/holders/count',
    {
      config: { access: 'packages.handOut' },
      schema: {
        tags,
        summary: '预计发放企业数（新增与已持有）',
        params: idParams,
        body: handOutTarget,
        response: { 200: handOutResult },
      },
    },
    (request) => countHandOut(ctx, actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/service-packages/:id/holders',
    {
      config: { access: 'packages.handOut' },
      schema: {
        tags,
        summary: '发放服务包（企业名单或筛选条件，一次写入）',
        params: idParams,
        body: handOutRequest,
        response: { 200: handOutResult },
      },
    },
    (request) => handOut(ctx, actorOf(request), request.params.id, request.body, auditContextOf(request)),
  );

  r.delete(
    '/api/service-packages/:id/holders/:enterpriseId',
    {
      config: { access: 'packages.handOut' },
      schema: { tags, summary: '撤销误录的发放记录', params: holderParams },
    },
    async (request, reply) => {
      await removeHolder(
        ctx,
        actorOf(request),
        request.params.id,
        request.params.enterpriseId,
        auditContextOf(request),
      );
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/my/service-packages',
    {
      config: { access: 'packages.mine' },
      schema: { tags, summary: '本企业收到的服务包', response: { 200: myPackageList } },
    },
    async (request) => ({ items: await myPackages(ctx, actorOf(request)) }),
  );
}
