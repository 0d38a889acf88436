import {
  CASE_LIST_DEFAULT_MAX,
  caseListRows,
  summaryReport,
  type AttentionList,
  type SummaryMonth,
  type SummaryRow,
} from '../../src-shared/analytics/summary-lists';
import type { CaseState } from '../../src-shared/domain/case-state';
import type { SummaryFigures, SummaryInput } from './types';

// When the desk sends the period's cases rather than its figures and lists, the 投诉数据汇总表 (S8-10) is
// computed here with the same statistics and lists the analysis screen sends (src-shared/analytics).

export interface SummaryParts {
  figures: SummaryFigures;
  months: SummaryMonth[];
  attention: AttentionList[];
  /** 附：案件明细, one row a case; undefined when the reader did not ask for it. */
  caseList: SummaryRow[] | undefined;
}

export function summaryParts(input: SummaryInput): SummaryParts {
  const cases = input.cases ?? [];
  const needed = !input.figures || ((input.months === undefined || input.attention === undefined) && cases.length > 0);
  const report = needed
    ? summaryReport(
        cases.map((state) => ({ state, stages: input.stagesByCase?.[state.id] ?? [] })),
        { from: input.period.from, to: input.period.to, now: input.printedAt ?? Date.now(), policy: input.policy },
        caseLookup(cases),
      )
    : undefined;
  const listCases = input.listCases ?? cases.length <= CASE_LIST_DEFAULT_MAX;
  return {
    figures: input.figures ?? report!.figures,
    months: input.months ?? report?.months ?? [],
    attention: input.attention ?? report?.attention ?? [],
    caseList: input.caseList ?? (listCases && cases.length ? caseListRows(cases) : undefined),
  };
}

function caseLookup(cases: readonly CaseState[]): (id: string) => CaseState | undefined {
  const byId = new Map(cases.map((c) => [c.id, c]));
  return (id) => byId.get(id);
}
