import type { CaseEvent } from '../../src-shared/domain/events';
import type { CaseState } from '../../src-shared/domain/case-state';
import type { Policy } from '../../src-shared/domain/policy';
import type { DeskDatabase } from './database';
import { caseDocOf } from './case-doc';
import { writeCaseDocs, type CaseWrite } from './case-writes';
import { foldEvents, rebuildCase } from './domain';
import { eventsOfCases } from './store-reads';
import type { CaseDoc } from './schemas';

// Folds events into the `cases` collection (the invariant of docs/architecture.md "Projection": every
// case id in `events` has a case document equal to the fold of its events under the case's policy
// revision, or is on the projection's waiting list). Two entry points:
// - projectEvents: the one case a command just wrote (write-event.ts), answered with its new state;
// - projectBatch: any events of any cases (a pulled page, a restart's catch-up, a repair), with one read
//   of the touched cases, one read of the histories it needs and one bulk write. projection-runner.ts
//   drives it and keeps the waiting list.

export type PolicyFor = (revision: number) => Policy | undefined;

/** Why a case with events has no (up-to-date) case document yet. */
export type WaitReason = 'registration' | 'policy';

export interface BatchOutcome {
  /** Cases whose document now equals the fold of their events (written, or already up to date). */
  folded: Map<string, CaseState>;
  /** Cases that cannot be folded yet, and what they wait for. */
  waiting: Map<string, { reason: WaitReason; revision?: number }>;
  /** Cases whose fold threw; the batch's other cases were still written. */
  failed: Map<string, unknown>;
}

function hasEvent(state: CaseState, eventId: string): boolean {
  return state.timeline.some((e) => e.eventId === eventId);
}

/** Folds `newEvents` (all of one case) into its stored projection. Returns the new state. */
export async function projectEvents(
  db: DeskDatabase,
  caseId: string,
  newEvents: CaseEvent[],
  policyFor: PolicyFor,
  now: number,
): Promise<CaseState | undefined> {
  const all = (await eventsOfCases(db, [caseId])).get(caseId) ?? [];
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
    // Without its policy revision the document is left as it was; the runner lists the case as waiting.
    return policy ? caseDocOf(state, policy, all, now) : data;
  });
  return result;
}

function groupByCase(events: readonly CaseEvent[]): Map<string, CaseEvent[]> {
  const byCase = new Map<string, CaseEvent[]>();
  for (const e of events) {
    const list = byCase.get(e.caseId);
    if (list) list.push(e);
    else byCase.set(e.caseId, [e]);
  }
  return byCase;
}

/**
 * Folds `events` (any cases, any order, duplicates allowed) and rebuilds every case in `rebuild` from all
 * its stored events. An open case's document carries its whole log, so new events that follow it fold on
 * without reading the store; a new, closed or out-of-order case is rebuilt from its stored events (one
 * read for all of them) — unless `unseen` says none of its events was ever handed to the projector before
 * and `events` holds its registration: then `events` are its history, and a joining desk's new cases cost
 * no read. All cases are written in one storage write (case-writes.ts); a case that changed meanwhile is
 * folded again. Throws only when the store cannot be read or written.
 */
export async function projectBatch(
  db: DeskDatabase,
  events: readonly CaseEvent[],
  policyFor: PolicyFor,
  now: number,
  rebuild: Iterable<string> = [],
  unseen: (caseId: string) => boolean = () => false,
): Promise<BatchOutcome> {
  let outcome = await foldAndWrite(db, groupByCase(events), policyFor, now, rebuild, unseen);
  // A case a command changed between the read and the write (write-event.ts) is rebuilt from its events.
  for (let attempt = 0; outcome.conflicts.length > 0; attempt++) {
    const again = outcome.conflicts;
    for (const id of again) outcome.folded.delete(id);
    if (attempt === 3) {
      for (const id of again) outcome.failed.set(id, new Error(`case ${id} kept changing while it was folded`));
      break;
    }
    const retry = await foldAndWrite(db, new Map(), policyFor, now, again, () => false);
    retry.folded.forEach((v, k) => outcome.folded.set(k, v));
    retry.waiting.forEach((v, k) => outcome.waiting.set(k, v));
    retry.failed.forEach((v, k) => outcome.failed.set(k, v));
    outcome = { ...outcome, conflicts: retry.conflicts };
  }
  const { conflicts: _c, ...result } = outcome;
  return result;
}

