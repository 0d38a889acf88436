import type { DeskDatabase } from './database';
import type { DraftDoc } from './schemas';

// Intake drafts: saved as the clerk types, so a reload, crash or closed window loses nothing.

export async function saveDraft(db: DeskDatabase, id: string, staffId: string, data: Record<string, unknown>): Promise<number> {
  const updatedAt = Date.now();
  // JSON round trip drops undefined values, which IndexedDB documents must not contain.
  await db.drafts.incrementalUpsert({ id, staffId, updatedAt, data: JSON.parse(JSON.stringify(data)) as Record<string, unknown> });
  return updatedAt;
}

export async function loadDraft(db: DeskDatabase, id: string): Promise<DraftDoc | undefined> {
  const doc = await db.drafts.findOne(id).exec();
  return doc ? (doc.toMutableJSON() as DraftDoc) : undefined;
}

export async function removeDraft(db: DeskDatabase, id: string): Promise<void> {
  const doc = await db.drafts.findOne(id).exec();
  if (doc) await doc.incrementalRemove();
}
