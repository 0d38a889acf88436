import type { CaseEvent, CaseEventOf } from './events';
import { ACTIVE_STATUSES, OPEN_STATUSES, REOPENABLE_STATUSES, type CaseState, type CaseStatus } from './case-state';

// A case is a pure, deterministic fold of its events ordered by (at, id) (docs/architecture.md §The event
// log). Desks update projections incrementally; `applyEvents` must always equal a rebuild, whatever order
// and duplication the events arrive in (issue 2, proved by the property tests beside this file).

interface Ordered {
  at: number;
  id: string;
}

/** Total order of events: by time, then by ULID so equal timestamps still sort the same on every desk. */
export function compareEvents(a: Ordered, b: Ordered): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The events that end a case or open it again (the cases below); the server judges a case open from the last
 * of them alone (src-server/sync/events-store.ts, the cases' heads: a priority for a joining desk, never a
 * status it shows).
 */
export const ENDING_AND_REOPENING_EVENTS = ['case.closed', 'case.rejected', 'case.reopened'] as const;

const ACTIVE: ReadonlySet<CaseStatus> = new Set(ACTIVE_STATUSES);
const ROUTABLE: ReadonlySet<CaseStatus> = new Set(OPEN_STATUSES);
const REOPENABLE: ReadonlySet<CaseStatus> = new Set(REOPENABLE_STATUSES);

/** Projections only ever see parsed events; this guard keeps a caller's stray value from throwing. */
function isEventLike(e: unknown): e is CaseEvent {
  if (typeof e !== 'object' || e === null) return false;
  const r = e as Record<string, unknown>;
  return (
    typeof r.id === 'string' &&
    typeof r.caseId === 'string' &&
    typeof r.type === 'string' &&
    typeof r.at === 'number' &&
    Number.isFinite(r.at) &&
    typeof r.payload === 'object' &&
    r.payload !== null
  );
}

/** Sorted by (at, id), first copy of each id kept. Input must already be event-like. */
function sortedUniqueOf(list: CaseEvent[]): CaseEvent[] {
  // Stored and replicated events mostly arrive in order: skip the sort when they already are.
  let sorted = true;
  for (let i = 1; i < list.length; i++) {
    if (compareEvents(list[i - 1]!, list[i]!) > 0) {
      sorted = false;
      break;
    }
  }
  if (!sorted) list.sort(compareEvents);
  const seen = new Set<string>();
  let out: CaseEvent[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    if (seen.has(e.id)) {
      out ??= list.slice(0, i);
      continue;
    }
    seen.add(e.id);
    out?.push(e);
  }
  return out ?? list;
}

/** Sorted by (at, id), first copy of each id kept, non-events dropped. Never modifies its input. */
function sortedUnique(events: readonly CaseEvent[]): CaseEvent[] {
  return sortedUniqueOf(events.filter(isEventLike));
}

type ArrayKey = { [K in keyof CaseState]-?: CaseState[K] extends readonly unknown[] ? K : never }[keyof CaseState];
/** Gives a list of the state that may be written: the rebuild owns every list, an incremental update copies a list the first time it writes to it. */
type Writer = <K extends ArrayKey>(s: CaseState, key: K) => CaseState[K];

const owned: Writer = (s, key) => s[key];

function copyOnWrite(): Writer {
  const copied = new Set<ArrayKey>();
  return (s, key) => {
    if (!copied.has(key)) {
      // `?? []`: a list added to CaseState later (attachments) is absent from states stored before it.
      (s as unknown as Record<ArrayKey, unknown[]>)[key] = (s[key] ?? []).slice();
      copied.add(key);
    }
    return s[key];
  };
}

type IdListKey = 'assigneeIds' | 'departmentsInvolved' | 'noticeNos' | 'recusedStaffIds' | 'riskFlags';
function addUnique(s: CaseState, w: Writer, key: IdListKey, value: string): void {
  if (!s[key].includes(value)) w(s, key).push(value);
}

