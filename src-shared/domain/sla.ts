import type { CaseEvent, EventType } from './events';
import type { CaseState } from './case-state';
import type { AppliesTo, Policy, StageDef } from './policy';
import type { StageState, StageStatus } from './sla-types';
import { ACTION_DEFS } from './actions';
import { civilDayFromKey, civilDayOf, clockFor, crossesProvisionalDays, deadlineFrom, startOfCivilDay, type Clock } from './calendar';
import { categoryAdmissibility } from './admissibility';

// The one place that turns policy + events + now into deadlines (docs/architecture.md §Policy and the SLA engine;
// after Zammad's escalation.rb). Timers, notifications, escalations, penalties and statistics read
// its result; nothing else computes a deadline.
//
// Semantics, per stage of the policy:
// - It applies when its `appliesTo` matches the case's latest kind, severity, category (case.classified
//   overrides case.registered) and channel. Stages that do not apply are left out of the result.
// - It starts at the first `startsOn` event (case.registered starts at `payload.receivedAt`, the moment
//   the complaint reached the desk). If `startsOn` includes case.reopened, the last reopening restarts it.
// - It is met at the first `stopsOn` event after the event that started it.
// - Its deadline is `limit` on its clock (see calendar.ts `deadlineFrom`). A stage started by
//   case.assigned whose payload carries a tighter `dueAt` (the receiver's own deadline, S9-2) uses it.
// - Paused time (case.clock_paused / case.clock_resumed naming the stage, or naming none when the stage
//   is `pausable`) does not count: the deadline moves by the paused time measured on the stage's clock.
//   While a pause is open the deadline is computed as if it ended now, so the time left stays frozen.
// - An approved extension (case.extension_requested + case.extension_decided approved by the stage's
//   `extensionApproverRole`) sets the deadline to its `newDueAt`; the policy's deadline stays on record
//   as `originalDueAt`. Denied requests, and approvals by another role, change nothing. A stage without
//   an approver role cannot be extended (S7-13).
// - Warning once `warnAtFraction` of the allowed running time has elapsed; breached from `dueAt` on
//   (an unmet stage at its deadline instant is late; a stop at that instant is on time).
// - "当日" stages (`endOfDay`) are due at 24:00 of the day they start (plus the limit's whole days).
// - A stage with `dueAtFormField` (S7-13 the owner's requested deadline) is due at that form value when it
//   is earlier than the limit, and applies only then.
// - Severity escalation (S7-16): a breached stage with `escalateSeverityTo` raises the severity of a
//   complaint not classified invalid. The stages of the new severity run from the moment of the
//   escalation (the chief butler's week starts when the case became major, not at registration); the
//   stages of the old severity stay in the result as history, stopped at that moment with the state they
//   had then (a lateness before the escalation stays on record).
// - A case resolved (for stages nothing after a result can meet), closed or rejected while a stage is
//   unmet stops that stage's clock (`stoppedAt`): its state
//   is kept as it was at that moment and it no longer changes, until a reopening.
// - Every event given counts, even one stamped after `now`: another desk's clock may run ahead, and a
//   stop it recorded must not show as a breach here. To evaluate as of a past instant (statistics),
//   pass only the events up to that instant.

export interface CaseFacts {
  kind: string;
  channel: string;
  category?: string;
  severity?: string;
  /** Form values recorded at registration (for `appliesTo.form`, S6-6). */
  form?: Readonly<Record<string, string | number | boolean | null>>;
  /** S8-3 / S7-16: false once the complaint is classified invalid. */
  valid?: boolean;
}

/** Does a policy rule's `appliesTo` cover this case? An empty or missing list means "all". */
export function appliesToCase(appliesTo: AppliesTo | undefined, facts: CaseFacts): boolean {
  if (!appliesTo) return true;
  return (
    matches(appliesTo.kinds, facts.kind) &&
    matches(appliesTo.channels, facts.channel) &&
    matches(appliesTo.categories, facts.category) &&
    matches(appliesTo.severities, facts.severity) &&
    (!appliesTo.form || facts.form?.[appliesTo.form.key] === appliesTo.form.equals)
  );
}

