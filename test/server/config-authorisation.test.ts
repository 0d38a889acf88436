import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, pbkdf2Sync } from 'node:crypto';
import { BACKENDS } from './backends';
import { startTestServer, type TestServer } from './setup';
import { adminSession, enrol, http, pullAll, push } from './client';
import { createOrganisation, issueEnrolmentCode } from '../../src-server/orgs';
import { ADMIN_KINDS } from '../../src-server/sync/authorise-config';
import { ADMIN_SESSION_MS } from '../../src-server/admin-sessions';
import { ADMIN_SIGNIN_LIMITS } from '../../src-server/throttle';
import { presetById } from '../../src-shared/presets/index';
import { ADMIN_SESSION_PATH, CONFIG_KINDS, type ConfigDoc, type ConfigKind, type EnrolResponse } from '../../src-shared/sync/contract';
import type { Staff } from '../../src-shared/domain/org';
import { testClock } from '../helpers/clock';

// Issue 10 item 2: configuration is changed only by an authenticated administrator. Every config kind is
// pushed as a hostile desk would push it — by an organisation-wide desk's token alone, a site desk's
// token alone, under an administrator session, with that session copied to a desk of another site, and
// under an expired session — and each refused push stores nothing. The analysis desk's shared records
// (a survey of the desk's own site, a duty mark the desk made) stay writable by any desk.

/** Kinds a desk writes on its own (features/analysis: survey-store.ts, duties-store.ts). */
const DESK_KINDS: readonly ConfigKind[] = ['survey', 'duty'];
const PASSPHRASE = 'correct horse battery';

type Sender = 'org desk token' | 'site desk token' | 'admin session' | 'session on another site’s desk' | 'expired session';

