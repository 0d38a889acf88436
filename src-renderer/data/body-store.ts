import { isPicture, sha256Hex } from '../../src-shared/domain/attachments';
import type { DeskDatabase } from './database';
import { makeThumbnail, type Thumbnail } from './thumbnail';
import { decryptBytes, encryptBytes } from './at-rest-crypto';

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
  /**
   * Where the body stands with the server (IndexedDB cannot index booleans): 0 waiting to be uploaded (the
   * uploader reads the 0s), 1 the server holds it, 2 the server refused it (`refusal` says why; never sent again).
   */
  uploaded: UploadState;
  /** The server's reason, when it refused the body. */
  refusal?: BodyRefusal;
  /**
   * A confidential case's body: `bytes` (and the thumbnail's) are kept encrypted (at-rest-crypto.ts, bound to
   * the hash); `get`, `preview` and `thumbnail` open them, so every reader sees the plain bytes.
   */
  atRest?: true;
}

/** A kept thumbnail: encrypted under `<hash>#thumbnail` when its body is (`atRest`). */
type KeptThumbnail = Thumbnail & { hash: string; atRest?: true };
const thumbnailRecord = (hash: string) => `${hash}#thumbnail`;

async function openThumbnail(kept: KeptThumbnail): Promise<Thumbnail> {
  return { bytes: kept.atRest ? await decryptBytes(thumbnailRecord(kept.hash), kept.bytes) : kept.bytes, type: kept.type };
}

export type UploadState = 0 | 1 | 2;
const UPLOAD_STATES: readonly UploadState[] = [0, 1, 2];
/** A body waiting to be uploaded: its address and when this desk kept it. */
export interface PendingBody {
  hash: string;
  storedAt: number;
}
/** Where a body stands with the server, read without its bytes (the case page's 待上传 / 已同步 / 未能上传). */
export interface BodyState {
  uploaded: UploadState;
  refusal?: BodyRefusal;
}
/** A body's state and, for a picture, its thumbnail (BodyStore.preview). */
export interface BodyPreview {
  state: BodyState;
  thumbnail?: Thumbnail;
}
export interface BodyRefusal {
  code: string;
  message: { 'zh-CN': string; en: string };
}

const STORE = 'bodies';
/** How long a preview read ahead (prefetchPreviews) waits for the item that asks for it. */
const UNCLAIMED_PREVIEW_MS = 10_000;
/** Small copies of the pictures, by the body's hash (thumbnail.ts): what the case page reads for its thumbnails. */
const THUMBNAILS = 'thumbnails';

/** One IndexedDB database per desk profile. Plain IndexedDB: RxDB bundles its own Dexie, and a second copy in the page is refused. */
function openDb(name: string, idb: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    // Version 2 adds the `pending` index: bodies by upload state, then by when they were kept (the uploader
    // reads the waiting ones oldest first, and finds their events from that time on). Version 3 adds the
    // thumbnails and the `state` index ([hash, uploaded]), whose keys say where a body stands without reading
    // its bytes; the pictures kept before it get their thumbnail when a case first shows them.
    const req = idb.open(name, 3);
    req.onupgradeneeded = (e) => {
      const store = e.oldVersion < 1 ? req.result.createObjectStore(STORE, { keyPath: 'hash' }) : req.transaction!.objectStore(STORE);
      if (e.oldVersion < 1) store.createIndex('uploaded', 'uploaded');
      if (e.oldVersion < 2) store.createIndex('pending', ['uploaded', 'storedAt']);
      if (e.oldVersion < 3) {
        store.createIndex('state', ['hash', 'uploaded']);
        req.result.createObjectStore(THUMBNAILS, { keyPath: 'hash' });
      }
    };
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
    s = openBodyStore(db.name, idb);
    stores.set(db.name, s);
  }
  return s;
}

/** A new handle on a desk database's body store (what a restarted desk opens; bodyStoreFor keeps one per page). */
export function openBodyStore(deskDatabaseName: string, idb: IDBFactory = globalThis.indexedDB): BodyStore {
  return new BodyStore(openDb(`${deskDatabaseName}_bodies`, idb), `${deskDatabaseName}_bodies`);
}

type Listener = (hash: string) => void;
type PreviewAsk = { hash: string; type: string; resolve: (p: BodyPreview | undefined) => void; reject: (e: unknown) => void };

export class BodyStore {
  private readonly listeners = new Set<Listener>();
  private opened?: IDBDatabase;
  /**
   * The desk's other windows hear of a change too: the leading window uploads, and a second window showing
   * the case updates its 待上传 to 已同步 from this notice.
   */
  private readonly channel?: BroadcastChannel;

