// Builds the Fastify app (no listen): plugins, the access hook, every module's routes, the web app.
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyServerOptions,
  type RouteOptions,
} from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { AuditLog } from './core/audit/audit-log.ts';
import { TokenRateLimiter, TokenUseLog } from './core/auth/api-tokens.ts';
import { SecuritySettingsStore } from './core/auth/security-settings.ts';
import { AdjustableClock } from './core/clock.ts';
import { Scheduler } from './core/scheduler/scheduler.ts';
import { SmsGateway } from './core/sms/gateway.ts';
import type { AppContext } from './core/context.ts';
import { AppError } from './core/errors.ts';
import { registerAccessHook } from './core/http/access-hook.ts';
import { registerErrorHandling } from './core/http/error-handler.ts';
import { registerResponseHeaders } from './core/http/security.ts';
import type { Database } from './db/connection.ts';
import { apiTokenRoutes } from './modules/api-tokens/routes.ts';
import { hotlineRoutes } from './modules/hotline/routes.ts';
import { appealStatsRoutes } from './modules/appeal-stats/routes.ts';
import { appealCategoryRoutes } from './modules/appeal-categories/routes.ts';
import { appealRoutes } from './modules/appeals/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { channelRoutes } from './modules/channels/routes.ts';
import { calendarRoutes } from './modules/calendar/routes.ts';
import { WorkingCalendar } from './core/calendar/working-calendar.ts';
import { chamberRoutes } from './modules/chambers/routes.ts';
import { enterpriseRoutes } from './modules/enterprises/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { importRoutes } from './modules/imports/routes.ts';
import { invitationRoutes } from './modules/invitations/routes.ts';
import { jobRoutes } from './modules/jobs/routes.ts';
import { ledgerRoutes } from './modules/ledgers/routes.ts';
import { notificationRoutes } from './modules/notifications/routes.ts';
import { startJobRunner } from './modules/jobs/runner.ts';
import { orgUnitRoutes } from './modules/org-units/routes.ts';
import { ownEnterpriseRoutes } from './modules/own-enterprise/routes.ts';
import { partyOrganizationRoutes } from './modules/party-organizations/routes.ts';
import { peopleRoutes } from './modules/people/routes.ts';
import { referenceRoutes } from './modules/reference/routes.ts';
import { reportRoutes } from './modules/reports/routes.ts';
import { scheduledTasks } from './scheduled-tasks.ts';
import { measureCatalogue } from './modules/measures/catalogue.ts';
import { measureRoutes } from './modules/measures/routes.ts';
import { dashboardRoutes } from './modules/dashboard/routes.ts';
import { departmentFigureRoutes } from './modules/department-figures/routes.ts';
import { ownFigureRoutes } from './modules/own-figures/routes.ts';
import { donationRoutes } from './modules/donations/routes.ts';
import { roleRoutes } from './modules/roles/routes.ts';
import { searchRoutes } from './modules/search/routes.ts';
import { settingsRoutes } from './modules/settings/routes.ts';
import { suggestionRoutes } from './modules/suggestions/routes.ts';
import { testRoutes } from './modules/testing/routes.ts';
import { userRoutes } from './modules/users/routes.ts';
import { visitRoutes } from './modules/visits/routes.ts';
import { volunteerRoutes } from './modules/volunteers/routes.ts';
// 惠企政策 policies
import { policyRoutes } from './modules/policies/routes.ts';
// 服务包 service packages
import { servicePackageRoutes } from './modules/service-packages/routes.ts';
import { streetAdoptionRoutes } from './modules/street-adoption/routes.ts';
// events (issue 16)
import { eventRoutes } from './modules/events/routes.ts';
// 融资 financing
import { financingRoutes } from './modules/financing/routes.ts';
// 互助 mutual aid
import { mutualAidRoutes } from './modules/mutual-aid/routes.ts';

export interface BuildOptions {
  config: Config;
  database: Database;
  auditKey: Buffer;
  logger?: FastifyServerOptions['logger'];
  /** Where the app's clock starts (test mode: the harness's fixed instant); none: the system time. */
  clockStartsAt?: Date;
}

