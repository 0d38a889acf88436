import type { Database, Queryable } from '../db/types';
import { ApiError } from '../errors';
import { CHANGES_CHANNEL, type DeskScope } from './scope';
import type { CheckedEvent } from './validate';
import type { Keyring } from '../confidential/keyring';
import { messageFor } from '../../src-shared/i18n/validation';
import { carriesSeal, docsForDesk, openStored, sealForStorage, type StoredEvent } from '../confidential/sealed-events';
import { lockOrg } from './seq';
import { ENDING_AND_REOPENING_EVENTS } from '../../src-shared/domain/projection';

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

/** A push checked against what is stored, waiting to be written: its new rows and the conflicts found so far. */
export interface PreparedPush {
  scope: DeskScope;
  /** New rows as pushed, de-duplicated within the push, in the push's order. */
  fresh: CheckedEvent[];
  /** The same rows as they are stored (sealed where confidential), one for one. */
  stored: StoredEvent[];
  conflicts: string[];
}

/** What one push is answered: its own conflicts, or its own error. */
export type PushOutcome = { ok: true; conflicts: string[]; written?: WrittenRange } | { ok: false; error: unknown };

/**
 * The sequence numbers a push's group took: `after` the organisation's number under the lock, `last` the
 * group's highest (numbered without gaps), `mine` how many of them are this push's rows.
 */
export interface WrittenRange {
  after: number;
  last: number;
  mine: number;
}

/**
 * Compares a push with what is stored before any lock is taken: retried and duplicate deliveries (the
 * common case after an outage) then cost one read and no lock at all, and a push's own refusals (a
 * sealed copy it claims to have written, a changed event of another site) are its own before it joins a
 * group (sync/group-commit.ts).
 */
export async function preparePush(
  db: Queryable,
  keyring: Keyring,
  scope: DeskScope,
  rows: readonly CheckedEvent[],
  found?: readonly StoredRow[],
): Promise<PreparedPush> {
  const conflicts: string[] = [];
  const fresh = rows.length ? await compareWithStored(db, keyring, scope, rows, conflicts, found) : [];
  const stored = await Promise.all(fresh.map((r) => sealForStorage(keyring, scope.orgId, r.event.id, r.canonical)));
  // Checked here, per push: a value that cannot travel newline-joined fails its own push, not its group.
  newlineJoined(fresh.flatMap((r) => [r.event.id, r.event.caseId, r.event.siteId, r.event.deskId, r.event.type]));
  newlineJoined(stored.flatMap((r) => [r.doc, r.sealed ?? '']));
  return { scope, fresh, stored, conflicts };
}

