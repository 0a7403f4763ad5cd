// /api/calendar: the seeded 2025–2026 schedules, replacing a year (calendar.manage, audited, validated),
// and ctx.calendar following the change.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CalendarYearView, ErrorBody } from '@qinqing/shared';
import { json, setupTestApp, type TestApp } from '../../test/harness.ts';

describe('working-day calendar API', () => {
  let t: TestApp;
  let staff: string;
  let sysadmin: string;

  before(async () => {
    t = await setupTestApp();
    staff = await t.signIn('staff');
    sysadmin = await t.signIn('sysadmin');
  });
  after(() => t.close());

  const put = (year: number | string, body: unknown, cookie = sysadmin) =>
    t.request({ method: 'PUT', url: `/api/calendar/${year}`, body, cookie });
  const detailsOf = (response: { json(): unknown }) =>
    (response.json() as ErrorBody).error.details?.map((d) => ({ path: d.path, code: d.code }));

  it('answers the seeded 2026 schedule to any signed-in user', async () => {
    const response = await t.request({ url: '/api/calendar?year=2026', cookie: staff });
    assert.equal(response.statusCode, 200, response.body);
    const view = json<CalendarYearView>(response);
    assert.equal(view.configured, true);
    assert.equal(view.days.length, 25);
    assert.deepEqual(view.days[0], { day: '2026-01-01', kind: 'holiday', name: '元旦' });
    assert.deepEqual(
      view.days.filter((day) => day.kind === 'workday').map((day) => day.day),
      ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    );
    const y2025 = json<CalendarYearView>(await t.request({ url: '/api/calendar?year=2025', cookie: staff }));
    assert.equal(y2025.days.find((day) => day.day === '2025-01-26')?.kind, 'workday');
    assert.equal(y2025.days.length, 23);
  });

  it('a year nobody entered is answered as not configured', async () => {
    const view = json<CalendarYearView>(await t.request({ url: '/api/calendar?year=2030', cookie: staff }));
    assert.deepEqual(view, { year: 2030, configured: false, updatedAt: null, days: [] });
  });

  it('refuses a missing or impossible year', async () => {
    for (const query of ['', '?year=abc', '?year=1999', '?year=2026.5']) {
      const response = await t.request({ url: `/api/calendar${query}`, cookie: staff });
      assert.equal(response.statusCode, 400, query);
      assert.equal(response.json().error.code, 'VALIDATION_FAILED');
    }
    assert.equal((await t.request({ url: '/api/calendar?year=2026' })).statusCode, 401);
  });

  it('ctx.calendar counts on the seeded schedule', () => {
    assert.equal(t.ctx.calendar.isWorkday('2026-02-14'), true);
    assert.equal(t.ctx.calendar.isWorkday('2026-02-16'), false);
    assert.equal(t.ctx.calendar.isConfigured(2026), true);
    const deadline = t.ctx.calendar.addWorkingDays(new Date('2026-09-30T09:00:00+08:00'), 1);
    assert.equal(deadline.toISOString(), '2026-10-08T15:59:59.999Z');
  });

  it('the system administrator replaces a year: stored, audited, used at once', async () => {
    assert.equal(t.ctx.calendar.isWorkday('2030-01-01'), true);
    const days = [
      { day: '2030-01-01', kind: 'holiday', name: '元旦' },
      { day: '2030-02-02', kind: 'holiday', name: '春节' },
    ];
    // 2030-02-02 is a Saturday: refused, nothing stored.
    const refused = await put(2030, { days });
    assert.equal(refused.statusCode, 400);
    assert.deepEqual(detailsOf(refused), [{ path: 'days.1.day', code: 'HOLIDAY_ON_WEEKEND' }]);

    days[1] = { day: '2030-02-04', kind: 'holiday', name: '春节' };
    days.push({ day: '2030-01-26', kind: 'workday', name: '春节' });
    const response = await put(2030, { days });
    assert.equal(response.statusCode, 200, response.body);
    const view = json<CalendarYearView>(response);
    assert.equal(view.configured, true);
    assert.deepEqual(
      view.days.map((day) => day.day),
      ['2030-01-01', '2030-01-26', '2030-02-04'],
    );
    assert.equal(t.ctx.calendar.isWorkday('2030-01-01'), false);
    assert.equal(t.ctx.calendar.isWorkday('2030-01-26'), true);
    assert.equal(t.ctx.calendar.isConfigured(2030), true);

    // A second replacement drops what is not listed again; the audit record says what changed.
    const again = await put(2030, { days: [{ day: '2030-01-01', kind: 'holiday', name: '元旦' }] });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(t.ctx.calendar.isWorkday('2030-01-26'), false);
    const { rows } = await t.database.pool.query(
      "SELECT actor_name, object_id, detail FROM audit_events WHERE action = 'calendar.year_replaced' ORDER BY seq",
    );
    assert.equal(rows.length, 2);
    assert.equal(rows[1].actor_name, 'sysadmin');
    assert.equal(rows[1].object_id, '2030');
    assert.deepEqual(rows[1].detail, {
      added: [],
      removed: [
        { day: '2030-01-26', kind: 'workday', name: '春节' },
        { day: '2030-02-04', kind: 'holiday', name: '春节' },
      ],
    });
  });

  it('only calendar.manage holders may change it', async () => {
    const body = { days: [] };
    assert.equal((await put(2031, body, staff)).statusCode, 403);
    for (const username of ['leader', 'secadmin', 'auditor', 'liaison', 'member']) {
      const response = await put(2031, body, await t.signIn(username));
      assert.equal(response.statusCode, 403, username);
      assert.equal(response.json().error.code, 'FORBIDDEN');
    }
    assert.equal((await t.request({ method: 'PUT', url: '/api/calendar/2031', body })).statusCode, 401);
    const view = json<CalendarYearView>(await t.request({ url: '/api/calendar?year=2031', cookie: staff }));
    assert.equal(view.configured, false);
  });

  it('refuses bad schedules with a reason for each day', async () => {
    const response = await put(2031, {
      days: [
        { day: '2030-12-31', kind: 'holiday', name: '元旦' },
        { day: '2031-01-01', kind: 'holiday', name: '元旦' },
        { day: '2031-01-01', kind: 'holiday', name: '元旦' },
        { day: '2031-01-06', kind: 'workday', name: '调休' },
        { day: '2031-01-04', kind: 'holiday', name: '周六' },
      ],
    });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(detailsOf(response), [
      { path: 'days.0.day', code: 'DAY_OUTSIDE_YEAR' },
      { path: 'days.2.day', code: 'DUPLICATE_DAY' },
      { path: 'days.3.day', code: 'WORKDAY_ON_WEEKDAY' },
      { path: 'days.4.day', code: 'HOLIDAY_ON_WEEKEND' },
    ]);
    const messages = (response.json() as ErrorBody).error.details!.map((d) => d.message);
    assert.match(messages[2]!, /2031-01-06 是周一，本来就上班/);

    for (const body of [
      {},
      { days: [{ day: '2031-02-30', kind: 'holiday', name: '春节' }] },
      { days: [{ day: '2031-01-01', kind: 'rest', name: '元旦' }] },
      { days: [{ day: '2031-01-01', kind: 'holiday', name: '' }] },
      { days: [{ day: '2031-01-01', kind: 'holiday', name: '元\u0000旦' }] },
      { days: [{ day: '2031-01-01', kind: 'holiday', name: '元旦', extra: 1 }] },
    ]) {
      const bad = await put(2031, body);
      assert.equal(bad.statusCode, 400, JSON.stringify(body));
      assert.equal(bad.json().error.code, 'VALIDATION_FAILED');
    }
    assert.equal((await put('20x1', { days: [] })).statusCode, 400);
    assert.equal((await put(2101, { days: [] })).statusCode, 400);
  });
});
