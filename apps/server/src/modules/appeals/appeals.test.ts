// API tests of 诉求 appeals on the demo federation: raising (idempotent), the whole loop across four
// accounts, every illegal move and stale edit, who may see and do what, returning, reopening, merging,
// attachments typed by content, and the deadline timers' reminders and escalation.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { multipart } from '../../test/workbooks.ts';
import { insertOrgUnit } from '../org-units/service.ts';
import {
  createAccount,
  json,
  orgUnitId,
  setupTestApp,
  type ErrorJson,
  type TestApp,
} from '../../test/harness.ts';
import { runDeadlineChecks } from './deadlines.ts';

interface ForwardJson {
  id: string;
  departmentName: string;
  state: string;
  round: number;
  respondDueAt: string;
  resolveDueAt: string;
  returnReason: string | null;
  answer: string | null;
  workingDaysLeft: number | null;
}
interface AppealJson {
  id: string;
  number: string;
  state: string;
  outcome: string | null;
  satisfaction: string | null;
  overdue: boolean;
  version: number;
  round: number;
  reopenCount: number;
  reopenUntil: string | null;
  mergedIntoId: string | null;
  validatedAt: string | null;
  forwards: ForwardJson[];
  events: {
    actorName: string | null;
    action: string;
    fromState: string | null;
    toState: string | null;
    note: string | null;
    departmentName: string | null;
  }[];
  attachments: { id: string; fileName: string; mediaType: string; sizeBytes: number }[];
  allowedActions: string[];
  departments: { name: string; state: string }[];
}

