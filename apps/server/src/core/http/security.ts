// HTTP hardening: security headers, no caching of API answers, CSRF (content type + same origin).
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Same origin as the request itself (its Host header), or one of the configured trusted origins. */
function isTrustedOrigin(request: FastifyRequest, origin: string, trusted: readonly string[]): boolean {
  if (trusted.some((entry) => originOf(entry) === originOf(origin))) return true;
  const host = request.headers.host;
  if (host === undefined) return false;
  // Compare normalised origins: "http://example.org:80" and "http://example.org" are the same origin.
  const normalised = originOf(origin);
  return normalised === originOf(`http://${host}`) || normalised === originOf(`https://${host}`);
}

/**
 * A state-changing request must carry a JSON or multipart body type (an HTML form cannot send JSON) and an
 * Origin, or failing that a Referer, of this site. Cross-origin posts are refused before anything runs.
 */
export function checkCsrf(request: FastifyRequest, trustedOrigins: readonly string[]): void {
  if (!STATE_CHANGING.has(request.method)) return;
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json' && type !== 'multipart/form-data')
    throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const origin =
    request.headers.origin ?? (request.headers.referer ? originOf(request.headers.referer) : null);
  if (!origin || origin === 'null' || !isTrustedOrigin(request, origin, trustedOrigins)) {
    throw new AppError('CSRF_REJECTED');
  }
}

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    hsts: false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
