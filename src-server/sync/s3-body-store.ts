import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Database } from '../db/types';
import { indexRow, insertIndexRow, listBodyIndex, type BodyStore } from './attachment-store';

// Attachment bodies in an S3-compatible bucket (issue 13 §3, docs/operations.md §4 "附件存储"): for
// organisations whose many sites would fill the database with photos. The bytes go to
// `<prefix><orgId>/<sha256>`; `attachment_bodies` keeps the index row (type, size, who, when) with `bytes`
// null, so HEAD, the backup walk and `copy-to-postgres` read the database, not the bucket. A body is put
// in the bucket first and recorded after, so a recorded body is always whole there; a crash between the
// two leaves an object nothing names, which the desk's next upload of the same bytes overwrites. Bodies
// recorded before the bucket was configured keep their bytes in the row and are served from it.
//
// Credentials are never options read or printed by this server: the AWS SDK finds them itself
// (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, ~/.aws, or the machine's role); tests pass them in.

export interface S3BodyStoreOptions {
  bucket: string;
  /** An S3-compatible server's URL (MinIO, Ceph RGW, Garage, a cloud's S3 service); omitted → AWS S3. */
  endpoint?: string;
  /** Omitted → AWS_REGION, else us-east-1 (most S3-compatible servers accept any region). */
  region?: string;
  /** Put before `<orgId>/<sha256>`, e.g. `jiesu/` to share a bucket. */
  prefix?: string;
  /** `http://host/bucket/key` instead of `http://bucket.host/key`; default: on when an endpoint is given. */
  forcePathStyle?: boolean;
  /** Tests only; otherwise the SDK's own chain (environment, shared files, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** The S3 store's options from the environment (docs/operations.md), or undefined when JIESU_S3_BUCKET is not set. */
export function s3OptionsFromEnv(env: NodeJS.ProcessEnv = process.env): S3BodyStoreOptions | undefined {
  const bucket = env.JIESU_S3_BUCKET?.trim();
  if (!bucket) return undefined;
  const pathStyle = env.JIESU_S3_FORCE_PATH_STYLE?.trim().toLowerCase();
  if (pathStyle && !['true', 'false', '1', '0'].includes(pathStyle))
    throw new Error(`JIESU_S3_FORCE_PATH_STYLE 应为 true 或 false / should be true or false: ${pathStyle}`);
  return {
    bucket,
    ...(env.JIESU_S3_ENDPOINT?.trim() ? { endpoint: env.JIESU_S3_ENDPOINT.trim() } : {}),
    ...(env.JIESU_S3_REGION?.trim() ? { region: env.JIESU_S3_REGION.trim() } : {}),
    ...(env.JIESU_S3_PREFIX?.trim() ? { prefix: env.JIESU_S3_PREFIX.trim() } : {}),
    ...(pathStyle ? { forcePathStyle: pathStyle === 'true' || pathStyle === '1' } : {}),
  };
}

/** The object key of a body: the organisation first, so a bucket listing or a lifecycle rule can be per organisation. */
export function bodyKey(prefix: string, orgId: string, hash: string): string {
  return `${prefix}${orgId}/${hash}`;
}

/** An S3 error's name and HTTP status, never its message's request details or anything from the request. */
function s3Failure(e: unknown): { name: string; status: number | undefined } {
  const err = e as { name?: unknown; $metadata?: { httpStatusCode?: number } };
  return { name: typeof err?.name === 'string' ? err.name : 'Error', status: err?.$metadata?.httpStatusCode };
}
const isMissing = (e: unknown) => {
  const { name, status } = s3Failure(e);
  return name === 'NoSuchKey' || name === 'NotFound' || (status === 404 && name !== 'NoSuchBucket');
};

/** The bucket store, and the move of bodies kept in the database before it was configured. */
export interface S3BodyStore extends BodyStore {
  /**
   * Puts every body still in a database row into the bucket and empties the row's bytes (the row stays as
   * the index): `admin move-bodies-to-s3`. One body at a time, so memory stays at one body; safe to stop and
   * run again. Returns how many were moved.
   */
  moveFromDatabase(log?: (line: string) => void): Promise<number>;
}

/**
 * Opens the bucket store: checks at start that the bucket answers and the credentials are accepted (a
 * missing key must read as missing, which needs s3:ListBucket), so a wrong setting stops the server
 * instead of failing each upload.
 */
export async function openS3BodyStore(db: Database, opts: S3BodyStoreOptions): Promise<S3BodyStore> {
  // Loaded only when configured: the two-command setup never pays for the SDK.
  const s3 = await import('@aws-sdk/client-s3');
  const prefix = opts.prefix ?? '';
  const client: S3Client = new s3.S3Client({
    region: opts.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    forcePathStyle: opts.forcePathStyle ?? Boolean(opts.endpoint),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
  });
  const where = `s3://${opts.bucket}/${prefix}${opts.endpoint ? ` (${opts.endpoint})` : ''}`;
  const key = (orgId: string, hash: string) => bodyKey(prefix, orgId, hash);

  try {
    // GET, not HEAD: only a GET's answer tells a missing key (NoSuchKey, the expected one) from a missing bucket.
    const probe = await client.send(new s3.GetObjectCommand({ Bucket: opts.bucket, Key: `${prefix}.jiesu-start-check` }));
    await probe.Body?.transformToByteArray();
  } catch (e) {
    if (s3Failure(e).name !== 'NoSuchKey') {
      client.destroy();
      const { name, status } = s3Failure(e);
      throw new Error(
        `附件存储桶 ${where} 不可用（${name}${status ? ` ${status}` : ''}）：请检查存储桶名称、地址、区域和凭据（需要 s3:GetObject、s3:PutObject、s3:ListBucket 权限）。` +
          ` / The attachment bucket ${where} is not usable (${name}${status ? ` ${status}` : ''}): check the bucket, endpoint, region and credentials (s3:GetObject, s3:PutObject and s3:ListBucket are needed).`,
        // The SDK's error names the key ID and the string it signed, never the secret.
        { cause: e },
      );
    }
  }

  /** Whether the bucket holds the object (the index row may outlive it: a bucket restored from an older copy). */
  async function inBucket(orgId: string, hash: string): Promise<boolean> {
    try {
      await client.send(new s3.HeadObjectCommand({ Bucket: opts.bucket, Key: key(orgId, hash) }));
      return true;
    } catch (e) {
      if (isMissing(e)) return false;
      throw e;
    }
  }

  async function has(orgId: string, hash: string): Promise<boolean> {
    const row = await indexRow(db, orgId, hash);
    if (!row) return false;
    return row.bytes !== null || inBucket(orgId, hash);
  }

  return {
    kind: 's3',
    where,
    has,
    async put(scope, hash, type, bytes, now) {
      // A row whose object is gone is sent again by the desk (HEAD said 404): the object is put back.
      if (await has(scope.orgId, hash)) return false;
      await client.send(
        new s3.PutObjectCommand({ Bucket: opts.bucket, Key: key(scope.orgId, hash), Body: bytes, ContentLength: bytes.byteLength, ContentType: type }),
      );
      await insertIndexRow(db, scope, hash, type, bytes.byteLength, null, now);
      return true;
    },
    async get(orgId, hash) {
      const row = await indexRow(db, orgId, hash);
      if (!row) return undefined;
      if (row.bytes) return { type: row.type, size: row.size, bytes: row.bytes };
      let bytes: Uint8Array;
      try {
        const object = await client.send(new s3.GetObjectCommand({ Bucket: opts.bucket, Key: key(orgId, hash) }));
        bytes = await object.Body!.transformToByteArray();
      } catch (e) {
        if (isMissing(e)) return undefined;
        throw e;
      }
      // The bucket is outside the server's checks: what it returns is served only if it is the body recorded.
      if (bytes.byteLength !== row.size || createHash('sha256').update(bytes).digest('hex') !== hash) {
        throw new Error(`attachment body ${orgId}/${hash} in ${where} does not match its hash or size`);
      }
      return { type: row.type, size: row.size, bytes };
    },
    list: (orgId) => listBodyIndex(db, orgId),
    async moveFromDatabase(log = () => undefined) {
      let moved = 0;
      for await (const entry of listBodyIndex(db)) {
        if (!entry.inDatabase) continue;
        const row = await indexRow(db, entry.orgId, entry.hash);
        if (!row?.bytes) continue;
        await client.send(
          new s3.PutObjectCommand({
            Bucket: opts.bucket,
            Key: key(entry.orgId, entry.hash),
            Body: row.bytes,
            ContentLength: row.bytes.byteLength,
            ContentType: row.type,
          }),
        );
        // Emptied only once the bucket holds it: a stop in between leaves the body in both, never in neither.
        await db.query('update attachment_bodies set bytes = null where org_id = $1 and hash = $2', [entry.orgId, entry.hash]);
        moved++;
        if (moved % 100 === 0) log(`${moved}`);
      }
      return moved;
    },
    async close() {
      client.destroy();
    },
  };
}
