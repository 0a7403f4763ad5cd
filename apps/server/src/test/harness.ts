// The API test harness: a real app on its own real database, requests through Fastify's inject, and
// factories that build accounts and sessions.
import type { LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type BuiltApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import { hashPassword } from '../core/auth/passwords.ts';
import { hashToken, newToken, SESSION_COOKIE } from '../core/auth/sessions.ts';
import { connect, type Database } from '../db/connection.ts';
import { seedIfEmpty } from '../demo/seed.ts';
import { sessions, users } from '../db/schema/index.ts';
import type { ErrorDetail, Role } from '@qinqing/shared';
import { createTestDatabase, demoTemplateBuilt } from './database.ts';

export const ORIGIN = 'http://localhost:80';
export const DEMO_PASSWORD = 'Demo-Password-2026!';
/** One demo account of each role (the demo seeds them), for sweeps over who may and may not. */
export const DEMO_ROLE_ACCOUNTS = [
  'staff',
  'leader',
  'secretary',
  'liaison',
  'member',
  'sysadmin',
  'secadmin',
  'auditor',
] as const;
export const TEST_AUDIT_KEY = 'qinqing-test-audit-key';
/**
 * Where every test app's clock starts, whatever the day the suite runs: a Monday morning in Beijing, in a
 * year the working calendar knows, after every period the tests report on. The demo data is dated from it
 * and the timers read it.
 */
export const TEST_CLOCK_START = new Date('2026-11-30T09:30:00+08:00');

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  cookie?: string;
  headers?: Record<string, string>;
}

export interface TestApp extends BuiltApp {
  database: Database;
  config: Config;
  request(options: RequestOptions): Promise<LightMyRequestResponse>;
  /** Signs in through the API and returns the session cookie. */
  signIn(username: string, password?: string): Promise<string>;
  /** A session made directly in the database (no password hashing): fast, for permission sweeps. */
  sessionFor(userId: string): Promise<string>;
  userId(username: string): Promise<string>;
  close(): Promise<void>;
}

export async function setupTestApp(
  options: {
    env?: Record<string, string>;
    demo?: boolean;
    /** Where the app's clock starts: `TEST_CLOCK_START` unless said; 'system' for the system time. */
    clockStartsAt?: Date | 'system';
  } = {},
): Promise<TestApp> {
  // The demo on the default clock is copied from the launcher's demo template; any other is seeded here.
  const seedHere = options.demo !== false && (options.clockStartsAt !== undefined || !demoTemplateBuilt());
  const testDb = await createTestDatabase({ demo: options.demo !== false && !seedHere });
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    QINQING_AUDIT_KEY: TEST_AUDIT_KEY,
    QINQING_DATA_DIR: path.join(os.tmpdir(), `qinqing-test-${randomBytes(4).toString('hex')}`),
    DATABASE_URL: testDb.url,
    ...options.env,
  });
  const database = connect(testDb.url, 10);
  const logger = process.env.QINQING_TEST_LOG ? { level: process.env.QINQING_TEST_LOG } : false;
  const clockStartsAt = options.clockStartsAt ?? TEST_CLOCK_START;
  const built = await buildApp({
    config,
    database,
    auditKey: Buffer.from(TEST_AUDIT_KEY),
    logger,
    clockStartsAt: clockStartsAt === 'system' ? undefined : clockStartsAt,
  });
  if (seedHere) {
    await seedIfEmpty(database.db, built.ctx.audit, {
      demo: true,
      demoPassword: DEMO_PASSWORD,
      now: built.ctx.clock.now(),
    });
  }
  await built.app.ready();

  const request = (o: RequestOptions) => {
    const method = o.method ?? 'GET';
    const headers: Record<string, string> = { host: 'localhost:80', ...o.headers };
    if (method !== 'GET') {
      headers['content-type'] ??= 'application/json';
      // A browser at the public URL, when one is configured (the CSRF rule then compares with it alone).
      headers.origin ??= config.publicUrl ? new URL(config.publicUrl).origin : ORIGIN;
    }
    if (o.cookie) headers.cookie = o.cookie;
    return built.app.inject({
      method,
      url: o.url,
      headers,
      payload:
        o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body),
    });
  };

  const userId = async (username: string) => {
    const { rows } = await database.pool.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [
      username,
    ]);
    if (!rows[0]) throw new Error(`no user ${username}`);
    return rows[0].id;
  };

  return {
    ...built,
    database,
    config,
    request,
    userId,
    async signIn(username, password = DEMO_PASSWORD) {
      const response = await loginAnswering(request, database, { username, password });
      if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
      if (!cookie) throw new Error('no session cookie');
      return `${SESSION_COOKIE}=${cookie.value}`;
    },
    async sessionFor(id) {
      const token = newToken();
      const now = built.ctx.clock.now();
      await database.db.insert(sessions).values({
        tokenHash: hashToken(token),
        userId: id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + 3_600_000),
      });
      return `${SESSION_COOKIE}=${token}`;
    },
    async close() {
      await built.app.close();
      await database.close();
      await testDb.drop();
    },
  };
}

