// 本部门办理情况 department figures: a department head reads how the appeals forwarded to the department
// stand (the federation's own figures are in appeal-stats).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { departmentFigures } from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf } from '../../core/http/request-context.ts';
import { departmentFiguresOf } from './repository.ts';

export async function departmentFigureRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/department-figures',
    {
      config: { access: 'appeals.departmentFigures' },
      schema: { tags: ['appeals'], summary: '本部门办理情况', response: { 200: departmentFigures } },
    },
    async (request) => ({
      departments: await departmentFiguresOf(ctx.database.db, actorOf(request), ctx.clock.now()),
    }),
  );
}
