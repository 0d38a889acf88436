import type { Database, Queryable } from '../db/types';
import type { DeskScope } from './scope';

// Attachment bodies on the server (issue 13, docs/decisions.md "Attachment bodies on the server"). The
// table `attachment_bodies` is the index of what the server holds: one row per organisation and SHA-256
// with the type, size, who sent it and when, written once (`insert … on conflict do nothing`, so no half
// body is ever visible) and never changed. Where the bytes live is the body store's business: in the
// row's `bytes` column (the database store, the default: the two-command setup needs nothing more) or in
// an S3-compatible bucket under `<prefix><org>/<sha256>` with `bytes` null (s3-body-store.ts). Every read
// and write goes through the events that name the hash, above the store (plugins/attachments.ts): a desk
// reaches a body only through an attachment event of a case it may pull, so a body is never served across
// sites or organisations, and a body no event names is never stored, whichever store holds the bytes.

/** What an attachment event in the desk's scope declares about a body. */
export interface BodyReference {
  type: string;
  size: number;
}

/** At most this many events naming one hash are read: the same photo attached to a few cases, not thousands. */
const REFERENCES_READ = 20;

/** The attachment events of cases this desk may see that name `hash` (through migration 6's partial index). */
export async function referencesInScope(db: Database, scope: DeskScope, hash: string): Promise<BodyReference[]> {
  const rows = await db.query<{ type: string | null; size: string | number | null }>(
    `select (doc::jsonb) -> 'payload' ->> 'type' as type, (doc::jsonb) -> 'payload' ->> 'size' as size
       from events
      where org_id = $1 and type = 'case.attachment_added' and ((doc::jsonb) -> 'payload' ->> 'hash') = $2
        and ($3::text is null or site_id = $3)
      limit ${REFERENCES_READ}`,
    [scope.orgId, hash, scope.scope === 'site' ? scope.siteId : null],
  );
  return rows.filter((r) => typeof r.type === 'string' && r.size !== null).map((r) => ({ type: r.type!, size: Number(r.size) }));
}

export interface StoredBody {
  type: string;
  size: number;
  bytes: Uint8Array;
}

/** One body the server holds, as the index records it (no bytes). */
export interface BodyEntry {
  orgId: string;
  hash: string;
  type: string;
  size: number;
  /** Whether the bytes are in the database row (false: in the object store). */
  inDatabase: boolean;
}

/**
 * Where the server keeps attachment bodies. The caller has checked the hash, size, type and the desk's
 * scope (plugins/attachments.ts); a store keeps and returns bytes by organisation and SHA-256.
 */
export interface BodyStore {
  /** 'database' or 's3', for the start-up line and tests. */
  readonly kind: 'database' | 's3';
  /** Where, in words an operator recognises (no credentials): `database` or `s3://bucket/prefix (endpoint)`. */
  readonly where: string;
  /** Keeps the body unless the organisation holds it already; returns whether this call stored it. */
  put(scope: DeskScope, hash: string, type: string, bytes: Uint8Array, now: number): Promise<boolean>;
  /** The organisation's body of `hash`, or undefined. */
  get(orgId: string, hash: string): Promise<StoredBody | undefined>;
  /** Whether the organisation holds the body, without reading its bytes. */
  has(orgId: string, hash: string): Promise<boolean>;
  /** Every body the server holds (all organisations, or one), in (org, hash) order, a page at a time. */
  list(orgId?: string): AsyncIterable<BodyEntry>;
  close(): Promise<void>;
}

/** Index rows read per page by `list`. */
const LIST_PAGE = 500;

/** The index rows of `attachment_bodies`, a page at a time (keyset, so a long walk never rereads). */
export async function* listBodyIndex(db: Queryable, orgId?: string): AsyncIterable<BodyEntry> {
  let after: [string, string] = ['', ''];
  for (;;) {
    const rows = await db.query<{ org_id: string; hash: string; type: string; size: number | string; in_database: boolean }>(
      `select org_id, hash, type, size, bytes is not null as in_database from attachment_bodies
        where ($1::text is null or org_id = $1) and (org_id, hash) > ($2, $3)
        order by org_id, hash limit ${LIST_PAGE}`,
      [orgId ?? null, after[0], after[1]],
    );
    for (const r of rows) yield { orgId: r.org_id, hash: r.hash, type: r.type, size: Number(r.size), inDatabase: r.in_database };
    if (rows.length < LIST_PAGE) return;
    const last = rows[rows.length - 1]!;
    after = [last.org_id, last.hash];
  }
}

/** The index row of a body, and its bytes when they are in the database. */
export async function indexRow(db: Queryable, orgId: string, hash: string): Promise<{ type: string; size: number; bytes: Uint8Array | null } | undefined> {
  const [row] = await db.query<{ type: string; size: number | string; bytes: Uint8Array | null }>(
    'select type, size, bytes from attachment_bodies where org_id = $1 and hash = $2',
    [orgId, hash],
  );
  return row && { type: row.type, size: Number(row.size), bytes: row.bytes };
}

/** Records a body in the index, with its bytes (database store) or without (object store); whether this call added the row. */
export async function insertIndexRow(
  db: Queryable,
  scope: DeskScope,
  hash: string,
  type: string,
  size: number,
  bytes: Uint8Array | null,
  now: number,
): Promise<boolean> {
  const rows = await db.query(
    `insert into attachment_bodies (org_id, hash, type, size, bytes, desk_id, stored_at) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (org_id, hash) do nothing returning hash`,
    [scope.orgId, hash, type, size, bytes, scope.deskId, now],
  );
  return rows.length > 0;
}

/** The default store: bytes in the index row itself, one backup (pg_dump or the PGlite folder) for everything. */
export function databaseBodyStore(db: Database): BodyStore {
  return {
    kind: 'database',
    where: 'database',
    async put(scope, hash, type, bytes, now) {
      // A row left without bytes by an object store this server no longer uses takes them now (`has` said no).
      const rows = await db.query(
        `insert into attachment_bodies (org_id, hash, type, size, bytes, desk_id, stored_at) values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (org_id, hash) do update set bytes = excluded.bytes where attachment_bodies.bytes is null returning hash`,
        [scope.orgId, hash, type, bytes.byteLength, bytes, scope.deskId, now],
      );
      return rows.length > 0;
    },
    async get(orgId, hash) {
      if (db.readBytes) {
        // PGlite: the index row, then the bytes alone without their hex text (db/pglite.ts). A row's bytes,
        // once there, never change; a row still without them is not served here.
        const [entry] = await db.query<{ type: string; size: number | string }>(
          'select type, size from attachment_bodies where org_id = $1 and hash = $2 and bytes is not null',
          [orgId, hash],
        );
        const bytes = entry && (await db.readBytes('select bytes from attachment_bodies where org_id = $1 and hash = $2', [orgId, hash]));
        return entry && bytes ? { type: entry.type, size: Number(entry.size), bytes } : undefined;
      }
      const row = await indexRow(db, orgId, hash);
      // A row without bytes was stored while an object store was configured: not here without it.
      return row?.bytes ? { type: row.type, size: row.size, bytes: row.bytes } : undefined;
    },
    async has(orgId, hash) {
      return (await db.query('select 1 from attachment_bodies where org_id = $1 and hash = $2 and bytes is not null', [orgId, hash])).length > 0;
    },
    list: (orgId) => listBodyIndex(db, orgId),
    close: async () => undefined,
  };
}
