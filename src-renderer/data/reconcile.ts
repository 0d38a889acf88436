import type { DeskDatabase } from './database';
import { caseEventCounts, eventCountsByCase } from './store-reads';

// The reconciliation pass's cheap half: which cases are missing or out of date, found by comparing each
// case id's number of stored events with the number its case document was folded from (`sourceEvents`,
// skipped events included) — both read from index keys alone (store-reads.ts), no document is read and
// nothing is folded. The runner (projection-runner.ts) rebuilds what it finds. Every case is compared,
// always: a check of the two totals first would miss a case behind that another case ahead cancels out.

export interface Drift {
  /** Case ids with events in the store. */
  cases: number;
  events: number;
  /** Case ids with events and no case document. */
  missing: string[];
  /** Cases whose document folded a different number of events than the store holds. */
  stale: string[];
}

export async function findDrift(db: DeskDatabase): Promise<Drift> {
  const [stored, folded] = await Promise.all([eventCountsByCase(db), caseEventCounts(db)]);
  const drift: Drift = { cases: stored.size, events: 0, missing: [], stale: [] };
  for (const [caseId, n] of stored) {
    drift.events += n;
    const f = folded.get(caseId);
    if (f === undefined) drift.missing.push(caseId);
    else if (f !== n) drift.stale.push(caseId);
  }
  return drift;
}
