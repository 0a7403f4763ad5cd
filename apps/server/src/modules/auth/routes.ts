// Routes of /api/auth: thin wrappers over the auth service.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changePasswordRequest,
  idParams,
  loginChallenge,
  loginChallengeRequest,
  loginRequest,
  sessionList,
  userEnvelope,
} from '@qinqing/shared';
import { SESSION_COOKIE } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import {
  changePassword,
  createChallenge,
  currentUserOf,
  listOwnSessions,
  login,
  logout,
  revokeOwnSession,
} from './service.ts';

export async function authRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.secureCookies,
  };

  r.post(
    '/api/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: { max: ctx.config.loginRateLimitPerMinute || 1_000_000, timeWindow: 60_000 },
      },
      schema: { tags: ['auth'], summary: '登录', body: loginRequest, response: { 200: userEnvelope } },
    },
    async (request, reply) => {
      const result = await login(
        ctx,
        {
          ...request.body,
          previousToken: request.cookies[SESSION_COOKIE],
          userAgent: request.headers['user-agent'],
        },
        auditContextOf(request),
      );
      reply.setCookie(SESSION_COOKIE, result.token, cookieOptions);
      return { user: result.user };
    },
  );

  // The image challenge the login asks for after repeated failures (CHALLENGE_REQUIRED).
  r.post(
    '/api/auth/challenge',
    {
      config: {
        access: 'public',
        rateLimit: { max: ctx.config.loginRateLimitPerMinute || 1_000_000, timeWindow: 60_000 },
      },
      schema: {
        tags: ['auth'],
        summary: '获取登录验证码',
        body: loginChallengeRequest,
        response: { 200: loginChallenge },
      },
    },
    () => createChallenge(ctx),
  );

  r.post(
    '/api/auth/logout',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: '退出登录' } },
    async (request, reply) => {
      await logout(ctx, actorOf(request), auditContextOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: '当前用户', response: { 200: userEnvelope } },
      // The web app asks on every page; the answer is built from the typed session, so it is written
      // without a second check against the schema (which still documents it).
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request) => ({ user: currentUserOf(actorOf(request)) }),
  );

  r.post(
    '/api/auth/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: '修改密码',
        body: changePasswordRequest,
        response: { 200: userEnvelope },
      },
    },
    async (request) => ({
      user: await changePassword(ctx, actorOf(request), request.body, auditContextOf(request)),
    }),
  );

  r.get(
    '/api/auth/sessions',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: '我的会话', response: { 200: sessionList } },
    },
    async (request) => ({ items: await listOwnSessions(ctx, actorOf(request)) }),
  );

  r.delete(
    '/api/auth/sessions/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: '结束一个会话', params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await revokeOwnSession(ctx, actorOf(request), request.params.id, auditContextOf(request));
      if (request.params.id === actorOf(request).sessionId) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
}