function initialState(e: CaseEventOf<'case.registered'>): CaseState {
  const p = e.payload;
  const s: CaseState = {
    id: e.caseId,
    orgId: e.orgId,
    siteId: e.siteId,
    deskId: e.deskId,
    number: p.number,
    policyRevision: e.policyRevision,
    kind: p.kind,
    channel: p.channel,
    status: 'registered',
    registeredAt: e.at,
    receivedAt: p.receivedAt,
    firstReceiverId: p.firstReceiverId,
    assigneeIds: [],
    departmentsInvolved: p.departmentId ? [p.departmentId] : [],
    noticeNos: [],
    handoverAcknowledged: false,
    recusedStaffIds: [],
    escalations: [],
    riskFlags: [...new Set(p.riskFlags ?? [])],
    complainant: { ...p.complainant },
    subject: p.subject,
    description: { ...p.description },
    form: { ...(p.form ?? {}) },
    apologised: p.apologised ?? false,
    investigations: [],
    replies: [],
    callbacks: [],
    reopenCount: 0,
    extensions: [],
    approvals: [],
    rewards: [],
    penalties: [],
    expenses: [],
    materials: [],
    attachments: [],
    signatures: [],
    printed: [],
    identityViews: [],
    notes: [],
    lastEventAt: e.at,
    lastEventId: e.id,
    eventCount: 1,
    timeline: [{ eventId: e.id, type: e.type, at: e.at, actorId: e.actorId }],
  };
  if (p.category !== undefined) s.category = p.category;
  if (p.severity !== undefined) s.severity = p.severity;
  if (p.receptionPoint !== undefined) s.receptionPoint = p.receptionPoint;
  if (p.departmentId !== undefined) s.departmentId = p.departmentId;
  if (p.demand !== undefined) s.demand = p.demand;
  if (p.relatedCaseId !== undefined) s.relatedCaseId = p.relatedCaseId;
  return s;
}

/**
 * Applies one event (already known to sort after every applied one) to a writable state. Projections only
 * see parsed events; an unparsed one with a broken payload is skipped rather than thrown, so a rebuild and
 * an incremental update still agree and a desk never crashes on it.
 */
function applyOne(s: CaseState, e: CaseEvent, w: Writer): void {
  try {
    applyEvent(s, e, w);
  } catch {
    // Fields already written by the broken event stay; the same happens on every path, so results agree.
  }
}

