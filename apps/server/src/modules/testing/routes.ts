// Routes of /api/test (test mode only, never registered in production): set the clock the timers read,
// and run the scheduler's due tasks now instead of waiting for its tick.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context.ts';

const clockRequest = z.strictObject({
  at: z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601（如 2026-10-09T09:00:00+08:00）' }),
});
const clockView = z.object({ now: z.string() });
const schedulerRunResult = z.object({
  ran: z.array(z.object({ name: z.string(), ok: z.boolean(), error: z.string().nullable() })),
});

export async function testRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['test'];

  r.put(
    '/api/test/clock',
    {
      config: { access: 'session' },
      schema: { tags, summary: '（测试模式）设置时钟', body: clockRequest, response: { 200: clockView } },
    },
    async (request) => {
      ctx.clock.set(new Date(request.body.at));
      return { now: ctx.clock.now().toISOString() };
    },
  );

  r.delete(
    '/api/test/clock',
    {
      config: { access: 'session' },
      schema: { tags, summary: '（测试模式）恢复系统时钟', response: { 200: clockView } },
    },
    async () => {
      ctx.clock.reset();
      return { now: ctx.clock.now().toISOString() };
    },
  );

  r.post(
    '/api/test/scheduler/run',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: '（测试模式）立即运行到期的定时任务',
        response: { 200: schedulerRunResult },
      },
    },
    async () => ({ ran: await ctx.scheduler.runDue() }),
  );
}
