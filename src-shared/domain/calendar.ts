import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { Policy } from './policy';
import { statutoryHolidayDates } from './statutory-holidays';

// Working-day and business-hour arithmetic for the SLA engine (docs/architecture.md §Policy and the SLA engine).
//
// National data: the `chinese-days` package's published table of statutory holidays (放假) and 调休
// make-up working days (补班). We read its JSON table rather than calling `isWorkday()`: the package's
// functions format dates with the host's local time zone, so on a machine west of UTC they shift every
// date by one day (e.g. `isWorkday('2026-10-17')`, a Saturday, returns true in America/Los_Angeles).
// Here every date is a civil date in the policy's own UTC offset, whatever the host's time zone.
//
// Coverage: the table holds 2004–2026 (see `holidayDataYears()`). For a later year the statutory holidays
// are computed from the law (statutory-holidays.ts: 元旦, 春节 from the lunar calendar, 清明 from the solar
// term, 劳动节, 端午, 中秋, 国庆) and every other Monday–Friday is a working day. Such a year is
// *provisional*: the State Council's notice adds 调休 make-up working days and longer breaks, which no
// rule can predict. An administrator enters the notice as `policy.calendarOverrides` (制度管理 → 节假日);
// a year with at least one override counts as entered. Precedence, strongest first: the policy's
// overrides, the package's table, the computed statutory days, Monday–Friday.

export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** The part of a policy the calendar reads. */
export type CalendarPolicy = Pick<Policy, 'utcOffsetMinutes' | 'calendarOverrides' | 'businessHours'>;
export type BusinessHours = Policy['businessHours'];
export type ClockKind = 'natural' | 'working-days' | 'business-hours';

/** China's default: UTC+8, national calendar only, 08:30–17:30. */
export const DEFAULT_CALENDAR: CalendarPolicy = Object.freeze({
  utcOffsetMinutes: 480,
  calendarOverrides: Object.freeze({}) as Record<string, boolean>,
  businessHours: Object.freeze({ start: '08:30', end: '17:30' }),
});

// ---------------------------------------------------------------------------------------------------
// Civil days: a civil day number is days since 1970-01-01 of a local calendar date (independent of
// the offset); `dayOf(instant, offset)` is the local date an instant falls on.

