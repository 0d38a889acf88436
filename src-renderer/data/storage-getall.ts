import type { PreparedQuery, RxStorage, RxStorageInstanceCreationParams, RxStorageQueryResult } from 'rxdb';
import {
  DEXIE_DOCS_TABLE_NAME,
  dexieReplaceIfStartsWithPipe,
  fromDexieToStorage,
  getKeyRangeByQueryPlan,
  type RxStorageInstanceDexie,
} from 'rxdb/plugins/storage-dexie';

// RxDB's Dexie storage answers every query by walking an IndexedDB cursor, one `continue()` round trip
// per document. When the query plan says one index range already holds exactly the answer, in order
// (no matcher, no re-sort, no skip/limit), a single `getAll` on that range returns the same documents in
// one round trip. The desk's open queue (bucket, dueAt) is such a query: on a store of 50k cases its
// cold read of ~500 open cases is what the clerk waits for after start. Every other query takes RxDB's
// own path unchanged.

function answerableByGetAll(q: PreparedQuery<unknown>): boolean {
  const plan = q.queryPlan;
  return plan.selectorSatisfiedByIndex && plan.sortSatisfiedByIndex && !q.query.skip && typeof q.query.limit !== 'number';
}

async function getAllQuery(instance: RxStorageInstanceDexie<unknown>, q: PreparedQuery<unknown>): Promise<RxStorageQueryResult<unknown>> {
  const state = await instance.internals;
  const plan = q.queryPlan;
  const range = getKeyRangeByQueryPlan(state.booleanIndexes, plan, state.dexieDb._options.IDBKeyRange);
  const indexName = `[${plan.index.map((f) => dexieReplaceIfStartsWithPipe(f)).join('+')}]`;
  const raw = await state.dexieDb.transaction('r', state.dexieTable, (tx) => {
    const request = tx.idbtrans.objectStore(DEXIE_DOCS_TABLE_NAME).index(indexName).getAll(range);
    return new Promise<unknown[]>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result as unknown[]);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB getAll failed'));
    });
  });
  return { documents: raw.map((d) => fromDexieToStorage(state.booleanIndexes, d)) };
}

/** The Dexie storage with the one-round-trip path for index-answerable queries. */
export function withGetAllQueries(storage: RxStorage<unknown, unknown>): RxStorage<unknown, unknown> {
  return {
    name: storage.name,
    rxdbVersion: storage.rxdbVersion,
    async createStorageInstance<T>(params: RxStorageInstanceCreationParams<T, unknown>) {
      const instance = await storage.createStorageInstance(params);
      const cursorQuery = instance.query.bind(instance);
      instance.query = (q) =>
        answerableByGetAll(q as PreparedQuery<unknown>)
          ? (getAllQuery(instance as unknown as RxStorageInstanceDexie<unknown>, q as PreparedQuery<unknown>) as Promise<RxStorageQueryResult<T>>)
          : cursorQuery(q);
      return instance;
    },
  };
}
