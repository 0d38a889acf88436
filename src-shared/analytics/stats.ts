import type { CaseState } from '../domain/case-state';
import { callbackSettled, latestCallback, unsatisfiedCallback } from '../domain/callback-outcome';
import type { Policy } from '../domain/policy';
import type { StageStatus } from '../domain/sla-types';
import { addTo, durationFigure, emptyCount, rateOf, type CountFigure, type DurationFigure, type RateFigure } from './figures';
import { periodLabel, periodsBetween, type Granularity, type Period } from './period';

// Periodic statistics (S1-12, S4-9, S7-6, S8-10, S10-10, X-6) computed in one pass over the cases of a
// period. Deadline facts come only from the SLA engine's StageStatus (docs/architecture.md: nothing else computes
// deadlines); this module only counts. A case belongs to the period in which it was received.

/** A case as the analysis sees it: its projection and the SLA engine's stages for it. */
export interface AnalysedCase {
  state: CaseState;
  stages: readonly StageStatus[];
}

export const DIMENSIONS = ['kind', 'category', 'severity', 'department', 'channel', 'receptionPoint'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface BreakdownRow extends CountFigure {
  /** Code as stored on the case; '' when the case has none (未填). */
  key: string;
  label: string;
}

export interface TrendPoint extends CountFigure {
  period: Period;
  label: string;
}

export interface StageOnTime {
  stageId: string;
  name: string;
  onTime: CountFigure;
  late: CountFigure;
  /** Running past its deadline now (X-3: a breach is never silent). */
  overdue: CountFigure;
  running: CountFigure;
  /** onTime / (onTime + late + overdue): stages whose outcome is known or already lost. */
  rate: RateFigure;
}

export interface CallbackFigures {
  /** Resolved (or called back and reopened since), not rejected, kind not exempt. */
  eligible: CountFigure;
  /**
   * Callback complete: the latest resolution was called back and the resident was satisfied (S9-10: an
   * unsatisfied callback is followed up, so it does not complete the callback; callback-outcome.ts).
   */
  done: CountFigure;
  rate: RateFigure;
  /** First callback at or before its due time (only when a due time is known). */
  onTime: CountFigure;
  late: CountFigure;
  /** No callback yet and the due time has passed. */
  overdue: CountFigure;
  /** Cases called back at least once. */
  called: CountFigure;
  /** Called-back cases whose latest callback was unsatisfied and is not yet followed up by a new resolution (S9-10). */
  unsatisfied: CountFigure;
  /** Mean of the latest callback's 1–5 score per called-back case. */
  satisfactionMean: number | null;
  satisfied: CountFigure;
  /** satisfied / called. */
  satisfiedRate: RateFigure;
}

export interface ValidComplaintFigures {
  valid: CountFigure;
  invalid: CountFigure;
  unclassified: CountFigure;
  /** S10-20: valid complaints / base (households, patients, customers); null without a configured base. */
  rate: number | null;
  base: number | null;
  baseLabel: string | null;
  target: number | null;
  meetsTarget: boolean | null;
}

export interface CaseStatistics {
  from: number;
  to: number;
  granularity: Granularity;
  total: CountFigure;
  rejected: CountFigure;
  trend: TrendPoint[];
  breakdowns: Record<Dimension, BreakdownRow[]>;
  onTime: StageOnTime[];
  replyTime: DurationFigure;
  resolveTime: DurationFigure;
  callback: CallbackFigures;
  validComplaints: ValidComplaintFigures;
}

export interface StatisticsOptions {
  from: number;
  to: number;
  granularity: Granularity;
  now: number;
  /** Names for codes; the revision in force (older revisions' codes fall back to the code itself). */
  policy: Pick<Policy, 'kinds' | 'categories' | 'severities' | 'departments' | 'channels' | 'stages' | 'targets' | 'utcOffsetMinutes'>;
  /** The SLA engine's callback due time (sla.ts `callbackDueAt`), injected so this stays a pure count. */
  callbackDueAt?: (state: CaseState) => number | undefined;
  /** Overrides policy.targets.baseCount, e.g. a month's patient count entered on the analysis screen. */
  base?: number;
  /** Dimension labels when a case has no value. */
  noneLabel?: string;
  lang?: 'zh-CN' | 'en';
}

function labelMaps(policy: StatisticsOptions['policy']): Record<Dimension, Map<string, string>> {
  return {
    kind: new Map(policy.kinds.map((k) => [k.code, k.name])),
    category: new Map(policy.categories.map((c) => [c.code, c.name])),
    severity: new Map(policy.severities.map((s) => [s.code, s.name])),
    department: new Map(policy.departments.map((d) => [d.id, d.name])),
    channel: new Map(policy.channels.map((c) => [c.code, c.name])),
    receptionPoint: new Map(),
  };
}

/** Index of the period containing t, by binary search over sorted starts; -1 outside. */
function periodIndex(periods: readonly Period[], t: number): number {
  let lo = 0;
  let hi = periods.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = periods[mid]!;
    if (t < p.start) hi = mid - 1;
    else if (t >= p.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function firstReplyAt(s: CaseState): number | undefined {
  let first: number | undefined;
  for (const r of s.replies) if (first === undefined || r.at < first) first = r.at;
  return first;
}

export function computeStatistics(cases: Iterable<AnalysedCase>, opts: StatisticsOptions): CaseStatistics {
  const { from, to, granularity, now, policy } = opts;
  const noneLabel = opts.noneLabel ?? (opts.lang === 'en' ? '(none)' : '未填');
  const periods = periodsBetween(from, to, granularity, policy.utcOffsetMinutes);
  const trend: TrendPoint[] = periods.map((p) => ({ period: p, label: periodLabel(p, opts.lang), count: 0, caseIds: [] }));
  const labels = labelMaps(policy);
  const dims = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string, BreakdownRow>()])) as Record<Dimension, Map<string, BreakdownRow>>;
  // Same maps by position: the hot loop reads the six values once per case (DIMENSIONS order).
  const dimMaps = DIMENSIONS.map((d) => dims[d]);
  const values: string[] = ['', '', '', '', '', ''];
  const stageNames = new Map(policy.stages.map((s) => [s.id, s.name]));
  const stageRows = new Map<string, { onTime: CountFigure; late: CountFigure; overdue: CountFigure; running: CountFigure; name: string }>();
  const exemptKinds = new Set(policy.kinds.filter((k) => k.callbackExempt).map((k) => k.code));

  const total = emptyCount();
  const rejected = emptyCount();
  const replySamples: { caseId: string; ms: number }[] = [];
  const resolveSamples: { caseId: string; ms: number }[] = [];
  const cb = {
    eligible: emptyCount(),
    done: emptyCount(),
    called: emptyCount(),
    unsatisfied: emptyCount(),
    onTime: emptyCount(),
    late: emptyCount(),
    overdue: emptyCount(),
    satisfied: emptyCount(),
  };
  let satisfactionSum = 0;
  const valid = emptyCount();
  const invalid = emptyCount();
  const unclassified = emptyCount();

  for (const { state: s, stages } of cases) {
    const t = s.receivedAt;
    if (t < from || t >= to) continue;
    const id = s.id;
    addTo(total, id);
    const pi = periodIndex(periods, t);
    if (pi >= 0) addTo(trend[pi]!, id);

    values[0] = s.kind;
    values[1] = s.category ?? '';
    values[2] = s.severity ?? '';
    values[3] = s.departmentId ?? '';
    values[4] = s.channel;
    values[5] = s.receptionPoint ?? '';
    for (let di = 0; di < DIMENSIONS.length; di++) {
      const key = values[di]!;
      const m = dimMaps[di]!;
      let row = m.get(key);
      if (!row) {
        const d = DIMENSIONS[di]!;
        row = { key, label: key === '' ? noneLabel : (labels[d].get(key) ?? key), count: 0, caseIds: [] };
        m.set(key, row);
      }
      row.count++;
      row.caseIds.push(id);
    }

    for (const st of stages) {
      if (st.state === 'pending') continue;
      let row = stageRows.get(st.stageId);
      if (!row) {
        row = { name: stageNames.get(st.stageId) ?? st.name, onTime: emptyCount(), late: emptyCount(), overdue: emptyCount(), running: emptyCount() };
        stageRows.set(st.stageId, row);
      }
      if (st.state === 'met') addTo(st.metLate ? row.late : row.onTime, id);
      // A stage left unmet when the case got its result is missed, once (issue 16 finding 3).
      else if (st.state === 'breached' || (st.stoppedAt !== undefined && s.result)) addTo(row.overdue, id);
      else addTo(row.running, id);
    }

    if (s.status === 'rejected') addTo(rejected, id);

    const replyAt = firstReplyAt(s);
    if (replyAt !== undefined) replySamples.push({ caseId: id, ms: Math.max(0, replyAt - t) });
    if (s.resolvedAt !== undefined) resolveSamples.push({ caseId: id, ms: Math.max(0, s.resolvedAt - t) });

    // A case reopened after an unsatisfied callback stays counted (S9-10): it is owed a callback still.
    if ((s.resolvedAt !== undefined || s.callbacks.length > 0) && s.status !== 'rejected' && !exemptKinds.has(s.kind)) {
      addTo(cb.eligible, id);
      const due = opts.callbackDueAt?.(s);
      const last = latestCallback(s);
      if (last) {
        addTo(cb.called, id);
        if (callbackSettled(s)) addTo(cb.done, id);
        if (unsatisfiedCallback(s)) addTo(cb.unsatisfied, id);
        let first = last;
        for (const c of s.callbacks) if (c.at < first.at) first = c;
        satisfactionSum += last.satisfaction;
        if (last.satisfied) addTo(cb.satisfied, id);
        if (due !== undefined) addTo(first.at <= due ? cb.onTime : cb.late, id);
      } else if (due !== undefined && now > due) {
        addTo(cb.overdue, id);
      }
    }

    if (s.valid === true) addTo(valid, id);
    else if (s.valid === false) addTo(invalid, id);
    else addTo(unclassified, id);
  }

  const breakdowns = Object.fromEntries(
    DIMENSIONS.map((d) => [d, [...dims[d].values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))]),
  ) as Record<Dimension, BreakdownRow[]>;

  // Stages in policy order, then any stage only older revisions had.
  const order = new Map(policy.stages.map((s, i) => [s.id, i]));
  const onTime: StageOnTime[] = [...stageRows.entries()]
    .sort(([a], [b]) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || a.localeCompare(b))
    .map(([stageId, r]) => {
      const decided: CountFigure = {
        count: r.onTime.count + r.late.count + r.overdue.count,
        caseIds: [...r.onTime.caseIds, ...r.late.caseIds, ...r.overdue.caseIds],
      };
      return { stageId, name: r.name, onTime: r.onTime, late: r.late, overdue: r.overdue, running: r.running, rate: rateOf(r.onTime, decided) };
    });

  const base = opts.base ?? policy.targets.baseCount ?? null;
  const target = policy.targets.validComplaintRate ?? null;
  const validRate = base ? valid.count / base : null;

  return {
    from,
    to,
    granularity,
    total,
    rejected,
    trend,
    breakdowns,
    onTime,
    replyTime: durationFigure(replySamples),
    resolveTime: durationFigure(resolveSamples),
    callback: {
      eligible: cb.eligible,
      done: cb.done,
      rate: rateOf(cb.done, cb.eligible),
      onTime: cb.onTime,
      late: cb.late,
      overdue: cb.overdue,
      called: cb.called,
      unsatisfied: cb.unsatisfied,
      satisfactionMean: cb.called.count ? satisfactionSum / cb.called.count : null,
      satisfied: cb.satisfied,
      satisfiedRate: rateOf(cb.satisfied, cb.called),
    },
    validComplaints: {
      valid,
      invalid,
      unclassified,
      rate: validRate,
      base,
      baseLabel: policy.targets.baseLabel ?? null,
      target,
      meetsTarget: validRate === null || target === null ? null : validRate < target,
    },
  };
}