function matches(list: readonly string[] | undefined, value: string | undefined): boolean {
  if (!list || list.length === 0) return true;
  return value !== undefined && list.includes(value);
}

/** Events in the log's order `(at, id)`, each id once. Already-ordered input (the usual case) is not copied. */
export function orderedEvents(events: readonly CaseEvent[]): readonly CaseEvent[] {
  let ordered = true;
  for (let i = 1; i < events.length; i++) {
    const a = events[i - 1]!;
    const b = events[i]!;
    if (a.at > b.at || (a.at === b.at && a.id >= b.id)) {
      ordered = false;
      break;
    }
  }
  if (ordered) return events;
  const byId = new Map<string, CaseEvent>();
  for (const e of events) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Kind, channel, category and severity as the latest events say. */
export function caseFactsOf(events: readonly CaseEvent[]): CaseFacts | undefined {
  let facts: CaseFacts | undefined;
  for (const e of events) {
    if (e.type === 'case.registered') {
      if (facts) continue;
      facts = { kind: e.payload.kind, channel: e.payload.channel, category: e.payload.category, severity: e.payload.severity, form: e.payload.form };
    } else if (e.type === 'case.classified' && facts) {
      if (e.payload.kind !== undefined) facts.kind = e.payload.kind;
      if (e.payload.category !== undefined) facts.category = e.payload.category;
      if (e.payload.severity !== undefined) facts.severity = e.payload.severity;
      if (e.payload.valid !== undefined) facts.valid = e.payload.valid;
    }
  }
  return facts;
}

interface Pause {
  from: number;
  /** Undefined while the pause is still open. */
  to: number | undefined;
}

const EMPTY: readonly string[] = Object.freeze([]) as readonly string[];

/** Deadlines of every stage of `policy` that applies to the case, as they stand at `now`. */
export function slaStagesFor(policy: Policy, events: readonly CaseEvent[], now: number): StageStatus[] {
  return slaEvaluation(policy, events, now).stages;
}

export interface SlaEvaluation {
  stages: StageStatus[];
  /** The case's facts after severity escalations by breached stages (S7-16). */
  facts: CaseFacts | undefined;
  /** Set when a breached stage raised the severity (`escalateSeverityTo`). */
  escalatedSeverity?: { from: string | undefined; to: string; stageId: string; at: number };
}

/**
 * `slaStagesFor` plus the severity the case counts as. A breached stage with `escalateSeverityTo`
 * (S7-16: a valid complaint unresolved for a month becomes major) changes the severity, which may bring
 * in the stages of the higher severity; those start from their own start events as usual.
 */
export function slaEvaluation(policy: Policy, events: readonly CaseEvent[], now: number): SlaEvaluation {
  const log = orderedEvents(events);
  const facts = caseFactsOf(log);
  if (!facts) return { stages: [], facts };
  let stages = stagesFor(policy, facts, log, now);
  let escalatedSeverity: SlaEvaluation['escalatedSeverity'];
  // Only a valid complaint escalates (S7-16 "有效投诉"): not one classified invalid, nor one in an invalid category.
  if (facts.valid === false || !categoryAdmissibility(policy, facts.category).valid) return { stages, facts };
  let history: StageStatus[] = [];
  const appliesSince = new Map<string, number>();
  // Each pass can only raise the severity to one named by a breached stage; three passes settle any chain.
  for (let pass = 0; pass < 3; pass++) {
    const escalation = firstEscalation(policy, stages, facts.severity);
    if (!escalation) break;
    escalatedSeverity = { from: escalatedSeverity?.from ?? facts.severity, ...escalation };
    const before = new Set(stages.map((s) => s.stageId));
    facts.severity = escalation.to;
    for (const stage of policy.stages) if (!before.has(stage.id) && appliesToCase(stage.appliesTo, facts)) appliesSince.set(stage.id, escalation.at);
    const after = stagesFor(policy, facts, log, now, appliesSince);
    const still = new Set(after.map((s) => s.stageId));
    // The old severity's stages as they stood at the escalation, their clocks stopped there.
    const dropped = policy.stages.filter((d) => before.has(d.id) && !still.has(d.id));
    const upTo = log.filter((e) => e.at <= escalation.at);
    history = [
      ...history.filter((h) => !still.has(h.stageId)),
      ...dropped.flatMap((d) => {
        const then = stageStatus(policy, d, upTo, escalation.at, appliesSince.get(d.id));
        return then ? [stoppedAtEscalation(then, escalation.at)] : [];
      }),
    ];
    stages = after;
  }
  return escalatedSeverity ? { stages: [...history, ...stages], facts, escalatedSeverity } : { stages, facts };
}

function stoppedAtEscalation(s: StageStatus, at: number): StageStatus {
  if (s.state === 'met' || s.state === 'pending') return s;
  return { ...s, stoppedAt: at, notifyRoles: EMPTY as string[] };
}

function stagesFor(policy: Policy, facts: CaseFacts, log: readonly CaseEvent[], now: number, appliesSince?: ReadonlyMap<string, number>): StageStatus[] {
  const out: StageStatus[] = [];
  for (const stage of policy.stages) {
    if (!appliesToCase(stage.appliesTo, facts)) continue;
    const status = stageStatus(policy, stage, log, now, appliesSince?.get(stage.id));
    if (status) out.push(status);
  }
  return out;
}

function firstEscalation(
  policy: Policy,
  stages: readonly StageStatus[],
  severity: string | undefined,
): { to: string; stageId: string; at: number } | undefined {
  for (const s of stages) {
    if (s.state !== 'breached' && !s.metLate) continue;
    const to = policy.stages.find((d) => d.id === s.stageId)?.escalateSeverityTo;
    if (to && to !== severity) return { to, stageId: s.stageId, at: s.dueAt! };
  }
  return undefined;
}

function includes(list: readonly EventType[], type: EventType): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] === type) return true;
  return false;
}

