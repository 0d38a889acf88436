import { base64ToBytes, bytesToBase64 } from '../../src-shared/base64';
import { decryptBytes, encryptBytes } from './at-rest-crypto';
import type { DeskDatabase } from './database';
import type { DraftDoc } from './schemas';

// Intake drafts: saved as the clerk types, so a reload, crash or closed window loses nothing. The draft of a
// confidential complainant is kept encrypted under the draft's id (at-rest-crypto.ts): its data is then only
// `{ atRest }`, opened again when the draft is loaded.

const encoder = new TextEncoder();

/** Whether a draft's data is of a confidential complainant (kept encrypted). */
export function isConfidentialDraft(data: Record<string, unknown>): boolean {
  return (data.complainant as { confidential?: unknown } | undefined)?.confidential === true;
}

export async function saveDraft(db: DeskDatabase, id: string, staffId: string, data: Record<string, unknown>): Promise<number> {
  const updatedAt = Date.now();
  // JSON round trip drops undefined values, which IndexedDB documents must not contain.
  const json = JSON.stringify(data);
  const stored = isConfidentialDraft(data)
    ? { atRest: bytesToBase64(await encryptBytes(id, encoder.encode(json))) }
    : (JSON.parse(json) as Record<string, unknown>);
  // Replaced whole: an encrypted draft keeps nothing of a clear earlier version.
  await db.drafts.incrementalUpsert({ id, staffId, updatedAt, data: stored });
  return updatedAt;
}

export async function loadDraft(db: DeskDatabase, id: string): Promise<DraftDoc | undefined> {
  const doc = await db.drafts.findOne(id).exec();
  if (!doc) return undefined;
  const draft = doc.toMutableJSON() as DraftDoc;
  const sealed = draft.data.atRest;
  if (typeof sealed !== 'string') return draft;
  try {
    const data = JSON.parse(new TextDecoder().decode(await decryptBytes(id, base64ToBytes(sealed).buffer))) as Record<string, unknown>;
    return { ...draft, data };
  } catch {
    // Sealed under another key (a desk restored elsewhere keeps no drafts anyway): the form starts empty.
    return undefined;
  }
}

export async function removeDraft(db: DeskDatabase, id: string): Promise<void> {
  const doc = await db.drafts.findOne(id).exec();
  if (doc) await doc.incrementalRemove();
}
