import type { Subscription } from 'rxjs';
import type { CaseEvent } from '../../src-shared/domain/events';
import type { CaseState } from '../../src-shared/domain/case-state';
import type { Policy } from '../../src-shared/domain/policy';
import type { DeskDatabase } from './database';
import { caseDocOf } from './case-doc';
import { foldEvents, rebuildCase } from './domain';
import { clearPending, pendingCaseIds } from './pending';
import type { CaseDoc } from './schemas';

// Keeps the `cases` collection equal to the fold of the `events` collection. Events written here are
// folded in incrementally; events that arrive any other way (replication pull, another window) are
// picked up from the collection's change stream. Folding an event twice is harmless: an event already
// on a case's timeline is skipped.

export type PolicyFor = (revision: number) => Policy | undefined;

function hasEvent(state: CaseState, eventId: string): boolean {
  return state.timeline.some((e) => e.eventId === eventId);
}

async function eventsOf(db: DeskDatabase, caseId: string): Promise<CaseEvent[]> {
  const docs = await db.events.find({ selector: { caseId } }).exec();
  return docs.map((d) => d.toMutableJSON() as CaseEvent);
}

/** Folds `newEvents` (all of one case) into its stored projection. Returns the new state. */
export async function projectEvents(db: DeskDatabase, caseId: string, newEvents: CaseEvent[], policyFor: PolicyFor, now: number): Promise<CaseState | undefined> {
  const all = await eventsOf(db, caseId);
  const existing = await db.cases.findOne(caseId).exec();
  if (!existing) {
    const state = rebuildCase(all);
    if (!state) return undefined; // the registration has not arrived yet
    const policy = policyFor(state.policyRevision);
    if (!policy) return undefined;
    const doc = await db.cases.incrementalUpsert(caseDocOf(state, policy, all, now));
    return (doc.toJSON() as CaseDoc).state;
  }
  let result: CaseState | undefined;
  await existing.incrementalModify((data) => {
    const current = data.state as CaseState;
    const missing = newEvents.filter((e) => !hasEvent(current, e.id));
    if (missing.length === 0) {
      result = current;
      return data;
    }
    const state = foldEvents(current, missing, all);
    if (!state) {
      result = current;
      return data;
    }
    const policy = policyFor(state.policyRevision);
    result = state;
    return policy ? caseDocOf(state, policy, all, now) : { ...data, state };
  });
  return result;
}

/** Rebuilds one case from all its events (start-up recovery, or when in doubt). */
export async function reprojectCase(db: DeskDatabase, caseId: string, policyFor: PolicyFor, now: number): Promise<void> {
  const all = await eventsOf(db, caseId);
  const state = rebuildCase(all);
  if (!state) return;
  const policy = policyFor(state.policyRevision);
  if (!policy) return;
  await db.cases.incrementalUpsert(caseDocOf(state, policy, all, now));
}

/** Ids of events this window wrote itself and has already folded. */
export const ownWrites = new Set<string>();

/**
 * Subscribes to the events collection and folds in every event this window did not write, case by case.
 * Also repairs cases left pending by a crash between appending an event and updating its projection.
 */
export async function startProjector(db: DeskDatabase, policyFor: PolicyFor, now: () => number = Date.now): Promise<Subscription> {
  for (const caseId of await pendingCaseIds(db)) {
    await reprojectCase(db, caseId, policyFor, now());
    await clearPending(db, caseId);
  }
  let queue = Promise.resolve();
  return db.events.$.subscribe((change) => {
    if (change.operation !== 'INSERT') return;
    const event = change.documentData as unknown as CaseEvent;
    if (ownWrites.delete(event.id)) return;
    // Serialise so two events of one case never race on its projection.
    queue = queue.then(() => projectEvents(db, event.caseId, [event], policyFor, now()).then(() => undefined)).catch(() => undefined);
  });
}
