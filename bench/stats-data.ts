import { policySchema, type Policy } from '../src-shared/domain/policy';
import type { CaseState } from '../src-shared/domain/case-state';
import { computeStatistics, type AnalysedCase } from '../src-shared/analytics/stats';
import { analyticsPolicy, caseOf, stage } from '../src-shared/analytics/test-fixtures';

// The year of 100k cases both statistics benches measure (Node and Chromium), built deterministically,
// and the two measured passes: the statistics, and one plain pass over the same cases as the baseline.

export const N = 100_000;
export const YEAR_START = Date.UTC(2025, 11, 31, 16); // 2026-01-01 00:00 Beijing
export const YEAR_MS = 365 * 86_400_000;
const SUBJECTS = ['楼上漏水', '电梯故障停运', '夜间施工噪音', '地下车库积水', '垃圾清运不及时', '门禁卡失灵', '绿化带杂草', '楼道灯不亮'];

export function yearOfCases(n = N): { policy: Policy; cases: AnalysedCase[] } {
  const policy = policySchema.parse(analyticsPolicy());
  const template = caseOf({
    id: 't',
    receivedAt: YEAR_START,
    category: 'leak',
    valid: true,
    replyAfterMin: 30,
    resolveAfterMin: 600,
    callback: { afterResolveMin: 60, satisfaction: 4, satisfied: true },
  });
  let seed = 42;
  const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const cases: AnalysedCase[] = [];
  for (let i = 0; i < n; i++) {
    const receivedAt = YEAR_START + Math.floor(rnd() * YEAR_MS);
    const resolved = rnd() < 0.85;
    const replied = rnd() < 0.95;
    const state: CaseState = {
      ...template,
      id: `c${i}`,
      number: `HZ01-2026${String(i % 1000).padStart(4, '0')}-${String(i % 1000).padStart(3, '0')}`,
      receivedAt,
      registeredAt: receivedAt,
      kind: rnd() < 0.9 ? 'complaint' : 'consult',
      channel: pick(['phone', 'visit']),
      category: pick(['leak', 'noise']),
      severity: pick(['general', 'important']),
      departmentId: pick(['eng', 'sec']),
      subject: pick(SUBJECTS),
      valid: rnd() < 0.8,
      status: resolved ? 'resolved' : 'in_progress',
      replies: replied ? [{ ...template.replies[0]!, at: receivedAt + Math.floor(rnd() * 7_200_000) }] : [],
      resolvedAt: resolved ? receivedAt + Math.floor(rnd() * 4 * 86_400_000) : undefined,
      callbacks: resolved && rnd() < 0.9 ? [{ ...template.callbacks[0]!, at: receivedAt + 5 * 86_400_000, satisfaction: 1 + Math.floor(rnd() * 5) }] : [],
    };
    cases.push({
      state,
      stages: [
        stage('reply', replied ? 'met' : 'breached', { metLate: rnd() < 0.1 }),
        stage('resolve', resolved ? 'met' : 'running', { metLate: rnd() < 0.2 }),
      ],
    });
  }
  return { policy, cases };
}

export function statisticsPass(policy: Policy, cases: AnalysedCase[], granularity: 'month' | 'day' = 'month'): number {
  return computeStatistics(cases, {
    from: YEAR_START,
    to: YEAR_START + YEAR_MS,
    granularity,
    now: YEAR_START + YEAR_MS,
    policy,
    callbackDueAt: (s) => (s.resolvedAt === undefined ? undefined : s.resolvedAt + 3 * 86_400_000),
  }).total.count;
}

/** One plain pass: read the fields the statistics read, count and sum. */
export function plainPass(cases: AnalysedCase[]): number {
  let n = 0;
  let sum = 0;
  for (const c of cases) {
    if (c.state.receivedAt >= YEAR_START && c.state.receivedAt < YEAR_START + YEAR_MS) n++;
    sum += (c.state.resolvedAt ?? 0) - c.state.receivedAt + c.stages.length + c.state.callbacks.length;
  }
  return n + sum;
}

/** Median of `runs` timed runs after one warm-up, with the clock the host gives (performance.now). */
export function medianOf(fn: () => unknown, runs = 5): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Runs in the browser page: builds the year and measures both passes there. */
export function runInPage(): { figure: number; baseline: number; dailyTrend: number } {
  const { policy, cases } = yearOfCases();
  let sink = 0;
  const baseline = medianOf(() => (sink += plainPass(cases)));
  const figure = medianOf(() => (sink += statisticsPass(policy, cases)));
  const dailyTrend = medianOf(() => (sink += statisticsPass(policy, cases, 'day')));
  if (sink === 0.5) throw new Error('unreachable');
  return { figure, baseline, dailyTrend };
}