/** The fold step proper: status machine and the fields each event type fills. */
function applyEvent(s: CaseState, e: CaseEvent, w: Writer): void {
  // A second registration of the same case is a corruption, not a change: the first one stands.
  if (e.type === 'case.registered') return;
  const by = e.actorId;
  const at = e.at;
  switch (e.type) {
    case 'case.accepted':
      if (s.status === 'registered') s.status = 'accepted';
      break;
    case 'case.classified': {
      const p = e.payload;
      if (p.kind !== undefined) s.kind = p.kind;
      if (p.category !== undefined) s.category = p.category;
      if (p.severity !== undefined) s.severity = p.severity;
      if (p.valid !== undefined) s.valid = p.valid;
      break;
    }
    case 'case.assigned': {
      if (!ROUTABLE.has(s.status)) break;
      const p = e.payload;
      if (s.departmentId !== p.departmentId) s.handoverAcknowledged = false;
      s.departmentId = p.departmentId;
      addUnique(s, w, 'departmentsInvolved', p.departmentId);
      if (p.assigneeId !== undefined) addUnique(s, w, 'assigneeIds', p.assigneeId);
      if (p.noticeNo !== undefined) addUnique(s, w, 'noticeNos', p.noticeNo);
      if (!s.handoverAcknowledged) s.status = 'assigned';
      break;
    }
    case 'case.handover_acknowledged': {
      const p = e.payload;
      if (!ROUTABLE.has(s.status) || s.departmentId !== p.departmentId) break;
      s.handoverAcknowledged = true;
      if (s.status === 'assigned' || s.status === 'registered' || s.status === 'accepted') s.status = 'in_progress';
      break;
    }
    case 'case.transferred': {
      const p = e.payload;
      if (p.external !== undefined) s.external = p.external;
      if (!ROUTABLE.has(s.status)) break;
      if (p.toDepartmentId !== undefined) {
        if (s.departmentId !== p.toDepartmentId) s.handoverAcknowledged = false;
        s.departmentId = p.toDepartmentId;
        addUnique(s, w, 'departmentsInvolved', p.toDepartmentId);
        if (!s.handoverAcknowledged) s.status = 'assigned';
      }
      if (p.toAssigneeId !== undefined) addUnique(s, w, 'assigneeIds', p.toAssigneeId);
      break;
    }
    case 'case.coordinated':
      for (const d of e.payload.departmentIds) addUnique(s, w, 'departmentsInvolved', d);
      s.coordinatorId = e.payload.coordinatorId;
      break;
    case 'case.recused': {
      // S1-9: a recused person is no longer an assignee and may not act on the case again.
      const staffId = e.payload.staffId;
      addUnique(s, w, 'recusedStaffIds', staffId);
      const i = s.assigneeIds.indexOf(staffId);
      if (i >= 0) w(s, 'assigneeIds').splice(i, 1);
      break;
    }
    case 'case.escalated': {
      const p = e.payload;
      w(s, 'escalations').push(
        p.toStaffId !== undefined ? { toRole: p.toRole, toStaffId: p.toStaffId, reason: p.reason, at, by } : { toRole: p.toRole, reason: p.reason, at, by },
      );
      break;
    }
    case 'case.risk_flagged':
      addUnique(s, w, 'riskFlags', e.payload.flag);
      break;
    case 'case.extension_requested': {
      const p = e.payload;
      if (s.extensions.some((x) => x.requestId === p.requestId)) break;
      w(s, 'extensions').push({ requestId: p.requestId, stageId: p.stageId, newDueAt: p.newDueAt, reason: p.reason, requestedAt: at, requestedBy: by });
      break;
    }
    case 'case.extension_decided': {
      const p = e.payload;
      const i = s.extensions.findIndex((x) => x.requestId === p.requestId && !x.decided);
      if (i < 0) break;
      const decided =
        p.note !== undefined
          ? { approved: p.approved, approverRole: p.approverRole, by, at, note: p.note }
          : { approved: p.approved, approverRole: p.approverRole, by, at };
      w(s, 'extensions')[i] = { ...s.extensions[i]!, decided };
      break;
    }
    case 'case.investigated': {
      const p = e.payload;
      const inv: CaseState['investigations'][number] = { inspectorIds: [...p.inspectorIds], findings: p.findings, evidence: [...(p.evidence ?? [])], at, by };
      if (p.violation !== undefined) inv.violation = p.violation;
      if (p.verified !== undefined) inv.verified = p.verified;
      if (p.dangerLevel !== undefined) inv.dangerLevel = p.dangerLevel;
      w(s, 'investigations').push(inv);
      if (s.status === 'registered' || s.status === 'accepted' || s.status === 'assigned') s.status = 'in_progress';
      break;
    }
    case 'case.approval_requested': {
      const p = e.payload;
      const open = s.approvals.some((a) => a.approvalId === p.approvalId && a.step === p.step && !a.decided);
      if (!open) w(s, 'approvals').push({ approvalId: p.approvalId, step: p.step, role: p.role, requestedAt: at });
      break;
    }
    case 'case.approval_decided': {
      const p = e.payload;
      const decided = p.opinion !== undefined ? { approved: p.approved, by, at, opinion: p.opinion } : { approved: p.approved, by, at };
      const i = s.approvals.findIndex((a) => a.approvalId === p.approvalId && a.step === p.step && !a.decided);
      if (i >= 0) w(s, 'approvals')[i] = { ...s.approvals[i]!, decided };
      else w(s, 'approvals').push({ approvalId: p.approvalId, step: p.step, role: p.role, decided });
      break;
    }
    case 'case.replied':
      w(s, 'replies').push({ to: e.payload.to, method: e.payload.method, content: e.payload.content, at, by });
      if (ACTIVE.has(s.status)) s.status = 'replied';
      break;
    case 'case.resolved': {
      if (!ACTIVE.has(s.status) && s.status !== 'replied') break;
      const p = e.payload;
      const result: NonNullable<CaseState['result']> = { text: p.result, at, by };
      if (p.rectification !== undefined) result.rectification = p.rectification;
      if (p.departmentId !== undefined) result.departmentId = p.departmentId;
      s.result = result;
      s.resolvedAt = at;
      s.status = 'resolved';
      break;
    }
    case 'case.feedback_given':
      s.feedback = { given: true, method: e.payload.method, content: e.payload.content, at, by };
      break;
    case 'case.feedback_impossible':
      s.feedback = { given: false, reason: e.payload.reason, at, by };
      break;
    case 'case.callback_done': {
      const p = e.payload;
      const cb: CaseState['callbacks'][number] = { method: p.method, satisfied: p.satisfied, satisfaction: p.satisfaction, outcome: p.outcome, at, by };
      if (p.calleeName !== undefined) cb.calleeName = p.calleeName;
      if (p.notes !== undefined) cb.notes = p.notes;
      w(s, 'callbacks').push(cb);
      break;
    }
    case 'case.reopened':
      if (!REOPENABLE.has(s.status)) break;
      s.status = 'in_progress';
      s.reopenCount += 1;
      delete s.closedAt;
      delete s.resolvedAt;
      break;
    case 'case.rejected': {
      if (!ACTIVE.has(s.status)) break;
      const p = e.payload;
      s.rejection =
        p.referral !== undefined
          ? { reasonCode: p.reasonCode, explanation: p.explanation, referral: p.referral, at, by }
          : { reasonCode: p.reasonCode, explanation: p.explanation, at, by };
      s.status = 'rejected';
      break;
    }
    case 'case.closed':
      if (s.status === 'closed') break;
      s.status = 'closed';
      s.closedAt = at;
      break;
    case 'case.note':
      w(s, 'notes').push(e.payload.tag !== undefined ? { text: e.payload.text, tag: e.payload.tag, at, by } : { text: e.payload.text, at, by });
      break;
    case 'case.material_added': {
      const p = e.payload;
      w(s, 'materials').push(
        p.description !== undefined ? { kind: p.kind, title: p.title, description: p.description, at, by } : { kind: p.kind, title: p.title, at, by },
      );
      break;
    }
    case 'case.attachment_added': {
      const p = e.payload;
      const a: CaseState['attachments'][number] = { id: e.id, hash: p.hash, name: p.name, type: p.type, size: p.size, kind: p.kind, at, by };
      if (p.caption !== undefined) a.caption = p.caption;
      if (p.width !== undefined) a.width = p.width;
      if (p.height !== undefined) a.height = p.height;
      w(s, 'attachments').push(a);
      break;
    }
    case 'case.attachment_withdrawn': {
      const list = w(s, 'attachments');
      const i = list.findIndex((a) => a.id === e.payload.attachmentId);
      // Copied, not changed in place: an incremental update shares the item objects with the previous state.
      if (i >= 0 && !list[i]!.withdrawn) list[i] = { ...list[i]!, withdrawn: { reason: e.payload.reason, at, by } };
      break;
    }
    case 'case.signed': {
      const p = e.payload;
      const sig: CaseState['signatures'][number] = { signerName: p.signerName, role: p.role, document: p.document, at, by, eventId: e.id };
      if (p.image !== undefined) sig.image = p.image;
      w(s, 'signatures').push(sig);
      break;
    }
    case 'case.document_printed':
      w(s, 'printed').push({ document: e.payload.document, copies: e.payload.copies ?? 1, at, by });
      break;
    case 'case.identity_viewed':
      w(s, 'identityViews').push({ reason: e.payload.reason, at, by });
      break;
    case 'case.reward_proposed': {
      const p = e.payload;
      if (s.rewards.some((r) => r.id === p.rewardId)) break;
      const item: CaseState['rewards'][number] = { id: p.rewardId, amount: p.amount, proposedAt: at, proposedBy: by };
      if (p.level !== undefined) item.level = p.level;
      if (p.toRole !== undefined) item.targetRole = p.toRole;
      if (p.reason !== undefined) item.reason = p.reason;
      w(s, 'rewards').push(item);
      break;
    }
    case 'case.reward_decided': {
      const p = e.payload;
      const i = s.rewards.findIndex((r) => r.id === p.rewardId && !r.decided);
      if (i < 0) break;
      const decided: NonNullable<CaseState['rewards'][number]['decided']> = { approved: p.approved, by, approverRole: p.approverRole, at };
      if (p.amount !== undefined) decided.amount = p.amount;
      if (p.note !== undefined) decided.note = p.note;
      w(s, 'rewards')[i] = { ...s.rewards[i]!, decided };
      break;
    }
    case 'case.penalty_proposed': {
      const p = e.payload;
      if (s.penalties.some((r) => r.id === p.penaltyId)) break;
      const item: CaseState['penalties'][number] = { id: p.penaltyId, amount: p.amount, proposedAt: at, proposedBy: by, targetRole: p.targetRole };
      if (p.stageId !== undefined) item.stageId = p.stageId;
      if (p.reason !== undefined) item.reason = p.reason;
      w(s, 'penalties').push(item);
      break;
    }
    case 'case.penalty_decided': {
      const p = e.payload;
      const i = s.penalties.findIndex((r) => r.id === p.penaltyId && !r.decided);
      if (i < 0) break;
      const decided: NonNullable<CaseState['penalties'][number]['decided']> = { approved: p.approved, by, approverRole: p.approverRole, at };
      if (p.note !== undefined) decided.note = p.note;
      w(s, 'penalties')[i] = { ...s.penalties[i]!, decided };
      break;
    }
    case 'case.expense_recorded': {
      const p = e.payload;
      w(s, 'expenses').push(
        p.liableDepartmentId !== undefined
          ? { expenseId: p.expenseId, amount: p.amount, description: p.description, liableDepartmentId: p.liableDepartmentId, at, by }
          : { expenseId: p.expenseId, amount: p.amount, description: p.description, at, by },
      );
      break;
    }
    // Clock pauses, samples and site visits only matter to the SLA engine and the timeline.
    case 'case.clock_paused':
    case 'case.clock_resumed':
    case 'case.sample_sent':
    case 'case.site_visited':
      break;
    default:
      // An event type this build does not know (a newer desk's): keep it out of the state entirely.
      return;
  }
  w(s, 'timeline').push({ eventId: e.id, type: e.type, at, actorId: by });
  s.lastEventAt = at;
  s.lastEventId = e.id;
  s.eventCount += 1;
}

