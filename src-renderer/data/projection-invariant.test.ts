import { afterEach, describe, expect, it } from 'vitest';
import { createRxDatabase, type RxDatabase, type RxJsonSchema } from 'rxdb';
import fc from 'fast-check';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { z } from 'zod';
import { propertyPreset } from '../../src-shared/presets/s7-property';
import { parseEvent } from '../../src-shared/domain/parse';
import type { CaseEvent } from '../../src-shared/domain/events';
import type { Policy } from '../../src-shared/domain/policy';
import { ulidAt } from '../../src-shared/domain/projection.fixtures';
import { createDeskDatabase, type DeskDatabase } from './database';
import { putConfig, loadConfig } from './config';
import { caseDocOf } from './case-doc';
import { rebuildCase } from './domain';
import { policyByRevision } from './policy-select';
import { startProjector, type Projector } from './projection-runner';
import { readWaiting, writeWaiting } from './projection-waiting';
import { caseSchema, configSchema, eventSchema, type CaseDoc } from './schemas';
import { earlierCasesOf } from './complainant-history';
import { findDrift } from './reconcile';

// Issue 15's invariant as a property: whatever the order in which events and policy revisions arrive,
// with duplicates, restarts of the projector (and of the database) and writes of the cases collection
// that fail, the desk ends with one case document per case id in its events, equal to the fold of those
// events under the case's policy revision, and an empty waiting list — without any further event.

z.config({ jitless: true });

