import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_CALENDAR,
  addBusinessTime,
  civilDayOf,
  clockFor,
  startOfCivilDay,
  addWorkingDays,
  businessTimeBetween,
  deadlineFrom,
  crossesProvisionalDays,
  holidayDataCovers,
  holidayDataYears,
  isProvisionalYear,
  isWorkingDay,
  provisionalYearAhead,
  workingTimeBetween,
} from './calendar';

/** Beijing wall-clock time (UTC+8) as an instant. */
const cst = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 8, min);
const HOUR = 3_600_000;

describe('working days: national holidays and 调休 make-up days', () => {
  it('2026 National Day: 10-01…10-07 off; make-up Sunday 09-20 and Saturday 10-10 are working days', () => {
    for (let d = 1; d <= 7; d++) expect(isWorkingDay(`2026-10-0${d}`), `2026-10-0${d}`).toBe(false);
    expect(isWorkingDay('2026-09-20')).toBe(true); // Sunday, 补班
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday, 补班
    expect(isWorkingDay('2026-10-09')).toBe(true); // plain Friday
    expect(isWorkingDay('2026-10-11')).toBe(false); // plain Sunday
    expect(isWorkingDay('2026-10-17')).toBe(false); // plain Saturday
    expect(isWorkingDay('2026-09-25')).toBe(false); // 中秋 (a Friday)
  });

  it('2026 Spring Festival: 02-15…02-23 off; make-up Saturdays 02-14 and 02-28 worked', () => {
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-16')).toBe(false); // a Monday inside the holiday
    expect(isWorkingDay('2026-02-23')).toBe(false);
    expect(isWorkingDay('2026-02-24')).toBe(true);
    expect(isWorkingDay('2026-02-28')).toBe(true);
  });

  it('an instant counts on its local date in the policy offset, not the host time zone', () => {
    // 2026-10-10 20:00 UTC is Sunday 10-11 04:00 in Beijing (day off) but still Saturday 10-10 in UTC.
    const instant = Date.UTC(2026, 9, 10, 20, 0);
    expect(isWorkingDay(instant)).toBe(false);
    expect(isWorkingDay(instant, { ...DEFAULT_CALENDAR, utcOffsetMinutes: 0 })).toBe(true);
    // 2026-10-09 16:30 UTC is already make-up Saturday 10-10 00:30 in Beijing.
    expect(isWorkingDay(Date.UTC(2026, 9, 9, 16, 30))).toBe(true);
  });

  it('organisation overrides win over the national table', () => {
    const policy = { ...DEFAULT_CALENDAR, calendarOverrides: { '2026-10-09': false, '2026-10-17': true } };
    expect(isWorkingDay('2026-10-09', policy)).toBe(false);
    expect(isWorkingDay('2026-10-17', policy)).toBe(true);
    expect(isWorkingDay('2026-10-16', policy)).toBe(true);
  });

  it('the national table covers 2004–2026; a later year takes the statutory days computed from the law and is provisional until overridden', () => {
    expect(holidayDataYears()[0]).toBe(2004);
    expect(holidayDataYears()).toContain(2026);
    expect(holidayDataYears()).not.toContain(2027);
    // 2027-01-01 is a Friday: 元旦 by the law, although the package has no 2027 data.
    expect(isWorkingDay('2027-01-01')).toBe(false);
    expect(isWorkingDay('2027-01-04')).toBe(true); // the Monday after: no 补假 or 调休 is invented
    expect(isWorkingDay('2027-01-02')).toBe(false); // a plain Saturday
    // Spring Festival 2027: 除夕 Fri 02-05, 初一…初三 Sat 02-06…Mon 02-08.
    expect(['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09'].map((d) => isWorkingDay(d))).toEqual([true, false, false, true]);
    expect(holidayDataCovers(2026)).toBe(true);
    expect(holidayDataCovers(2027)).toBe(false);
    expect(isProvisionalYear(2027)).toBe(true);
    expect(isProvisionalYear(2026)).toBe(false);
    // Past the law's tables (2099) only Monday–Friday remains.
    expect(isWorkingDay('2100-01-01')).toBe(true);
  });

  it("the administrator's notice (policy overrides) wins over the computed days and ends the year's provisional state", () => {
    // 2027's notice might give Mon 01-04 off and make Sat 02-20 a 补班 working day.
    const notice = { ...DEFAULT_CALENDAR, calendarOverrides: { '2027-01-04': false, '2027-02-20': true, '2027-02-05': true } };
    expect(isWorkingDay('2027-01-04', notice)).toBe(false);
    expect(isWorkingDay('2027-02-20', notice)).toBe(true);
    expect(isWorkingDay('2027-02-05', notice)).toBe(true); // overrides beat the computed 除夕 too
    expect(isWorkingDay('2027-02-06', notice)).toBe(false); // days the notice does not mention keep the computed answer
    expect(holidayDataCovers(2027, notice)).toBe(true);
    expect(isProvisionalYear(2027, notice)).toBe(false);
  });

  it('refuses what is not a date', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(RangeError);
  });
});

