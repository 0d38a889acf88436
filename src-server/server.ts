import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from './app';
import { openDatabase } from './db/open';
import type { Database } from './db/types';
import type { PresetLookup } from './presets';
import type { SyncOptions } from './plugins/sync';

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
}

export interface RunningServer {
  url: string;
  port: number;
  app: FastifyInstance;
  db: Database;
  close(): Promise<void>;
}

export async function startServer(opts: StartServerOptions = {}): Promise<RunningServer> {
  const db = await openDatabase({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir });
  try {
    const { app } = await buildApp({ db, logger: opts.logger, presets: opts.presets, sync: opts.sync });
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
