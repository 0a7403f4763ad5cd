// Routes of /api/calendar (工作日历): read a year's holidays and adjusted workdays; replace them (calendar.manage).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  calendarYearParams,
  calendarYearQuery,
  calendarYearView,
  updateCalendarYearRequest,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { auditContextOf } from '../../core/http/request-context.ts';
import { getCalendarYear, replaceCalendarYear } from './service.ts';

export async function calendarRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];

  r.get(
    '/api/calendar',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: '工作日历：某年的节假日与调休上班日',
        querystring: calendarYearQuery,
        response: { 200: calendarYearView },
      },
    },
    async (request) => getCalendarYear(ctx, request.query.year),
  );

  r.put(
    '/api/calendar/:year',
    {
      config: { access: 'calendar.manage' },
      schema: {
        tags,
        summary: '设置某年的节假日与调休上班日（整年替换）',
        params: calendarYearParams,
        body: updateCalendarYearRequest,
        response: { 200: calendarYearView },
      },
    },
    async (request) =>
      replaceCalendarYear(ctx, request.params.year, request.body.days, auditContextOf(request)),
  );
}
