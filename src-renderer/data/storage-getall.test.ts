import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { z } from 'zod';
import { propertyPreset } from '../../src-shared/presets/s7-property';
import { createDeskDatabase, type DeskDatabase } from './database';
import { loadConfig } from './config';
import { setUpDesk } from './setup';
import { registerCase } from './register';
import { openCasesQuery } from './hooks';
import { policyByRevision } from './policy-select';
import { TEST_NOW } from '../../test/helpers/clock';

// The one-`getAll` read (storage-getall.ts) must answer exactly what RxDB's own cursor walk answers:
// the same open cases, in the same due order, and nothing closed.

z.config({ jitless: true });

const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange });
const opened: DeskDatabase[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});

async function openDesk(name: string, cursorQueries: boolean): Promise<DeskDatabase> {
  const db = await createDeskDatabase(name, storage(), { cursorQueries });
  opened.push(db);
  return db;
}

async function seedDesk(name: string): Promise<string[]> {
  const db = await openDesk(name, true);
  const r = await setUpDesk(db, {
    preset: propertyPreset,
    organisationName: '测试物业',
    siteName: '测试小区',
    deskCode: 'T01',
    deskName: '测试前台',
    departmentId: 'service_center',
    staff: [{ name: '李助理', roles: ['butler', 'service_assistant'], departmentId: 'service_center', pin: '1234' }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const config = await loadConfig(db);
  const staff = config.staff[0]!;
  const desk = config.desks[0]!;
  const ctx = {
    orgId: desk.orgId,
    siteId: desk.siteId,
    deskId: desk.id,
    actor: { id: staff.id, name: staff.name, roles: staff.roles, departmentId: staff.departmentId },
    policy: config.policies[0]!,
    policyFor: (rev: number) => policyByRevision(config.policies, rev),
    now: () => TEST_NOW,
  };
  const ids: string[] = [];
  // Received out of order, so due order differs from the order they were written in.
  for (const minutesAgo of [5, 300, 42, 9, 1000, 77, 3, 600]) {
    const c = await registerCase(db, ctx, desk.code, {
      kind: 'complaint',
      channel: 'hotline',
      receivedAt: TEST_NOW - minutesAgo * 60_000,
      category: 'facilities',
      severity: 'general',
      complainant: { anonymous: false, confidential: false, name: '张女士', phone: '13800000000' },
      subject: `漏水 ${minutesAgo}`,
      description: {},
      riskFlags: [],
      form: { roomNo: '3-1-1201' },
      apologised: true,
    });
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    ids.push(c.state.id);
  }
  // Two cases leave the open bucket (as closing a case does).
  for (const id of [ids[1]!, ids[6]!]) await (await db.cases.findOne(id).exec())!.incrementalPatch({ bucket: 'done' });
  await db.close();
  opened.pop();
  return ids;
}

describe('open-case read in one getAll', () => {
  it('answers the queue query exactly as the cursor walk does: same cases, same due order, no closed case', async () => {
    const name = `test_getall_${Date.now()}`;
    const ids = await seedDesk(name);

    const fast = await openDesk(name, false);
    const fastRows = (await openCasesQuery(fast).exec()).map((d) => ({ id: d.id, dueAt: d.dueAt }));
    await fast.close();
    opened.pop();
    const plain = await openDesk(name, true);
    const plainRows = (await openCasesQuery(plain).exec()).map((d) => ({ id: d.id, dueAt: d.dueAt }));

    expect(fastRows).toEqual(plainRows);
    expect(fastRows).toHaveLength(6);
    expect(fastRows.map((r) => r.id)).not.toContain(ids[1]);
    expect(fastRows.map((r) => r.id)).not.toContain(ids[6]);
    expect(fastRows.map((r) => r.dueAt)).toEqual([...fastRows.map((r) => r.dueAt)].sort((a, b) => a - b));
  });

  it('leaves queries an index range cannot answer alone (a limit, a matcher) to the cursor walk, with the same answers', async () => {
    const name = `test_getall_other_${Date.now()}`;
    await seedDesk(name);
    const fast = await openDesk(name, false);
    const limited = (await fast.cases.find({ selector: { bucket: 'open' }, sort: [{ bucket: 'asc' }, { dueAt: 'asc' }], limit: 2 }).exec()).map((d) => d.id);
    const matched = (await fast.cases.find({ selector: { bucket: 'open', flagged: false } }).exec()).map((d) => d.id).sort();
    const all = (await openCasesQuery(fast).exec()).map((d) => d.id);
    expect(limited).toEqual(all.slice(0, 2));
    expect(matched).toEqual([...all].sort());
  });
});
