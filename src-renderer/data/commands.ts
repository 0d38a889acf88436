import type { NewEvent } from '../../src-shared/domain/events';
import type { DeskDatabase } from './database';
import { writeEvent, type WriteContext, type WriteEventResult } from './write-event';

// Case commands that are more than one event. Each follow-up is the policy's decision, written through
// the same validated path.

/**
 * Writes a case action. An unsatisfied callback reopens the case when the policy says so (S9-10); the
 * reopened case is resolved again and then comes back to the callback queue for another callback.
 */
export async function recordCaseAction(db: DeskDatabase, ctx: WriteContext, caseId: string, event: NewEvent): Promise<WriteEventResult> {
  const r = await writeEvent(db, ctx, caseId, event);
  if (!r.ok) return r;
  const policy = ctx.policyFor(r.state.policyRevision) ?? ctx.policy;
  if (event.type === 'case.callback_done' && event.payload.satisfied === false && policy.callback.unsatisfiedReopens) {
    const reopened = await writeEvent(db, ctx, caseId, { type: 'case.reopened', payload: { reason: event.payload.outcome } });
    if (!reopened.ok) return reopened;
    return reopened;
  }
  return r;
}
