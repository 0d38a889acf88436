import { PGlite } from '@electric-sql/pglite';
import { lockDataFolder, dataFolderError } from './folder-lock';
import { assertChannel, type Database, type Queryable, type SqlParam } from './types';

// Embedded PostgreSQL (WASM) in the server process: `npm run server` needs nothing installed.
// PGlite is single-connection; it serialises queries and transactions itself.

export async function openPglite(dataDir?: string): Promise<Database> {
  // undefined → in memory (tests); a folder path → persisted there (PGlite creates only the last level).
  const dir = dataDir && dataDir !== 'memory://' ? dataDir : undefined;
  // One process per folder: a second server or admin command stops here with a message naming it.
  const lock = dir ? lockDataFolder(dir) : undefined;
  let pg: PGlite;
  try {
    pg = await PGlite.create(dir);
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
