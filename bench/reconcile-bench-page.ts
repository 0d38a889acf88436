import { z } from 'zod';
import { normalizeMangoQuery, prepareQuery } from 'rxdb';
import { createDeskDatabase, deskDatabaseName } from '../src-renderer/data/database';
import { loadConfig } from '../src-renderer/data/config';
import { policyByRevision } from '../src-renderer/data/policy-select';
import { startProjector, type ReconcileReport } from '../src-renderer/data/projection-runner';
import { findDrift } from '../src-renderer/data/reconcile';
import { caseEventCounts, eventCountsByCase } from '../src-renderer/data/store-reads';

// Runs inside Chromium for bench/reconcile.bench.ts, on a desk store seeded by desk-bench-page.ts: the
// run-time check of issue 15's invariant (the reconciliation pass, projection-runner.ts + reconcile.ts)
// beside reading the same case documents once, alternated round by round so both see the same load.

z.config({ jitless: true });

export interface ReconcileBenchResult {
  /** The whole pass as start-up, every pull burst and settings run it, nothing to repair (ms). */
  pass: number[];
  /** Its halves: the caseId index's per-case counts (keys only) and the case documents' folded counts. */
  eventCounts: number[];
  caseCounts: number[];
  drift: number[];
  /** Durations of the main thread's long tasks (over 50 ms) during the passes (ms). */
  longTasks: number[];
  /** Baseline: every case document read once through the desk's storage instance. */
  readAll: number[];
  /** A pass that finds and rebuilds `damaged` deleted case documents. */
  repair: { ms: number; report: ReconcileReport };
  catchUpMs: number;
  cases: number;
  events: number;
}

export async function reconcileBench(profile: string, rounds: number, damaged: number): Promise<ReconcileBenchResult> {
  const db = await createDeskDatabase(deskDatabaseName(profile));
  const config = await loadConfig(db);
  const projector = await startProjector(db, (rev) => policyByRevision(config.policies, rev), Date.now, { waitForLeadership: false, log: () => undefined });
  // The seeded store has cases but no projection checkpoint: the first start folds the whole history once.
  let t0 = performance.now();
  await projector.idle();
  const catchUpMs = performance.now() - t0;
  const out: Omit<ReconcileBenchResult, 'repair' | 'catchUpMs'> = {
    pass: [],
    eventCounts: [],
    caseCounts: [],
    drift: [],
    longTasks: [],
    readAll: [],
    cases: 0,
    events: 0,
  };
  const time = async (into: number[], fn: () => Promise<unknown>) => {
    const s = performance.now();
    await fn();
    into.push(performance.now() - s);
  };
  // Long tasks (>50 ms on the main thread) while a pass runs: what a clerk would feel as the desk freezing.
  const tasks: { start: number; ms: number }[] = [];
  const passes: [number, number][] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, ms: e.duration });
  });
  observer.observe({ type: 'longtask' });
  for (let i = 0; i < rounds; i++) {
    await time(out.pass, async () => {
      const s = performance.now();
      const r = await projector.reconcile().finally(() => void passes.push([s, performance.now()]));
      if (r.missing || r.stale || r.waiting) throw new Error(`unexpected drift ${JSON.stringify(r)}`);
      out.cases = r.cases;
      out.events = r.events;
    });
    // Through the storage instance: RxDB's query cache would answer a repeated find() without reading.
    await time(out.readAll, async () => {
      const schema = db.cases.schema.jsonSchema;
      const all = await db.cases.storageInstance.query(prepareQuery(schema, normalizeMangoQuery(schema as never, { selector: {} } as never)));
      if (all.documents.length !== out.cases) throw new Error(`case count differs: ${all.documents.length}`);
    });
    await time(out.eventCounts, () => eventCountsByCase(db));
    await time(out.caseCounts, () => caseEventCounts(db));
    await time(out.drift, () => findDrift(db));
  }
  // Entries are delivered after the task that produced them: let the last ones arrive.
  await new Promise((r) => setTimeout(r, 200));
  observer.disconnect();
  out.longTasks = tasks.filter((t) => passes.some(([a, b]) => t.start >= a && t.start < b)).map((t) => t.ms);
  // Damage: case documents gone behind the projector's back; one pass finds and rebuilds them.
  const victims = (await db.cases.find({ limit: damaged }).exec()).map((d) => d.id);
  await db.cases.bulkRemove(victims);
  t0 = performance.now();
  const report = await projector.reconcile();
  const repair = { ms: performance.now() - t0, report };
  if (report.missing !== damaged || report.repaired !== damaged) throw new Error(`repair pass: ${JSON.stringify(report)}`);
  await projector.stop();
  await db.close();
  return { ...out, repair, catchUpMs };
}

declare global {
  interface Window {
    reconcileBench?: typeof reconcileBench;
  }
}
window.reconcileBench = reconcileBench;
