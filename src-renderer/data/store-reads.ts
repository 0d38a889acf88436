import { normalizeMangoQuery, prepareQuery, type RxCollection } from 'rxdb';
import {
  DEXIE_DOCS_TABLE_NAME,
  dexieReplaceIfStartsWithPipe,
  fromDexieToStorage,
  getKeyRangeByQueryPlan,
  type RxStorageInstanceDexie,
} from 'rxdb/plugins/storage-dexie';
import type { CaseEvent } from '../../src-shared/domain/events';
import type { DeskDatabase } from './database';

// Reads the projector and the reconciliation pass need in bulk, each in ONE IndexedDB transaction with
// its requests pipelined (storage-getall.ts explains why: RxDB's Dexie storage walks a cursor per query,
// and one query per case would be one transaction per case), or in one key-only index walk. All stay on
// RxDB's own index layout: the key ranges come from RxDB's query planner, the documents pass through its
// Dexie field mapping.

type Internals = Awaited<RxStorageInstanceDexie<unknown>['internals']>;

async function internalsOf(collection: RxCollection<unknown>): Promise<Internals> {
  return (collection.storageInstance as unknown as RxStorageInstanceDexie<unknown>).internals;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/** The index and key range RxDB's planner chooses for the live documents matching `selector`. */
function plannedRange(collection: RxCollection<unknown>, state: Internals, selector: Record<string, unknown>): { index: string; range: IDBKeyRange } {
  const schema = collection.schema.jsonSchema;
  const plan = prepareQuery(schema, normalizeMangoQuery(schema as never, { selector: { _deleted: false, ...selector } } as never)).queryPlan;
  return {
    index: `[${plan.index.map((f) => dexieReplaceIfStartsWithPipe(f)).join('+')}]`,
    range: getKeyRangeByQueryPlan(state.booleanIndexes, plan, state.dexieDb._options.IDBKeyRange) as IDBKeyRange,
  };
}

function asEvent(booleanIndexes: string[], raw: unknown): CaseEvent {
  const { _deleted: _d, _meta: _m, _rev: _r, _attachments: _a, ...event } = fromDexieToStorage(booleanIndexes, raw) as CaseEvent & Record<string, unknown>;
  return event as CaseEvent;
}

/** Every stored event of each case in `caseIds` (unsorted), in one read transaction. */
export async function eventsOfCases(db: DeskDatabase, caseIds: Iterable<string>): Promise<Map<string, CaseEvent[]>> {
  const collection = db.events as unknown as RxCollection<unknown>;
  const state = await internalsOf(collection);
  const ids = [...new Set(caseIds)];
  const out = new Map<string, CaseEvent[]>();
  if (ids.length === 0) return out;
  await state.dexieDb.transaction('r', state.dexieTable, async (tx) => {
    const store = tx.idbtrans.objectStore(DEXIE_DOCS_TABLE_NAME);
    const lists = await Promise.all(
      ids.map((caseId) => {
        const { index, range } = plannedRange(collection, state, { caseId });
        return request(store.index(index).getAll(range));
      }),
    );
    ids.forEach((caseId, i) =>
      out.set(
        caseId,
        (lists[i] as unknown[]).map((raw) => asEvent(state.booleanIndexes, raw)),
      ),
    );
  });
  return out;
}

/** A position in a collection's change order (RxDB's checkpoint: last write time, then id). */
export interface ChangeCheckpoint {
  id: string;
  lwt: number;
}

/**
 * The next `limit` events after `checkpoint` in the store's change order, deleted ones included, with the
 * checkpoint after them: what RxDB's `getChangedDocumentsSince` answers, but as ONE `getAll` over the
 * `[_meta.lwt+id]` index from an exclusive lower bound. RxDB's Dexie storage answers it with a query whose
 * `$or` walks a cursor a document at a time (about 0.2–0.4 ms an event in Chromium).
 */
export async function eventsChangedSince(
  db: DeskDatabase,
  limit: number,
  checkpoint: ChangeCheckpoint | undefined,
): Promise<{ documents: (CaseEvent & { _deleted: boolean })[]; checkpoint: ChangeCheckpoint | undefined }> {
  const state = await internalsOf(db.events as unknown as RxCollection<unknown>);
  const keyRange = state.dexieDb._options.IDBKeyRange as typeof IDBKeyRange;
  let raw: unknown[] = [];
  await state.dexieDb.transaction('r', state.dexieTable, async (tx) => {
    const index = tx.idbtrans.objectStore(DEXIE_DOCS_TABLE_NAME).index('[_meta.lwt+id]');
    raw = await request(index.getAll(checkpoint ? keyRange.lowerBound([checkpoint.lwt, checkpoint.id], true) : undefined, limit));
  });
  const documents = raw.map((r) => fromDexieToStorage(state.booleanIndexes, r) as CaseEvent & { _deleted: boolean; _meta: { lwt: number } });
  const last = documents[documents.length - 1];
  return { documents, checkpoint: last ? { id: last.id, lwt: last._meta.lwt } : checkpoint };
}

/**
 * Walks the live part of the `[_deleted, field, id]` index RxDB's planner chooses for `find({ [field] })`,
 * keys only (no document is read): ONE key cursor advanced with a plain `continue()`, calling `visit` with
 * each document's field value and id. A plain `continue()` is what Chromium prefetches (the following keys
 * come in batches); a `continue(key)` jump or a per-key request is one IndexedDB round trip each, which cost
 * about 5 ms a case at 50k cases (docs/architecture.md "Projection", docs/performance.md).
 */
async function walkLiveIndex(collection: RxCollection<unknown>, field: string, sample: unknown, visit: (value: unknown, id: string) => void): Promise<void> {
  const state = await internalsOf(collection);
  await state.dexieDb.transaction('r', state.dexieTable, async (tx) => {
    const store = tx.idbtrans.objectStore(DEXIE_DOCS_TABLE_NAME);
    const { index, range } = plannedRange(collection, state, { [field]: sample });
    if (index !== `[_deleted+${field}+${collection.schema.primaryPath as string}]`) throw new Error(`no [_deleted, ${field}, id] index: ${index}`);
    // Live documents share the first key part; arrays sort after every string and number.
    const live = (range.lower as IDBValidKey[])[0]!;
    const keyRange = state.dexieDb._options.IDBKeyRange as typeof IDBKeyRange;
    await new Promise<void>((resolve, reject) => {
      const cursor = store.index(index).openKeyCursor(keyRange.bound([live], [live, []]));
      cursor.onerror = () => reject(cursor.error ?? new Error('IndexedDB cursor failed'));
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c) return resolve();
        visit((c.key as unknown[])[1], c.primaryKey as string);
        c.continue();
      };
    });
  });
}

