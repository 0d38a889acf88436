import { useEffect, useMemo, useState } from 'react';
import type { MangoQuerySelector } from 'rxdb';
import type { CaseEvent } from '../../src-shared/domain/events';
import type { CaseState } from '../../src-shared/domain/case-state';
import { compareEvents } from '../../src-shared/domain/projection';
import { useDesk } from './desk-context';
import type { CaseDoc } from './schemas';
import type { DeskDatabase } from './database';
import type { DeskConfig } from './config';
import type { Staff } from '../../src-shared/domain/org';

// Subscriptions that feed the UI. Components render what these return; the domain decides the rest.

export interface CaseQuery {
  /** 'open' (default): not closed or rejected; 'all': everything, newest first, capped. */
  scope?: 'open' | 'all';
  limit?: number;
}

/** The open queue's query: one index range (bucket, dueAt), never a scan of every case ever registered. */
export function openCasesQuery(db: DeskDatabase) {
  return db.cases.find({ selector: { bucket: 'open' }, sort: [{ bucket: 'asc' }, { dueAt: 'asc' }], index: ['bucket', 'dueAt'] });
}

/** Case rows (projection plus, for open cases, their event log for the SLA engine). */
export function useCaseDocs(query: CaseQuery = {}): { docs: CaseDoc[]; loading: boolean } {
  const { db } = useDesk();
  const [result, setResult] = useState<{ docs: CaseDoc[]; loading: boolean }>({ docs: [], loading: true });
  const scope = query.scope ?? 'open';
  const limit = query.limit ?? 2000;
  useEffect(() => {
    const selector: MangoQuerySelector<CaseDoc> = {};
    const q = scope === 'open' ? openCasesQuery(db) : db.cases.find({ selector, sort: [{ registeredAt: 'desc' }], limit });
    performance.mark('jiesu:cases-query');
    const sub = q.$.subscribe((docs) => {
      performance.mark('jiesu:cases');
      setResult({ docs: docs.map((d) => d.toJSON() as CaseDoc), loading: false });
    });
    return () => sub.unsubscribe();
  }, [db, scope, limit]);
  return result;
}

export function useCases(query: CaseQuery = {}): { cases: CaseState[]; loading: boolean } {
  const { docs, loading } = useCaseDocs(query);
  const cases = useMemo(() => docs.map((d) => d.state), [docs]);
  return { cases, loading };
}

export function useCase(id: string | undefined): { state?: CaseState; loading: boolean } {
  const { db } = useDesk();
  const [result, setResult] = useState<{ state?: CaseState; loading: boolean }>({ loading: true });
  useEffect(() => {
    if (!id) return;
    const sub = db.cases.findOne(id).$.subscribe((doc) => setResult({ state: doc ? (doc.toJSON() as CaseDoc).state : undefined, loading: false }));
    return () => sub.unsubscribe();
  }, [db, id]);
  return result;
}

/** Every event of one case in (at, id) order: the full timeline and the SLA engine's input. */
export function useCaseEvents(caseId: string | undefined): CaseEvent[] {
  const { db } = useDesk();
  const [events, setEvents] = useState<CaseEvent[]>([]);
  useEffect(() => {
    if (!caseId) return;
    const sub = db.events.find({ selector: { caseId } }).$.subscribe((docs) => setEvents(docs.map((d) => d.toMutableJSON() as CaseEvent).sort(compareEvents)));
    return () => sub.unsubscribe();
  }, [db, caseId]);
  return events;
}

export function useConfig(): DeskConfig {
  return useDesk().config;
}

export function useCurrentStaff(): Staff | undefined {
  return useDesk().staff;
}

/** Staff id → name, for timelines and lists. */
export function useStaffNames(): Map<string, string> {
  const { config } = useDesk();
  return useMemo(() => new Map(config.staff.map((s) => [s.id, s.name])), [config.staff]);
}
