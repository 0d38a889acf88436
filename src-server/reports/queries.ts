import type { CaseState, CaseStatus } from '../../src-shared/domain/case-state';
import type { StageStatus } from '../../src-shared/domain/sla-types';
import { slaStagesFor, caseDeadlineSummary } from '../../src-shared/domain/sla';
import { maskComplainant } from '../../src-shared/domain/masking';
import type { CaseIndexView } from './case-index';

// Report queries over the case index: the same fold and SLA engine as the desk, evaluated at `now`.

export interface CaseFilter {
  status?: CaseStatus;
  overdue?: boolean;
  departmentId?: string;
  /** Registered in [from, to). */
  from?: number;
  to?: number;
  limit: number;
  offset: number;
}

export interface CaseSummary {
  id: string;
  number: string;
  status: CaseStatus;
  kind: string;
  category?: string;
  severity?: string;
  departmentId?: string;
  siteId: string;
  deskId: string;
  registeredAt: number;
  subject: string;
  overdue: boolean;
  /** The most urgent live stage (running, warning or breached). */
  next?: { stageId: string; name: string; state: StageStatus['state']; dueAt?: number; remainingMs?: number };
}

export function stagesOf(view: CaseIndexView, c: CaseState, now: number): StageStatus[] {
  const policy = view.policyFor(c.policyRevision);
  return policy ? slaStagesFor(policy, view.eventsOf(c.id), now) : [];
}

export function isOverdue(stages: readonly StageStatus[]): boolean {
  return stages.some((s) => s.state === 'breached');
}

function summaryOf(c: CaseState, stages: StageStatus[]): CaseSummary {
  const next = caseDeadlineSummary(stages);
  return {
    id: c.id,
    number: c.number,
    status: c.status,
    kind: c.kind,
    category: c.category,
    severity: c.severity,
    departmentId: c.departmentId,
    siteId: c.siteId,
    deskId: c.deskId,
    registeredAt: c.registeredAt,
    subject: c.subject,
    overdue: isOverdue(stages),
    ...(next ? { next: { stageId: next.stageId, name: next.name, state: next.state, dueAt: next.dueAt, remainingMs: next.remainingMs } } : {}),
  };
}

function inPeriod(c: CaseState, from?: number, to?: number): boolean {
  return (from === undefined || c.registeredAt >= from) && (to === undefined || c.registeredAt < to);
}

export function listCases(view: CaseIndexView, filter: CaseFilter, now: number): { total: number; items: CaseSummary[] } {
  const matched: CaseSummary[] = [];
  for (const c of view.cases.values()) {
    if (filter.status && c.status !== filter.status) continue;
    if (filter.departmentId && c.departmentId !== filter.departmentId) continue;
    if (!inPeriod(c, filter.from, filter.to)) continue;
    const stages = stagesOf(view, c, now);
    if (filter.overdue !== undefined && isOverdue(stages) !== filter.overdue) continue;
    matched.push(summaryOf(c, stages));
  }
  matched.sort((a, b) => b.registeredAt - a.registeredAt || a.id.localeCompare(b.id));
  return { total: matched.length, items: matched.slice(filter.offset, filter.offset + filter.limit) };
}

/** One case with its deadlines; a confidential complainant stays masked (S1-5) — the server reveals to no one. */
export function caseDetail(view: CaseIndexView, caseId: string, now: number): { case: CaseState; stages: StageStatus[] } | undefined {
  const c = view.cases.get(caseId);
  if (!c) return undefined;
  return { case: { ...c, complainant: maskComplainant(c.complainant, false) }, stages: stagesOf(view, c, now) };
}