/**
 * A new sign-in challenge and its answer, read where the server keeps it: what a person would read off the
 * image.
 */
export async function solvedChallenge(
  t: Pick<TestApp, 'request' | 'database'>,
): Promise<{ challengeId: string; challengeAnswer: string }> {
  return solveChallenge(t.request, t.database);
}

async function solveChallenge(
  request: TestApp['request'],
  database: Database,
): Promise<{ challengeId: string; challengeAnswer: string }> {
  const response = await request({ method: 'POST', url: '/api/auth/challenge', body: {} });
  if (response.statusCode !== 200) throw new Error(`no challenge: ${response.body}`);
  const { challengeId } = response.json() as { challengeId: string };
  const { rows } = await database.pool.query<{ answer: string }>(
    'SELECT answer FROM login_challenges WHERE id = $1',
    [challengeId],
  );
  return { challengeId, challengeAnswer: rows[0]!.answer };
}

/** POST /api/auth/login, answering the image challenge when the server asks for one. */
async function loginAnswering(
  request: TestApp['request'],
  database: Database,
  body: { username: string; password: string },
  cookie?: string,
): Promise<LightMyRequestResponse> {
  const first = await request({ method: 'POST', url: '/api/auth/login', body, cookie });
  if (first.statusCode !== 401 || (first.json() as ErrorJson).error.code !== 'CHALLENGE_REQUIRED')
    return first;
  const challenge = await solveChallenge(request, database);
  return request({ method: 'POST', url: '/api/auth/login', body: { ...body, ...challenge }, cookie });
}

/**
 * A login as a person makes it: when several sign-ins failed before, the server asks for the image
 * challenge and the person answers it. For tests that fail sign-ins on purpose and count what follows.
 */
export function login(
  t: Pick<TestApp, 'request' | 'database'>,
  body: { username: string; password: string },
  cookie?: string,
): Promise<LightMyRequestResponse> {
  return loginAnswering(t.request, t.database, body, cookie);
}

/** Creates an account directly (password already changed unless said otherwise). */
export async function createAccount(
  t: TestApp,
  spec: {
    username: string;
    orgUnitId: string;
    roles?: Role[];
    password?: string;
    mustChangePassword?: boolean;
  },
): Promise<string> {
  const [row] = await t.database.db
    .insert(users)
    .values({
      username: spec.username,
      displayName: spec.username,
      orgUnitId: spec.orgUnitId,
      roles: spec.roles ?? [],
      passwordHash: await hashPassword(spec.password ?? DEMO_PASSWORD),
      // On the app's clock: an administrator's password expires 90 days after it was set.
      passwordChangedAt: t.ctx.clock.now(),
      mustChangePassword: spec.mustChangePassword ?? false,
    })
    .returning({ id: users.id });
  if (!row) throw new Error('no row');
  return row.id;
}

export async function orgUnitId(t: TestApp, name: string): Promise<string> {
  const { rows } = await t.database.pool.query<{ id: string }>('SELECT id FROM org_units WHERE name = $1', [
    name,
  ]);
  if (!rows[0]) throw new Error(`no org unit ${name}`);
  return rows[0].id;
}

export function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return response.json() as T;
}

/** An error answer as every route sends it (core/http/error-handler.ts), read by the tests that expect one. */
export interface ErrorJson {
  error: {
    code: string;
    message: string;
    details?: ErrorDetail[];
    requestId: string;
    /** A duplicate credit code: the enterprise that holds it. */
    existingId?: string;
  };
}
