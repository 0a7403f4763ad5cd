// Route of /api/dashboard (工作看板): the numbers of an org unit's subtree for a period, each with its list.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { dashboardQuery, dashboardResult } from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf } from '../../core/http/request-context.ts';
import { dashboard } from './service.ts';

export async function dashboardRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/dashboard',
    {
      config: { access: 'dashboard.read' },
      schema: {
        tags: ['dashboard'],
        summary: '工作看板：会员、党组织覆盖、走访与诉求（三率、部门排名），每项附明细列表链接',
        description:
          'orgUnitId 省略为本单位，须在本单位辖内（否则 404）；from、to 为 YYYY-MM-DD（北京时间），默认本季度。',
        querystring: dashboardQuery,
        response: { 200: dashboardResult },
      },
    },
    async (request) => dashboard(ctx, actorOf(request), request.query),
  );
}
