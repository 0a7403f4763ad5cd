// What every request carries: the signed-in actor, the route's declared access, the client's language.
import type { FastifyRequest } from 'fastify';
import type { Lang, RouteAccess } from '@qinqing/shared';
import type { AuditContext } from '../audit/audit-log.ts';
import type { Actor } from '../auth/sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
  interface FastifyContextConfig {
    /** What the route needs; a route without it is refused (and fails the route test). */
    access?: RouteAccess;
  }
}

export function langOf(request: FastifyRequest): Lang {
  const header = request.headers['accept-language'];
  return typeof header === 'string' && /^en\b/i.test(header.trim()) ? 'en' : 'zh';
}

export function auditContextOf(request: FastifyRequest): AuditContext {
  return {
    actorId: request.actor?.userId ?? null,
    actorName: request.actor?.username ?? null,
    actorRoles: request.actor?.roles ?? [],
    ip: request.ip,
    requestId: request.id,
  };
}

/** The actor of a route that declared a non-public access (the access hook guarantees it). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error('actorOf called on a request without a signed-in user');
  return request.actor;
}
