import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { monotonicFactory } from 'ulid';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { z } from 'zod';
import { policySchema } from '../../src-shared/domain/policy';
import type { CaseEvent } from '../../src-shared/domain/events';
import { createDeskDatabase, type DeskDatabase } from './database';
import { loadConfig } from './config';
import { butlerIntake, setUpButlerDesk } from './desk.fixtures';
import { registerCase } from './register';
import { writeEvent, type WriteContext } from './write-event';
import { policyByRevision } from './policy-select';
import { startProjector } from './projection-runner';
import { markPending } from './pending';
import { verifyCredential as verifyPin } from '../../src-shared/credentials';
import { saveDraft, loadDraft } from './drafts';
import { TEST_NOW } from '../../test/helpers/clock';

z.config({ jitless: true });

const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange });
let n = 0;
const open: DeskDatabase[] = [];
async function freshDb(): Promise<DeskDatabase> {
  const db = await createDeskDatabase(`test_desk_${Date.now()}_${n++}`, storage());
  open.push(db);
  return db;
}
afterEach(async () => {
  // RxDB's open-core build allows a limited number of open collections: close every test's database.
  while (open.length) await open.pop()!.close();
});

async function deskWithStaff(db: DeskDatabase): Promise<WriteContext> {
  return (await setUpButlerDesk(db, ['butler', 'service_assistant'])).ctx;
}

const registration = (_firstReceiverId: string, receivedAt: number) => butlerIntake('楼上漏水三天无人处理', receivedAt);