/**
 * One stage's status; undefined when a `dueAtFormField` stage does not apply. `notBefore` is when the stage
 * began to apply (a severity escalation): it starts no earlier, and nothing before it counts towards it.
 */
function stageStatus(policy: Policy, stage: StageDef, log: readonly CaseEvent[], now: number, notBefore?: number): StageStatus | undefined {
  // Where the stage (re)starts.
  let startIdx = -1;
  const restartsOnReopen = includes(stage.startsOn, 'case.reopened');
  for (let i = 0; i < log.length; i++) {
    const t = log[i]!.type;
    if (startIdx < 0 ? includes(stage.startsOn, t) : restartsOnReopen && t === 'case.reopened') startIdx = i;
  }
  if (startIdx < 0)
    return statusOf(stage, 'pending', undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, false, 0, false, false);
  const startEvent = log[startIdx]!;
  const eventStart = startEvent.type === 'case.registered' ? startEvent.payload.receivedAt : startEvent.at;
  const startedAt = notBefore !== undefined && notBefore > eventStart ? notBefore : eventStart;

  // One pass over what happened after the start: stop, pauses, extensions, closure.
  let metAt: number | undefined;
  let stoppedAt: number | undefined;
  const pauses: Pause[] = [];
  let open: Pause | undefined;
  let requests: Map<string, number> | undefined;
  let extendedTo: number | undefined;
  for (let i = startIdx + 1; i < log.length; i++) {
    const e = log[i]!;
    if (e.at < startedAt && notBefore !== undefined) continue;
    if (includes(stage.stopsOn, e.type)) {
      metAt = e.at;
      break;
    }
    switch (e.type) {
      case 'case.clock_paused':
        if (!open && pausesStage(stage, e.payload.stageId)) pauses.push((open = { from: e.at, to: undefined }));
        break;
      case 'case.clock_resumed':
        if (open && pausesStage(stage, e.payload.stageId)) {
          open.to = e.at;
          open = undefined;
        }
        break;
      case 'case.extension_requested':
        if (e.payload.stageId === stage.id && stage.extensionApproverRole) (requests ??= new Map()).set(e.payload.requestId, e.payload.newDueAt);
        break;
      case 'case.extension_decided': {
        const newDueAt = requests?.get(e.payload.requestId);
        if (newDueAt !== undefined && e.payload.approved && e.payload.approverRole === stage.extensionApproverRole) extendedTo = newDueAt;
        break;
      }
      case 'case.closed':
      case 'case.rejected':
        stoppedAt ??= e.at;
        break;
      case 'case.resolved':
        // A resolved case stops the stages nothing can meet any more (issue 16 finding 3): their timers
        // and alerts end, and the stage counts as missed once. Stages met by what follows a result
        // (feedback, callback, a signature) keep running.
        if (!outlivesResolution(stage)) stoppedAt ??= e.at;
        break;
      case 'case.reopened':
        stoppedAt = undefined;
        break;
      default:
        break;
    }
  }

  const evalAt = metAt ?? stoppedAt ?? now;
  if (open) open.to = Math.max(open.from, evalAt);
  const clock = clockFor(stage.clock, policy);

  // The policy's deadline, moved by paused clock time.
  let policyDue = stage.endOfDay ? sameDayDeadline(policy, stage, startedAt) : deadlineFrom(startedAt, stage.limit, stage.clock, policy);
  if (stage.dueAtFormField !== undefined) {
    const owner = formDeadline(policy, startEvent.type === 'case.registered' ? startEvent.payload.form[stage.dueAtFormField] : undefined);
    if (owner === undefined || owner >= policyDue) return undefined;
    policyDue = Math.max(owner, startedAt);
  }
  if (startEvent.type === 'case.assigned' && startEvent.payload.dueAt !== undefined && startEvent.payload.dueAt < policyDue)
    policyDue = startEvent.payload.dueAt;
  const allowed = clock.elapsed(startedAt, policyDue);
  const shiftedDue = pauses.length ? advance(clock, startedAt, allowed, pauses) : policyDue;
  const dueAt = extendedTo ?? shiftedDue;
  const allowedNow = extendedTo === undefined ? allowed : runningTime(clock, startedAt, dueAt, pauses);
  const warnAt = advance(clock, startedAt, allowedNow * stage.warnAtFraction, pauses);

  let pausedMs = 0;
  for (const p of pauses) pausedMs += (p.to ?? evalAt) - p.from;

  let state: StageState;
  if (metAt !== undefined) state = 'met';
  else if (evalAt >= dueAt) state = 'breached';
  else if (evalAt >= warnAt) state = 'warning';
  else state = 'running';

  const met = metAt !== undefined;
  return statusOf(
    stage,
    state,
    startedAt,
    dueAt,
    extendedTo !== undefined ? shiftedDue : undefined,
    warnAt,
    metAt,
    metAt !== undefined ? metAt > dueAt : undefined,
    met ? undefined : stoppedAt,
    met ? undefined : dueAt - evalAt,
    open !== undefined && !met,
    pausedMs,
    extendedTo !== undefined,
    // Only a clock that skips holidays (or a working-day limit) depends on the year's schedule.
    (stage.clock !== 'natural' || stage.limit.unit === 'workingDays') && crossesProvisionalDays(startedAt, dueAt, policy),
  );
}