describe('appeals (诉求): raising, the state machine, scope, attachments, timers', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let memberEnterprise: string;
  let otherEnterprise: string;
  let hr: string;
  let tax: string;

  const count = async (sql: string) => (await t.database.pool.query<{ n: number }>(sql)).rows[0]!.n;
  const raise = (
    body: Record<string, unknown>,
    cookie = cookies.staff!,
    headers: Record<string, string> = {},
  ) => t.request({ method: 'POST', url: '/api/appeals', cookie, body, headers });
  const body = (overrides: Record<string, unknown> = {}) => ({
    enterpriseId: memberEnterprise,
    category: 'employment',
    title: '招聘技术工人困难',
    description: '企业扩产急需 10 名数控技术工人。',
    source: 'visit',
    urgency: 'normal',
    ...overrides,
  });
  const get = async (id: string, cookie = cookies.staff!) => {
    const response = await t.request({ url: `/api/appeals/${id}`, cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<{ appeal: AppealJson }>(response).appeal;
  };
  const move = (id: string, request: Record<string, unknown>, cookie = cookies.staff!) =>
    t.request({ method: 'POST', url: `/api/appeals/${id}/transitions`, cookie, body: request });
  /** Moves with the appeal's current version and expects success. */
  const step = async (id: string, request: Record<string, unknown>, cookie = cookies.staff!) => {
    const { version } = await get(id, cookie);
    const response = await move(id, { version, ...request }, cookie);
    assert.equal(response.statusCode, 200, `${String(request.action)}: ${response.body}`);
    return json<{ appeal: AppealJson }>(response).appeal;
  };
  const raised = async (overrides: Record<string, unknown> = {}) => {
    const response = await raise(body(overrides));
    assert.equal(response.statusCode, 201, response.body);
    return json<{ appeal: AppealJson }>(response).appeal;
  };
  const forwardedToHr = async (overrides: Record<string, unknown> = {}) => {
    const appeal = await raised(overrides);
    return step(appeal.id, { action: 'forward', departmentIds: [hr] });
  };
  /** A session of federation staff in a new district beside the demo's (same city). */
  const staffOfAnotherDistrict = async (district: string, username: string) => {
    const { rows: cities } = await t.database.pool.query<{ id: string; path: string; depth: number }>(
      "SELECT id, path, depth FROM org_units WHERE name = '示例市工商联'",
    );
    const elsewhere = await insertOrgUnit(t.database.db, cities[0]!, { kind: 'district', name: district });
    return t.sessionFor(
      await createAccount(t, { username, orgUnitId: elsewhere.id, roles: ['federation_staff'] }),
    );
  };
  const notifications = async (cookie: string) => {
    const response = await t.request({ url: '/api/notifications?pageSize=100', cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<{ items: { kind: string; title: string; link: string | null }[] }>(response).items;
  };

  before(async () => {
    t = await setupTestApp();
    for (const name of ['staff', 'leader', 'secretary', 'liaison', 'hrhead', 'member', 'sysadmin'])
      cookies[name] = await t.sessionFor(await t.userId(name));
    hr = await orgUnitId(t, '人力资源社会保障局');
    tax = await orgUnitId(t, '税务局');
    cookies.taxLiaison = await t.sessionFor(
      await createAccount(t, { username: 'tax-liaison', orgUnitId: tax, roles: ['department_liaison'] }),
    );
    const { rows } = await t.database.pool.query<{ enterprise_id: string }>(
      "SELECT enterprise_id FROM users WHERE username = 'member'",
    );
    memberEnterprise = rows[0]!.enterprise_id;
    const other = await t.database.pool.query<{ id: string }>(
      'SELECT id FROM enterprises WHERE id <> $1 AND merged_into_id IS NULL ORDER BY name LIMIT 1',
      [memberEnterprise],
    );
    otherEnterprise = other.rows[0]!.id;
  });
  after(() => t.close());

  describe('raising', () => {
    it('staff raise an appeal: numbered, accepted as raised (受理 by the same person), on the timeline and audited', async () => {
      const appeal = await raised();
      assert.match(appeal.number, /^SQ\d{4}\d{6}$/);
      assert.equal(appeal.state, 'valid');
      assert.ok(appeal.validatedAt);
      assert.deepEqual(
        appeal.events.map((e) => [e.action, e.fromState, e.toState]),
        [
          ['raise', null, 'submitted'],
          ['mark_valid', 'submitted', 'valid'],
        ],
      );
      assert.equal(appeal.events[1]!.actorName, appeal.events[0]!.actorName);
      assert.deepEqual(appeal.allowedActions.sort(), ['forward', 'mark_invalid', 'merge']);
      // The page read back says the same as the answer to the raise.
      const read = await get(appeal.id);
      assert.equal(read.state, 'valid');
      assert.deepEqual(
        read.events.map((e) => e.action),
        ['raise', 'mark_valid'],
      );
      const { rows: audits } = await t.database.pool.query<{ action: string; actor_id: string }>(
        "SELECT action, actor_id FROM audit_events WHERE object_id = $1 AND action LIKE 'appeal.%' ORDER BY seq",
        [appeal.id],
      );
      assert.deepEqual(
        audits.map((a) => a.action),
        ['appeal.raised', 'appeal.mark_valid'],
      );
      assert.equal(audits[0]!.actor_id, audits[1]!.actor_id);
      // The enterprise is told its appeal was accepted.
      assert.ok(
        (await notifications(cookies.member!)).some(
          (n) => n.kind === 'appeal.progress_accepted' && n.link === `/appeals/${appeal.id}`,
        ),
      );
    });

    it('an enterprise contact’s own appeal starts 待受理 and waits for staff to accept it', async () => {
      const response = await raise(body({ source: 'self_service' }), cookies.member);
      assert.equal(response.statusCode, 201, response.body);
      const appeal = json<{ appeal: AppealJson }>(response).appeal;
      assert.equal(appeal.state, 'submitted');
      assert.equal(appeal.validatedAt, null);
      assert.deepEqual(
        appeal.events.map((e) => e.action),
        ['raise'],
      );
      const seen = await get(appeal.id);
      assert.deepEqual(seen.allowedActions.sort(), ['mark_invalid', 'mark_valid', 'merge']);
      assert.equal(
        await count(
          `SELECT count(*)::int AS n FROM audit_events WHERE action = 'appeal.mark_valid' AND object_id = '${appeal.id}'`,
        ),
        0,
      );
      const accepted = await step(appeal.id, { action: 'mark_valid' });
      assert.deepEqual(
        accepted.events.map((e) => e.action),
        ['raise', 'mark_valid'],
      );
    });

    it('answers with the appeal’s page as it reads back, for staff, a secretary and an enterprise', async () => {
      const { rows } = await t.database.pool.query<{ id: string }>(
        `SELECT m.enterprise_id AS id FROM chamber_memberships m
           JOIN users u ON u.username = 'secretary'
           JOIN org_units c ON c.id = m.chamber_id AND c.path LIKE (SELECT path FROM org_units WHERE id = u.org_unit_id) || '%'
          LIMIT 1`,
      );
      const cases: [string, Record<string, unknown>][] = [
        ['staff', body()],
        ['secretary', body({ enterpriseId: rows[0]!.id, source: 'chamber' })],
        ['member', body({ source: 'self_service' })],
      ];
      for (const [who, request] of cases) {
        const response = await raise(request, cookies[who]);
        assert.equal(response.statusCode, 201, `${who}: ${response.body}`);
        const answered = json<{ appeal: AppealJson }>(response).appeal;
        assert.deepEqual(answered, await get(answered.id, cookies[who]), who);
      }
    });

    it('refuses an enterprise out of reach or merged away and a retired category; nothing written', async () => {
      const outsider = await staffOfAnotherDistrict('邻区工商联', 'neighbour-staff');
      const { rows: last } = await t.database.pool.query<{ id: string }>(
        'SELECT id FROM enterprises WHERE id <> ALL ($1) AND merged_into_id IS NULL ORDER BY name DESC LIMIT 1',
        [[memberEnterprise, otherEnterprise]],
      );
      const merged = last[0]!.id;
      await t.database.pool.query('UPDATE enterprises SET merged_into_id = $1 WHERE id = $2', [
        otherEnterprise,
        merged,
      ]);
      await t.database.pool.query("UPDATE appeal_categories SET active = false WHERE code = 'supplies'");
      try {
        const before = await count('SELECT count(*)::int AS n FROM appeals');
        const cases: [Record<string, unknown>, string, string, string][] = [
          [body(), outsider, 'enterpriseId', 'ENTERPRISE_NOT_FOUND'],
          [body({ enterpriseId: merged }), cookies.staff!, 'enterpriseId', 'ENTERPRISE_MERGED'],
          [body({ category: 'supplies' }), cookies.staff!, 'category', 'UNKNOWN_CATEGORY'],
          [
            body({ enterpriseId: otherEnterprise, source: 'self_service' }),
            cookies.member!,
            'enterpriseId',
            'ENTERPRISE_NOT_FOUND',
          ],
        ];
        for (const [request, cookie, path, code] of cases) {
          const response = await raise(request, cookie);
          assert.equal(response.statusCode, 400, `${code}: ${response.body}`);
          assert.deepEqual(
            json<ErrorJson>(response).error.details?.map((d) => [d.path, d.code]),
            [[path, code]],
          );
        }
        assert.equal(await count('SELECT count(*)::int AS n FROM appeals'), before);
      } finally {
        await t.database.pool.query('UPDATE enterprises SET merged_into_id = NULL WHERE id = $1', [merged]);
        await t.database.pool.query("UPDATE appeal_categories SET active = true WHERE code = 'supplies'");
      }
    });

    it('numbers past 999,999 in a year keep every digit', async () => {
      await t.database.pool.query("SELECT setval('appeal_number_seq', 1234566)");
      const appeal = await raised();
      assert.match(appeal.number, /^SQ\d{4}1234567$/);
    });

    it('one Idempotency-Key answers one appeal; reused with other content it is refused', async () => {
      const key = randomUUID();
      const before = await count('SELECT count(*)::int AS n FROM appeals');
      const first = await raise(body({ title: '幂等测试诉求' }), cookies.staff, { 'idempotency-key': key });
      const second = await raise(body({ title: '幂等测试诉求' }), cookies.staff, { 'idempotency-key': key });
      assert.equal(first.statusCode, 201, first.body);
      assert.equal(second.statusCode, 201, second.body);
      assert.equal(second.headers['idempotent-replayed'], 'true');
      assert.equal(
        json<{ appeal: AppealJson }>(first).appeal.id,
        json<{ appeal: AppealJson }>(second).appeal.id,
      );
      assert.equal(await count('SELECT count(*)::int AS n FROM appeals'), before + 1);
      const reused = await raise(body({ title: '另一条诉求' }), cookies.staff, { 'idempotency-key': key });
      assert.equal(reused.statusCode, 409);
      assert.equal(json<ErrorJson>(reused).error.details?.[0]?.code, 'IDEMPOTENCY_KEY_REUSED');
      const bad = await raise(body(), cookies.staff, { 'idempotency-key': 'short' });
      assert.equal(bad.statusCode, 400);
    });

    it('the same key sent twice at once still raises one appeal', async () => {
      const key = randomUUID();
      const before = await count('SELECT count(*)::int AS n FROM appeals');
      const responses = await Promise.all(
        [1, 2, 3].map(() => raise(body({ title: '并发幂等' }), cookies.staff, { 'idempotency-key': key })),
      );
      assert.deepEqual(
        responses.map((r) => r.statusCode),
        [201, 201, 201],
      );
      assert.equal(new Set(responses.map((r) => json<{ appeal: AppealJson }>(r).appeal.id)).size, 1);
      assert.equal(await count('SELECT count(*)::int AS n FROM appeals'), before + 1);
    });

    it('bad input is refused with the field named and nothing written', async () => {
      const before = await count('SELECT count(*)::int AS n FROM appeals');
      const cases: [Record<string, unknown>, string][] = [
        [body({ category: 'nonsense' }), 'category'],
        [body({ category: 'Bad Code' }), 'category'],
        [body({ source: 'fax' }), 'source'],
        [body({ urgency: 'whenever' }), 'urgency'],
        [body({ title: '' }), 'title'],
        [body({ title: 'a\u0000b' }), 'title'],
        [body({ enterpriseId: randomUUID() }), 'enterpriseId'],
        [body({ visitId: randomUUID() }), 'visitId'],
        [body({ extra: 1 }), ''],
      ];
      for (const [request, path] of cases) {
        const response = await raise(request);
        assert.equal(response.statusCode, 400, `${path}: ${response.body}`);
        const error = json<ErrorJson>(response).error;
        assert.equal(error.code, 'VALIDATION_FAILED');
        if (path)
          assert.ok(
            error.details?.some((d) => d.path === path),
            `${path}: ${response.body}`,
          );
      }
      assert.equal(await count('SELECT count(*)::int AS n FROM appeals'), before);
    });

    it('an enterprise contact raises for their own enterprise only, as self-service', async () => {
      const own = await raise(body({ source: 'self_service' }), cookies.member);
      assert.equal(own.statusCode, 201, own.body);
      const ownId = json<{ appeal: AppealJson }>(own).appeal.id;
      const told = await notifications(cookies.staff!);
      assert.ok(told.some((n) => n.kind === 'appeal.raised' && n.link === `/appeals/${ownId}`));
      const wrongSource = await raise(body({ source: 'phone' }), cookies.member);
      assert.equal(wrongSource.statusCode, 400);
      assert.equal(json<ErrorJson>(wrongSource).error.details?.[0]?.code, 'SOURCE_NOT_ALLOWED');
      const other = await raise(
        body({ enterpriseId: otherEnterprise, source: 'self_service' }),
        cookies.member,
      );
      assert.equal(other.statusCode, 400);
      assert.equal(json<ErrorJson>(other).error.details?.[0]?.path, 'enterpriseId');
    });

    it('leaders, liaisons and administrators may not raise appeals', async () => {
      for (const who of ['leader', 'liaison', 'sysadmin']) {
        const response = await raise(body(), cookies[who]);
        assert.equal(response.statusCode, 403, who);
      }
    });
  });

  describe('the loop across four accounts', () => {
    it('valid → forwarded → accepted → resolved → confirmed → rated 满意, each step by its owner', async () => {
      const appeal = await raised();
      const forwarded = await step(appeal.id, {
        action: 'forward',
        departmentIds: [hr],
        note: '请人社局协助',
      });
      assert.equal(forwarded.state, 'forwarded');
      const [forward] = forwarded.forwards;
      assert.equal(forward!.departmentName, '人力资源社会保障局');
      assert.equal(forward!.state, 'pending');
      assert.ok(Date.parse(forward!.respondDueAt) > t.ctx.clock.now().getTime());
      assert.ok(Date.parse(forward!.resolveDueAt) > Date.parse(forward!.respondDueAt));
      assert.ok(forward!.workingDaysLeft! >= 10);
      // The liaison finds it in the inbox and is told about it.
      const inbox = await t.request({ url: '/api/appeals/inbox?state=pending', cookie: cookies.liaison });
      assert.equal(inbox.statusCode, 200, inbox.body);
      assert.ok(json<{ items: { appealId: string }[] }>(inbox).items.some((i) => i.appealId === appeal.id));
      assert.ok((await notifications(cookies.liaison!)).some((n) => n.link === `/appeals/${appeal.id}`));
      const seenByLiaison = await get(appeal.id, cookies.liaison);
      assert.deepEqual(seenByLiaison.allowedActions.sort(), ['accept', 'reply', 'return']);
      const accepted = await step(appeal.id, { action: 'accept' }, cookies.liaison);
      assert.equal(accepted.state, 'in_progress');
      await step(appeal.id, { action: 'reply', note: '已联系企业，正在对接职业院校' }, cookies.liaison);
      const answered = await step(
        appeal.id,
        { action: 'resolve', note: '已推荐 12 名技工，企业录用 10 名' },
        cookies.liaison,
      );
      assert.equal(answered.state, 'answered');
      assert.equal(answered.outcome, 'resolved');
      const confirmed = await step(appeal.id, { action: 'confirm' });
      assert.equal(confirmed.state, 'confirmed');
      assert.ok(confirmed.reopenUntil);
      assert.ok((await notifications(cookies.member!)).some((n) => n.link === `/appeals/${appeal.id}`));
      const rated = await step(appeal.id, { action: 'rate', satisfaction: 'satisfied' }, cookies.member);
      assert.equal(rated.state, 'closed');
      assert.equal(rated.satisfaction, 'satisfied');
      assert.deepEqual(
        rated.events.map((e) => e.action),
        ['raise', 'mark_valid', 'forward', 'accept', 'reply', 'resolve', 'confirm', 'rate'],
      );
      const { rows } = await t.database.pool.query<{ action: string }>(
        "SELECT action FROM audit_events WHERE object_id = $1 AND action LIKE 'appeal.%' ORDER BY seq",
        [appeal.id],
      );
      assert.deepEqual(
        rows.map((r) => r.action),
        [
          'appeal.raised',
          'appeal.mark_valid',
          'appeal.forward',
          'appeal.accept',
          'appeal.reply',
          'appeal.resolve',
          'appeal.confirm',
          'appeal.rate',
        ],
      );
      const forwardRow = await t.database.pool.query<{ satisfaction: string }>(
        'SELECT satisfaction FROM appeal_forwards WHERE appeal_id = $1',
        [appeal.id],
      );
      assert.equal(forwardRow.rows[0]!.satisfaction, 'satisfied');
    });

    it('forwarded to two departments, it is answered once both are done; a return alone sends it back', async () => {
      const appeal = await raised();
      const forwarded = await step(appeal.id, { action: 'forward', departmentIds: [hr, tax] });
      assert.equal(forwarded.forwards.length, 2);
      await step(appeal.id, { action: 'return', reason: '不属本部门职责' }, cookies.taxLiaison);
      assert.equal((await get(appeal.id)).state, 'forwarded');
      await step(appeal.id, { action: 'accept' }, cookies.liaison);
      const answered = await step(
        appeal.id,
        { action: 'explain_unsolvable', note: '企业不符合补贴条件，已解释' },
        cookies.liaison,
      );
      assert.equal(answered.state, 'answered');
      assert.equal(answered.outcome, 'unsolvable');

      const lone = await forwardedToHr();
      const returned = await step(lone.id, { action: 'return', reason: '请改转税务局' }, cookies.liaison);
      assert.equal(returned.state, 'returned');
      assert.ok((await notifications(cookies.staff!)).some((n) => n.link === `/appeals/${lone.id}`));
      const rerouted = await step(lone.id, { action: 'forward', departmentIds: [tax] });
      assert.equal(rerouted.state, 'forwarded');
      assert.deepEqual(
        rerouted.forwards.map((f) => [f.departmentName, f.state]),
        [
          ['人力资源社会保障局', 'returned'],
          ['税务局', 'pending'],
        ],
      );
    });

    it('staff rate on the enterprise’s behalf only saying how (phone or visit)', async () => {
      const appeal = await forwardedToHr();
      await step(appeal.id, { action: 'accept' }, cookies.liaison);
      await step(appeal.id, { action: 'resolve', note: '已办结' }, cookies.liaison);
      await step(appeal.id, { action: 'confirm' });
      const { version } = await get(appeal.id);
      const noVia = await move(appeal.id, { action: 'rate', version, satisfaction: 'satisfied' });
      assert.equal(noVia.statusCode, 400);
      assert.equal(json<ErrorJson>(noVia).error.details?.[0]?.code, 'RATING_CHANNEL_REQUIRED');
      const rated = await step(appeal.id, {
        action: 'rate',
        satisfaction: 'basically_satisfied',
        via: 'phone',
      });
      assert.equal(rated.state, 'closed');
      // The list filters by one rating or several (the dashboard's 满意 = satisfied + basically satisfied).
      const ids = async (query: string) =>
        json<{ items: { id: string }[] }>(
          await t.request({ url: `/api/appeals?pageSize=200&${query}`, cookie: cookies.staff }),
        ).items.map((item) => item.id);
      assert.ok(!(await ids('satisfaction=satisfied')).includes(appeal.id));
      assert.ok((await ids('satisfaction=basically_satisfied')).includes(appeal.id));
      assert.ok((await ids('satisfaction=satisfied,basically_satisfied')).includes(appeal.id));
      const bad = await t.request({ url: '/api/appeals?satisfaction=happy', cookie: cookies.staff });
      assert.equal(bad.statusCode, 400);
    });

    it('the enterprise may reopen within the window; the history stays; after it, no more', async () => {
      const appeal = await forwardedToHr();
      await step(appeal.id, { action: 'accept' }, cookies.liaison);
      await step(appeal.id, { action: 'resolve', note: '已办结' }, cookies.liaison);
      await step(appeal.id, { action: 'confirm' });
      await step(appeal.id, { action: 'rate', satisfaction: 'dissatisfied' }, cookies.member);
      const reopened = await step(
        appeal.id,
        { action: 'reopen', reason: '问题没有真正解决' },
        cookies.member,
      );
      assert.equal(reopened.state, 'valid');
      assert.equal(reopened.round, 2);
      assert.equal(reopened.reopenCount, 1);
      assert.equal(reopened.satisfaction, null);
      assert.ok(reopened.events.some((e) => e.action === 'rate'));
      const again = await step(appeal.id, { action: 'forward', departmentIds: [hr] });
      assert.deepEqual(
        again.forwards.map((f) => [f.round, f.state]),
        [
          [1, 'resolved'],
          [2, 'pending'],
        ],
      );

      const late = await forwardedToHr();
      await step(late.id, { action: 'accept' }, cookies.liaison);
      await step(late.id, { action: 'resolve', note: '已办结' }, cookies.liaison);
      await step(late.id, { action: 'confirm' });
      await step(late.id, { action: 'rate', satisfaction: 'satisfied' }, cookies.member);
      t.ctx.clock.advance(16 * 86_400_000);
      try {
        // A session made in the moved time: the shared ones would expire there.
        const member = await t.sessionFor(await t.userId('member'));
        const { version, allowedActions } = await get(late.id, member);
        assert.ok(!allowedActions.includes('reopen'));
        const response = await move(late.id, { action: 'reopen', version, reason: '太晚了' }, member);
        assert.equal(response.statusCode, 409);
        assert.equal(json<ErrorJson>(response).error.code, 'INVALID_TRANSITION');
      } finally {
        t.ctx.clock.reset();
      }
    });

    it('marking invalid needs a reason and is final; merging points at the surviving appeal', async () => {
      const appeal = await raised();
      const noReason = await move(appeal.id, { action: 'mark_invalid', version: appeal.version });
      assert.equal(noReason.statusCode, 400);
      const invalid = await step(appeal.id, { action: 'mark_invalid', reason: '非企业诉求' });
      assert.equal(invalid.state, 'invalid');
      assert.deepEqual(invalid.allowedActions, []);

      const duplicate = await raised();
      const survivor = await raised();
      const self = await move(duplicate.id, {
        action: 'merge',
        version: duplicate.version,
        intoId: duplicate.id,
      });
      assert.equal(self.statusCode, 400);
      const merged = await step(duplicate.id, { action: 'merge', intoId: survivor.id });
      assert.equal(merged.state, 'merged');
      assert.equal(merged.mergedIntoId, survivor.id);
      assert.ok((await get(survivor.id)).events.some((e) => e.action === 'merged_from'));
      const intoMerged = await move(survivor.id, {
        action: 'merge',
        version: (await get(survivor.id)).version,
        intoId: duplicate.id,
      });
      assert.equal(intoMerged.statusCode, 400);
    });
  });

  describe('illegal moves, stale edits and bad requests', () => {
    it('an illegal transition is 409 INVALID_TRANSITION and changes nothing', async () => {
      // The enterprise's own appeal, still 待受理 (staff's own start accepted).
      const ownRaise = await raise(body({ source: 'self_service' }), cookies.member);
      assert.equal(ownRaise.statusCode, 201, ownRaise.body);
      const appeal = json<{ appeal: AppealJson }>(ownRaise).appeal;
      for (const request of [
        { action: 'confirm' },
        { action: 'forward', departmentIds: [hr] },
        { action: 'rate', satisfaction: 'satisfied', via: 'phone' },
      ]) {
        const response = await move(appeal.id, { version: appeal.version, ...request });
        assert.equal(response.statusCode, 409, response.body);
        assert.equal(json<ErrorJson>(response).error.code, 'INVALID_TRANSITION');
      }
      const after = await get(appeal.id);
      assert.equal(after.version, appeal.version);
      assert.equal(after.events.length, 1);
    });

    it('a stale version is 409 VERSION_CONFLICT; two edits at once: one wins', async () => {
      const ownRaise = await raise(body({ source: 'self_service' }), cookies.member);
      assert.equal(ownRaise.statusCode, 201, ownRaise.body);
      const appeal = json<{ appeal: AppealJson }>(ownRaise).appeal;
      await step(appeal.id, { action: 'mark_valid' });
      const stale = await move(appeal.id, {
        action: 'mark_invalid',
        version: appeal.version,
        reason: '重复',
      });
      assert.equal(stale.statusCode, 409);
      assert.equal(json<ErrorJson>(stale).error.code, 'VERSION_CONFLICT');
      const { version } = await get(appeal.id);
      const both = await Promise.all([
        move(appeal.id, { action: 'forward', version, departmentIds: [hr] }),
        move(appeal.id, { action: 'mark_invalid', version, reason: '重复' }),
      ]);
      assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 409]);
    });

    it('bad transition bodies are 400 with the field named', async () => {
      const appeal = await raised();
      const { version } = await get(appeal.id);
      const cases: [Record<string, unknown>, string][] = [
        [{ action: 'fly', version }, 'action'],
        [{ action: 'forward', version, departmentIds: [] }, 'departmentIds'],
        [{ action: 'forward', version, departmentIds: ['x'] }, 'departmentIds.0'],
        [{ action: 'forward', version, departmentIds: [randomUUID()] }, 'departmentIds.0'],
        [{ action: 'forward', version: 'one', departmentIds: [hr] }, 'version'],
      ];
      for (const [request, path] of cases) {
        const response = await move(appeal.id, request);
        assert.equal(response.statusCode, 400, `${path}: ${response.body}`);
        assert.ok(
          json<ErrorJson>(response).error.details?.some((d) => d.path === path),
          `${path}: ${response.body}`,
        );
      }
      // A department without a channel.
      const noChannel = await orgUnitId(t, '发展改革委');
      await t.database.pool.query('UPDATE channels SET active = false WHERE department_id = $1', [noChannel]);
      const refused = await move(appeal.id, { action: 'forward', version, departmentIds: [noChannel] });
      assert.equal(refused.statusCode, 400);
      assert.equal(json<ErrorJson>(refused).error.details?.[0]?.code, 'NO_CHANNEL');
      await t.database.pool.query('UPDATE channels SET active = true WHERE department_id = $1', [noChannel]);
      assert.equal((await get(appeal.id)).version, version);
    });
  });

  describe('who sees and does what', () => {
    it('a liaison sees only what was forwarded to their department (else 404) and cannot triage', async () => {
      const appeal = await forwardedToHr({ enterpriseId: otherEnterprise });
      const other = await t.request({ url: `/api/appeals/${appeal.id}`, cookie: cookies.taxLiaison });
      assert.equal(other.statusCode, 404);
      const notForwarded = await raised();
      assert.equal(
        (await t.request({ url: `/api/appeals/${notForwarded.id}`, cookie: cookies.liaison })).statusCode,
        404,
      );
      const acceptOther = await move(
        appeal.id,
        { action: 'accept', version: appeal.version },
        cookies.taxLiaison,
      );
      assert.equal(acceptOther.statusCode, 404);
      const triage = await move(appeal.id, { action: 'confirm', version: appeal.version }, cookies.liaison);
      assert.equal(triage.statusCode, 403);
      // The enterprise of a forwarded appeal is readable to the liaison; others are not.
      assert.equal(
        (await t.request({ url: `/api/enterprises/${otherEnterprise}`, cookie: cookies.liaison })).statusCode,
        200,
      );
      assert.equal(
        (await t.request({ url: `/api/enterprises/${otherEnterprise}`, cookie: cookies.taxLiaison }))
          .statusCode,
        404,
      );
    });

    it('an enterprise contact sees only their own appeals', async () => {
      const foreign = await raised({ enterpriseId: otherEnterprise });
      assert.equal(
        (await t.request({ url: `/api/appeals/${foreign.id}`, cookie: cookies.member })).statusCode,
        404,
      );
      const list = await t.request({ url: '/api/appeals?pageSize=200', cookie: cookies.member });
      const items = json<{ items: { enterpriseId: string }[] }>(list).items;
      assert.ok(items.length > 0);
      assert.ok(items.every((i) => i.enterpriseId === memberEnterprise));
      const triage = await move(
        foreign.id,
        { action: 'mark_valid', version: foreign.version },
        cookies.member,
      );
      assert.equal(triage.statusCode, 404);
    });

    it('a leader reads everything in the district but acts on nothing; another district sees nothing', async () => {
      const appeal = await raised();
      const read = await get(appeal.id, cookies.leader);
      assert.deepEqual(read.allowedActions, []);
      const act = await move(appeal.id, { action: 'mark_valid', version: appeal.version }, cookies.leader);
      assert.equal(act.statusCode, 403);
      const outsider = await staffOfAnotherDistrict('另一区工商联', 'other-staff');
      assert.equal((await t.request({ url: `/api/appeals/${appeal.id}`, cookie: outsider })).statusCode, 404);
      assert.equal(
        (await move(appeal.id, { action: 'mark_valid', version: appeal.version }, outsider)).statusCode,
        404,
      );
    });

    it('administrators see no appeals at all', async () => {
      assert.equal((await t.request({ url: '/api/appeals', cookie: cookies.sysadmin })).statusCode, 403);
    });
  });

  describe('attachments', () => {
    const upload = (id: string, fileName: string, content: Buffer, cookie = cookies.staff!) => {
      const { payload, contentType } = multipart(fileName, content);
      return t.app.inject({
        method: 'POST',
        url: `/api/appeals/${id}/attachments`,
        headers: { host: 'localhost:80', origin: 'http://localhost:80', cookie, 'content-type': contentType },
        payload,
      });
    };

    it('a PDF and an image are stored, typed by content, and downloaded', async () => {
      const appeal = await raised();
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
      const response = await upload(appeal.id, '营业执照扫描件.pdf', pdf);
      assert.equal(response.statusCode, 201, response.body);
      const { attachment } = json<{ attachment: { id: string; mediaType: string; fileName: string } }>(
        response,
      );
      assert.equal(attachment.mediaType, 'application/pdf');
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
      const image = await upload(appeal.id, 'photo.jpg', png, cookies.member);
      assert.equal(image.statusCode, 201, image.body);
      assert.equal(json<{ attachment: { fileName: string } }>(image).attachment.fileName, 'photo.png');
      const download = await t.request({
        url: `/api/appeals/${appeal.id}/attachments/${attachment.id}`,
        cookie: cookies.leader,
      });
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-type'], 'application/pdf');
      assert.deepEqual(download.rawPayload, pdf);
      assert.equal((await get(appeal.id)).attachments.length, 2);
    });

    it('an .exe renamed .pdf is refused; an oversized file is 413 with nothing stored; a reader may not upload', async () => {
      const appeal = await raised();
      const stored = async () =>
        count(`SELECT count(*)::int AS n FROM appeal_attachments WHERE appeal_id = '${appeal.id}'`);
      const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
      const renamed = await upload(appeal.id, 'invoice.pdf', exe);
      assert.equal(renamed.statusCode, 400);
      assert.equal(json<ErrorJson>(renamed).error.details?.[0]?.code, 'UNSUPPORTED_FILE_TYPE');
      const big = Buffer.concat([
        Buffer.from('%PDF-1.4\n'),
        Buffer.alloc(t.config.attachmentMaxBytes + 10, 0x20),
      ]);
      const tooLarge = await upload(appeal.id, 'big.pdf', big);
      assert.equal(tooLarge.statusCode, 413);
      const leader = await upload(appeal.id, 'a.pdf', Buffer.from('%PDF-1.4\n'), cookies.leader);
      assert.equal(leader.statusCode, 403);
      const outsider = await upload(appeal.id, 'a.pdf', Buffer.from('%PDF-1.4\n'), cookies.taxLiaison);
      assert.equal(outsider.statusCode, 404);
      assert.equal(await stored(), 0);
    });
  });

  describe('deadline timers', () => {
    it('remind, mark overdue and escalate once, however often the timers run', async () => {
      const appeal = await forwardedToHr();
      const forward = appeal.forwards[0]!;
      const respondDue = Date.parse(forward.respondDueAt);
      const resolveDue = Date.parse(forward.resolveDueAt);
      const kinds = async (cookie: string) =>
        (await notifications(cookie))
          .filter((n) => n.link === `/appeals/${appeal.id}`)
          .map((n) => n.kind)
          .sort();

      await runDeadlineChecks(t.ctx, new Date(respondDue - 3_600_000));
      assert.ok((await kinds(cookies.liaison!)).includes('appeal.respond_reminder'));
      await runDeadlineChecks(t.ctx, new Date(respondDue + 3_600_000));
      await runDeadlineChecks(t.ctx, new Date(respondDue + 3_600_000));
      const afterRespond = await get(appeal.id);
      assert.equal(afterRespond.forwards[0]!.state, 'pending');
      assert.ok(afterRespond.events.some((e) => e.action === 'respond_overdue'));

      // The views decide overdue at the app's clock (overdue.ts): the timers run at the time it shows.
      t.ctx.clock.set(new Date(resolveDue + 3_600_000));
      const signedIn = { ...cookies };
      for (const name of ['staff', 'leader', 'liaison', 'hrhead'])
        cookies[name] = await t.sessionFor(await t.userId(name));
      try {
        await timersPastResolution(appeal.id, kinds);
      } finally {
        t.ctx.clock.reset();
        Object.assign(cookies, signedIn);
      }
    });

    /** Past the resolution deadline (the clock set there): told, escalated once, overdue in every view. */
    const timersPastResolution = async (id: string, kinds: (cookie: string) => Promise<string[]>) => {
      const appeal = { id };
      await Promise.all([
        runDeadlineChecks(t.ctx, t.ctx.clock.now()),
        runDeadlineChecks(t.ctx, t.ctx.clock.now()),
      ]);
      const liaisonKinds = await kinds(cookies.liaison!);
      assert.deepEqual(liaisonKinds, [
        'appeal.forwarded',
        'appeal.resolve_overdue',
        'appeal.respond_overdue',
        'appeal.respond_reminder',
      ]);
      // The head is the channel's head account and the department's head (部门负责人): escalated to once.
      assert.equal((await kinds(cookies.hrhead!)).filter((k) => k === 'appeal.escalated').length, 1);
      assert.deepEqual(await kinds(cookies.leader!), ['appeal.escalated']);
      const overdue = await get(appeal.id);
      assert.equal(overdue.overdue, true);
      assert.equal(overdue.events.filter((e) => e.action === 'escalated').length, 1);
      const list = await t.request({ url: '/api/appeals?overdue=true&pageSize=200', cookie: cookies.staff });
      assert.ok(json<{ items: { id: string }[] }>(list).items.some((i) => i.id === appeal.id));
      const inbox = await t.request({ url: '/api/appeals/inbox?overdue=true', cookie: cookies.liaison });
      assert.ok(json<{ items: { appealId: string }[] }>(inbox).items.some((i) => i.appealId === appeal.id));

      // Resolving late clears the open-overdue mark; the lateness stays on record.
      await step(appeal.id, { action: 'accept' }, cookies.liaison);
      const late = await step(appeal.id, { action: 'resolve', note: '已办结' }, cookies.liaison);
      assert.equal(late.overdue, false);
      assert.equal(late.forwards[0]!.state, 'resolved');
    };

    it('a run cut off half-way loses no alert and repeats none when run again', async () => {
      const first = await forwardedToHr({ title: '中断测试甲' });
      const second = await forwardedToHr({ title: '中断测试乙' });
      const due = Math.max(
        Date.parse(first.forwards[0]!.respondDueAt),
        Date.parse(second.forwards[0]!.respondDueAt),
      );
      // The crash: the second appeal's alert fails inside its transaction (as if the process died there).
      await t.database.pool.query(`
        CREATE FUNCTION fail_second_alert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.title LIKE '%中断测试乙%' THEN RAISE EXCEPTION 'simulated crash'; END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER fail_second_alert BEFORE INSERT ON notifications
          FOR EACH ROW EXECUTE FUNCTION fail_second_alert();`);
      const at = new Date(due + 3_600_000);
      await assert.rejects(runDeadlineChecks(t.ctx, at));
      await t.database.pool.query(
        'DROP TRIGGER fail_second_alert ON notifications; DROP FUNCTION fail_second_alert();',
      );
      await runDeadlineChecks(t.ctx, at);
      await runDeadlineChecks(t.ctx, at);
      for (const appeal of [first, second]) {
        const { rows } = await t.database.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id
           WHERE u.username = 'liaison' AND n.kind = 'appeal.respond_overdue' AND n.object_id = $1`,
          [appeal.id],
        );
        assert.equal(rows[0]!.n, 1, appeal.id);
        const events = (await get(appeal.id)).events.filter((e) => e.action === 'respond_overdue');
        assert.equal(events.length, 1);
      }
    });
  });
});