/** Folds events that are already sorted and unique. The case is the first registration's, unless given. */
function foldSorted(sorted: readonly CaseEvent[], caseId?: string): CaseState | undefined {
  let state: CaseState | undefined;
  for (const e of sorted) {
    if (state === undefined) {
      // Events before the registration cannot be placed in a case yet: they are ignored.
      if (e.type !== 'case.registered' || (caseId !== undefined && e.caseId !== caseId)) continue;
      state = initialState(e);
    } else if (e.caseId === state.id) {
      applyOne(state, e, owned);
    }
  }
  return state;
}

/**
 * Rebuilds a case from its events: sorted by (at, id), duplicates by id dropped, events before the
 * registration or for other cases ignored. Undefined when there is no registration. Never throws.
 */
export function projectCase(events: readonly CaseEvent[]): CaseState | undefined {
  return foldSorted(sortedUnique(events));
}

/** Projects every case found in a mixed stream of events, keyed by caseId. */
export function projectCases(events: readonly CaseEvent[]): Map<string, CaseState> {
  // Group first: sorting and de-duplicating ten events per case is far cheaper than the whole stream at once.
  const byCase = new Map<string, CaseEvent[]>();
  for (const e of events) {
    if (!isEventLike(e)) continue;
    const list = byCase.get(e.caseId);
    if (list) list.push(e);
    else byCase.set(e.caseId, [e]);
  }
  const out = new Map<string, CaseState>();
  for (const [caseId, list] of byCase) {
    const state = foldSorted(sortedUniqueOf(list), caseId);
    if (state) out.set(caseId, state);
  }
  return out;
}

