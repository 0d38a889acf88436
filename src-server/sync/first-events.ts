import type { Database } from '../db/types';
import type { Keyring } from '../confidential/keyring';
import { docsForDesk } from '../confidential/sealed-events';
import { eventWithDeletedFlag } from './events-store';
import type { DeskScope } from './scope';

// What a new desk needs first (issue 14 item 1, docs/decisions.md "A joining desk"): every event of the
// cases a clerk works on — open ones, then those changed within the recent window (callbacks, repeated
// problems) — most recently active first, up to a cap. It is a prefetch only: the desk still pulls the
// whole history in sequence order from checkpoint 0 (replication.ts), which sends these events again; the
// desk's store keeps one copy (RxDB writes nothing for a document equal to the one it holds). So this
// selection decides what is folded first, never whether an event arrives: a case it judges wrongly (open
// or not) only arrives later, with the rest of the history.

/** "Recently changed": a month of history, the repeated-problem window (src-shared/analytics/repeated.ts) with a margin. */
export const RECENT_WINDOW_MS = 31 * 86_400_000;
/** At most this many events in the first part; the cases past it follow with the history. */
export const FIRST_EVENTS_MAX = 20_000;

// A case is open unless the last of its closing, rejection and reopening events closed or rejected it
// (src-shared/domain/projection.ts). Cases are taken whole, open ones first and then by their last
// sequence number, newest first, while the running count of their events stays within the cap. The cases
// come from their heads (migration 8, kept by every push in sync/events-store.ts), one row per case and
// site, found by the two indexes (open; changed since) so the history itself is never read; a case with
// events on several sites is judged on all of them for an organisation's desk, on its own site's for a site's.
const FIRST_CASES_SQL = (siteScoped: boolean) => `
with candidates as (
  select case_id from case_heads where org_id = $1 and open ${siteScoped ? 'and site_id = $4' : ''}
  union
  select case_id from case_heads where org_id = $1 and last_at >= $2 ${siteScoped ? 'and site_id = $4' : ''}
), per_case as (
  select h.case_id, max(h.last_seq) as last_seq, sum(h.n) as n, (array_agg(h.open order by h.open_seq desc))[1] as open, max(h.last_at) as last_at
  from candidates c join case_heads h on h.org_id = $1 and h.case_id = c.case_id ${siteScoped ? 'and h.site_id = $4' : ''}
  group by h.case_id
), ranked as (
  select case_id, sum(n) over (order by open desc, last_seq desc rows unbounded preceding) as upto
  from per_case where open or last_at >= $2
)
select e.seq, e.doc, e.sealed from ranked r
  join events e on e.org_id = $1 and e.case_id = r.case_id ${siteScoped ? 'and e.site_id = $4' : ''}
where r.upto <= $3
order by e.seq`;

/** The first part for a new desk of `scope` at server time `now`, as JSON texts ready to splice into the response. */
export async function firstEvents(db: Database, keyring: Keyring, scope: DeskScope, now: number, max = FIRST_EVENTS_MAX): Promise<string[]> {
  const siteScoped = scope.scope === 'site';
  const params: (string | number)[] = [scope.orgId, now - RECENT_WINDOW_MS, max];
  if (siteScoped) params.push(scope.siteId);
  const rows = await db.query<{ seq: number | string; doc: string; sealed: string | null }>(FIRST_CASES_SQL(siteScoped), params);
  const docs = await docsForDesk(db, keyring, scope, rows);
  return docs.map(eventWithDeletedFlag);
}
