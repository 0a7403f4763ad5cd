// Runs first on every API request: CSRF check, session lookup, then the route's declared access.
// Nothing else in the app decides whether a caller may reach a route.
import type { FastifyInstance } from 'fastify';
import { authorize } from '../access/access.ts';
import { loadSession, SESSION_COOKIE } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { auditContextOf } from './request-context.ts';
import { checkCsrf } from './security.ts';

export function registerAccessHook(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    checkCsrf(request, ctx.config.trustedOrigins);
    const token = request.cookies[SESSION_COOKIE];
    let expired = false;
    if (token) {
      const policy = ctx.security.fresh() ?? (await ctx.security.get());
      const found = await loadSession(ctx.database.pool, token, ctx.clock.now(), policy);
      if (found && 'actor' in found) request.actor = found.actor;
      else {
        expired = found !== undefined;
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    // Unknown routes fall through to the 404 handler.
    if (request.is404) return;
    const verdict = authorize(request.actor, request.routeOptions.config.access);
    if (verdict === null) return;
    if (verdict === 'UNAUTHENTICATED' && expired) throw new AppError('SESSION_EXPIRED');
    if (verdict === 'FORBIDDEN' && request.actor) {
      await ctx.database.db.transaction((tx) =>
        ctx.audit.record(tx, auditContextOf(request), {
          action: 'access.denied',
          result: 'denied',
          detail: { method: request.method, route: request.routeOptions.url ?? request.url },
        }),
      );
    }
    throw new AppError(verdict);
  });
}
