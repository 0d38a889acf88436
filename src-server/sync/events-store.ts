import type { Database, Queryable } from '../db/types';
import { ApiError } from '../errors';
import { CHANGES_CHANNEL, type DeskScope } from './scope';
import type { CheckedEvent } from './validate';
import type { Keyring } from '../confidential/keyring';
import { messageFor } from '../../src-shared/i18n/validation';
import { carriesSeal, docsForDesk, openStored, sealForStorage } from '../confidential/sealed-events';

// Events are append-only (docs/architecture.md §The event log): a new id is stored with the next sequence number,
// an identical re-push is a no-op, and a changed one is refused by returning the stored master state
// as a conflict (RxDB protocol), which the desk's conflict handler then adopts. A confidential identity is
// stored encrypted beside its sealed event (confidential/sealed-events.ts): comparisons are made with the
// event as written, and a desk receives the identity only where someone there may reveal it.

export interface PulledPage {
  /** Each document as JSON text, ready to splice into the response without re-serialising. */
  docs: string[];
  seq: number;
}

/**
 * Values as one newline-joined text parameter, split again in SQL with string_to_array(…, chr(10)).
 * PGlite encodes a text[] parameter element by element in JS (500 ids: ~1.3 ms against ~0.5 ms as one
 * text). Every value here is an id, type or number the shared schemas limit to [A-Za-z0-9_.:-], or
 * canonical JSON (which never holds a raw newline); a newline would shift every later row of the
 * statement's columns, so it is refused here rather than trusted.
 */
export function newlineJoined(values: readonly string[]): string {
  for (const v of values) if (v.includes('\n')) throw new Error('newline in a value sent as newline-joined text');
  return values.join('\n');
}

/** Stored canonical JSON → the document RxDB expects (it carries the `_deleted` flag). */
export function eventWithDeletedFlag(canonical: string): string {
  return `${canonical.slice(0, -1)},"_deleted":false}`;
}

