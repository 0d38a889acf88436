import chineseDays from 'chinese-days';

// Statutory holidays computed from the law, for years the `chinese-days` table does not hold yet
// (docs/architecture.md §Policy and the SLA engine). 全国年节及纪念日放假办法 as revised in 2024 and in
// force from 2025-01-01, art. 2 (全体公民放假的节日):
//   元旦 1 day (1月1日); 春节 4 days (农历除夕、正月初一至初三); 清明节 1 day (农历清明当日);
//   劳动节 2 days (5月1日、2日); 端午节 1 day (农历端午当日); 中秋节 1 day (农历中秋当日);
//   国庆节 3 days (10月1日至3日).
// These are the days the law itself fixes. What the State Council's yearly notice adds — the 调休
// arrangement that joins them to weekends with make-up working days (补班), and the weekday given in
// place of a holiday that falls on a weekend (art. 6, 补假) — cannot be computed, so none is invented:
// the days of such a year are provisional until an administrator enters the notice
// (policy.calendarOverrides) or the package ships the year.
//
// Host time zone: the package's date functions (getSolarDateFromLunar, getLunarDate, getSolarTermDate)
// parse dates as UTC and format them with the host's local getters, so west of UTC every answer is one
// day early (in America/Los_Angeles 正月初一 2027 comes out as 02-05 and 清明 as 04-04). We therefore use
// only its pure table reads (`monthDays`, `getYearLeapMonth`: lengths of lunar months) and count civil
// day numbers ourselves; statutory-holidays.test.ts runs the computation under both time zones.

const DAY_MS = 86_400_000;

export type StatutoryHolidayName = 'newYear' | 'springFestival' | 'qingming' | 'labourDay' | 'dragonBoat' | 'midAutumn' | 'nationalDay';

export interface StatutoryHoliday {
  name: StatutoryHolidayName;
  /** 'YYYY-MM-DD' civil dates, in order. */
  dates: string[];
}

/** Years this module computes: the 2024 law is in force from 2025; the package's lunar table and the 清明 formula end with 2099. */
export const STATUTORY_FIRST_YEAR = 2025;
export const STATUTORY_LAST_YEAR = 2099;

// 正月初一 of lunar year 1900 fell on 1900-01-31: the anchor of the package's lunar table.
const LUNAR_EPOCH_DAY = Date.UTC(1900, 0, 31) / DAY_MS;

function lunarYearLength(y: number): number {
  let days = chineseDays.getYearLeapMonth(y).days;
  for (let m = 1; m <= 12; m++) days += chineseDays.monthDays(y, m);
  return days;
}

/** Civil day number (days since 1970-01-01) of 正月初一 of lunar year `y`. */
function lunarNewYearDay(y: number): number {
  let day = LUNAR_EPOCH_DAY;
  for (let i = 1900; i < y; i++) day += lunarYearLength(i);
  return day;
}

/** Civil day number of day `d` of the (non-leap) lunar month `m` of lunar year `y`. */
function lunarDay(y: number, m: number, d: number): number {
  let day = lunarNewYearDay(y);
  const leap = chineseDays.getYearLeapMonth(y);
  for (let i = 1; i < m; i++) day += chineseDays.monthDays(y, i);
  // A leap month follows the month it repeats: it lies before month m when it repeats an earlier one.
  if (leap.leapMonth !== undefined && leap.leapMonth < m) day += leap.days;
  return day + d - 1;
}

/**
 * 清明 (pure brightness) in April of `year`: the 寿星 formula the package itself uses for the solar terms
 * of the 21st century, day = ⌊Y·0.2422 + C⌋ − ⌊Y/4⌋ with Y = year mod 100 and C = 4.81; the package's
 * correction table has no entry for 清明 in 2000–2099.
 */
function qingmingDay(year: number): number {
  const y = year % 100;
  const d = Math.floor(y * 0.2422 + 4.81) - Math.floor(y / 4);
  return Date.UTC(year, 3, d) / DAY_MS;
}

const inTables = (year: number): boolean => Number.isInteger(year) && year >= 2000 && year <= STATUTORY_LAST_YEAR;

/** The solar date ('YYYY-MM-DD') of lunar `year`/`month`/`day` (not a leap month), 2000–2099. */
export function solarDateOfLunar(year: number, month: number, day: number): string {
  if (!inTables(year)) throw new RangeError(`lunar year outside 2000–${STATUTORY_LAST_YEAR}: ${year}`);
  return key(lunarDay(year, month, day));
}

/** The date of 清明 in `year` ('YYYY-MM-DD'), 2000–2099. */
export function qingmingDate(year: number): string {
  if (!inTables(year)) throw new RangeError(`year outside 2000–${STATUTORY_LAST_YEAR}: ${year}`);
  return key(qingmingDay(year));
}

const key = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const solar = (year: number, month: number, d: number): number => Date.UTC(year, month - 1, d) / DAY_MS;
const run = (first: number, n: number): string[] => Array.from({ length: n }, (_, i) => key(first + i));

const yearCache = new Map<number, readonly StatutoryHoliday[]>();

/**
 * The holidays the law gives in `year` (empty outside STATUTORY_FIRST_YEAR…STATUTORY_LAST_YEAR).
 * 春节 starts on 除夕, the last day of the twelfth lunar month, i.e. the day before 正月初一.
 */
export function statutoryHolidays(year: number): readonly StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < STATUTORY_FIRST_YEAR || year > STATUTORY_LAST_YEAR) return [];
  let list = yearCache.get(year);
  if (!list) {
    list = Object.freeze([
      { name: 'newYear', dates: run(solar(year, 1, 1), 1) },
      { name: 'springFestival', dates: run(lunarNewYearDay(year) - 1, 4) },
      { name: 'qingming', dates: run(qingmingDay(year), 1) },
      { name: 'labourDay', dates: run(solar(year, 5, 1), 2) },
      { name: 'dragonBoat', dates: run(lunarDay(year, 5, 5), 1) },
      { name: 'midAutumn', dates: run(lunarDay(year, 8, 15), 1) },
      { name: 'nationalDay', dates: run(solar(year, 10, 1), 3) },
    ] satisfies StatutoryHoliday[]);
    yearCache.set(year, list);
  }
  return list;
}

/** The statutory days off of `year` as 'YYYY-MM-DD' keys. */
export function statutoryHolidayDates(year: number): ReadonlySet<string> {
  return new Set(statutoryHolidays(year).flatMap((h) => h.dates));
}
