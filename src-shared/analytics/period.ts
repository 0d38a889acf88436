// Period arithmetic for the analysis: every bucket boundary is midnight in the organisation's own
// UTC offset, weeks start on Monday (as Chinese work weeks and ISO 8601 do), quarters are calendar quarters.

export type Granularity = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** Every bucket a trend can be split into, finest first. */
export const GRANULARITIES = ['day', 'week', 'month', 'quarter', 'year'] as const satisfies readonly Granularity[];

/** The analysis periods a policy names (`analysisPeriods`) mapped to bucket granularities. */
export const PERIOD_GRANULARITY = { weekly: 'week', monthly: 'month', quarterly: 'quarter', yearly: 'year' } as const satisfies Record<string, Granularity>;

export interface Period {
  /** Stable key: '2026-11-27', '2026-W48', '2026-11', '2026-Q4', '2026'. */
  key: string;
  granularity: Granularity;
  /** Inclusive start, UTC epoch ms (local midnight). */
  start: number;
  /** Exclusive end, UTC epoch ms. */
  end: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Civil date (in the org's offset) of an instant, as UTC fields of a shifted Date. */
function civil(instant: number, offsetMinutes: number): { y: number; m: number; d: number; dayIndex: number } {
  const shifted = instant + offsetMinutes * MINUTE;
  const dt = new Date(shifted);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth(), d: dt.getUTCDate(), dayIndex: Math.floor(shifted / DAY) };
}

function localMidnight(y: number, m: number, d: number, offsetMinutes: number): number {
  return Date.UTC(y, m, d) - offsetMinutes * MINUTE;
}

/** ISO 8601 week-numbering year and week of a civil day (days since 1970-01-01). */
function isoWeek(dayIndex: number): { year: number; week: number } {
  // 1970-01-01 was a Thursday; ISO weekday 1 = Monday.
  const weekday = ((dayIndex + 3) % 7) + 1;
  const thursday = dayIndex + (4 - weekday);
  const year = new Date(thursday * DAY).getUTCFullYear();
  const jan1 = Math.floor(Date.UTC(year, 0, 1) / DAY);
  return { year, week: Math.floor((thursday - jan1) / 7) + 1 };
}

/** The period of the given granularity that contains `instant`. */
export function periodOf(instant: number, granularity: Granularity, offsetMinutes: number): Period {
  const c = civil(instant, offsetMinutes);
  switch (granularity) {
    case 'day': {
      const start = localMidnight(c.y, c.m, c.d, offsetMinutes);
      return { key: `${c.y}-${pad(c.m + 1)}-${pad(c.d)}`, granularity, start, end: start + DAY };
    }
    case 'week': {
      const mondayIndex = c.dayIndex - ((c.dayIndex + 3) % 7);
      const start = mondayIndex * DAY - offsetMinutes * MINUTE;
      const w = isoWeek(mondayIndex);
      return { key: `${w.year}-W${pad(w.week)}`, granularity, start, end: start + 7 * DAY };
    }
    case 'month':
      return {
        key: `${c.y}-${pad(c.m + 1)}`,
        granularity,
        start: localMidnight(c.y, c.m, 1, offsetMinutes),
        end: localMidnight(c.y, c.m + 1, 1, offsetMinutes),
      };
    case 'quarter': {
      const q = Math.floor(c.m / 3);
      return { key: `${c.y}-Q${q + 1}`, granularity, start: localMidnight(c.y, q * 3, 1, offsetMinutes), end: localMidnight(c.y, q * 3 + 3, 1, offsetMinutes) };
    }
    case 'year':
      return { key: String(c.y), granularity, start: localMidnight(c.y, 0, 1, offsetMinutes), end: localMidnight(c.y + 1, 0, 1, offsetMinutes) };
  }
}

/** Every period of a granularity overlapping [from, to), in order, so a trend shows empty periods too. */
export function periodsBetween(from: number, to: number, granularity: Granularity, offsetMinutes: number): Period[] {
  const out: Period[] = [];
  if (!(to > from)) return out;
  let p = periodOf(from, granularity, offsetMinutes);
  // A year of days is 366 buckets; the cap only guards against a caller passing a wild range.
  while (p.start < to && out.length < 5000) {
    out.push(p);
    p = periodOf(p.end, granularity, offsetMinutes);
  }
  return out;
}

/** The period before the one containing `instant` (e.g. "last month" for the S8-10 monthly figures). */
export function previousPeriod(instant: number, granularity: Granularity, offsetMinutes: number): Period {
  const current = periodOf(instant, granularity, offsetMinutes);
  return periodOf(current.start - 1, granularity, offsetMinutes);
}

/** A short zh-CN label for charts: '11-27', '第48周', '2026-11', '2026年第4季度', '2026年'. */
export function periodLabel(p: Period, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  switch (p.granularity) {
    case 'day':
      return p.key.slice(5);
    case 'week': {
      const week = Number(p.key.slice(6));
      return lang === 'zh-CN' ? `${p.key.slice(0, 4)}年第${week}周` : `${p.key.slice(0, 4)} week ${week}`;
    }
    case 'month':
      return p.key;
    case 'quarter':
      return lang === 'zh-CN' ? `${p.key.slice(0, 4)}年第${p.key.slice(6)}季度` : p.key;
    case 'year':
      return lang === 'zh-CN' ? `${p.key}年` : p.key;
  }
}
