// One error format everywhere: {"error":{"code","message","details"}}; codes map to statuses in
// @qinqing/shared; messages follow the client's language; never a stack trace.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  errorMessage,
  errorStatus,
  type ErrorBody,
  type ErrorCode,
  type ErrorDetail,
  type Lang,
} from '@qinqing/shared';
import { isDatabaseUnavailable, isDeadlock } from '../../db/errors.ts';
import { AppError } from '../errors.ts';
import { langOf } from './request-context.ts';

const zhLocale = z.locales.zhCN().localeError;
const enLocale = z.locales.en().localeError;

/** Fastify's own error codes that are the client's fault. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_BAD_URL: 'NOT_FOUND',
  FST_ERR_ASYNC_CONSTRAINT: 'NOT_FOUND',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  FST_ERR_RATE_LIMITED: 'RATE_LIMITED',
};

type ZodIssue = z.core.$ZodIssue;

function issueMessage(issue: ZodIssue, lang: Lang): string {
  const params = (issue as { params?: { code?: string } }).params;
  if (issue.code === 'custom' && params?.code) return issue.message;
  // A message written into the schema (they are Chinese) says more than zod's generic one.
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    return lang === 'en' ? `Unknown field(s): ${keys}` : `不允许的字段：${keys}`;
  }
  const localized = (lang === 'en' ? enLocale : zhLocale)(issue as never);
  const text = typeof localized === 'string' ? localized : localized?.message;
  return text ?? issue.message;
}

function issueDetails(issues: readonly ZodIssue[], lang: Lang, prefix: string): ErrorDetail[] {
  return issues.map((issue) => {
    const params = (issue as { params?: { code?: string } }).params;
    return {
      path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
      code: params?.code ?? issue.code.toUpperCase(),
      message: issueMessage(issue, lang),
    };
  });
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  details?: ErrorDetail[],
  extra?: Record<string, unknown>,
): FastifyReply {
  const body: ErrorBody = {
    error: { code, message: errorMessage(code, langOf(request)), requestId: request.id, ...extra },
  };
  if (details && details.length > 0) body.error.details = details;
  return reply.code(errorStatus(code)).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** `spaIndex`: unknown non-API GETs get the web app's index.html so that client-side routes load. */
export function registerErrorHandling(app: FastifyInstance, spaIndex: boolean): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    try {
      return handleError(error, request, reply);
    } catch (failure) {
      request.log.error({ err: failure, original: error }, 'error handler failed');
      return sendError(request, reply, 'INTERNAL_ERROR');
    }
  });
  app.setNotFoundHandler((request, reply) => {
    if (spaIndex && request.method === 'GET' && !request.url.startsWith('/api/') && request.url !== '/api') {
      // The phone side (/m/…) is its own page with its own small bundle, never the admin's.
      const page = /^\/m(\/|\?|$)/.test(request.url) ? 'm/index.html' : 'index.html';
      return reply.header('cache-control', 'no-cache').sendFile(page);
    }
    return sendError(request, reply, 'NOT_FOUND');
  });
}

function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const lang = langOf(request);
  if (error instanceof AppError) return sendError(request, reply, error.code, error.details, error.extra);
  if (hasZodFastifySchemaValidationErrors(error)) {
    // The type provider flattens each zod issue into Fastify's validation shape; rebuild the issue.
    const issues = error.validation.map(
      (v) =>
        ({
          ...(v.params as object),
          code: v.keyword,
          path: v.instancePath.split('/').filter(Boolean),
          message: v.message,
        }) as unknown as ZodIssue,
    );
    return sendError(
      request,
      reply,
      'VALIDATION_FAILED',
      // Body fields are named as in the form; query and path parameters carry their prefix.
      issueDetails(issues, lang, error.validationContext === 'body' ? '' : (error.validationContext ?? '')),
    );
  }
  if (error instanceof z.ZodError) {
    return sendError(request, reply, 'VALIDATION_FAILED', issueDetails(error.issues, lang, ''));
  }
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return sendError(request, reply, mapped);
  if (error.statusCode === 429) return sendError(request, reply, 'RATE_LIMITED');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    request.log.warn({ err: error }, 'client error without a mapped code');
    return sendError(request, reply, 'VALIDATION_FAILED');
  }
  if (isDatabaseUnavailable(error)) {
    // The database is down or restarting: the client may retry; the pool reconnects by itself.
    request.log.warn({ err: error }, 'database unavailable');
    return sendError(request, reply, 'DATABASE_UNAVAILABLE');
  }
  if (isDeadlock(error)) {
    // Deadlocked on every try (db/errors.ts retryOnDeadlock) or where no retry runs: the transaction was
    // rolled back whole, so the client may send it again.
    request.log.warn({ err: error }, 'write failed by deadlocks');
    return sendError(request, reply, 'DATABASE_BUSY');
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(request, reply, 'INTERNAL_ERROR');
}
