import { Writable } from 'node:stream';
import { startServer, type RunningServer } from '../../src-server/server';
import { createDemoOrg, type DemoOrg } from '../../src-server/demo';
import { createTestDatabase, type Backend, type TestDatabase } from './backends';
import { enrol } from './client';
import type { EnrolResponse } from '../../src-shared/sync/contract';
import type { SyncOptions } from '../../src-server/plugins/sync';
import { startTestBucket, type StoreKind, type TestBucket } from './object-store';

// Starts a server on a fresh database of the given backend, capturing its log lines in memory.

export interface TestServer {
  server: RunningServer;
  url: string;
  logs: string[];
  /** How this server's database was opened: a second instance on PostgreSQL opens the same. */
  database: TestDatabase['options'];
  /** The S3-compatible server holding attachment bodies, when started with `store: 's3'`. */
  bucket?: TestBucket;
  stop(): Promise<void>;
}

export async function startTestServer(
  backend: Backend,
  opts: { dataDir?: string; sync?: SyncOptions; store?: StoreKind; s3Prefix?: string } = {},
): Promise<TestServer> {
  const database: TestDatabase = await createTestDatabase(backend, opts.dataDir);
  const bucket = opts.store === 's3' ? await startTestBucket(undefined, opts.s3Prefix) : undefined;
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const server = await startServer({
    ...database.options,
    port: 0,
    logger: { level: 'trace', stream },
    ...(opts.sync ? { sync: opts.sync } : {}),
    ...(bucket ? { s3: bucket.options } : {}),
  }).catch(async (e: unknown) => {
    await bucket?.stop();
    throw e;
  });
  return {
    server,
    url: server.url,
    logs,
    database: database.options,
    ...(bucket ? { bucket } : {}),
    async stop() {
      await server.close();
      await bucket?.stop();
      await database.drop();
    },
  };
}

export interface EnrolledDesk extends EnrolResponse {
  org: DemoOrg;
}

export async function demoDesk(t: TestServer, opts: Parameters<typeof createDemoOrg>[1] = {}): Promise<EnrolledDesk> {
  const org = await createDemoOrg(t.server.db, opts);
  return { ...(await enrol(t.url, org.code)), org };
}