  constructor(
    private readonly db: Promise<IDBDatabase>,
    channelName?: string,
  ) {
    // Kept once open, so a read asked for during a render starts in the same task (prefetchPreviews).
    db.then((d) => (this.opened = d)).catch(() => undefined);
    if (channelName && typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(channelName);
      // In Node (tests) an open channel must not keep the process alive.
      (this.channel as BroadcastChannel & { unref?: () => void }).unref?.();
      this.channel.onmessage = (e: MessageEvent<unknown>) => {
        if (typeof e.data !== 'string') return;
        this.ahead.delete(e.data);
        this.listeners.forEach((l) => l(e.data as string));
      };
    }
  }

  private changed(hash: string): void {
    this.ahead.delete(hash);
    this.listeners.forEach((l) => l(hash));
    this.channel?.postMessage(hash);
  }

  /**
   * Keeps the bytes under their SHA-256 (once: an existing body is left as it is) and returns the hash. A
   * picture's thumbnail is made first and kept in the same transaction, so a body on this desk has one from
   * the moment the case page can see it.
   */
  async put(bytes: ArrayBuffer, type: string, now = Date.now(), uploaded: UploadState = 0, confidential = false): Promise<string> {
    return this.keep(await sha256Hex(bytes), bytes, type, now, uploaded, confidential);
  }

  /** `put` of bytes whose SHA-256 is known to be `hash`. */
  private async keep(hash: string, bytes: ArrayBuffer, type: string, now: number, uploaded: UploadState, confidential: boolean): Promise<string> {
    if (confidential) return this.putAtRest(hash, bytes, type, now, uploaded);
    const thumbnail = (await this.has(hash)) ? undefined : await makeThumbnail(bytes, type);
    const tx = (await this.db).transaction([STORE, THUMBNAILS], 'readwrite');
    const store = tx.objectStore(STORE);
    const ok = committed(tx);
    // Within one transaction: look, and add only when absent (add, not put: a kept body is never replaced).
    const existing = await done(store.getKey(hash));
    if (existing === undefined) {
      store.add({ hash, type, size: bytes.byteLength, bytes, storedAt: now, uploaded } satisfies BodyRecord);
      if (thumbnail) tx.objectStore(THUMBNAILS).put({ hash, ...thumbnail });
    }
    await ok;
    this.changed(hash);
    return hash;
  }

  /**
   * A confidential case's body, encrypted (with its thumbnail) before the transaction. The same bytes kept
   * in clear for an ordinary case are encrypted in place (their upload state kept), and their clear
   * thumbnail replaced: the bytes belong to a confidential case now.
   */
  private async putAtRest(hash: string, bytes: ArrayBuffer, type: string, now: number, uploaded: UploadState): Promise<string> {
    if (!(await this.getStored(hash))?.atRest) {
      const made = await makeThumbnail(bytes, type);
      const sealed = await encryptBytes(hash, bytes);
      const thumbnail: KeptThumbnail | undefined = made && {
        hash,
        type: made.type,
        bytes: await encryptBytes(thumbnailRecord(hash), made.bytes),
        atRest: true,
      };
      const tx = (await this.db).transaction([STORE, THUMBNAILS], 'readwrite');
      const store = tx.objectStore(STORE);
      const ok = committed(tx);
      const existing = (await done(store.get(hash))) as BodyRecord | undefined;
      if (!existing?.atRest) {
        const kept = existing ?? { hash, type, size: bytes.byteLength, storedAt: now, uploaded };
        store.put({ ...kept, bytes: sealed, atRest: true } satisfies BodyRecord);
        if (thumbnail) tx.objectStore(THUMBNAILS).put(thumbnail);
        else tx.objectStore(THUMBNAILS).delete(hash);
      }
      await ok;
    }
    this.changed(hash);
    return hash;
  }

  /**
   * Keeps bytes received for `hash` only if they hash to it (a body from the server or a backup is
   * never trusted by its label). Returns whether it was kept.
   */
  async putVerified(hash: string, bytes: ArrayBuffer, type: string, now = Date.now(), confidential = false): Promise<boolean> {
    // Hashed once: the check is the hash the body is kept under.
    if ((await sha256Hex(bytes)) !== hash) return false;
    await this.keep(hash, bytes, type, now, 1, confidential);
    return true;
  }

  /** The record as stored (a confidential body's bytes encrypted). */
  private async getStored(hash: string): Promise<BodyRecord | undefined> {
    return (await done((await this.db).transaction(STORE).objectStore(STORE).get(hash))) as BodyRecord | undefined;
  }

