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
import { STORED_EVENTS_SQL, newlineJoined } from './events-store';
import { casesHoldingNumbers } from './case-numbers';
import { rulesOf, type OrgRules } from './rules';
import { unsealEvent } from '../../src-shared/domain/sealing';

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
}

export const DEFAULT_MAX_SKEW_MS = 5 * 60_000;

function refusal(path: string, code: MessageCode): FieldError[] {
  return [{ path, code, message: messageFor(code, path) }];
}

/** The stored events of these cases, grouped by case (one index walk on events_case per case). */
async function storedEventsOf(db: Queryable, orgId: string, caseIds: readonly string[]): Promise<Map<string, CaseEvent[]>> {
  const rows = await db.query<{ doc: string }>(
    `select e.doc from unnest(string_to_array($2, chr(10))) as u(case_id)
       cross join lateral (select doc from events where org_id = $1 and case_id = u.case_id) as e`,
    [orgId, newlineJoined(caseIds)],
  );
  const byCase = new Map<string, CaseEvent[]>();
  for (const r of rows) {
    // The server holds every identity it sealed (confidential/): its fold is not a sealed desk's view, so a
    // reveal is judged by role alone (a desk without the identity has no one allowed to reveal it).
    const e = unsealEvent(JSON.parse(r.doc) as Record<string, unknown>, {}) as unknown as CaseEvent;
    const list = byCase.get(e.caseId);
    if (list) list.push(e);
    else byCase.set(e.caseId, [e]);
  }
  return byCase;
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

/**
 * The refused rows of a push (empty: every event may be stored). Events already stored under the same id
 * are left to the store (a no-op or a conflict); every other event is judged. Once an event of a case is
 * refused, the later events of that case in the batch are refused with it (they were written on top of it).
 */
export async function authoriseEvents(db: Queryable, scope: DeskScope, rows: readonly CheckedEvent[], opts: AuthoriseOptions = {}): Promise<RowError[]> {
  if (rows.length === 0) return [];
  const now = (opts.now ?? Date.now)();
  const skew = opts.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const ids = [...new Set(rows.map((r) => r.event.id))];
  const numbers = rows.flatMap((r) => (r.event.type === 'case.registered' ? [r.event.payload.number] : []));
  const [rules, storedIds, stored, numberHolders] = await Promise.all([
    rulesOf(db, scope.orgId),
    db.query<{ id: string }>(STORED_EVENTS_SQL, [scope.orgId, newlineJoined(ids)]).then((rs) => new Set(rs.map((r) => r.id))),
    storedEventsOf(db, scope.orgId, [...new Set(rows.map((r) => r.event.caseId))]),
    casesHoldingNumbers(db, scope.orgId, [...new Set(numbers)]),
  ]);
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
    const history = [...(stored.get(caseId) ?? [])].sort(compareEvents);
    let state = projectCase(history);
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
      history.push(event);
      history.sort(compareEvents);
    }
  }
  return refused.sort((a, b) => a.index - b.index);
}
