// Signing in over HTTP as the browser does: JSON body, same-origin Origin header, session cookie back.
import { DEMO_PASSWORD } from './server.ts';

export interface LoginOutcome {
  status: number;
  /** Value of the qinqing_sid cookie; undefined when the login failed. */
  token: string | undefined;
}

const SESSION_COOKIE = /^qinqing_sid=([^;]*)/;

export async function login(
  baseUrl: string,
  username = 'staff',
  password = DEMO_PASSWORD,
): Promise<LoginOutcome> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(30_000),
  });
  await response.arrayBuffer();
  const token = response.headers
    .getSetCookie()
    .map((cookie) => SESSION_COOKIE.exec(cookie)?.[1])
    .find((value) => value !== undefined && value !== '');
  return { status: response.status, token: response.status === 200 ? token : undefined };
}

/** Logs in and fails loudly when that did not work: every benchmark after it would measure 401s. */
export async function sessionCookie(baseUrl: string): Promise<string> {
  const outcome = await login(baseUrl);
  if (!outcome.token) throw new Error(`login as staff failed with HTTP ${outcome.status}`);
  return `qinqing_sid=${outcome.token}`;
}