  /** The body with its plain bytes. */
  async get(hash: string): Promise<BodyRecord | undefined> {
    const rec = await this.getStored(hash);
    return rec?.atRest ? { ...rec, bytes: await decryptBytes(hash, rec.bytes) } : rec;
  }

  /**
   * Where a body stands with the server, or undefined when it is not on this desk: keys of the `state`
   * index only, no bytes read. The server's reason is read with the record, only for a refused body.
   */
  async state(hash: string): Promise<BodyState | undefined> {
    const store = (await this.db).transaction(STORE).objectStore(STORE);
    return this.stateIn(store, hash);
  }

  private async stateIn(store: IDBObjectStore, hash: string): Promise<BodyState | undefined> {
    const index = store.index('state');
    // A count per state with a plain key (no IDBKeyRange, which the desk's unit tests' IndexedDB does not put in scope).
    const counts = await Promise.all(UPLOAD_STATES.map((s) => done(index.count([hash, s]))));
    const uploaded = UPLOAD_STATES.find((_, i) => counts[i]! > 0);
    if (uploaded === undefined) return undefined;
    if (uploaded !== 2) return { uploaded };
    const refusal = ((await done(store.get(hash))) as BodyRecord | undefined)?.refusal;
    return { uploaded, ...(refusal ? { refusal } : {}) };
  }

  /**
   * What the case page's card shows of a file: where it stands and, for a picture, its thumbnail; undefined
   * when the body is not on this desk. The card asks for each of its files at once: the asks of one turn
   * are answered from one transaction (one per file cost 2.3 s for 50 files under load, docs/performance.md).
   */
  preview(hash: string, type: string): Promise<BodyPreview | undefined> {
    const early = this.ahead.get(hash);
    if (early) {
      this.ahead.delete(hash);
      return early;
    }
    return this.readPreview(hash, type);
  }

  /**
   * Starts reading the previews of a case's files as soon as the case is known, before the card's items
   * mount and ask for them: each is handed to the first `preview` of its hash. The read overlaps the page's
   * first render instead of following it (docs/performance.md "The case page with 50 thumbnails"). A body
   * that changes meanwhile is read again; one never asked for is dropped after a while.
   */
  prefetchPreviews(files: readonly { hash: string; type: string }[]): void {
    const batch: PreviewAsk[] = [];
    for (const { hash, type } of files) {
      if (this.ahead.has(hash)) continue;
      const read = new Promise<BodyPreview | undefined>((resolve, reject) => batch.push({ hash, type, resolve, reject }));
      read.catch(() => undefined); // the item that asks for it sees the failure
      this.ahead.set(hash, read);
      const timer = setTimeout(() => this.ahead.get(hash) === read && this.ahead.delete(hash), UNCLAIMED_PREVIEW_MS);
      (timer as { unref?: () => void }).unref?.();
    }
    // Asked now, not after a microtask: the page's first render is one task, and the requests are answered
    // while it runs.
    if (batch.length) void this.readPreviews(batch);
  }

  private readonly ahead = new Map<string, Promise<BodyPreview | undefined>>();

  private readPreview(hash: string, type: string): Promise<BodyPreview | undefined> {
    return new Promise((resolve, reject) => {
      if (!this.previewBatch) {
        const batch: PreviewAsk[] = (this.previewBatch = []);
        queueMicrotask(() => {
          this.previewBatch = undefined;
          void this.readPreviews(batch);
        });
      }
      this.previewBatch.push({ hash, type, resolve, reject });
    });
  }

  private previewBatch?: PreviewAsk[];

  private async readPreviews(batch: PreviewAsk[]): Promise<void> {
    try {
      const tx = (this.opened ?? (await this.db)).transaction([STORE, THUMBNAILS]);
      const bodies = tx.objectStore(STORE);
      const thumbnails = tx.objectStore(THUMBNAILS);
      const read = await Promise.all(
        batch.map(({ hash, type }) =>
          Promise.all([this.stateIn(bodies, hash), isPicture(type) ? (done(thumbnails.get(hash)) as Promise<KeptThumbnail | undefined>) : undefined]),
        ),
      );
      for (const [i, { hash, type, resolve }] of batch.entries()) {
        const [state, kept] = read[i]!;
        if (!state) resolve(undefined);
        // A picture kept before thumbnails existed: made now, once (outside the batch's transaction).
        else if (kept) openThumbnail(kept).then((thumbnail) => resolve({ state, thumbnail }), batch[i]!.reject);
        else this.thumbnail(hash, type).then((thumbnail) => resolve({ state, ...(thumbnail ? { thumbnail } : {}) }), batch[i]!.reject);
      }
    } catch (e) {
      for (const { reject } of batch) reject(e);
    }
  }

