import { PGlite, types } from '@electric-sql/pglite';
import { lockDataFolder, dataFolderError } from './folder-lock';
import { assertChannel, type Database, type Queryable, type SqlParam } from './types';

// Embedded PostgreSQL (WASM) in the server process: `npm run server` needs nothing installed.
// PGlite is single-connection; it serialises queries and transactions itself.

// PGlite turns a bytea parameter into its hex text, and a bytea result back, one byte at a time in
// JavaScript (an array of 2-character strings): 1.4 s to insert a 500 kB photo and 0.27 s to read it, on this
// 2-core machine at load 9 (issue 13, docs/performance.md "Attachment bodies up and down"). A parameter is
// handed over as the bytes themselves instead: pg-protocol's bind sends a Uint8Array in PostgreSQL's binary
// format (bytea's binary form is the bytes), so a 500 kB body never becomes 1 MB of hex text that is then
// measured and encoded character by character — about half of an insert's time. Results still come back
// as text (PGlite asks for no other format); Node's Buffer parses their hex in native code.
export const byteaOptions = {
  serializers: {
    // Typed as returning text in PGlite's options; at run time its bind takes a string or bytes.
    [types.BYTEA]: ((x: Uint8Array) => {
      if (!(x instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
      return x;
    }) as unknown as (x: Uint8Array) => string,
  },
  parsers: {
    [types.BYTEA]: (x: string) => {
      const b = Buffer.from(x.slice(2), 'hex');
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    },
  },
};

/** PostgreSQL's COPY BINARY signature ("PGCOPY\n\xff\r\n\0"), then 32-bit flags and header-extension length. */
const COPY_SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];

/** The first field of the first row of a COPY … (FORMAT binary) output: undefined when it has no row. */
export function firstCopyField(out: Uint8Array): Uint8Array | null | undefined {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  if (out.byteLength < 19 || COPY_SIGNATURE.some((b, i) => out[i] !== b)) throw new Error('not a binary COPY output');
  const at = 19 + view.getUint32(15);
  const fields = view.getInt16(at);
  if (fields === -1) return undefined;
  if (fields < 1) throw new Error('binary COPY row without fields');
  const length = view.getInt32(at + 2);
  if (length === -1) return null;
  if (at + 6 + length > out.byteLength) throw new Error('binary COPY output cut short');
  return out.subarray(at + 6, at + 6 + length);
}

/** `sql` with its $n parameters written in as SQL string literals (COPY takes no parameters). */
export function inlineParams(sql: string, params: readonly string[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    if (typeof value !== 'string' || value.includes('\0')) throw new Error(`parameter $${n} is not a string`);
    // standard_conforming_strings is on (PostgreSQL's default, never changed here): a backslash is itself.
    return `'${value.replaceAll("'", "''")}'`;
  });
}

export async function openPglite(dataDir?: string): Promise<Database> {
  // undefined → in memory (tests); a folder path → persisted there (PGlite creates only the last level).
  const dir = dataDir && dataDir !== 'memory://' ? dataDir : undefined;
  // One process per folder: a second server or admin command stops here with a message naming it.
  const lock = dir ? lockDataFolder(dir) : undefined;
  let pg: PGlite;
  try {
    pg = await PGlite.create(dir, byteaOptions);
  } catch (e) {
    lock?.release();
    throw dir ? dataFolderError(dir, e) : e;
  }
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<T extends object>(sql: string, params: readonly SqlParam[] = []) {
      const r = await q.query<T>(sql, params as unknown[]);
      return r.rows;
    },
  });
  const root = wrap(pg);
  return {
    kind: 'pglite',
    query: root.query,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async listen(channel, onPayload) {
      assertChannel(channel);
      const unlisten = await pg.listen(channel, onPayload);
      return async () => {
        if (!pg.closed) await unlisten();
      };
    },
    async notify(channel, payload) {
      assertChannel(channel);
      await pg.query('select pg_notify($1, $2)', [channel, payload]);
    },
    // A bytea read as 1 MB of hex text cost three times what the same bytes cost through COPY's binary
    // format into PGlite's /dev/blob (docs/performance.md "Attachment bodies up and down").
    async readBytes(sql, params) {
      const result = await pg.query(`copy (${inlineParams(sql, params)}) to '/dev/blob' with (format binary)`);
      if (!result.blob) throw new Error('COPY to /dev/blob gave no blob');
      return firstCopyField(new Uint8Array(await result.blob.arrayBuffer()));
    },
    async close() {
      try {
        if (!pg.closed) await pg.close();
      } finally {
        lock?.release();
      }
    },
  };
}
