import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createDeskDatabase, type DeskDatabase } from './database';
import { clearPending, markPending, pendingCaseIds } from './pending';

// The crash-repair list (cases whose projection may lag their events) must not lose a mark when several
// writes — in one window or in two windows of the same desk — update it at the same moment.

const opened: DeskDatabase[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});

async function open(name: string, storageName?: string): Promise<DeskDatabase> {
  const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });
  // A second window: another RxDB instance on the same IndexedDB database (see register.test.ts).
  const s = storageName ? Object.assign(Object.create(Object.getPrototypeOf(storage) as object) as typeof storage, storage, { name: storageName }) : storage;
  const db = await createDeskDatabase(name, s);
  opened.push(db);
  return db;
}

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('projection-pending marks', () => {
  it('twenty cases marked at once in one window are all remembered, and clearing one keeps the rest', async () => {
    const db = await open(`test_pending_${Date.now()}`);
    await Promise.all(ids('A', 20).map((id) => markPending(db, id)));
    expect((await pendingCaseIds(db)).sort()).toEqual(ids('A', 20).sort());
    await Promise.all([clearPending(db, 'A3'), clearPending(db, 'A7'), markPending(db, 'B1')]);
    expect((await pendingCaseIds(db)).sort()).toEqual([...ids('A', 20).filter((id) => id !== 'A3' && id !== 'A7'), 'B1'].sort());
  });

  it('two windows of one desk marking at the same moment lose nothing', async () => {
    const name = `test_pending_windows_${Date.now()}`;
    const first = await open(name);
    const second = await open(name, 'dexie-second-window');
    await Promise.all([...ids('W1-', 10).map((id) => markPending(first, id)), ...ids('W2-', 10).map((id) => markPending(second, id))]);
    const all = [...ids('W1-', 10), ...ids('W2-', 10)].sort();
    await first.close();
    opened.splice(opened.indexOf(first), 1);
    const reopened = await open(name);
    expect((await pendingCaseIds(reopened)).sort()).toEqual(all);
  });
});
