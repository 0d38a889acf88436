import type { CaseState } from '../domain/case-state';
import { latestCallback } from '../domain/callback-outcome';
import { periodLabel, periodsBetween } from './period';
import { computeStatistics, type AnalysedCase, type CaseStatistics, type StatisticsOptions } from './stats';
import { formatLocal, summaryFigures } from './tables';

// What the 投诉数据汇总表 (S8-10 monthly, S10-10 quarterly/yearly, X-6) prints besides its figures, computed
// where the cases are (the desk's analysis page, or the host when it is handed the cases): a per-month table
// for a period longer than a month, and short lists of the cases that need attention — late or overdue
// stages (S1-15's accountability, X-3), callbacks owed and not made (S9-7, S10-20's 100 %), unsatisfied
// callbacks (S9-10: to the director until the resident is satisfied) and the cases ruled valid (S8-3,
// S10-20's valid-complaint rate). One row per case of the period is printed only when the reader asks for it
// (issue 14 item 4: a year of 100k cases is ~4,700 pages), so the desk sends those rows only then.

/** Rows printed per attention list; the list says how many there are in all. */
export const ATTENTION_LIST_MAX = 30;
/** Periods up to this many cases print every case by default (附案件明细 ticked). */
export const CASE_LIST_DEFAULT_MAX = 2_000;
/** The longest subject a row carries (the sheet prints 24 characters of it). */
const SUBJECT_MAX = 40;

/** One case as a line of the sheet: what its row prints, nothing else. */
export interface SummaryRow {
  number: string;
  registeredAt: number;
  kind: string;
  severity?: string;
  category?: string;
  departmentId?: string;
  status: CaseState['status'];
  valid?: boolean;
  /** The latest callback's 1–5 score. */
  satisfaction?: number;
  subject: string;
  /** Why the case is on an attention list, in words (e.g. 答复 逾期未完成). */
  note?: string;
}

export interface SummaryMonth {
  label: string;
  from: number;
  to: number;
  total: number;
  /** Stages finished on time, of the stages whose outcome is known or already lost (the on-time rate). */
  onTime: number;
  onTimeBase: number;
  callbackDue: number;
  callbackDone: number;
  satisfactionMean?: number;
  validCount: number;
}

export const ATTENTION_LISTS = ['overdue', 'callbackOverdue', 'unsatisfied', 'valid'] as const;
export type AttentionListId = (typeof ATTENTION_LISTS)[number];

export interface AttentionList {
  id: AttentionListId;
  /** Cases of the period on this list; `rows` holds the first of them. */
  total: number;
  rows: SummaryRow[];
}

export function summaryRow(c: CaseState, note?: string): SummaryRow {
  const last = latestCallback(c);
  const subject = [...c.subject];
  return {
    number: c.number,
    registeredAt: c.registeredAt,
    kind: c.kind,
    ...(c.severity ? { severity: c.severity } : {}),
    ...(c.category ? { category: c.category } : {}),
    ...(c.departmentId ? { departmentId: c.departmentId } : {}),
    status: c.status,
    ...(c.valid === undefined ? {} : { valid: c.valid }),
    ...(last ? { satisfaction: last.satisfaction } : {}),
    subject: subject.length > SUBJECT_MAX ? subject.slice(0, SUBJECT_MAX).join('') : c.subject,
    ...(note ? { note } : {}),
  };
}

