import type { CaseState } from '../../../src-shared/domain/case-state';
import type { StageState } from '../../../src-shared/domain/sla-types';
import type { CaseTimers } from '../../hooks/sla';
import { searchTextOf } from '../../data/case-doc';

// The queue's view model: which rows the clerk asked to see, in due order. Deadlines and their states
// come from the SLA engine (CaseTimers); this file only filters and sorts.

export type QueueScope = 'mine' | 'department' | 'all';

export interface QueueFilter {
  scope: QueueScope;
  search: string;
  status?: string;
  kind?: string;
  category?: string;
  severity?: string;
  departmentId?: string;
  overdue: boolean;
  flagged: boolean;
  /** 等我审批: a step of an approval waits for a role this person holds (issue 16). */
  myApprovals?: boolean;
}

export const emptyFilter: QueueFilter = { scope: 'all', search: '', overdue: false, flagged: false };

export interface QueueRow {
  state: CaseState;
  timers: CaseTimers;
  search: string;
}

export function isFiltered(f: QueueFilter): boolean {
  return Boolean(f.search.trim() || f.status || f.kind || f.category || f.severity || f.departmentId || f.overdue || f.flagged || f.myApprovals);
}

function inScope(s: CaseState, f: QueueFilter, me: { id: string; departmentId?: string }): boolean {
  if (f.scope === 'mine') return s.firstReceiverId === me.id || s.assigneeIds.includes(me.id) || s.coordinatorId === me.id;
  if (f.scope === 'department') return me.departmentId !== undefined && (s.departmentId === me.departmentId || s.departmentsInvolved.includes(me.departmentId));
  return true;
}

export function selectRows(rows: QueueRow[], f: QueueFilter, me: { id: string; departmentId?: string; roles?: readonly string[] }): QueueRow[] {
  const terms = f.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const out = rows.filter((r) => {
    const s = r.state;
    if (!inScope(s, f, me)) return false;
    if (f.status && s.status !== f.status) return false;
    if (f.kind && s.kind !== f.kind) return false;
    if (f.category && s.category !== f.category) return false;
    if (f.severity && s.severity !== f.severity) return false;
    if (f.departmentId && s.departmentId !== f.departmentId) return false;
    if (f.overdue && r.timers.summary?.state !== 'breached') return false;
    if (f.flagged && s.riskFlags.length === 0) return false;
    if (f.myApprovals && !s.approvals.some((x) => x.requestedAt !== undefined && !x.decided && (me.roles ?? []).includes(x.role))) return false;
    return terms.every((t) => r.search.includes(t));
  });
  return out.sort(byDue);
}

/** Soonest deadline first (overdue ones lead, most overdue first); cases without a running timer last, newest first. */
export function byDue(a: QueueRow, b: QueueRow): number {
  const da = a.timers.summary?.dueAt;
  const dbb = b.timers.summary?.dueAt;
  if (da !== undefined && dbb !== undefined) return da - dbb;
  if (da !== undefined) return -1;
  if (dbb !== undefined) return 1;
  return b.state.registeredAt - a.state.registeredAt;
}

export function countByState(rows: QueueRow[]): Record<StageState, number> {
  const out: Record<StageState, number> = { pending: 0, running: 0, warning: 0, breached: 0, met: 0 };
  for (const r of rows) if (r.timers.summary) out[r.timers.summary.state]++;
  return out;
}

export { searchTextOf };
