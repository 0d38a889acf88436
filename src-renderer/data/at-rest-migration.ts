import { attachmentsOf } from '../../src-shared/domain/attachments';
import type { CaseState } from '../../src-shared/domain/case-state';
import { holdsClearIdentity, identityAtRest, isIdentityAtRest, keepsBodiesAtRest } from './at-rest-crypto';
import { bodyStoreFor } from './body-store';
import type { DeskDatabase } from './database';
import { isConfidentialDraft, loadDraft, saveDraft } from './drafts';
import type { CaseDoc, EventDoc } from './schemas';

// A desk that kept confidential identities and bodies in clear (before at-rest-crypto.ts) encrypts them once, on
// start. Every step is idempotent and leaves nothing half-written: an event is encrypted in one write, its case
// document takes the same stored form in the next, a body is replaced in one transaction; an interrupted run
// leaves the rest in clear, and the next start (the mark below is written only at the end) picks it up.

const DONE_KEY = 'at-rest-v1';

/** Encrypts what an older desk kept in clear; returns how many records it changed (0 once done). */
export async function encryptStoredIdentities(db: DeskDatabase): Promise<number> {
  if (await db.getLocal(DONE_KEY)) return 0;
  let changed = 0;

  // Events, written below RxDB's collection API: an event keeps its revision height, write time and origin
  // (`_meta`), so neither the push (which would send another desk's event back as this desk's, and be refused)
  // nor the projection sees a change; the case documents are rewritten here instead.
  const confidential = (await db.events.find({ selector: { type: 'case.registered' } }).exec())
    .map((d) => d.toJSON() as EventDoc)
    .filter((e) => (e.payload as { complainant?: { confidential?: unknown } }).complainant?.confidential === true);
  const clear = confidential.filter(holdsClearIdentity);
  const storedForm = new Map(confidential.filter((e) => !holdsClearIdentity(e)).map((e) => [e.caseId, e]));
  if (clear.length > 0) {
    const raw = await db.events.storageInstance.findDocumentsById(
      clear.map((e) => e.id),
      false,
    );
    const rows = await Promise.all(
      raw.map(async (previous) => {
        const stored = await identityAtRest(previous as unknown as EventDoc);
        const [height] = previous._rev.split('-');
        return { previous, document: { ...previous, payload: stored.payload, _rev: `${height}-atrest${previous._rev.slice(height!.length + 1)}` } };
      }),
    );
    const written = await db.events.internalStorageInstance.bulkWrite(rows as never, 'at-rest-migration');
    // The collection's own storageInstance would stamp a new write time; the instance below it keeps the given one.
    // A conflict is another window of this desk encrypting the same event first: the next start looks again.
    const failed = new Set(written.error.map((e) => e.documentId));
    for (const { document } of rows) {
      if (failed.has(document.id)) continue;
      const { _meta, _rev, _deleted, _attachments, ...event } = document;
      storedForm.set(event.caseId, event as unknown as EventDoc);
      changed++;
    }
    if (failed.size > 0) return changed;
  }

  // Case documents: the fold's copy of the complainant, the open case's log, and the case's bodies.
  const bodies = bodyStoreFor(db);
  for (const doc of await db.cases.find().exec()) {
    const c = doc.toJSON() as CaseDoc;
    if (!keepsBodiesAtRest(c.state.complainant)) continue;
    const registration = storedForm.get(c.id);
    if (registration && !isIdentityAtRest(c.state.complainant)) {
      const complainant = (registration.payload as { complainant: CaseState['complainant'] }).complainant;
      await doc.incrementalModify((d) => ({
        ...d,
        state: { ...d.state, complainant },
        log: d.log.map((e) => (e.id === registration.id ? registration : e)),
      }));
      changed++;
    }
    for (const a of attachmentsOf(c.state)) {
      const body = await bodies.get(a.hash);
      if (body && !body.atRest) {
        await bodies.put(body.bytes, body.type, body.storedAt, body.uploaded, true);
        changed++;
      }
    }
  }

  // Drafts of a confidential intake: saved again, which encrypts them.
  for (const d of await db.drafts.find().exec()) {
    const draft = await loadDraft(db, d.id);
    if (draft && !('atRest' in d.toJSON().data) && isConfidentialDraft(draft.data)) {
      await saveDraft(db, draft.id, draft.staffId, draft.data);
      changed++;
    }
  }
  await db.upsertLocal(DONE_KEY, { at: Date.now() });
  return changed;
}
