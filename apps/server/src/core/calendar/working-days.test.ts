// Working-day arithmetic around 春节 2026 and 国庆 2026, with the State Council's schedule as overrides.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CalendarDayKind } from '@qinqing/shared';
import { endOfShanghaiDay, shanghaiDay, WorkingDays } from './working-days.ts';

const holidays = (...days: string[]) => days.map((day): [string, CalendarDayKind] => [day, 'holiday']);
const workdays = (...days: string[]) => days.map((day): [string, CalendarDayKind] => [day, 'workday']);

const calendar = new WorkingDays(
  new Map([
    // 春节: 15–23 February off, Saturdays 14 and 28 February worked.
    ...holidays('2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23'),
    ...workdays('2026-02-14', '2026-02-28'),
    // 中秋 25–27 September, 国庆 1–7 October; Sunday 20 September and Saturday 10 October worked.
    ...holidays('2026-09-25', '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'),
    ...workdays('2026-09-20', '2026-10-10'),
  ]),
);

/** An instant in Asia/Shanghai. */
const at = (local: string) => new Date(`${local}+08:00`);
/** The deadline's day, read back in Asia/Shanghai; and the deadline is exactly that day's end. */
function deadlineDay(deadline: Date): string {
  const day = shanghaiDay(deadline);
  assert.equal(deadline.getTime(), endOfShanghaiDay(day).getTime());
  return day;
}

describe('working days', () => {
  it('days in Asia/Shanghai, deadlines at the end of the day', () => {
    assert.equal(shanghaiDay(new Date('2026-09-30T16:30:00Z')), '2026-10-01');
    assert.equal(shanghaiDay(new Date('2026-09-30T15:59:59Z')), '2026-09-30');
    assert.equal(endOfShanghaiDay('2026-10-08').toISOString(), '2026-10-08T15:59:59.999Z');
  });

  it('knows weekends, holidays and adjusted workdays', () => {
    assert.equal(calendar.isWorkday('2026-02-13'), true, 'a Friday');
    assert.equal(calendar.isWorkday('2026-02-14'), true, 'Saturday worked for 春节');
    assert.equal(calendar.isWorkday('2026-02-16'), false, '春节');
    assert.equal(calendar.isWorkday('2026-02-21'), false, 'a Saturday inside 春节');
    assert.equal(calendar.isWorkday('2026-03-07'), false, 'an ordinary Saturday');
    assert.equal(calendar.isWorkday('2026-10-10'), true, 'Saturday worked for 国庆');
    assert.equal(calendar.isWorkday('2027-02-15'), true, 'a year not entered: weekdays work');
  });

  it('counts deadlines across 春节 2026', () => {
    const friday = at('2026-02-13T10:00:00');
    assert.equal(deadlineDay(calendar.addWorkingDays(friday, 0)), '2026-02-13');
    assert.equal(deadlineDay(calendar.addWorkingDays(friday, 1)), '2026-02-14');
    assert.equal(deadlineDay(calendar.addWorkingDays(friday, 2)), '2026-02-24');
    assert.equal(deadlineDay(calendar.addWorkingDays(friday, 5)), '2026-02-27');
    assert.equal(deadlineDay(calendar.addWorkingDays(friday, 6)), '2026-02-28');
    assert.equal(deadlineDay(calendar.addWorkingDays(friday, 7)), '2026-03-02');
    // Raised during the holiday: n = 0 is the first working day after it, and so is n = 1.
    const holiday = at('2026-02-18T09:00:00');
    assert.equal(deadlineDay(calendar.addWorkingDays(holiday, 0)), '2026-02-24');
    assert.equal(deadlineDay(calendar.addWorkingDays(holiday, 1)), '2026-02-24');
    assert.equal(deadlineDay(calendar.addWorkingDays(holiday, 3)), '2026-02-26');
  });

  it('counts deadlines across 中秋 and 国庆 2026', () => {
    assert.equal(deadlineDay(calendar.addWorkingDays(at('2026-09-18T16:00:00'), 1)), '2026-09-20');
    assert.equal(deadlineDay(calendar.addWorkingDays(at('2026-09-24T16:00:00'), 1)), '2026-09-28');
    const lastDayBefore = at('2026-09-30T09:00:00');
    assert.equal(deadlineDay(calendar.addWorkingDays(lastDayBefore, 1)), '2026-10-08');
    assert.equal(deadlineDay(calendar.addWorkingDays(lastDayBefore, 3)), '2026-10-10');
    assert.equal(deadlineDay(calendar.addWorkingDays(lastDayBefore, 4)), '2026-10-12');
    // Half past midnight in Beijing is already 1 October, though still 30 September in UTC.
    assert.equal(deadlineDay(calendar.addWorkingDays(new Date('2026-09-30T16:30:00Z'), 0)), '2026-10-08');
  });

  it('counts working days left and overdue, signed', () => {
    const deadline = calendar.addWorkingDays(at('2026-02-13T10:00:00'), 2);
    assert.equal(calendar.workingDaysBetween(at('2026-02-13T10:00:00'), deadline), 2);
    assert.equal(calendar.workingDaysBetween(at('2026-02-20T10:00:00'), deadline), 1);
    assert.equal(calendar.workingDaysBetween(at('2026-02-24T18:00:00'), deadline), 0);
    assert.equal(calendar.workingDaysBetween(at('2026-02-26T10:00:00'), deadline), -2);
    // The weekend after 国庆 week: Saturday 10 October is worked, Sunday is not.
    const friday = endOfShanghaiDay('2026-10-09');
    assert.equal(calendar.workingDaysBetween(at('2026-10-11T10:00:00'), friday), -1);
    assert.equal(calendar.workingDaysBetween(at('2026-09-30T10:00:00'), friday), 2);
  });

  it('refuses a negative or fractional count', () => {
    assert.throws(() => calendar.addWorkingDays(new Date(), -1), RangeError);
    assert.throws(() => calendar.addWorkingDays(new Date(), 1.5), RangeError);
  });
});
