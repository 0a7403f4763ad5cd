// API tests of 接口令牌 API tokens and the 12345 hotline's intake, against a real PostgreSQL: only the
// security administrator issues them, within what a token may be given; a token acts within its
// permissions and org subtree and never beyond; revoked or expired → 401 at once; rate limited per token;
// every use logged; /api/docs served from local files and the bearer scheme declared.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_ROLE_ACCOUNTS } from '../../test/harness.ts';
import { json, orgUnitId, setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';

interface TokenView {
  id: string;
  name: string;
  hint: string;
  permissions: string[];
  orgUnitName: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  state: string;
}

const DAY = 86_400_000;

describe('API tokens', () => {
  let t: TestApp;
  let secadmin: string;
  let district: string;
  let street: string;
  /** An enterprise of 东湖街道 (in the street's subtree) and one of another street (outside it). */
  let inStreet: { id: string; uscc: string; name: string };
  let outsideStreet: { id: string; uscc: string; name: string };

  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
  const issue = async (body: Record<string, unknown>) => {
    const response = await t.request({
      method: 'POST',
      url: '/api/api-tokens',
      cookie: secadmin,
      body: {
        name: '12345热线',
        permissions: ['appeals.hotline', 'appeals.read'],
        orgUnitId: district,
        expiresAt: new Date(t.ctx.clock.now().getTime() + 30 * DAY).toISOString(),
        ...body,
      },
    });
    assert.equal(response.statusCode, 201, response.body);
    return json<{ token: { id: string; secret: string } }>(response).token;
  };
  const tokens = async () =>
    json<{ items: TokenView[] }>(await t.request({ url: '/api/api-tokens', cookie: secadmin })).items;

  before(async () => {
    t = await setupTestApp({ env: { QINQING_API_TOKEN_RATE_LIMIT: '40' } });
    secadmin = await t.sessionFor(await t.userId('secadmin'));
    district = await orgUnitId(t, '示例区工商联');
    street = await orgUnitId(t, '东湖街道工商联');
    const { rows } = await t.database.pool.query<{ id: string; uscc: string; name: string; street: string }>(
      `SELECT e.id, e.uscc, e.name, o.name AS street FROM enterprises e JOIN org_units o ON o.id = e.org_unit_id
        WHERE o.kind = 'street' AND e.merged_into_id IS NULL ORDER BY e.name`,
    );
    inStreet = rows.find((row) => row.street === '东湖街道工商联')!;
    outsideStreet = rows.find((row) => row.street !== '东湖街道工商联')!;
    assert.ok(inStreet && outsideStreet);
  });
  after(() => t.close());

  it('the demo holds the hotline’s token and one appeal it raised, with its case number', async () => {
    const demo = (await tokens()).find((item) => item.name === '12345热线（示例）')!;
    assert.equal(demo.state, 'active');
    assert.deepEqual(demo.permissions, ['appeals.hotline', 'appeals.read']);
    assert.ok(demo.lastUsedAt);
    const { rows } = await t.database.pool.query<{ source: string; case_number: string }>(
      `SELECT a.source, h.case_number FROM hotline_cases h JOIN appeals a ON a.id = h.appeal_id`,
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.source, 'hotline_12345');
  });

  it('only the security administrator issues, lists and revokes tokens', async () => {
    for (const username of DEMO_ROLE_ACCOUNTS.filter((name) => name !== 'secadmin')) {
      const cookie = await t.sessionFor(await t.userId(username));
      const create = await t.request({
        method: 'POST',
        url: '/api/api-tokens',
        cookie,
        body: { name: 'x', permissions: [], orgUnitId: district, expiresAt: '2027-01-01T00:00:00Z' },
      });
      assert.equal(create.statusCode, 403, `${username} POST`);
      assert.equal((await t.request({ url: '/api/api-tokens', cookie })).statusCode, 403, `${username} GET`);
      const revoke = await t.request({
        method: 'DELETE',
        url: '/api/api-tokens/00000000-0000-4000-8000-000000000000',
        cookie,
      });
      assert.equal(revoke.statusCode, 403, `${username} DELETE`);
    }
  });

  it('shows the secret once, stores only its digest, lists without it, audits the issue', async () => {
    const token = await issue({ name: '城市平台' });
    assert.match(token.secret, /^qqt_[A-Za-z0-9_-]{43}$/);
    const { rows } = await t.database.pool.query<{ secret_hash: string; hint: string }>(
      'SELECT secret_hash, hint FROM api_tokens WHERE id = $1',
      [token.id],
    );
    assert.notEqual(rows[0]!.secret_hash, token.secret);
    assert.match(rows[0]!.secret_hash, /^[0-9a-f]{64}$/);
    const listed = await t.request({ url: '/api/api-tokens', cookie: secadmin });
    assert.ok(!listed.body.includes(token.secret), 'the list never carries a secret');
    const view = json<{ items: TokenView[] }>(listed).items.find((item) => item.id === token.id)!;
    assert.equal(view.name, '城市平台');
    assert.equal(view.orgUnitName, '示例区工商联');
    assert.equal(view.state, 'active');
    assert.equal(view.hint, token.secret.slice(0, 8));
    const audit = await t.database.pool.query(
      `SELECT 1 FROM audit_events WHERE action = 'api_token.created' AND object_id = $1`,
      [token.id],
    );
    assert.equal(audit.rowCount, 1);
  });

  it('refuses bad input with a code: administrator permissions, a chamber, the past, unknown fields', async () => {
    const bad = async (body: Record<string, unknown>, path: string, code?: string) => {
      const response = await t.request({
        method: 'POST',
        url: '/api/api-tokens',
        cookie: secadmin,
        body: {
          name: '银行系统',
          permissions: ['registry.read'],
          orgUnitId: district,
          expiresAt: new Date(t.ctx.clock.now().getTime() + DAY).toISOString(),
          ...body,
        },
      });
      assert.equal(response.statusCode, 400, response.body);
      const detail = json<ErrorJson>(response).error.details?.find((d) => d.path === path);
      assert.ok(detail, `${path}: ${response.body}`);
      if (code) assert.equal(detail.code, code);
      assert.match(detail.message, /\p{Script=Han}/u);
    };
    await bad({ permissions: ['roles.grant'] }, 'permissions.0', 'PERMISSION_NOT_GRANTABLE');
    await bad(
      { permissions: ['registry.read', 'apiTokens.manage'] },
      'permissions.1',
      'PERMISSION_NOT_GRANTABLE',
    );
    await bad({ permissions: ['users.manage'] }, 'permissions.0', 'PERMISSION_NOT_GRANTABLE');
    await bad({ permissions: [] }, 'permissions');
    await bad({ orgUnitId: await orgUnitId(t, '东湖街道商会') }, 'orgUnitId', 'ORG_UNIT_NOT_FEDERATION');
    await bad({ orgUnitId: '00000000-0000-4000-8000-000000000000' }, 'orgUnitId', 'ORG_UNIT_NOT_FOUND');
    await bad({ expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt', 'EXPIRES_IN_PAST');
    await bad({ expiresAt: '2035-01-01T00:00:00Z' }, 'expiresAt', 'EXPIRES_TOO_LATE');
    await bad({ expiresAt: 'tomorrow' }, 'expiresAt');
    await bad({ secret: 'mine' }, '');
  });

  it('a token acts within its permissions only, with no cookie and no CSRF rule', async () => {
    const token = await issue({ name: '只读名册', permissions: ['registry.read'] });
    // A state-changing request with no Origin at all: the token needs none.
    const read = await t.request({ url: '/api/enterprises', headers: bearer(token.secret) });
    assert.equal(read.statusCode, 200, read.body);
    const write = await t.request({
      method: 'POST',
      url: '/api/enterprises',
      headers: { ...bearer(token.secret), origin: '' },
      body: {},
    });
    assert.equal(write.statusCode, 403, 'registry.write was not given');
    for (const url of ['/api/appeals', '/api/users', '/api/audit-events', '/api/api-tokens', '/api/roles']) {
      const response = await t.request({ url, headers: bearer(token.secret) });
      assert.equal(response.statusCode, 403, `${url}: ${response.body}`);
    }
    const me = json<{ user: { permissions?: string[] } }>(
      await t.request({ url: '/api/auth/me', headers: bearer(token.secret) }),
    );
    assert.ok(me.user);
  });

  it('a token sees its org subtree only: a street token does not find the district’s other enterprises', async () => {
    const token = await issue({ name: '街道平台', permissions: ['registry.read'], orgUnitId: street });
    const own = await t.request({ url: `/api/enterprises/${inStreet.id}`, headers: bearer(token.secret) });
    assert.equal(own.statusCode, 200, own.body);
    const other = await t.request({
      url: `/api/enterprises/${outsideStreet.id}`,
      headers: bearer(token.secret),
    });
    assert.equal(other.statusCode, 404);
    const page = json<{ items: { id: string }[]; total: number }>(
      await t.request({ url: '/api/enterprises?pageSize=200', headers: bearer(token.secret) }),
    );
    assert.ok(page.items.some((item) => item.id === inStreet.id));
    assert.ok(!page.items.some((item) => item.id === outsideStreet.id));
  });

  it('a forged, revoked or expired token is 401 with its own code, at once', async () => {
    const code = async (secret: string) => {
      const response = await t.request({ url: '/api/enterprises', headers: bearer(secret) });
      assert.equal(response.statusCode, 401, response.body);
      return json<ErrorJson>(response).error.code;
    };
    assert.equal(await code('not-a-token'), 'API_TOKEN_INVALID');
    assert.equal(await code(`qqt_${'A'.repeat(43)}`), 'API_TOKEN_INVALID');
    const token = await issue({ name: '即将吊销', permissions: ['registry.read'] });
    assert.equal(
      (await t.request({ url: '/api/enterprises', headers: bearer(token.secret) })).statusCode,
      200,
    );
    const revoke = await t.request({
      method: 'DELETE',
      url: `/api/api-tokens/${token.id}`,
      cookie: secadmin,
    });
    assert.equal(revoke.statusCode, 204);
    assert.equal(await code(token.secret), 'API_TOKEN_REVOKED');
    assert.equal(
      (await t.request({ method: 'DELETE', url: `/api/api-tokens/${token.id}`, cookie: secadmin }))
        .statusCode,
      204,
    );
    const audits = await t.database.pool.query(
      `SELECT 1 FROM audit_events WHERE action = 'api_token.revoked' AND object_id = $1`,
      [token.id],
    );
    assert.equal(audits.rowCount, 1, 'revoking twice is recorded once');
    assert.equal((await tokens()).find((item) => item.id === token.id)!.state, 'revoked');

    const shortLived = await issue({
      name: '一小时令牌',
      permissions: ['registry.read'],
      expiresAt: new Date(t.ctx.clock.now().getTime() + 3_600_000).toISOString(),
    });
    assert.equal(
      (await t.request({ url: '/api/enterprises', headers: bearer(shortLived.secret) })).statusCode,
      200,
    );
    t.ctx.clock.advance(3_600_001);
    try {
      assert.equal(await code(shortLived.secret), 'API_TOKEN_EXPIRED');
      // Sessions live an hour on the test clock: a new one after the move.
      secadmin = await t.sessionFor(await t.userId('secadmin'));
      assert.equal((await tokens()).find((item) => item.id === shortLived.id)!.state, 'expired');
    } finally {
      t.ctx.clock.reset();
      secadmin = await t.sessionFor(await t.userId('secadmin'));
    }
  });

  it('every use is logged with route and status, and last used is kept', async () => {
    const token = await issue({ name: '记录调用', permissions: ['registry.read'] });
    await t.request({ url: '/api/enterprises?pageSize=1', headers: bearer(token.secret) });
    await t.request({ url: '/api/users', headers: bearer(token.secret) });
    const uses = json<{ items: { route: string; status: number; method: string; tokenName: string }[] }>(
      await t.request({ url: `/api/api-tokens/uses?tokenId=${token.id}`, cookie: secadmin }),
    ).items;
    assert.deepEqual(
      uses.map((use) => [use.method, use.route, use.status]),
      [
        ['GET', '/api/users', 403],
        ['GET', '/api/enterprises', 200],
      ],
    );
    assert.equal(uses[0]!.tokenName, '记录调用');
    assert.ok((await tokens()).find((item) => item.id === token.id)!.lastUsedAt);
  });

  it('counts the uses of one second with the same route and status in one row, and loses none', async () => {
    const token = await issue({ name: '高频调用', permissions: ['registry.read'] });
    await Promise.all(
      Array.from({ length: 30 }, () =>
        t.request({ url: '/api/enterprises?pageSize=1', headers: bearer(token.secret) }),
      ),
    );
    await t.request({ url: '/api/users', headers: bearer(token.secret) });
    await t.request({ url: '/api/users', headers: bearer(token.secret) });
    const uses = json<{ items: { route: string; status: number; uses: number; at: string }[] }>(
      await t.request({ url: `/api/api-tokens/uses?tokenId=${token.id}`, cookie: secadmin }),
    ).items;
    const counted = (route: string) =>
      uses.filter((use) => use.route === route).reduce((n, use) => n + use.uses, 0);
    assert.equal(counted('/api/enterprises'), 30, 'every use counted');
    assert.equal(counted('/api/users'), 2);
    assert.deepEqual([...new Set(uses.map((use) => `${use.route} ${use.status}`))].sort(), [
      '/api/enterprises 200',
      '/api/users 403',
    ]);
    const { rows } = await t.database.pool.query<{ rows: number; uses: number }>(
      'SELECT count(*)::int AS rows, sum(uses)::int AS uses FROM api_token_uses WHERE token_id = $1',
      [token.id],
    );
    // Thirty-two uses in a second or two (and at most two flushes): a few rows, not thirty-two.
    assert.equal(rows[0]!.uses, 32);
    assert.ok(rows[0]!.rows <= 6, `${rows[0]!.rows} rows`);
  });

  it('is rate limited per token: 429 API_TOKEN_RATE_LIMITED, another token unaffected', async () => {
    const busy = await issue({ name: '高频', permissions: ['registry.read'] });
    const calm = await issue({ name: '低频', permissions: ['registry.read'] });
    // The limit counts in whole minutes of the app's clock: start at the beginning of one.
    const now = t.ctx.clock.now().getTime();
    t.ctx.clock.advance(60_000 - (now % 60_000) + 1);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 41; i++) {
        statuses.push((await t.request({ url: '/api/health', headers: bearer(busy.secret) })).statusCode);
      }
      assert.deepEqual(statuses.slice(0, 40), Array(40).fill(200));
      const limited = await t.request({ url: '/api/health', headers: bearer(busy.secret) });
      assert.equal(limited.statusCode, 429);
      assert.equal(json<ErrorJson>(limited).error.code, 'API_TOKEN_RATE_LIMITED');
      assert.ok(Number(limited.headers['retry-after']) > 0);
      assert.equal((await t.request({ url: '/api/health', headers: bearer(calm.secret) })).statusCode, 200);
      t.ctx.clock.advance(60_000);
      assert.equal((await t.request({ url: '/api/health', headers: bearer(busy.secret) })).statusCode, 200);
    } finally {
      t.ctx.clock.reset();
      secadmin = await t.sessionFor(await t.userId('secadmin'));
    }
  });

  describe('the 12345 hotline', () => {
    let hotline: string;
    const send = (secret: string, body: Record<string, unknown>) =>
      t.request({
        method: 'POST',
        url: '/api/hotline/appeals',
        headers: bearer(secret),
        body: {
          category: 'financing',
          title: '热线反映融资难',
          description: '企业来电反映贷款审批慢。',
          ...body,
        },
      });

    before(async () => {
      hotline = (await issue({ name: '12345热线平台', permissions: ['appeals.hotline', 'appeals.read'] }))
        .secret;
    });

    it('raises an appeal with source hotline_12345; the same case number again answers the same appeal', async () => {
      const first = await send(hotline, { caseNumber: 'RX20261130-0001', uscc: inStreet.uscc });
      assert.equal(first.statusCode, 201, first.body);
      const raised = json<{
        appeal: { id: string; source: string; enterpriseId: string };
        caseNumber: string;
      }>(first);
      assert.equal(raised.appeal.source, 'hotline_12345');
      assert.equal(raised.appeal.enterpriseId, inStreet.id);
      assert.equal(raised.caseNumber, 'RX20261130-0001');
      const again = await send(hotline, { caseNumber: 'RX20261130-0001', uscc: inStreet.uscc });
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(json<{ appeal: { id: string } }>(again).appeal.id, raised.appeal.id);
      const { rows } = await t.database.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM appeals a JOIN hotline_cases h ON h.appeal_id = a.id
          WHERE h.case_number = 'RX20261130-0001' AND a.source = 'hotline_12345'`,
      );
      assert.equal(Number(rows[0]!.n), 1);
      // Staff see it in their list, named by its source.
      const staff = await t.sessionFor(await t.userId('staff'));
      const list = json<{ items: { id: string }[] }>(
        await t.request({ url: '/api/appeals?source=hotline_12345&pageSize=100', cookie: staff }),
      );
      assert.ok(list.items.some((item) => item.id === raised.appeal.id));
    });

    it('finds the enterprise by exact name too; unknown or outside the subtree → 404 ENTERPRISE_NOT_FOUND', async () => {
      const byName = await send(hotline, { caseNumber: 'RX20261130-0002', enterpriseName: inStreet.name });
      assert.equal(byName.statusCode, 201, byName.body);
      const streetToken = (
        await issue({ name: '街道热线', permissions: ['appeals.hotline'], orgUnitId: street })
      ).secret;
      for (const body of [
        { caseNumber: 'RX20261130-0003', enterpriseName: '不存在的企业有限公司' },
        { caseNumber: 'RX20261130-0004', uscc: outsideStreet.uscc },
      ]) {
        const response = await send(body.uscc ? streetToken : hotline, body);
        assert.equal(response.statusCode, 404, response.body);
        assert.equal(json<ErrorJson>(response).error.details?.[0]?.code, 'ENTERPRISE_NOT_FOUND');
      }
      const none = await t.database.pool.query(
        `SELECT 1 FROM hotline_cases WHERE case_number IN ('RX20261130-0003', 'RX20261130-0004')`,
      );
      assert.equal(none.rowCount, 0);
    });

    it('bad input → 400 naming the field; a token without the permission or a person → 403', async () => {
      const missing = await send(hotline, { caseNumber: 'RX20261130-0005' });
      assert.equal(missing.statusCode, 400);
      const badCase = await send(hotline, { caseNumber: '工单 1', uscc: inStreet.uscc });
      assert.equal(badCase.statusCode, 400);
      const reader = (await issue({ name: '无热线权限', permissions: ['appeals.read'] })).secret;
      assert.equal(
        (await send(reader, { caseNumber: 'RX20261130-0006', uscc: inStreet.uscc })).statusCode,
        403,
      );
      for (const username of DEMO_ROLE_ACCOUNTS) {
        const response = await t.request({
          method: 'POST',
          url: '/api/hotline/appeals',
          cookie: await t.sessionFor(await t.userId(username)),
          body: {
            caseNumber: 'RX20261130-0007',
            uscc: inStreet.uscc,
            category: 'financing',
            title: 'x',
            description: 'y',
          },
        });
        assert.equal(response.statusCode, 403, username);
      }
      // A person cannot name the hotline as the source of an appeal they raise.
      const staff = await t.sessionFor(await t.userId('staff'));
      const forged = await t.request({
        method: 'POST',
        url: '/api/appeals',
        cookie: staff,
        body: {
          enterpriseId: inStreet.id,
          category: 'financing',
          title: '冒充热线',
          description: '不应成功',
          source: 'hotline_12345',
          urgency: 'normal',
        },
      });
      assert.equal(forged.statusCode, 400);
    });
  });

  it('the OpenAPI document declares the bearer scheme; /api/docs is served from local files', async () => {
    const doc = json<{ components: { securitySchemes: Record<string, { type: string; scheme?: string }> } }>(
      await t.request({ url: '/api/openapi.json' }),
    );
    assert.deepEqual(
      {
        type: doc.components.securitySchemes.bearerAuth?.type,
        scheme: doc.components.securitySchemes.bearerAuth?.scheme,
      },
      { type: 'http', scheme: 'bearer' },
    );
    const page = await t.request({ url: '/api/docs/' });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(String(page.headers['content-type']), /text\/html/);
    const sources = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(sources.length >= 3);
    for (const source of sources) {
      assert.ok(!/^https?:|^\/\//.test(source), `no outside asset: ${source}`);
      const url = new URL(source, 'http://localhost/api/docs/').pathname;
      const asset = await t.request({ url });
      assert.equal(asset.statusCode, 200, url);
    }
    const bundle = await t.request({ url: '/api/docs/static/swagger-ui-bundle.js' });
    assert.ok(bundle.body.length > 100_000);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    const json_ = await t.request({ url: '/api/docs/json' });
    assert.equal(json_.statusCode, 200);
  });
});
