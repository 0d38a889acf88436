import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from './app';
import { openDatabase } from './db/open';
import type { Database } from './db/types';
import type { PresetLookup } from './presets';
import type { SyncOptions } from './plugins/sync';
import type { Keyring } from './confidential/keyring';
import { keyringLogLine, openKeyring } from './confidential/open-keyring';
import { databaseBodyStore, type BodyStore } from './sync/attachment-store';
import { openS3BodyStore, type S3BodyStoreOptions } from './sync/s3-body-store';

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
  /** With `masterKey`: previous master keys, which only open data keys (otherwise JIESU_MASTER_KEY_PREVIOUS[_FILE]). */
  previousMasterKeys?: readonly Buffer[];
  /** Attachment bodies in this S3-compatible bucket instead of the database (cli.ts reads JIESU_S3_*). */
  s3?: S3BodyStoreOptions;
}

export interface RunningServer {
  url: string;
  port: number;
  app: FastifyInstance;
  db: Database;
  keyring: Keyring;
  /** Where attachment bodies are kept. */
  bodies: BodyStore;
  /** Where the master key came from: a file path, an environment variable's name, 'option' or 'memory'. */
  masterKeySource: string;
  close(): Promise<void>;
}

export async function startServer(opts: StartServerOptions = {}): Promise<RunningServer> {
  const db = await openDatabase({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir });
  let bodies: BodyStore | undefined;
  try {
    const opened = await openKeyring(db, {
      masterKey: opts.masterKey,
      previousMasterKeys: opts.previousMasterKeys,
      databaseUrl: opts.databaseUrl,
      dataDir: opts.dataDir,
    });
    const { keyring, source } = opened;
    bodies = opts.s3 ? await openS3BodyStore(db, opts.s3) : databaseBodyStore(db);
    const { app } = await buildApp({ db, keyring, bodies, logger: opts.logger, presets: opts.presets, sync: opts.sync });
    const line = keyringLogLine(opened);
    app.log[line.level](line.fields, line.msg);
    const host = opts.host ?? '127.0.0.1';
    await app.listen({ port: opts.port ?? 0, host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : (opts.port ?? 0);
    let closed = false;
    const store = bodies;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      port,
      app,
      db,
      keyring,
      bodies: store,
      masterKeySource: source,
      async close() {
        if (closed) return;
        closed = true;
        await app.close();
        await store.close();
        await db.close();
      },
    };
  } catch (e) {
    await bodies?.close();
    await db.close();
    throw e;
  }
}