async function foldAndWrite(
  db: DeskDatabase,
  byCase: Map<string, CaseEvent[]>,
  policyFor: PolicyFor,
  now: number,
  rebuild: Iterable<string>,
  unseen: (caseId: string) => boolean,
): Promise<BatchOutcome & { conflicts: string[] }> {
  for (const id of rebuild) if (!byCase.has(id)) byCase.set(id, []);
  const forced = new Set(rebuild);
  const outcome: BatchOutcome = { folded: new Map(), waiting: new Map(), failed: new Map() };
  const existing = await db.cases.findByIds([...byCase.keys()]).exec();
  const writes: CaseWrite[] = [];
  const write = (id: string, doc: CaseDoc) => writes.push({ doc, previous: existing.get(id)?._data as CaseWrite['previous'] });
  const needHistory: string[] = [];

  const given = new Map<string, CaseEvent[]>();
  for (const [caseId, list] of byCase) {
    const doc = existing.get(caseId);
    if (!doc && !forced.has(caseId) && unseen(caseId) && list.some((e) => e.type === 'case.registered')) {
      // A new case whose stored events are all in this batch (the caller knows): its history is the batch.
      needHistory.push(caseId);
      given.set(caseId, list);
      continue;
    }
    if (!doc || forced.has(caseId) || doc.bucket !== 'open') {
      needHistory.push(caseId);
      continue;
    }
    try {
      const data = doc.toMutableJSON() as CaseDoc;
      const seen = new Set(data.state.timeline.map((t) => t.eventId));
      const fresh = list.filter((e) => !seen.has(e.id) && (seen.add(e.id), true));
      if (fresh.length === 0) {
        outcome.folded.set(caseId, data.state);
        continue;
      }
      // The open case's log is its whole history (case-doc.ts), so the fold needs no read.
      const state = foldEvents(data.state, fresh, data.log);
      const policy = state && policyFor(state.policyRevision);
      if (!state) throw new Error(`case ${caseId} lost its registration`);
      if (!policy) {
        outcome.waiting.set(caseId, { reason: 'policy', revision: state.policyRevision });
        continue;
      }
      write(caseId, caseDocOf(state, policy, [...data.log, ...fresh], now));
      outcome.folded.set(caseId, state);
    } catch (e) {
      outcome.failed.set(caseId, e);
    }
  }

  const histories = await eventsOfCases(
    db,
    needHistory.filter((id) => !given.has(id)),
  );
  given.forEach((list, id) => histories.set(id, list));
  for (const caseId of needHistory) {
    try {
      const all = histories.get(caseId) ?? [];
      const state = rebuildCase(all);
      if (!state) {
        if (all.length > 0) outcome.waiting.set(caseId, { reason: 'registration' });
        continue;
      }
      const policy = policyFor(state.policyRevision);
      if (!policy) {
        outcome.waiting.set(caseId, { reason: 'policy', revision: state.policyRevision });
        continue;
      }
      const doc = existing.get(caseId);
      if (
        doc &&
        !forced.has(caseId) &&
        doc.state.lastEventId === state.lastEventId &&
        doc.state.timeline.length === state.timeline.length &&
        doc.sourceEvents === all.length
      ) {
        outcome.folded.set(caseId, state);
        continue;
      }
      write(caseId, caseDocOf(state, policy, all, now));
      outcome.folded.set(caseId, state);
    } catch (e) {
      outcome.failed.set(caseId, e);
    }
  }

  return { ...outcome, conflicts: await writeCaseDocs(db, writes) };
}

/** Rebuilds one case from all its events (start-up recovery, or when in doubt). */
export async function reprojectCase(db: DeskDatabase, caseId: string, policyFor: PolicyFor, now: number): Promise<void> {
  await projectBatch(db, [], policyFor, now, [caseId]);
}