export async function pushEvents(db: Database, keyring: Keyring, scope: DeskScope, rows: readonly CheckedEvent[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const conflicts: string[] = [];
  // Compare with what is stored before taking the organisation's lock: retried and duplicate
  // deliveries (the common case after an outage) then cost one read and no lock at all.
  const fresh = await compareWithStored(db, keyring, scope, rows, conflicts);
  if (fresh.length === 0) return conflicts;
  const stored = await Promise.all(fresh.map((r) => sealForStorage(keyring, scope.orgId, r.event.id, r.canonical)));
  const sites = [...new Set(fresh.map((r) => r.event.siteId))];
  return db.transaction(async (tx) => {
    // One statement reserves the numbers (the organisation's row lock, held until commit, keeps commits
    // in sequence order), inserts the batch and queues the change notice (delivered on commit to every
    // instance listening, this one included): one round trip instead of three. Each column goes as one
    // newline-joined parameter (newlineJoined), so the canonical texts are not escaped again as array
    // elements on the way, and are stored verbatim.
    const [result] = await tx.query<{ inserted: string[] }>(
      `with s as (
         update org_seq set seq = seq + $3 where org_id = $1 returning seq - $3 as base
       ), ins as (
         insert into events (org_id, id, seq, case_id, site_id, desk_id, type, at, received_at, doc, sealed)
         select $1, u.id, s.base + u.ord, u.case_id, u.site_id, u.desk_id, u.type, u.at::bigint, $2, u.doc, nullif(u.sealed, '')
         from s, unnest(string_to_array($4, chr(10)), string_to_array($5, chr(10)), string_to_array($6, chr(10)),
             string_to_array($7, chr(10)), string_to_array($8, chr(10)), string_to_array($9, chr(10)), string_to_array($10, chr(10)),
             string_to_array($13, chr(10)))
           with ordinality as u(id, case_id, site_id, desk_id, type, at, doc, sealed, ord)
         on conflict (org_id, id) do nothing
         returning id
       )
       select array(select id from ins) as inserted,
         (select count(pg_notify($11, json_build_object('orgId', $1::text, 'collection', 'events', 'seq', n.base + $3, 'sites', $12::json)::text))
          from s as n where exists (select 1 from ins)) as notified
       from s`,
      [
        scope.orgId,
        Date.now(),
        fresh.length,
        newlineJoined(fresh.map((r) => r.event.id)),
        newlineJoined(fresh.map((r) => r.event.caseId)),
        newlineJoined(fresh.map((r) => r.event.siteId)),
        newlineJoined(fresh.map((r) => r.event.deskId)),
        newlineJoined(fresh.map((r) => r.event.type)),
        newlineJoined(fresh.map((r) => String(r.event.at))),
        newlineJoined(stored.map((r) => r.doc)),
        CHANGES_CHANNEL,
        JSON.stringify(sites),
        newlineJoined(stored.map((r) => r.sealed ?? '')),
      ],
    );
    if (!result) throw new Error(`organisation ${scope.orgId} has no sequence row`);
    const inserted = new Set(result.inserted);
    // Another push stored some of these ids between our read and our lock: judge those against it.
    const raced = fresh.filter((r) => !inserted.has(r.event.id));
    if (raced.length) await compareWithStored(tx, keyring, scope, raced, conflicts);
    return conflicts;
  });
}

/**
 * The stored events among the ids in $2 (newline-joined) of organisation $1: one primary-key probe per
 * id. The lateral subquery with its limit cannot be flattened into a join, so the plan does not depend
 * on statistics: PGlite never analyses, and without statistics (or with stale ones on PostgreSQL)
 * `id = any($2)` was planned as a scan of all the organisation's events, filtered — a cost that grew
 * with the organisation's history (21 ms per 500-event batch at 30k stored on PGlite, against 2–3 ms
 * for the probes).
 */
export const STORED_EVENTS_SQL = `select e.id, e.doc, e.site_id, e.sealed
  from unnest(string_to_array($2, chr(10))) as u(id)
    cross join lateral (select id, doc, site_id, sealed from events where org_id = $1 and id = u.id limit 1) as e`;

/**
 * Splits rows into new ones (returned, de-duplicated within the batch) and ones already stored: an
 * identical one is a no-op, a changed one adds the stored master state to `conflicts`.
 */
async function compareWithStored(
  db: Queryable,
  keyring: Keyring,
  scope: DeskScope,
  rows: readonly CheckedEvent[],
  conflicts: string[],
): Promise<CheckedEvent[]> {
  const ids = [...new Set(rows.map((r) => r.event.id))];
  const found = await db.query<{ id: string; doc: string; site_id: string; sealed: string | null }>(STORED_EVENTS_SQL, [scope.orgId, newlineJoined(ids)]);
  const existing = new Map(found.map((r) => [r.id, r]));
  const fresh: CheckedEvent[] = [];
  const inBatch = new Map<string, string>();
  for (const row of rows) {
    const stored = existing.get(row.event.id);
    // A desk that received the event sealed may send that copy back (a restored backup): the same event.
    if (stored && row.canonical === stored.doc) continue;
    const master = stored ? await openStored(keyring, scope.orgId, stored.id, stored) : inBatch.get(row.event.id);
    if (master === undefined) {
      // Only the server seals: a new event that claims to be sealed is not one a desk wrote.
      if (carriesSeal(row.canonical)) {
        const path = 'payload.complainant.sealed';
        throw new ApiError(400, 'invalidDocuments', [
          { index: rows.indexOf(row), id: row.event.id, errors: [{ path, code: 'sync.sealedByServer', message: messageFor('sync.sealedByServer', path) }] },
        ]);
      }
      inBatch.set(row.event.id, row.canonical);
      fresh.push(row);
      continue;
    }
    if (master === row.canonical) continue;
    // A changed event: refused. Its stored version goes back as the conflict, if this desk may see it —
    // sealed unless someone there may reveal identity.
    if (stored && scope.scope === 'site' && stored.site_id !== scope.siteId) throw new ApiError(403, 'forbidden');
    const [visible] = stored ? await docsForDesk(db, keyring, scope, [stored]) : [master];
    conflicts.push(eventWithDeletedFlag(visible!));
  }
  return fresh;
}

/**
 * The pull statements: each calls a function of migration 2 whose plan is the (org, [site,] seq) index
 * walk that stops at the limit, never a read of everything after the checkpoint plus a sort, however
 * long the history and whatever the statistics say. Site-scoped desks walk their own site's index.
 */
export const PULL_EVENTS_SQL = 'select seq, doc, sealed from pull_events_page($1, $2, $3)';
export const PULL_SITE_EVENTS_SQL = 'select seq, doc, sealed from pull_site_events_page($1, $2, $3, $4)';

type EventRow = { seq: number | string; doc: string; sealed: string | null };

/**
 * Stored events of the scope after `afterSeq`, in sequence order: the desks' pull and the server's case index.
 * `doc` is the sealed event (no confidential identity); `sealed` its encrypted identity, if any.
 */
export function eventRowsAfter(db: Database, scope: DeskScope, afterSeq: number, limit: number): Promise<EventRow[]> {
  return scope.scope === 'site'
    ? db.query<EventRow>(PULL_SITE_EVENTS_SQL, [scope.orgId, scope.siteId, afterSeq, limit])
    : db.query<EventRow>(PULL_EVENTS_SQL, [scope.orgId, afterSeq, limit]);
}

export async function pullEvents(db: Database, keyring: Keyring, scope: DeskScope, afterSeq: number, limit: number): Promise<PulledPage> {
  const rows = await eventRowsAfter(db, scope, afterSeq, limit);
  const last = rows.at(-1);
  const docs = await docsForDesk(db, keyring, scope, rows);
  return { docs: docs.map(eventWithDeletedFlag), seq: last ? Number(last.seq) : afterSeq };
}
