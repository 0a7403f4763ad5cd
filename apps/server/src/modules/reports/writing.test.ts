// 报告期 and 行文, without a database: report periods (ISO weeks across years, months, quarters), the
// period a report is due for, and numbers as officials print them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoWeekOf, lastEndedPeriod, periodLabelZh, reportPeriodRange } from '@qinqing/shared';
import { caseHandling, chineseDate, chineseNumber, formatCount, formatPercent } from './writing.ts';

describe('report periods (报告期)', () => {
  it('spans ISO weeks, months and quarters', () => {
    assert.deepEqual(reportPeriodRange('weekly', '2026-W47'), { from: '2026-11-16', to: '2026-11-22' });
    // Week 1 holds 4 January: 2026's starts in 2025; 2026 has 53 weeks, 2025 only 52.
    assert.deepEqual(reportPeriodRange('weekly', '2026-W01'), { from: '2025-12-29', to: '2026-01-04' });
    assert.deepEqual(reportPeriodRange('weekly', '2026-W53'), { from: '2026-12-28', to: '2027-01-03' });
    assert.equal(reportPeriodRange('weekly', '2025-W53'), null);
    assert.equal(reportPeriodRange('weekly', '2026-W00'), null);
    assert.deepEqual(reportPeriodRange('monthly', '2024-02'), { from: '2024-02-01', to: '2024-02-29' });
    assert.equal(reportPeriodRange('monthly', '2026-00'), null);
    assert.equal(reportPeriodRange('monthly', '2026-1'), null);
    assert.deepEqual(reportPeriodRange('quarterly', '2026-Q4'), { from: '2026-10-01', to: '2026-12-31' });
    assert.deepEqual(reportPeriodRange('special-difficulties', '2026-Q1'), {
      from: '2026-01-01',
      to: '2026-03-31',
    });
    assert.equal(reportPeriodRange('quarterly', '2026-11'), null);
    assert.equal(reportPeriodRange('monthly', '1999-12'), null);
  });

  it('finds the week of a day and the period that just ended', () => {
    assert.equal(isoWeekOf('2027-01-01'), '2026-W53');
    assert.equal(isoWeekOf('2025-12-29'), '2026-W01');
    assert.equal(isoWeekOf('2026-11-22'), '2026-W47');
    // On a Monday the week before has just ended; on 1 October the third quarter and September.
    assert.equal(lastEndedPeriod('weekly', '2026-11-23'), '2026-W47');
    assert.equal(lastEndedPeriod('weekly', '2026-01-01'), '2025-W52');
    assert.equal(lastEndedPeriod('monthly', '2026-10-01'), '2026-09');
    assert.equal(lastEndedPeriod('monthly', '2026-01-15'), '2025-12');
    assert.equal(lastEndedPeriod('quarterly', '2026-10-01'), '2026-Q3');
    assert.equal(lastEndedPeriod('special-difficulties', '2026-02-10'), '2025-Q4');
  });

  it('names periods as a federation does', () => {
    assert.equal(periodLabelZh('weekly', '2026-W07'), '2026年第7周');
    assert.equal(periodLabelZh('monthly', '2026-03'), '2026年3月');
    assert.equal(periodLabelZh('quarterly', '2026-Q4'), '2026年第四季度');
  });
});

describe('numbers and prose (行文)', () => {
  it('prints counts, rates, dates and heading numbers', () => {
    assert.equal(formatCount(40), '40');
    assert.equal(formatCount(99_999), '99999');
    assert.equal(formatCount(123_456), '12.35万');
    assert.equal(formatCount(200_000), '20万');
    assert.equal(formatCount(1_250_000), '125万');
    assert.equal(formatPercent(0.625), '62.5%');
    assert.equal(formatPercent(2 / 3), '66.7%');
    assert.equal(formatPercent(1), '100.0%');
    assert.equal(formatPercent(0), '0.0%');
    assert.equal(formatPercent(null), '—');
    assert.equal(chineseDate('2026-11-02'), '2026年11月2日');
    assert.deepEqual([1, 9, 10, 11, 20, 21].map(chineseNumber), ['一', '九', '十', '十一', '二十', '二十一']);
  });

  it('says how a case was handled', () => {
    const forwarded = { departmentName: '金融办', answer: null };
    assert.equal(
      caseHandling({ ...forwarded, state: 'closed', outcome: 'resolved' }),
      '经转交金融办办理，已解决',
    );
    assert.equal(
      caseHandling({ ...forwarded, state: 'closed', outcome: 'resolved', answer: '已协调银行\n续贷' }),
      '经转交金融办办理，已解决（办理结果：已协调银行 续贷）',
    );
    assert.equal(
      caseHandling({ ...forwarded, state: 'answered', outcome: 'unsolvable' }),
      '经转交金融办办理，已作出解释说明',
    );
    assert.equal(
      caseHandling({ ...forwarded, state: 'in_progress', outcome: null }),
      '已转交金融办，正在办理中',
    );
    assert.equal(
      caseHandling({ departmentName: null, answer: null, state: 'valid', outcome: null }),
      '已受理，正在研究转办',
    );
    // A case not yet taken up is never said to be closed (办结 is the closed case's word only).
    assert.equal(
      caseHandling({ departmentName: null, answer: null, state: 'submitted', outcome: null }),
      '已登记，待受理',
    );
    assert.equal(
      caseHandling({ departmentName: null, answer: null, state: 'invalid', outcome: null }),
      '经核实不属于诉求受理范围',
    );
    const long = '这'.repeat(60);
    assert.ok(
      caseHandling({ ...forwarded, state: 'closed', outcome: 'resolved', answer: long }).endsWith('……）'),
    );
  });
});
