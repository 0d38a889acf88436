// The small value types every statistic is made of. Each carries the case ids behind it, so any number on
// screen can be opened into the list of cases it counts (drill-down); the list is made when first read.

export interface CountFigure {
  count: number;
  caseIds: string[];
}

export interface RateFigure {
  numerator: CountFigure;
  denominator: CountFigure;
  /** numerator / denominator, or null when nothing was counted (shown as "—", never as 0 %). */
  rate: number | null;
}

export interface DurationFigure {
  /** Cases measured. */
  n: number;
  medianMs: number | null;
  p90Ms: number | null;
  meanMs: number | null;
  caseIds: string[];
}

/**
 * `fields` with the case ids behind them listed only when first read (issue 14 item 4: a year's statistics
 * built every figure's list as it counted, about 2.5 million pushes for lists a clerk opens one at a time;
 * docs/performance.md "Analysis at a year's volume"). `select` reads only what
 * the counting pass kept, so it gives the same list whenever it runs; the list is made once and kept. The
 * property is an own enumerable one, so JSON, structured clone and spreading see a plain array.
 */
export function withCaseIds<T extends object>(fields: T, select: () => string[]): T & { caseIds: string[] } {
  let ids: string[] | undefined;
  return {
    ...fields,
    get caseIds() {
      return (ids ??= select());
    },
    set caseIds(v: string[]) {
      ids = v;
    },
  };
}

export function lazyCount(count: number, select: () => string[]): CountFigure {
  return withCaseIds({ count }, select);
}

export function rateOf(numerator: CountFigure, denominator: CountFigure): RateFigure {
  return { numerator, denominator, rate: denominator.count > 0 ? numerator.count / denominator.count : null };
}

/** Median: the middle value, or the mean of the two middle values for an even count. */
export function median(sorted: ArrayLike<number>): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile: the smallest value with at least p % of the values at or below it. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  return sorted[rank - 1]!;
}

/** Median, 90th percentile and mean of `values` (sorted in place); `caseIds` lists the cases measured. */
export function durationFigure(values: Float64Array, caseIds: () => string[]): DurationFigure {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const arr = values.sort();
  return withCaseIds({ n: arr.length, medianMs: median(arr), p90Ms: nearestRank(arr, 90), meanMs: arr.length ? sum / arr.length : null }, caseIds);
}
