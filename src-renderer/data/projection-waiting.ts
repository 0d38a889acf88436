import { map, type Observable } from 'rxjs';
import type { DeskDatabase } from './database';
import type { WaitReason } from './projector';

// The projection's waiting list: cases with events but no up-to-date case document, and why — their
// registration or policy revision has not arrived, or folding them failed and will be retried. Kept in a
// local (never replicated) document so it survives a restart and every window of the desk shows it
// (the status bar's "N 件案件待整理"); only the projecting window writes it.

const KEY = 'projection-waiting';

export interface WaitingCase {
  reason: WaitReason | 'error';
  /** The policy revision the case waits for (reason 'policy'). */
  revision?: number;
  /** The last error (reason 'error'), for the log and the tooltip. */
  error?: string;
  /** Failed attempts so far; the back-off doubles with each. */
  attempts: number;
  /** Earliest next retry (reason 'error'). */
  retryAt?: number;
  since: number;
}

export type WaitingList = Record<string, WaitingCase>;

interface WaitingDoc {
  cases: WaitingList;
}

export async function readWaiting(db: DeskDatabase): Promise<WaitingList> {
  const doc = await db.getLocal<WaitingDoc>(KEY);
  return doc ? { ...doc.toJSON().data.cases } : {};
}

export async function writeWaiting(db: DeskDatabase, cases: WaitingList): Promise<void> {
  await db.upsertLocal<WaitingDoc>(KEY, { cases });
}

/** The waiting list as it changes, from any window. */
export function waiting$(db: DeskDatabase): Observable<WaitingList> {
  return db.getLocal$<WaitingDoc>(KEY).pipe(map((doc) => (doc ? (doc.toJSON().data.cases as WaitingList) : {})));
}
