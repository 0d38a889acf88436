import { monotonicFactory } from 'ulid';
import { parseEvent, type FieldError } from '../../src-shared/domain/parse';
import type { CaseEvent, NewEvent } from '../../src-shared/domain/events';
import type { CaseState } from '../../src-shared/domain/case-state';
import type { Policy, StaffRoles } from '../../src-shared/domain/policy';
import { messageFor } from '../../src-shared/i18n/validation';
import type { DeskDatabase } from './database';
import { checkAction, eventsFollowingCallback, eventsFollowingDecision } from './domain';
import { markPending, clearPending } from './pending';
import { projectEvents, type PolicyFor } from './projector';
import { eventsOfCases } from './store-reads';
import { identityAtRest } from './at-rest-crypto';

// The one command path for every change to a case (docs/architecture.md §House rules: the domain decides). An event is built
// from the desk context, validated with parseEvent and the domain's validateAction, appended to the
// event log, and folded into the local case projection. Bad input changes nothing.

const nextId = monotonicFactory();

export interface WriteContext {
  orgId: string;
  siteId: string;
  deskId: string;
  actor: StaffRoles;
  /** The policy revision in force now (governs new cases). */
  policy: Policy;
  /** Looks up the revision a case was registered under (S0-2). */
  policyFor: PolicyFor;
  now?: () => number;
}

export type WriteEventResult = { ok: true; event: CaseEvent; state: CaseState } | { ok: false; errors: FieldError[] };

/**
 * Writes a case action, then the events the domain says follow it under the case's policy: an unsatisfied
 * callback reopens the case where the policy says so (S9-10, src-shared/domain/callback-outcome.ts). The
 * follow-ups are applied here, on the one write path, so a callback recorded from any screen (case page,
 * callback queue, ledger) has the same consequence.
 */
export async function writeEvent(db: DeskDatabase, ctx: WriteContext, caseId: string, newEvent: NewEvent): Promise<WriteEventResult> {
  let r = await appendEvent(db, ctx, caseId, newEvent);
  if (!r.ok) return r;
  const policy = ctx.policyFor(r.state.policyRevision) ?? ctx.policy;
  for (const next of [...eventsFollowingCallback(policy, newEvent), ...eventsFollowingDecision(policy, newEvent)]) {
    r = await appendEvent(db, ctx, caseId, next);
    if (!r.ok) return r;
  }
  return r;
}

async function appendEvent(db: DeskDatabase, ctx: WriteContext, caseId: string, newEvent: NewEvent): Promise<WriteEventResult> {
  const existing = await db.cases.findOne(caseId).exec();
  const before = existing ? (existing.toJSON().state as CaseState) : undefined;
  if (!before && newEvent.type !== 'case.registered') {
    return { ok: false, errors: [{ path: 'caseId', code: 'desk.caseUnknown', message: messageFor('desk.caseUnknown', 'caseId') }] };
  }
  const now = ctx.now?.() ?? Date.now();
  // Events are ordered by (at, id): never stamp an event before the case's last one, even if the clock stepped back.
  const at = Math.max(now, before?.lastEventAt ?? 0);
  const candidate = {
    id: nextId(at),
    caseId,
    orgId: ctx.orgId,
    siteId: ctx.siteId,
    deskId: ctx.deskId,
    actorId: ctx.actor.id,
    at,
    policyRevision: before?.policyRevision ?? ctx.policy.revision,
    v: 1 as const,
    type: newEvent.type,
    payload: newEvent.payload,
  };
  const parsed = parseEvent(candidate);
  if (!parsed.ok) return parsed;
  const event = parsed.value;
  const policy = before ? (ctx.policyFor(before.policyRevision) ?? ctx.policy) : ctx.policy;
  // The case's events as well as its fold: what it is now depends on time too (S7-16 escalation, domain caseAt).
  const history = before ? ((await eventsOfCases(db, [caseId])).get(caseId) ?? []) : [];
  const refused = checkAction(policy, before, event, ctx.actor, history);
  if (refused.length > 0) return { ok: false, errors: refused };

  // A confidential identity is stored encrypted, and the case is folded from what is stored (at-rest-crypto.ts).
  const stored = await identityAtRest(event);
  await markPending(db, caseId);
  await db.events.insert(stored);
  const policyFor: PolicyFor = (rev) => ctx.policyFor(rev) ?? (rev === ctx.policy.revision ? ctx.policy : undefined);
  const state = await projectEvents(db, caseId, [stored], policyFor, now);
  await clearPending(db, caseId);
  if (!state)
    return { ok: false, errors: [{ path: 'policyRevision', code: 'desk.policyMissing', message: messageFor('desk.policyMissing', 'policyRevision') }] };
  return { ok: true, event, state };
}
