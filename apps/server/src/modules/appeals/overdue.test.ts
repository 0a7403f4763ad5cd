// One appeal walked on the test clock past its response deadline, responded to late, then past its
// resolution deadline and answered late: at each step staff's overdue filter, the kanban's column, the
// appeal's page, the liaison's 已超期 tab, the appeal ledger's 是否超期 and the notices agree (overdue.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import '../../core/office/exceljs-utf8.ts';
import { json, setupTestApp, TEST_CLOCK_START, type TestApp } from '../../test/harness.ts';
import { sheetRows } from '../../test/workbooks.ts';
import { runDeadlineChecks } from './deadlines.ts';
import { appealOverdue, forwardOverdue } from './overdue.ts';

interface Summary {
  id: string;
  state: string;
  overdue: boolean;
  responseOverdue: boolean;
  resolveOverdue: boolean;
}
interface Forward {
  respondDueAt: string;
  resolveDueAt: string;
  responseOverdue: boolean;
  resolveOverdue: boolean;
}
interface Appeal extends Summary {
  number: string;
  version: number;
  forwards: Forward[];
}

const HOUR = 3_600_000;

describe('overdue, one definition for every view', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};

  /** Sessions live an hour on the clock: new ones after each move. */
  const signIn = async () => {
    for (const name of ['staff', 'liaison', 'leader', 'member'])
      cookies[name] = await t.sessionFor(await t.userId(name));
  };
  const getJson = async <T>(url: string, cookie: string): Promise<T> => {
    const response = await t.request({ url, cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<T>(response);
  };
  const appeal = async (id: string) =>
    (await getJson<{ appeal: Appeal }>(`/api/appeals/${id}`, cookies.staff!)).appeal;
  const step = async (id: string, request: Record<string, unknown>, cookie: string) => {
    const { version } = await appeal(id);
    const response = await t.request({
      method: 'POST',
      url: `/api/appeals/${id}/transitions`,
      cookie,
      body: { version, ...request },
    });
    assert.equal(response.statusCode, 200, response.body);
    return json<{ appeal: Appeal }>(response).appeal;
  };
  const kinds = async (cookie: string, id: string) =>
    (
      await getJson<{ items: { kind: string; link: string | null }[] }>(
        '/api/notifications?pageSize=100',
        cookie,
      )
    ).items
      .filter((n) => n.link === `/appeals/${id}`)
      .map((n) => n.kind)
      .sort();

  /** Every view's answer for the appeal: expected `[response, resolution]` overdue. */
  const assertViews = async (id: string, number: string, expected: [boolean, boolean], moment: string) => {
    const [response, resolution] = expected;
    const overdue = response || resolution;
    const filtered = await getJson<{ items: Summary[] }>(
      '/api/appeals?overdue=true&pageSize=200',
      cookies.staff!,
    );
    const listed = filtered.items.find((item) => item.id === id);
    assert.equal(listed !== undefined, overdue, `${moment}: staff's 只看超期`);
    const notOverdue = await getJson<{ items: Summary[] }>(
      '/api/appeals?overdue=false&pageSize=200',
      cookies.staff!,
    );
    assert.equal(
      notOverdue.items.some((item) => item.id === id),
      !overdue,
      `${moment}: the complement`,
    );
    const page = await appeal(id);
    const column = await getJson<{ items: Summary[] }>(
      `/api/appeals?state=${page.state}&pageSize=200`,
      cookies.staff!,
    );
    const card = column.items.find((item) => item.id === id)!;
    for (const [view, summary] of [
      ['kanban card', card],
      ['appeal page', page],
    ] as const) {
      assert.deepEqual(
        [summary.overdue, summary.responseOverdue, summary.resolveOverdue],
        [overdue, response, resolution],
        `${moment}: ${view}`,
      );
    }
    const forward = page.forwards[0]!;
    assert.deepEqual([forward.responseOverdue, forward.resolveOverdue], expected, `${moment}: forward row`);
    const tab = await getJson<{
      items: { appealId: string; responseOverdue: boolean; resolveOverdue: boolean }[];
    }>('/api/appeals/inbox?overdue=true&pageSize=100', cookies.liaison!);
    const row = tab.items.find((item) => item.appealId === id);
    assert.equal(row !== undefined, overdue, `${moment}: liaison's 已超期 tab`);
    if (row) assert.deepEqual([row.responseOverdue, row.resolveOverdue], expected, `${moment}: inbox row`);
    return page;
  };

  const ledgerOverdue = async (number: string) => {
    const response = await t.request({
      url: '/api/ledgers/appeals.xlsx?from=2026-10-01&to=2026-12-31',
      cookie: cookies.staff!,
    });
    assert.equal(response.statusCode, 200, response.body.slice(0, 300));
    const rows = await sheetRows(response.rawPayload);
    const header = rows[2]!;
    const row = rows.find((cells) => cells[header.indexOf('诉求编号')] === number)!;
    assert.ok(row, 'the appeal is in the ledger');
    return row[header.indexOf('是否超期')];
  };

  before(async () => {
    t = await setupTestApp();
    await signIn();
  });
  after(async () => {
    t.ctx.clock.reset();
    await t.close();
  });

  it('the pure rule: open and past a deadline, a response clears the response kind only', () => {
    const due = {
      respondDueAt: new Date('2026-12-01T00:00:00Z'),
      resolveDueAt: new Date('2026-12-10T00:00:00Z'),
    };
    const at = (iso: string) => new Date(iso);
    const pending = { ...due, state: 'pending', respondedAt: null };
    assert.deepEqual(forwardOverdue(pending, at('2026-12-01T00:00:00Z')), {
      response: false,
      resolution: false,
    });
    assert.deepEqual(forwardOverdue(pending, at('2026-12-01T00:00:01Z')), {
      response: true,
      resolution: false,
    });
    const replied = { ...pending, respondedAt: at('2026-12-02T00:00:00Z') };
    assert.deepEqual(forwardOverdue(replied, at('2026-12-03T00:00:00Z')), {
      response: false,
      resolution: false,
    });
    const accepted = { ...replied, state: 'accepted' };
    assert.deepEqual(forwardOverdue(accepted, at('2026-12-11T00:00:00Z')), {
      response: false,
      resolution: true,
    });
    for (const state of ['resolved', 'unsolvable', 'returned', 'withdrawn'])
      assert.deepEqual(forwardOverdue({ ...pending, state }, at('2027-01-01T00:00:00Z')), {
        response: false,
        resolution: false,
      });
    assert.deepEqual(appealOverdue([accepted, pending], at('2026-12-05T00:00:00Z')), {
      response: true,
      resolution: false,
    });
  });

  it('walked past each deadline, every view and the notices agree', async () => {
    const { rows } = await t.database.pool.query<{ enterprise_id: string }>(
      "SELECT enterprise_id FROM users WHERE username = 'member'",
    );
    const raised = await t.request({
      method: 'POST',
      url: '/api/appeals',
      cookie: cookies.member,
      body: {
        enterpriseId: rows[0]!.enterprise_id,
        category: 'employment',
        title: '超期一致性测试',
        description: '用工备案迟迟未办。',
        source: 'self_service',
        urgency: 'normal',
      },
    });
    assert.equal(raised.statusCode, 201, raised.body);
    const { id, number } = json<{ appeal: Appeal }>(raised).appeal;
    const hr = (
      await t.database.pool.query<{ id: string }>(
        "SELECT id FROM org_units WHERE name = '人力资源社会保障局'",
      )
    ).rows[0]!.id;
    await step(id, { action: 'mark_valid' }, cookies.staff!);
    const forwarded = await step(id, { action: 'forward', departmentIds: [hr] }, cookies.staff!);
    const respondDue = Date.parse(forwarded.forwards[0]!.respondDueAt);
    const resolveDue = Date.parse(forwarded.forwards[0]!.resolveDueAt);
    assert.ok(respondDue > TEST_CLOCK_START.getTime());

    const moveTo = async (at: number) => {
      t.ctx.clock.set(new Date(at));
      await signIn();
      await runDeadlineChecks(t.ctx, t.ctx.clock.now());
    };

    await moveTo(respondDue - HOUR);
    await assertViews(id, number, [false, false], 'before the response deadline');
    assert.equal(await ledgerOverdue(number), '否');

    await moveTo(respondDue + HOUR);
    await assertViews(id, number, [true, false], 'past the response deadline');
    assert.equal(await ledgerOverdue(number), '是');
    assert.ok((await kinds(cookies.liaison!, id)).includes('appeal.respond_overdue'), 'the liaison is told');
    assert.ok((await kinds(cookies.staff!, id)).includes('appeal.respond_overdue'), 'the staff are told');

    // A late response ends the response kind: nothing is overdue until the resolution deadline.
    await step(id, { action: 'accept' }, cookies.liaison!);
    await assertViews(id, number, [false, false], 'responded late');
    assert.equal(await ledgerOverdue(number), '否');

    await moveTo(resolveDue + HOUR);
    await assertViews(id, number, [false, true], 'past the resolution deadline');
    assert.equal(await ledgerOverdue(number), '是');
    assert.ok((await kinds(cookies.liaison!, id)).includes('appeal.resolve_overdue'), 'the liaison is told');
    assert.ok((await kinds(cookies.staff!, id)).includes('appeal.escalated'), 'the staff are told');
    assert.ok((await kinds(cookies.leader!, id)).includes('appeal.escalated'), 'the leaders are told');

    // Answered late: no longer overdue anywhere; the ledger keeps that it ran late.
    await step(id, { action: 'resolve', note: '已完成备案' }, cookies.liaison!);
    await assertViews(id, number, [false, false], 'answered late');
    assert.equal(await ledgerOverdue(number), '是');
  });
});
