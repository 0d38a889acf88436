import { describe, expect, it } from 'vitest';
import { registeredPayload } from './events';
import { localDateKey, nextCaseNumber, parseCaseNumber } from './numbering';

const beijing = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h - 8, mi);

describe('nextCaseNumber', () => {
  it('starts each desk day at 001 and continues the sequence from the numbers already known', () => {
    const now = beijing(2026, 11, 27, 9);
    expect(nextCaseNumber('HZ01', now, [])).toBe('HZ01-20261127-001');
    expect(nextCaseNumber('HZ01', now, ['HZ01-20261127-001', 'HZ01-20261127-007', 'HZ01-20261127-003'])).toBe('HZ01-20261127-008');
  });

  it('the day turns at local midnight, not at UTC midnight', () => {
    const known = ['HZ01-20261127-005'];
    // 23:59 Beijing on the 27th is 15:59 UTC the same day; 00:00 Beijing on the 28th is 16:00 UTC the 27th.
    expect(nextCaseNumber('HZ01', beijing(2026, 11, 27, 23, 59), known)).toBe('HZ01-20261127-006');
    expect(nextCaseNumber('HZ01', beijing(2026, 11, 28, 0, 0), known)).toBe('HZ01-20261128-001');
    expect(localDateKey(Date.UTC(2026, 11, 31, 16, 0))).toBe('20270101');
    expect(localDateKey(Date.UTC(2026, 11, 31, 16, 0), 0)).toBe('20261231');
    expect(localDateKey(Date.UTC(2026, 0, 1, 3, 0), -300)).toBe('20251231');
  });

  it('widens past 999 and keeps ordering numerically', () => {
    const now = beijing(2026, 11, 27, 9);
    expect(nextCaseNumber('HZ01', now, ['HZ01-20261127-999'])).toBe('HZ01-20261127-1000');
    expect(nextCaseNumber('HZ01', now, ['HZ01-20261127-1000', 'HZ01-20261127-999'])).toBe('HZ01-20261127-1001');
    const wide = nextCaseNumber('HZ01', now, ['HZ01-20261127-1000']);
    expect(registeredPayload.shape.number.safeParse(wide).success).toBe(true);
    expect(() => nextCaseNumber('HZ01', now, ['HZ01-20261127-99999'])).toThrow(RangeError);
  });

  it('two desks allocating offline on the same day never produce the same number', () => {
    const now = beijing(2026, 11, 27, 9);
    const a: string[] = [];
    const b: string[] = [];
    for (let i = 0; i < 50; i++) {
      a.push(nextCaseNumber('HZ01', now, a));
      b.push(nextCaseNumber('HZ02', now, b));
    }
    const all = new Set([...a, ...b]);
    expect(all.size).toBe(100);
    // A desk ignores other desks' numbers it happens to know (after sync).
    expect(nextCaseNumber('HZ01', now, [...b, ...a.slice(0, 3)])).toBe('HZ01-20261127-004');
  });

  it('every number matches the registration schema and parses back', () => {
    const n = nextCaseNumber('S1', beijing(2026, 1, 2, 8), ['junk', 'S1-2026-1']);
    expect(n).toBe('S1-20260102-001');
    expect(registeredPayload.shape.number.safeParse(n).success).toBe(true);
    expect(parseCaseNumber(n)).toEqual({ deskCode: 'S1', date: '20260102', sequence: 1 });
    expect(parseCaseNumber('hz01-20260102-001')).toBeUndefined();
    expect(() => nextCaseNumber('hz', 0, [])).toThrow(/台席代码/);
  });
});
