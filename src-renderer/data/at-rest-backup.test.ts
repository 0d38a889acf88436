import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src-shared/domain/attachments';
import type { BridgeChannel, JiesuBridge } from '../../src-shared/bridge';
import type { CaseEvent } from '../../src-shared/domain/events';
import { TEST_NOW } from '../../test/helpers/clock';
import { everyStoredValue } from '../../test/helpers/raw-indexeddb';
import { attachFile } from './attachments';
import { revealedComplainant, useAtRestKey } from './at-rest-crypto';
import { backUpDesk, restoreDesk } from './backups';
import { bodyStoreFor } from './body-store';
import { createDeskDatabase } from './database';
import { butlerDesk, butlerIntake } from './desk.fixtures';
import { registerCase } from './register';
import type { CaseDoc } from './schemas';

// A backup carries a confidential identity and photo as written (the host seals the file with the
// administrator's passphrase), so it restores on another computer whose field key differs: the restore
// encrypts them again under that desk's key (docs/decisions.md "Encrypted at rest on the desk").

const NAME = '上官保密';
const PHONE = '13655556666';
const written: string[] = [];
const host: JiesuBridge = {
  async call(channel: BridgeChannel, input: unknown) {
    if (channel === 'backup.write') return { ok: true, value: { name: `b${written.push((input as { content: string }).content)}.jbak`, bytes: 1 } };
    if (channel === 'backup.read') return { ok: true, value: { content: written[Number((input as { name: string }).name.slice(1, -5)) - 1]! } };
    return { ok: false, error: { code: 'test.unsupported', message: { 'zh-CN': '不支持', en: 'unsupported' } } };
  },
  on: () => () => undefined,
} as JiesuBridge;
(globalThis as { window?: unknown }).window = { jiesu: host };
afterAll(() => void delete (globalThis as { window?: unknown }).window);

describe('S1-5 backups of a desk that keeps identities encrypted', () => {
  it('restore on a computer with another field key: the identity and photo are encrypted under its key, and read', async () => {
    useAtRestKey(crypto.getRandomValues(new Uint8Array(32)));
    const { db, ctx } = await butlerDesk('at_rest_backup');
    bodyStoreFor(db, indexedDB);
    const intake = butlerIntake('投诉楼上漏水', TEST_NOW);
    const r = await registerCase(db, ctx, 'YG01', { ...intake, complainant: { ...intake.complainant, confidential: true, name: NAME, phone: PHONE } });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const photo = new Uint8Array(3000);
    photo.set([0xff, 0xd8, 0xff, 0xe0]);
    photo.set(crypto.getRandomValues(new Uint8Array(2996)), 4);
    expect((await attachFile(db, ctx, r.state.id, { bytes: photo.slice().buffer, type: 'image/jpeg', name: '漏水.jpg' }, { kind: 'evidence' })).ok).toBe(true);
    const backup = await backUpDesk(db, true, TEST_NOW);
    expect(backup.ok).toBe(true);
    // As written, for the host to seal: another computer's key cannot open this desk's ciphertext.
    expect(written[0]).toContain(NAME);
    await db.close();

    // The replacement computer: another field key, an empty store.
    useAtRestKey(crypto.getRandomValues(new Uint8Array(32)));
    const other = await createDeskDatabase(`at_rest_restored_${Date.now()}`, getRxStorageDexie({ indexedDB, IDBKeyRange }));
    const bodies = bodyStoreFor(other, indexedDB);
    const restored = await restoreDesk(other, { name: 'b1.jbak' });
    expect(restored).toMatchObject({ ok: true, value: { files: 1 } });
    await (await import('./projector')).reprojectCase(other, r.state.id, ctx.policyFor, TEST_NOW);

    const raw = await everyStoredValue(indexedDB);
    for (const secret of [NAME, PHONE]) expect(raw.text, secret).not.toContain(secret);
    expect(raw.bytes).not.toContain(Buffer.from(photo.subarray(100, 164)).toString('hex'));
    const state = ((await other.cases.findOne(r.state.id).exec())!.toJSON() as CaseDoc).state;
    const events = (await other.events.find().exec()).map((e) => e.toJSON() as CaseEvent);
    expect(await revealedComplainant(state.complainant, events)).toMatchObject({ name: NAME, phone: PHONE });
    expect(new Uint8Array((await bodies.get(await sha256Hex(photo.buffer)))!.bytes)).toEqual(photo);
    await other.close();
  });
});
