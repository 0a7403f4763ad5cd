// Health and the API description.
import type { FastifyInstance } from 'fastify';
import { errorMessage } from '@qinqing/shared';
import { langOf } from '../../core/http/request-context.ts';
import type { AppContext } from '../../core/context.ts';

export async function healthRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(
    '/api/health',
    { config: { access: 'public' }, schema: { tags: ['system'], summary: '健康检查' } },
    async (request, reply) => {
      try {
        await ctx.database.pool.query('SELECT 1');
        // From 1 November, next year's working calendar not entered: deadlines there would be guesses.
        const missingYear = ctx.calendar.missingNextYear(ctx.clock.now());
        return {
          status: 'ok',
          db: 'ok',
          calendar: missingYear === undefined ? 'ok' : 'next_year_missing',
          ...(missingYear === undefined ? {} : { calendarMissingYear: missingYear }),
        };
      } catch {
        // Down, or restarting under the embedded server's supervisor: requests answer 503 meanwhile.
        return reply.code(503).send({
          status: 'error',
          db: 'unavailable',
          ...(ctx.database.embeddedState ? { embedded: ctx.database.embeddedState() } : {}),
          code: 'DATABASE_UNAVAILABLE',
          message: errorMessage('DATABASE_UNAVAILABLE', langOf(request)),
        });
      }
    },
  );

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
