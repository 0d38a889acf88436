import { performance } from 'node:perf_hooks';

// Every benchmark prints one JSON line: its figure, a baseline measured in the same run, and the ratio.
// Targets are printed for the reader, never asserted (timed assertions do not belong in tests).

export interface BenchLine {
  bench: string;
  figure: number;
  unit: string;
  baseline: number;
  baselineLabel: string;
  /** figure / baseline, or baseline / figure for "lower is better" units, so > 1 always means "faster than baseline". */
  ratio: number;
  target?: string;
  meetsTarget?: boolean;
  extra?: Record<string, number | string>;
}

export function report(line: BenchLine): void {
  process.stdout.write(`${JSON.stringify({ ...line, ratio: Number(line.ratio.toFixed(3)) })}\n`);
}

/** Runs `fn` once to warm up, then `runs` times; returns the median duration in ms. */
export async function medianMs(fn: () => unknown | Promise<unknown>, runs = 5): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? 0;
}

/** Reports the median of `figures` against the median of `baselines` (lower is better), measured alternately in one run. */
export function reportMedians(line: Omit<BenchLine, 'figure' | 'baseline' | 'ratio'>, figures: number[], baselines: number[]): number {
  const figure = percentile(figures, 50);
  const baseline = percentile(baselines, 50);
  report({ ...line, figure, baseline, ratio: baseline / figure });
  return figure;
}
