import pg from 'pg';
import { randomBytes } from 'node:crypto';

// Every server and sync suite runs against PGlite, and again against a real PostgreSQL when
// DATABASE_URL_TEST is set (CI). Each PostgreSQL run gets its own database, dropped afterwards.

export type Backend = 'pglite' | 'postgres';

export const BACKENDS: Backend[] = process.env.DATABASE_URL_TEST ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  /** Options for startServer / openDatabase; a PostgreSQL database has its own master key (a PGlite folder's is its sibling file). */
  options: { databaseUrl?: string; dataDir?: string; masterKey?: Buffer };
  drop(): Promise<void>;
}

export async function createTestDatabase(backend: Backend, dataDir?: string): Promise<TestDatabase> {
  if (backend === 'pglite') return { options: { dataDir }, drop: async () => undefined };
  const admin = process.env.DATABASE_URL_TEST!;
  const name = `jiesu_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    options: { databaseUrl: url.toString(), masterKey: randomBytes(32) },
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
