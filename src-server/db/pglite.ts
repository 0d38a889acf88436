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
    async close() {
      try {
        if (!pg.closed) await pg.close();
      } finally {
        lock?.release();
      }
    },
  };
}
