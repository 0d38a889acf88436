import pg from 'pg';
import { assertChannel, type Database, type Queryable, type SqlParam } from './types';

// A real PostgreSQL through a pool; LISTEN uses one dedicated connection that reconnects on loss,
// so the SSE streams of every server instance wake on every commit (docs/architecture.md §Sync).

// int8 (bigint) columns hold sequence numbers far below 2^53: read them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openPostgres(connectionString: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // A broken idle client must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  await pool.query('select 1');

  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T extends object>(sql: string, params: readonly SqlParam[] = []) {
      const r = await c.query(sql, params as unknown[]);
      return r.rows as T[];
    },
  });

  const listeners = new Map<string, Set<(payload: string) => void>>();
  let listenClient: pg.Client | undefined;
  let closed = false;
  let connecting: Promise<pg.Client> | undefined;

  async function connectListener(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString });
    client.on('notification', (msg) => {
      for (const cb of listeners.get(msg.channel) ?? []) cb(msg.payload ?? '');
    });
    client.on('error', () => {
      // Reconnect and re-LISTEN every channel after a lost connection.
      listenClient = undefined;
      connecting = undefined;
      client.end().catch(() => undefined);
      if (!closed) setTimeout(() => void ensureListener().catch(() => undefined), 500);
    });
    await client.connect();
    for (const channel of listeners.keys()) await client.query(`LISTEN ${channel}`);
    listenClient = client;
    return client;
  }

  function ensureListener(): Promise<pg.Client> {
    if (listenClient) return Promise.resolve(listenClient);
    connecting ??= connectListener().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  const root = wrap(pool);
  return {
    kind: 'postgres',
    query: root.query,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(wrap(client));
        await client.query('commit');
        return result;
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      assertChannel(channel);
      let set = listeners.get(channel);
      const isNew = !set;
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(onPayload);
      const client = await ensureListener();
      if (isNew) await client.query(`LISTEN ${channel}`);
      return async () => {
        set.delete(onPayload);
      };
    },
    async notify(channel, payload) {
      assertChannel(channel);
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      closed = true;
      await listenClient?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
