import { describe, expect, it } from 'vitest';
import { periodOf, periodsBetween, previousPeriod } from './period';

// Beijing wall-clock time → UTC epoch ms.
const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 8, min);

describe('periods in the organisation offset (X-6)', () => {
  it('a day is cut at local midnight, not UTC midnight', () => {
    const p = periodOf(bj(2026, 11, 2, 23, 30), 'day', 480);
    expect(p.key).toBe('2026-11-02');
    expect(p.start).toBe(bj(2026, 11, 2));
    expect(p.end).toBe(bj(2026, 11, 3));
    expect(periodOf(bj(2026, 11, 3, 0, 0), 'day', 480).key).toBe('2026-11-03');
  });

  it('weeks start on Monday and carry ISO week numbers', () => {
    const sunday = periodOf(bj(2026, 11, 1, 12), 'week', 480);
    expect(sunday.key).toBe('2026-W44');
    expect(sunday.start).toBe(bj(2026, 10, 26));
    const monday = periodOf(bj(2026, 11, 2, 0, 0), 'week', 480);
    expect(monday.key).toBe('2026-W45');
    expect(monday.start).toBe(bj(2026, 11, 2));
    expect(periodOf(bj(2026, 12, 31, 10), 'week', 480).key).toBe('2026-W53');
    expect(periodOf(bj(2027, 1, 1, 10), 'week', 480).key).toBe('2026-W53');
    expect(periodOf(bj(2025, 12, 29, 10), 'week', 480).key).toBe('2026-W01');
  });

  it('months, quarters and years', () => {
    const t = bj(2026, 11, 27, 9);
    expect(periodOf(t, 'month', 480)).toMatchObject({ key: '2026-11', start: bj(2026, 11, 1), end: bj(2026, 12, 1) });
    expect(periodOf(t, 'quarter', 480)).toMatchObject({ key: '2026-Q4', start: bj(2026, 10, 1), end: bj(2027, 1, 1) });
    expect(periodOf(t, 'year', 480)).toMatchObject({ key: '2026', start: bj(2026, 1, 1), end: bj(2027, 1, 1) });
    // 2026-12-01 00:10 Beijing is still 30 November in UTC: it belongs to December here.
    expect(periodOf(bj(2026, 12, 1, 0, 10), 'month', 480).key).toBe('2026-12');
  });

  it('lists every period of a range, empty ones included', () => {
    const weeks = periodsBetween(bj(2026, 11, 1), bj(2026, 12, 1), 'week', 480).map((p) => p.key);
    expect(weeks).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48', '2026-W49']);
    expect(periodsBetween(bj(2026, 1, 1), bj(2027, 1, 1), 'day', 480)).toHaveLength(365);
    expect(periodsBetween(bj(2026, 1, 1), bj(2026, 1, 1), 'day', 480)).toEqual([]);
  });

  it('S8-10 last month is the month before the one containing today', () => {
    expect(previousPeriod(bj(2026, 1, 2, 9), 'month', 480).key).toBe('2025-12');
  });
});
