import type { DeskDatabase } from '../../data/database';

// Survey tallies and duty marks used to live in local (never replicated) documents of the desk. On a read
// each such document still there is carried over into shared config documents and then removed, so a desk
// that already had a survey keeps it and the organisation sees it. Reads at the same time in this window
// share one carry-over; another window of the desk doing the same at once only writes the same documents.

const running = new WeakMap<DeskDatabase, Map<string, Promise<void>>>();

/**
 * Hands the local document `key` (if any) to `carryOver`; removes it when that returns true (its content is
 * now in config documents), keeps it when false (e.g. the desk has no identity yet to file it under).
 */
export function migrateLocalDocument<T extends object>(db: DeskDatabase, key: string, carryOver: (data: T) => Promise<boolean>): Promise<void> {
  let byKey = running.get(db);
  if (!byKey) running.set(db, (byKey = new Map()));
  let job = byKey.get(key);
  if (!job) {
    const attempt = (async () => {
      const doc = await db.getLocal<T>(key);
      if (!doc || !(await carryOver(doc.toJSON().data as T))) return;
      try {
        await doc.remove();
      } catch {
        // Another window removed it first.
      }
    })();
    // Once it is over, the next read looks again (a carry-over that could not finish is tried again).
    job = attempt.finally(() => byKey.delete(key));
    byKey.set(key, job);
  }
  return job;
}
