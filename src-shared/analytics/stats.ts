import type { CaseState } from '../domain/case-state';
import { callbackSettled, latestCallback, unsatisfiedCallback } from '../domain/callback-outcome';
import type { Policy } from '../domain/policy';
import type { StageStatus } from '../domain/sla-types';
import { durationFigure, lazyCount, rateOf, withCaseIds, type CountFigure, type DurationFigure, type RateFigure } from './figures';
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

// What the counting pass keeps of each counted case besides its id: one bit a figure it counts in. The
// figures' case lists are read from these when a drill-down asks (lazyCount), not built as cases are counted.
const REJECTED = 0;
const REPLIED = 1;
const RESOLVED = 2;
const CB_ELIGIBLE = 3;
const CB_CALLED = 4;
const CB_DONE = 5;
const CB_UNSATISFIED = 6;
const CB_SATISFIED = 7;
const CB_ON_TIME = 8;
const CB_LATE = 9;
const CB_OVERDUE = 10;
const VALID = 11;
const INVALID = 12;
const UNCLASSIFIED = 13;
const FLAGS = 14;

/** A stage's outcome for a case, one byte a counted case (0: the case has no decided stage of that id). */
const ON_TIME = 1;
const LATE = 2;
const OVERDUE = 3;
const RUNNING = 4;

/** The ids of the counted cases `keep` selects, in the order they were counted. */
function idsWhere(ids: readonly string[], keep: (i: number) => boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) if (keep(i)) out.push(ids[i]!);
  return out;
}

