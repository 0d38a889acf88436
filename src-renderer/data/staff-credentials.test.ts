import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { verifyCredential } from '../../src-shared/credentials';
import { TEST_NOW } from '../../test/helpers/clock';
import { createDeskDatabase, type DeskDatabase } from './database';
import { loadConfig } from './config';
import { setUpButlerDesk } from './desk.fixtures';
import { setStaffCredential } from './staff-credentials';
import { FREE_ATTEMPTS, signInAttempts } from '../session/lockout';
import { memoryStorage } from '../../test/helpers/memory-storage';

// 重设登录凭据 (issue 10 item 3): a person locked out of sign-in after wrong PINs whose credential an
// administrator resets signs in at once with the new one; the lock-out stays on the old credential.

let db: DeskDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

describe('resetting a credential and the sign-in lock-out', () => {
  it("after an administrator resets a locked-out person's PIN, that person signs in at once with the new one", async () => {
    db = await createDeskDatabase(`staff_credentials_${Date.now()}`, getRxStorageDexie({ indexedDB, IDBKeyRange }));
    await setUpButlerDesk(db, ['butler'], [{ name: '李大管家', roles: ['senior_butler'], departmentId: 'service_center', pin: '阳光花园管理口令2026' }]);
    const before = await loadConfig(db);
    const admin = before.staff.find((s) => s.name === '李大管家')!;
    const clerk = before.staff.find((s) => s.name === '王管家')!;
    const storage = memoryStorage();
    const now = TEST_NOW;
    // 王管家 forgot the PIN: wrong attempts lock the sign-in.
    for (let i = 0; i < FREE_ATTEMPTS + 3; i++) signInAttempts(storage).failed(clerk, now);
    expect(signInAttempts(storage).lockedUntil(clerk, now + 1000)).toBeGreaterThan(now + 60_000);

    const r = await setStaffCredential(db, before.policies[0], before.staff, admin, { targetId: clerk.id, kind: 'pin', secret: '8642' }, now + 2000);
    expect(r.ok).toBe(true);
    const after = (await loadConfig(db)).staff.find((s) => s.id === clerk.id)!;
    // The sign-in screen's check (features/setup/SignIn.tsx): not locked, and the new PIN opens it.
    const attempts = signInAttempts(storage);
    expect(attempts.lockedUntil(after, now + 3000)).toBeUndefined();
    expect(await verifyCredential('8642', after.pinHash)).toBe(true);
    expect(await verifyCredential('1234', after.pinHash)).toBe(false);
    // Wrong attempts at the new PIN count afresh: a few are free again.
    expect(attempts.failed(after, now + 4000)).toBeUndefined();
  });
});