describe('addWorkingDays: 3个工作日 = to 24:00 of the 3rd working day after the start day', () => {
  it('S8-7 across National Day: resolved Tue 09-29 → Wed 09-30, Thu 10-08, Fri 10-09 → due 10-10 00:00', () => {
    expect(addWorkingDays(cst(2026, 9, 29, 15), 3)).toBe(cst(2026, 10, 10));
  });

  it('S8-7 the make-up Saturday 10-10 counts: resolved Thu 10-08 → due end of Mon 10-12', () => {
    expect(addWorkingDays(cst(2026, 10, 8, 10), 3)).toBe(cst(2026, 10, 13));
  });

  it('a make-up Sunday counts: Fri 09-18 → Sun 09-20, Mon 09-21, Tue 09-22', () => {
    expect(addWorkingDays(cst(2026, 9, 18, 16), 3)).toBe(cst(2026, 9, 23));
  });

  it('starting on a holiday counts from the first working day after it', () => {
    expect(addWorkingDays(cst(2026, 10, 3, 11), 3)).toBe(cst(2026, 10, 11));
  });

  it('the time of day of the start does not matter (the start day is never counted)', () => {
    expect(addWorkingDays(cst(2026, 11, 23, 0, 1), 1)).toBe(addWorkingDays(cst(2026, 11, 23, 23, 59), 1));
    expect(addWorkingDays(cst(2026, 11, 23, 9), 1)).toBe(cst(2026, 11, 25));
  });
});

describe('working days past the package table (2027: computed statutory holidays, provisional)', () => {
  it('S4-6 5 working days from Thu 2026-12-31 skip 元旦 (Fri 01-01) and the weekend: Mon 01-04 … Fri 01-08, due 01-09 00:00', () => {
    const start = cst(2026, 12, 31, 10);
    const due = deadlineFrom(start, { amount: 5, unit: 'workingDays' }, 'working-days');
    expect(due).toBe(cst(2027, 1, 9));
    expect(crossesProvisionalDays(start, due)).toBe(true);
  });

  it('S4-6 5 working days across Spring Festival 2027: from Wed 02-03 → Thu 02-04, Tue 02-09 … Fri 02-12, due 02-13 00:00', () => {
    const start = cst(2027, 2, 3, 15);
    expect(deadlineFrom(start, { amount: 5, unit: 'workingDays' }, 'working-days')).toBe(cst(2027, 2, 13));
    // Once the notice is entered it decides: say 02-09…02-12 off and Sun 02-14 a make-up day → 02-04, 02-14, 02-15, 02-16, 02-17.
    const notice = {
      ...DEFAULT_CALENDAR,
      calendarOverrides: { '2027-02-09': false, '2027-02-10': false, '2027-02-11': false, '2027-02-12': false, '2027-02-14': true },
    };
    const due = deadlineFrom(start, { amount: 5, unit: 'workingDays' }, 'working-days', notice);
    expect(due).toBe(cst(2027, 2, 18));
    expect(crossesProvisionalDays(start, due, notice)).toBe(false);
  });

  it('S8-7 a deadline inside a published year is not provisional; one that reaches into 2027 is', () => {
    const start = cst(2026, 12, 1, 10);
    const due = addWorkingDays(start, 3);
    expect(due).toBe(cst(2026, 12, 5));
    expect(crossesProvisionalDays(start, due)).toBe(false);
    expect(crossesProvisionalDays(cst(2026, 12, 29, 10), addWorkingDays(cst(2026, 12, 29, 10), 3))).toBe(true);
    // Due exactly at 2027-01-01 00:00 Beijing time counted only 2026 days.
    expect(crossesProvisionalDays(cst(2026, 12, 28, 10), cst(2027, 1, 1))).toBe(false);
  });

  it('desks warn from 60 days before they reach a provisional year', () => {
    expect(provisionalYearAhead(cst(2026, 11, 2, 12))).toBe(2027); // 11-02 + 60 days = 2027-01-01
    expect(provisionalYearAhead(cst(2026, 11, 28, 12))).toBe(2027);
    expect(provisionalYearAhead(cst(2026, 11, 1, 12))).toBeUndefined(); // + 60 days = 12-31
    expect(provisionalYearAhead(cst(2026, 11, 28, 12), { ...DEFAULT_CALENDAR, calendarOverrides: { '2027-01-01': false } })).toBeUndefined();
    expect(provisionalYearAhead(cst(2027, 3, 1, 12))).toBe(2027); // already inside it
  });
});