/**
 * Brings a projection up to date with newly arrived events.
 * `history` is the events `state` was built from (it may already contain `newEvents`).
 * Fast path: every new event sorts after the last applied one and was never seen before → fold them on.
 * Anything else (late, reordered or conflicting deliveries) → rebuild from history ∪ new, which is
 * by definition what the fast path must equal.
 */
export function applyEvents(state: CaseState | undefined, newEvents: readonly CaseEvent[], history: readonly CaseEvent[]): CaseState | undefined {
  if (state === undefined) return projectCase([...history, ...newEvents]);
  if (newEvents.length === 1) {
    // The common case on a desk: one new event at a time, allocation-free checks.
    const e = newEvents[0];
    if (!isEventLike(e) || e.caseId !== state.id) return state;
    if (canAppendOne(state, e, history)) {
      const next = { ...state };
      applyOne(next, e, copyOnWrite());
      return next;
    }
    return foldSorted(sortedUnique([...history, e]), state.id);
  }
  const fresh = sortedUnique(newEvents).filter((e) => e.caseId === state.id);
  if (fresh.length === 0) return state;
  if (canAppend(state, fresh, newEvents, history)) {
    const next = { ...state };
    const w = copyOnWrite();
    for (const e of fresh) applyOne(next, e, w);
    return next;
  }
  return foldSorted(sortedUnique([...history, ...newEvents]), state.id);
}

