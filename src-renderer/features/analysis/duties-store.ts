import { useEffect, useState } from 'react';
import type { DeskDatabase } from '../../data/database';
import { useDesk } from '../../data/desk-context';

// Which period duties this desk has done (keys `dutyId@period`, see analytics/duties.ts dutyKey), so a
// done duty stops being reminded. Kept on the desk that does the duty (an RxDB local document).

const KEY = 'duties-done';

export async function markDutyDone(db: DeskDatabase, key: string): Promise<void> {
  const doc = await db.getLocal<{ keys: string[] }>(KEY);
  const keys = (doc?.get('keys') as string[] | undefined) ?? [];
  // Only the last few hundred matter; reminders look back a week.
  await db.upsertLocal(KEY, { keys: [...keys.filter((k) => k !== key), key].slice(-500) });
}

export function useDutiesDone(version: number): ReadonlySet<string> {
  const { db } = useDesk();
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    let stale = false;
    void db.getLocal<{ keys: string[] }>(KEY).then((doc) => {
      const keys = doc?.get('keys');
      if (!stale) setDone(new Set(Array.isArray(keys) ? (keys as string[]) : []));
    });
    return () => {
      stale = true;
    };
  }, [db, version]);
  return done;
}
