import { sha256Hex } from '../../src-shared/domain/attachments';
import type { DeskDatabase } from './database';

// The desk's store of attachment bodies (issue 13, docs/decisions.md "Attachment bodies"): a separate
// IndexedDB database beside the RxDB one, one record per SHA-256. Content-addressed, so the same photo
// attached to two cases (or twice) is kept once, a body is never changed after it is written, and a body
// that arrives from the server is checked against its address before it is kept. Bodies are not RxDB
// documents: they replicate on their own path (by hash, on demand), never with the events.

export interface BodyRecord {
  hash: string;
  type: string;
  size: number;
  bytes: ArrayBuffer;
  storedAt: number;
  /** 1 once the server holds it (IndexedDB cannot index booleans); the uploader reads the 0s. */
  uploaded: 0 | 1;
}

const STORE = 'bodies';

/** One IndexedDB database per desk profile. Plain IndexedDB: RxDB bundles its own Dexie, and a second copy in the page is refused. */
function openDb(name: string, idb: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = idb.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'hash' }).createIndex('uploaded', 'uploaded');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
  });
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

const stores = new Map<string, BodyStore>();

/** The body store of a desk database (named after it, so each desk profile has its own). */
export function bodyStoreFor(db: Pick<DeskDatabase, 'name'>, idb: IDBFactory = globalThis.indexedDB): BodyStore {
  let s = stores.get(db.name);
  if (!s) {
    s = new BodyStore(openDb(`${db.name}_bodies`, idb));
    stores.set(db.name, s);
  }
  return s;
}

type Listener = (hash: string) => void;

export class BodyStore {
  private readonly listeners = new Set<Listener>();
  constructor(private readonly db: Promise<IDBDatabase>) {}

  /** Keeps the bytes under their SHA-256 (once: an existing body is left as it is) and returns the hash. */
  async put(bytes: ArrayBuffer, type: string, now = Date.now(), uploaded: 0 | 1 = 0): Promise<string> {
    const hash = await sha256Hex(bytes);
    const tx = (await this.db).transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const ok = committed(tx);
    // Within one transaction: look, and add only when absent (add, not put: a kept body is never replaced).
    const existing = await done(store.getKey(hash));
    if (existing === undefined) store.add({ hash, type, size: bytes.byteLength, bytes, storedAt: now, uploaded } satisfies BodyRecord);
    await ok;
    this.listeners.forEach((l) => l(hash));
    return hash;
  }

  /**
   * Keeps bytes received for `hash` only if they hash to it (a body from the server or a backup is
   * never trusted by its label). Returns whether it was kept.
   */
  async putVerified(hash: string, bytes: ArrayBuffer, type: string, now = Date.now()): Promise<boolean> {
    if ((await sha256Hex(bytes)) !== hash) return false;
    await this.put(bytes, type, now, 1);
    return true;
  }

  async get(hash: string): Promise<BodyRecord | undefined> {
    return (await done((await this.db).transaction(STORE).objectStore(STORE).get(hash))) as BodyRecord | undefined;
  }

  async has(hash: string): Promise<boolean> {
    return (await done((await this.db).transaction(STORE).objectStore(STORE).count(hash))) > 0;
  }

  /** Hashes of bodies the server does not hold yet. */
  async notUploaded(limit = 50): Promise<string[]> {
    const keys = await done((await this.db).transaction(STORE).objectStore(STORE).index('uploaded').getAllKeys(0, limit));
    return keys as string[];
  }

  async markUploaded(hash: string): Promise<void> {
    const tx = (await this.db).transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const ok = committed(tx);
    const rec = (await done(store.get(hash))) as BodyRecord | undefined;
    if (rec && rec.uploaded === 0) store.put({ ...rec, uploaded: 1 });
    await ok;
  }

  /** Called with the hash of every body stored from now on (the case page shows a body when it arrives). */
  onStored(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}