function canAppend(state: CaseState, fresh: readonly CaseEvent[], newEvents: readonly CaseEvent[], history: readonly CaseEvent[]): boolean {
  const last = { at: state.lastEventAt, id: state.lastEventId };
  if (compareEvents(fresh[0]!, last) <= 0) return false;
  const ids = new Map<string, number>();
  for (const e of fresh) ids.set(e.id, e.at);
  // The same id at another time (in the batch, the history or the state) means a rebuild decides which copy wins.
  for (const e of newEvents) if (isEventLike(e) && ids.has(e.id) && ids.get(e.id) !== e.at) return false;
  for (const e of history) {
    if (!isEventLike(e)) continue;
    if (ids.has(e.id)) {
      if (ids.get(e.id) !== e.at) return false;
    } else if (e.caseId === state.id && compareEvents(e, last) > 0) {
      // The history holds an event the state has not seen: the state is stale, so rebuild.
      return false;
    }
  }
  for (const t of state.timeline) if (ids.has(t.eventId)) return false;
  return true;
}

function canAppendOne(state: CaseState, e: CaseEvent, history: readonly CaseEvent[]): boolean {
  const last = { at: state.lastEventAt, id: state.lastEventId };
  if (compareEvents(e, last) <= 0) return false;
  for (const h of history) {
    if (!isEventLike(h)) continue;
    if (h.id === e.id) {
      if (h.at !== e.at) return false;
    } else if (h.caseId === state.id && compareEvents(h, last) > 0) {
      return false;
    }
  }
  for (const t of state.timeline) if (t.eventId === e.id) return false;
  return true;
}
