import type { Database, Queryable } from '../db/types';
import { ApiError } from '../errors';
import { CHANGES_CHANNEL, type DeskScope } from './scope';
import type { CheckedEvent } from './validate';

// Events are append-only (DESIGN.md "data model"): a new id is stored with the next sequence number,
// an identical re-push is a no-op, and a changed one is refused by returning the stored master state
// as a conflict (RxDB protocol), which the desk's conflict handler then adopts.

export interface PulledPage {
  /** Each document as JSON text, ready to splice into the response without re-serialising. */
  docs: string[];
  seq: number;
}

/** Stored canonical JSON → the document RxDB expects (it carries the `_deleted` flag). */
export function eventWithDeletedFlag(canonical: string): string {
  return `${canonical.slice(0, -1)},"_deleted":false}`;
}

export async function pushEvents(db: Database, scope: DeskScope, rows: readonly CheckedEvent[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const conflicts: string[] = [];
  // Compare with what is stored before taking the organisation's lock: retried and duplicate
  // deliveries (the common case after an outage) then cost one read and no lock at all.
  const fresh = await compareWithStored(db, scope, rows, conflicts);
  if (fresh.length === 0) return conflicts;
  const sites = [...new Set(fresh.map((r) => r.event.siteId))];
  return db.transaction(async (tx) => {
    // One statement reserves the numbers (the organisation's row lock, held until commit, keeps commits
    // in sequence order), inserts the batch and queues the change notice (delivered on commit to every
    // instance listening, this one included): one round trip instead of three. The canonical texts go as
    // one newline-joined parameter (JSON text never holds a raw newline), so they are not escaped again
    // as array elements on the way, and are stored verbatim.
    const [result] = await tx.query<{ inserted: string[] }>(
      `with s as (
         update org_seq set seq = seq + $3 where org_id = $1 returning seq - $3 as base
       ), ins as (
         insert into events (org_id, id, seq, case_id, site_id, desk_id, type, at, received_at, doc)
         select $1, u.id, s.base + u.ord, u.case_id, u.site_id, u.desk_id, u.type, u.at::bigint, $2, u.doc
         from s, unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], string_to_array($10::text, chr(10)))
           with ordinality as u(id, case_id, site_id, desk_id, type, at, doc, ord)
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
        fresh.map((r) => r.event.id),
        fresh.map((r) => r.event.caseId),
        fresh.map((r) => r.event.siteId),
        fresh.map((r) => r.event.deskId),
        fresh.map((r) => r.event.type),
        fresh.map((r) => String(r.event.at)),
        fresh.map((r) => r.canonical).join('\n'),
        CHANGES_CHANNEL,
        JSON.stringify(sites),
      ],
    );
    if (!result) throw new Error(`organisation ${scope.orgId} has no sequence row`);
    const inserted = new Set(result.inserted);
    // Another push stored some of these ids between our read and our lock: judge those against it.
    const raced = fresh.filter((r) => !inserted.has(r.event.id));
    if (raced.length) await compareWithStored(tx, scope, raced, conflicts);
    return conflicts;
  });
}

/**
 * Splits rows into new ones (returned, de-duplicated within the batch) and ones already stored: an
 * identical one is a no-op, a changed one adds the stored master state to `conflicts`.
 */
async function compareWithStored(db: Queryable, scope: DeskScope, rows: readonly CheckedEvent[], conflicts: string[]): Promise<CheckedEvent[]> {
  const ids = [...new Set(rows.map((r) => r.event.id))];
  const existing = new Map(
    (await db.query<{ id: string; doc: string; site_id: string }>('select id, doc, site_id from events where org_id = $1 and id = any($2::text[])', [scope.orgId, ids])).map((r) => [r.id, r]),
  );
  const fresh: CheckedEvent[] = [];
  const inBatch = new Map<string, string>();
  for (const row of rows) {
    const stored = existing.get(row.event.id);
    const master = stored?.doc ?? inBatch.get(row.event.id);
    if (master === undefined) {
      inBatch.set(row.event.id, row.canonical);
      fresh.push(row);
      continue;
    }
    if (master === row.canonical) continue;
    // A changed event: refused. Its stored version goes back as the conflict, if this desk may see it.
    if (stored && scope.scope === 'site' && stored.site_id !== scope.siteId) throw new ApiError(403, 'forbidden');
    conflicts.push(eventWithDeletedFlag(master));
  }
  return fresh;
}

export async function pullEvents(db: Database, scope: DeskScope, afterSeq: number, limit: number): Promise<PulledPage> {
  const rows = await db.query<{ seq: number | string; doc: string }>(
    `select seq, doc from events
     where org_id = $1 and seq > $2 and ($3::text is null or site_id = $3)
     order by seq limit $4`,
    [scope.orgId, afterSeq, scope.scope === 'site' ? scope.siteId : null, limit],
  );
  const last = rows.at(-1);
  return { docs: rows.map((r) => eventWithDeletedFlag(r.doc)), seq: last ? Number(last.seq) : afterSeq };
}