describe('business hours (08:30–17:30 on working days)', () => {
  it('2 business hours from Thu 09-24 16:30 skip the Mid-Autumn holiday and the weekend: Mon 09-28 09:30', () => {
    expect(addBusinessTime(cst(2026, 9, 24, 16, 30), 2 * HOUR)).toBe(cst(2026, 9, 28, 9, 30));
  });

  it('a start outside business hours begins counting at the next opening', () => {
    expect(addBusinessTime(cst(2026, 11, 24, 20), HOUR)).toBe(cst(2026, 11, 25, 9, 30));
  });

  it('the make-up Saturday has business hours: Fri 10-09 17:00 + 1 h → Sat 10-10 09:00', () => {
    expect(addBusinessTime(cst(2026, 10, 9, 17), HOUR)).toBe(cst(2026, 10, 10, 9, 0));
  });

  it('other business hours can be passed explicitly: 17:00 + 1 h is 18:00 with 09:00–18:00, next morning with 08:30–17:30', () => {
    expect(addBusinessTime(cst(2026, 11, 24, 17), HOUR, { start: '09:00', end: '18:00' })).toBe(cst(2026, 11, 24, 18));
    expect(addBusinessTime(cst(2026, 11, 24, 17), HOUR)).toBe(cst(2026, 11, 25, 9, 0));
  });

  it('ending exactly at closing time stays on that day', () => {
    expect(addBusinessTime(cst(2026, 11, 24, 16, 30), HOUR)).toBe(cst(2026, 11, 24, 17, 30));
  });
});

describe('elapsed working and business time (for pause/resume)', () => {
  it('Wed 09-30 12:00 → Thu 10-08 12:00 spans the holiday: 24 h working time, 9 h business time', () => {
    expect(workingTimeBetween(cst(2026, 9, 30, 12), cst(2026, 10, 8, 12))).toBe(24 * HOUR);
    expect(businessTimeBetween(cst(2026, 9, 30, 12), cst(2026, 10, 8, 12))).toBe(9 * HOUR);
  });

  it('reversed or empty intervals count nothing', () => {
    expect(workingTimeBetween(cst(2026, 10, 8, 12), cst(2026, 9, 30, 12))).toBe(0);
    expect(businessTimeBetween(cst(2026, 10, 8, 12), cst(2026, 10, 8, 12))).toBe(0);
  });
});

describe('deadlineFrom', () => {
  it('S1-1 natural clock never stops at night or on holidays: 24 h from 09-30 22:00 is 10-01 22:00', () => {
    expect(deadlineFrom(cst(2026, 9, 30, 22), { amount: 24, unit: 'hours' }, 'natural')).toBe(cst(2026, 10, 1, 22));
    expect(deadlineFrom(cst(2026, 9, 30, 22), { amount: 3, unit: 'days' }, 'natural')).toBe(cst(2026, 10, 3, 22));
  });

  it('a business-hours day is one full business day: 1 day from Mon 14:00 → Tue 14:00', () => {
    expect(deadlineFrom(cst(2026, 11, 23, 14), { amount: 1, unit: 'days' }, 'business-hours')).toBe(cst(2026, 11, 24, 14));
  });

  it('hours on a working-days clock count only on working days: 10 h from Fri 09-30 20:00 → Thu 10-08 06:00', () => {
    expect(deadlineFrom(cst(2026, 9, 30, 20), { amount: 10, unit: 'hours' }, 'working-days')).toBe(cst(2026, 10, 8, 6));
  });

  it('a workingDays unit uses the working-day convention even on a natural clock', () => {
    expect(deadlineFrom(cst(2026, 10, 8, 10), { amount: 3, unit: 'workingDays' }, 'natural')).toBe(cst(2026, 10, 13));
  });
});

describe('calendar properties (fast-check)', () => {
  const instant = fc.integer({ min: Date.UTC(2004, 0, 1), max: Date.UTC(2026, 11, 1) });
  const offset = 480;

  it('addWorkingDays lands on local midnight after exactly n working days, the last of them a working day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 20 }), (start, n) => {
        const due = addWorkingDays(start, n);
        const dueDay = civilDayOf(due, offset);
        expect(startOfCivilDay(dueDay, offset)).toBe(due);
        let counted = 0;
        for (let d = civilDayOf(start, offset) + 1; d < dueDay; d++) if (isWorkingDay(startOfCivilDay(d, offset))) counted++;
        expect(counted).toBe(n);
        expect(isWorkingDay(startOfCivilDay(dueDay - 1, offset))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on working and business clocks, elapsed(from, add(from, x)) = x and elapsed is additive', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'working-days' | 'business-hours'>('working-days', 'business-hours'),
        instant,
        fc.integer({ min: 0, max: 20 * 86_400_000 }),
        fc.integer({ min: 0, max: 10 * 86_400_000 }),
        (kind, from, amount, step) => {
          const clock = clockFor(kind);
          const to = clock.add(from, amount);
          expect(to).toBeGreaterThanOrEqual(from);
          expect(clock.elapsed(from, to)).toBe(amount);
          const mid = from + step;
          const end = to + step;
          expect(clock.elapsed(from, mid) + clock.elapsed(mid, end)).toBe(clock.elapsed(from, end));
        },
      ),
      { numRuns: 300 },
    );
  });
});
