import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { z } from 'zod';
import { createDeskDatabase, type DeskDatabase } from './database';
import { loadConfig } from './config';
import { keepCaseNumberFloor, registerCase } from './register';
import { localDateKey } from '../../src-shared/domain/numbering';
import type { WriteContext } from './write-event';
import { policyByRevision } from './policy-select';
import { TEST_NOW } from '../../test/helpers/clock';
import { butlerDesk as butlerDeskFixture, butlerIntake, setUpButlerDesk } from './desk.fixtures';

z.config({ jitless: true });

const open: DeskDatabase[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

/**
 * A second window of the same desk: another RxDB instance on the same IndexedDB database. RxDB refuses
 * two instances of one name and storage in one process outside dev-mode, so the second window's
 * storage carries its own name; both still read and write the very same IndexedDB stores.
 */
function secondWindowStorage() {
  const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });
  return Object.assign(Object.create(Object.getPrototypeOf(storage) as object) as typeof storage, storage, { name: 'dexie-second-window' });
}

async function deskContext(db: DeskDatabase, identity: Omit<WriteContext, 'actor' | 'policy' | 'policyFor'>): Promise<WriteContext> {
  const config = await loadConfig(db);
  const staff = config.staff[0]!;
  return {
    ...identity,
    actor: { id: staff.id, name: staff.name, roles: staff.roles, departmentId: staff.departmentId },
    policy: config.policies[0]!,
    policyFor: (rev) => policyByRevision(config.policies, rev),
    now: () => TEST_NOW,
    ...identity,
  };
}

/** A property desk YG01 with one butler, on a fresh store (closed after the test). */
async function butlerDesk(name: string): Promise<{ db: DeskDatabase; ctx: WriteContext }> {
  const desk = await butlerDeskFixture(name);
  open.push(desk.db);
  return desk;
}

const intake = butlerIntake;

describe('case numbers', () => {
  it('X-2 two windows of one desk registering at the same moment get different numbers', async () => {
    const name = `test_numbers_${Date.now()}`;
    const first = await createDeskDatabase(name, getRxStorageDexie({ indexedDB, IDBKeyRange }));
    open.push(first);
    const setup = await setUpButlerDesk(first, ['butler', 'service_assistant']);
    const second = await createDeskDatabase(name, secondWindowStorage());
    open.push(second);
    const now = TEST_NOW;
    const a = await deskContext(first, { ...setup.identity, now: () => now });
    const b = await deskContext(second, { ...setup.identity, now: () => now });

    const results = await Promise.all([
      registerCase(first, a, 'YG01', intake('楼上漏水', now - 60_000)),
      registerCase(second, b, 'YG01', intake('电梯异响', now - 60_000)),
      registerCase(first, a, 'YG01', intake('门禁失灵', now - 60_000)),
      registerCase(second, b, 'YG01', intake('垃圾未清运', now - 60_000)),
    ]);
    const numbers = results.map((r) => (r.ok ? r.state.number : JSON.stringify(r.errors)));
    expect(numbers.every((n) => /^YG01-\d{8}-00[1-4]$/.test(n))).toBe(true);
    expect(new Set(numbers).size).toBe(4);
    const stored = (await first.cases.find().exec()).map((d) => d.number).sort();
    expect(stored).toEqual([...numbers].sort());
  });

  it('a refused registration does not use up a number', async () => {
    const { db, ctx } = await butlerDesk('test_numbers_refused');
    const refused = await registerCase(db, ctx, 'YG01', intake('   ', TEST_NOW));
    expect(refused.ok).toBe(false);
    const ok = await registerCase(db, ctx, 'YG01', intake('楼上漏水', TEST_NOW));
    expect(ok.ok && ok.state.number).toMatch(/^YG01-\d{8}-001$/);
  });

  it('a desk re-enrolled with an empty store continues its series from the numbers the server gave it (issue 12)', async () => {
    const { db, ctx } = await butlerDesk('test_numbers_floor');
    const today = localDateKey(TEST_NOW);
    // What the enrolment answered: yesterday's last number and today's, as joinServer keeps them.
    await keepCaseNumberFloor(db, ['YG01-20000101-050', `YG01-${today}-012`]);
    const next = await registerCase(db, ctx, 'YG01', intake('楼上漏水', TEST_NOW));
    expect(next.ok && next.state.number).toBe(`YG01-${today}-013`);
    const after = await registerCase(db, ctx, 'YG01', intake('电梯异响', TEST_NOW));
    expect(after.ok && after.state.number).toBe(`YG01-${today}-014`);
  });
});