/** One push written on its own (its own transaction): seeds, tools and tests; the server groups (sync/group-commit.ts). `found`: as preparePush's. */
export async function pushEvents(
  db: Database,
  keyring: Keyring,
  scope: DeskScope,
  rows: readonly CheckedEvent[],
  found?: readonly StoredRow[],
): Promise<string[]> {
  const prepared = await preparePush(db, keyring, scope, rows, found);
  if (prepared.fresh.length === 0) return prepared.conflicts;
  const [outcome] = await writePushes(db, keyring, [prepared]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.conflicts;
}

/** Thrown inside a group's transaction to roll it back when some of its pushes failed on their own rows. */
class PushesFailed extends Error {
  constructor(readonly failed: Map<number, unknown>) {
    super('pushes of the group failed');
  }
}

/**
 * Writes prepared pushes of one organisation in one transaction, in the given order (their sequence
 * numbers follow it), and answers each: its conflicts, or its own error. A push whose rows fail inside
 * the transaction (the re-check of raced ids) is answered with its error and the rest are written again
 * without it; a failure no push can be blamed for writes each push alone, so a row the database refuses
 * fails only its own push.
 */
export async function writePushes(db: Database, keyring: Keyring, pushes: readonly PreparedPush[]): Promise<PushOutcome[]> {
  const outcomes: PushOutcome[] = [];
  let pending = pushes.map((_, i) => i);
  while (pending.length) {
    const group = pending.map((i) => pushes[i]!);
    try {
      const answers = await db.transaction(async (tx) => {
        const written = await writeGroup(tx, keyring, group);
        const failed = new Map<number, unknown>();
        written.forEach((w, k) => !w.ok && failed.set(k, w.error));
        if (failed.size) throw new PushesFailed(failed);
        return written;
      });
      answers.forEach((a, k) => (outcomes[pending[k]!] = a));
      pending = [];
    } catch (e) {
      if (e instanceof PushesFailed) {
        for (const [k, error] of e.failed) outcomes[pending[k]!] = { ok: false, error };
        pending = pending.filter((_, k) => !e.failed.has(k));
      } else if (pending.length === 1) {
        outcomes[pending[0]!] = { ok: false, error: e };
        pending = [];
      } else {
        for (const i of pending) outcomes[i] = (await writePushes(db, keyring, [pushes[i]!]))[0]!;
        pending = [];
      }
    }
  }
  return outcomes;
}

/** The domain's ending and reopening events as an SQL list (constants, never input). */
const ENDING_TYPES_SQL = ENDING_AND_REOPENING_EVENTS.map((t) => `'${t}'`).join(', ');

async function writeGroup(tx: Queryable, keyring: Keyring, group: readonly PreparedPush[]): Promise<PushOutcome[]> {
  const orgId = group[0]!.scope.orgId;
  if (group.some((p) => p.scope.orgId !== orgId)) throw new Error('a group holds pushes of one organisation');
  // The organisation's row lock, held until commit, keeps commits in sequence order; and since every writer
  // holds it, the insert below (a statement of its own, so it sees what they committed) stores exactly the
  // ids not stored yet, numbered without gaps.
  const base = await lockOrg(tx, orgId);
  // Each id once in the group: the first push that brings it writes it; a later one is judged against it below.
  const claimed = new Set<string>();
  const rows: { row: CheckedEvent; stored: StoredEvent }[] = [];
  const own = group.map((p) =>
    p.fresh.filter((row, j) => {
      if (claimed.has(row.event.id)) return false;
      claimed.add(row.event.id);
      rows.push({ row, stored: p.stored[j]! });
      return true;
    }),
  );
  // One statement inserts the group's new rows, moves the organisation's sequence to the last of them and
  // queues one change notice naming every site they touched (delivered on commit to every instance
  // listening, this one included). Each column goes as one newline-joined parameter (newlineJoined), so
  // the canonical texts are not escaped again as array elements on the way, and are stored verbatim. The
  // lateral probe with its limit is the per-id primary-key look-up of STORED_EVENTS_SQL.
  const [result] = await tx.query<{ inserted: string[] }>(
    `with ins as (
       insert into events (org_id, id, seq, case_id, site_id, desk_id, type, at, received_at, doc, sealed)
       select $1, u.id, $3::bigint + row_number() over (order by u.ord), u.case_id, u.site_id, u.desk_id, u.type, u.at::bigint, $2, u.doc, nullif(u.sealed, '')
       from unnest(string_to_array($4, chr(10)), string_to_array($5, chr(10)), string_to_array($6, chr(10)),
           string_to_array($7, chr(10)), string_to_array($8, chr(10)), string_to_array($9, chr(10)), string_to_array($10, chr(10)),
           string_to_array($12, chr(10)))
         with ordinality as u(id, case_id, site_id, desk_id, type, at, doc, sealed, ord)
         left join lateral (select true as hit from events e where e.org_id = $1 and e.id = u.id limit 1) as s on true
       where s.hit is null
       on conflict (org_id, id) do nothing
       returning id, seq, site_id, case_id, type, at
     ), heads as (
       -- The cases' heads (migration 8, sync/first-events.ts): in the statement that stores the events, so
       -- they never disagree. SET reads the row before the update: a closing, rejection or reopening decides
       -- whether the case is open only if it came after the one the head holds.
       insert into case_heads (org_id, case_id, site_id, last_seq, last_at, n, open_seq, open)
       select $1, i.case_id, i.site_id, max(i.seq), max(i.at), count(*),
         coalesce(max(i.seq) filter (where i.type in (${ENDING_TYPES_SQL})), 0),
         coalesce((array_agg(i.type order by i.seq desc) filter (where i.type in (${ENDING_TYPES_SQL})))[1], 'case.reopened') = 'case.reopened'
       from ins as i group by i.case_id, i.site_id
       on conflict (org_id, case_id, site_id) do update set
         last_seq = greatest(case_heads.last_seq, excluded.last_seq),
         last_at = greatest(case_heads.last_at, excluded.last_at),
         n = case_heads.n + excluded.n,
         open = case when excluded.open_seq > case_heads.open_seq then excluded.open else case_heads.open end,
         open_seq = greatest(case_heads.open_seq, excluded.open_seq)
     ), last as (
       update org_seq set seq = greatest(org_seq.seq, m.seq) from (select max(seq) as seq from ins) as m
       where org_seq.org_id = $1 and m.seq is not null
       returning org_seq.seq
     )
     select array(select id from ins) as inserted,
       (select count(pg_notify($11, json_build_object('orgId', $1::text, 'collection', 'events', 'seq', l.seq,
          'sites', (select json_agg(distinct site_id) from ins))::text)) from last as l) as notified`,
    [
      orgId,
      Date.now(),
      base,
      newlineJoined(rows.map((r) => r.row.event.id)),
      newlineJoined(rows.map((r) => r.row.event.caseId)),
      newlineJoined(rows.map((r) => r.row.event.siteId)),
      newlineJoined(rows.map((r) => r.row.event.deskId)),
      newlineJoined(rows.map((r) => r.row.event.type)),
      newlineJoined(rows.map((r) => String(r.row.event.at))),
      newlineJoined(rows.map((r) => r.stored.doc)),
      CHANGES_CHANNEL,
      newlineJoined(rows.map((r) => r.stored.sealed ?? '')),
    ],
  );
  const inserted = new Set(result!.inserted);
  const outcomes: PushOutcome[] = [];
  for (const [k, push] of group.entries()) {
    const conflicts = [...push.conflicts];
    const wrote = new Set(own[k]!.filter((r) => inserted.has(r.event.id)));
    // Ids stored by another instance between this push's check and the lock, or brought first by an
    // earlier push of the group: judged against the stored event, as the check before the lock does.
    const raced = push.fresh.filter((r) => !wrote.has(r));
    try {
      if (raced.length) await compareWithStored(tx, keyring, push.scope, raced, conflicts);
      outcomes.push({ ok: true, conflicts, written: { after: base, last: base + inserted.size, mine: wrote.size } });
    } catch (error) {
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
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

/** A stored event as STORED_EVENTS_SQL reads it. */
export interface StoredRow {
  id: string;
  doc: string;
  site_id: string;
  sealed: string | null;
}

/**
 * Splits rows into new ones (returned, de-duplicated within the batch) and ones already stored: an
 * identical one is a no-op, a changed one adds the stored master state to `conflicts`. `found`: the rows'
 * stored events as STORED_EVENTS_SQL read them for this push already (the authoriser's read), else read here.
 */
async function compareWithStored(
  db: Queryable,
  keyring: Keyring,
  scope: DeskScope,
  rows: readonly CheckedEvent[],
  conflicts: string[],
  found?: readonly StoredRow[],
): Promise<CheckedEvent[]> {
  found ??= await db.query<StoredRow>(STORED_EVENTS_SQL, [scope.orgId, newlineJoined([...new Set(rows.map((r) => r.event.id))])]);
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