const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange });
const NOW = Date.UTC(2026, 10, 20, 2, 0, 0);
const T0 = Date.UTC(2026, 10, 10, 1, 0, 0);
const ORG = 'ORG1';
const open: DeskDatabase[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

function policyRevision(revision: number): Policy {
  return { ...propertyPreset, revision, effectiveFrom: propertyPreset.effectiveFrom } as Policy;
}

type Step = { type: 'case.accepted' | 'case.closed'; payload: Record<string, unknown> } | { type: 'case.reopened'; payload: { reason: string } };

/** A case: its registration (under revision 1 or 2) and a few later events, some possibly timed before it. */
function caseEvents(c: number, revision: number, steps: Step[], early: boolean, registration: Record<string, unknown> = {}): CaseEvent[] {
  const caseId = `CASE${String(c).padStart(3, '0')}`;
  const base = { caseId, orgId: ORG, siteId: 'SITE1', deskId: 'DESK2', actorId: 'S1', policyRevision: revision, v: 1 };
  const at0 = T0 + c * 60_000;
  const raw = [
    {
      ...base,
      id: ulidAt(at0, c * 100),
      at: at0,
      type: 'case.registered',
      payload: {
        number: `YG02-20261110-${String(c).padStart(3, '0')}`,
        kind: 'complaint',
        channel: 'hotline',
        receivedAt: at0 - 1000,
        firstReceiverId: 'S1',
        complainant: { anonymous: false, confidential: false, name: '张女士', phone: '13800000000' },
        subject: `第${c}号：楼上漏水`,
        description: { cause: '楼上卫生间渗水' },
        riskFlags: [],
        form: {},
        apologised: true,
        ...registration,
      },
    },
    ...steps.map((s, i) => ({ ...base, id: ulidAt(at0 + (i + 1) * 1000, c * 100 + i + 1), at: at0 + (i + 1) * 1000, ...s })),
    // An event timed before its registration: the fold ignores it, the reconciliation must not loop on it.
    ...(early ? [{ ...base, id: ulidAt(at0 - 5000, c * 100 + 99), at: at0 - 5000, type: 'case.accepted', payload: {} }] : []),
  ];
  return raw.map((d) => {
    const r = parseEvent(d);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.value;
  });
}

const step: fc.Arbitrary<Step> = fc.constantFrom<Step>(
  { type: 'case.accepted', payload: {} },
  { type: 'case.closed', payload: {} },
  { type: 'case.reopened', payload: { reason: '业主反映仍漏水' } },
);
const caseArb = fc.record({ revision: fc.constantFrom(1, 2), steps: fc.array(step, { maxLength: 4 }), early: fc.boolean() });

type Arrival =
  | { kind: 'event'; index: number }
  | { kind: 'policy'; revision: number }
  | { kind: 'restart'; reopen: boolean }
  | { kind: 'fail'; times: number }
  | { kind: 'dup'; index: number };

interface Harness {
  db: DeskDatabase;
  projector: Projector;
  failures: number;
}

async function openDesk(name: string, h?: Harness): Promise<Harness> {
  const db = await createDeskDatabase(name, storage());
  open.push(db);
  const harness: Harness = h ?? { db, projector: undefined as unknown as Projector, failures: 0 };
  harness.db = db;
  // A cases write that fails (a full disk, a closing database) `failures` times.
  const bulkUpsert = db.cases.bulkUpsert.bind(db.cases);
  db.cases.bulkUpsert = ((docs: CaseDoc[]) => {
    if (harness.failures > 0) {
      harness.failures--;
      return Promise.reject(new Error('injected write failure'));
    }
    return bulkUpsert(docs);
  }) as typeof db.cases.bulkUpsert;
  harness.projector = await startProjector(db, undefined, () => NOW, { waitForLeadership: false, retryMs: 0, batchSize: 3, log: () => undefined });
  return harness;
}

async function deliver(h: Harness, events: CaseEvent[], a: Arrival, name: string): Promise<Harness> {
  switch (a.kind) {
    case 'event':
    case 'dup':
      // Replication upserts what it pulls; a duplicate delivery of an event already stored changes nothing.
      await h.db.events.bulkUpsert([events[a.index % events.length]!]);
      return h;
    case 'policy':
      await putConfig(h.db, 'policy', policyRevision(a.revision), ORG);
      return h;
    case 'fail':
      h.failures = a.times;
      return h;
    case 'restart':
      await h.projector.stop();
      if (!a.reopen) {
        h.projector = await startProjector(h.db, undefined, () => NOW, { waitForLeadership: false, retryMs: 0, batchSize: 3, log: () => undefined });
        return h;
      }
      open.splice(open.indexOf(h.db), 1);
      await h.db.close();
      return openDesk(name, h);
  }
}

async function expectInvariant(db: DeskDatabase, events: CaseEvent[]): Promise<void> {
  const policies = (await loadConfig(db)).policies;
  const byCase = new Map<string, CaseEvent[]>();
  for (const e of events) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  const docs = await db.cases.find().exec();
  expect(docs.map((d) => d.id).sort()).toEqual([...byCase.keys()].sort());
  for (const [caseId, list] of byCase) {
    const state = rebuildCase(list)!;
    const expected = caseDocOf(state, policyByRevision(policies, state.policyRevision)!, list, NOW);
    const {
      _meta: _m,
      _rev: _r,
      _attachments: _a,
      _deleted: _d,
      ...stored
    } = docs.find((d) => d.id === caseId)!.toMutableJSON(true) as unknown as CaseDoc & Record<string, unknown>;
    expect(stored).toEqual(expected);
  }
  expect(await readWaiting(db)).toEqual({});
}

describe('projection invariant: cases = fold(events), none missing', () => {
  it('holds for any interleaving of event and policy arrivals, duplicates, restarts and failing writes', { timeout: 600_000 }, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(caseArb, { minLength: 1, maxLength: 4 }),
        fc.array(
          fc.oneof(
            { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), reopen: fc.boolean() }) },
            { weight: 1, arbitrary: fc.record({ kind: fc.constant('fail' as const), times: fc.integer({ min: 1, max: 3 }) }) },
            { weight: 2, arbitrary: fc.record({ kind: fc.constant('dup' as const), index: fc.nat() }) },
          ),
          { maxLength: 5 },
        ),
        fc.infiniteStream(fc.nat()),
        async (cases, extras, positions) => {
          const events = cases.flatMap((c, i) => caseEvents(i + 1, c.revision, c.steps, c.early));
          // Every event and both policy revisions arrive exactly once, in a random order, with the extras mixed in.
          const arrivals: Arrival[] = [
            ...events.map((_, index) => ({ kind: 'event' as const, index })),
            { kind: 'policy', revision: 1 },
            { kind: 'policy', revision: 2 },
          ];
          const it = positions[Symbol.iterator]();
          for (const x of extras) arrivals.splice(it.next().value! % (arrivals.length + 1), 0, x);
          for (let i = arrivals.length - 1; i > 0; i--) {
            const j = it.next().value! % (i + 1);
            [arrivals[i], arrivals[j]] = [arrivals[j]!, arrivals[i]!];
          }
          const name = `test_invariant_${Date.now()}_${run++}`;
          let h = await openDesk(name);
          try {
            for (const a of arrivals) h = await deliver(h, events, a, name);
            // No further event: the projector's own triggers and retries must finish the job.
            await expect.poll(async () => (await h.projector.idle(), (await readWaiting(h.db)) as object), { timeout: 20_000, interval: 50 }).toEqual({});
            await expectInvariant(h.db, events);
          } finally {
            await h.projector.stop();
            open.splice(open.indexOf(h.db), 1);
            await h.db.remove();
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('the reconciliation pass finds a missing and an out-of-date case by their event counts and repairs them', async () => {
    const h = await openDesk(`test_reconcile_${Date.now()}`);
    await putConfig(h.db, 'policy', policyRevision(1), ORG);
    const a = caseEvents(1, 1, [{ type: 'case.accepted', payload: {} }], false);
    const b = caseEvents(
      2,
      1,
      [
        { type: 'case.accepted', payload: {} },
        { type: 'case.closed', payload: {} },
      ],
      false,
    );
    await h.db.events.bulkUpsert([...a, ...b]);
    await h.projector.idle();
    // Damage the projection behind the projector's back: one case gone, one case a step behind.
    await h.db.cases
      .findOne('CASE001')
      .exec()
      .then((d) => d!.remove());
    const stale = caseDocOf(rebuildCase(b.slice(0, 2))!, policyRevision(1), b.slice(0, 2), NOW);
    await h.db.cases.upsert(stale);
    const report = await h.projector.reconcile();
    expect(report).toMatchObject({ cases: 2, events: 5, missing: 1, stale: 1, repaired: 2, waiting: 0 });
    await expectInvariant(h.db, [...a, ...b]);
    // Nothing left to repair: a second pass finds nothing.
    expect(await h.projector.reconcile()).toMatchObject({ missing: 0, stale: 0, repaired: 0 });
    await h.projector.stop();
  });

  it('the pass compares every case, not totals: a case one event behind and one a fabricated event ahead (same total) are both found and refolded', async () => {
    const h = await openDesk(`test_reconcile_cancel_${Date.now()}`);
    await putConfig(h.db, 'policy', policyRevision(1), ORG);
    const a = caseEvents(1, 1, [{ type: 'case.accepted', payload: {} }], false);
    const b = caseEvents(2, 1, [{ type: 'case.accepted', payload: {} }], false);
    await h.db.events.bulkUpsert([...a, ...b]);
    await h.projector.idle();
    // CASE001 folded one event of its two; CASE002 folded its two plus one the store never held.
    // The store holds 4 events and the documents folded 4: a comparison of totals would see nothing.
    await h.db.cases.upsert(caseDocOf(rebuildCase(a.slice(0, 1))!, policyRevision(1), a.slice(0, 1), NOW));
    const ghost = caseEvents(
      2,
      1,
      [
        { type: 'case.accepted', payload: {} },
        { type: 'case.closed', payload: {} },
      ],
      false,
    ).slice(2);
    await h.db.cases.upsert(caseDocOf(rebuildCase([...b, ...ghost])!, policyRevision(1), [...b, ...ghost], NOW));
    const report = await h.projector.reconcile();
    expect(report).toMatchObject({ cases: 2, events: 4, missing: 0, stale: 2, repaired: 2, waiting: 0 });
    await expectInvariant(h.db, [...a, ...b]);
    expect((await h.db.cases.findOne('CASE002').exec())!.status).not.toBe('closed');
    await h.projector.stop();
  });

  it('a store from before sourceEvents, contact, related and the name and place keys (case schema version 0) opens migrated with all of them, and a case whose fold skipped an event is then found by the counts', async () => {
    const name = `test_migrate_${Date.now()}`;
    const a = caseEvents(1, 1, [{ type: 'case.accepted', payload: {} }], false);
    // CASE002 has an event timed before its registration: the fold skips it, the store holds it.
    const b = caseEvents(2, 1, [{ type: 'case.accepted', payload: {} }], true);
    const {
      sourceEvents: _s,
      contact: _c,
      related: _r,
      nameKey: _nk,
      placeKey: _pk,
      ...v0Properties
    } = (caseSchema as unknown as { properties: Record<string, unknown> }).properties;
    const later = new Set(['sourceEvents', 'contact', 'related', 'nameKey', 'placeKey']);
    const v0 = {
      ...caseSchema,
      version: 0,
      properties: v0Properties,
      required: caseSchema.required!.filter((f) => !later.has(f)),
      indexes: caseSchema.indexes!.filter((i) => !later.has(typeof i === 'string' ? i : i[0]!)),
    } as RxJsonSchema<unknown>;
    const old: RxDatabase = await createRxDatabase({ name, storage: storage(), multiInstance: true, eventReduce: true, localDocuments: true });
    await old.addCollections({ events: { schema: eventSchema }, cases: { schema: v0 } });
    await old.events!.bulkInsert([...a, ...b]);
    await old.cases!.bulkInsert(
      [a, b].map((list) => {
        const { sourceEvents: _n, contact: _k, related: _l, nameKey: _m, placeKey: _p, ...doc } = caseDocOf(rebuildCase(list)!, policyRevision(1), list, NOW);
        return doc;
      }),
    );
    await old.close();

    const db = await createDeskDatabase(name, storage());
    open.push(db);
    const docs = await db.cases.findByIds(['CASE001', 'CASE002']).exec();
    // 张女士 names no one in particular (nameKeyOf); the store has no policy to say which field is the place.
    expect([...docs.values()].map((d) => [d.id, d.sourceEvents, d.state.timeline.length, d.contact, d.related, d.nameKey, d.placeKey])).toEqual([
      ['CASE001', 2, 2, '13800000000', '', '', ''],
      ['CASE002', 2, 2, '13800000000', '', '', ''],
    ]);
    expect(await findDrift(db)).toMatchObject({ cases: 2, events: 5, missing: [], stale: ['CASE002'] });
  });

  it('S7-7 S1-5 a version 3 store opens with the name and place keys on every case, a closed one included, none on a confidential one, and the intake finds the cases by them', async () => {
    const name = `test_migrate_v3_${Date.now()}`;
    const complainant = { anonymous: false, confidential: false, name: '张秀兰', phone: '13812345678' };
    const closed = caseEvents(
      1,
      1,
      [
        { type: 'case.accepted', payload: {} },
        { type: 'case.closed', payload: {} },
      ],
      false,
      { complainant, form: { roomNo: '３－１２０１' } },
    );
    const secret = caseEvents(2, 1, [], false, { complainant: { ...complainant, confidential: true }, form: { roomNo: '3-1201' } });
    const { nameKey: _nk, placeKey: _pk, ...v3Properties } = (caseSchema as unknown as { properties: Record<string, unknown> }).properties;
    const later = new Set(['nameKey', 'placeKey']);
    const v3Indexes = [['bucket', 'dueAt'], 'registeredAt', 'number', 'sourceEvents', ['contact', 'registeredAt'], ['related', 'registeredAt']];
    const v3 = {
      ...caseSchema,
      version: 3,
      properties: v3Properties,
      required: caseSchema.required!.filter((f) => !later.has(f)),
      indexes: v3Indexes,
    } as RxJsonSchema<unknown>;
    const old: RxDatabase = await createRxDatabase({ name, storage: storage(), multiInstance: true, eventReduce: true, localDocuments: true });
    await old.addCollections({ events: { schema: eventSchema }, config: { schema: configSchema }, cases: { schema: v3 } });
    expect(await putConfig(old as unknown as DeskDatabase, 'policy', policyRevision(1), ORG)).toMatchObject({ ok: true });
    await old.events!.bulkInsert([...closed, ...secret]);
    await old.cases!.bulkInsert(
      [closed, secret].map((list) => {
        const { nameKey: _m, placeKey: _p, ...doc } = caseDocOf(rebuildCase(list)!, policyRevision(1), list, NOW);
        return doc;
      }),
    );
    await old.close();

    const db = await createDeskDatabase(name, storage());
    open.push(db);
    const docs = await db.cases.findByIds(['CASE001', 'CASE002']).exec();
    expect([...docs.values()].map((d) => [d.id, d.status, d.contact, d.nameKey, d.placeKey])).toEqual([
      ['CASE001', 'closed', '13812345678', '张秀兰', '3-1201'],
      ['CASE002', 'registered', '', '', ''],
    ]);
    const found = await earlierCasesOf(db, { phone: '', name: '', place: '3—1201' });
    expect(found.cases.map((c) => [c.id, c.reasons])).toEqual([['CASE001', ['place']]]);
  });

  it('the pass settles the waiting list the status bar shows, entries this window never wrote included', async () => {
    const h = await openDesk(`test_reconcile_list_${Date.now()}`);
    await putConfig(h.db, 'policy', policyRevision(1), ORG);
    const a = caseEvents(1, 1, [{ type: 'case.accepted', payload: {} }], false);
    await h.db.events.bulkUpsert(a);
    await h.projector.idle();
    // Left by a window that projected before this one: a failed fold of a case that folds fine now.
    await writeWaiting(h.db, { CASE001: { reason: 'error', error: '制度版本读取失败', attempts: 3, retryAt: NOW + 60_000, since: NOW } });
    expect(await h.projector.reconcile()).toMatchObject({ missing: 0, stale: 0, waiting: 0 });
    expect(await readWaiting(h.db)).toEqual({});
    await expectInvariant(h.db, a);
    await h.projector.stop();
  });

  it('a burst of pulls (a joining desk, page after page) gets one reconciliation pass, which repairs what the burst left', async () => {
    const h = await openDesk(`test_pull_burst_${Date.now()}`);
    await putConfig(h.db, 'policy', policyRevision(1), ORG);
    const a = caseEvents(1, 1, [{ type: 'case.accepted', payload: {} }], false);
    await h.db.events.bulkUpsert(a);
    await h.projector.idle();
    await h.db.cases
      .findOne('CASE001')
      .exec()
      .then((d) => d!.remove());
    const passes = Array.from({ length: 5 }, () => h.projector.afterPull());
    expect(new Set(passes).size).toBe(1);
    expect(await passes[0]).toMatchObject({ cases: 1, missing: 1, repaired: 1 });
    await expectInvariant(h.db, a);
    await h.projector.stop();
  });
});
