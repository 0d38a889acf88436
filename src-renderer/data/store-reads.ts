import { normalizeMangoQuery, prepareQuery, type RxCollection } from 'rxdb';
import { DEXIE_DOCS_TABLE_NAME, dexieReplaceIfStartsWithPipe, fromDexieToStorage, getKeyRangeByQueryPlan, type RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';
import type { CaseEvent } from '../../src-shared/domain/events';
import type { DeskDatabase } from './database';
import type { CaseDoc } from './schemas';

// Reads the projector and the reconciliation pass need in bulk, each in ONE IndexedDB transaction with
// its requests pipelined (storage-getall.ts explains why: RxDB's Dexie storage walks a cursor per query,
// and one query per case would be one transaction per case). Both stay on RxDB's own index layout: the
// key ranges come from RxDB's query planner, the documents pass through its Dexie field mapping.

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

/** The range and index of the live events of `caseId`, as RxDB's planner chooses them for `find({ caseId })`. */
function caseRange(collection: RxCollection<unknown>, state: Internals, caseId: string): { index: string; range: IDBKeyRange } {
  const schema = collection.schema.jsonSchema;
  const plan = prepareQuery(schema, normalizeMangoQuery(schema as never, { selector: { _deleted: false, caseId } } as never)).queryPlan;
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
        const { index, range } = caseRange(collection, state, caseId);
        return request(store.index(index).getAll(range));
      }),
    );
    ids.forEach((caseId, i) => out.set(caseId, (lists[i] as unknown[]).map((raw) => asEvent(state.booleanIndexes, raw))));
  });
  return out;
}

/**
 * How many live events each case has in the store, read from the `[_deleted, caseId, id]` index's keys
 * only (no event document is read): ONE key cursor over the live range, advanced with a plain
 * `continue()` and counted per case id here. A plain `continue()` is what Chromium prefetches (it fetches
 * the following keys in batches); a `continue(key)` jump or a per-case `count` is one IndexedDB round
 * trip per case, which cost about 5 ms a case at 50k cases (docs/architecture.md "Projection").
 */
export async function eventCountsByCase(db: DeskDatabase): Promise<Map<string, number>> {
  const collection = db.events as unknown as RxCollection<unknown>;
  const state = await internalsOf(collection);
  const counts = new Map<string, number>();
  await state.dexieDb.transaction('r', state.dexieTable, async (tx) => {
    const store = tx.idbtrans.objectStore(DEXIE_DOCS_TABLE_NAME);
    const first = caseRange(collection, state, '');
    // The index is [_deleted, caseId, id]; live documents share the first key part.
    const live = (first.range.lower as IDBValidKey[])[0]!;
    const keyRange = state.dexieDb._options.IDBKeyRange as typeof IDBKeyRange;
    await new Promise<void>((resolve, reject) => {
      const cursor = store.index(first.index).openKeyCursor(keyRange.bound([live], [live, []]));
      cursor.onerror = () => reject(cursor.error ?? new Error('IndexedDB cursor failed'));
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c) return resolve();
        const caseId = (c.key as unknown[])[1] as string;
        counts.set(caseId, (counts.get(caseId) ?? 0) + 1);
        c.continue();
      };
    });
  });
  return counts;
}

/** The id and number of folded events of every stored case, read in pages so memory stays flat. */
export async function caseEventCounts(db: DeskDatabase, pageSize = 2000): Promise<Map<string, number>> {
  const state = await internalsOf(db.cases as unknown as RxCollection<unknown>);
  const keyRange = state.dexieDb._options.IDBKeyRange as typeof IDBKeyRange;
  const out = new Map<string, number>();
  let after: string | undefined;
  for (;;) {
    const page = await state.dexieDb.transaction('r', state.dexieTable, (tx) => {
      const store = tx.idbtrans.objectStore(DEXIE_DOCS_TABLE_NAME);
      const range = after === undefined ? undefined : keyRange.lowerBound(after, true);
      return request(store.getAll(range, pageSize)) as Promise<(CaseDoc & { _deleted: string })[]>;
    });
    for (const d of page) if (d._deleted !== '1') out.set(d.id, d.state.timeline.length);
    if (page.length < pageSize) return out;
    after = page[page.length - 1]!.id;
  }
}
