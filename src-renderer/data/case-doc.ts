import type { CaseEvent } from '../../src-shared/domain/events';
import type { CaseState } from '../../src-shared/domain/case-state';
import type { Policy } from '../../src-shared/domain/policy';
import { compareEvents, complainantForIndex, deadlineOf } from './domain';
import { NO_DUE, type CaseDoc } from './schemas';
import { lookupKeysOf } from '../../src-shared/domain/contact-key';

// The stored projection row: the CaseState plus the few fields the queue indexes, filters and searches.

const DONE = new Set(['closed', 'rejected']);

export function searchTextOf(state: CaseState): string {
  const c = complainantForIndex(state);
  return [
    state.number,
    c.name,
    c.organisation,
    c.phone,
    state.subject,
    state.description.text,
    state.description.time,
    state.description.cause,
    state.description.process,
    state.description.result,
    state.demand,
  ]
    .filter((s): s is string => typeof s === 'string' && s.length > 0)
    .join('\n')
    .toLowerCase();
}

/** Signature images are large and irrelevant to deadlines; the queue's copy of the log leaves them out. */
function forQueue(e: CaseEvent): CaseEvent {
  if (e.type !== 'case.signed' || !e.payload.image) return e;
  const { image: _image, ...payload } = e.payload;
  return { ...e, payload };
}

/** The events in (at, id) order, one copy of each: the same document whichever path folded the case. */
function canonical(events: readonly CaseEvent[]): CaseEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => !seen.has(e.id) && (seen.add(e.id), true)).sort(compareEvents);
}

export function caseDocOf(state: CaseState, policy: Policy, all: readonly CaseEvent[], now: number): CaseDoc {
  const events = canonical(all);
  const due = deadlineOf(policy, state, events, now);
  const open = !DONE.has(state.status);
  return {
    id: state.id,
    number: state.number,
    bucket: open ? 'open' : 'done',
    status: state.status,
    kind: state.kind,
    departmentId: state.departmentId ?? '',
    registeredAt: state.registeredAt,
    dueAt: Math.round(due ?? NO_DUE),
    flagged: state.riskFlags.length > 0,
    search: searchTextOf(state),
    // The history at intake finds the case by these (contact-key.ts), none for a confidential complainant.
    ...lookupKeysOf(state, policy),
    related: state.relatedCaseId ?? '',
    state,
    log: open ? events.map(forQueue) : [],
    // Events the fold skipped (timed before the registration, from a newer desk) count too: the store holds them.
    sourceEvents: events.length,
  };
}
