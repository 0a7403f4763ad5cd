// HTTP hardening: security headers, no caching of API answers, CSRF (content type + same origin).
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

export interface OriginRule {
  /** QINQING_PUBLIC_URL: the origin users reach. Set, it alone (with `trusted`) is this site's origin. */
  publicUrl: string | undefined;
  /** QINQING_TRUSTED_ORIGINS: further origins allowed to send state-changing requests. */
  trusted: readonly string[];
}

/**
 * The public URL's origin, or one of the configured trusted origins. Without a public URL, the request's
 * own Host header stands for the site — which a proxy may pass on from the client, so set the public URL
 * behind one.
 */
function isTrustedOrigin(request: FastifyRequest, origin: string, rule: OriginRule): boolean {
  if (rule.trusted.some((entry) => originOf(entry) === originOf(origin))) return true;
  if (rule.publicUrl !== undefined) return originOf(rule.publicUrl) === originOf(origin);
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
export function checkCsrf(request: FastifyRequest, rule: OriginRule): void {
  if (!STATE_CHANGING.has(request.method)) return;
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json' && type !== 'multipart/form-data')
    throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const origin =
    request.headers.origin ?? (request.headers.referer ? originOf(request.headers.referer) : null);
  if (!origin || origin === 'null' || !isTrustedOrigin(request, origin, rule)) {
    throw new AppError('CSRF_REJECTED');
  }
}

/**
 * The security headers of the web app's pages, computed once: helmet's set for our needs (CSP for the web
 * app — Ant Design injects its CSS-in-JS styles at run time, hence 'unsafe-inline' for styles only —,
 * nosniff, frame denial, same-origin referrer). Writing a fixed header map costs nothing per request,
 * where the helmet plugin rebuilds its middleware on every one.
 */
const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'self'",
    "base-uri 'self'",
    "font-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "img-src 'self' data: blob:",
    "object-src 'none'",
    "script-src 'self'",
    "script-src-attr 'none'",
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
  ].join(';'),
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

/**
 * The headers of API answers (JSON and downloads), as the OWASP REST Security Cheat Sheet lists them: no
 * caching, a CSP that allows nothing and no framing, nosniff, no cross-origin reads. The page-only ones
 * (script sources, DNS prefetch, IE download options…) mean nothing to a JSON answer and would only make
 * each of the platform's most frequent answers longer.
 */
const API_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none';frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

/** One onSend hook for every answer: the security headers of a page or of the API, and the request id. */
export function registerResponseHeaders(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    // The API reference (/api/docs) is a page: its scripts and styles are served from here, like the app's.
    const page = !request.url.startsWith('/api/') || request.url.startsWith('/api/docs');
    reply.headers(page ? PAGE_HEADERS : API_HEADERS);
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
}
