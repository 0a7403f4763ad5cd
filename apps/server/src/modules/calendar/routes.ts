// Routes of /api/calendar (工作日历): read a year's holidays and adjusted workdays; replace them (calendar.manage).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  calendarStatus,
  holidayNotice,
  calendarYearParams,
  calendarYearQuery,
  calendarYearView,
  updateCalendarYearRequest,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { auditContextOf } from '../../core/http/request-context.ts';
import { calendarStatusOf, getCalendarYear, loadHolidayNotice, replaceCalendarYear } from './service.ts';

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

  r.get(
    '/api/calendar/status',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: '工作日历是否已录入下一年（11 月 1 日起提示）',
        response: { 200: calendarStatus },
      },
    },
    async () => calendarStatusOf(ctx),
  );

  r.post(
    '/api/calendar/notices',
    {
      config: { access: 'calendar.manage' },
      schema: {
        tags,
        summary: '导入国务院节假日安排通知（JSON 格式，整年替换）',
        body: holidayNotice,
        response: { 200: calendarYearView },
      },
    },
    async (request) => loadHolidayNotice(ctx, request.body, auditContextOf(request)),
  );
}
