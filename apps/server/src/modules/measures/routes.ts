// Routes of /api/measures (指标): the catalogue of every figure, and the values of chosen ones for an org
// unit's subtree and a period — for anyone who reads the dashboard.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { measureCatalogue, measureValues, measureValuesQuery } from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf } from '../../core/http/request-context.ts';
import { catalogue, measureValues as valuesOf } from './service.ts';

export async function measureRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['measures'];
  r.get(
    '/api/measures',
    {
      config: { access: 'dashboard.read' },
      schema: {
        tags,
        summary: '指标目录：每项指标的编号、名称、单位与口径',
        response: { 200: measureCatalogue },
      },
    },
    async () => catalogue(ctx),
  );
  r.get(
    '/api/measures/values',
    {
      config: { access: 'dashboard.read' },
      schema: {
        tags,
        summary: '指标取值：所选指标在某单位辖内、某期间的数值及明细列表链接',
        description:
          'ids 为逗号分隔的指标编号；orgUnitId 省略为本单位，须在本单位辖内（否则 404）；from、to 为 YYYY-MM-DD（北京时间），默认本季度。',
        querystring: measureValuesQuery,
        response: { 200: measureValues },
      },
    },
    async (request) => valuesOf(ctx, actorOf(request), request.query),
  );
}
