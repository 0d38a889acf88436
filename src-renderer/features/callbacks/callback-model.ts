import type { CaseState } from '../../../src-shared/domain/case-state';
import type { Policy } from '../../../src-shared/domain/policy';
import { awaitingCallback, callbackDue, type AwaitingCallback } from '../../data/domain';
import { computeStatistics } from '../../../src-shared/analytics/stats';
import { previousPeriod } from '../../../src-shared/analytics/period';
import type { PolicyFor } from '../../data/projector';

// The callback queue's view model: resolved cases whose policy wants a callback (a first one, or a
// follow-up after an unsatisfied one: src-shared/domain/callback-outcome.ts), soonest due first
// (due times from the SLA engine), the callback rate from the shared statistics, and S9-8's weekly
// repair-order count.

export interface CallbackRow {
  state: CaseState;
  dueAt: number;
  resolvedAt: number;
  methods: string[];
  /** A follow-up callback: the unsatisfied callback it follows (S9-10). */
  followUpOf?: AwaitingCallback['followUpOf'];
}

export function callbackRows(cases: CaseState[], policyFor: PolicyFor): CallbackRow[] {
  const out: CallbackRow[] = [];
  for (const s of cases) {
    const policy = policyFor(s.policyRevision);
    const due = policy && awaitingCallback(policy, s);
    if (!due) continue;
    out.push({ state: s, dueAt: due.dueAt, resolvedAt: due.resolvedAt, methods: due.rule.methods, ...(due.followUpOf ? { followUpOf: due.followUpOf } : {}) });
  }
  return out.sort((a, b) => a.dueAt - b.dueAt);
}

export function callbackRate(cases: CaseState[], policy: Policy, policyFor: PolicyFor, now: number) {
  const stats = computeStatistics(
    cases.map((state) => ({ state, stages: [] })),
    {
      from: 0,
      to: now + 1,
      granularity: 'year',
      now,
      policy,
      callbackDueAt: (s) => {
        const p = policyFor(s.policyRevision);
        return p ? callbackDue(p, s)?.dueAt : undefined;
      },
    },
  );
  return stats.callback;
}

/** S9-8: last week's repair orders (the policy's weekly repair kind) and how many still await a callback. */
export function weeklyRepairs(cases: CaseState[], policy: Policy, now: number): { count: number; pending: number } | undefined {
  const kind = policy.callback.weeklyRepairKind;
  if (!kind) return undefined;
  const week = previousPeriod(now, 'week', policy.utcOffsetMinutes);
  const last = cases.filter((s) => s.kind === kind && s.receivedAt >= week.start && s.receivedAt < week.end);
  return { count: last.length, pending: last.filter((s) => s.callbacks.length === 0).length };
}