describe('desk data layer (RxDB + Dexie over fake-indexeddb)', () => {
  it('first run stores a valid policy, desk and staff; the PIN is stored only as a hash', async () => {
    const db = await freshDb();
    const ctx = await deskWithStaff(db);
    const config = await loadConfig(db);
    expect(policySchema.safeParse(config.policies[0]).success).toBe(true);
    expect(config.desks[0]?.code).toBe('YG01');
    const staff = config.staff[0]!;
    expect(staff.pinHash).not.toContain('1234');
    expect(await verifyPin('1234', staff.pinHash)).toBe(true);
    expect(await verifyPin('4321', staff.pinHash)).toBe(false);
    expect(ctx.actor.name).toBe('王管家');
  });

  it('X-2 registering numbers the case per desk and day and projects it into the cases collection', async () => {
    const db = await freshDb();
    const ctx = await deskWithStaff(db);
    const now = TEST_NOW;
    const a = await registerCase(db, ctx, 'YG01', registration(ctx.actor.id, now - 60_000));
    const b = await registerCase(db, ctx, 'YG01', registration(ctx.actor.id, now - 30_000));
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.state.number).toMatch(/^YG01-\d{8}-001$/);
    expect(b.state.number).toMatch(/^YG01-\d{8}-002$/);
    const doc = await db.cases.findOne(a.state.id).exec();
    expect(doc?.bucket).toBe('open');
    expect(doc?.state.firstReceiverId).toBe(ctx.actor.id);
    expect(doc?.search).toContain('漏水');
    expect(doc?.log.length).toBe(1);
    const events = await db.events.find({ selector: { caseId: a.state.id } }).exec();
    expect(events.map((e) => e.actorId)).toEqual([ctx.actor.id]);
  });

  it('bad input changes nothing: an invalid event is refused with a Chinese message and no document is written', async () => {
    const db = await freshDb();
    const ctx = await deskWithStaff(db);
    const r = await registerCase(db, ctx, 'YG01', { ...registration(ctx.actor.id, TEST_NOW), subject: '   ' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message['zh-CN']).toBe('请填写「事由」。');
    expect(await db.events.count().exec()).toBe(0);
    expect(await db.cases.count().exec()).toBe(0);
    const unknown = await writeEvent(db, ctx, 'NO_SUCH_CASE', { type: 'case.accepted', payload: {} });
    expect(unknown.ok).toBe(false);
    expect(await db.events.count().exec()).toBe(0);
  });

  it('later actions fold incrementally into the stored projection', async () => {
    const db = await freshDb();
    const ctx = await deskWithStaff(db);
    const reg = await registerCase(db, ctx, 'YG01', registration(ctx.actor.id, TEST_NOW - 5_000));
    if (!reg.ok) throw new Error('registration failed');
    const id = reg.state.id;
    const t = await writeEvent(db, ctx, id, {
      type: 'case.transferred',
      payload: { fromDepartmentId: 'service_center', toDepartmentId: 'engineering', reason: '渗水需工程部维修' },
    });
    expect(t.ok).toBe(true);
    const doc = await db.cases.findOne(id).exec();
    expect(doc?.state.departmentId).toBe('engineering');
    expect(doc?.departmentId).toBe('engineering');
    expect(doc?.state.eventCount).toBe(2);
  });

  it('events that arrive from elsewhere (replication, another window) are folded in by the projector', async () => {
    const db = await freshDb();
    const ctx = await deskWithStaff(db);
    const config = await loadConfig(db);
    const sub = await startProjector(
      db,
      (rev) => policyByRevision(config.policies, rev),
      () => TEST_NOW,
      { waitForLeadership: false },
    );
    const id = monotonicFactory();
    const at = TEST_NOW - 10_000;
    const base = {
      orgId: ctx.orgId,
      siteId: ctx.siteId,
      deskId: 'OTHER_DESK',
      actorId: 'someone',
      policyRevision: 1,
      v: 1 as const,
      caseId: 'CASE_FROM_SERVER',
    };
    const reg = {
      ...base,
      id: id(at),
      at,
      type: 'case.registered',
      payload: { ...registration('someone', at - 1000), firstReceiverId: 'someone', number: 'ZZ01-20261127-001', form: {}, riskFlags: [] },
    } as CaseEvent;
    const acc = { ...base, id: id(at + 1000), at: at + 1000, type: 'case.accepted', payload: {} } as CaseEvent;
    // Delivered out of order: the acceptance before its registration.
    await db.events.insert(acc);
    await db.events.insert(reg);
    await expect.poll(async () => (await db.cases.findOne('CASE_FROM_SERVER').exec())?.state.status, { timeout: 5000 }).toBe('accepted');
    await sub.stop();
  });

  it('a crash between appending an event and updating its case is repaired at start-up', async () => {
    const db = await freshDb();
    const ctx = await deskWithStaff(db);
    const reg = await registerCase(db, ctx, 'YG01', registration(ctx.actor.id, TEST_NOW - 5_000));
    if (!reg.ok) throw new Error('registration failed');
    const stale = (await db.cases.findOne(reg.state.id).exec())!.toMutableJSON();
    await writeEvent(db, ctx, reg.state.id, { type: 'case.accepted', payload: {} });
    // Simulate the crash: the projection still shows the old state, and the case is marked pending.
    await db.cases.upsert(stale);
    await markPending(db, reg.state.id);
    const config = await loadConfig(db);
    const sub = await startProjector(
      db,
      (rev) => policyByRevision(config.policies, rev),
      () => TEST_NOW,
      { waitForLeadership: false },
    );
    expect((await db.cases.findOne(reg.state.id).exec())?.state.status).toBe('accepted');
    await sub.stop();
  });

  it('intake drafts survive closing and reopening the database', async () => {
    const name = `test_desk_draft_${Date.now()}`;
    const db = await createDeskDatabase(name, storage());
    await saveDraft(db, 'intake:s1', 's1', { subject: '电梯困人', complainant: { name: '李先生' } });
    await db.close();
    const again = await createDeskDatabase(name, storage());
    open.push(again);
    const d = await loadDraft(again, 'intake:s1');
    expect(d?.data).toEqual({ subject: '电梯困人', complainant: { name: '李先生' } });
  });
});
