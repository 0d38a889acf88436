import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';
import { startTestServer, type TestServer } from './setup';
import { adminSession, enrol, pullAll, push } from './client';
import { createOrganisation, issueEnrolmentCode } from '../../src-server/orgs';
import { presetById } from '../../src-shared/presets/index';
import { hashCredential } from '../../src-shared/credentials';
import type { ConfigDoc, EnrolResponse } from '../../src-shared/sync/contract';
import type { Staff } from '../../src-shared/domain/org';

// Resetting an existing person's credential (设置 → 工作人员 → 重设登录凭据) as the server sees it, pushed
// as a hostile desk would push it: a desk token alone changes nobody's credential; under an administrator
// session a change is stored, except one that leaves the organisation without a passphrase administrator
// (domain/credential-change.ts, judged again in sync/authorise-config.ts).

const PASSPHRASE = 'correct horse battery';
const NEW_PASSPHRASE = '主任的新管理口令-2026';

describe.each(BACKENDS)('changing a staff member’s credential (%s)', (backend) => {
  let t: TestServer;
  let desk: EnrolResponse;
  let ids: { admin: string; head: string; clerk: string };

  const config = async () => (await pullAll<ConfigDoc>(t.url, desk.token, 'config')).documents;
  const staffDoc = async (id: string) => (await config()).find((d) => d.kind === 'staff' && d.data.id === id)!;
  /** The person's document with a new verifier (and a later revision), as the desk's command writes it. */
  const withVerifier = (doc: ConfigDoc, pinHash: string, extra: Partial<Staff> = {}): ConfigDoc => {
    const s = doc.data as unknown as Staff;
    return { ...doc, rev: doc.rev + 1, updatedAt: doc.updatedAt + 1, data: { ...doc.data, ...extra, pinHash, rev: s.rev + 1, updatedAt: s.updatedAt + 1 } };
  };

  beforeAll(async () => {
    t = await startTestServer(backend);
    const org = await createOrganisation(t.server.db, {
      name: '凭据重设测试单位',
      policy: presetById('starter')!.policy,
      sites: [{ name: '总部' }],
      staff: [
        { name: '管理员', roles: ['admin'], pin: PASSPHRASE },
        // An administering role with a PIN only: works at the desk, administers nothing until given a passphrase.
        { name: '主任', roles: ['admin'], pin: '5678' },
        { name: '接待员', roles: ['receiver'], pin: '1111' },
      ],
    });
    const [admin, head, clerk] = org.staffIds as [string, string, string];
    ids = { admin, head, clerk };
    desk = await enrol(t.url, (await issueEnrolmentCode(t.server.db, { orgId: org.orgId, siteId: org.siteIds[0]!, scope: 'org' })).code);
  }, 120_000);

  afterAll(async () => {
    await t?.stop();
  });

  it('a desk token alone (a clerk at the desk) cannot set anyone’s credential, its own or the head’s, and stores nothing', async () => {
    const before = await config();
    for (const [id, secret] of [
      [ids.clerk, 'clerk-now-admin-2026'],
      [ids.head, 'head-by-the-clerk-2026'],
      [ids.admin, '0000'],
    ] as const) {
      const doc = await staffDoc(id);
      const r = await push<ConfigDoc>(t.url, desk.token, 'config', [withVerifier(doc, await hashCredential(secret))], () => doc);
      expect(r.status).toBe(403);
      expect(JSON.stringify(r.body)).toContain('机构配置只能由管理员修改');
    }
    expect(await config()).toEqual(before);
    expect((await adminSession(t.url, desk.token, ids.clerk, 'clerk-now-admin-2026')).status).toBe(403);
  });

  it('an administrator cannot give the only passphrase administrator a PIN, nor deactivate them: refused with the reason, nothing stored', async () => {
    const session = (await adminSession(t.url, desk.token, ids.admin, PASSPHRASE)).body.token;
    const before = await config();
    const doc = await staffDoc(ids.admin);
    for (const change of [withVerifier(doc, await hashCredential('2468')), withVerifier(doc, (doc.data as unknown as Staff).pinHash, { active: false })]) {
      const r = await push<ConfigDoc>(t.url, desk.token, 'config', [change], () => doc, session);
      expect(r.status).toBe(403);
      expect(JSON.stringify(r.body)).toContain('管理员是本单位唯一能用管理口令确认管理操作的人：改为 PIN 码后，本单位将没有人能发布制度或管理人员。');
    }
    expect(await config()).toEqual(before);
  });

  it('under an administrator session the head gets a passphrase and administers with it, not with the old PIN; then the first administrator may take a PIN', async () => {
    const session = (await adminSession(t.url, desk.token, ids.admin, PASSPHRASE)).body.token;
    const head = await staffDoc(ids.head);
    expect((await adminSession(t.url, desk.token, ids.head, '5678')).status).toBe(403);
    const r = await push<ConfigDoc>(t.url, desk.token, 'config', [withVerifier(head, await hashCredential(NEW_PASSPHRASE))], () => head, session);
    expect(r.status).toBe(200);
    expect((await adminSession(t.url, desk.token, ids.head, '5678')).status).toBe(403);
    const headSession = await adminSession(t.url, desk.token, ids.head, NEW_PASSPHRASE);
    expect(headSession.status).toBe(200);
    // Two passphrase administrators: either may now be given a PIN.
    const admin = await staffDoc(ids.admin);
    expect(
      (await push<ConfigDoc>(t.url, desk.token, 'config', [withVerifier(admin, await hashCredential('2468'))], () => admin, headSession.body.token)).status,
    ).toBe(200);
    expect((await adminSession(t.url, desk.token, ids.admin, PASSPHRASE)).status).toBe(403);
  });
});
