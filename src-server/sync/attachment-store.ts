import type { Database } from '../db/types';
import type { DeskScope } from './scope';

// Attachment bodies on the server (issue 13, docs/decisions.md "Attachment bodies on the server"): bytes in
// `attachment_bodies`, one row per organisation and SHA-256, written once in one statement (no half body
// is ever visible) and never changed. Every read and write goes through the events that name the hash:
// a desk reaches a body only through an attachment event of a case it may pull (its organisation, and its
// site for a site-scoped desk), so a body is never served across sites or organisations, and a body no
// event names is never stored.

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

/** Keeps the body unless the organisation holds it already; returns whether this call stored it. */
export async function storeBody(db: Database, scope: DeskScope, hash: string, type: string, bytes: Uint8Array, now: number): Promise<boolean> {
  const rows = await db.query(
    `insert into attachment_bodies (org_id, hash, type, size, bytes, desk_id, stored_at) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (org_id, hash) do nothing returning hash`,
    [scope.orgId, hash, type, bytes.byteLength, bytes, scope.deskId, now],
  );
  return rows.length > 0;
}

export interface StoredBody {
  type: string;
  size: number;
  bytes: Uint8Array;
}

/** The organisation's body of `hash`, or undefined; the caller has checked the desk's scope (referencesInScope). */
export async function readBody(db: Database, orgId: string, hash: string): Promise<StoredBody | undefined> {
  const [row] = await db.query<{ type: string; size: number; bytes: Uint8Array }>('select type, size, bytes from attachment_bodies where org_id = $1 and hash = $2', [orgId, hash]);
  return row && { type: row.type, size: Number(row.size), bytes: row.bytes };
}

/** Whether the organisation holds the body, without reading its bytes. */
export async function hasBody(db: Database, orgId: string, hash: string): Promise<boolean> {
  return (await db.query('select 1 from attachment_bodies where org_id = $1 and hash = $2', [orgId, hash])).length > 0;
}
