import { createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { databaseRestoreTarget, exportDeskBackup, restoreBackup } from '../../src-shared/backup-format';
import type { CaseEvent } from '../../src-shared/domain/events';
import { deskStore } from './fixtures';

// The backup helpers against a real RxDB database (memory storage, the same collection API the desk's
// Dexie-backed store has): export a desk, restore into an empty one, get the same events back.

const eventSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 40 }, caseId: { type: 'string' }, at: { type: 'number' }, payload: { type: 'object' } },
  required: ['id'],
} as unknown as RxJsonSchema<CaseEvent>;
const configSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 140 } },
  required: ['id'],
} as RxJsonSchema<{ id: string }>;

type Desk = RxDatabase<{ events: RxCollection<CaseEvent>; config: RxCollection<{ id: string }> }>;

async function deskDb(name: string): Promise<Desk> {
  const db: Desk = await createRxDatabase({ name, storage: getRxStorageMemory(), multiInstance: false });
  await db.addCollections({ events: { schema: eventSchema }, config: { schema: configSchema } });
  return db;
}

describe('backup through RxDB collections', () => {
  it('exports a desk and restores identical events and configuration into an empty desk', async () => {
    const store = deskStore(300);
    const source = await deskDb('backup-source');
    await source.events.bulkInsert(store.events);
    await source.config.bulkInsert(store.config.map(({ _deleted: _d, ...doc }) => doc));
    const text = await exportDeskBackup(source, Date.UTC(2026, 10, 27), { orgId: 'org-demo', deskId: 'desk-hz01', deskCode: 'HZ01' });

    const target = await deskDb('backup-target');
    expect(await restoreBackup(text, databaseRestoreTarget(target, 100))).toEqual({ ok: true, events: 450, config: 2 });
    const restored = (await target.events.find().exec()).map((d) => d.toJSON());
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect([...restored].sort(byId)).toEqual([...store.events].sort(byId));
    expect((await target.config.find().exec()).map((d) => d.toJSON()).sort(byId)).toEqual(store.config.map(({ _deleted: _d, ...doc }) => doc).sort(byId));

    // Restoring again into the now non-empty desk is refused and adds nothing.
    const again = await restoreBackup(text, databaseRestoreTarget(target));
    expect(again.ok).toBe(false);
    expect(await target.events.count().exec()).toBe(450);
    await source.remove();
    await target.remove();
  });
});
