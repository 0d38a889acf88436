import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from '@20minutes/s3rver';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { S3BodyStoreOptions } from '../../src-server/sync/s3-body-store';

// A real S3-compatible server for the attachment tests (issue 13 §3): s3rver (the maintained
// @20minutes fork, from npm) on a free loopback port, its objects in a temporary folder, with one bucket.
// It checks AWS signature v4 on every request, so the store's requests are signed as a real S3 would
// need, with the credentials below.

/** Where attachment bodies are kept in a test server: the database (default) and the S3 store. */
export type StoreKind = 'database' | 's3';
export const STORES: StoreKind[] = ['database', 's3'];

export const S3_TEST_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface TestBucket {
  /** What startServer's `s3` option is given. */
  options: S3BodyStoreOptions;
  /** A client of its own, as an operator's tool would read the bucket. */
  client: S3Client;
  /** Every object's key and size, in key order. */
  objects(): Promise<{ key: string; size: number }[]>;
  /** An object's bytes, or undefined. */
  read(key: string): Promise<Uint8Array | undefined>;
  stop(): Promise<void>;
}

export async function startTestBucket(bucket = 'jiesu-bodies', prefix?: string): Promise<TestBucket> {
  const directory = await mkdtemp(join(tmpdir(), 'jiesu-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3_TEST_CREDENTIALS });
  // s3rver rebuilds a bucket-level path without the trailing slash that the SDK signs (`/bucket/`), so
  // the listing's signature would not match; real S3 signs the path as sent. Only this test client lists.
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { path?: string };
      if (request.path === `/${bucket}/`) request.path = `/${bucket}`;
      return next(args);
    },
    { step: 'build', name: 's3rverBucketPath' },
  );
  return {
    options: { bucket, endpoint, credentials: S3_TEST_CREDENTIALS, ...(prefix ? { prefix } : {}) },
    client,
    async objects() {
      const out: { key: string; size: number }[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ...(token ? { ContinuationToken: token } : {}) }));
        for (const o of page.Contents ?? []) out.push({ key: o.Key!, size: o.Size ?? 0 });
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
    async read(key) {
      try {
        const o = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return await o.Body!.transformToByteArray();
      } catch (e) {
        if ((e as { name?: string }).name === 'NoSuchKey') return undefined;
        throw e;
      }
    },
    async stop() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
