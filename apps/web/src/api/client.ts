// API client: same-origin fetch with JSON both ways, the caller's language, and one error type. A lost
// session sends the user to /login (keeping the page to come back to); a pending password change sends
// them to /change-password. Who does the navigating is registered by the app (see app/auth-redirects.ts).
import { isErrorBody, type ErrorCode, type ErrorDetail } from '@qinqing/shared';
import { currentLanguage, i18n } from '../i18n/index.ts';

/** The server's codes, plus two the client gives when there is no usable answer at all. */
export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR' | 'BAD_RESPONSE';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: ErrorDetail[];
  /** Other fields of the error body the client may use (e.g. `existingId` on a duplicate credit code). */
  readonly extra: Record<string, unknown>;

  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    details: ErrorDetail[] = [],
    extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.extra = extra;
  }
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

export type AuthFailure = 'unauthenticated' | 'expired' | 'password-change';
type AuthFailureHandler = (failure: AuthFailure) => void;

let authFailureHandler: AuthFailureHandler | undefined;

export function setAuthFailureHandler(handler: AuthFailureHandler | undefined): void {
  authFailureHandler = handler;
}

function authFailureOf(error: ApiError): AuthFailure | undefined {
  if (error.code === 'UNAUTHENTICATED') return 'unauthenticated';
  if (error.code === 'SESSION_EXPIRED') return 'expired';
  if (error.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED') return 'password-change';
  return undefined;
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** `?a=1&b=x` from the values that are set; empty strings, null and undefined are left out. */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** False for calls that handle "not signed in" themselves (the session probe, the login form). */
  authRedirect?: boolean;
  /** Extra request headers (an `Idempotency-Key` that makes a retried create answer the same record). */
  headers?: Record<string, string>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function errorFrom(status: number, payload: unknown): ApiError {
  if (isErrorBody(payload)) {
    const { code, message, details, ...extra } = payload.error;
    return new ApiError(status, code, message || i18n.t('common.unknownError'), details ?? [], extra);
  }
  return new ApiError(
    status,
    status >= 500 ? 'INTERNAL_ERROR' : 'BAD_RESPONSE',
    i18n.t('common.unknownError'),
  );
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage() === 'en-US' ? 'en' : 'zh-CN',
    ...options.headers,
  };
  const init: RequestInit = { method, headers, credentials: 'same-origin', signal: options.signal };
  // The server refuses a state-changing request that is not JSON or multipart (its CSRF defence): a file
  // goes as multipart (the browser sets the boundary), everything else as JSON.
  if (options.body instanceof FormData) {
    init.body = options.body;
  } else if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body ?? {});
  }

  let response: Response;
  try {
    response = await fetch(`/api${path}${queryString(options.query)}`, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK_ERROR', i18n.t('common.networkError'));
  }

  if (response.status === 204) return undefined as T;
  const payload = await readJson(response);
  if (response.ok) return payload as T;

  const error = errorFrom(response.status, payload);
  const failure = authFailureOf(error);
  if (failure && options.authRedirect !== false) authFailureHandler?.(failure);
  throw error;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
  /** A multipart POST (file uploads): the form's fields as they are, no JSON. */
  upload: <T>(path: string, form: FormData, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body: form }),
};

/** A page of results as every list endpoint returns it. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
