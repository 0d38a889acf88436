import type { CaseState } from '../domain/case-state';
import { latestCallback } from '../domain/callback-outcome';
import { periodLabel } from './period';
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

/** The order of every list of the summary: by registration, then by number. */
export function byRegistration(a: CaseState, b: CaseState): number {
  return a.registeredAt - b.registeredAt || a.number.localeCompare(b.number);
}

/** 附案件明细: one row a case, in registration order. */
export function caseListRows(cases: readonly CaseState[]): SummaryRow[] {
  return [...cases].sort(byRegistration).map((c) => summaryRow(c));
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

/**
 * The period's months with their figures, when the period spans more than one month (quarter, year): the
 * period's own statistics, computed with a monthly trend, split by the month each case was received in, so
 * the months add up to the figures.
 */
export function monthRows(stats: CaseStatistics, caseOf: (id: string) => CaseState | undefined): SummaryMonth[] {
  if (stats.granularity !== 'month') throw new Error('monthRows needs statistics with a monthly trend');
  if (stats.trend.length < 2) return [];
  // Each case's month from the trend's own lists: no case is read again to place it.
  const monthOf = new Map<string, number>();
  stats.trend.forEach((p, i) => {
    for (const id of p.caseIds) monthOf.set(id, i);
  });
  const rows = stats.trend.map((p) => ({
    label: periodLabel(p.period, 'zh-CN'),
    from: p.period.start,
    to: p.period.end,
    total: p.count,
    onTime: 0,
    onTimeBase: 0,
    callbackDue: 0,
    callbackDone: 0,
    validCount: 0,
  }));
  const count = (ids: readonly string[], field: 'onTime' | 'onTimeBase' | 'callbackDue' | 'callbackDone' | 'validCount') => {
    for (const id of ids) {
      const i = monthOf.get(id);
      if (i !== undefined) rows[i]![field]++;
    }
  };
  for (const o of stats.onTime) {
    count(o.onTime.caseIds, 'onTime');
    count(o.rate.denominator.caseIds, 'onTimeBase');
  }
  count(stats.callback.eligible.caseIds, 'callbackDue');
  count(stats.callback.done.caseIds, 'callbackDone');
  count(stats.validComplaints.valid.caseIds, 'validCount');
  // The mean of the latest callback's score per called-back case, as the period's satisfaction is.
  const score = rows.map(() => ({ sum: 0, n: 0 }));
  for (const id of stats.callback.called.caseIds) {
    const i = monthOf.get(id);
    const c = caseOf(id);
    const last = i === undefined || !c ? undefined : latestCallback(c);
    if (!last) continue;
    score[i!]!.sum += last.satisfaction;
    score[i!]!.n++;
  }
  return rows.map((r, i) => (score[i]!.n ? { ...r, satisfactionMean: score[i]!.sum / score[i]!.n } : r));
}

/** The first `max` of `cases` in `order`, without sorting them all (a year's valid complaints are 80k). */
function firstOf(cases: Iterable<CaseState>, order: (a: CaseState, b: CaseState) => number, max: number): { total: number; first: CaseState[] } {
  const first: CaseState[] = [];
  let total = 0;
  for (const c of cases) {
    total++;
    if (first.length === max && order(c, first[max - 1]!) >= 0) continue;
    let lo = 0;
    let hi = first.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(c, first[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    first.splice(lo, 0, c);
    if (first.length > max) first.pop();
  }
  return { total, first };
}

function* statesOf(ids: Iterable<string>, caseOf: (id: string) => CaseState | undefined): Generator<CaseState> {
  for (const id of ids) {
    const c = caseOf(id);
    if (c) yield c;
  }
}

/** The lists of cases that need attention, each in the order it is read, cut to `max` rows. */
export function attentionLists(
  stats: CaseStatistics,
  caseOf: (id: string) => CaseState | undefined,
  offsetMinutes: number,
  max = ATTENTION_LIST_MAX,
): AttentionList[] {
  const list = (id: AttentionListId, picked: { total: number; first: CaseState[] }, note: (c: CaseState) => string | undefined): AttentionList => ({
    id,
    total: picked.total,
    rows: picked.first.map((c) => summaryRow(c, note(c))),
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
  const late = firstOf(
    statesOf(missed.keys(), caseOf),
    (a, b) => Number(missed.get(b.id)!.overdue) - Number(missed.get(a.id)!.overdue) || byRegistration(a, b),
    max,
  );

  // S9-10: the latest callback unsatisfied or scored 2 of 5 or less; the lowest scores first.
  const score = (c: CaseState) => latestCallback(c)?.satisfaction ?? 5;
  function* unsatisfied() {
    for (const c of statesOf(stats.callback.called.caseIds, caseOf)) {
      const last = latestCallback(c);
      if (last && (!last.satisfied || last.satisfaction <= 2)) yield c;
    }
  }

  return [
    list('overdue', late, (c) => missed.get(c.id)!.notes.join('；')),
    list('callbackOverdue', firstOf(statesOf(stats.callback.overdue.caseIds, caseOf), byRegistration, max), (c) =>
      c.resolvedAt === undefined ? undefined : `办结 ${formatLocal(c.resolvedAt, offsetMinutes)}`,
    ),
    list(
      'unsatisfied',
      firstOf(unsatisfied(), (a, b) => score(a) - score(b) || byRegistration(a, b), max),
      (c) => {
        const last = latestCallback(c)!;
        return `${last.satisfaction}/5${last.satisfied ? '' : ' 不满意'}：${[...last.outcome].slice(0, 30).join('')}`;
      },
    ),
    list('valid', firstOf(statesOf(stats.validComplaints.valid.caseIds, caseOf), byRegistration, max), () => undefined),
  ];
}

/** Everything the sheet prints for a period, from the period's cases: figures, months and attention lists. */
export function summaryReport(cases: readonly AnalysedCase[], opts: Omit<StatisticsOptions, 'granularity'>, caseOf: (id: string) => CaseState | undefined) {
  const stats = computeStatistics(cases, { ...opts, granularity: 'month' });
  return {
    stats,
    figures: summaryFigures(stats, opts.policy),
    months: monthRows(stats, caseOf),
    attention: attentionLists(stats, caseOf, opts.policy.utcOffsetMinutes),
  };
}
