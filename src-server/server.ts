import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from './app';
import { openDatabase } from './db/open';
import type { Database } from './db/types';
import type { PresetLookup } from './presets';
import type { SyncOptions } from './plugins/sync';
import type { Keyring } from './confidential/keyring';
import { openKeyring } from './confidential/open-keyring';

// Entry point for everything that runs the server: `npm run server` (cli.ts), the desktop shell's
// scripts/start.ts, tests and benches. Only binds 127.0.0.1 unless told otherwise.

export interface StartServerOptions {
  /** postgres://… → a real PostgreSQL (takes precedence over dataDir). */
  databaseUrl?: string;
  /** PGlite data folder; omitted or 'memory://' → in memory. */
  dataDir?: string;
  /** 0 → any free port. */
  port?: number;
  host?: string;
  logger?: FastifyServerOptions['logger'];
  presets?: PresetLookup;
  sync?: SyncOptions;
  /** The master key itself (tests); otherwise JIESU_MASTER_KEY, JIESU_MASTER_KEY_FILE or the data folder's key file. */
  masterKey?: Buffer;
}

export interface RunningServer {
  url: string;
  port: number;
  app: FastifyInstance;
  db: Database;
  keyring: Keyring;
  /** Where the master key came from: a file path, an environment variable's name, 'option' or 'memory'. */
  masterKeySource: string;
  close(): Promise<void>;
}

export async function startServer(opts: StartServerOptions = {}): Promise<RunningServer> {
  const db = await openDatabase({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir });
  try {
    const { keyring, source } = await openKeyring(db, { masterKey: opts.masterKey, databaseUrl: opts.databaseUrl, dataDir: opts.dataDir });
    const { app } = await buildApp({ db, keyring, logger: opts.logger, presets: opts.presets, sync: opts.sync });
    const host = opts.host ?? '127.0.0.1';
    await app.listen({ port: opts.port ?? 0, host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : (opts.port ?? 0);
    let closed = false;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      port,
      app,
      db,
      keyring,
      masterKeySource: source,
      async close() {
        if (closed) return;
        closed = true;
        await app.close();
        await db.close();
      },
    };
  } catch (e) {
    await db.close();
    throw e;
  }
}
