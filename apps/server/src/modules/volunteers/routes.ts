// Routes of 志愿服务: /api/volunteers, /api/volunteer-teams, /api/volunteer-activities (sign-up, hours served,
// confirm or void) and /api/blood-drives.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  activityEnvelope,
  activityListQuery,
  activityPage,
  activityServiceRequest,
  activitySignupRequest,
  activityTransitionRequest,
  addTeamMembersRequest,
  bloodDriveEnvelope,
  bloodDriveList,
  bloodDriveListQuery,
  createActivityRequest,
  createBloodDriveRequest,
  createTeamRequest,
  createVolunteerRequest,
  idParams,
  teamEnvelope,
  teamList,
  updateBloodDriveRequest,
  volunteerEnvelope,
  volunteerListQuery,
  volunteerPage,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { transitionRoute } from '../../core/http/transition-route.ts';
import {
  addMembersToTeam,
  createActivity,
  createBloodDrive,
  createTeam,
  createVolunteer,
  getActivity,
  getVolunteer,
  listActivities,
  listBloodDrives,
  listTeams,
  listVolunteers,
  recordService,
  signUpForActivity,
  transitionActivity,
  updateBloodDrive,
} from './service.ts';

export async function volunteerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['volunteers'];

  r.get(
    '/api/volunteers',
    {
      config: { access: 'volunteers.read' },
      schema: {
        tags,
        summary: '志愿者列表（partyMember=true 只看党员）',
        querystring: volunteerListQuery,
        response: { 200: volunteerPage },
      },
    },
    (request) => listVolunteers(ctx, actorOf(request), request.query),
  );

  r.get(
    '/api/volunteers/:id',
    {
      config: { access: 'volunteers.read' },
      schema: { tags, summary: '志愿者详情', params: idParams, response: { 200: volunteerEnvelope } },
    },
    async (request) => ({ volunteer: await getVolunteer(ctx, actorOf(request), request.params.id) }),
  );

  r.post(
    '/api/volunteers',
    {
      config: { access: 'volunteers.write' },
      schema: {
        tags,
        summary: '登记志愿者',
        body: createVolunteerRequest,
        response: { 201: volunteerEnvelope },
      },
    },
    async (request, reply) => {
      const volunteer = await createVolunteer(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ volunteer });
    },
  );

  r.get(
    '/api/volunteer-teams',
    {
      config: { access: 'volunteers.read' },
      schema: { tags, summary: '志愿服务队', response: { 200: teamList } },
    },
    (request) => listTeams(ctx, actorOf(request)),
  );

  r.post(
    '/api/volunteer-teams',
    {
      config: { access: 'volunteers.write' },
      schema: { tags, summary: '新建志愿服务队', body: createTeamRequest, response: { 201: teamEnvelope } },
    },
    async (request, reply) => {
      const team = await createTeam(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ team });
    },
  );

  r.post(
    '/api/volunteer-teams/:id/members',
    {
      config: { access: 'volunteers.write' },
      schema: {
        tags,
        summary: '志愿服务队加入队员',
        params: idParams,
        body: addTeamMembersRequest,
        response: { 200: teamEnvelope },
      },
    },
    async (request) => ({
      team: await addMembersToTeam(
        ctx,
        actorOf(request),
        request.params.id,
        request.body.volunteerIds,
        auditContextOf(request),
      ),
    }),
  );

  r.get(
    '/api/volunteer-activities',
    {
      config: { access: 'volunteers.read' },
      schema: {
        tags,
        summary: '志愿活动列表',
        querystring: activityListQuery,
        response: { 200: activityPage },
      },
    },
    (request) => listActivities(ctx, actorOf(request), request.query),
  );

  r.get(
    '/api/volunteer-activities/:id',
    {
      config: { access: 'volunteers.read' },
      schema: {
        tags,
        summary: '志愿活动详情（报名与服务时长）',
        params: idParams,
        response: { 200: activityEnvelope },
      },
    },
    async (request) => ({ activity: await getActivity(ctx, actorOf(request), request.params.id) }),
  );

  r.post(
    '/api/volunteer-activities',
    {
      config: { access: 'volunteers.write' },
      schema: {
        tags,
        summary: '登记志愿活动（商会秘书长登记的待工商联确认）',
        body: createActivityRequest,
        response: { 201: activityEnvelope },
      },
    },
    async (request, reply) => {
      const activity = await createActivity(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ activity });
    },
  );

  r.post(
    '/api/volunteer-activities/:id/signups',
    {
      config: { access: 'volunteers.write' },
      schema: {
        tags,
        summary: '志愿活动报名',
        params: idParams,
        body: activitySignupRequest,
        response: { 200: activityEnvelope },
      },
    },
    async (request) => ({
      activity: await signUpForActivity(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
    }),
  );

  r.post(
    '/api/volunteer-activities/:id/service',
    {
      config: { access: 'volunteers.write' },
      schema: {
        tags,
        summary: '登记每人服务时长（小时，最多一位小数）',
        params: idParams,
        body: activityServiceRequest,
        response: { 200: activityEnvelope },
      },
    },
    async (request) => ({
      activity: await recordService(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
    }),
  );

  transitionRoute(app, {
    url: '/api/volunteer-activities/:id/transitions',
    access: 'volunteers.confirm',
    tags,
    summary: '确认或作废志愿活动',
    body: activityTransitionRequest,
    key: 'activity',
    response: activityEnvelope,
    run: (actor, id, body, audit) => transitionActivity(ctx, actor, id, body, audit),
  });

  r.get(
    '/api/blood-drives',
    {
      config: { access: 'volunteers.read' },
      schema: {
        tags,
        summary: '无偿献血活动',
        querystring: bloodDriveListQuery,
        response: { 200: bloodDriveList },
      },
    },
    (request) => listBloodDrives(ctx, actorOf(request), request.query),
  );

  r.post(
    '/api/blood-drives',
    {
      config: { access: 'volunteers.write' },
      schema: {
        tags,
        summary: '登记无偿献血活动',
        body: createBloodDriveRequest,
        response: { 201: bloodDriveEnvelope },
      },
    },
    async (request, reply) => {
      const bloodDrive = await createBloodDrive(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ bloodDrive });
    },
  );

  r.patch(
    '/api/blood-drives/:id',
    {
      config: { access: 'volunteers.write' },
      schema: {
        tags,
        summary: '修改报名与献血人数',
        params: idParams,
        body: updateBloodDriveRequest,
        response: { 200: bloodDriveEnvelope },
      },
    },
    async (request) => ({
      bloodDrive: await updateBloodDrive(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
    }),
  );
}
