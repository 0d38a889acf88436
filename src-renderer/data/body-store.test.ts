import { indexedDB } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '../../src-shared/domain/attachments';
import { openBodyStore } from './body-store';

// The body store as the uploader reads it (issue 13): waiting bodies oldest first, paged, from the index alone.

function open(name: string, version: number, upgrade: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, version);
    req.onupgradeneeded = () => upgrade(req.result);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

describe('body store', () => {
  it("a desk's store from before the uploader (version 1) keeps its bodies, and those not uploaded are waiting", async () => {
    const name = `v1_${Date.now()}`;
    // The store as slice 1 created it: one index on `uploaded`, two bodies kept, one marked uploaded.
    const old = await open(`${name}_bodies`, 1, (db) => db.createObjectStore('bodies', { keyPath: 'hash' }).createIndex('uploaded', 'uploaded'));
    await new Promise<void>((resolve, reject) => {
      const tx = old.transaction('bodies', 'readwrite');
      tx.objectStore('bodies').add({ hash: 'a'.repeat(64), type: 'image/jpeg', size: 1, bytes: new ArrayBuffer(1), storedAt: 5, uploaded: 0 });
      tx.objectStore('bodies').add({ hash: 'b'.repeat(64), type: 'image/jpeg', size: 1, bytes: new ArrayBuffer(1), storedAt: 3, uploaded: 1 });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    old.close();
    const store = openBodyStore(name, indexedDB);
    expect(await store.notUploaded()).toEqual([{ hash: 'a'.repeat(64), storedAt: 5 }]);
    expect((await store.get('b'.repeat(64)))?.uploaded).toBe(1);
    // Version 3's state index covers the bodies kept before it.
    expect(await store.state('a'.repeat(64))).toEqual({ uploaded: 0 });
    expect(await store.state('b'.repeat(64))).toEqual({ uploaded: 1 });
  });

  it("says where a body stands with the server (the case page's label) from the state index, and nothing for a body not here", async () => {
    const store = openBodyStore(`state_${Date.now()}`, indexedDB);
    const [waiting, uploaded, refused] = [
      await store.put(new Uint8Array([1]).buffer, 'image/png'),
      await store.put(new Uint8Array([2]).buffer, 'image/png'),
      await store.put(new Uint8Array([3]).buffer, 'image/png'),
    ];
    await store.markUploaded(uploaded);
    const refusal = { code: 'attachmentTypeRefused', message: { 'zh-CN': '拒收', en: 'refused' } };
    await store.markRefused(refused, refusal);
    expect(await store.state(waiting)).toEqual({ uploaded: 0 });
    expect(await store.state(uploaded)).toEqual({ uploaded: 1 });
    expect(await store.state(refused)).toEqual({ uploaded: 2, refusal });
    expect(await store.state('f'.repeat(64))).toBeUndefined();
    // The card's asks of one turn, answered together (one transaction); a file not here is undefined.
    expect(await Promise.all([store.preview(waiting, 'image/png'), store.preview(refused, 'image/png'), store.preview('f'.repeat(64), 'image/png')])).toEqual([
      { state: { uploaded: 0 } },
      { state: { uploaded: 2, refusal } },
      undefined,
    ]);
    // Read ahead while the case page draws (prefetchPreviews), handed to the card's ask; a body that changed
    // in between (uploaded meanwhile) is read again, so the card never shows the state from before.
    store.prefetchPreviews([
      { hash: waiting, type: 'image/png' },
      { hash: uploaded, type: 'image/png' },
    ]);
    await store.markUploaded(waiting);
    expect(await Promise.all([store.preview(waiting, 'image/png'), store.preview(uploaded, 'image/png')])).toEqual([
      { state: { uploaded: 1 } },
      { state: { uploaded: 1 } },
    ]);
    // Not a picture, or none to draw it with (Node has no canvas): no thumbnail, and nothing breaks.
    expect(await store.thumbnail(waiting, 'application/pdf')).toBeUndefined();
    expect(await store.thumbnail(waiting, 'image/png')).toBeUndefined();
  });

  it('pages the waiting bodies oldest first and skips uploaded and refused ones', async () => {
    const store = openBodyStore(`paged_${Date.now()}`, indexedDB);
    const hashes: string[] = [];
    for (let i = 0; i < 7; i++) hashes.push(await store.put(new Uint8Array([i, 1, 2, 3]).buffer, 'image/png', 100 + (i % 3)));
    await store.markUploaded(hashes[0]!);
    await store.markRefused(hashes[1]!, { code: 'attachmentTypeRefused', message: { 'zh-CN': '拒收', en: 'refused' } });
    const all = await store.notUploaded(50);
    expect(all.map((b) => b.hash).sort()).toEqual(hashes.slice(2).sort());
    expect(all.map((b) => b.storedAt)).toEqual([...all.map((b) => b.storedAt)].sort());
    const paged = [];
    let after;
    for (;;) {
      const page = await store.notUploaded(2, after);
      if (!page.length) break;
      paged.push(...page);
      after = page.at(-1);
    }
    expect(paged).toEqual(all);
  });

  it('another window of the desk hears that a body was kept or uploaded (its label follows)', async () => {
    const name = `windows_${Date.now()}`;
    const leader = openBodyStore(name, indexedDB);
    const other = openBodyStore(name, indexedDB);
    const heard: string[] = [];
    other.onChanged((h) => heard.push(h));
    const hash = await leader.put(new Uint8Array([9, 8, 7]).buffer, 'image/png', 1);
    await leader.markUploaded(hash);
    await expect.poll(() => heard).toEqual([hash, hash]);
    expect((await other.get(hash))?.uploaded).toBe(1);
  });

  it('a body received for a hash is hashed once: kept under that hash when its bytes match, refused when not', async () => {
    const store = openBodyStore(`verified_${Date.now()}`, indexedDB);
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => i % 251).buffer;
    const hash = await sha256Hex(bytes);
    const digest = vi.spyOn(crypto.subtle, 'digest');
    try {
      expect(await store.putVerified(hash, bytes, 'application/pdf', 1_000)).toBe(true);
      // A 500 kB photo hashed twice on every download was a share of its time (docs/performance.md).
      expect(digest).toHaveBeenCalledTimes(1);
      expect(await store.putVerified('0'.repeat(64), bytes, 'application/pdf', 1_000)).toBe(false);
      expect(await store.has('0'.repeat(64))).toBe(false);
    } finally {
      digest.mockRestore();
    }
    expect(await store.get(hash)).toMatchObject({ hash, size: 4096, uploaded: 1, storedAt: 1_000 });
    expect(new Uint8Array((await store.get(hash))!.bytes)).toEqual(new Uint8Array(bytes));
  });
});
