import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createDeskDatabase, type DeskDatabase } from './database';
import { addRefused, readRefused, REFUSED_LISTED, type RefusedDoc } from './refused-store';

// The refused list outlives the replication that filled it (issue 10): a reopened desk store still has it,
// a document the server refuses again after a re-enrolment is counted once, and the list keeps the newest.

const opened: DeskDatabase[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});

async function open(name: string): Promise<DeskDatabase> {
  const db = await createDeskDatabase(name, getRxStorageDexie({ indexedDB, IDBKeyRange }));
  opened.push(db);
  return db;
}

const refusal = (id: string, code = 'sync.atAhead'): RefusedDoc => ({
  id,
  code,
  message: { 'zh-CN': `拒绝 ${id}`, en: `refused ${id}` },
  at: 1,
  collection: 'events',
});

describe('the refused list', () => {
  it('is still there when the store is opened again', async () => {
    const name = `test_refused_${Date.now()}`;
    const db = await open(name);
    expect(await readRefused(db)).toEqual({ count: 0, list: [] });
    await addRefused(db, [refusal('e1'), refusal('e2')]);
    await opened.pop()!.close();
    const again = await open(name);
    const kept = await readRefused(again);
    expect(kept.count).toBe(2);
    expect(kept.list.map((d) => d.id)).toEqual(['e1', 'e2']);
  });

  it('counts a document refused a second time once, with the newer reason last', async () => {
    const db = await open(`test_refused_again_${Date.now()}`);
    await addRefused(db, [refusal('e1'), refusal('e2')]);
    const kept = await addRefused(db, [refusal('e1', 'sync.actorUnknown')]);
    expect(kept.count).toBe(2);
    expect(kept.list.map((d) => [d.id, d.code])).toEqual([
      ['e2', 'sync.atAhead'],
      ['e1', 'sync.actorUnknown'],
    ]);
  });

  it('keeps the newest REFUSED_LISTED with their reasons and goes on counting', async () => {
    const db = await open(`test_refused_many_${Date.now()}`);
    const many = Array.from({ length: REFUSED_LISTED + 7 }, (_, i) => refusal(`e${i}`));
    const kept = await addRefused(db, many);
    expect(kept.count).toBe(REFUSED_LISTED + 7);
    expect(kept.list).toHaveLength(REFUSED_LISTED);
    expect(kept.list[0]!.id).toBe('e7');
    expect(kept.list.at(-1)!.id).toBe(`e${REFUSED_LISTED + 6}`);
  });
});
