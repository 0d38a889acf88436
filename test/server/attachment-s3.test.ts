import { createHash } from 'node:crypto';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';
import { startTestServer, demoDesk, type TestServer, type EnrolledDesk } from './setup';
import { startTestBucket, S3_TEST_CREDENTIALS, type TestBucket } from './object-store';
import { getBody, http, push, putBody } from './client';
import { startServer } from '../../src-server/server';
import { databaseBodyStore } from '../../src-server/sync/attachment-store';
import { s3OptionsFromEnv } from '../../src-server/sync/s3-body-store';
import { attachmentPath } from '../../src-shared/sync/contract';
import { makeEvent, makeRegistration, ulidAt, DAY } from '../../src-shared/domain/projection.fixtures';
import { TEST_NOW } from '../helpers/clock';

// Issue 13 §3: attachment bodies in an S3-compatible bucket (src-server/sync/s3-body-store.ts), against a
// real S3-compatible server (s3rver from npm, test/server/object-store.ts) on a free loopback port. What
// the shared suite (attachment-bodies.test.ts) cannot say for both stores: the bytes are in the bucket and
// not in the database, the bucket is not trusted on the way back, a lost object is healed by the desk's next
// upload, and a wrong setting stops the server at start without printing the credentials.

const T0 = TEST_NOW - DAY;
let serial = 0;
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
function jpeg(size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set([0xff, 0xd8, 0xff, 0xe0]);
  const seed = ++serial;
  for (let i = 4; i < size; i++) out[i] = (i * 13 + seed * 101) & 0xff;
  return out;
}

