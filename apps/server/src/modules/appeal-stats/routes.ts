// Route of /api/appeals/stats (诉求统计): the figures and the three rates (三率) by department, category,
// org unit, chamber or month.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { appealStatsQuery, appealStatsResult } from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf } from '../../core/http/request-context.ts';
import { appealStats } from './service.ts';

export async function appealStatsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/appeals/stats',
    {
      config: { access: 'appeals.stats' },
      schema: {
        tags: ['appeals'],
        summary: '诉求统计：受理、转办、响应、解决、满意（三率）与按时办结',
        description:
          '按受理日（received_on，北京时间）计入期间；按部门分组时按转办日（forwarded_on）计入。from、to 为 YYYY-MM-DD，可省略；orgUnitId 限定为本单位辖内的某一单位。',
        querystring: appealStatsQuery,
        response: { 200: appealStatsResult },
      },
    },
    async (request) => appealStats(ctx, actorOf(request), request.query),
  );
}
