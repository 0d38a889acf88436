import type { Queryable } from '../db/types';
import type { CaseEvent } from '../../src-shared/domain/events';
import type { CaseState } from '../../src-shared/domain/case-state';
import type { Staff } from '../../src-shared/domain/org';
import type { FieldError } from '../../src-shared/domain/parse';
import { validateAction } from '../../src-shared/domain/actions';
import { registrationRefusals } from '../../src-shared/domain/intake';
import { compareEvents, projectCase, applyEvents } from '../../src-shared/domain/projection';
import { policyByRevision } from '../../src-shared/domain/revisions';
import { messageFor, type MessageCode } from '../../src-shared/i18n/validation';
import type { DeskScope } from './scope';
import type { CheckedEvent, RowError } from './validate';
import { newlineJoined, type StoredRow, type WrittenRange } from './events-store';
import { NUMBER } from './case-numbers';
import { rulesOf, type OrgRules } from './rules';
import { sealEvent, unsealEvent } from '../../src-shared/domain/sealing';

// Authorisation of pushed events (docs/architecture.md §Trust model, issue 10 item 1). validate.ts checks
// what an event looks like; this decides whether its sender may write it, with the domain's own
// validateAction — the function the desk runs before writing (src-renderer/data/write-event.ts) — so desk
// and server never disagree. Each event is judged at its own `at`, under the policy revision it carries
// and on the server's fold of the case's events before it (stored ones plus earlier ones of the batch):
// work done offline and valid when written stays valid when it arrives after a policy change.

export interface AuthoriseOptions {
  /** The server's clock (tests fix it). */
  now?: () => number;
  /** How far `at` may lie ahead of the server's clock (desks' clocks drift); 5 minutes by default. */
  maxSkewMs?: number;
  /** The server's folds of recently pushed cases (without: every push reads and folds its cases' whole history). */
  folds?: CaseFolds;
}

export const DEFAULT_MAX_SKEW_MS = 5 * 60_000;

function refusal(path: string, code: MessageCode): FieldError[] {
  return [{ path, code, message: messageFor(code, path) }];
}

/** A case as stored: the fold of `history`, which is every stored event of the case when `count` are stored. */
interface StoredFold {
  /** How many events of the case are stored: `history` is all of them while the store holds that many. */
  count: number;
  /** The highest sequence number read among them: every event of the case numbered up to it is in `history`. */
  seq: number;
  /** The events in the log's order (at, id), as the server reads them back (storedForm). */
  history: readonly CaseEvent[];
  state: CaseState | undefined;
}

/**
 * Folds of recently pushed cases as stored, per server (bounded, least recently used dropped), so a push
 * reads and folds only what was stored since its case was last seen. An entry is never trusted on its own:
 * the statement that reads a push's context finds which cases got events numbered after the number the
 * organisation's entries are exact up to (below), and counts the stored events of those cases. Events are never
 * removed, and every event in an entry is stored (read back, or written by a push that stored its whole batch
 * with no conflict), so an equal count means the entry is exactly what is stored. Otherwise the events
 * numbered after the entry's `seq` are read and merged by id: every writer numbers an organisation's events
 * under its lock and commits in that order (sync/seq.ts), so no event numbered at or below `seq` can appear
 * later. Any instance may store between two pushes; nothing not yet stored enters an entry.
 */
export class CaseFolds {
  private readonly entries = new Map<string, StoredFold>();
  /**
   * Per organisation, a sequence number every entry of it is exact up to: an entry lacks no stored event of
   * its case numbered at or below it. A push reads the events numbered after it (none, while this server
   * alone writes and every push of it is stored whole); only the pushed cases among theirs are counted, the
   * others' entries dropped, and the number moves to the push's snapshot. Every writer numbers under the
   * organisation's lock and commits in that order, so what a snapshot lacks is numbered after the sequence number it read.
   */
  private readonly exactUpTo = new Map<string, number>();

  constructor(private readonly max = 4096) {}

  /** The number the organisation's entries are exact up to (0: none known yet). */
  exactSeq(orgId: string): number {
    return this.exactUpTo.get(orgId) ?? 0;
  }