const nationalHolidays = new Set(Object.keys(chineseDaysData.holidays));
const nationalWorkdays = new Set(Object.keys(chineseDaysData.workdays));
const coveredYears = [...new Set(Object.keys(chineseDaysData.holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
const lastCoveredYear = coveredYears[coveredYears.length - 1] ?? 0;

/** Years for which the national holiday table has data (others fall back to Monday–Friday). */
export function holidayDataYears(): readonly number[] {
  return coveredYears;
}

/**
 * Does the organisation's calendar know the holidays of `year`? True when the national table has the
 * year or the policy overrides at least one of its dates (the administrator entered the State Council's
 * notice). Otherwise the year's days are provisional: computed statutory holidays, no make-up days.
 */
export function holidayDataCovers(year: number, policy: CalendarPolicy = DEFAULT_CALENDAR): boolean {
  return coveredYears.includes(year) || overrideYearsOf(policy).has(year);
}

/** A year whose working days are provisional (computed from the law, the notice not entered). */
export function isProvisionalYear(year: number, policy: CalendarPolicy = DEFAULT_CALENDAR): boolean {
  return !holidayDataCovers(year, policy);
}

const overrideYearsCache = new WeakMap<object, ReadonlySet<number>>();

function overrideYearsOf(policy: CalendarPolicy): ReadonlySet<number> {
  const overrides = policy.calendarOverrides ?? {};
  let years = overrideYearsCache.get(overrides);
  if (!years) overrideYearsCache.set(overrides, (years = new Set(Object.keys(overrides).map((k) => Number(k.slice(0, 4))))));
  return years;
}

const yearOfDay = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();

/**
 * Did a computation that ran from `from` to `to` (instants) count provisional days? True when any
 * local date from the one `from` falls on to the one before `to` lies in a provisional year — a
 * deadline computed across them may move when the year's notice is entered.
 */
export function crossesProvisionalDays(from: number, to: number, policy: CalendarPolicy = DEFAULT_CALENDAR): boolean {
  const offset = policy.utcOffsetMinutes ?? 480;
  const first = yearOfDay(civilDayOf(from, offset));
  const last = yearOfDay(civilDayOf(Math.max(from, to - 1), offset));
  for (let y = first; y <= last; y++) if (isProvisionalYear(y, policy)) return true;
  return false;
}

/**
 * The first provisional year a desk reaches within `withinDays` days of `now` (today included), or
 * undefined. Every desk warns from 60 days ahead so the administrator enters the notice in time.
 */
export function provisionalYearAhead(now: number, policy: CalendarPolicy = DEFAULT_CALENDAR, withinDays = 60): number | undefined {
  const offset = policy.utcOffsetMinutes ?? 480;
  const today = civilDayOf(now, offset);
  for (let y = yearOfDay(today); y <= yearOfDay(today + withinDays); y++) if (isProvisionalYear(y, policy)) return y;
  return undefined;
}

export function civilDayOf(instant: number, utcOffsetMinutes: number): number {
  return Math.floor((instant + utcOffsetMinutes * MINUTE_MS) / DAY_MS);
}

/** The instant a civil day begins (local 00:00) in the given offset. */
export function startOfCivilDay(day: number, utcOffsetMinutes: number): number {
  return day * DAY_MS - utcOffsetMinutes * MINUTE_MS;
}

export function civilDayKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function civilDayFromKey(key: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Reject 2026-02-30 and the like: Date.UTC would roll it over into March.
  return civilDayKey(t / DAY_MS) === key ? t / DAY_MS : undefined;
}

// National answers are the same for every organisation: one cache for the process.
const computedByYear = new Map<number, ReadonlySet<string>>();

function computedHolidays(year: number): ReadonlySet<string> {
  let set = computedByYear.get(year);
  if (!set) computedByYear.set(year, (set = statutoryHolidayDates(year)));
  return set;
}

const nationalCache = new Map<number, boolean>();

function nationalWorkingDay(day: number): boolean {
  let v = nationalCache.get(day);
  if (v === undefined) {
    const key = civilDayKey(day);
    const year = Number(key.slice(0, 4));
    if (nationalWorkdays.has(key)) v = true;
    else if (nationalHolidays.has(key)) v = false;
    else if (year > lastCoveredYear && computedHolidays(year).has(key)) v = false;
    else {
      const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4)
      v = weekday >= 1 && weekday <= 5;
    }
    nationalCache.set(day, v);
  }
  return v;
}

// ---------------------------------------------------------------------------------------------------
// A calendar is a policy's view of days: national data plus its overrides, in its offset.

export interface WorkCalendar {
  readonly utcOffsetMinutes: number;
  isWorkingCivilDay(day: number): boolean;
  /** Business window as minutes after local midnight; `end > start`. */
  readonly businessStartMin: number;
  readonly businessEndMin: number;
}

const calendarCache = new WeakMap<object, WorkCalendar>();

function parseHhMm(s: string): number {
  const [h, m] = s.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The calendar of a policy; cached per policy object so per-day lookups are paid once. */
export function workCalendarFor(policy: CalendarPolicy = DEFAULT_CALENDAR): WorkCalendar {
  const cached = calendarCache.get(policy);
  if (cached) return cached;
  const overrides = new Map<number, boolean>();
  for (const [key, working] of Object.entries(policy.calendarOverrides ?? {})) {
    const day = civilDayFromKey(key);
    if (day !== undefined) overrides.set(day, working);
  }
  let startMin = parseHhMm(policy.businessHours?.start ?? '08:30');
  let endMin = parseHhMm(policy.businessHours?.end ?? '17:30');
  // An impossible window (end not after start, or past 24:00) counts the whole working day rather than
  // never counting anything: a clock that can never run would hide every breach.
  if (!(endMin > startMin) || endMin > 1440 || startMin < 0) {
    startMin = 0;
    endMin = 1440;
  }
  const cal: WorkCalendar = {
    utcOffsetMinutes: policy.utcOffsetMinutes ?? 480,
    isWorkingCivilDay: overrides.size === 0 ? nationalWorkingDay : (day) => overrides.get(day) ?? nationalWorkingDay(day),
    businessStartMin: startMin,
    businessEndMin: endMin,
  };
  calendarCache.set(policy, cal);
  return cal;
}

/** Is this a working day for the organisation? Accepts an instant (its local date) or 'YYYY-MM-DD'. */
export function isWorkingDay(date: number | string, policy: CalendarPolicy = DEFAULT_CALENDAR): boolean {
  const cal = workCalendarFor(policy);
  const day = typeof date === 'string' ? civilDayFromKey(date) : civilDayOf(date, cal.utcOffsetMinutes);
  if (day === undefined) throw new RangeError(`not a date: ${String(date)}`);
  return cal.isWorkingCivilDay(day);
}

// ---------------------------------------------------------------------------------------------------
// Clocks. A clock counts time only inside its windows: natural = always; working time = the whole of
// every working day; business time = the business hours of every working day. `elapsed` and `add` are
// inverses, which is what pause/resume and warning fractions need.

export interface Clock {
  readonly kind: ClockKind | 'working-time';
  /** Clock time counted between two instants (0 when `to <= from`). */
  elapsed(from: number, to: number): number;
  /** The instant at which `amount` of clock time has been counted after `from`. */
  add(from: number, amount: number): number;
}

// Guards loops against a calendar with no working day at all (e.g. overrides gone wrong): 30 years.
const MAX_DAYS_SCANNED = 366 * 30;

const naturalClock: Clock = {
  kind: 'natural',
  elapsed: (from, to) => (to > from ? to - from : 0),
  add: (from, amount) => from + Math.max(0, amount),
};

function windowedClock(cal: WorkCalendar, kind: 'working-time' | 'business-hours', startMin: number, endMin: number): Clock {
  const offset = cal.utcOffsetMinutes;
  const ws = startMin * MINUTE_MS;
  const we = endMin * MINUTE_MS;
  return {
    kind,
    elapsed(from, to) {
      if (!(to > from)) return 0;
      let total = 0;
      const last = civilDayOf(to, offset);
      for (let day = civilDayOf(from, offset); day <= last; day++) {
        if (!cal.isWorkingCivilDay(day)) continue;
        const base = startOfCivilDay(day, offset);
        const a = Math.max(from, base + ws);
        const b = Math.min(to, base + we);
        if (b > a) total += b - a;
      }
      return total;
    },
    add(from, amount) {
      let left = Math.max(0, amount);
      let day = civilDayOf(from, offset);
      for (let i = 0; i < MAX_DAYS_SCANNED; i++, day++) {
        if (!cal.isWorkingCivilDay(day)) continue;
        const base = startOfCivilDay(day, offset);
        const a = Math.max(from, base + ws);
        const b = base + we;
        if (b <= a) continue;
        if (left <= b - a) return a + left;
        left -= b - a;
      }
      return from + amount;
    },
  };
}

const clockCache = new WeakMap<WorkCalendar, Map<string, Clock>>();

/**
 * The clock a stage or callback rule runs on. `working-days` clocks count whole working days (24 h
 * each, so pauses and warnings on them are measured in working time); `business-hours` count only the
 * policy's business hours on working days.
 */
export function clockFor(kind: ClockKind, policy: CalendarPolicy = DEFAULT_CALENDAR): Clock {
  if (kind === 'natural') return naturalClock;
  const cal = workCalendarFor(policy);
  let byKind = clockCache.get(cal);
  if (!byKind) clockCache.set(cal, (byKind = new Map()));
  let clock = byKind.get(kind);
  if (!clock) {
    clock =
      kind === 'working-days' ? windowedClock(cal, 'working-time', 0, 1440) : windowedClock(cal, 'business-hours', cal.businessStartMin, cal.businessEndMin);
    byKind.set(kind, clock);
  }
  return clock;
}

// ---------------------------------------------------------------------------------------------------
// Deadlines.

/**
 * "N个工作日内" — the convention a Chinese office uses, after 民法典 art. 201–203: the day the matter
 * arrives is not counted; counting starts on the next day and only working days count (weekends and
 * statutory holidays are skipped, 调休 make-up Saturdays/Sundays count); the period ends at 24:00 of
 * the Nth working day. So a callback resolved on Thursday 2026-10-08 at 10:00 with "3 working days" is
 * due by the end of Monday 2026-10-12 (Fri 10-09, make-up Sat 10-10, Mon 10-12), i.e. 2026-10-13 00:00
 * local. A fractional N adds the fraction as working time (24 h per working day) after the whole days.
 */
export function addWorkingDays(start: number, n: number, policy: CalendarPolicy = DEFAULT_CALENDAR): number {
  const cal = workCalendarFor(policy);
  const whole = Math.floor(n);
  const fraction = n - whole;
  let due = start;
  if (whole > 0) {
    let day = civilDayOf(start, cal.utcOffsetMinutes);
    let counted = 0;
    for (let i = 0; i < MAX_DAYS_SCANNED && counted < whole; i++) {
      day++;
      if (cal.isWorkingCivilDay(day)) counted++;
    }
    due = startOfCivilDay(day + 1, cal.utcOffsetMinutes);
  }
  return fraction > 0 ? clockFor('working-days', policy).add(due, fraction * DAY_MS) : due;
}

/**
 * "一个月内" — a period in months, as 民法典 art. 201–203 count it: the start day is not counted; the
 * period ends at 24:00 of the day of the last month that corresponds to the start day, or of that
 * month's last day when it has no such day. Registered 2026-01-31 10:00, one month ends with
 * 2026-02-28 (24:00, i.e. 2026-03-01 00:00 local); registered 2026-11-27, with 2026-12-27. A fraction
 * of a month is not a period the law knows: it is rounded up to whole months. S7-16.
 */
export function addCalendarMonths(start: number, months: number, policy: CalendarPolicy = DEFAULT_CALENDAR): number {
  const offset = policy.utcOffsetMinutes ?? 480;
  const startDay = new Date(civilDayOf(start, offset) * DAY_MS);
  const y = startDay.getUTCFullYear();
  const m = startDay.getUTCMonth() + Math.ceil(months);
  const lastOfMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const endDay = Date.UTC(y, m, Math.min(startDay.getUTCDate(), lastOfMonth)) / DAY_MS;
  return startOfCivilDay(endDay + 1, offset);
}

/** `ms` of business time after `start`: counted only inside business hours on working days. */
export function addBusinessTime(start: number, ms: number, businessHours?: BusinessHours, policy: CalendarPolicy = DEFAULT_CALENDAR): number {
  return clockFor('business-hours', withHours(policy, businessHours)).add(start, ms);
}

/** Working time (whole working days, 24 h each) between two instants. */
export function workingTimeBetween(from: number, to: number, policy: CalendarPolicy = DEFAULT_CALENDAR): number {
  return clockFor('working-days', policy).elapsed(from, to);
}

/** Business time (business hours of working days) between two instants. */
export function businessTimeBetween(from: number, to: number, businessHours?: BusinessHours, policy: CalendarPolicy = DEFAULT_CALENDAR): number {
  return clockFor('business-hours', withHours(policy, businessHours)).elapsed(from, to);
}

const hoursVariants = new WeakMap<object, Map<string, CalendarPolicy>>();

// Keeps the per-policy caches effective when callers pass business hours separately.
function withHours(policy: CalendarPolicy, hours: BusinessHours | undefined): CalendarPolicy {
  if (!hours || (hours.start === policy.businessHours?.start && hours.end === policy.businessHours?.end)) return policy;
  let variants = hoursVariants.get(policy);
  if (!variants) hoursVariants.set(policy, (variants = new Map()));
  const key = `${hours.start}-${hours.end}`;
  let v = variants.get(key);
  if (!v) variants.set(key, (v = { ...policy, businessHours: hours }));
  return v;
}

export interface LimitLike {
  amount: number;
  unit: 'minutes' | 'hours' | 'days' | 'workingDays' | 'months';
}

const UNIT_MS = { minutes: MINUTE_MS, hours: 60 * MINUTE_MS, days: DAY_MS } as const;

/**
 * The deadline a limit sets from `start` on a clock, before pauses and extensions.
 * - natural: exact elapsed time, day and night, weekends and holidays alike (S1-1); "3 days" = 72 h.
 * - working-days: days (and `workingDays`) follow the 工作日 convention of `addWorkingDays`; minutes and
 *   hours are counted only on working days.
 * - business-hours: minutes and hours are business time; a day is one full business day of business time.
 * A `workingDays` unit always uses the working-day convention, whatever the clock says, and a `months`
 * unit the calendar-month convention of `addCalendarMonths`.
 */
export function deadlineFrom(start: number, limit: LimitLike, clock: ClockKind, policy: CalendarPolicy = DEFAULT_CALENDAR): number {
  if (limit.unit === 'months') return addCalendarMonths(start, limit.amount, policy);
  if (limit.unit === 'workingDays' || (clock === 'working-days' && limit.unit === 'days')) return addWorkingDays(start, limit.amount, policy);
  if (clock === 'business-hours') {
    const cal = workCalendarFor(policy);
    const perDay = (cal.businessEndMin - cal.businessStartMin) * MINUTE_MS;
    const ms = limit.unit === 'days' ? limit.amount * perDay : limit.amount * UNIT_MS[limit.unit];
    return clockFor('business-hours', policy).add(start, ms);
  }
  const ms = limit.amount * UNIT_MS[limit.unit];
  return clockFor(clock, policy).add(start, ms);
}
