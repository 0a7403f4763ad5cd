// Runs first on every API request: an API token (Authorization: Bearer) or else the CSRF check and the
// session lookup, then the route's declared access; before validation, the query strings' text rule.
// Nothing else in the app decides whether a caller may reach a route.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize } from '../access/access.ts';
import { bearerOf, loadApiToken } from '../auth/api-tokens.ts';
import { loadSession, SESSION_COOKIE } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { checkQueryText } from './query-text.ts';
import { auditContextOf } from './request-context.ts';
import { checkCsrf } from './security.ts';

export function registerAccessHook(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const bearer = bearerOf(request.headers.authorization);
    let expired = false;
    if (bearer !== undefined) {
      // An outside system's API token: no cookie is read, so no CSRF rule applies.
      const now = ctx.clock.now();
      const found = await loadApiToken(ctx.database.pool, bearer, now);
      if ('refused' in found) throw new AppError(found.refused);
      if (!ctx.apiTokens.limiter.take(found.tokenId, now)) {
        reply.header('retry-after', String(ctx.apiTokens.limiter.retryAfter(now)));
        tokenUses.set(request, { tokenId: found.tokenId, at: now });
        throw new AppError('API_TOKEN_RATE_LIMITED');
      }
      request.actor = found.actor;
      tokenUses.set(request, { tokenId: found.tokenId, at: now });
    } else {
      checkCsrf(request, { publicUrl: ctx.config.publicUrl, trusted: ctx.config.trustedOrigins });
    }
    const token = bearer === undefined ? request.cookies[SESSION_COOKIE] : undefined;
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
  // Once the caller may reach the route, and before its schema: the text rule on every query parameter.
  app.addHook('preValidation', async (request) => {
    if (request.url.startsWith('/api/')) checkQueryText(request.url);
  });
  // Every use of a token goes to its use log (in batches) with the status it was answered.
  app.addHook('onResponse', (request, reply, done) => {
    const use = tokenUses.get(request);
    if (use) {
      ctx.apiTokens.uses.add({
        ...use,
        method: request.method,
        route: request.routeOptions.url ?? request.url.split('?')[0]!,
        status: reply.statusCode,
      });
    }
    done();
  });
}

/** The token behind a request, kept until its answer is logged. */
const tokenUses = new WeakMap<FastifyRequest, { tokenId: string; at: Date }>();
