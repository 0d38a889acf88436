import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { z } from 'zod';
import { propertyPreset } from '../../src-shared/presets/s7-property';
import { createDeskDatabase, type DeskDatabase } from './database';
import { loadConfig } from './config';
import { setUpDesk } from './setup';
import { confirmAdministrator } from './admin-session';

z.config({ jitless: true });

// 管理员确认 on a standalone desk (issue 10 item 3): no server checks the administrator, so the desk applies
// the server's rule itself — an administering role AND a passphrase. A department head's right PIN is refused.

const PASSPHRASE = '阳光花园-管理-2026';
let n = 0;
const open: DeskDatabase[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function standaloneDesk() {
  const db = await createDeskDatabase(`test_admin_${Date.now()}_${n++}`, getRxStorageDexie({ indexedDB, IDBKeyRange }));
  open.push(db);
  const r = await setUpDesk(db, {
    preset: propertyPreset,
    organisationName: '阳光花园物业',
    siteName: '阳光花园',
    deskCode: 'YG01',
    deskName: '业主服务中心前台',
    staff: [
      // senior_butler heads 业主服务中心 and dept_supervisor 工程部: both administer by role.
      { name: '李助理', roles: ['senior_butler'], departmentId: 'service_center', pin: PASSPHRASE },
      { name: '王主管', roles: ['dept_supervisor'], departmentId: 'engineering', pin: '1357' },
      { name: '赵管家', roles: ['butler'], departmentId: 'service_center', pin: '2468' },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const config = await loadConfig(db);
  const person = (name: string) => config.staff.find((s) => s.name === name)!;
  return { db, policy: config.policies.at(-1), head: person('王主管'), admin: person('李助理'), clerk: person('赵管家') };
}

describe('管理员确认 on a standalone desk', () => {
  it('refuses a department head typing the right PIN, and says administration needs a passphrase and where to set one', async () => {
    const { db, policy, head } = await standaloneDesk();
    const r = await confirmAdministrator(db, head, '1357', policy);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message['zh-CN']).toContain('管理操作须使用管理口令');
    expect(r.message['zh-CN']).toContain('新建本机时');
    expect(r.message.en).toContain('Administration needs a passphrase');
  });

  it('accepts an administrator with a passphrase typed right, and refuses a wrong one', async () => {
    const { db, policy, admin } = await standaloneDesk();
    expect(await confirmAdministrator(db, admin, PASSPHRASE, policy)).toEqual({ ok: true });
    const wrong = await confirmAdministrator(db, admin, '阳光花园-管理-2025', policy);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.message['zh-CN']).toBe('管理员确认未通过：口令不对，或此人没有管理权限。');
  });

  it('refuses a clerk with no administering role, whatever they type', async () => {
    const { db, policy, clerk } = await standaloneDesk();
    const r = await confirmAdministrator(db, clerk, '2468', policy);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message['zh-CN']).toBe('管理员确认未通过：口令不对，或此人没有管理权限。');
  });
});
