import { useMemo } from 'react';
import type { CaseEvent } from '../../src-shared/domain/events';
import type { StageStatus } from '../../src-shared/domain/sla-types';
import { caseDeadlineSummary, slaEvaluation, type SlaEvaluation } from '../../src-shared/domain/sla';
import type { PolicyFor } from '../data/projector';
import type { CaseDoc } from '../data/schemas';
import { useNow } from './ticker';

// Live deadlines from the SLA engine, recomputed on the shared ticker. Components only show the result.

export interface CaseTimers {
  stages: StageStatus[];
  /** The most urgent running stage: the queue's timer. */
  summary?: StageStatus;
  /** S7-16: the severity a breached stage raised the case to, shown with the case. */
  escalatedSeverity?: SlaEvaluation['escalatedSeverity'];
}

export function timersOf(policyFor: PolicyFor, revision: number, events: readonly CaseEvent[], now: number): CaseTimers {
  const policy = policyFor(revision);
  if (!policy || events.length === 0) return { stages: [] };
  const { stages, escalatedSeverity } = slaEvaluation(policy, events, now);
  return { stages, summary: caseDeadlineSummary(stages), escalatedSeverity };
}

/** Timers of every open case in `docs`, keyed by case id; one computation per second for all of them. */
export function useQueueTimers(docs: CaseDoc[], policyFor: PolicyFor): { now: number; timers: Map<string, CaseTimers> } {
  const now = useNow();
  const timers = useMemo(() => {
    const out = new Map<string, CaseTimers>();
    for (const d of docs) if (d.bucket === 'open') out.set(d.id, timersOf(policyFor, d.state.policyRevision, d.log, now));
    return out;
  }, [docs, policyFor, now]);
  return { now, timers };
}

/** Timers of one case from its full event log. */
export function useCaseTimers(events: CaseEvent[], revision: number | undefined, policyFor: PolicyFor): CaseTimers {
  const now = useNow();
  return useMemo(() => (revision === undefined ? { stages: [] } : timersOf(policyFor, revision, events, now)), [events, revision, policyFor, now]);
}
