import type { CaseEvent } from '../../src-shared/domain/events';
import type { Policy } from '../../src-shared/domain/policy';
import type { DeskDatabase } from './database';
import { configFromDocs } from './config';
import { policyByRevision } from './policy-select';
import { clearPending, pendingCaseIds } from './pending';
import { projectBatch, type BatchOutcome, type PolicyFor } from './projector';
import { readWaiting, writeWaiting, type WaitingList } from './projection-waiting';
import { findDrift } from './reconcile';
import { eventsChangedSince, type ChangeCheckpoint } from './store-reads';
import type { StoredConfigDoc } from './schemas';

// Keeps the `cases` collection equal to the fold of the `events` collection, whatever way events arrive
// (docs/architecture.md §Projection):
// - it reads the events collection's own change order (RxDB's [_meta.lwt, id] index) from a checkpoint
//   stored in the database, a page at a time, so a restart, a crash or a burst of pulled pages resumes
//   where it stopped and no event is ever skipped because a notification was missed;
// - a case that cannot be folded yet goes on the waiting list (projection-waiting.ts) and is folded as
//   soon as what it waits for arrives: its registration (an event of the case), its policy revision (a
//   policy document), or the next retry after an error (back-off doubling to a ceiling);
// - the reconciliation pass (start-up, after every completed pull, on demand from settings) compares
//   per-case event counts with the case documents (reconcile.ts) and rebuilds what differs;
// - nothing fails silently: errors are logged, the case is listed with its error, and retried.
// Only one window of a desk projects (the RxDB leader, like replication); the others fold what they
// write themselves (write-event.ts) and show the shared waiting list.

const CHECKPOINT_KEY = 'projection-checkpoint';

export interface ReconcileReport {
  cases: number;
  events: number;
  missing: number;
  stale: number;
  /** Cases whose document changed when rebuilt. */
  repaired: number;
  waiting: number;
  ms: number;
}

export interface ProjectorOptions {
  /** Project only in the leading window (default true; tests with one window skip the election). */
  waitForLeadership?: boolean;
  batchSize?: number;
  /** First retry delay after an error; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  /** Quiet time after the last pull before the post-pull reconciliation runs (default 1500 ms). */
  settleMs?: number;
  /** Where errors are reported (default console.error). */
  log?: (message: string, error?: unknown) => void;
}

export interface Projector {
  /** Stops projecting (same as stop, for callers that hold it as a subscription). */
  unsubscribe(): void;
  stop(): Promise<void>;
  /** Folds everything the store holds that is not folded yet, and retries what is due. */
  idle(): Promise<void>;
  /**
   * A pull completed: once pulls have gone quiet for `settleMs`, catch up, retry every waiting case and
   * check every case (one pass for a burst of pulls; calls in the same burst share its report).
   */
  afterPull(): Promise<ReconcileReport>;
  /** The full reconciliation pass (start-up, settings). */
  reconcile(): Promise<ReconcileReport>;
}

/** The projector of each open desk database, for settings' "reconcile now". */
const running = new WeakMap<DeskDatabase, Promise<Projector>>();
export function projectorOf(db: DeskDatabase): Promise<Projector> | undefined {
  return running.get(db);
}

