import { z } from 'zod';
import { setUpBenchDesk, benchContext } from './bench-desk';
import { monotonicFactory } from 'ulid';
import type { CaseEvent } from '../src-shared/domain/events';
import { projectCase } from '../src-shared/domain/projection';
import { createDeskDatabase, deskDatabaseName } from '../src-renderer/data/database';
import { openCasesQuery } from '../src-renderer/data/hooks';
import { registerCase } from '../src-renderer/data/register';
import { caseDocOf } from '../src-renderer/data/case-doc';
import type { CaseDoc } from '../src-renderer/data/schemas';
import { openBodyStore } from '../src-renderer/data/body-store';

// Runs inside Chromium (served by Vite) for bench/desk.bench.ts: seeds a desk store and times the
// desk's own data path on real IndexedDB.

z.config({ jitless: true });

const intake = (receivedAt: number, i: number) => ({
  kind: 'complaint',
  channel: 'hotline',
  receivedAt,
  category: 'facilities',
  severity: 'general',
  complainant: { anonymous: false, confidential: false, name: `业主${i}`, phone: '13800000000' },
  subject: `第${i}号投诉：电梯异响`,
  description: { cause: '电梯运行时有异响' },
  riskFlags: [] as string[],
  form: { roomNo: `${i % 30}-${i % 6}-${i % 1800}` },
  apologised: true,
});

/** A desk with `total` cases of which `open` are still open; returns the staff id to sign in. */
export async function seed(profile: string, total: number, open: number): Promise<{ staffId: string; ms: number }> {
  const t0 = performance.now();
  const db = await setUpBenchDesk(profile);
  const ctx = await benchContext(db);
  const nextId = monotonicFactory();
  const now = Date.now();
  const chunk = 2000;
  for (let start = 0; start < total; start += chunk) {
    const events: CaseEvent[] = [];
    const docs: CaseDoc[] = [];
    for (let i = start; i < Math.min(total, start + chunk); i++) {
      const isOpen = i >= total - open;
      const at = isOpen ? now - (total - i) * 60_000 : now - 400 * 86_400_000 + i * 600_000;
      const caseId = `BENCH${String(i).padStart(8, '0')}`;
      const env = {
        caseId,
        orgId: ctx.orgId,
        siteId: ctx.siteId,
        deskId: ctx.deskId,
        actorId: ctx.actor.id,
        policyRevision: ctx.policy.revision,
        v: 1 as const,
      };
      const date = new Date(at).toISOString().slice(0, 10).replace(/-/g, '');
      const reg = {
        ...env,
        id: nextId(at),
        at,
        type: 'case.registered',
        payload: {
          ...intake(at - 1000, i),
          firstReceiverId: ctx.actor.id,
          departmentId: 'engineering',
          number: `BM01-${date}-${String((i % 9000) + 1).padStart(4, '0')}`,
        },
      } as CaseEvent;
      const caseEvents: CaseEvent[] = [reg];
      if (!isOpen) caseEvents.push({ ...env, id: nextId(at + 3_600_000), at: at + 3_600_000, type: 'case.closed', payload: { note: '已处理' } } as CaseEvent);
      events.push(...caseEvents);
      docs.push(caseDocOf(projectCase(caseEvents)!, ctx.policy, caseEvents, now));
    }
    await db.events.bulkInsert(events);
    await db.cases.bulkInsert(docs);
  }
  await db.close();
  return { staffId: ctx.actor.id, ms: performance.now() - t0 };
}

/** Save an intake, then wait for the open-case query the queue uses to include it; `runs` timings in ms. */
export async function saveToVisible(profile: string, runs: number): Promise<number[]> {
  const db = await createDeskDatabase(deskDatabaseName(profile));
  const ctx = await benchContext(db);
  const times: number[] = [];
  let latest: Set<string> = new Set();
  let notify: (() => void) | undefined;
  const sub = db.cases.find({ selector: { bucket: 'open' }, sort: [{ bucket: 'asc' }, { dueAt: 'asc' }] }).$.subscribe((docs) => {
    latest = new Set(docs.map((d) => d.id));
    notify?.();
  });
  for (let i = 0; i < runs + 3; i++) {
    const t0 = performance.now();
    const r = await registerCase(db, ctx, ctx.deskCode, intake(Date.now() - 1000, 90_000 + i));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const id = r.state.id;
    if (!latest.has(id)) await new Promise<void>((resolve) => (notify = () => latest.has(id) && resolve()));
    notify = undefined;
    if (i >= 3) times.push(performance.now() - t0);
  }
  sub.unsubscribe();
  await db.close();
  return times;
}

/**
 * The queue's open-case read on a freshly opened store, through the desk's storage (one `getAll` for an
 * index-answerable query, storage-getall.ts) and through RxDB's plain Dexie storage (a cursor walk),
 * alternated round by round so both see the same machine load. Medians in ms.
 */
export async function openCasesReadAB(profile: string, rounds: number): Promise<{ desk: number[]; plain: number[]; count: number }> {
  const desk: number[] = [];
  const plain: number[] = [];
  let count = 0;
  for (let i = 0; i < rounds * 2; i++) {
    const usePlain = i % 2 === 1;
    const db = await createDeskDatabase(deskDatabaseName(profile), undefined, { cursorQueries: usePlain });
    const t0 = performance.now();
    const docs = await openCasesQuery(db).exec();
    (usePlain ? plain : desk).push(performance.now() - t0);
    count = docs.length;
    await db.close();
  }
  return { desk, plain, count };
}

/**
 * Fills the desk's body store with `total` bytes of attachment bodies of `each` bytes (random, kept as PDFs so
 * no thumbnail is drawn), as a desk that has kept years of scans would hold. Returns the bytes kept.
 */
export async function fillBodies(profile: string, total: number, each: number): Promise<{ bytes: number; files: number; ms: number }> {
  const t0 = performance.now();
  const store = openBodyStore(deskDatabaseName(profile));
  let bytes = 0;
  let files = 0;
  while (bytes < total) {
    const body = new Uint8Array(each);
    // getRandomValues fills at most 64 kB a call.
    for (let at = 0; at < each; at += 65_536) crypto.getRandomValues(body.subarray(at, Math.min(each, at + 65_536)));
    await store.put(body.buffer, 'application/pdf');
    bytes += each;
    files++;
  }
  return { bytes, files, ms: performance.now() - t0 };
}

declare global {
  interface Window {
    deskBench?: { seed: typeof seed; saveToVisible: typeof saveToVisible; openCasesReadAB: typeof openCasesReadAB; fillBodies: typeof fillBodies };
  }
}
window.deskBench = { seed, saveToVisible, openCasesReadAB, fillBodies };
