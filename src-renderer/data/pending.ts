import type { DeskDatabase } from './database';

// Crash safety between appending an event and updating its case projection: the case id is marked
// pending first and cleared after; at start-up every pending case is rebuilt from its events.

const KEY = 'projection-pending';

interface PendingDoc {
  caseIds: string[];
}

export async function markPending(db: DeskDatabase, caseId: string): Promise<void> {
  const doc = await db.getLocal<PendingDoc>(KEY);
  const ids = doc ? doc.toJSON().data.caseIds : [];
  if (ids.includes(caseId)) return;
  await db.upsertLocal<PendingDoc>(KEY, { caseIds: [...ids, caseId] });
}

export async function clearPending(db: DeskDatabase, caseId: string): Promise<void> {
  const doc = await db.getLocal<PendingDoc>(KEY);
  if (!doc) return;
  const ids = doc.toJSON().data.caseIds.filter((id) => id !== caseId);
  await db.upsertLocal<PendingDoc>(KEY, { caseIds: ids });
}

export async function pendingCaseIds(db: DeskDatabase): Promise<string[]> {
  const doc = await db.getLocal<PendingDoc>(KEY);
  return doc ? [...doc.toJSON().data.caseIds] : [];
}