  /**
   * The thumbnail of a picture kept here (thumbnail.ts), or undefined (not a picture, not here, or not
   * drawable). A picture kept before thumbnails existed gets one now, from its body, once.
   */
  async thumbnail(hash: string, type: string): Promise<Thumbnail | undefined> {
    if (!isPicture(type)) return undefined;
    const db = await this.db;
    const kept = (await done(db.transaction(THUMBNAILS).objectStore(THUMBNAILS).get(hash))) as KeptThumbnail | undefined;
    if (kept) return openThumbnail(kept);
    const body = await this.get(hash);
    const made = body && (await makeThumbnail(body.bytes, body.type));
    if (!made) return undefined;
    // A confidential body's thumbnail is kept encrypted like the body.
    const record: KeptThumbnail = body.atRest
      ? { hash, type: made.type, bytes: await encryptBytes(thumbnailRecord(hash), made.bytes), atRest: true }
      : { hash, ...made };
    const tx = db.transaction(THUMBNAILS, 'readwrite');
    const ok = committed(tx);
    tx.objectStore(THUMBNAILS).put(record);
    await ok;
    return made;
  }

  /** How many files this desk keeps, how many the server does not hold yet and how many it refused (设置 → 存储). */
  async counts(): Promise<{ files: number; waiting: number; refused: number }> {
    const store = (await this.db).transaction(STORE).objectStore(STORE);
    const byState = store.index('uploaded');
    const [files, waiting, refused] = await Promise.all([done(store.count()), done(byState.count(0)), done(byState.count(2))]);
    return { files, waiting, refused };
  }

  async has(hash: string): Promise<boolean> {
    return (await done((await this.db).transaction(STORE).objectStore(STORE).count(hash))) > 0;
  }

  /**
   * Bodies the server does not hold yet, oldest first, from after `after` (the uploader pages past bodies it
   * cannot send yet, so they never hide the ones behind them). Read from the index alone: no bytes are read.
   */
  async notUploaded(limit = 50, after?: PendingBody): Promise<PendingBody[]> {
    const index = (await this.db).transaction(STORE).objectStore(STORE).index('pending');
    return new Promise((resolve, reject) => {
      const out: PendingBody[] = [];
      // Keys are [uploaded, storedAt] and the waiting bodies (0) come first; within a key, by hash.
      const req = index.openKeyCursor();
      req.onsuccess = () => {
        const cursor = req.result;
        if (!cursor || out.length >= limit) return resolve(out);
        const [state, storedAt] = cursor.key as [number, number];
        const hash = cursor.primaryKey as string;
        if (state !== 0) return resolve(out);
        if (after && (storedAt < after.storedAt || (storedAt === after.storedAt && hash <= after.hash))) {
          return cursor.continuePrimaryKey([0, after.storedAt], `${after.hash}\u0000`);
        }
        out.push({ hash, storedAt });
        cursor.continue();
      };
      req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
    });
  }

  /**
   * Every body the server was known to hold is to be asked about again (a new enrolment: the server may have
   * been restored from a backup older than the upload). The uploader asks with HEAD and sends only what is
   * missing — this desk's files and the ones it downloaded alike, so a restored server heals. Refused ones
   * stay refused. Returns how many.
   */
  async recheckUploaded(): Promise<number> {
    const tx = (await this.db).transaction(STORE, 'readwrite');
    const ok = committed(tx);
    const req = tx.objectStore(STORE).index('uploaded').openCursor(1);
    let n = 0;
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor) return;
      cursor.update({ ...(cursor.value as BodyRecord), uploaded: 0 } satisfies BodyRecord);
      n++;
      cursor.continue();
    };
    await ok;
    return n;
  }

  /** The server holds this body now. */
  markUploaded(hash: string): Promise<void> {
    return this.setUploadState(hash, 1);
  }

  /** The server refused this body with a reason (a 4xx that sending again would not change). */
  markRefused(hash: string, refusal: BodyRefusal): Promise<void> {
    return this.setUploadState(hash, 2, refusal);
  }

  private async setUploadState(hash: string, uploaded: 1 | 2, refusal?: BodyRefusal): Promise<void> {
    const tx = (await this.db).transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const ok = committed(tx);
    const rec = (await done(store.get(hash))) as BodyRecord | undefined;
    const changed = rec !== undefined && rec.uploaded === 0;
    if (changed) store.put({ ...rec, uploaded, ...(refusal ? { refusal } : {}) } satisfies BodyRecord);
    await ok;
    if (changed) this.changed(hash);
  }

  /**
   * Called with the hash of every body stored, uploaded or refused from now on, in any window of this desk
   * (the case page shows a body when it arrives and its label when the server takes it).
   */
  onChanged(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}
