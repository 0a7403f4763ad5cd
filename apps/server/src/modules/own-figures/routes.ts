// Routes of /api/own-figures (本单位工作情况): a department's figures for its liaison or head, a chamber's for
// its secretary — measures of the registry for one month, quarter or year.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  chamberFiguresQuery,
  chamberOwnFigures,
  departmentFiguresQuery,
  departmentOwnFigures,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf } from '../../core/http/request-context.ts';
import { chamberOwnFigures as chamberFigures, departmentOwnFigures as departmentFigures } from './service.ts';

const PERIOD_HELP = 'period 为 2026-11（月）、2026-Q4（季度）或 2026（年），省略为本季度（北京时间）。';

export async function ownFigureRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['measures'];
  r.get(
    '/api/own-figures/department',
    {
      config: { access: 'figures.department' },
      schema: {
        tags,
        summary: '本部门工作情况：三率、按时办结率与在本工商联部门排名中的名次',
        description: `${PERIOD_HELP}departmentId 省略为本人所在部门；其他部门 404。`,
        querystring: departmentFiguresQuery,
        response: { 200: departmentOwnFigures },
      },
    },
    async (request) => departmentFigures(ctx, actorOf(request), request.query),
  );
  r.get(
    '/api/own-figures/chamber',
    {
      config: { access: 'figures.chamber' },
      schema: {
        tags,
        summary: '本商会工作情况：会员诉求、走访与在册会员',
        description: `${PERIOD_HELP}chamberId 省略为本人所在商会；其他商会 404。`,
        querystring: chamberFiguresQuery,
        response: { 200: chamberOwnFigures },
      },
    },
    async (request) => chamberFigures(ctx, actorOf(request), request.query),
  );
}
