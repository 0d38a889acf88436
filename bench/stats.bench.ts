import { policySchema } from '../src-shared/domain/policy';
import type { CaseState } from '../src-shared/domain/case-state';
import { computeStatistics, type AnalysedCase } from '../src-shared/analytics/stats';
import { findRepeatedProblems } from '../src-shared/analytics/repeated';
import { analyticsPolicy, caseOf, stage } from '../src-shared/analytics/test-fixtures';
import { medianMs, report } from './lib';

// Statistics for 100k cases over a year (issue 7): the analysis screen's whole computation, beside a
// baseline of one plain pass over the same cases in the same run. Target ≤ 300 ms.

const N = 100_000;
const YEAR_START = Date.UTC(2025, 11, 31, 16); // 2026-01-01 00:00 Beijing
const YEAR_MS = 365 * 86_400_000;
const policy = policySchema.parse(analyticsPolicy());
const template = caseOf({ id: 't', receivedAt: YEAR_START, category: 'leak', valid: true, replyAfterMin: 30, resolveAfterMin: 600, callback: { afterResolveMin: 60, satisfaction: 4, satisfied: true } });

// Deterministic pseudo-random so every run measures the same data.
let seed = 42;
const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
const SUBJECTS = ['楼上漏水', '电梯故障停运', '夜间施工噪音', '地下车库积水', '垃圾清运不及时', '门禁卡失灵', '绿化带杂草', '楼道灯不亮'];

const cases: AnalysedCase[] = [];
for (let i = 0; i < N; i++) {
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
  cases.push({ state, stages: [stage('reply', replied ? 'met' : 'breached', { metLate: rnd() < 0.1 }), stage('resolve', resolved ? 'met' : 'running', { metLate: rnd() < 0.2 })] });
}

const opts = {
  from: YEAR_START,
  to: YEAR_START + YEAR_MS,
  granularity: 'month' as const,
  now: YEAR_START + YEAR_MS,
  policy,
  callbackDueAt: (s: CaseState) => (s.resolvedAt === undefined ? undefined : s.resolvedAt + 3 * 86_400_000),
};

let sink = 0;
const baseline = await medianMs(() => {
  // One plain pass: read the fields the statistics read, count and sum.
  let n = 0;
  let sum = 0;
  for (const c of cases) {
    if (c.state.receivedAt >= opts.from && c.state.receivedAt < opts.to) n++;
    sum += (c.state.resolvedAt ?? 0) - c.state.receivedAt + c.stages.length + c.state.callbacks.length;
  }
  sink += n + sum;
});
const figure = await medianMs(() => {
  sink += computeStatistics(cases, opts).total.count;
});
const weekly = await medianMs(() => {
  sink += computeStatistics(cases, { ...opts, granularity: 'day' }).trend.length;
});
const monthCases = cases.filter((c) => c.state.receivedAt < YEAR_START + 31 * 86_400_000).map((c) => c.state);
const repeated = await medianMs(() => {
  sink += findRepeatedProblems(monthCases, { windowMs: 7 * 86_400_000 }).length;
}, 3);

report({
  bench: 'stats.year-100k',
  figure: Math.round(figure * 10) / 10,
  unit: 'ms',
  baseline: Math.round(baseline * 100) / 100,
  baselineLabel: 'one plain pass over the same 100k cases',
  ratio: baseline / figure,
  target: '≤ 300 ms (Node)',
  meetsTarget: figure <= 300,
  extra: { cases: N, dailyTrendMs: Math.round(weekly * 10) / 10, repeatedOneMonthMs: Math.round(repeated * 10) / 10, repeatedOneMonthCases: monthCases.length, sink: sink % 7 },
});