describe.each(BACKENDS)('configuration needs an administrator (%s)', (backend) => {
  const clock = testClock();
  let t: TestServer;
  let orgDesk: EnrolResponse;
  let siteDesk: EnrolResponse;
  let otherSiteDesk: EnrolResponse;
  let staffIds: { admin: string; clerk: string; pinAdmin: string };
  let session: string;
  let otherOrgAdmin: string;

  let written = 0;
  const config = async () => pullAll<ConfigDoc>(t.url, orgDesk.token, 'config');

  beforeAll(async () => {
    t = await startTestServer(backend, { sync: { now: clock.now } });
    const org = await createOrganisation(t.server.db, {
      name: '配置权限测试单位',
      policy: presetById('starter')!.policy,
      sites: [{ name: '东区' }, { name: '西区' }],
      staff: [
        { name: '管理员', roles: ['admin'], pin: PASSPHRASE },
        { name: '接待员', roles: ['receiver'], pin: '1111' },
        // An administering role with a PIN only: administration needs a passphrase (administration.ts).
        { name: '主任', roles: ['admin'], pin: '5678' },
      ],
    });
    const [admin, clerk, pinAdmin] = org.staffIds as [string, string, string];
    staffIds = { admin, clerk, pinAdmin };
    const code = async (siteId: string, scope: 'site' | 'org') => (await issueEnrolmentCode(t.server.db, { orgId: org.orgId, siteId, scope })).code;
    orgDesk = await enrol(t.url, await code(org.siteIds[0]!, 'org'));
    siteDesk = await enrol(t.url, await code(org.siteIds[0]!, 'site'));
    otherSiteDesk = await enrol(t.url, await code(org.siteIds[1]!, 'site'));
    const other = await createOrganisation(t.server.db, {
      name: '另一单位',
      policy: presetById('starter')!.policy,
      sites: [{ name: '总部' }],
      staff: [{ name: '别家管理员', roles: ['admin'], pin: PASSPHRASE }],
    });
    otherOrgAdmin = other.staffIds[0]!;
  }, 120_000);

  afterAll(async () => {
    await t?.stop();
  });

  it('every config kind is either an administrator’s or a desk’s own', () => {
    expect([...ADMIN_KINDS, ...DESK_KINDS].sort()).toEqual([...CONFIG_KINDS].sort());
  });

  it('opens a session only for an active administrator with the right passphrase, checked by the server', async () => {
    const refused = [
      [staffIds.admin, 'wrong horse battery'],
      [staffIds.clerk, '1111'],
      [staffIds.pinAdmin, '5678'],
      ['01NOSUCHSTAFF0000000000000', PASSPHRASE],
    ] as const;
    // Another organisation's administrator, with their right passphrase, administers nothing here.
    const foreign = await adminSession(t.url, orgDesk.token, otherOrgAdmin, PASSPHRASE);
    expect(foreign.status).toBe(403);
    for (const [staffId, secret] of refused) {
      const r = await adminSession(t.url, orgDesk.token, staffId, secret);
      expect(r.status, staffId).toBe(403);
      expect(r.body).toMatchObject({ error: 'adminSignInFailed', message: expect.stringContaining('管理员确认未通过') });
    }
    // No desk token, no session: the passphrase alone is not enough.
    expect((await http(t.url, 'POST', ADMIN_SESSION_PATH, { body: { staffId: staffIds.admin, secret: PASSPHRASE } })).status).toBe(401);
    const ok = await adminSession(t.url, orgDesk.token, staffIds.admin, PASSPHRASE);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ staffId: staffIds.admin, expiresAt: clock.now() + ADMIN_SESSION_MS });
    session = ok.body.token;
    // A session is no desk token.
    expect((await pullAll(t.url, orgDesk.token, 'config')).documents.length).toBeGreaterThan(0);
    expect((await http(t.url, 'GET', '/sync/v1/config/pull', { token: session })).status).toBe(401);
  });

  /** A change to each kind's current master (or a new record) as `sender` would write it. */
  async function write(kind: ConfigKind, sender: EnrolResponse, label: string): Promise<{ doc: ConfigDoc; master?: ConfigDoc }> {
    const docs = (await config()).documents;
    const bump = (m: ConfigDoc, data: Record<string, unknown>): { doc: ConfigDoc; master: ConfigDoc } => ({
      doc: { ...m, rev: m.rev + 1, updatedAt: m.updatedAt + 1, data: { ...m.data, ...data } },
      master: m,
    });
    const find = (pred: (d: ConfigDoc) => boolean) => docs.find(pred)!;
    switch (kind) {
      case 'organisation':
      case 'site':
        return bump(
          find((d) => d.kind === kind),
          { name: `改名 ${label}` },
        );
      case 'desk':
        return bump(
          find((d) => d.kind === 'desk' && d.data.id === sender.deskId),
          { name: `改名 ${label}` },
        );
      case 'staff': {
        // The clerk raises their own roles and sets a PIN of their choosing.
        const clerk = find((d) => d.kind === 'staff' && d.data.id === staffIds.clerk);
        return bump(clerk, { roles: ['receiver', 'manager', 'admin'], updatedAt: (clerk.data as unknown as Staff).updatedAt + 1 });
      }
      case 'policy':
        return bump(
          find((d) => d.kind === 'policy'),
          { document: { ...(find((d) => d.kind === 'policy').data.document as object), title: `制度 ${label}` } },
        );
      case 'survey': {
        const year = 2000 + ++written;
        const id = `${sender.siteId}:${year}`;
        return {
          doc: {
            id: `survey:${id}`,
            orgId: sender.orgId,
            kind,
            rev: 0,
            updatedAt: clock.now(),
            _deleted: false,
            data: { id, orgId: sender.orgId, siteId: sender.siteId, year, title: label, tallies: [{ item: '供电', respondents: 10, satisfied: 9 }] },
          },
        };
      }
      case 'duty': {
        const period = '2026-11';
        const dutyId = `duty${++written}`;
        const id = `${dutyId}:${period}`;
        return {
          doc: {
            id: `duty:${id}`,
            orgId: sender.orgId,
            kind,
            rev: 0,
            updatedAt: clock.now(),
            _deleted: false,
            data: { id, orgId: sender.orgId, dutyId, period, deskId: sender.deskId, markedAt: clock.now() },
          },
        };
      }
    }
  }

  /** Pushes and checks the outcome: accepted and stored as sent, or refused with a reason and nothing stored. */
  async function expectPush(
    doc: ConfigDoc,
    master: ConfigDoc | undefined,
    from: EnrolResponse,
    adminToken: string | undefined,
    allowed: boolean,
    what: string,
  ): Promise<void> {
    const before = await config();
    const r = await push<ConfigDoc>(t.url, from.token, 'config', [doc], () => master ?? null, adminToken);
    if (allowed) {
      expect(r.status, what).toBe(200);
      expect(r.body, what).toEqual([]);
      const stored = (await config()).documents.find((d) => d.id === doc.id)!;
      expect(stored.data, what).toEqual(doc.data);
      return;
    }
    expect(r.status, what).toBe(403);
    expect(JSON.stringify(r.body), what).toMatch(/管理员|其他工作台|其他单位或站点/);
    // Nothing stored: the server's configuration has not moved.
    expect((await config()).seq, what).toBe(before.seq);
  }

  const senders: { sender: Sender; from: () => EnrolResponse; token: () => string | undefined; adminKinds: boolean }[] = [
    { sender: 'org desk token', from: () => orgDesk, token: () => undefined, adminKinds: false },
    { sender: 'site desk token', from: () => siteDesk, token: () => undefined, adminKinds: false },
    { sender: 'admin session', from: () => orgDesk, token: () => session, adminKinds: true },
    { sender: 'session on another site’s desk', from: () => otherSiteDesk, token: () => session, adminKinds: false },
  ];

  for (const s of senders) {
    it(`${s.sender}: ${s.adminKinds ? 'writes' : 'is refused'} ${[...ADMIN_KINDS].join(', ')}; writes its own ${DESK_KINDS.join(', ')}`, async () => {
      for (const kind of CONFIG_KINDS) {
        const { doc, master } = await write(kind, s.from(), s.sender);
        await expectPush(doc, master, s.from(), s.token(), DESK_KINDS.includes(kind) || s.adminKinds, `${s.sender} × ${kind}`);
      }
    });
  }

  it('a desk of another site cannot write the first site’s survey, nor a duty mark in another desk’s name, even with a session', async () => {
    const survey = await write('survey', orgDesk, 'foreign');
    await expectPush(survey.doc, undefined, otherSiteDesk, session, false, 'survey of another site');
    const duty = await write('duty', orgDesk, 'foreign');
    await expectPush(duty.doc, undefined, otherSiteDesk, session, false, 'duty mark naming another desk');
  });

  it('a desk token cannot delete the policy in force; an administrator cannot store a weak verifier', async () => {
    const policy = (await config()).documents.find((d) => d.kind === 'policy')!;
    await expectPush({ ...policy, rev: policy.rev + 1, updatedAt: policy.updatedAt + 1, _deleted: true }, policy, orgDesk, undefined, false, 'policy deletion');
    expect((await config()).documents.find((d) => d.id === policy.id)!._deleted).toBe(false);

    const clerk = (await config()).documents.find((d) => d.kind === 'staff' && d.data.id === staffIds.clerk)!;
    const salt = randomBytes(16);
    const oneIteration = `pbkdf2-sha256-1$${salt.toString('base64')}$${pbkdf2Sync('1111', salt, 1, 32, 'sha256').toString('base64')}`;
    const before = await config();
    const r = await push<ConfigDoc>(
      t.url,
      orgDesk.token,
      'config',
      [{ ...clerk, rev: clerk.rev + 1, updatedAt: clerk.updatedAt + 1, data: { ...clerk.data, pinHash: oneIteration } }],
      () => clerk,
      session,
    );
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('PIN 码或口令的校验值格式不对');
    expect((await config()).seq).toBe(before.seq);
  });

  it('expired session: refused once its quarter of an hour has passed', async () => {
    clock.advance(ADMIN_SESSION_MS + 1);
    for (const kind of CONFIG_KINDS) {
      const { doc, master } = await write(kind, orgDesk, 'expired');
      await expectPush(doc, master, orgDesk, session, DESK_KINDS.includes(kind), `expired session × ${kind}`);
    }
  });

  it('wrong passphrases are limited: after the limit even the right one waits (429)', async () => {
    let last = 0;
    for (let i = 0; i < ADMIN_SIGNIN_LIMITS.max; i++) last = (await adminSession(t.url, orgDesk.token, staffIds.admin, `wrong passphrase ${i}`)).status;
    expect(last).toBe(429);
    const r = await http<{ message: string }>(t.url, 'POST', ADMIN_SESSION_PATH, {
      token: orgDesk.token,
      body: { staffId: staffIds.admin, secret: PASSPHRASE },
    });
    expect(r.status).toBe(429);
    expect(r.body.message).toContain('失败的尝试次数过多');
  });
});