// Every status has the same keys in the same order (absent values are undefined): one object shape
// keeps recomputing 10k cases' timers cheap (spreading and adding keys later was ~10× slower).
function statusOf(
  stage: StageDef,
  state: StageState,
  startedAt: number | undefined,
  dueAt: number | undefined,
  originalDueAt: number | undefined,
  warnAt: number | undefined,
  metAt: number | undefined,
  metLate: boolean | undefined,
  stoppedAt: number | undefined,
  remainingMs: number | undefined,
  paused: boolean,
  pausedMs: number,
  extended: boolean,
  provisional: boolean,
): StageStatus {
  return {
    stageId: stage.id,
    name: stage.name,
    state,
    clock: stage.clock,
    startedAt,
    dueAt,
    originalDueAt,
    warnAt,
    metAt,
    metLate,
    stoppedAt,
    remainingMs,
    paused,
    pausedMs,
    extended,
    provisional,
    notifyRoles: rolesFor(stage, state),
    rules: stage.rules,
  };
}

/**
 * "当日 / 当天" (S1-3, S3-5, S10-5, S11-3): 24:00 local of the day the stage starts, plus the limit's whole
 * days (on its clock's convention) when it has any. The day is taken before anything is added, so a case
 * received at 23:59 is due at 24:00 that same day, not the next.
 */
