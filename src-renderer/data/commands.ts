import type { NewEvent } from '../../src-shared/domain/events';
import { eventsFollowingCallback } from './domain';
import type { DeskDatabase } from './database';
import { writeEvent, type WriteContext, type WriteEventResult } from './write-event';

// Case commands that are more than one event. Each follow-up is the policy's decision (made in
// src-shared/domain/callback-outcome.ts), written through the same validated path.

/**
 * Writes a case action, then the events that follow it under the case's policy: an unsatisfied callback
 * reopens the case where the policy says so (S9-10); elsewhere it owes a follow-up callback.
 */
export async function recordCaseAction(db: DeskDatabase, ctx: WriteContext, caseId: string, event: NewEvent): Promise<WriteEventResult> {
  let r = await writeEvent(db, ctx, caseId, event);
  if (!r.ok) return r;
  const policy = ctx.policyFor(r.state.policyRevision) ?? ctx.policy;
  for (const next of eventsFollowingCallback(policy, event)) {
    r = await writeEvent(db, ctx, caseId, next);
    if (!r.ok) return r;
  }
  return r;
}
