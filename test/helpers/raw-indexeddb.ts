// Everything an IndexedDB factory holds, read raw (not through RxDB or the body store): what a stolen disk
// gives. Node tests pass fake-indexeddb; a Chromium test runs the same walk in the page (RAW_INDEXEDDB_SCAN).

export interface RawContents {
  /** `<database>/<object store>` of every store read. */
  stores: string[];
  /** Every stored value as JSON, binary parts left out. */
  text: string;
  /** Every binary part (ArrayBuffer, typed array, Blob excluded) as lower-case hex. */
  bytes: string;
}

/** The walk as a page script: defines `window.__rawIndexedDb()` resolving to RawContents. */
export const RAW_INDEXEDDB_SCAN = `
window.__rawIndexedDb = async function (idb = indexedDB) {
  const stores = [];
  const texts = [];
  const bytes = [];
  const hex = (u8) => Array.from(u8, (b) => b.toString(16).padStart(2, '0')).join('');
  const replacer = (_k, v) => {
    if (v instanceof ArrayBuffer) return (bytes.push(hex(new Uint8Array(v))), '[bytes]');
    if (ArrayBuffer.isView(v)) return (bytes.push(hex(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))), '[bytes]');
    return v;
  };
  for (const info of await idb.databases()) {
    const db = await new Promise((resolve, reject) => {
      const req = idb.open(info.name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    for (const name of Array.from(db.objectStoreNames)) {
      stores.push(info.name + '/' + name);
      const values = await new Promise((resolve, reject) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      texts.push(JSON.stringify(values, replacer));
    }
    db.close();
  }
  return { stores, text: texts.join('\\n'), bytes: bytes.join('\\n') };
};
`;

type Scan = (idb: IDBFactory) => Promise<RawContents>;

/** Reads every database and object store of `idb` raw. */
export function everyStoredValue(idb: IDBFactory): Promise<RawContents> {
  const scope: { window?: { __rawIndexedDb?: Scan } } = { window: {} };
  new Function('window', 'indexedDB', RAW_INDEXEDDB_SCAN)(scope.window, idb);
  return scope.window!.__rawIndexedDb!(idb);
}
