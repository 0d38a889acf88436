// The small value types every statistic is made of. Each carries the case ids behind it, so any number on
// screen can be opened into the list of cases it counts (drill-down).

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

export function emptyCount(): CountFigure {
  return { count: 0, caseIds: [] };
}

export function addTo(f: CountFigure, caseId: string): void {
  f.count++;
  f.caseIds.push(caseId);
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

export function durationFigure(samples: { caseId: string; ms: number }[]): DurationFigure {
  const values = new Float64Array(samples.length);
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i]!.ms;
    values[i] = v;
    sum += v;
  }
  const arr = values.sort();
  return {
    n: arr.length,
    medianMs: median(arr),
    p90Ms: nearestRank(arr, 90),
    meanMs: arr.length ? sum / arr.length : null,
    caseIds: samples.map((s) => s.caseId),
  };
}
