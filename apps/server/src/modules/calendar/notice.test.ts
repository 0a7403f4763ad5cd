// The working calendar loaded from the State Council's notice typed as data (docs/calendar), the warning
// from 1 November while next year is missing (status and health), and deadlines that run into a missing
// year marked 日历缺失 — all on the test clock, across the year end.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { CalendarYearView, ErrorBody } from '@qinqing/shared';
import { insertAppeal } from '../../test/appeals.ts';
import { json, orgUnitId, setupTestApp, type TestApp } from '../../test/harness.ts';

const notice2026 = JSON.parse(
  readFileSync(new URL('../../../../../docs/calendar/2026.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

describe('holiday notices and the missing year', () => {
  let t: TestApp;
  let staff: string;
  let sysadmin: string;

  /** Sessions live an hour on the clock: new ones after each move. */
  const at = async (instant: string) => {
    t.ctx.clock.set(new Date(instant));
    staff = await t.sessionFor(await t.userId('staff'));
    sysadmin = await t.sessionFor(await t.userId('sysadmin'));
  };
  const load = (body: unknown, cookie = sysadmin) =>
    t.request({ method: 'POST', url: '/api/calendar/notices', body, cookie });
  const status = async () =>
    json<{ missingNextYear: number | null }>(await t.request({ url: '/api/calendar/status', cookie: staff }));
  const health = async () =>
    json<{ calendar: string; calendarMissingYear?: number }>(await t.request({ url: '/api/health' }));
  const codes = (response: { json(): unknown }) =>
    (response.json() as ErrorBody).error.details?.map((d) => `${d.path} ${d.code}`);

  before(async () => {
    t = await setupTestApp();
    await at('2026-11-30T09:30:00+08:00');
  });
  after(async () => {
    t.ctx.clock.reset();
    await t.close();
  });

  it('the 2026 notice file gives the very schedule the platform ships with', async () => {
    const seeded = json<CalendarYearView>(await t.request({ url: '/api/calendar?year=2026', cookie: staff }));
    const response = await load(notice2026);
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(json<CalendarYearView>(response).days, seeded.days);
    const { rows } = await t.database.pool.query<{ detail: { notice: string } }>(
      `SELECT detail FROM audit_events WHERE action = 'calendar.notice_loaded'`,
    );
    assert.equal(rows[0]?.detail.notice, '国务院办公厅关于2026年部分节假日安排的通知');
  });

  it('a faulty file: every problem at once, by its place, and nothing written; staff may not load', async () => {
    const faulty = {
      year: 2027,
      title: '测试',
      holidays: [
        { name: '元旦', from: '2027-01-01', to: '2027-01-03', workdays: ['2027-01-04'] },
        { name: '春节', from: '2027-02-10', to: '2027-02-05' },
        { name: '国庆节', from: '2026-10-01', to: '2027-10-07' },
        { name: '长假', from: '2027-07-01', to: '2027-07-30' },
        { name: '重复', from: '2027-01-01', to: '2027-01-01' },
      ],
    };
    const response = await load(faulty);
    assert.equal(response.statusCode, 400, response.body);
    assert.deepEqual(codes(response), [
      'holidays.0.workdays.0 WORKDAY_ON_WEEKDAY',
      'holidays.1.to RANGE_INVERTED',
      'holidays.2.from DAY_OUTSIDE_YEAR',
      'holidays.3.to RANGE_TOO_LONG',
      'holidays.4.from DUPLICATE_DAY',
    ]);
    const year = json<CalendarYearView>(await t.request({ url: '/api/calendar?year=2027', cookie: staff }));
    assert.equal(year.configured, false, 'nothing written');
    assert.equal((await load({ year: 2027, title: 'x', holidays: [] })).statusCode, 400);
    assert.equal(
      (await load({ year: 2027, title: 'x', holidays: [{ name: 'x', from: '1 月 1 日', to: 'x' }] }))
        .statusCode,
      400,
    );
    assert.equal((await load(notice2026, staff)).statusCode, 403);
  });

  it('from 1 November, next year missing: the status and the health endpoint say so; before, not', async () => {
    assert.equal((await status()).missingNextYear, 2027);
    assert.deepEqual(await health(), {
      status: 'ok',
      db: 'ok',
      calendar: 'next_year_missing',
      calendarMissingYear: 2027,
    });
    await at('2026-10-31T23:00:00+08:00');
    assert.equal((await status()).missingNextYear, null, 'before 1 November (Beijing time)');
    assert.equal((await health()).calendar, 'ok');
  });

  it('across the year end into the missing year, a deadline is marked 日历缺失 until the year is loaded', async () => {
    await at('2026-12-30T10:00:00+08:00');
    const street = await orgUnitId(t, '东湖街道工商联');
    const { rows } = await t.database.pool.query<{ id: string }>(
      `SELECT id FROM enterprises WHERE org_unit_id = $1 LIMIT 1`,
      [street],
    );
    const id = await insertAppeal(t, { enterpriseId: rows[0]!.id, category: 'employment', state: 'valid' });
    const view = async () =>
      json<{ appeal: { version: number; forwards: { calendarMissing: boolean; resolveDueAt: string }[] } }>(
        await t.request({ url: `/api/appeals/${id}`, cookie: staff }),
      ).appeal;
    const forwarded = await t.request({
      method: 'POST',
      url: `/api/appeals/${id}/transitions`,
      cookie: staff,
      body: {
        action: 'forward',
        version: (await view()).version,
        departmentIds: [await orgUnitId(t, '人力资源社会保障局')],
      },
    });
    assert.equal(forwarded.statusCode, 200, forwarded.body);
    const forward = (await view()).forwards[0]!;
    assert.ok(forward.resolveDueAt > '2027', 'ten working days from 30 December end in 2027');
    assert.equal(forward.calendarMissing, true);
    // Into the new year: the deadline is still marked; the November warning is about 2028 only from November.
    await at('2027-01-04T09:00:00+08:00');
    assert.equal((await view()).forwards[0]!.calendarMissing, true);
    assert.equal((await status()).missingNextYear, null);
    const loaded = await load({
      year: 2027,
      title: '测试用 2027 年安排',
      sample: true,
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
    });
    assert.equal(loaded.statusCode, 200, loaded.body);
    assert.equal((await view()).forwards[0]!.calendarMissing, false);
    await at('2027-11-01T00:30:00+08:00');
    assert.equal((await status()).missingNextYear, 2028);
  });
});
