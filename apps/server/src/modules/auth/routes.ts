// Routes of /api/auth: thin wrappers over the auth service.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changePasswordRequest,
  idParams,
  loginChallenge,
  loginChallengeRequest,
  loginOptions,
  loginRequest,
  sessionList,
  smsCodeRequest,
  smsLoginRequest,
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
  type LoginResult,
} from './service.ts';
import { loginBySmsCode, requestSmsCode, smsLoginOffered } from './sms-login.ts';

export async function authRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.secureCookies,
  };
  // The sign-in routes: public, and limited per address and minute.
  const signInConfig = {
    access: 'public' as const,
    rateLimit: { max: ctx.config.loginRateLimitPerMinute || 1_000_000, timeWindow: 60_000 },
  };
  /** Whatever proved who the caller is, the session starts the same way: the cookie set, the user answered. */
  const signedIn = (
    request: FastifyRequest,
    reply: FastifyReply,
    signIn: (session: { previousToken?: string; userAgent?: string }) => Promise<LoginResult>,
  ) =>
    signIn({ previousToken: request.cookies[SESSION_COOKIE], userAgent: request.headers['user-agent'] }).then(
      (result) => {
        reply.setCookie(SESSION_COOKIE, result.token, cookieOptions);
        return { user: result.user };
      },
    );

  r.post(
    '/api/auth/login',
    {
      config: signInConfig,
      schema: { tags: ['auth'], summary: '登录', body: loginRequest, response: { 200: userEnvelope } },
    },
    (request, reply) =>
      signedIn(request, reply, (session) =>
        login(ctx, { ...request.body, ...session }, auditContextOf(request)),
      ),
  );

  // 短信验证码登录: whether it is offered, a code to the mobile, and the sign-in with it.
  r.get(
    '/api/auth/options',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: '可用的登录方式', response: { 200: loginOptions } },
    },
    () => ({ smsLogin: smsLoginOffered(ctx) }),
  );

  r.post(
    '/api/auth/sms-codes',
    {
      config: signInConfig,
      schema: { tags: ['auth'], summary: '获取短信验证码（企业联系人）', body: smsCodeRequest },
    },
    async (request, reply) => {
      await requestSmsCode(ctx, request.body.mobile, auditContextOf(request));
      return reply.code(202).send({ sent: true });
    },
  );

  r.post(
    '/api/auth/sms-login',
    {
      config: signInConfig,
      schema: {
        tags: ['auth'],
        summary: '短信验证码登录（企业联系人）',
        body: smsLoginRequest,
        response: { 200: userEnvelope },
      },
    },
    (request, reply) =>
      signedIn(request, reply, (session) =>
        loginBySmsCode(ctx, { ...request.body, ...session }, auditContextOf(request)),
      ),
  );

  // The image challenge the login asks for after repeated failures (CHALLENGE_REQUIRED).
  r.post(
    '/api/auth/challenge',
    {
      config: signInConfig,
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