/** The period's months with their figures, when the period spans more than one month (quarter, year). */
export function monthRows(cases: Iterable<AnalysedCase>, opts: Omit<StatisticsOptions, 'granularity'>): SummaryMonth[] {
  const months = periodsBetween(opts.from, opts.to, 'month', opts.policy.utcOffsetMinutes);
  if (months.length < 2) return [];
  const buckets = months.map(() => [] as AnalysedCase[]);
  for (const c of cases) {
    const t = c.state.receivedAt;
    const i = months.findIndex((m) => t >= m.start && t < m.end);
    if (i >= 0 && t >= opts.from && t < opts.to) buckets[i]!.push(c);
  }
  return months.map((m, i) => {
    // The same statistics as the period's figures, so the months add up to them.
    const s = computeStatistics(buckets[i]!, { ...opts, from: Math.max(m.start, opts.from), to: Math.min(m.end, opts.to), granularity: 'month' });
    let onTime = 0;
    let onTimeBase = 0;
    for (const o of s.onTime) {
      onTime += o.onTime.count;
      onTimeBase += o.rate.denominator.count;
    }
    return {
      label: periodLabel(m, 'zh-CN'),
      from: m.start,
      to: m.end,
      total: s.total.count,
      onTime,
      onTimeBase,
      callbackDue: s.callback.eligible.count,
      callbackDone: s.callback.done.count,
      ...(s.callback.satisfactionMean === null ? {} : { satisfactionMean: s.callback.satisfactionMean }),
      validCount: s.validComplaints.valid.count,
    };
  });
}

/** The lists of cases that need attention, each sorted the way it is read and cut to `max` rows. */
export function attentionLists(
  stats: CaseStatistics,
  caseOf: (id: string) => CaseState | undefined,
  offsetMinutes: number,
  max = ATTENTION_LIST_MAX,
): AttentionList[] {
  const byTime = (a: CaseState, b: CaseState) => a.registeredAt - b.registeredAt || a.number.localeCompare(b.number);
  const states = (ids: Iterable<string>) => [...new Set(ids)].map(caseOf).filter((c): c is CaseState => !!c);
  const list = (id: AttentionListId, cases: CaseState[], note: (c: CaseState) => string | undefined): AttentionList => ({
    id,
    total: cases.length,
    rows: cases.slice(0, max).map((c) => summaryRow(c, note(c))),
  });

  // Stages still overdue first (nothing done yet), then those finished late; each case once, its stages named.
  const missed = new Map<string, { overdue: boolean; notes: string[] }>();
  for (const o of stats.onTime)
    for (const [ids, overdue] of [
      [o.overdue.caseIds, true],
      [o.late.caseIds, false],
    ] as const)
      for (const id of ids) {
        const m = missed.get(id) ?? { overdue: false, notes: [] };
        m.overdue ||= overdue;
        m.notes.push(`${o.name} ${overdue ? '逾期未完成' : '超时完成'}`);
        missed.set(id, m);
      }
  const late = states(missed.keys()).sort((a, b) => Number(missed.get(b.id)!.overdue) - Number(missed.get(a.id)!.overdue) || byTime(a, b));

  // S9-10: the latest callback unsatisfied or scored 2 of 5 or less; the lowest scores first.
  const score = (c: CaseState) => latestCallback(c)?.satisfaction ?? 5;
  const unsatisfied = states(stats.callback.called.caseIds)
    .filter((c) => {
      const last = latestCallback(c);
      return !!last && (!last.satisfied || last.satisfaction <= 2);
    })
    .sort((a, b) => score(a) - score(b) || byTime(a, b));

  return [
    list('overdue', late, (c) => missed.get(c.id)!.notes.join('；')),
    list('callbackOverdue', states(stats.callback.overdue.caseIds).sort(byTime), (c) =>
      c.resolvedAt === undefined ? undefined : `办结 ${formatLocal(c.resolvedAt, offsetMinutes)}`,
    ),
    list('unsatisfied', unsatisfied, (c) => {
      const last = latestCallback(c)!;
      return `${last.satisfaction}/5${last.satisfied ? '' : ' 不满意'}：${[...last.outcome].slice(0, 30).join('')}`;
    }),
    list('valid', states(stats.validComplaints.valid.caseIds).sort(byTime), () => undefined),
  ];
}

/** Everything the sheet prints for a period, from the period's cases: figures, months and attention lists. */
export function summaryReport(cases: readonly AnalysedCase[], opts: Omit<StatisticsOptions, 'granularity'>, caseOf: (id: string) => CaseState | undefined) {
  const stats = computeStatistics(cases, { ...opts, granularity: 'month' });
  return {
    stats,
    figures: summaryFigures(stats, opts.policy),
    months: monthRows(cases, opts),
    attention: attentionLists(stats, caseOf, opts.policy.utcOffsetMinutes),
  };
}
