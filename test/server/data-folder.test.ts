import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTestServer, demoDesk, type EnrolledDesk, type TestServer } from './setup';
import { pullAll, push } from './client';
import { generateDeskWork } from '../sync/fixtures';
import { DataFolderError, LOCK_FILE, dataFolderError } from '../../src-server/db/folder-lock';
import type { CaseEvent } from '../../src-shared/domain/events';

// The PGlite data folder belongs to one process (issue 10 item 6). PGlite only: a PostgreSQL server
// guards its own files. A second server or admin command on a held folder stops with a message naming
// the folder and loses nothing; a lock left by a killed process never blocks a restart; a folder that
// cannot be written is named with its cause.

const START = Date.UTC(2026, 10, 16);
const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'src-server/cli.ts');
const base = mkdtempSync(join(tmpdir(), 'jiesu-folder-'));
let n = 0;
const freshFolder = () => join(base, `data-${++n}`);

afterAll(() => rmSync(base, { recursive: true, force: true }));

function workOf(d: EnrolledDesk, seed: number, casesPerDay: number): CaseEvent[] {
  return generateDeskWork(seed, {
    orgId: d.orgId,
    siteId: d.siteId,
    deskId: d.deskId,
    deskCode: d.deskCode,
    actorIds: d.org.staffIds,
    start: START,
    days: 1,
    casesPerDay,
  });
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
}

/** Runs `npm run server` (its cli.ts) as a separate process; `until` resolves early once stdout matches. */
function runCli(args: string[], opts: { uid?: number; until?: RegExp; onMatch?: (pid: number) => void } = {}): Promise<Run> {
  return new Promise((done, fail) => {
    // node --import tsx, not the tsx wrapper: the pid must be the server's own, so SIGKILL kills the server.
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' },
      ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
    });
    let out = '';
    const read = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (opts.until?.test(out)) opts.onMatch?.(child.pid!);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    // A command that should have stopped but serves instead (the bug this guards) must not outlive the test.
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      done({ code, signal, out });
    });
  });
}