/** How many live events each case has in the store: the events' caseId index, keys only. */
export async function eventCountsByCase(db: DeskDatabase): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await walkLiveIndex(db.events as unknown as RxCollection<unknown>, 'caseId', '', (caseId) => {
    counts.set(caseId as string, (counts.get(caseId as string) ?? 0) + 1);
  });
  return counts;
}

/** The id and `sourceEvents` (events folded) of every live case document: its index, keys only. */
export async function caseEventCounts(db: DeskDatabase): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  await walkLiveIndex(db.cases as unknown as RxCollection<unknown>, 'sourceEvents', 0, (n, id) => void out.set(id, n as number));
  return out;
}

/** A case found by one of the intake's lookup keys, from the index alone. */
export interface CaseKeyHit {
  id: string;
  open: boolean;
  registeredAt: number;
}

/**
 * Every live case whose lookup key `field` is `value` (the intake's history, complainant-history.ts): its
 * [field, bucket, registeredAt] index walked keys only, so a key many cases share (a hospital's 科室, a
 * common name) costs index keys, not documents: 2,858 cases of one ward among 20,000 took 66 ms in
 * Chromium, against 979 ms read as documents (bench/intake-history.bench.ts).
 */
export async function casesMatching(db: DeskDatabase, field: 'contact' | 'nameKey' | 'placeKey', value: string): Promise<CaseKeyHit[]> {
  const collection = db.cases as unknown as RxCollection<unknown>;
  const state = await internalsOf(collection);
  const out: CaseKeyHit[] = [];
  await state.dexieDb.transaction('r', state.dexieTable, async (tx) => {
    const store = tx.idbtrans.objectStore(DEXIE_DOCS_TABLE_NAME);
    const { index, range } = plannedRange(collection, state, { [field]: value });
    if (index !== `[_deleted+${field}+bucket+registeredAt+id]`) throw new Error(`no [_deleted, ${field}, bucket, registeredAt, id] index: ${index}`);
    await new Promise<void>((resolve, reject) => {
      const cursor = store.index(index).openKeyCursor(range);
      cursor.onerror = () => reject(cursor.error ?? new Error('IndexedDB cursor failed'));
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c) return resolve();
        const key = c.key as unknown[];
        out.push({ id: c.primaryKey as string, open: key[2] === 'open', registeredAt: key[3] as number });
        c.continue();
      };
    });
  });
  return out;
}
