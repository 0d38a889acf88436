import { useEffect, useState } from 'react';
import { dutyKeyOfMark, dutyMarkEntityId, dutyMarkSchema, type DutyMark, type DutyOccurrence } from '../../../src-shared/analytics/duties';
import type { DeskDatabase } from '../../data/database';
import { configId, putConfig, type DeskIdentity, type WriteResult } from '../../data/config';
import { useDesk } from '../../data/desk-context';
import { migrateLocalDocument } from './local-migration';

// Which period duties are done (S8-10 the figures by the 2nd and the report by the 5th, …), so a done duty
// stops being reminded — on every desk of the organisation: each mark is a small `duty` config document
// (dutyMarkSchema), written through putConfig so it replicates like the other config documents.

/** Where this desk kept its marks before they were shared: a local document of `dutyId@period` keys. */
export const LEGACY_DUTIES_KEY = 'duties-done';

type Marker = Pick<DeskIdentity, 'orgId' | 'deskId'>;

/** Marks a duty occurrence done; a mark that already exists (from any desk) is left as it is. */
export async function markDutyDone(
  db: DeskDatabase,
  by: Marker & { staffId?: string },
  o: Pick<DutyOccurrence, 'dutyId'> & { covers: { key: string } },
  at = Date.now(),
): Promise<WriteResult<DutyMark>> {
  const id = dutyMarkEntityId(o.dutyId, o.covers.key);
  const existing = await db.config.findOne(configId('duty', id)).exec();
  const parsed = existing ? dutyMarkSchema.safeParse(existing.toJSON().data) : undefined;
  if (parsed?.success) return { ok: true, value: parsed.data };
  return putConfig(db, 'duty', {
    id,
    orgId: by.orgId,
    dutyId: o.dutyId,
    period: o.covers.key,
    deskId: by.deskId,
    ...(by.staffId ? { staffId: by.staffId } : {}),
    markedAt: at,
  });
}

/** Carries the marks this desk kept locally into shared marks (they name no staff member). */
async function migrateLocalMarks(db: DeskDatabase, by: Marker): Promise<void> {
  await migrateLocalDocument<{ keys?: unknown }>(db, LEGACY_DUTIES_KEY, async (local) => {
    const keys = Array.isArray(local.keys) ? local.keys.filter((k): k is string => typeof k === 'string') : [];
    for (const key of keys) {
      const at = key.lastIndexOf('@');
      // A key that no longer makes a valid mark is dropped with the old document: it reminded of nothing.
      if (at > 0) await markDutyDone(db, by, { dutyId: key.slice(0, at), covers: { key: key.slice(at + 1) } });
    }
    return true;
  });
}

function keysOf(docs: readonly { toJSON(): { data: unknown } }[]): Set<string> {
  const keys = new Set<string>();
  for (const d of docs) {
    const parsed = dutyMarkSchema.safeParse(d.toJSON().data);
    if (parsed.success) keys.add(dutyKeyOfMark(parsed.data));
  }
  return keys;
}

/** The `dutyKey`s marked done by any desk of the organisation (carrying over this desk's local ones first). */
export async function readDutiesDone(db: DeskDatabase, by: Marker): Promise<Set<string>> {
  await migrateLocalMarks(db, by);
  return keysOf(await db.config.find({ selector: { kind: 'duty' } }).exec());
}

/** The same, live: a duty a colleague marks on another desk drops out of the reminders once synced. */
export function useDutiesDone(): ReadonlySet<string> {
  const { db, identity } = useDesk();
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const orgId = identity?.orgId;
  const deskId = identity?.deskId;
  useEffect(() => {
    let stopped = false;
    let sub: { unsubscribe(): void } | undefined;
    const migrated = orgId && deskId ? migrateLocalMarks(db, { orgId, deskId }).catch(() => undefined) : Promise.resolve();
    void migrated.then(() => {
      if (stopped) return;
      sub = db.config.find({ selector: { kind: 'duty' } }).$.subscribe((docs) => setDone(keysOf(docs)));
    });
    return () => {
      stopped = true;
      sub?.unsubscribe();
    };
  }, [db, orgId, deskId]);
  return done;
}