/** Starts the projector of a desk window and registers it (DeskProvider). */
export function runProjector(db: DeskDatabase, policyFor: PolicyFor): Promise<Projector> {
  const p = startProjector(db, policyFor);
  running.set(db, p);
  return p;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function startProjector(db: DeskDatabase, policyFor?: PolicyFor, now: () => number = Date.now, opts: ProjectorOptions = {}): Promise<Projector> {
  const batchSize = opts.batchSize ?? 1000;
  const retryMs = opts.retryMs ?? 1000;
  const maxRetryMs = opts.maxRetryMs ?? 60_000;
  const settleMs = opts.settleMs ?? 1500;
  const log = opts.log ?? ((message: string, error?: unknown) => console.error(`[projection] ${message}`, error ?? ''));
  let policies: Policy[] = [];
  // The policies this window's store holds, read by the runner itself so that a policy document arriving
  // is known here before the retry it triggers (the caller's view may update a render later).
  const lookup: PolicyFor = (rev) => policyByRevision(policies, rev) ?? policyFor?.(rev);
  let stopped = false;
  let waiting: WaitingList = await readWaiting(db);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  /** Serialises all work: two passes never race on one case's document. */
  function run<T>(task: () => Promise<T>): Promise<T> {
    const next = queue.then(() => (stopped ? (undefined as T) : task()));
    queue = next.catch(() => undefined);
    return next;
  }

  // Crash safety between appending an event and updating its case (pending.ts): repaired before anything else.
  for (const caseId of await pendingCaseIds(db)) {
    const r = await projectBatch(db, [], lookup, now(), [caseId]).catch((e: unknown) => (log(`rebuilding case ${caseId} after a crash failed`, e), undefined));
    if (r) await clearPending(db, caseId);
  }

  async function saveWaiting(next: WaitingList): Promise<void> {
    const changed = JSON.stringify(next) !== JSON.stringify(waiting);
    waiting = next;
    if (changed) await writeWaiting(db, next);
    scheduleRetry();
  }

  /** Applies a batch's outcome to the waiting list. */
  function settle(next: WaitingList, outcome: BatchOutcome, at: number): void {
    for (const caseId of outcome.folded.keys()) delete next[caseId];
    for (const [caseId, w] of outcome.waiting)
      next[caseId] = { reason: w.reason, ...(w.revision !== undefined ? { revision: w.revision } : {}), attempts: 0, since: next[caseId]?.since ?? at };
    for (const [caseId, e] of outcome.failed) {
      const attempts = (next[caseId]?.reason === 'error' ? next[caseId]!.attempts : 0) + 1;
      log(`folding case ${caseId} failed (attempt ${attempts})`, e);
      next[caseId] = {
        reason: 'error',
        error: errorText(e),
        attempts,
        retryAt: at + Math.min(maxRetryMs, retryMs * 2 ** (attempts - 1)),
        since: next[caseId]?.since ?? at,
      };
    }
  }

  /** One batch; if the batch as a whole cannot be written, each case alone, so one bad case blocks no other. */
  async function fold(events: readonly CaseEvent[], rebuild: string[], next: WaitingList, unseen?: (caseId: string) => boolean): Promise<BatchOutcome> {
    const at = now();
    try {
      const outcome = await projectBatch(db, events, lookup, at, rebuild, unseen);
      settle(next, outcome, at);
      return outcome;
    } catch (e) {
      log('folding a batch failed; folding its cases one by one', e);
      const total: BatchOutcome = { folded: new Map(), waiting: new Map(), failed: new Map() };
      const byCase = new Map<string, CaseEvent[]>(rebuild.map((id) => [id, []]));
      for (const ev of events) byCase.set(ev.caseId, [...(byCase.get(ev.caseId) ?? []), ev]);
      for (const [caseId, list] of byCase) {
        try {
          const one = await projectBatch(db, list, lookup, at, [caseId]);
          one.folded.forEach((v, k) => total.folded.set(k, v));
          one.waiting.forEach((v, k) => total.waiting.set(k, v));
          one.failed.forEach((v, k) => total.failed.set(k, v));
        } catch (err) {
          total.failed.set(caseId, err);
        }
      }
      settle(next, total, at);
      return total;
    }
  }

  async function readCheckpoint(): Promise<ChangeCheckpoint | undefined> {
    const doc = await db.getLocal<ChangeCheckpoint>(CHECKPOINT_KEY);
    return doc ? doc.toJSON().data : undefined;
  }

  /** Folds every event after the checkpoint, a page at a time; the checkpoint moves only past settled pages. */
  async function drain(): Promise<void> {
    let checkpoint = await readCheckpoint();
    for (;;) {
      if (stopped) return;
      const page = await eventsChangedSince(db, batchSize, checkpoint);
      if (page.documents.length === 0) return;
      // Storage documents carry RxDB's bookkeeping (_meta, _rev, …); the fold and the case's log get the event alone.
      const events = (page.documents as unknown as (CaseEvent & { _deleted: boolean; _meta: unknown; _rev: unknown; _attachments: unknown })[])
        .filter((d) => !d._deleted)
        .map(({ _deleted: _d, _meta: _m, _rev: _r, _attachments: _a, ...event }) => event as CaseEvent);
      const next = { ...waiting };
      // Every event before the checkpoint was handed to the projector: a case it never folded and does not
      // list as waiting has no stored event outside this page and the ones after it (projectBatch's `unseen`).
      await fold(events, [], next, (caseId) => !(caseId in waiting));
      await saveWaiting(next);
      checkpoint = page.checkpoint as ChangeCheckpoint;
      await db.upsertLocal<ChangeCheckpoint>(CHECKPOINT_KEY, checkpoint);
      if (page.documents.length < batchSize) return;
    }
  }

  /** Rebuilds the waiting cases that may be foldable now: all, or those whose retry is due. */
  async function retryWaiting(filter: (c: WaitingList[string]) => boolean): Promise<void> {
    const due = Object.entries(waiting)
      .filter(([, w]) => filter(w))
      .map(([id]) => id);
    if (due.length === 0) return;
    const next = { ...waiting };
    await fold([], due, next);
    await saveWaiting(next);
  }

  function scheduleRetry(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const times = Object.values(waiting)
      .filter((w) => w.reason === 'error')
      .map((w) => w.retryAt ?? 0);
    if (stopped || times.length === 0) return;
    const wait = Math.max(0, Math.min(...times) - now());
    timer = setTimeout(
      () => {
        timer = undefined;
        // Whatever the outcome, the next retry is scheduled: a timer can fire before the clock says a retry is
        // due (timers and the wall clock drift apart, the clock can be set back), and then nothing was retried
        // and nothing rescheduled — the case would wait until some other event arrived (projection-retry.test.ts).
        void run(() => retryWaiting((w) => w.reason === 'error' && (w.retryAt ?? 0) <= now())).then(
          () => {
            if (!timer) scheduleRetry();
          },
          (e: unknown) => {
            log('retrying waiting cases failed', e);
            // The store itself failed: try again at the back-off ceiling rather than at once.
            if (!timer && !stopped) timer = setTimeout(scheduleRetry, maxRetryMs);
          },
        );
      },
      Math.min(wait, maxRetryMs),
    );
  }

  async function reconcilePass(): Promise<ReconcileReport> {
    const started = performance.now();
    await drain();
    // The stored list, not this window's copy: what the status bar shows is what the pass must settle (a
    // window that led before this one may have left entries this one never saw).
    waiting = await readWaiting(db);
    const drift = await findDrift(db);
    const suspects = [...new Set([...drift.missing, ...drift.stale, ...Object.keys(waiting)])];
    const next = { ...waiting };
    const before = new Map<string, number>();
    if (suspects.length) {
      for (const d of (await db.cases.findByIds(suspects).exec()).values()) before.set(d.id, d.state.timeline.length);
    }
    const outcome = suspects.length ? await fold([], suspects, next) : undefined;
    await saveWaiting(next);
    let repaired = 0;
    for (const [caseId, state] of outcome?.folded ?? []) if (before.get(caseId) !== state.timeline.length) repaired++;
    if (drift.missing.length || drift.stale.length)
      log(`reconciliation: ${drift.missing.length} missing, ${drift.stale.length} out of date, ${repaired} repaired`);
    return {
      cases: drift.cases,
      events: drift.events,
      missing: drift.missing.length,
      stale: drift.stale.length,
      repaired,
      waiting: Object.keys(next).length,
      ms: performance.now() - started,
    };
  }

  const subs: { unsubscribe(): void }[] = [];
  let scheduled = false;
  let drainDelay = retryMs;
  const scheduleDrain = () => {
    if (scheduled || stopped) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      run(drain).then(
        () => void (drainDelay = retryMs),
        (e: unknown) => {
          // The store could not be read: try again with back-off even if no further event arrives.
          log('reading new events failed; retrying', e);
          setTimeout(scheduleDrain, drainDelay);
          drainDelay = Math.min(maxRetryMs, drainDelay * 2);
        },
      );
    });
  };

  const begin = async () => {
    if ((opts.waitForLeadership ?? true) && db.multiInstance) await db.waitForLeadership();
    if (stopped) return;
    subs.push(
      db.config.find({ selector: { kind: 'policy' } }).$.subscribe((docs) => {
        const known = policies.length;
        policies = configFromDocs(docs.map((d) => d.toJSON() as StoredConfigDoc)).policies;
        // A policy revision arrived: fold the cases that waited for it.
        if (policies.length !== known)
          void run(() => retryWaiting((w) => w.reason === 'policy')).catch((e: unknown) => log('folding cases that waited for a policy failed', e));
      }),
    );
    subs.push(db.events.$.subscribe(scheduleDrain));
    // Start-up: catch up from the checkpoint, then the full reconciliation pass.
    await run(reconcilePass).catch((e: unknown) => log('start-up reconciliation failed', e));
  };
  const started = begin();

  // A joining desk pulls page after page, each emitting "pulled"; a pass reads every case's event count,
  // so one pass per page would make a join quadratic in its history. One pass when the pulls go quiet.
  let pullPass: { timer?: ReturnType<typeof setTimeout>; report: Promise<ReconcileReport>; settle(): void } | undefined;
  function afterPullSettled(): Promise<ReconcileReport> {
    if (!pullPass) {
      let settle!: () => void;
      const due = new Promise<void>((resolve) => (settle = resolve));
      const report = due.then(() => started).then(() => run(reconcilePass));
      pullPass = { report, settle };
    }
    const pass = pullPass;
    if (pass.timer) clearTimeout(pass.timer);
    pass.timer = setTimeout(() => {
      if (pullPass === pass) pullPass = undefined;
      pass.settle();
    }, settleMs);
    return pass.report;
  }

  async function stop(): Promise<void> {
    stopped = true;
    if (timer) clearTimeout(timer);
    if (pullPass?.timer) clearTimeout(pullPass.timer);
    subs.forEach((s) => s.unsubscribe());
    await queue;
  }

  return {
    unsubscribe: () => void stop(),
    stop,
    async idle() {
      await started;
      await run(async () => {
        await drain();
        await retryWaiting((w) => w.reason !== 'error' || (w.retryAt ?? 0) <= now());
      });
    },
    afterPull: afterPullSettled,
    async reconcile() {
      await started;
      return run(reconcilePass);
    },
  };
}