  /**
   * After a push's context was read at `snapshot` (the organisation's sequence number then): the
   * entries of `moved` (cases with events numbered after exactSeq, 'all' when too many to list) are dropped,
   * then `fresh` folds — exact as of the snapshot — replace what each was built from, and the organisation's
   * entries are exact up to the snapshot. Nothing is kept if a later snapshot was settled meanwhile.
   */
  settle(orgId: string, snapshot: number, moved: ReadonlySet<string> | 'all', fresh: readonly [string, StoredFold | undefined, StoredFold][]): void {
    const prefix = `${orgId}\n`;
    if (moved === 'all') {
      for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
    } else for (const caseId of moved) this.entries.delete(prefix + caseId);
    if (snapshot < this.exactSeq(orgId)) return;
    for (const [caseId, held, fold] of fresh) this.replace(orgId, caseId, held, fold);
    this.exactUpTo.set(orgId, snapshot);
  }

  /**
   * After a push read at `snapshot` was stored: its cases' folds move on by it (`moved`: each fold it started
   * from and the one with its events), unless a later snapshot was settled meanwhile (then they may lack what
   * that one saw). When its group was the only writer after the snapshot, every entry is exact up to the
   * group's last number.
   */
  stored(orgId: string, snapshot: number, moved: readonly [string, StoredFold | undefined, StoredFold | undefined][], written: WrittenRange | undefined): void {
    if (this.exactSeq(orgId) !== snapshot) return;
    for (const [caseId, held, fold] of moved) this.replace(orgId, caseId, held, fold);
    if (written && written.after === snapshot && written.last - written.after === written.mine) this.exactUpTo.set(orgId, written.last);
  }

  get(orgId: string, caseId: string): StoredFold | undefined {
    const key = `${orgId}\n${caseId}`;
    const f = this.entries.get(key);
    if (f) {
      this.entries.delete(key);
      this.entries.set(key, f);
    }
    return f;
  }

