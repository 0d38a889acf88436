import { useEffect, useMemo, useState } from 'react';
import type { CaseEvent } from '../../../src-shared/domain/events';
import { callbackDueAt, compareEvents, slaStagesFor } from '../../data/domain';
import type { AnalysedCase } from '../../../src-shared/analytics/stats';
import type { CaseState } from '../../../src-shared/domain/case-state';
import { useDesk } from '../../data/desk-context';
import { useCases } from '../../data/hooks';

// Every case of the desk with the SLA engine's stages, for the analysis and the ledger. Closed cases no
// longer carry their log on the case row, so the event log is read once per change and grouped by case.

const ALL = { scope: 'all', limit: 1_000_000 } as const;

export interface AnalysedData {
  cases: AnalysedCase[];
  byId: Map<string, CaseState>;
  loading: boolean;
  now: number;
  callbackDue: (s: CaseState) => number | undefined;
}

export function useAnalysedCases(): AnalysedData {
  const { db, policyFor } = useDesk();
  const { cases, loading } = useCases(ALL);
  const [events, setEvents] = useState<Map<string, CaseEvent[]> | undefined>(undefined);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let stale = false;
    void db.events
      .find()
      .exec()
      .then((docs) => {
        if (stale) return;
        const m = new Map<string, CaseEvent[]>();
        for (const d of docs) {
          const e = d.toMutableJSON() as CaseEvent;
          const list = m.get(e.caseId);
          if (list) list.push(e);
          else m.set(e.caseId, [e]);
        }
        for (const list of m.values()) list.sort(compareEvents);
        setEvents(m);
        setNow(Date.now());
      });
    return () => {
      stale = true;
    };
  }, [db, cases]);

  return useMemo(() => {
    const byId = new Map(cases.map((c) => [c.id, c]));
    const callbackDue = (s: CaseState) => {
      const p = policyFor(s.policyRevision);
      return p ? callbackDueAt(p, s) : undefined;
    };
    if (!events) return { cases: [], byId, loading: true, now, callbackDue };
    const out: AnalysedCase[] = cases.map((state) => {
      const policy = policyFor(state.policyRevision);
      const evs = events.get(state.id) ?? [];
      return { state, stages: policy && evs.length ? slaStagesFor(policy, evs, now) : [] };
    });
    return { cases: out, byId, loading: loading || !events, now, callbackDue };
  }, [cases, events, policyFor, now, loading]);
}