export function computeStatistics(cases: Iterable<AnalysedCase>, opts: StatisticsOptions): CaseStatistics {
  const { from, to, granularity, now, policy } = opts;
  const noneLabel = opts.noneLabel ?? (opts.lang === 'en' ? '(none)' : '未填');
  const periods = periodsBetween(from, to, granularity, policy.utcOffsetMinutes);
  const labels = labelMaps(policy);
  const stageNames = new Map(policy.stages.map((s) => [s.id, s.name]));
  const exemptKinds = new Set(policy.kinds.filter((k) => k.callbackExempt).map((k) => k.code));
  const list = Array.isArray(cases) ? (cases as readonly AnalysedCase[]) : [...cases];
  const cap = list.length;

  // Per counted case n (ids[n]): its trend period, its row of each dimension, its flags, and for each
  // stage id its outcome. Typed arrays: no allocation a case, nothing for the collector to trace.
  const ids: string[] = [];
  const periodAt = new Int32Array(cap);
  const trendCounts = new Int32Array(periods.length);
  const dimRows = DIMENSIONS.map(() => new Int32Array(cap));
  const dimKeys = DIMENSIONS.map(() => new Map<string, number>());
  const dimCounts: number[][] = DIMENSIONS.map(() => []);
  const values: string[] = ['', '', '', '', '', ''];
  const flags = new Uint16Array(cap);
  const flagCounts = new Int32Array(FLAGS);
  const stageRows = new Map<string, { name: string; outcome: Uint8Array; counts: Int32Array }>();
  const replyMs = new Float64Array(cap);
  const resolveMs = new Float64Array(cap);
  let replies = 0;
  let resolutions = 0;
  let satisfactionSum = 0;

  for (const { state: s, stages } of list) {
    const t = s.receivedAt;
    if (t < from || t >= to) continue;
    const n = ids.length;
    ids.push(s.id);
    const pi = periodIndex(periods, t);
    periodAt[n] = pi;
    if (pi >= 0) trendCounts[pi]!++;

    values[0] = s.kind;
    values[1] = s.category ?? '';
    values[2] = s.severity ?? '';
    values[3] = s.departmentId ?? '';
    values[4] = s.channel;
    values[5] = s.receptionPoint ?? '';
    for (let di = 0; di < DIMENSIONS.length; di++) {
      const key = values[di]!;
      const keys = dimKeys[di]!;
      let row = keys.get(key);
      if (row === undefined) {
        row = keys.size;
        keys.set(key, row);
        dimCounts[di]!.push(0);
      }
      dimRows[di]![n] = row;
      dimCounts[di]![row]!++;
    }

    for (const st of stages) {
      if (st.state === 'pending') continue;
      let row = stageRows.get(st.stageId);
      if (!row) {
        row = { name: stageNames.get(st.stageId) ?? st.name, outcome: new Uint8Array(cap), counts: new Int32Array(RUNNING + 1) };
        stageRows.set(st.stageId, row);
      }
      // A stage left unmet when the case got its result is missed, once (issue 16 finding 3).
      const o = st.state === 'met' ? (st.metLate ? LATE : ON_TIME) : st.state === 'breached' || (st.stoppedAt !== undefined && s.result) ? OVERDUE : RUNNING;
      // A case has one status a stage id (sla.ts); should one come twice, the last is the one counted.
      if (row.outcome[n]) row.counts[row.outcome[n]!]!--;
      row.outcome[n] = o;
      row.counts[o]!++;
    }

    let f = 0;
    if (s.status === 'rejected') f |= 1 << REJECTED;

    const replyAt = firstReplyAt(s);
    if (replyAt !== undefined) {
      f |= 1 << REPLIED;
      replyMs[replies++] = Math.max(0, replyAt - t);
    }
    if (s.resolvedAt !== undefined) {
      f |= 1 << RESOLVED;
      resolveMs[resolutions++] = Math.max(0, s.resolvedAt - t);
    }

    // A case reopened after an unsatisfied callback stays counted (S9-10): it is owed a callback still.
    if ((s.resolvedAt !== undefined || s.callbacks.length > 0) && s.status !== 'rejected' && !exemptKinds.has(s.kind)) {
      f |= 1 << CB_ELIGIBLE;
      const due = opts.callbackDueAt?.(s);
      const last = latestCallback(s);
      if (last) {
        f |= 1 << CB_CALLED;
        if (callbackSettled(s)) f |= 1 << CB_DONE;
        if (unsatisfiedCallback(s)) f |= 1 << CB_UNSATISFIED;
        let first = last;
        for (const c of s.callbacks) if (c.at < first.at) first = c;
        satisfactionSum += last.satisfaction;
        if (last.satisfied) f |= 1 << CB_SATISFIED;
        if (due !== undefined) f |= 1 << (first.at <= due ? CB_ON_TIME : CB_LATE);
      } else if (due !== undefined && now > due) {
        f |= 1 << CB_OVERDUE;
      }
    }

    f |= 1 << (s.valid === true ? VALID : s.valid === false ? INVALID : UNCLASSIFIED);
    flags[n] = f;
    for (let b = 0; f !== 0; b++, f >>>= 1) if (f & 1) flagCounts[b]!++;
  }

  const flagged = (bit: number) => lazyCount(flagCounts[bit]!, () => idsWhere(ids, (i) => (flags[i]! & (1 << bit)) !== 0));
  const total = lazyCount(ids.length, () => ids.slice());
  const rejected = flagged(REJECTED);
  const trend: TrendPoint[] = periods.map((p, pi) =>
    withCaseIds({ period: p, label: periodLabel(p, opts.lang), count: trendCounts[pi]! }, () => idsWhere(ids, (i) => periodAt[i] === pi)),
  );

  const breakdowns = Object.fromEntries(
    DIMENSIONS.map((d, di) => {
      const rows: BreakdownRow[] = [...dimKeys[di]!].map(([key, row]) =>
        withCaseIds({ key, label: key === '' ? noneLabel : (labels[d].get(key) ?? key), count: dimCounts[di]![row]! }, () =>
          idsWhere(ids, (i) => dimRows[di]![i] === row),
        ),
      );
      return [d, rows.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))];
    }),
  ) as Record<Dimension, BreakdownRow[]>;

  // Stages in policy order, then any stage only older revisions had.
  const order = new Map(policy.stages.map((s, i) => [s.id, i]));
  const onTime: StageOnTime[] = [...stageRows.entries()]
    .sort(([a], [b]) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || a.localeCompare(b))
    .map(([stageId, r]) => {
      const outcome = (o: number) => lazyCount(r.counts[o]!, () => idsWhere(ids, (i) => r.outcome[i] === o));
      const [onTime, late, overdue, running] = [outcome(ON_TIME), outcome(LATE), outcome(OVERDUE), outcome(RUNNING)];
      const decided = lazyCount(onTime.count + late.count + overdue.count, () => [...onTime.caseIds, ...late.caseIds, ...overdue.caseIds]);
      return { stageId, name: r.name, onTime, late, overdue, running, rate: rateOf(onTime, decided) };
    });

  const cb = {
    eligible: flagged(CB_ELIGIBLE),
    done: flagged(CB_DONE),
    called: flagged(CB_CALLED),
    unsatisfied: flagged(CB_UNSATISFIED),
    onTime: flagged(CB_ON_TIME),
    late: flagged(CB_LATE),
    overdue: flagged(CB_OVERDUE),
    satisfied: flagged(CB_SATISFIED),
  };
  const valid = flagged(VALID);
  const invalid = flagged(INVALID);
  const unclassified = flagged(UNCLASSIFIED);
  const replyTime = durationFigure(replyMs.subarray(0, replies), () => idsWhere(ids, (i) => (flags[i]! & (1 << REPLIED)) !== 0));
  const resolveTime = durationFigure(resolveMs.subarray(0, resolutions), () => idsWhere(ids, (i) => (flags[i]! & (1 << RESOLVED)) !== 0));

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
    replyTime,
    resolveTime,
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
