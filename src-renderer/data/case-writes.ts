import type { RxDocumentData, RxStorageInstance } from 'rxdb';
import type { DeskDatabase } from './database';
import type { CaseDoc } from './schemas';

// Writes a batch of folded case documents in ONE storage write (one IndexedDB transaction).
// `cases.bulkUpsert` is not that: RxDB inserts first and then rewrites every document that already exists
// one at a time through its per-document write queue — a transaction per case, about 4 ms a case in
// Chromium, which made a joining desk's projection cost seconds per pulled page (docs/performance.md
// "Joining"). Here each row names the stored revision the fold started from (`previous`), so a case that a
// command changed meanwhile (write-event.ts) is not overwritten: it comes back as a conflict, to be
// folded again.

export interface CaseWrite {
  doc: CaseDoc;
  /** The stored document the fold read, with RxDB's bookkeeping; absent for a case not stored yet. */
  previous?: RxDocumentData<CaseDoc>;
}

/** Writes all rows at once; returns the ids of the cases changed by someone else since they were read. */
export async function writeCaseDocs(db: DeskDatabase, rows: readonly CaseWrite[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const storage = db.cases.storageInstance as unknown as RxStorageInstance<CaseDoc, unknown, unknown>;
  const r = await storage.bulkWrite(
    rows.map(({ doc, previous }) => ({
      // _meta and _rev are set by RxDB's storage wrapper (the new revision follows `previous`).
      document: { ...doc, _deleted: false, _attachments: {}, _meta: { lwt: 0 }, _rev: '' },
      ...(previous ? { previous } : {}),
    })),
    'jiesu-projection',
  );
  const conflicts: string[] = [];
  const failures: string[] = [];
  for (const e of r.error) (e.status === 409 ? conflicts : failures).push(`${e.documentId}`);
  if (failures.length > 0)
    throw new Error(
      `cases write failed: ${r.error
        .filter((e) => e.status !== 409)
        .map((e) => `${e.documentId} (${e.status})`)
        .join(', ')}`,
    );
  return conflicts;
}
