import { z } from 'zod';
import { setUpBenchDesk } from './bench-desk';
import { monotonicFactory } from 'ulid';
import type { CaseEvent } from '../src-shared/domain/events';
import { createDeskDatabase, deskDatabaseName, type DeskDatabase } from '../src-renderer/data/database';
import { loadConfig } from '../src-renderer/data/config';
import { policyByRevision } from '../src-renderer/data/policy-select';
import { startProjector } from '../src-renderer/data/projection-runner';
import type { CaseDoc } from '../src-renderer/data/schemas';

// Runs inside Chromium for bench/join.bench.ts: the desk's projector (projection-runner.ts + projector.ts)
// folding events that are in the store but not yet in `cases` — what follows every pulled page — on real
// IndexedDB, beside a plain bulk insert of the same case documents into an empty store (the floor: writing
// the fold's result without reading or folding anything).

z.config({ jitless: true });

/** One case's life: registration, acceptance, `notes` notes, and — unless it is open — its closing. */
function lifeOf(
  env: Omit<CaseEvent, 'id' | 'at' | 'type' | 'payload'>,
  i: number,
  number: string,
  firstReceiverId: string,
  notes: number,
  open: boolean,
  at: (step: number) => number,
): { at: number; event: Omit<CaseEvent, 'id'> }[] {
  const steps: { type: string; payload: Record<string, unknown> }[] = [
    {
      type: 'case.registered',
      payload: {
        kind: 'complaint',
        channel: 'hotline',
        receivedAt: at(0) - 1000,
        category: 'facilities',
        severity: 'general',
        complainant: { anonymous: false, confidential: false, name: `业主${i}`, phone: '13800000000' },
        subject: `第${i}号投诉：电梯异响`,
        description: { cause: '电梯运行时有异响' },
        riskFlags: [],
        form: { roomNo: `${i % 30}-${i % 6}-${i % 1800}` },
        apologised: true,
        firstReceiverId,
        departmentId: 'engineering',
        number,
      },
    },
    { type: 'case.accepted', payload: {} },
    ...Array.from({ length: notes }, (_, n) => ({ type: 'case.note', payload: { text: `第${n + 1}次跟进：已联系业主。` } })),
    ...(open ? [] : [{ type: 'case.closed', payload: { note: '已处理' } }]),
  ];
  return steps.map((s, step) => ({ at: at(step), event: { ...env, at: at(step), type: s.type, payload: s.payload } as Omit<CaseEvent, 'id'> }));
}

export interface JoinSeed {
  cases: number;
  events: number;
  ms: number;
}

/**
 * A desk store holding `cases` cases' events (each `perCase` events; the last `open` cases still open) and no
 * case documents and no projection checkpoint: what a joining desk has after pulling. Events are written in
 * the order of their time, as the server's sequence delivers them, so a case's events span pages.
 */
export async function seedEvents(profile: string, cases: number, perCase: number, open: number): Promise<JoinSeed> {
  const t0 = performance.now();
  const db = await setUpBenchDesk(profile);
  const config = await loadConfig(db);
  const desk = config.desks[0]!;
  const staff = config.staff[0]!;
  const now = Date.now();
  const all: { at: number; event: Omit<CaseEvent, 'id'> }[] = [];
  const span = 400 * 86_400_000;
  for (let i = 0; i < cases; i++) {
    const isOpen = i >= cases - open;
    const start = now - span + Math.floor((i / cases) * (span - 30 * 86_400_000));
    const date = new Date(start).toISOString().slice(0, 10).replace(/-/g, '');
    const env = {
      caseId: `JOIN${String(i).padStart(8, '0')}`,
      orgId: desk.orgId,
      siteId: desk.siteId,
      deskId: desk.id,
      actorId: staff.id,
      policyRevision: config.policies[0]!.revision,
      v: 1 as const,
    };
    // A case lives about a week: its events are spread over it, interleaved with other cases' events.
    all.push(
      ...lifeOf(
        env,
        i,
        `BM01-${date}-${String((i % 9000) + 1).padStart(4, '0')}`,
        staff.id,
        perCase - (isOpen ? 2 : 3),
        isOpen,
        (step) => start + step * Math.floor((7 * 86_400_000) / perCase),
      ),
    );
  }
  all.sort((a, b) => a.at - b.at);
  const nextId = monotonicFactory();
  const events = all.map((x) => ({ ...x.event, id: nextId(x.at) }) as CaseEvent);
  for (let s = 0; s < events.length; s += 2000) await db.events.bulkInsert(events.slice(s, s + 2000));
  await db.close();
  return { cases, events: events.length, ms: performance.now() - t0 };
}