function sameDayDeadline(policy: Policy, stage: StageDef, startedAt: number): number {
  const offset = policy.utcOffsetMinutes;
  const endOfStartDay = startOfCivilDay(civilDayOf(startedAt, offset) + 1, offset);
  const unitDays = stage.limit.unit === 'days' || stage.limit.unit === 'workingDays' ? Math.floor(stage.limit.amount) : 0;
  if (unitDays === 0) return endOfStartDay;
  // A whole-day limit counted from the start day ends at 24:00 of its last day already.
  return deadlineFrom(startedAt, { amount: unitDays, unit: stage.limit.unit }, stage.clock, policy);
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A deadline the case's form records (S7-13 业户要求的解决期限): a local 'YYYY-MM-DD HH:MM' in the
 * policy's offset, or a bare date meaning 24:00 of that day. Anything else is no deadline.
 */
export function formDeadline(policy: Pick<Policy, 'utcOffsetMinutes'>, value: string | number | boolean | null | undefined): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = LOCAL_DATE_TIME.exec(value.trim());
  const day = m ? civilDayFromKey(m[1]!) : undefined;
  if (!m || day === undefined) return undefined;
  if (m[2] === undefined) return startOfCivilDay(day + 1, policy.utcOffsetMinutes);
  const h = Number(m[2]);
  const min = Number(m[3]);
  const sec = Number(m[4] ?? 0);
  if (h > 23 || min > 59 || sec > 59) return undefined;
  return startOfCivilDay(day, policy.utcOffsetMinutes) + ((h * 60 + min) * 60 + sec) * 1000;
}

let afterResult: ReadonlySet<string> | undefined;
function outlivesResolution(stage: StageDef): boolean {
  afterResult ??= new Set(
    Object.values(ACTION_DEFS)
      .filter((d) => (d.allowedIn as readonly string[]).includes('resolved'))
      .map((d) => d.event as string),
  );
  return stage.stopsOn.some((t) => afterResult!.has(t) && t !== 'case.note');
}

function pausesStage(stage: StageDef, stageId: string | undefined): boolean {
  return stageId === undefined ? stage.pausable : stageId === stage.id;
}

/** Clock time that runs (is not paused) between `from` and `to`. */
function runningTime(clock: Clock, from: number, to: number, pauses: readonly Pause[]): number {
  let t = clock.elapsed(from, to);
  for (const p of pauses) t -= clock.elapsed(Math.max(from, p.from), Math.min(to, p.to ?? p.from));
  return Math.max(0, t);
}

/** The instant at which `amount` of running clock time has passed after `from`, skipping pauses. */
function advance(clock: Clock, from: number, amount: number, pauses: readonly Pause[]): number {
  let left = amount;
  let cursor = from;
  for (const p of pauses) {
    const pTo = p.to ?? p.from;
    if (pTo <= cursor) continue;
    const segment = clock.elapsed(cursor, p.from);
    if (segment >= left) return clock.add(cursor, left);
    left -= segment;
    cursor = Math.max(cursor, pTo);
  }
  return clock.add(cursor, left);
}

