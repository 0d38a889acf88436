import { describe, expect, it } from 'vitest';
import { addHolidayRange, addMakeUpDay, noticeOf, removeNoticeEntry } from './calendar-notice';
import { DEFAULT_CALENDAR, isWorkingDay } from './calendar';

describe("the State Council's notice as calendar overrides", () => {
  it('a holiday range writes every day off, make-up days write working days, and the notice reads back as ranges', () => {
    let o = {};
    const r1 = addHolidayRange(o, 2027, { from: '2027-02-05', to: '2027-02-12' });
    expect(r1.ok).toBe(true);
    if (r1.ok) o = r1.value;
    const r2 = addMakeUpDay(o, 2027, '2027-02-20');
    if (r2.ok) o = r2.value;
    const r3 = addHolidayRange(o, 2027, { from: '2027-01-01', to: '2027-01-03' });
    if (r3.ok) o = r3.value;
    expect(Object.keys(o)).toHaveLength(12);
    expect(noticeOf(o, 2027)).toEqual({
      holidays: [
        { from: '2027-01-01', to: '2027-01-03' },
        { from: '2027-02-05', to: '2027-02-12' },
      ],
      workdays: ['2027-02-20'],
    });
    expect(noticeOf(o, 2028)).toEqual({ holidays: [], workdays: [] });
    const policy = { ...DEFAULT_CALENDAR, calendarOverrides: o };
    expect(isWorkingDay('2027-02-10', policy)).toBe(false); // a Wednesday in the range
    expect(isWorkingDay('2027-02-20', policy)).toBe(true); // a Saturday made a working day
    // Removing an entry removes its days only.
    const removed = removeNoticeEntry(o, '2027-02-05', '2027-02-12');
    expect(noticeOf(removed, 2027).holidays).toEqual([{ from: '2027-01-01', to: '2027-01-03' }]);
    expect(noticeOf(removeNoticeEntry(o, '2027-02-20'), 2027).workdays).toEqual([]);
  });

  it('refuses what a notice cannot say, changing nothing: reversed or overlong ranges, another year, a day both off and worked, not a date', () => {
    const o = { '2027-02-20': true, '2027-02-06': false };
    expect(addHolidayRange(o, 2027, { from: '2027-02-12', to: '2027-02-05' })).toEqual({ ok: false, code: 'notice.rangeReversed' });
    expect(addHolidayRange(o, 2027, { from: '2027-02-01', to: '2027-02-28' })).toEqual({ ok: false, code: 'notice.rangeTooLong' });
    expect(addHolidayRange(o, 2027, { from: '2026-12-31', to: '2027-01-02' })).toEqual({ ok: false, code: 'notice.wrongYear' });
    expect(addHolidayRange(o, 2027, { from: '2027-02-18', to: '2027-02-21' })).toEqual({ ok: false, code: 'notice.conflict' });
    expect(addHolidayRange(o, 2027, { from: '2027-02-30', to: '2027-03-01' })).toEqual({ ok: false, code: 'notice.notADate' });
    expect(addMakeUpDay(o, 2027, '2027-02-06')).toEqual({ ok: false, code: 'notice.conflict' });
    expect(addMakeUpDay(o, 2027, '2028-01-01')).toEqual({ ok: false, code: 'notice.wrongYear' });
    expect(addMakeUpDay(o, 2027, '')).toEqual({ ok: false, code: 'notice.notADate' });
    expect(o).toEqual({ '2027-02-20': true, '2027-02-06': false });
  });
});