  /** Replaces `held` (what the caller started from) with `fold`, or drops the entry if another push moved it meanwhile. */
  replace(orgId: string, caseId: string, held: StoredFold | undefined, fold: StoredFold | undefined): void {
    const key = `${orgId}\n${caseId}`;
    const now = this.entries.get(key);
    this.entries.delete(key);
    if ((now !== undefined && now !== held) || !fold) return;
    this.entries.set(key, fold);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A stored event as the authoriser folds it. */
function storedForm(doc: Record<string, unknown>): CaseEvent {
  // The server holds every identity it sealed (confidential/): its fold is not a sealed desk's view, so a
  // reveal is judged by role alone (a desk without the identity has no one allowed to reveal it).
  return unsealEvent(doc, {}) as unknown as CaseEvent;
}

/** `history` with `events` merged in by id (the log's order kept), and their fold; undefined: nothing new. */
function extend(held: StoredFold | undefined, events: readonly CaseEvent[], count: number, seq: number): StoredFold | undefined {
  const before = held?.history ?? [];
  const known = new Set(before.map((e) => e.id));
  const fresh = events.filter((e) => !known.has(e.id) && known.add(e.id)).sort(compareEvents);
  if (fresh.length === 0) return undefined;
  const history = [...before, ...fresh].sort(compareEvents);
  // applyEvents equals a rebuild whatever order the events come in (domain/projection.ts).
  const state = held ? applyEvents(held.state, fresh, before) : projectCase(history);
  return { count, seq: Math.max(held?.seq ?? 0, seq), history, state };
}

/** How many events numbered after the organisation's exactSeq a push reads by case; more: every fold of it is dropped. */
const MOVED_MAX = 2000;

/**
 * Everything a push is judged against, in one statement (on PGlite each statement costs ~1–2 ms however
 * small): the organisation's config sequence (whether its cached rules are current, rules.ts) and sequence
 * number (the snapshot: every event numbered up to it is stored; what a push's write starts from); the cases of the events numbered after the number its folds are exact up to
 * (CaseFolds.exactSeq: none while this server alone writes, one index walk on events_seq); which pushed ids
 * are stored already (one primary-key probe each, STORED_EVENTS_SQL, the store's too); for each pushed case
 * with a fold that may lack something (among those cases), how many of its events are stored and, unless
 * that is the count its fold holds, those numbered after the fold's `seq`, and for a case without a fold all
 * its events (index walks on events_case); and the cases holding the numbers pushed
 * registrations claim (one probe of events_case_number each, case-numbers.ts). The `offset 0` keeps each
 * lateral read a per-row index walk: flattened into a join, without statistics (PGlite never analyses, a
 * young PostgreSQL table has none) the events read was planned as a hash join over every event of the
 * organisation, and `number = any(…)` on PostgreSQL 15 as a filter over all its registrations — costs that
 * grew with the organisation's history on every push.
 */
const PUSH_CONTEXT_SQL = `
  with moved as materialized (
    select case_id, seq from events where org_id = $1 and $7::bigint >= 0 and seq > $7::bigint order by seq limit ${MOVED_MAX + 1})
  select 'c' as k, null::text as a, (select max(seq) from config_docs where org_id = $1)::text as b,
    (select seq from org_seq where org_id = $1)::text as c, null::text as d
  union all
  select 'm', case_id, null, null, null from moved
  union all
  select 'i', e.id, e.site_id, e.sealed, e.doc from unnest(string_to_array($2, chr(10))) as u(id)
    cross join lateral (select id, site_id, sealed, doc from events where org_id = $1 and id = u.id limit 1) as e
  union all
  select 'e', u.case_id, n.count::text, e.seq::text, e.doc
    from unnest(string_to_array($3, chr(10)), string_to_array($4, chr(10)), string_to_array($5, chr(10))) as u(case_id, after, held)
    cross join lateral (select case when u.held <> '-1' and ((select count(*) from moved) > ${MOVED_MAX}
        or exists (select 1 from moved where moved.case_id = u.case_id))
      then (select count(*) from events where org_id = $1 and case_id = u.case_id) end as count) as n
    left join lateral (select seq, doc from events
      where (u.held = '-1' or n.count <> u.held::bigint) and org_id = $1 and case_id = u.case_id and seq > u.after::bigint offset 0) as e on true
  union all
  select 'n', u.number, h.case_id, null, null from unnest(string_to_array($6, chr(10))) as u(number)
    cross join lateral (select case_id from events
      where org_id = $1 and type = 'case.registered' and ${NUMBER} = u.number offset 0) as h`;

interface PushContext {
  configSeq: string;
  /** The organisation's sequence number when the context was read: every event numbered up to it is stored. */
  snapshot: number;
  /** The pushed ids already stored, as STORED_EVENTS_SQL reads them (handed on to the store, events-store.ts). */
  storedRows: StoredRow[];
  /** Each pushed case's fold as stored now (absent: nothing stored). */
  folds: Map<string, StoredFold>;
  numberHolders: Map<string, string>;
}

async function pushContext(
  db: Queryable,
  orgId: string,
  ids: readonly string[],
  caseIds: readonly string[],
  numbers: readonly string[],
  cache: CaseFolds | undefined,
): Promise<PushContext> {
  const cached = caseIds.map((c) => cache?.get(orgId, c));
  const exactSeq = cache ? cache.exactSeq(orgId) : -1;
  const rows = await db.query<{ k: string; a: string | null; b: string | null; c: string | null; d: string | null }>(PUSH_CONTEXT_SQL, [
    orgId,
    newlineJoined(ids),
    newlineJoined(caseIds),
    cached.map((f) => f?.seq ?? 0).join('\n'),
    cached.map((f) => f?.count ?? -1).join('\n'),
    newlineJoined(numbers),
    exactSeq,
  ]);
  let configSeq = '0';
  let snapshot = 0;
  const storedRows: StoredRow[] = [];
  const numberHolders = new Map<string, string>();
  const moved = new Set<string>();
  let movedRows = 0;
  // count null: not counted, the case's fold being exact (no event of it numbered after exactSeq).
  const read = new Map<string, { count: number | null; seq: number; events: CaseEvent[] }>();
  for (const r of rows) {
    if (r.k === 'c') {
      configSeq = r.b ?? '0';
      snapshot = Number(r.c ?? 0);
    } else if (r.k === 'm') {
      moved.add(r.a!);
      movedRows++;
    } else if (r.k === 'i') storedRows.push({ id: r.a!, site_id: r.b!, sealed: r.c, doc: r.d! });
    else if (r.k === 'n') numberHolders.set(r.a!, r.b!);
    else {
      let c = read.get(r.a!);
      if (!c) read.set(r.a!, (c = { count: r.b === null ? null : Number(r.b), seq: 0, events: [] }));
      if (r.d === null) continue;
      c.seq = Math.max(c.seq, Number(r.c));
      c.events.push(storedForm(JSON.parse(r.d) as Record<string, unknown>));
    }
  }
  const folds: PushContext['folds'] = new Map();
  const fresh: [string, StoredFold | undefined, StoredFold][] = [];
  const recount: string[] = [];
  caseIds.forEach((caseId, k) => {
    const held = cached[k];
    const { seq, events } = read.get(caseId)!;
    // Without a fold, the case's events were read whole: their number is its count.
    const count = held ? read.get(caseId)!.count : events.length;
    if (count === null) return void folds.set(caseId, held!);
    if (count === 0) return;
    if (held && held.count === count) {
      folds.set(caseId, held);
      return void fresh.push([caseId, held, held]);
    }
    const fold = extend(held, events, count, seq) ?? held!;
    // Never expected (events are never removed): the case is read again from scratch, without the cache.
    if (cache && fold.history.length !== count) {
      moved.add(caseId);
      return void recount.push(caseId);
    }
    folds.set(caseId, fold);
    fresh.push([caseId, held, fold]);
  });
  cache?.settle(orgId, snapshot, movedRows > MOVED_MAX ? 'all' : moved, fresh);
  if (recount.length) for (const [caseId, f] of (await pushContext(db, orgId, [], recount, [], undefined)).folds) folds.set(caseId, f);
  return { configSeq, snapshot, storedRows, folds, numberHolders };
}

/** Whether this staff member could act at `at`: active, or deactivated only after it (offline work stays valid). */
function actorAt(rules: OrgRules, actorId: string, at: number): Staff | undefined {
  const s = rules.staff.get(actorId);
  if (!s) return undefined;
  return s.active || at <= s.updatedAt ? s : undefined;
}

/** `log`: the events `state` is the fold of (the domain judges what the case is at `e.at` from them, caseAt). */
function judge(
  e: CaseEvent,
  state: CaseState | undefined,
  log: readonly CaseEvent[],
  rules: OrgRules,
  scope: DeskScope,
  now: number,
  skew: number,
): FieldError[] {
  if (e.deskId !== scope.deskId) return refusal('deskId', 'sync.deskMismatch');
  if (e.at > now + skew) return refusal('at', 'sync.atAhead');
  const actor = actorAt(rules, e.actorId, e.at);
  if (!actor) return refusal('actorId', 'sync.actorUnknown');
  const policy = policyByRevision(rules.policies, e.policyRevision);
  if (!policy) return refusal('policyRevision', 'sync.policyUnknown');
  if (e.type === 'case.registered') {
    // The same verdict as the desk's checkAction: a case is registered once, by anyone signed in at a desk,
    // with an intake its form would accept under the revision it names (domain/intake.ts).
    return state ? refusal('type', 'action.alreadyRegistered') : registrationRefusals(policy, e.payload, e.at, skew);
  }
  if (!state) return refusal('caseId', 'desk.caseUnknown');
  if (state.siteId !== e.siteId) return refusal('siteId', 'sync.caseSite');
  if (state.policyRevision !== e.policyRevision) return refusal('policyRevision', 'sync.policyMismatch');
  const r = validateAction(
    state,
    policy,
    { id: actor.id, roles: actor.roles, ...(actor.departmentId ? { departmentId: actor.departmentId } : {}) },
    { type: e.type, payload: e.payload } as never,
    e.at,
    log,
  );
  return r.ok ? [] : r.errors;
}

export interface Authorisation {
  /** The refused rows (empty: every event may be stored). */
  refused: RowError[];
  /**
   * The pushed ids already stored when the push was judged, read in the same statement: the store compares
   * the push with them (preparePush) instead of probing the same ids again a moment later; what is stored
   * in between is found by its write (the insert skips stored ids and re-checks them under the lock).
   */
  storedRows: StoredRow[];
  /**
   * Call once the whole push is stored with no conflict, with the numbers its group took: the server's folds
   * of its cases then include it.
   */
  stored(written?: WrittenRange): void;
}

/**
 * The refused rows of a push (empty: every event may be stored). Events already stored under the same id
 * are left to the store (a no-op or a conflict); every other event is judged. Once an event of a case is
 * refused, the later events of that case in the batch are refused with it (they were written on top of it).
 */
export async function authoriseEvents(db: Queryable, scope: DeskScope, rows: readonly CheckedEvent[], opts: AuthoriseOptions = {}): Promise<Authorisation> {
  if (rows.length === 0) return { refused: [], storedRows: [], stored() {} };
  const now = (opts.now ?? Date.now)();
  const skew = opts.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const ids = [...new Set(rows.map((r) => r.event.id))];
  const numbers = rows.flatMap((r) => (r.event.type === 'case.registered' ? [r.event.payload.number] : []));
  const { configSeq, snapshot, storedRows, folds, numberHolders } = await pushContext(
    db,
    scope.orgId,
    ids,
    [...new Set(rows.map((r) => r.event.caseId))],
    [...new Set(numbers)],
    opts.folds,
  );
  const rules = await rulesOf(db, scope.orgId, configSeq);
  const storedIds = new Set(storedRows.map((r) => r.id));
  // Each case's candidates in the log's own order (at, id), remembering their place in the batch.
  const byCase = new Map<string, { index: number; event: CaseEvent }[]>();
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    if (storedIds.has(row.event.id) || seen.has(row.event.id)) return;
    seen.add(row.event.id);
    const list = byCase.get(row.event.caseId);
    if (list) list.push({ index, event: row.event });
    else byCase.set(row.event.caseId, [{ index, event: row.event }]);
  });
  const refused: RowError[] = [];
  for (const [caseId, candidates] of byCase) {
    candidates.sort((a, b) => compareEvents(a.event, b.event));
    const stored = folds.get(caseId);
    const history = [...(stored?.history ?? [])];
    let state = stored?.state;
    let blocked = false;
    for (const { index, event } of candidates) {
      const id = event.id;
      if (blocked) {
        refused.push({ index, id, errors: refusal('caseId', 'sync.afterRefused') });
        continue;
      }
      // A late event (before some stored one) is judged on the fold of what precedes it only.
      const last = history.at(-1);
      const late = !!last && compareEvents(event, last) < 0;
      const prior = late ? history.filter((h) => compareEvents(h, event) < 0) : history;
      const before = late ? projectCase(prior) : state;
      const errors = judge(event, before, prior, rules, scope, now, skew);
      // Case numbers are unique in the organisation: stored ones, and earlier registrations of this batch.
      if (!errors.length && event.type === 'case.registered') {
        const holder = numberHolders.get(event.payload.number);
        if (holder !== undefined && holder !== caseId) errors.push(...refusal('payload.number', 'sync.caseNumberTaken'));
        else numberHolders.set(event.payload.number, caseId);
      }
      if (errors.length) {
        refused.push({ index, id, errors });
        blocked = true;
        continue;
      }
      state = applyEvents(state, [event], history);
      if (late)
        history.splice(
          history.findIndex((h) => compareEvents(event, h) < 0),
          0,
          event,
        );
      else history.push(event);
    }
  }
  return {
    refused: refused.sort((a, b) => a.index - b.index),
    storedRows,
    stored(written) {
      // The push's events are stored now: each case's fold moves on by them, as a read of them would.
      if (!opts.folds || opts.folds.exactSeq(scope.orgId) !== snapshot) return;
      const moved: [string, StoredFold | undefined, StoredFold | undefined][] = [];
      for (const [caseId, candidates] of byCase) {
        const held = folds.get(caseId);
        // As a read of them would give them: sealed as stored (confidential/sealed-events.ts), then storedForm;
        // from the pushed text's parsed form (validate.ts), not parsed again.
        const events = candidates.map((c) => storedForm(sealEvent(rows[c.index]!.json).sealed));
        moved.push([caseId, held, extend(held, events, (held?.count ?? 0) + events.length, held?.seq ?? 0)]);
      }
      opts.folds.stored(scope.orgId, snapshot, moved, written);
    },
  };
}