function rolesFor(stage: StageDef, state: StageState): string[] {
  const at = state === 'running' ? 'start' : state === 'warning' ? 'warning' : state === 'breached' ? 'breach' : undefined;
  if (!at) return EMPTY as string[];
  for (const step of stage.ladder) if (step.at === at) return step.notifyRoles;
  return EMPTY as string[];
}

// ---------------------------------------------------------------------------------------------------
// Readers for the queue and the shared ticker.

function isLive(s: StageStatus): boolean {
  return (s.state === 'running' || s.state === 'warning' || s.state === 'breached') && s.stoppedAt === undefined && s.dueAt !== undefined;
}

/** The most urgent running stage (earliest deadline; breached ones first), for the queue's timer. */
export function caseDeadlineSummary(stages: readonly StageStatus[]): StageStatus | undefined {
  let best: StageStatus | undefined;
  for (const s of stages) {
    if (!isLive(s)) continue;
    if (!best || (s.remainingMs ?? 0) < (best.remainingMs ?? 0) || ((s.remainingMs ?? 0) === (best.remainingMs ?? 0) && s.dueAt! < best.dueAt!)) best = s;
  }
  return best;
}

/**
 * The next instant at which some stage changes colour on its own (running → warning → breached), so one
 * shared ticker can sleep until then. Paused and stopped stages do not change with time; events change
 * the rest, and the caller recomputes on every event anyway.
 */
export function nextStateChangeAt(stages: readonly StageStatus[]): number | undefined {
  let next: number | undefined;
  for (const s of stages) {
    if (!isLive(s) || s.paused) continue;
    const at = s.state === 'running' ? s.warnAt : s.state === 'warning' ? s.dueAt : undefined;
    if (at !== undefined && (next === undefined || at < next)) next = at;
  }
  return next;
}

// ---------------------------------------------------------------------------------------------------
// Callback deadlines (S8-7, S8-9, X-4): one implementation for the callback queue and the statistics.

export interface CallbackDue {
  dueAt: number;
  resolvedAt: number;
  rule: Policy['callback']['rules'][number];
}

/**
 * When the callback of a resolved case is due: the first of `policy.callback.rules` that applies,
 * `within` on its clock from the resolve time (the last case.resolved, unless reopened since).
 * Undefined when the case is not resolved, its kind is exempt from callbacks, or no rule applies.
 */
export function callbackDueAt(policy: Policy, source: CaseState | readonly CaseEvent[]): number | undefined {
  return callbackDue(policy, source)?.dueAt;
}

export function callbackDue(policy: Policy, source: CaseState | readonly CaseEvent[]): CallbackDue | undefined {
  let facts: CaseFacts | undefined;
  let resolvedAt: number | undefined;
  if (isEventList(source)) {
    const log = orderedEvents(source);
    facts = caseFactsOf(log);
    for (const e of log) {
      if (e.type === 'case.resolved') resolvedAt = e.at;
      else if (e.type === 'case.reopened') resolvedAt = undefined;
    }
  } else {
    facts = { kind: source.kind, channel: source.channel, category: source.category, severity: source.severity };
    resolvedAt = source.resolvedAt;
  }
  if (!facts || resolvedAt === undefined) return undefined;
  const kind = policy.kinds.find((k) => k.code === facts.kind);
  if (kind?.callbackExempt) return undefined;
  const rule = policy.callback.rules.find((r) => appliesToCase(r.appliesTo, facts));
  if (!rule) return undefined;
  return { dueAt: deadlineFrom(resolvedAt, rule.within, rule.clock, policy), resolvedAt, rule };
}

function isEventList(source: CaseState | readonly CaseEvent[]): source is readonly CaseEvent[] {
  return Array.isArray(source);
}