describe('PGlite data folder', () => {
  it('a second server on a held folder refuses to start, naming it; the first keeps every acknowledged event', async () => {
    const folder = freshFolder();
    const first: TestServer = await startTestServer('pglite', { dataDir: folder });
    const desk = await demoDesk(first);
    const work = workOf(desk, 3, 12);
    const half = Math.floor(work.length / 2);
    expect((await push(first.url, desk.token, 'events', work.slice(0, half))).body).toEqual([]);

    const second = await startTestServer('pglite', { dataDir: folder }).then(
      (s) => s,
      (e: unknown) => e,
    );
    expect(second).toBeInstanceOf(DataFolderError);
    expect((second as DataFolderError).reason).toBe('locked');
    expect((second as Error).message).toContain(folder);
    expect((second as Error).message).toMatch(/正被另一个接诉台服务器/);

    // The running server is untouched: it acknowledges more work, and all of it is there after a restart.
    expect((await push(first.url, desk.token, 'events', work.slice(half))).body).toEqual([]);
    await first.stop();
    const again = await startTestServer('pglite', { dataDir: folder });
    try {
      const stored = await pullAll<CaseEvent>(again.url, desk.token, 'events');
      expect(stored.documents.map((e) => e.id).sort()).toEqual(work.map((e) => e.id).sort());
    } finally {
      await again.stop();
    }
  }, 60_000);

  it('`npm run server` and an admin command on a folder a running server holds stop with a clear message', async () => {
    const folder = freshFolder();
    const running = await startTestServer('pglite', { dataDir: folder });
    try {
      for (const args of [
        ['--port', '0', '--data-dir', folder],
        ['admin', 'create-admin-token', '--data-dir', folder],
      ]) {
        const run = await runCli(args);
        expect(run.code, run.out).toBe(1);
        expect(run.out).toContain(folder);
        expect(run.out).toMatch(/正被另一个接诉台服务器或管理命令使用/);
        expect(run.out).toMatch(/in use by another Jiesu server/);
      }
      expect(await running.server.db.query('select count(*) as n from admin_tokens')).toEqual([{ n: 0 }]);
    } finally {
      await running.stop();
    }
  }, 60_000);

  it('a lock left by a killed server does not block the next start, and its data is there', async () => {
    const folder = freshFolder();
    // A real `npm run server`, killed with SIGKILL after it answered: no clean shutdown, the lock stays.
    const killed = await runCli(['--port', '0', '--data-dir', folder], { until: /server listening/, onMatch: (pid) => process.kill(pid, 'SIGKILL') });
    expect(killed.signal).toBe('SIGKILL');
    const left = JSON.parse(readFileSync(join(folder, LOCK_FILE), 'utf8')) as { pid: number };
    expect(left.pid).not.toBe(process.pid);

    const next = await startTestServer('pglite', { dataDir: folder });
    try {
      expect((await next.server.db.query<{ n: number }>('select count(*)::int as n from schema_migrations'))[0]!.n).toBeGreaterThan(0);
      expect(JSON.parse(readFileSync(join(folder, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    } finally {
      await next.stop();
    }
    // A clean stop removes the lock.
    expect(() => readFileSync(join(folder, LOCK_FILE))).toThrow();
  }, 60_000);

  it('a lock of this host whose process no longer runs is taken over; one whose process runs is not', async () => {
    const folder = freshFolder();
    mkdirSync(folder);
    // A pid that surely is not running: far above any pid_max Linux allows.
    writeFileSync(join(folder, LOCK_FILE), JSON.stringify({ pid: 2 ** 30, host: hostname(), since: START, nonce: 'x' }));
    const s = await startTestServer('pglite', { dataDir: folder });
    await s.stop();
    // Held by a living process (pid 1 always runs), or by another machine: refused.
    for (const owner of [
      { pid: 1, host: hostname() },
      { pid: 2 ** 30, host: 'other-machine' },
    ]) {
      writeFileSync(join(folder, LOCK_FILE), JSON.stringify({ ...owner, since: START, nonce: 'y' }));
      await expect(startTestServer('pglite', { dataDir: folder })).rejects.toThrow(new RegExp(`pid ${owner.pid}.*${owner.host}`));
    }
  }, 60_000);

  it('a data folder that cannot be written is named with its cause', async () => {
    // As root, permissions do not stop writes: the command then runs as nobody (uid 65534), for whom the
    // root-owned folder is read-only as for any unprivileged service account.
    const folder = freshFolder();
    mkdirSync(folder);
    chmodSync(base, 0o755);
    chmodSync(folder, 0o555);
    const asRoot = process.getuid?.() === 0;
    const run = await runCli(['admin', 'create-admin-token', '--data-dir', folder], asRoot ? { uid: 65534 } : {});
    chmodSync(folder, 0o755);
    expect(run.code, run.out).toBe(1);
    expect(run.out).toContain(folder);
    expect(run.out).toMatch(/不可写（EACCES）/);
    expect(run.out).toMatch(/is not writable \(EACCES\)/);

    // A path that is a file, not a folder.
    const file = join(base, 'a-file');
    writeFileSync(file, 'x');
    await expect(startTestServer('pglite', { dataDir: file })).rejects.toThrow(/不是文件夹/);
    await expect(startTestServer('pglite', { dataDir: join(file, 'data') })).rejects.toThrow(new RegExp(`${join(file, 'data')}.*不是文件夹`));

    // A full disk cannot be made here without mounting one; the sentence for it is checked directly.
    const full = dataFolderError(folder, Object.assign(new Error('no space'), { code: 'ENOSPC' }));
    expect(full.reason).toBe('full');
    expect(full.message).toContain(folder);
    expect(full.message).toMatch(/磁盘已满/);
  }, 60_000);
});
