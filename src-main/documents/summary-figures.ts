import { computeStatistics, type CaseStatistics } from '../../src-shared/analytics/stats';
import type { CaseState } from '../../src-shared/domain/case-state';
import type { Policy } from '../../src-shared/domain/policy';
import type { StageStatus } from '../../src-shared/domain/sla-types';
import type { CountRow, SummaryFigures } from './types';

// The 投诉数据汇总表 figures (S8-10) come from the same statistics the analysis screen shows
// (src-shared/analytics/stats.ts); this module only reshapes them for print.

function rows(list: CaseStatistics['breakdowns']['kind'], all?: { code: string; name: string }[]): CountRow[] {
  const out: CountRow[] = list.map((r) => ({ code: r.key, name: r.label, count: r.count }));
  // Kinds and severities are short, fixed lists: print the zero rows too, as the paper form has them.
  for (const n of all ?? []) if (!out.some((r) => r.code === n.code)) out.push({ code: n.code, name: n.name, count: 0 });
  return out;
}

export function figuresFromStatistics(s: CaseStatistics, policy: Pick<Policy, 'kinds' | 'severities'>): SummaryFigures {
  const v = s.validComplaints;
  return {
    total: s.total.count,
    byKind: rows(s.breakdowns.kind, policy.kinds),
    byCategory: rows(s.breakdowns.category),
    bySeverity: rows(s.breakdowns.severity, policy.severities),
    byDepartment: rows(s.breakdowns.department),
    stageOnTime: s.onTime.map((st) => ({ stageId: st.stageId, name: st.name, total: st.rate.denominator.count, onTime: st.onTime.count })),
    callbackDue: s.callback.eligible.count,
    callbackDone: s.callback.done.count,
    satisfactionMean: s.callback.satisfactionMean ?? undefined,
    satisfiedCount: s.callback.satisfied.count,
    validCount: v.valid.count,
    classifiedCount: v.valid.count + v.invalid.count,
    validRateBase: v.base ? { base: v.base, label: v.baseLabel ?? '' } : undefined,
  };
}

/** Figures for a period's cases; stage on-time rates need the SLA engine's stages per case. */
export function summaryFigures(cases: CaseState[], policy: Policy, period: { from: number; to: number }, stagesByCase: Record<string, StageStatus[]> = {}, now = Date.now()): SummaryFigures {
  const stats = computeStatistics(
    cases.map((state) => ({ state, stages: stagesByCase[state.id] ?? [] })),
    { from: period.from, to: period.to, granularity: 'month', now, policy },
  );
  return figuresFromStatistics(stats, policy);
}
