import Dexie from 'dexie';

// Baseline for the desk's cold queue (bench/desk.bench.ts), in a tab of its own: open the cases table
// straight with Dexie and read the open cases through the same index the desk's query uses.

export async function dexieOpenCases(databaseName: string): Promise<{ ms: number; count: number; index: string }> {
  // The cases' Dexie database carries the collection's schema version (rxdb-dexie-<db>--<version>--cases).
  const stored = (await indexedDB.databases()).map((d) => d.name ?? '');
  const casesDb = stored.find((n) => n.startsWith(`rxdb-dexie-${databaseName}--`) && n.endsWith('--cases'));
  if (!casesDb) throw new Error(`no cases database for ${databaseName} among ${stored.join(', ')}`);
  const t0 = performance.now();
  const dx = new Dexie(casesDb);
  await dx.open();
  const table = dx.table('docs');
  // RxDB stores the index as [_deleted+bucket+dueAt+id], with _deleted as '0'/'1'.
  const index = table.schema.indexes.find((i) => i.name.includes('bucket'));
  const rows = index
    ? await table.where(index.name).between(['0', 'open', Dexie.minKey, Dexie.minKey], ['0', 'open', Dexie.maxKey, Dexie.maxKey]).toArray()
    : await table.filter((d: { bucket?: string }) => d.bucket === 'open').toArray();
  const ms = performance.now() - t0;
  dx.close();
  return { ms, count: rows.length, index: index?.name ?? 'none (scan)' };
}

declare global {
  interface Window {
    dexieBaseline?: typeof dexieOpenCases;
  }
}
window.dexieBaseline = dexieOpenCases;
