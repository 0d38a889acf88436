import type { Database, Queryable } from '../db/types';
import { ApiError } from '../errors';
import { reserveSeq } from './seq';
import { CHANGES_CHANNEL, type ChangeNotice, type DeskScope } from './scope';
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
  return db.transaction(async (tx) => {
    const first = await reserveSeq(tx, scope.orgId, fresh.length);
    const inserted = new Set(
      (
        await tx.query<{ id: string }>(
          `insert into events (org_id, id, seq, case_id, site_id, desk_id, type, at, received_at, doc)
           select $1, u.id, u.seq::bigint, u.case_id, u.site_id, u.desk_id, u.type, u.at::bigint, $2, u.doc
           from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
             as u(id, seq, case_id, site_id, desk_id, type, at, doc)
           on conflict (org_id, id) do nothing
           returning id`,
          [
            scope.orgId,
            Date.now(),
            fresh.map((r) => r.event.id),
            fresh.map((_, i) => String(first + i)),
            fresh.map((r) => r.event.caseId),
            fresh.map((r) => r.event.siteId),
            fresh.map((r) => r.event.deskId),
            fresh.map((r) => r.event.type),
            fresh.map((r) => String(r.event.at)),
            fresh.map((r) => r.canonical),
          ],
        )
      ).map((r) => r.id),
    );
    // Another push stored some of these ids between our read and our lock: judge those against it.
    const raced = fresh.filter((r) => !inserted.has(r.event.id));
    if (raced.length) await compareWithStored(tx, scope, raced, conflicts);
    if (inserted.size > 0) {
      const notice: ChangeNotice = { orgId: scope.orgId, collection: 'events', seq: first + fresh.length - 1, sites: [...new Set(fresh.map((r) => r.event.siteId))] };
      // Delivered on commit to every instance listening (LISTEN/NOTIFY), including this one.
      await tx.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(notice)]);
    }
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
