import { afterEach, describe, expect, it } from 'vitest';
import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import {
  STATUTORY_FIRST_YEAR,
  STATUTORY_LAST_YEAR,
  qingmingDate,
  solarDateOfLunar,
  statutoryHolidayDates,
  statutoryHolidays,
  type StatutoryHolidayName,
} from './statutory-holidays';

/** A day off in the package's table of published notices: listed as a holiday, or a weekend not made a working day. */
function offInTable(date: string): boolean {
  if (Object.hasOwn(chineseDaysData.holidays, date)) return true;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (weekday === 0 || weekday === 6) && !Object.hasOwn(chineseDaysData.workdays, date);
}

const byName = (year: number): Record<StatutoryHolidayName, string[]> =>
  Object.fromEntries(statutoryHolidays(year).map((h) => [h.name, h.dates])) as Record<StatutoryHolidayName, string[]>;

// Node re-reads process.env.TZ on assignment, so one test process can look at the host-time-zone
// question from both sides of UTC.
const hostTz = process.env.TZ;
afterEach(() => {
  if (hostTz === undefined) delete process.env.TZ;
  else process.env.TZ = hostTz;
});

describe('statutory holidays computed from 全国年节及纪念日放假办法 (2024 revision, in force from 2025)', () => {
  // Expected dates from the published lunar calendar and solar-term tables (Hong Kong Observatory,
  // 紫金山天文台), not from the code: 2027 is 丁未 (初一 Sat 02-06), 2028 戊申 (初一 Wed 01-26).
  it('2027: 元旦 01-01; 春节 除夕 02-05 + 初一…初三 02-06…02-08; 清明 04-05; 劳动节 05-01, 05-02; 端午 06-09; 中秋 09-15; 国庆 10-01…10-03', () => {
    expect(byName(2027)).toEqual({
      newYear: ['2027-01-01'],
      springFestival: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
      qingming: ['2027-04-05'],
      labourDay: ['2027-05-01', '2027-05-02'],
      dragonBoat: ['2027-06-09'],
      midAutumn: ['2027-09-15'],
      nationalDay: ['2027-10-01', '2027-10-02', '2027-10-03'],
    });
  });

  it('2028: 春节 除夕 01-25 + 初一 01-26…01-28; 清明 04-04; 端午 05-28; 中秋 10-03 (inside 国庆, still one day each)', () => {
    expect(byName(2028)).toEqual({
      newYear: ['2028-01-01'],
      springFestival: ['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28'],
      qingming: ['2028-04-04'],
      labourDay: ['2028-05-01', '2028-05-02'],
      dragonBoat: ['2028-05-28'],
      midAutumn: ['2028-10-03'],
      nationalDay: ['2028-10-01', '2028-10-02', '2028-10-03'],
    });
    // 中秋 coincides with 国庆's third day: the set of days off has 12, not 13.
    expect(statutoryHolidayDates(2028).size).toBe(12);
    expect(statutoryHolidayDates(2027).size).toBe(13);
  });

  it('matches every year the State Council has published under the current law (2025, 2026): each computed day is a day off in the package table', () => {
    for (const year of [2025, 2026]) {
      for (const date of statutoryHolidayDates(year)) expect(offInTable(date), `${year}: ${date}`).toBe(true);
    }
  });

  it('the lunar and solar-term arithmetic agrees with 17 years of published notices (2008–2024: 初一…初三, 清明, 端午, 中秋 were days off)', () => {
    // The law then differed (no 除夕, one 劳动节 day), but the lunar and solar-term positions are the
    // same arithmetic: every one of them must be a day off in the package's table of published notices.
    for (let year = 2008; year <= 2024; year++) {
      const days = [
        solarDateOfLunar(year, 1, 1),
        solarDateOfLunar(year, 1, 2),
        solarDateOfLunar(year, 1, 3),
        qingmingDate(year),
        solarDateOfLunar(year, 5, 5),
        solarDateOfLunar(year, 8, 15),
      ];
      for (const date of days) expect(offInTable(date), `${year}: ${date}`).toBe(true);
    }
  });

  it('gives the same dates whatever the host time zone (America/Los_Angeles, Asia/Shanghai, UTC)', () => {
    const seen = new Set<string>();
    const offsets: number[] = [];
    for (const tz of ['America/Los_Angeles', 'Asia/Shanghai', 'UTC']) {
      process.env.TZ = tz;
      offsets.push(new Date(Date.UTC(2027, 0, 1)).getTimezoneOffset());
      seen.add(
        JSON.stringify(
          [2027, 2028, 2031, 2050].map((y) => [solarDateOfLunar(y, 1, 1), qingmingDate(y), solarDateOfLunar(y, 5, 5), solarDateOfLunar(y, 8, 15)]),
        ),
      );
    }
    expect(offsets).toEqual([480, -480, 0]); // the host time zone really changed
    expect(seen.size).toBe(1);
    expect([...seen][0]).toContain('"2027-02-06","2027-04-05","2027-06-09","2027-09-15"');
  });

  it('computes nothing outside the years the law and the tables cover', () => {
    expect(statutoryHolidays(STATUTORY_FIRST_YEAR - 1)).toEqual([]);
    expect(statutoryHolidays(STATUTORY_LAST_YEAR + 1)).toEqual([]);
    expect(statutoryHolidays(2027.5)).toEqual([]);
  });

  it('every year 2025–2099 is astronomically plausible: 初一 21 Jan–20 Feb, 清明 04-04…04-06, 端午 26 May–26 Jun, 中秋 07 Sep–08 Oct', () => {
    for (let year = STATUTORY_FIRST_YEAR; year <= STATUTORY_LAST_YEAR; year++) {
      const h = byName(year);
      const md = (d: string | undefined) => (d ?? '').slice(5);
      expect(md(h.springFestival[1]) >= '01-21' && md(h.springFestival[1]) <= '02-20', `${year} 初一 ${h.springFestival[1]}`).toBe(true);
      expect(['04-04', '04-05', '04-06'], `${year} 清明`).toContain(md(h.qingming[0]));
      expect(md(h.dragonBoat[0]) >= '05-26' && md(h.dragonBoat[0]) <= '06-26', `${year} 端午 ${h.dragonBoat[0]}`).toBe(true);
      expect(md(h.midAutumn[0]) >= '09-07' && md(h.midAutumn[0]) <= '10-08', `${year} 中秋 ${h.midAutumn[0]}`).toBe(true);
    }
  });
});
