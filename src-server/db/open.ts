import type { Database } from './types';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import { migrate } from './migrate';

export interface DatabaseOptions {
  /** postgres://… → a real PostgreSQL; otherwise PGlite. */
  databaseUrl?: string;
  /** PGlite data folder; undefined or 'memory://' keeps everything in memory (tests). */
  dataDir?: string;
}

/** Opens the configured database and brings its schema up to date before anything else touches it. */
export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  const db = opts.databaseUrl ? await openPostgres(opts.databaseUrl) : await openPglite(opts.dataDir);
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
