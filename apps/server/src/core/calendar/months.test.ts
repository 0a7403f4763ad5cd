import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byMonth, monthsOf, monthWithin } from './months.ts';

describe('months of a run of days', () => {
  it('lists the months across a year end, both ends included', () => {
    assert.deepEqual(monthsOf({ from: '2025-11-20', to: '2026-01-03' }), ['2025-11', '2025-12', '2026-01']);
    assert.deepEqual(monthsOf({ from: '2026-02-10', to: '2026-02-10' }), ['2026-02']);
  });

  it('cuts the run at month ends, a leap February whole', () => {
    assert.deepEqual(byMonth({ from: '2023-12-20', to: '2024-03-05' }), [
      { from: '2023-12-20', to: '2023-12-31' },
      { from: '2024-01-01', to: '2024-01-31' },
      { from: '2024-02-01', to: '2024-02-29' },
      { from: '2024-03-01', to: '2024-03-05' },
    ]);
    assert.deepEqual(monthWithin('2026-02', { from: '2026-01-15', to: '2026-12-31' }), {
      from: '2026-02-01',
      to: '2026-02-28',
    });
  });
});
