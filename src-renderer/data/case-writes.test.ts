import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { z } from 'zod';
import { propertyPreset } from '../../src-shared/presets/s7-property';
import type { Policy } from '../../src-shared/domain/policy';
import { makeEvent, makeRegistration } from '../../src-shared/domain/projection.fixtures';
import { createDeskDatabase, type DeskDatabase } from './database';
import { projectBatch } from './projector';
import { writeCaseDocs } from './case-writes';
import { caseDocOf } from './case-doc';
import { rebuildCase } from './domain';
import type { CaseDoc } from './schemas';

// The projector writes a batch of cases in one storage write that names the revision each fold started
// from (case-writes.ts). A case a command rewrote in between must not be overwritten with the older fold:
// the write reports it, and projectBatch folds it again from its events.

z.config({ jitless: true });

const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange });
const NOW = Date.UTC(2026, 10, 20, 2, 0, 0);
const policy = { ...propertyPreset, revision: 1 } as Policy;
const policyFor = (rev: number) => (rev === 1 ? policy : undefined);
let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.remove();
  db = undefined;
});

const caseId = 'YG01-20261120-001';
const registration = makeRegistration(NOW - 60_000, { number: caseId, subject: '楼上卫生间漏水' }, { caseId, policyRevision: 1 });
const accepted = makeEvent('case.accepted', {}, NOW - 30_000, { caseId, policyRevision: 1 });
const note = makeEvent('case.note', { text: '已联系业主' }, NOW - 10_000, { caseId, policyRevision: 1 });

describe('writing folded cases in one storage write (issue 14)', () => {
  it('a case changed since it was read comes back as a conflict and the stored document is kept', async () => {
    db = await createDeskDatabase(`test_case_writes_${Date.now()}`, storage());
    await db.events.bulkInsert([registration, accepted]);
    await projectBatch(db, [registration, accepted], policyFor, NOW);
    const read = (await db.cases.findOne(caseId).exec())!;
    const stale = read.toMutableJSON() as CaseDoc;
    // Another writer (a command on this desk) changes the case after the fold read it.
    await read.incrementalPatch({ flagged: true });
    const conflicts = await writeCaseDocs(db, [{ doc: { ...stale, search: 'older fold' }, previous: read._data as never }]);
    expect(conflicts).toEqual([caseId]);
    const stored = (await db.cases.findOne(caseId).exec())!.toJSON() as CaseDoc;
    expect(stored.flagged).toBe(true);
    expect(stored.search).not.toBe('older fold');
  });

  it('a new case whose document a command wrote meanwhile is folded again from all its events', async () => {
    db = await createDeskDatabase(`test_case_writes_race_${Date.now()}`, storage());
    await db.events.bulkInsert([registration, accepted, note]);
    // The batch reads no document for the case; right after that read, a command stores one (with only the
    // registration, as a desk that had not seen the later events would), so the batch's write conflicts.
    const cases = db.cases;
    const read = cases.findByIds.bind(cases);
    let raced = false;
    cases.findByIds = ((ids: string[]) => ({
      exec: async () => {
        const found = await read(ids).exec();
        if (!raced) {
          raced = true;
          await cases.insert(caseDocOf(rebuildCase([registration])!, policy, [registration], NOW));
        }
        return found;
      },
    })) as unknown as typeof cases.findByIds;
    const racing = projectBatch(db, [registration, accepted], policyFor, NOW);
    const outcome = await racing;
    expect(outcome.failed.size).toBe(0);
    const stored = (await db.cases.findOne(caseId).exec())!.toJSON() as CaseDoc;
    expect(stored.sourceEvents).toBe(3);
    expect(stored.state.timeline.map((t) => t.eventId)).toEqual([registration.id, accepted.id, note.id]);
  });
});
