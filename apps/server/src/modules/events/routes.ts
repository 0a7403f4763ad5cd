// Routes of /api/events, /api/event-sessions, /api/check-ins, a chamber's activity duty and /api/honours (教育培训).
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  activityDuty as activityDutyResponse,
  activityDutyOverview as activityDutyOverviewResponse,
  activityDutyQuery,
  chamberEventRobot,
  chamberEventRobotRequest,
  attendanceImportQuery,
  attendanceImportResult,
  checkInEnvelope,
  checkInRequest,
  checkInSessionInfo as sessionInfoResponse,
  checkInSessionQuery,
  checkInToken,
  createEventRequest,
  createHonourRequest,
  eventEnvelope,
  eventLinksRequest,
  eventListQuery,
  eventPage,
  eventStats as eventStatsResponse,
  eventStatsQuery,
  eventTransitionRequest,
  honourEnvelope,
  honourList,
  honourListQuery,
  idParams,
  registrationEnvelope,
  registrationList,
  registrationRequest,
  createEventKindRequest,
  eventKindCode,
  eventKindEnvelope,
  eventKindList,
  eventKindQuery,
  updateEventKindRequest,
} from '@qinqing/shared';
import { z } from 'zod';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { transitionRoute } from '../../core/http/transition-route.ts';
import { attachmentDisposition } from '../../core/office/download.ts';
import { AppError, invalidField } from '../../core/errors.ts';
import { attendanceImportTemplate, importAttendance } from './attendance-import.ts';
import { checkInKey } from './check-in-token.ts';
import { getChamberRobot, setChamberRobot } from './chamber-robot.ts';
import { attendanceSheet, completionCertificate } from './documents.ts';
import { createEventKind, listEventKinds, updateEventKind } from './kinds.ts';
import {
  activityDuty,
  activityDutyOverview,
  cancelRegistration,
  checkIn,
  checkInSessionInfo,
  createEvent,
  eventStats,
  getEvent,
  issueCheckInToken,
  listEvents,
  listHonours,
  listRegistrations,
  recordHonour,
  register,
  setEventLinks,
  transitionEvent,
} from './service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function eventRoutes(app: FastifyInstance, ctx: AppContext, auditKey: Buffer): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['events'];
  const key = checkInKey(auditKey);

  r.get(
    '/api/events',
    {
      config: { access: 'events.read' },
      schema: { tags, summary: '活动列表与日历', querystring: eventListQuery, response: { 200: eventPage } },
    },
    (request) => listEvents(ctx, actorOf(request), request.query),
  );

  r.get(
    '/api/events/stats',
    {
      config: { access: 'events.read' },
      schema: {
        tags,
        summary: '活动统计（人次、人数、企业数；按类型、组织单位、下级单位或月份）',
        querystring: eventStatsQuery,
        response: { 200: eventStatsResponse },
      },
    },
    (request) => eventStats(ctx, actorOf(request), request.query),
  );

  r.post(
    '/api/events',
    {
      config: { access: 'events.manage' },
      schema: {
        tags,
        summary: '新建活动（含场次）',
        body: createEventRequest,
        response: { 201: eventEnvelope },
      },
    },
    async (request, reply) => {
      const event = await createEvent(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ event });
    },
  );

  r.get(
    '/api/events/:id',
    {
      config: { access: 'events.read' },
      schema: { tags, summary: '活动详情（场次、人次）', params: idParams, response: { 200: eventEnvelope } },
    },
    async (request) => ({ event: await getEvent(ctx, actorOf(request), request.params.id) }),
  );

  transitionRoute(app, {
    url: '/api/events/:id/transitions',
    // Every reader may ask; the machine answers 403 to those who do not run the event.
    access: 'events.read',
    tags,
    summary: '截止报名、重新开放报名、取消活动',
    body: eventTransitionRequest,
    key: 'event',
    response: eventEnvelope,
    run: (actor, id, body, audit) => transitionEvent(ctx, actor, id, body, audit),
  });

  r.put(
    '/api/events/:id/links',
    {
      // Those who run events; an event they read but do not run: 403.
      config: { access: 'events.manage' },
      schema: {
        tags,
        summary: '修改活动关联的政策（解读会）与捐赠活动',
        params: idParams,
        body: eventLinksRequest,
        response: { 200: eventEnvelope },
      },
    },
    async (request) => ({
      event: await setEventLinks(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
    }),
  );

  r.get(
    '/api/events/:id/registrations',
    {
      config: { access: 'events.read' },
      schema: {
        tags,
        summary: '活动报名名单（企业联系人：本企业的报名）',
        params: idParams,
        response: { 200: registrationList },
      },
    },
    (request) => listRegistrations(ctx, actorOf(request), request.params.id),
  );

  r.post(
    '/api/events/:id/registrations',
    {
      config: { access: 'events.register' },
      schema: {
        tags,
        summary: '报名（超出名额进入候补）',
        params: idParams,
        body: registrationRequest,
        response: { 201: registrationEnvelope },
      },
    },
    async (request, reply) => {
      const registration = await register(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      );
      return reply.code(201).send({ registration });
    },
  );

  r.post(
    '/api/event-registrations/:id/cancel',
    {
      config: { access: 'events.register' },
      schema: {
        tags,
        summary: '取消报名（候补第一位递补）',
        params: idParams,
        response: { 200: registrationEnvelope },
      },
    },
    async (request) => ({
      registration: await cancelRegistration(
        ctx,
        actorOf(request),
        request.params.id,
        auditContextOf(request),
      ),
    }),
  );

  r.get(
    '/api/events/:id/attendance-sheet.xlsx',
    {
      config: { access: 'events.read' },
      schema: { tags, summary: '签到表（.xlsx）', params: idParams },
    },
    async (request, reply) => {
      const { buffer, title } = await attendanceSheet(
        ctx,
        actorOf(request),
        request.params.id,
        auditContextOf(request),
      );
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', attachmentDisposition('attendance-sheet.xlsx', `签到表-${title}.xlsx`))
        .send(buffer);
    },
  );

  r.get(
    '/api/event-registrations/:id/certificate.docx',
    {
      config: { access: 'events.read' },
      schema: { tags, summary: '培训班结业证书（.docx）', params: idParams },
    },
    async (request, reply) => {
      const { buffer, personName } = await completionCertificate(
        ctx,
        actorOf(request),
        request.params.id,
        auditContextOf(request),
      );
      return reply
        .header('content-type', DOCX)
        .header(
          'content-disposition',
          attachmentDisposition('certificate.docx', `结业证书-${personName}.docx`),
        )
        .send(buffer);
    },
  );

  r.get(
    '/api/event-sessions/:id/check-in-token',
    {
      config: { access: 'events.manage' },
      schema: {
        tags,
        summary: '场次签到二维码的令牌（限时有效）',
        params: idParams,
        response: { 200: checkInToken },
      },
    },
    (request) => issueCheckInToken(ctx, key, actorOf(request), request.params.id),
  );

  let template: Promise<Buffer> | undefined;
  r.get(
    '/api/event-sessions/attendance-import-template.xlsx',
    {
      config: { access: 'events.manage' },
      schema: { tags, summary: '线上场次签到名单的导入模板（.xlsx）' },
    },
    async (_request, reply) => {
      template ??= attendanceImportTemplate();
      return reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          attachmentDisposition('attendance-import-template.xlsx', '签到名单导入模板.xlsx'),
        )
        .send(await template);
    },
  );

  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 5, fieldSize: 1024, parts: 10 },
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/event-sessions/:id/attendance-import',
      {
        config: { access: 'events.manage' },
        schema: {
          tags,
          summary: '导入线上场次的签到名单（.xlsx：姓名、手机号码；dryRun=true 仅预检）',
          params: idParams,
          querystring: attendanceImportQuery,
          response: { 200: attendanceImportResult },
        },
      },
      async (request) => {
        if (!request.isMultipart())
          throw invalidField('file', 'FILE_REQUIRED', '请以 multipart/form-data 上传一个 .xlsx 文件');
        if (Number(request.headers['content-length']) > 5 * 1024 * 1024 + 64 * 1024)
          throw new AppError('PAYLOAD_TOO_LARGE');
        const data = await request.file();
        if (!data) throw invalidField('file', 'FILE_REQUIRED', '请选择要上传的 .xlsx 文件');
        return importAttendance(
          ctx,
          actorOf(request),
          auditContextOf(request),
          { file: data.file },
          { sessionId: request.params.id, dryRun: request.query.dryRun ?? false },
        );
      },
    );
  });

  r.get(
    '/api/check-ins/session',
    {
      // The phone that scanned the code: the token is the credential.
      config: { access: 'public' },
      schema: {
        tags,
        summary: '签到页：令牌对应的活动场次',
        querystring: checkInSessionQuery,
        response: { 200: sessionInfoResponse },
      },
    },
    (request) => checkInSessionInfo(ctx, key, request.query.token),
  );

  r.post(
    '/api/check-ins',
    {
      // The token admits to its session; a venue's phones share one network, so no per-address limit.
      config: { access: 'public' },
      schema: {
        tags,
        summary: '签到（同一 nonce 重试返回同一签到；同一人同一场次只计一次）',
        body: checkInRequest,
        response: { 200: checkInEnvelope, 201: checkInEnvelope },
      },
    },
    async (request, reply) => {
      const { created, checkIn: view } = await checkIn(
        ctx,
        key,
        request.actor,
        request.body,
        auditContextOf(request),
      );
      return reply.code(created ? 201 : 200).send({ checkIn: view });
    },
  );

  r.get(
    '/api/chambers/activity-duty',
    {
      config: { access: 'events.read' },
      schema: {
        tags,
        summary: '商会月度活动开展情况（全部商会）',
        querystring: activityDutyQuery,
        response: { 200: activityDutyOverviewResponse },
      },
    },
    (request) => activityDutyOverview(ctx, actorOf(request), request.query.year),
  );

  r.get(
    '/api/chambers/:id/activity-duty',
    {
      config: { access: 'events.read' },
      schema: {
        tags,
        summary: '商会月度活动开展情况（未开展活动的月份）',
        params: idParams,
        querystring: activityDutyQuery,
        response: { 200: activityDutyResponse },
      },
    },
    (request) => activityDuty(ctx, actorOf(request), request.params.id, request.query.year),
  );

  r.get(
    '/api/chambers/:id/event-robot',
    {
      config: { access: 'events.manage' },
      schema: {
        tags,
        summary: '商会活动通知机器人（是否设置、主机名）',
        params: idParams,
        response: { 200: chamberEventRobot },
      },
    },
    (request) => getChamberRobot(ctx, actorOf(request), request.params.id),
  );

  r.put(
    '/api/chambers/:id/event-robot',
    {
      config: { access: 'events.manage' },
      schema: {
        tags,
        summary: '设置或移除商会活动通知机器人（企业微信/钉钉群机器人）',
        params: idParams,
        body: chamberEventRobotRequest,
        response: { 200: chamberEventRobot },
      },
    },
    (request) =>
      setChamberRobot(ctx, actorOf(request), request.params.id, request.body, auditContextOf(request)),
  );

  r.post(
    '/api/honours',
    {
      config: { access: 'honours.write' },
      schema: { tags, summary: '登记荣誉称号', body: createHonourRequest, response: { 201: honourEnvelope } },
    },
    async (request, reply) => {
      const honour = await recordHonour(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ honour });
    },
  );

  r.get(
    '/api/honours',
    {
      config: { access: 'honours.read' },
      schema: {
        tags,
        summary: '荣誉称号（按获得者、级别、年度）',
        querystring: honourListQuery,
        response: { 200: honourList },
      },
    },
    (request) => listHonours(ctx, actorOf(request), request.query),
  );

  // 活动类型 the kinds in effect at a unit; defined by federations (events.configure).
  r.get(
    '/api/event-kinds',
    {
      config: { access: 'events.read' },
      schema: {
        tags,
        summary: '某单位适用的活动类型（本级设置、上级继承或系统默认；含已停用）',
        querystring: eventKindQuery,
        response: { 200: eventKindList },
      },
    },
    (request) => listEventKinds(ctx, actorOf(request), request.query.orgUnitId),
  );

  r.post(
    '/api/event-kinds',
    {
      config: { access: 'events.configure' },
      schema: {
        tags,
        summary: '在本级工商联新增活动类型',
        body: createEventKindRequest,
        response: { 201: eventKindEnvelope },
      },
    },
    async (request, reply) => {
      const kind = await createEventKind(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ kind });
    },
  );

  r.put(
    '/api/event-kinds/:code',
    {
      config: { access: 'events.configure' },
      schema: {
        tags,
        summary: '在本级修改活动类型的名称、排序或停用（含系统默认和上级的类型）',
        params: z.strictObject({ code: eventKindCode }),
        body: updateEventKindRequest,
        response: { 200: eventKindEnvelope },
      },
    },
    async (request) => ({
      kind: await updateEventKind(
        ctx,
        actorOf(request),
        request.params.code,
        request.body,
        auditContextOf(request),
      ),
    }),
  );
}