export interface BuiltApp {
  app: FastifyInstance;
  ctx: AppContext;
  /** Every route as registered, with its declared access: the route test reads it. */
  routes: RouteOptions[];
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;
const REQUEST_LOG_LEVELS = new Set(['trace', 'debug', 'info']);

export async function buildApp(options: BuildOptions): Promise<BuiltApp> {
  const { config, database } = options;
  const clock = new AdjustableClock(options.clockStartsAt);
  const ctx: AppContext = {
    config,
    database,
    clock,
    audit: new AuditLog(options.auditKey, clock),
    security: new SecuritySettingsStore(database.db, config.securityDefaults),
    calendar: new WorkingCalendar(database.db),
    scheduler: new Scheduler(database.db, clock),
    measures: measureCatalogue(clock),
    sms: config.sms ? new SmsGateway(config.sms, () => clock.now(), config.outboundAllow) : undefined,
    apiTokens: {
      limiter: new TokenRateLimiter(config.apiTokenRatePerMinute || Number.MAX_SAFE_INTEGER),
      uses: new TokenUseLog(database.pool, (error) => app.log.error({ err: error }, 'api token use log')),
    },
  };
  await ctx.calendar.load();

  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
    // One log line per request (below), not Fastify's two; the request id is on every line.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    // Behind a reverse proxy (QINQING_TRUST_PROXY): the client's address from X-Forwarded-For.
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });

  // One log line per request, when it will be written: above info (LOG_LEVEL=warn) there is no hook at all.
  if (REQUEST_LOG_LEVELS.has(app.log.level)) {
    app.addHook('onResponse', (request, reply, done) => {
      request.log.info(
        {
          method: request.method,
          url: request.url,
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
          user: request.actor?.username,
        },
        'request',
      );
      done();
    });
  }

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // An empty JSON body (a bodyless POST such as logout) is "no body", not a parse error.
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    defaultJson(request, body as string, (error, value) => {
      if (error) return done(new AppError('MALFORMED_JSON'), undefined);
      done(null, value);
    });
  });

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '亲清 Qinqing API',
        version: '0.1.0',
        description:
          '工商联工作平台接口。错误统一为 {"error":{"code","message","details"}}；状态变更请求须为 JSON 且同源。' +
          '外部系统以接口令牌调用：请求头 Authorization: Bearer <令牌>（由安全管理员签发，限定权限与组织范围，无需 Cookie，不受同源校验）。',
      },
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: '接口令牌（qqt_ 开头），由安全管理员签发',
          },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'qinqing_sid' },
        },
      },
      security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // The interactive reference (/api/docs): Swagger UI's files come from node_modules, no CDN.
  await app.register(async (docs) => {
    // The reference is as public as /api/openapi.json: every route under it declares so.
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' };
    });
    await docs.register(swaggerUi, {
      routePrefix: '/api/docs',
      uiConfig: { docExpansion: 'list', deepLinking: true },
    });
  });
  registerResponseHeaders(app);
  const hasWeb = fs.existsSync(`${config.webDist}/index.html`);
  registerErrorHandling(app, hasWeb);
  registerAccessHook(app, ctx);

  await healthRoutes(app, ctx);
  await authRoutes(app, ctx);
  await userRoutes(app, ctx);
  await orgUnitRoutes(app, ctx);
  await roleRoutes(app, ctx);
  await settingsRoutes(app, ctx);
  await auditRoutes(app, ctx, options.auditKey);
  await enterpriseRoutes(app, ctx);
  await ownEnterpriseRoutes(app, ctx);
  await peopleRoutes(app, ctx);
  await chamberRoutes(app, ctx);
  await partyOrganizationRoutes(app, ctx);
  await visitRoutes(app, ctx);
  await appealRoutes(app, ctx);
  await appealStatsRoutes(app, ctx);
  await departmentFigureRoutes(app, ctx);
  await ownFigureRoutes(app, ctx);
  await channelRoutes(app, ctx);
  await appealCategoryRoutes(app, ctx);
  await suggestionRoutes(app, ctx);
  await donationRoutes(app, ctx);
  await volunteerRoutes(app, ctx);
  await streetAdoptionRoutes(app, ctx);
  await ledgerRoutes(app, ctx);
  await reportRoutes(app, ctx);
  await dashboardRoutes(app, ctx);
  await measureRoutes(app, ctx);
  await searchRoutes(app, ctx);
  await referenceRoutes(app);
  const jobs = await startJobRunner(app, ctx);
  await jobRoutes(app, ctx);
  await importRoutes(app, ctx, jobs);
  await invitationRoutes(app, ctx, jobs);
  // 惠企政策 policies
  await policyRoutes(app, ctx, jobs);
  await servicePackageRoutes(app, ctx);
  await calendarRoutes(app, ctx);
  await notificationRoutes(app, ctx);
  await apiTokenRoutes(app, ctx);
  await hotlineRoutes(app, ctx);
  // events (issue 16): the check-in tokens are signed with a key derived from the audit key.
  await eventRoutes(app, ctx, options.auditKey);
  await financingRoutes(app, ctx); // 融资 financing
  await mutualAidRoutes(app, ctx); // 互助 mutual aid
  for (const task of scheduledTasks(app, ctx)) ctx.scheduler.register(task);
  // Tests set the clock and run the timers through these; they do not exist outside test mode.
  if (config.testMode) await testRoutes(app, ctx);
  // The scheduler's timer is started by main.ts; stopping it here covers tests and every other caller.
  app.addHook('onClose', () => ctx.scheduler.stop());
  app.addHook('onClose', () => ctx.apiTokens.uses.flush());

  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: config.webDist,
      wildcard: false,
      index: 'index.html',
      // The build writes a .gz beside each script and style sheet (vite.config.ts): a phone on a slow
      // connection downloads the compressed file, and nothing is compressed per request.
      preCompressed: true,
      setHeaders(res, filePath) {
        res.header(
          'cache-control',
          filePath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  return { app, ctx, routes };
}
