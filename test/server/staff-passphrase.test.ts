import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BACKENDS } from './backends';
import { startTestServer, type TestServer } from './setup';
import { adminSession, enrol, pullAll } from './client';
import { createOrganisation, issueEnrolmentCode } from '../../src-server/orgs';
import { setStaffPassphrase } from '../../src-server/staff-passphrase';
import { openDatabase } from '../../src-server/db/open';
import { readConfigDocs } from '../../src-server/sync/config-store';
import { presetById } from '../../src-shared/presets/index';
import { verifierKind, verifyCredential } from '../../src-shared/credentials';
import type { ConfigDoc, EnrolResponse } from '../../src-shared/sync/contract';
import type { Staff } from '../../src-shared/domain/org';

// `admin set-passphrase` (issue 10 item 3): an organisation whose administrators all sign in with PINs
// has nobody who may open an administrator session or reset a credential at a desk; the server's admin
// command gives one of them a passphrase as a new revision of the staff document, which desks pull.

const PASSPHRASE = '阳光花园-经理-2026';
const staffOf = (docs: ConfigDoc[], name: string) => docs.map((d) => d.data as unknown as Staff).find((s) => s.name === name)!;

describe.each(BACKENDS)('admin set-passphrase (%s)', (backend) => {
  let t: TestServer;
  let desk: EnrolResponse;
  let orgId: string;
  let managerId: string;

  beforeAll(async () => {
    t = await startTestServer(backend);
    const org = await createOrganisation(t.server.db, {
      name: '只有 PIN 的单位',
      policy: presetById('starter')!.policy,
      sites: [{ name: '前台' }],
      staff: [
        { name: '李经理', roles: ['manager'], pin: '5678' },
        { name: '王接待', roles: ['receiver'], pin: '1111' },
        { name: '张同名', roles: ['receiver'], pin: '2222' },
        { name: '张同名', roles: ['handler'], pin: '3333' },
      ],
    });
    orgId = org.orgId;
    managerId = org.staffIds[0]!;
    desk = await enrol(t.url, (await issueEnrolmentCode(t.server.db, { orgId, siteId: org.siteIds[0], scope: 'site' })).code);
  }, 120_000);
  afterAll(async () => t?.stop());

  it('gives a PIN-only manager a passphrase: his PIN stops working, he opens an administrator session, the desk pulls the new verifier', async () => {
    expect((await adminSession(t.url, desk.token, managerId, '5678')).status).not.toBe(200);
    const r = await setStaffPassphrase(t.server.db, { orgId, staff: '李经理', passphrase: PASSPHRASE });
    expect(r).toEqual({ staffId: managerId, name: '李经理', rev: 1, administers: true });
    expect((await adminSession(t.url, desk.token, managerId, PASSPHRASE)).status).toBe(200);
    const pulled = (await pullAll<ConfigDoc>(t.url, desk.token, 'config')).documents;
    const doc = pulled.find((d) => d.kind === 'staff' && (d.data as unknown as Staff).id === managerId)!;
    expect(doc.rev).toBe(1);
    const manager = staffOf(pulled, '李经理');
    expect(manager.rev).toBe(1);
    expect(verifierKind(manager.pinHash)).toBe('passphrase');
    expect(await verifyCredential(PASSPHRASE, manager.pinHash)).toBe(true);
    expect(await verifyCredential('5678', manager.pinHash)).toBe(false);
    // By id as well; a person without an administering role signs in with it but administers nothing.
    expect(await setStaffPassphrase(t.server.db, { orgId, staff: staffOf(pulled, '王接待').id, passphrase: '前台-王接待-2026' })).toMatchObject({
      name: '王接待',
      administers: false,
    });
  });

  it('refuses a PIN, an unknown person, an ambiguous name or an unknown organisation, and changes nothing', async () => {
    const before = JSON.stringify(await readConfigDocs(t.server.db, orgId, 'staff'));
    for (const [input, message] of [
      [{ staff: '李经理', passphrase: '86420' }, /管理口令至少 10 个字符/],
      [{ staff: '李经理', passphrase: ' 前后有空格的管理口令 ' }, /首尾不能有空格/],
      [{ staff: '赵不存在', passphrase: PASSPHRASE }, /没有名为或编号为「赵不存在」的在职人员/],
      [{ staff: '张同名', passphrase: PASSPHRASE }, /有 2 位在职人员名为「张同名」，请用 --staff <人员编号> 指定/],
      [{ staff: '李经理', passphrase: PASSPHRASE, orgId: 'NO-SUCH-ORG' }, /没有工作人员（单位编号对吗？）/],
    ] as const) {
      await expect(setStaffPassphrase(t.server.db, { orgId, ...input })).rejects.toThrow(message);
    }
    expect(JSON.stringify(await readConfigDocs(t.server.db, orgId, 'staff'))).toBe(before);
  });
});

describe('npm run server -- admin set-passphrase (PGlite, the command itself)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'jiesu-passphrase-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** Runs cli.ts as `npm run server` does, the passphrase piped to its standard input. */
  function runCli(args: string[], stdin: string): Promise<{ code: number | null; out: string }> {
    const root = resolve(__dirname, '../..');
    return new Promise((done, fail) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src-server/cli.ts'), ...args], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: '' },
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
      child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
      const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('error', fail);
      child.on('exit', (code) => {
        clearTimeout(guard);
        done({ code, out });
      });
      child.stdin.end(stdin);
    });
  }

  it('reads the passphrase from standard input, never from the command line, and stores it', async () => {
    let db = await openDatabase({ dataDir: folder });
    const org = await createOrganisation(db, {
      name: '只有 PIN 的单位',
      policy: presetById('starter')!.policy,
      sites: [{ name: '前台' }],
      staff: [{ name: '李经理', roles: ['manager'], pin: '5678' }],
    });
    await db.close();
    const refused = await runCli(['admin', 'set-passphrase', '--data-dir', folder, '--org', org.orgId, '--staff', '李经理'], '1234\n');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('管理口令至少 10 个字符');
    const r = await runCli(['admin', 'set-passphrase', '--data-dir', folder, '--org', org.orgId, '--staff', '李经理'], `${PASSPHRASE}\n`);
    expect(r.out).toContain('已为「李经理」');
    expect(r.out).not.toContain(PASSPHRASE);
    expect(r.code).toBe(0);
    db = await openDatabase({ dataDir: folder });
    try {
      const manager = staffOf(await readConfigDocs(db, org.orgId, 'staff'), '李经理');
      expect(await verifyCredential(PASSPHRASE, manager.pinHash)).toBe(true);
    } finally {
      await db.close();
    }
  }, 120_000);
});
