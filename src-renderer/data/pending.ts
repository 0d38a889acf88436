import type { DeskDatabase } from './database';

// Crash safety between appending an event and updating its case projection: the case id is marked
// pending first and cleared after; at start-up every pending case is rebuilt from its events.
// The list is one local document changed only through RxDB's incremental write queue: a plain
// read-then-write lost marks when two writes (two cases saved at once, or two windows) overlapped.

const KEY = 'projection-pending';

interface PendingDoc {
  caseIds: string[];
}

async function modifyPending(db: DeskDatabase, change: (ids: string[]) => string[]): Promise<void> {
  let doc = await db.getLocal<PendingDoc>(KEY);
  if (!doc) {
    // Another write (or window) may create it first; then take theirs.
    doc = await db.insertLocal<PendingDoc>(KEY, { caseIds: [] }).catch(() => db.getLocal<PendingDoc>(KEY));
  }
  if (!doc) throw new Error('projection-pending document could not be created');
  await doc.incrementalModify((data) => {
    const next = change(data.caseIds);
    return next === data.caseIds ? data : { caseIds: next };
  });
}

export function markPending(db: DeskDatabase, caseId: string): Promise<void> {
  return modifyPending(db, (ids) => (ids.includes(caseId) ? ids : [...ids, caseId]));
}

export function clearPending(db: DeskDatabase, caseId: string): Promise<void> {
  return modifyPending(db, (ids) => (ids.includes(caseId) ? ids.filter((id) => id !== caseId) : ids));
}

export async function pendingCaseIds(db: DeskDatabase): Promise<string[]> {
  const doc = await db.getLocal<PendingDoc>(KEY);
  return doc ? [...doc.toJSON().data.caseIds] : [];
}
