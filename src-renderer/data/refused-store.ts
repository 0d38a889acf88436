import type { DeskDatabase } from './database';
import type { ReplicatedCollection } from '../../src-shared/sync/contract';

// The documents the server refused (issue 10 item 1): replication sets them aside so one bad document never
// blocks the queue, and RxDB's checkpoint moves past them, so after a restart nothing would remember them.
// They are kept here, in a local (never replicated) document, so the status bar's 「N 条未能同步」 and its list
// survive a reload and a clerk or administrator can still read which record stayed on this desk and why.

const KEY = 'sync-refused';

/** How many refused documents are kept with their reasons; the count goes on beyond it. */
export const REFUSED_LISTED = 50;

export interface RefusedDoc {
  id?: string;
  code: string;
  message: { 'zh-CN': string; en: string };
  /** When this desk was told (desk clock). Missing on records kept before it was stored. */
  at?: number;
  /** Which replicated collection the document belongs to. */
  collection?: ReplicatedCollection;
}

export interface RefusedRecords {
  /** Documents refused over this desk's life (each id once). */
  count: number;
  /** The latest of them with the server's reason, newest last, at most REFUSED_LISTED. */
  list: RefusedDoc[];
}

export const NO_REFUSALS: RefusedRecords = { count: 0, list: [] };

export async function readRefused(db: DeskDatabase): Promise<RefusedRecords> {
  const doc = await db.getLocal<RefusedRecords>(KEY);
  const data = doc?.toJSON().data;
  return data ? { count: data.count, list: [...data.list] } : NO_REFUSALS;
}

/**
 * Adds refusals and returns what is kept. A document refused again (a re-enrolled desk offers everything
 * once more) is not counted twice: its entry moves to the end with the newer reason.
 */
export async function addRefused(db: DeskDatabase, docs: readonly RefusedDoc[]): Promise<RefusedRecords> {
  const kept = await readRefused(db);
  const known = new Set(kept.list.map((d) => d.id).filter(Boolean));
  const incoming = new Set(docs.map((d) => d.id).filter(Boolean));
  const fresh = docs.filter((d) => !d.id || !known.has(d.id)).length;
  const next: RefusedRecords = {
    count: kept.count + fresh,
    list: [...kept.list.filter((d) => !d.id || !incoming.has(d.id)), ...docs].slice(-REFUSED_LISTED),
  };
  await db.upsertLocal<RefusedRecords>(KEY, next);
  return next;
}
