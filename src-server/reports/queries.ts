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

export interface PeriodStatistics {
  from?: number;
  to?: number;
  total: number;
  byStatus: Record<string, number>;
  byKind: Record<string, number>;
  byCategory: Record<string, number>;
  bySeverity: Record<string, number>;
  byDepartment: Record<string, number>;
  overdue: number;
  resolved: number;
  /** Resolved cases where no stage was met late or breached. */
  resolvedOnTime: number;
  rejected: number;
  callbacks: number;
  satisfied: number;
  /** Mean 1–5 satisfaction of the callbacks, or null without callbacks. */
  satisfactionAverage: number | null;
}

function bump(map: Record<string, number>, key: string | undefined): void {
  const k = key ?? '(none)';
  map[k] = (map[k] ?? 0) + 1;
}

export function periodStatistics(view: CaseIndexView, from: number | undefined, to: number | undefined, now: number): PeriodStatistics {
  const out: PeriodStatistics = { from, to, total: 0, byStatus: {}, byKind: {}, byCategory: {}, bySeverity: {}, byDepartment: {}, overdue: 0, resolved: 0, resolvedOnTime: 0, rejected: 0, callbacks: 0, satisfied: 0, satisfactionAverage: null };
  let satisfactionSum = 0;
  for (const c of view.cases.values()) {
    if (!inPeriod(c, from, to)) continue;
    const stages = stagesOf(view, c, now);
    out.total++;
    bump(out.byStatus, c.status);
    bump(out.byKind, c.kind);
    bump(out.byCategory, c.category);
    bump(out.bySeverity, c.severity);
    bump(out.byDepartment, c.departmentId);
    if (isOverdue(stages)) out.overdue++;
    if (c.resolvedAt !== undefined) {
      out.resolved++;
      if (!stages.some((s) => s.state === 'breached' || s.metLate)) out.resolvedOnTime++;
    }
    if (c.status === 'rejected') out.rejected++;
    for (const cb of c.callbacks) {
      out.callbacks++;
      if (cb.satisfied) out.satisfied++;
      satisfactionSum += cb.satisfaction;
    }
  }
  out.satisfactionAverage = out.callbacks ? Math.round((satisfactionSum / out.callbacks) * 100) / 100 : null;
  return out;
}
