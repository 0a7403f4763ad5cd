// The figures' 已超期 (the measure appeals.overdueNow) and the list it drills down to count the same appeals
// at every instant: both decide overdue by modules/appeals/overdue.ts at the app's clock, so the figure
// moves the moment a deadline passes, without waiting for the scheduler to mark anything.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MeasureValues } from '@qinqing/shared';
import { shanghaiDay } from '../../core/calendar/working-days.ts';
import { json, setupTestApp, type TestApp } from '../../test/harness.ts';

const HOUR = 3_600_000;

describe('the figures’ overdue count and its drill-down agree (overdue.ts)', () => {
  let t: TestApp;
  let staff: string;

  const getJson = async <T>(url: string, cookie = staff): Promise<T> => {
    const response = await t.request({ url, cookie });
    assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
    return json<T>(response);
  };
  /** The measure's number and the number of rows its drill-down list holds. */
  const figureAndList = async (day: string) => {
    const { items: values } = await getJson<MeasureValues>(
      `/api/measures/values?ids=appeals.overdueNow&from=${day}&to=${day}`,
    );
    const [overdue] = values;
    assert.equal(overdue!.id, 'appeals.overdueNow');
    assert.ok(overdue!.list, 'the figure drills down to a list');
    const path = new URL(overdue!.list!, 'http://localhost');
    assert.equal(path.pathname, '/appeals');
    assert.equal(path.searchParams.get('overdue'), 'true');
    path.searchParams.set('pageSize', '200');
    const list = await getJson<{ items: { id: string }[] }>(`/api${path.pathname}${path.search}`);
    return { value: overdue!.value, listed: list.items.map((item) => item.id) };
  };

  before(async () => {
    t = await setupTestApp();
  });
  after(() => t.close());

  it('counts an appeal the moment its response deadline passes, as its list does, with no scheduler run', async () => {
    staff = await t.sessionFor(await t.userId('staff'));
    const { rows } = await t.database.pool.query<{ enterprise_id: string; hr: string }>(
      `SELECT u.enterprise_id, (SELECT id FROM org_units WHERE name = '人力资源社会保障局') AS hr
         FROM users u WHERE u.username = 'member'`,
    );
    const raised = await t.request({
      method: 'POST',
      url: '/api/appeals',
      cookie: staff,
      body: {
        enterpriseId: rows[0]!.enterprise_id,
        category: 'employment',
        title: '超期口径测试',
        description: '用工备案迟迟未办。',
        source: 'phone',
        urgency: 'normal',
      },
    });
    assert.equal(raised.statusCode, 201, raised.body);
    const appeal = json<{ appeal: { id: string; version: number; receivedAt: string } }>(raised).appeal;
    const forwarded = await t.request({
      method: 'POST',
      url: `/api/appeals/${appeal.id}/transitions`,
      cookie: staff,
      body: { action: 'forward', version: appeal.version, departmentIds: [rows[0]!.hr] },
    });
    assert.equal(forwarded.statusCode, 200, forwarded.body);
    const { forwards } = json<{ appeal: { forwards: { respondDueAt: string }[] } }>(forwarded).appeal;
    const day = shanghaiDay(new Date(appeal.receivedAt));

    const before = await figureAndList(day);
    assert.equal(before.value, before.listed.length);
    assert.ok(!before.listed.includes(appeal.id));

    t.ctx.clock.set(new Date(Date.parse(forwards[0]!.respondDueAt) + 2 * HOUR));
    try {
      staff = await t.sessionFor(await t.userId('staff'));
      const past = await figureAndList(day);
      assert.ok(past.listed.includes(appeal.id), 'the list shows it overdue');
      assert.equal(past.value, past.listed.length, 'the figure counts what its list shows');
      assert.equal(past.value, before.value! + 1);
      // The scheduler's mark is still unset: the figure did not wait for it.
      const { rows: marks } = await t.database.pool.query<{ overdue: boolean }>(
        'SELECT overdue FROM appeals WHERE id = $1',
        [appeal.id],
      );
      assert.equal(marks[0]!.overdue, false);
    } finally {
      t.ctx.clock.reset();
    }
  });
});
