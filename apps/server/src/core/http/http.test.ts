// The HTTP contract every route shares: error format, bad input, CSRF, headers, health, OpenAPI.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DEMO_PASSWORD,
  json,
  ORIGIN,
  orgUnitId,
  setupTestApp,
  type ErrorJson,
  type TestApp,
} from '../../test/harness.ts';

describe('HTTP contract', () => {
  let t: TestApp;
  let sysadmin: string;
  let district: string;
  const countUsers = async () =>
    (await t.database.pool.query('SELECT count(*)::int AS n FROM users')).rows[0].n as number;
  const createUser = (body: unknown, headers?: Record<string, string>) =>
    t.request({ method: 'POST', url: '/api/users', cookie: sysadmin, body, headers });
  const validUser = () => ({
    username: `u${Math.random().toString(36).slice(2, 10)}`,
    displayName: '测试用户',
    orgUnitId: district,
    initialPassword: 'Harbour-lantern-1987',
  });

  before(async () => {
    t = await setupTestApp();
    sysadmin = await t.signIn('sysadmin');
    district = await orgUnitId(t, '示例区工商联');
  });
  after(() => t.close());

  it('health answers ok with the database', async () => {
    const response = await t.request({ url: '/api/health' });
    assert.equal(response.statusCode, 200);
    // The test clock stands in December 2026 and 2027's calendar is not entered: health says so.
    assert.deepEqual(json(response), {
      status: 'ok',
      db: 'ok',
      calendar: 'next_year_missing',
      calendarMissingYear: 2027,
    });
  });

  it('serves an OpenAPI document that lists the routes', async () => {
    const response = await t.request({ url: '/api/openapi.json' });
    assert.equal(response.statusCode, 200);
    const doc = json<{ openapi: string; paths: Record<string, unknown> }>(response);
    assert.match(doc.openapi, /^3\./);
    for (const path of [
      '/api/auth/login',
      '/api/auth/me',
      '/api/users',
      '/api/audit-events',
      '/api/health',
    ]) {
      assert.ok(doc.paths[path], `${path} in OpenAPI`);
    }
  });

  it('creates a user with valid input (the baseline the bad inputs below are measured against)', async () => {
    const before = await countUsers();
    const response = await createUser(validUser());
    assert.equal(response.statusCode, 201);
    assert.equal(await countUsers(), before + 1);
  });

  const badInputs: [string, () => Promise<{ statusCode: number; body: string }>, number, string][] = [
    ['malformed JSON', () => createUser('{"username": "abc",'), 400, 'MALFORMED_JSON'],
    ['unknown field', () => createUser({ ...validUser(), isAdmin: true }), 400, 'VALIDATION_FAILED'],
    ['wrong type', () => createUser({ ...validUser(), displayName: 42 }), 400, 'VALIDATION_FAILED'],
    ['missing field', () => createUser({ username: 'abcdef' }), 400, 'VALIDATION_FAILED'],
    [
      'NUL byte in text',
      () => createUser({ ...validUser(), displayName: '张\u0000三' }),
      400,
      'VALIDATION_FAILED',
    ],
    [
      'lone surrogate',
      () => createUser({ ...validUser(), displayName: '张\ud800三' }),
      400,
      'VALIDATION_FAILED',
    ],
    [
      '2 MB body',
      () => createUser({ ...validUser(), displayName: 'x'.repeat(2 * 1024 * 1024) }),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'form content type',
      () => createUser('username=a', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'text/plain content type',
      () => createUser(JSON.stringify(validUser()), { 'content-type': 'text/plain' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['JSON array body', () => createUser([validUser()]), 400, 'VALIDATION_FAILED'],
    [
      '__proto__ pollution',
      () => createUser('{"__proto__": {"x": 1}, "username": "abcdef"}'),
      400,
      'MALFORMED_JSON',
    ],
  ];
  for (const [name, send, status, code] of badInputs) {
    it(`refuses ${name} with ${status} ${code} and writes nothing`, async () => {
      const before = await countUsers();
      const response = await send();
      assert.equal(response.statusCode, status, response.body.slice(0, 300));
      const body = JSON.parse(response.body) as ErrorJson;
      assert.equal(body.error.code, code);
      assert.ok(body.error.message.length > 0);
      assert.ok(!/at .*\.ts:\d+/.test(response.body), 'no stack trace');
      assert.equal(await countUsers(), before);
    });
  }

  it('names the offending fields with Chinese messages', async () => {
    const response = await createUser({ ...validUser(), displayName: '', extra: 1 });
    const body = json<ErrorJson>(response);
    const paths = body.error.details?.map((d) => d.path) ?? [];
    assert.ok(paths.includes('displayName'), JSON.stringify(body));
    const unknown = body.error.details?.find((d) => d.code === 'UNRECOGNIZED_KEYS');
    assert.match(unknown?.message ?? '', /不允许的字段：extra/);
    const nul = json<ErrorJson>(await createUser({ ...validUser(), displayName: 'a\u0000' }));
    assert.deepEqual(
      nul.error.details?.map((d) => [d.path, d.code]),
      [['displayName', 'CONTROL_CHARACTER']],
    );
  });

  it('keeps 4-byte characters (rare name characters such as 𠮷) intact', async () => {
    const input = { ...validUser(), displayName: '𠮷野家😀' };
    const response = await createUser(input);
    assert.equal(response.statusCode, 201);
    assert.equal(json<{ user: { displayName: string } }>(response).user.displayName, '𠮷野家😀');
  });

  it('answers in English when the client asks for it', async () => {
    const response = await t.request({ url: '/api/users', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    assert.equal(response.statusCode, 401);
    assert.equal(json<ErrorJson>(response).error.message, 'Please sign in first');
    const zh = await t.request({ url: '/api/users' });
    assert.equal(json<ErrorJson>(zh).error.message, '请先登录');
  });

  it('answers unknown API routes with 404 in the error format', async () => {
    for (const url of ['/api/nope', '/api/users/not-a-route/x/y']) {
      const response = await t.request({ url, cookie: sysadmin });
      assert.equal(response.statusCode, 404);
      assert.equal(json<ErrorJson>(response).error.code, 'NOT_FOUND');
    }
    const post = await t.request({ method: 'POST', url: '/api/nope', body: {} });
    assert.equal(post.statusCode, 404);
  });

  it('refuses a malformed id in the path with 400, not 500', async () => {
    const response = await t.request({ url: '/api/users/not-a-uuid', cookie: sysadmin });
    assert.equal(response.statusCode, 400);
    assert.equal(json<ErrorJson>(response).error.details?.[0]?.path, 'params.id');
  });

  describe('CSRF', () => {
    const login = (headers: Record<string, string>) =>
      t.request({
        method: 'POST',
        url: '/api/auth/login',
        body: { username: 'staff', password: DEMO_PASSWORD },
        headers,
      });

    it('refuses a cross-origin POST', async () => {
      const response = await login({ origin: 'https://evil.example' });
      assert.equal(response.statusCode, 403);
      assert.equal(json<ErrorJson>(response).error.code, 'CSRF_REJECTED');
    });

    it('refuses a POST with neither Origin nor Referer, and with Origin null', async () => {
      const bare = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { host: 'localhost:80', 'content-type': 'application/json' },
        payload: JSON.stringify({ username: 'staff', password: DEMO_PASSWORD }),
      });
      assert.equal(bare.statusCode, 403);
      assert.equal((await login({ origin: 'null' })).statusCode, 403);
    });

    it('accepts a same-origin Referer when Origin is absent', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { host: 'localhost:80', 'content-type': 'application/json', referer: `${ORIGIN}/login` },
        payload: JSON.stringify({ username: 'staff', password: DEMO_PASSWORD }),
      });
      assert.equal(response.statusCode, 200);
    });

    it('refuses a cross-origin state change even with a valid session, and writes nothing', async () => {
      const before = await countUsers();
      const response = await createUser(validUser(), { origin: 'http://localhost:81' });
      assert.equal(response.statusCode, 403);
      assert.equal(await countUsers(), before);
    });
  });

  it('sends security headers, a request id and no-store on API answers', async () => {
    const response = await t.request({ url: '/api/health', headers: { 'x-request-id': 'trace-123' } });
    assert.match(String(response.headers['content-security-policy']), /default-src 'none'/);
    assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(response.headers['cross-origin-resource-policy'], 'same-origin');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['x-frame-options'], 'DENY');
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.equal(response.headers['x-request-id'], 'trace-123');
    const generated = await t.request({ url: '/api/nope' });
    assert.match(String(generated.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    assert.equal(json<ErrorJson>(generated).error.requestId, generated.headers['x-request-id']);
  });

  it('sends the web app’s own policy on what is not the API, and no no-store there', async () => {
    const response = await t.request({ url: '/login' });
    const policy = String(response.headers['content-security-policy']);
    assert.match(policy, /default-src 'self'/);
    assert.match(policy, /script-src 'self'/);
    assert.match(policy, /frame-ancestors 'none'/);
    assert.equal(response.headers['x-frame-options'], 'DENY');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.notEqual(response.headers['cache-control'], 'no-store');
  });

  describe('behind a proxy', () => {
    const PUBLIC = 'https://qinqing.example.org';
    const signIn = (app: TestApp, headers: Record<string, string>) =>
      app.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json', ...headers },
        payload: JSON.stringify({ username: 'staff', password: DEMO_PASSWORD }),
      });
    let proxied: TestApp;
    before(async () => {
      proxied = await setupTestApp({ env: { QINQING_PUBLIC_URL: PUBLIC, QINQING_TRUST_PROXY: '127.0.0.1' } });
    });
    after(() => proxied.close());

    it('compares Origin with QINQING_PUBLIC_URL, not with a Host header the client chose', async () => {
      // The proxy passed the client's Host on: matching it is no proof of origin any more.
      const forged = await signIn(proxied, { host: 'evil.example', origin: 'https://evil.example' });
      assert.equal(forged.statusCode, 403, forged.body);
      assert.equal(json<ErrorJson>(forged).error.code, 'CSRF_REJECTED');
      const internal = await signIn(proxied, { host: 'app:3000', origin: 'http://app:3000' });
      assert.equal(internal.statusCode, 403, 'the internal address is not the public origin');
      const real = await signIn(proxied, { host: 'app:3000', origin: PUBLIC });
      assert.equal(real.statusCode, 200, real.body);
      const byReferer = await signIn(proxied, { host: 'app:3000', referer: `${PUBLIC}/login` });
      assert.equal(byReferer.statusCode, 200, byReferer.body);
    });

    it('without a public URL, falls back to the request’s own Host', async () => {
      const same = await signIn(t, { host: 'intranet:8080', origin: 'http://intranet:8080' });
      assert.equal(same.statusCode, 200, same.body);
    });

    it('makes the session cookie Secure by itself when the public URL is https', async () => {
      const response = await signIn(proxied, { origin: PUBLIC });
      assert.equal(response.cookies[0]?.secure, true);
      const plain = await signIn(t, { host: 'localhost:80', origin: ORIGIN });
      assert.notEqual(plain.cookies[0]?.secure, true, 'http: not Secure unless configured');
      const switchedOff = await setupTestApp({
        demo: false,
        env: { QINQING_PUBLIC_URL: PUBLIC, QINQING_SECURE_COOKIES: 'off' },
      });
      try {
        assert.equal(switchedOff.config.secureCookies, false, 'an explicit off wins');
      } finally {
        await switchedOff.close();
      }
    });

    it('takes the client address from X-Forwarded-For only from a trusted proxy (QINQING_TRUST_PROXY)', async () => {
      const ipOfLastLogin = async (app: TestApp) => {
        const { rows } = await app.database.pool.query<{ ip: string }>(
          "SELECT ip FROM audit_events WHERE action = 'auth.login' ORDER BY seq DESC LIMIT 1",
        );
        return rows[0]?.ip;
      };
      const forwarded = { origin: PUBLIC, 'x-forwarded-for': '203.0.113.7' };
      assert.equal((await signIn(proxied, forwarded)).statusCode, 200);
      assert.equal(await ipOfLastLogin(proxied), '203.0.113.7');
      assert.equal((await signIn(t, { ...forwarded, host: 'localhost:80', origin: ORIGIN })).statusCode, 200);
      assert.equal(await ipOfLastLogin(t), '127.0.0.1', 'not trusted: the peer’s own address');
    });
  });

  it('sets the session cookie Secure when configured for HTTPS', async () => {
    const secure = await setupTestApp({ env: { QINQING_SECURE_COOKIES: 'on' } });
    try {
      const response = await secure.request({
        method: 'POST',
        url: '/api/auth/login',
        body: { username: 'staff', password: DEMO_PASSWORD },
      });
      assert.equal(response.cookies[0]?.secure, true);
      assert.equal(response.cookies[0]?.httpOnly, true);
    } finally {
      await secure.close();
    }
  });
});
