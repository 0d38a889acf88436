import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../server/backends';
import { startTestServer, type TestServer } from '../server/setup';
import { enrol, pullAll } from '../server/client';
import { createOrganisation, issueEnrolmentCode } from '../../src-server/orgs';
import { loadConfig, putConfig } from '../../src-renderer/data/config';
import { confirmAdministrator } from '../../src-renderer/data/admin-session';
import { nextRevision } from '../../src-shared/domain/revisions';
import { presetById } from '../../src-shared/presets/index';
import type { Policy } from '../../src-shared/domain/policy';
import type { ConfigDoc } from '../../src-shared/sync/contract';
import { eventually } from './network';
import { closeSimDesk, joinSimDesk, type SimDesk } from './sim-desk';

// Issue 10 item 2 at a desk joined to a server, with the desk's own code (RxDB replication, the policy
// editor's putConfig and 管理员确认's confirmAdministrator): a revision written without an administrator
// session is refused by the server and listed in the desk's refused list; a wrong passphrase opens no
// session; after the administrator confirms, the next revision reaches the server.

const PASSPHRASE = '阳光花园-2026-制度';

describe.each(BACKENDS)('publishing a policy revision from a joined desk (%s)', (backend) => {
  let t: TestServer;
  let desk: SimDesk;
  let orgId: string;
  /** Another desk's token, to read what the server holds. */
  let observer: string;

  beforeAll(async () => {
    t = await startTestServer(backend);
    const org = await createOrganisation(t.server.db, {
      name: '阳光花园物业',
      policy: presetById('starter')!.policy,
      sites: [{ name: '阳光花园' }],
      staff: [
        { name: '王管理', roles: ['admin'], pin: PASSPHRASE },
        { name: '李接待', roles: ['receiver'], pin: '2468' },
      ],
    });
    orgId = org.orgId;
    observer = (await enrol(t.url, (await issueEnrolmentCode(t.server.db, { orgId, scope: 'org' })).code)).token;
    desk = await joinSimDesk(t.url, (await issueEnrolmentCode(t.server.db, { orgId, scope: 'site' })).code, 'admin_publish');
  }, 120_000);

  afterAll(async () => {
    if (desk) await closeSimDesk(desk);
    await t?.stop();
  });

  async function revise(reason: string): Promise<Policy> {
    const config = await loadConfig(desk.db);
    const base = config.policies.at(-1)!;
    const r = nextRevision(
      base,
      { document: { ...base.document, title: `${base.document.title}（${reason}）` } },
      { author: '王管理', reason, effectiveFrom: base.effectiveFrom + 86_400_000, date: base.effectiveFrom },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const saved = await putConfig(desk.db, 'policy', r.value, orgId);
    expect(saved.ok).toBe(true);
    return r.value;
  }
  /** The policy revisions the server holds, as any desk of the organisation would pull them. */
  const serverRevisions = async () =>
    (await pullAll<ConfigDoc>(t.url, observer, 'config')).documents.filter((d) => d.kind === 'policy').map((d) => (d.data as unknown as Policy).revision);

  it('a revision written without 管理员确认 is refused by the server and listed on the desk, in Chinese', async () => {
    const rev = await revise('未经确认');
    await eventually(
      async () => (desk.replication.state.refusedList ?? []).some((r) => r.id === `policy:${rev.id}:${rev.revision}`),
      10_000,
      'the refused revision listed',
    );
    const refused = desk.replication.state.refusedList!.find((r) => r.id === `policy:${rev.id}:${rev.revision}`)!;
    expect(refused.code).toBe('config.needsAdmin');
    expect(refused.message['zh-CN']).toContain('只能由管理员修改');
    expect(await serverRevisions()).not.toContain(rev.revision);
  });

  it('a wrong passphrase, or a clerk, opens no session; the administrator’s passphrase does, and the next revision reaches the server', async () => {
    const config = await loadConfig(desk.db);
    const admin = config.staff.find((s) => s.name === '王管理')!;
    const clerk = config.staff.find((s) => s.name === '李接待')!;
    const opts = { fetch: desk.host.fetch, host: desk.host.call, replication: desk.replication };
    const wrong = await confirmAdministrator(desk.db, admin, '不对的口令-123', config.policies.at(-1), opts);
    expect(wrong).toMatchObject({ ok: false, message: { 'zh-CN': expect.stringContaining('管理员确认未通过') } });
    expect((await confirmAdministrator(desk.db, clerk, '2468', config.policies.at(-1), opts)).ok).toBe(false);
    expect(await confirmAdministrator(desk.db, admin, PASSPHRASE, config.policies.at(-1), opts)).toEqual({ ok: true });
    const rev = await revise('管理员已确认');
    await eventually(async () => (await serverRevisions()).includes(rev.revision), 10_000, 'the confirmed revision on the server');
  });

  it('offline, 管理员确认 says the server is needed and changes nothing', async () => {
    const config = await loadConfig(desk.db);
    const admin = config.staff.find((s) => s.name === '王管理')!;
    desk.net.down();
    try {
      const r = await confirmAdministrator(desk.db, admin, PASSPHRASE, config.policies.at(-1), {
        fetch: desk.host.fetch,
        host: desk.host.call,
        replication: desk.replication,
      });
      expect(r).toMatchObject({ ok: false, message: { 'zh-CN': expect.stringContaining('无法连接服务器') } });
    } finally {
      desk.net.restore();
    }
  });
});
