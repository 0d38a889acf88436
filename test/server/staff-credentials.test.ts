import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';
import { startTestServer, type TestServer } from './setup';
import { adminSession, enrol, pullAll, push } from './client';
import { createOrganisation, issueEnrolmentCode } from '../../src-server/orgs';
import { presetById } from '../../src-shared/presets/index';
import { hashCredential, verifierKind, verifyCredential } from '../../src-shared/credentials';
import type { ConfigDoc, EnrolResponse } from '../../src-shared/sync/contract';
import type { Staff } from '../../src-shared/domain/org';
import { pbkdf2Sync, randomBytes } from 'node:crypto';

// Issue 10 item 3 on the server: a desk receives only the verifiers of staff who sign in at that desk,
// and a pushed verifier with another cost (or format) than the code's is refused and stores nothing.

const staffDocs = (docs: ConfigDoc[]) => docs.filter((d) => d.kind === 'staff').map((d) => d.data as unknown as Staff);

/** A verifier in the old layout with a cost of 1 iteration, as a hostile desk would push it. */
function weakVerifier(pin: string): string {
  const salt = randomBytes(16);
  return `pbkdf2-sha256-1$${salt.toString('base64')}$${pbkdf2Sync(pin, salt, 1, 32, 'sha256').toString('base64')}`;
}

describe.each(BACKENDS)('staff credentials (%s)', (backend) => {
  let t: TestServer;
  let east: EnrolResponse;
  let west: EnrolResponse;
  let orgId: string;

  beforeAll(async () => {
    t = await startTestServer(backend);
    const preset = presetById('starter')!;
    const org = await createOrganisation(t.server.db, {
      name: '凭据测试单位',
      policy: preset.policy,
      sites: [{ name: '东区' }, { name: '西区' }],
      staff: [
        { name: '东区接待', roles: ['receiver'], pin: '1111', siteNames: ['东区'] },
        { name: '西区接待', roles: ['receiver'], pin: '2222', siteNames: ['西区'] },
        { name: '巡回督导', roles: ['receiver'], pin: '3333' },
        { name: '管理员', roles: ['admin'], pin: 'correct horse battery', siteNames: ['东区'] },
      ],
    });
    orgId = org.orgId;
    east = await enrol(t.url, (await issueEnrolmentCode(t.server.db, { orgId, siteId: org.siteIds[0], scope: 'site' })).code);
    west = await enrol(t.url, (await issueEnrolmentCode(t.server.db, { orgId, siteId: org.siteIds[1], scope: 'site' })).code);
  }, 120_000);

  afterAll(async () => {
    await t?.stop();
  });

  it('sends a desk the verifiers of its own staff only; the others arrive without one', async () => {
    const atEast = staffDocs((await pullAll<ConfigDoc>(t.url, east.token, 'config')).documents);
    const atWest = staffDocs((await pullAll<ConfigDoc>(t.url, west.token, 'config')).documents);
    const verifierOf = (list: Staff[], name: string) => list.find((s) => s.name === name)!.pinHash;
    // Every desk still knows everyone's name and roles (the timeline names who did what).
    expect(atEast.map((s) => s.name).sort()).toEqual(atWest.map((s) => s.name).sort());
    expect(await verifyCredential('1111', verifierOf(atEast, '东区接待'))).toBe(true);
    expect(verifierOf(atWest, '东区接待')).toBe('');
    expect(verifierOf(atEast, '西区接待')).toBe('');
    expect(await verifyCredential('2222', verifierOf(atWest, '西区接待'))).toBe(true);
    // Unassigned staff sign in everywhere.
    expect(await verifyCredential('3333', verifierOf(atWest, '巡回督导'))).toBe(true);
    expect(verifierKind(verifierOf(atEast, '管理员'))).toBe('passphrase');
    expect(verifierOf(atWest, '管理员')).toBe('');
  });

  it('refuses a pushed verifier with a weak cost and stores nothing', async () => {
    const before = (await pullAll<ConfigDoc>(t.url, west.token, 'config')).documents;
    const doc = before.find((d) => d.kind === 'staff' && (d.data as unknown as Staff).name === '西区接待')!;
    for (const pinHash of [
      weakVerifier('2222'),
      `pbkdf2-sha256-999999$${randomBytes(16).toString('base64')}$${randomBytes(32).toString('base64')}`,
      'plain-2222',
    ]) {
      const r = await push<ConfigDoc>(
        t.url,
        west.token,
        'config',
        [{ ...doc, rev: doc.rev + 1, updatedAt: doc.updatedAt + 1, data: { ...doc.data, pinHash } }],
        () => doc,
      );
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body)).toContain('PIN 码或口令的校验值格式不对');
    }
    const after = (await pullAll<ConfigDoc>(t.url, west.token, 'config')).documents;
    expect(after).toEqual(before);
  });

  it('keeps the stored verifier when a desk that never received it pushes the document back', async () => {
    const docs = (await pullAll<ConfigDoc>(t.url, west.token, 'config')).documents;
    const doc = docs.find((d) => d.kind === 'staff' && (d.data as unknown as Staff).name === '东区接待')!;
    expect((doc.data as unknown as Staff).pinHash).toBe('');
    const renamed = { ...doc, rev: doc.rev + 1, updatedAt: doc.updatedAt + 1, data: { ...doc.data, name: '东区接待员' } };
    // Renaming staff is an administrator's change (config-authorisation.test.ts): confirmed at this desk.
    const admin = staffDocs(docs).find((s) => s.name === '管理员')!;
    const session = await adminSession(t.url, west.token, admin.id, 'correct horse battery');
    expect(session.status).toBe(200);
    const r = await push<ConfigDoc>(t.url, west.token, 'config', [renamed], () => doc, session.body.token);
    expect(r.status).toBe(200);
    const atEast = staffDocs((await pullAll<ConfigDoc>(t.url, east.token, 'config')).documents);
    const kept = atEast.find((s) => s.name === '东区接待员')!;
    expect(await verifyCredential('1111', kept.pinHash)).toBe(true);
    // A verifier made by the code's own scheme is accepted.
    expect(verifierKind(await hashCredential('4321'))).toBe('pin');
  });
});
