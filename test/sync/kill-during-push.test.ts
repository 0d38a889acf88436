import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../server/backends';
import { pullAll, push } from '../server/client';
import { generateDeskWork, seededRandom, withoutDeletedFlag } from './fixtures';
import type { CaseEvent } from '../../src-shared/domain/events';
import type { EnrolResponse } from '../../src-shared/sync/contract';

// The server process is SIGKILLed at random points while a desk pushes, twenty times. The desk does what
// RxDB does: it re-sends every batch the server has not acknowledged. After the restarts the server
// must hold every event exactly once, byte for byte, and nothing else.

const KILLS = 20;
const CHILD_SOURCE = join(import.meta.dirname, 'server-child.ts');
// Bundled once so each restart costs a process start, not a TypeScript compile (two shared cores).
// It lives under node_modules so the external packages resolve from the repository.
const CHILD = join(import.meta.dirname, '../../node_modules/.cache/jiesu-test', `server-child-${process.pid}.mjs`);

interface Child {
  proc: ChildProcess;
  url: string;
  desk?: EnrolResponse & { staffIds: string[] };
}

function startChild(args: string[]): Promise<Child> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let desk: Child['desk'];
    let stderr = '';
    proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    proc.once('exit', (code) => reject(new Error(`server exited early (${code}): ${stderr.slice(-2000)}`)));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      if (line.startsWith('DESK ')) desk = JSON.parse(line.slice(5)) as Child['desk'];
      if (line.startsWith('READY ')) resolve({ proc, url: line.slice(6).trim(), desk });
    });
  });
}

function kill(child: Child): Promise<void> {
  return new Promise((resolve) => {
    if (child.proc.exitCode !== null || child.proc.signalCode !== null) return resolve();
    child.proc.removeAllListeners('exit');
    child.proc.once('exit', () => resolve());
    child.proc.kill('SIGKILL');
  });
}

describe.each(BACKENDS)('server killed during pushes (%s)', (backend) => {
  let dir: string;
  let database: TestDatabase;
  let child: Child | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jiesu-kill-'));
    mkdirSync(dirname(CHILD), { recursive: true });
    await build({
      entryPoints: [CHILD_SOURCE],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['@electric-sql/pglite', 'pg', 'fastify', '@fastify/*'],
      outfile: CHILD,
      logLevel: 'error',
    });
    database = await createTestDatabase(backend, join(dir, 'pgdata'));
  });
  afterAll(async () => {
    if (child) await kill(child);
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(CHILD, { force: true });
  });

  it(`SIGKILL at random points of a push, ${KILLS} times: everything converges, nothing lost or doubled`, async () => {
    const dbArgs = database.options.databaseUrl
      ? ['--database-url', database.options.databaseUrl, '--master-key', database.options.masterKey!.toString('base64')]
      : ['--data-dir', database.options.dataDir!];
    child = await startChild([...dbArgs, '--bootstrap']);
    const desk = child.desk!;
    const events = generateDeskWork(77, {
      orgId: desk.orgId,
      siteId: desk.siteId,
      deskId: desk.deskId,
      deskCode: desk.deskCode,
      actorIds: desk.staffIds,
      start: Date.UTC(2026, 10, 1),
      days: 30,
      casesPerDay: 8,
    });
    const batches: CaseEvent[][] = [];
    // Small batches and a short kill window keep the kill points spread over the upload on a fast
    // PostgreSQL as well as on PGlite (with 25-event batches PostgreSQL took everything before the 4th kill).
    for (let i = 0; i < events.length; i += 10) batches.push(events.slice(i, i + 10));
    const rnd = seededRandom(4242);
    let acknowledged = 0;
    let kills = 0;
    let failedPushes = 0;

    const killPoints: number[] = [];
    for (;;) {
      const current = child;
      let timer: NodeJS.Timeout | undefined;
      try {
        // One batch first, so the kill lands in a warm server's push, not in its first query.
        await pushBatch(current.url);
        if (kills < KILLS) {
          killPoints.push(acknowledged);
          timer = setTimeout(() => void kill(current), Math.floor(rnd() * 40));
        }
        while (acknowledged < batches.length || kills < KILLS) await pushBatch(current.url);
      } catch (e) {
        // Only a cut connection is expected here; an HTTP error answer fails the test.
        if (!(e instanceof TypeError)) throw e;
        failedPushes++;
      }
      clearTimeout(timer);
      if (kills >= KILLS && acknowledged >= batches.length) break;
      await kill(current);
      kills++;
      child = await startChild(dbArgs);
    }
    async function pushBatch(url: string): Promise<void> {
      // Once every batch is in, re-send the last ones so the remaining kills still land mid-push.
      const index = acknowledged < batches.length ? acknowledged : batches.length - 1 - Math.floor(rnd() * 3);
      const r = await push(url, desk.token, 'events', batches[index]!);
      expect(r.status).toBe(200);
      expect(r.body).toEqual([]);
      if (acknowledged < batches.length) acknowledged++;
    }
    // Kills landed at many different points of the upload, not all in one place.
    expect(new Set(killPoints).size).toBeGreaterThan(5);
    expect(kills).toBe(KILLS);
    expect(failedPushes).toBeGreaterThan(0);

    const stored = (await pullAll<CaseEvent>(child.url, desk.token, 'events', 0, 1000)).documents;
    expect(stored).toHaveLength(events.length);
    expect(new Set(stored.map((e) => e.id)).size).toBe(events.length);
    const byId = new Map(events.map((e) => [e.id, e]));
    for (const s of stored) expect(withoutDeletedFlag(s)).toEqual(byId.get(s.id));
    // A pull after a restart continues from any checkpoint: the sequence never went backwards.
    const seqs = await pullAll<CaseEvent>(child.url, desk.token, 'events', 0, 97);
    expect(seqs.documents.map((d) => d.id)).toEqual(stored.map((d) => d.id));
  }, 420_000);
});