describe.each(BACKENDS)('attachment bodies in an S3-compatible bucket (%s)', (backend) => {
  let t: TestServer;
  let hq: EnrolledDesk;

  beforeAll(async () => {
    t = await startTestServer(backend, { sync: { now: () => TEST_NOW }, store: 's3', s3Prefix: 'jiesu/' });
    hq = await demoDesk(t);
  });
  afterAll(async () => t?.stop());

  /** A case with one attachment event naming the bytes, pushed by the desk. */
  async function referenced(bytes: Uint8Array): Promise<string> {
    const hash = sha256(bytes);
    const actorId = hq.org.staffIds[0]!;
    const caseId = `${hq.deskCode}-20261127-${String(++serial).padStart(5, '0')}`;
    const env = { caseId, orgId: hq.orgId, siteId: hq.siteId, deskId: hq.deskId, actorId, policyRevision: 1 };
    const reg = makeRegistration(T0, { number: caseId, firstReceiverId: actorId }, { ...env, id: ulidAt(T0, ++serial) });
    const added = makeEvent('case.attachment_added', { hash, type: 'image/jpeg', size: bytes.length, name: '现场.jpg', kind: 'evidence' }, T0 + 60_000, {
      ...env,
      id: ulidAt(T0 + 60_000, ++serial),
    });
    const r = await push(t.url, hq.token, 'events', [reg, added]);
    expect(r.body).toEqual([]);
    return hash;
  }
  const key = (hash: string) => `jiesu/${hq.orgId}/${hash}`;
  const send = (command: PutObjectCommand | DeleteObjectCommand) => t.bucket!.client.send(command as PutObjectCommand);

  it('a body uploaded through the server lands in the bucket under <prefix><org>/<sha256>, read back by an S3 client; the database holds no body bytes', async () => {
    const bodies = [jpeg(500_000), jpeg(3000), jpeg(120_000)];
    for (const bytes of bodies) {
      const hash = await referenced(bytes);
      expect((await putBody(t.url, hq.token, hash, bytes)).status).toBe(201);
      // Straight from the bucket, not through the server.
      expect(Buffer.from((await t.bucket!.read(key(hash)))!).equals(Buffer.from(bytes))).toBe(true);
      const got = await getBody(t.url, hq.token, hash);
      expect([got.status, got.type, sha256(got.bytes)]).toEqual([200, 'image/jpeg', hash]);
    }
    expect(t.server.bodies.kind).toBe('s3');
    expect(await t.bucket!.objects()).toEqual(bodies.map((b) => ({ key: key(sha256(b)), size: b.length })).sort((a, b) => (a.key < b.key ? -1 : 1)));
    // The index rows are there (HEAD, backups and copy-to-postgres read them); not one byte of a body.
    const [row] = await t.server.db.query<{ n: number | string; bytes: number | string | null; size: number | string }>(
      'select count(*) as n, sum(octet_length(bytes)) as bytes, sum(size) as size from attachment_bodies',
    );
    expect([Number(row!.n), row!.bytes, Number(row!.size)]).toEqual([3, null, 623_000]);
    const listed = [];
    for await (const entry of t.server.bodies.list(hq.orgId)) listed.push(entry);
    expect(listed.map((e) => [e.hash, e.size, e.inDatabase])).toEqual(bodies.map((b) => [sha256(b), b.length, false]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
  });

  it('an object lost from the bucket reads as not uploaded (HEAD and GET 404), and the desk’s next upload puts it back', async () => {
    const bytes = jpeg(4000);
    const hash = await referenced(bytes);
    expect((await putBody(t.url, hq.token, hash, bytes)).status).toBe(201);
    // The bucket comes back from an older copy, or someone deleted the object.
    await send(new DeleteObjectCommand({ Bucket: t.bucket!.options.bucket, Key: key(hash) }));
    expect((await http(t.url, 'HEAD', attachmentPath(hash), { token: hq.token })).status).toBe(404);
    expect((await getBody(t.url, hq.token, hash)).error).toBe('attachmentNotUploaded');
    const again = await putBody(t.url, hq.token, hash, bytes);
    expect([again.status, again.body.stored]).toEqual([201, true]);
    expect(Buffer.from((await t.bucket!.read(key(hash)))!).equals(Buffer.from(bytes))).toBe(true);
    expect((await getBody(t.url, hq.token, hash)).status).toBe(200);
  });

  it('bytes changed in the bucket are never served: the server answers 500 without them', async () => {
    const bytes = jpeg(5000);
    const hash = await referenced(bytes);
    expect((await putBody(t.url, hq.token, hash, bytes)).status).toBe(201);
    const forged = bytes.slice();
    forged[100] = forged[100]! ^ 0xff;
    await send(new PutObjectCommand({ Bucket: t.bucket!.options.bucket, Key: key(hash), Body: forged }));
    const got = await getBody(t.url, hq.token, hash);
    expect([got.status, got.error]).toEqual([500, 'internal']);
    expect(got.bytes.length).toBeLessThan(1000);
  });

  it('a body kept in the database before the bucket was configured is still served from its row; HEAD says it is held', async () => {
    const bytes = jpeg(6000);
    const hash = await referenced(bytes);
    await databaseBodyStore(t.server.db).put({ orgId: hq.orgId, siteId: hq.siteId, deskId: hq.deskId, scope: 'org' }, hash, 'image/jpeg', bytes, T0);
    expect((await http(t.url, 'HEAD', attachmentPath(hash), { token: hq.token })).status).toBe(200);
    const got = await getBody(t.url, hq.token, hash);
    expect(Buffer.from(got.bytes).equals(Buffer.from(bytes))).toBe(true);
    // Already held: a repeated upload changes nothing and does not copy it into the bucket.
    expect((await putBody(t.url, hq.token, hash, bytes)).status).toBe(200);
    expect(await t.bucket!.read(key(hash))).toBeUndefined();
  });
});

describe('the S3 store’s settings', () => {
  let bucket: TestBucket;
  beforeAll(async () => {
    bucket = await startTestBucket();
  });
  afterAll(async () => bucket?.stop());

  it('a wrong secret or a missing bucket stops the server at start, naming the bucket and never the secret', async () => {
    const secret = 'wrong-secret-7f3a9c';
    const refused = await startServer({ port: 0, s3: { ...bucket.options, credentials: { ...S3_TEST_CREDENTIALS, secretAccessKey: secret } } }).then(
      () => 'started',
      (e: Error) => e.message,
    );
    expect(refused).toMatch(new RegExp(`^附件存储桶 s3://${bucket.options.bucket}/ \\(${bucket.options.endpoint}\\) 不可用（SignatureDoesNotMatch 403）`));
    expect(refused).not.toContain(secret);
    await expect(startServer({ port: 0, s3: { ...bucket.options, bucket: 'no-such-bucket' } })).rejects.toThrow(/s3:\/\/no-such-bucket\/.*NoSuchBucket/);
  });

  it('JIESU_S3_* configure it; without JIESU_S3_BUCKET the bodies stay in the database', () => {
    expect(s3OptionsFromEnv({})).toBeUndefined();
    expect(s3OptionsFromEnv({ JIESU_S3_ENDPOINT: 'http://127.0.0.1:9000' })).toBeUndefined();
    expect(
      s3OptionsFromEnv({
        JIESU_S3_BUCKET: 'bodies',
        JIESU_S3_ENDPOINT: 'http://127.0.0.1:9000',
        JIESU_S3_REGION: 'cn-north-1',
        JIESU_S3_PREFIX: 'jiesu/',
        JIESU_S3_FORCE_PATH_STYLE: 'false',
      }),
    ).toEqual({
      bucket: 'bodies',
      endpoint: 'http://127.0.0.1:9000',
      region: 'cn-north-1',
      prefix: 'jiesu/',
      forcePathStyle: false,
    });
    expect(() => s3OptionsFromEnv({ JIESU_S3_BUCKET: 'bodies', JIESU_S3_FORCE_PATH_STYLE: 'yes' })).toThrow(/JIESU_S3_FORCE_PATH_STYLE/);
  });
});
