import { civilDayFromKey, civilDayKey } from './calendar';
import type { Policy } from './policy';

// The State Council's yearly holiday notice (国务院办公厅关于某年部分节假日安排的通知) as an administrator
// enters it: holiday ranges (from–to, 放假) and make-up working days (调休上班). It is stored as
// `policy.calendarOverrides` ('YYYY-MM-DD' → working?) and travels to every desk as a policy revision
// with its author and date; the calendar gives those overrides precedence over the package's table and
// the statutory days computed from the law (docs/architecture.md §Policy and the SLA engine).

export type Overrides = Policy['calendarOverrides'];

export interface HolidayRange {
  from: string;
  to: string;
}

export interface YearNotice {
  /** Runs of consecutive days off, in date order. */
  holidays: HolidayRange[];
  /** Make-up working days (补班), in date order. */
  workdays: string[];
}

/** The longest holiday run a notice has ever given is 9 days (春节); a longer range is a typing slip. */
export const MAX_RANGE_DAYS = 15;

/** The notice of `year` as stored in the overrides: days off joined into ranges, working days listed. */
export function noticeOf(overrides: Overrides, year: number): YearNotice {
  const prefix = `${year}-`;
  const keys = Object.keys(overrides)
    .filter((k) => k.startsWith(prefix))
    .sort();
  const holidays: HolidayRange[] = [];
  const workdays: string[] = [];
  let run: { from: string; to: string; last: number } | undefined;
  for (const k of keys) {
    const day = civilDayFromKey(k);
    if (day === undefined) continue;
    if (overrides[k]) {
      workdays.push(k);
      continue;
    }
    if (run && day === run.last + 1) {
      run.to = k;
      run.last = day;
    } else {
      if (run) holidays.push({ from: run.from, to: run.to });
      run = { from: k, to: k, last: day };
    }
  }
  if (run) holidays.push({ from: run.from, to: run.to });
  return { holidays, workdays };
}

/** Why an entry cannot be added (a code of the validation catalogue, see data/messages.ts). */
export type NoticeRefusal = 'notice.notADate' | 'notice.rangeReversed' | 'notice.rangeTooLong' | 'notice.wrongYear' | 'notice.conflict';

export type NoticeResult = { ok: true; value: Overrides } | { ok: false; code: NoticeRefusal };

function daysOf(from: string, to: string): number[] | NoticeRefusal {
  const a = civilDayFromKey(from);
  const b = civilDayFromKey(to);
  if (a === undefined || b === undefined) return 'notice.notADate';
  if (b < a) return 'notice.rangeReversed';
  if (b - a + 1 > MAX_RANGE_DAYS) return 'notice.rangeTooLong';
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/**
 * Adds a holiday range (every day from `from` to `to` off) to the overrides of `year`. Refused: a date
 * that is not one, `to` before `from`, a run longer than MAX_RANGE_DAYS, a day outside `year` (a notice
 * is per year; 元旦 on 12-31 belongs to the earlier year's notice), a day already entered as a make-up day.
 */
export function addHolidayRange(overrides: Overrides, year: number, range: HolidayRange): NoticeResult {
  const days = daysOf(range.from, range.to);
  if (typeof days === 'string') return { ok: false, code: days };
  const keys = days.map(civilDayKey);
  if (keys.some((k) => !k.startsWith(`${year}-`))) return { ok: false, code: 'notice.wrongYear' };
  if (keys.some((k) => overrides[k] === true)) return { ok: false, code: 'notice.conflict' };
  return { ok: true, value: { ...overrides, ...Object.fromEntries(keys.map((k) => [k, false])) } };
}

/** Adds a make-up working day of `year`; refused when not a date, outside the year, or already a day off of the notice. */
export function addMakeUpDay(overrides: Overrides, year: number, date: string): NoticeResult {
  if (civilDayFromKey(date) === undefined) return { ok: false, code: 'notice.notADate' };
  if (!date.startsWith(`${year}-`)) return { ok: false, code: 'notice.wrongYear' };
  if (overrides[date] === false) return { ok: false, code: 'notice.conflict' };
  return { ok: true, value: { ...overrides, [date]: true } };
}

/** Removes a holiday range or a make-up day (every override from `from` to `to`). */
export function removeNoticeEntry(overrides: Overrides, from: string, to: string = from): Overrides {
  const out = { ...overrides };
  for (const k of Object.keys(out)) if (k >= from && k <= to) delete out[k];
  return out;
}
