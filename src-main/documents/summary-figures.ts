import { computeStatistics } from '../../src-shared/analytics/stats';
import { summaryFigures as figuresFromStatistics } from '../../src-shared/analytics/tables';
import type { CaseState } from '../../src-shared/domain/case-state';
import type { Policy } from '../../src-shared/domain/policy';
import type { StageStatus } from '../../src-shared/domain/sla-types';
import type { SummaryFigures } from './types';

// When the desk sends only a period's cases, the 投诉数据汇总表 figures (S8-10) are computed here with the
// same statistics and the same reshaping the analysis screen uses (src-shared/analytics).

/** Figures for a period's cases; stage on-time rates need the SLA engine's stages per case. */
export function summaryFigures(
  cases: CaseState[],
  policy: Policy,
  period: { from: number; to: number },
  stagesByCase: Record<string, StageStatus[]> = {},
  now = Date.now(),
): SummaryFigures {
  const stats = computeStatistics(
    cases.map((state) => ({ state, stages: stagesByCase[state.id] ?? [] })),
    { from: period.from, to: period.to, granularity: 'month', now, policy },
  );
  return figuresFromStatistics(stats, policy);
}