export interface FoldResult {
  /** The projector folding the whole pulled history from no checkpoint (ms). */
  foldMs: number;
  /** A page of `pageEvents` newly pulled events, folded onto the projected store (ms per round). */
  pageMs: number[];
  /** Of which writing the page's events (replication's part, not the projector's). */
  pageInsertMs: number[];
  pageEvents: number;
  /** Baseline: the same number of case documents as the whole fold produced, bulk-inserted into an empty store (ms). */
  insertMs: number;
  cases: number;
  events: number;
}

function withoutMeta(d: CaseDoc): CaseDoc {
  const { _meta: _m, _rev: _r, _attachments: _a, _deleted: _d, ...doc } = d as CaseDoc & Record<string, unknown>;
  return doc as CaseDoc;
}

/** Events that follow the projected history: `n` events, a note on each of the open cases in turn. */
async function nextPage(db: DeskDatabase, n: number, round: number): Promise<CaseEvent[]> {
  const open = await db.cases.find({ selector: { bucket: 'open' } }).exec();
  const nextId = monotonicFactory();
  const at = Date.now() + round * 1000;
  return Array.from({ length: n }, (_, k) => {
    const c = open[k % open.length]!.toJSON() as CaseDoc;
    const e = c.log[0]!;
    return {
      caseId: c.id,
      orgId: e.orgId,
      siteId: e.siteId,
      deskId: e.deskId,
      actorId: e.actorId,
      policyRevision: e.policyRevision,
      v: 1,
      id: nextId(at + k),
      at: at + k,
      type: 'case.note',
      payload: { text: `第${round}轮跟进` },
    } as CaseEvent;
  });
}

export async function foldBench(profile: string, rounds: number, pageEvents: number): Promise<FoldResult> {
  const db = await createDeskDatabase(deskDatabaseName(profile));
  const config = await loadConfig(db);
  const events = await db.events.count().exec();
  const projector = await startProjector(db, (rev) => policyByRevision(config.policies, rev), Date.now, { waitForLeadership: false, log: () => undefined });
  let t0 = performance.now();
  await projector.idle();
  const foldMs = performance.now() - t0;
  const docs = (await db.cases.find().exec()).map((d) => withoutMeta(d.toJSON() as CaseDoc));
  const pageMs: number[] = [];
  const pageInsertMs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const page = await nextPage(db, pageEvents, r);
    // The projector follows the events collection's changes; the page lands as replication writes it.
    t0 = performance.now();
    await db.events.bulkInsert(page);
    pageInsertMs.push(performance.now() - t0);
    await projector.idle();
    pageMs.push(performance.now() - t0);
  }
  await projector.stop();
  await db.close();
  const empty = await createDeskDatabase(deskDatabaseName(`${profile}_floor`));
  t0 = performance.now();
  for (let s = 0; s < docs.length; s += 1000) await empty.cases.bulkInsert(docs.slice(s, s + 1000));
  const insertMs = performance.now() - t0;
  await empty.remove();
  return { foldMs, pageMs, pageInsertMs, pageEvents, insertMs, cases: docs.length, events };
}

declare global {
  interface Window {
    joinBench?: { seedEvents: typeof seedEvents; foldBench: typeof foldBench };
  }
}
window.joinBench = { seedEvents, foldBench };
