import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { BACKENDS, createTestDatabase } from './backends';
import { pullAll, push } from './client';
import { clear, confidentialReport, fireBrigade, NAME, type Fixture } from './fire-brigade';
import { startServer, type RunningServer, type StartServerOptions } from '../../src-server/server';
import { openDatabase } from '../../src-server/db/open';
import { checkDataKeys } from '../../src-server/confidential/keyring';
import { defaultKeyFile, pendingKeyFile } from '../../src-server/confidential/master-key';
import { rotateMasterKey, rotationReport, type RotationStep } from '../../src-server/confidential/rotate-master-key';
import type { CaseEvent } from '../../src-shared/domain/events';
import { TEST_NOW } from '../helpers/clock';

// Replacing the master key (src-server/confidential/rotate-master-key.ts, docs/operations.md §4 "更换主密钥"):
// previous keys only unwrap, the re-wrap is one transaction, and every state the embedded rotation can stop in
// leaves a server that starts and opens every sealed identity.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Seeded {
  f: Fixture;
  reportId: string;
}

/** A fire brigade with one confidential report pushed, on a running server. */
async function seed(s: RunningServer): Promise<Seeded> {
  const f = await fireBrigade({ server: s, url: s.url });
  const report = confidentialReport(f);
  expect((await push(s.url, f.squad.token, 'events', [report])).body).toEqual([]);
  return { f, reportId: report.id };
}

/** The headquarters desk of each fixture pulls its report with the identity in clear. */
async function expectIdentityOpens(s: RunningServer, seeded: readonly Seeded[]): Promise<void> {
  for (const { f, reportId } of seeded) {
    const event = (await pullAll<CaseEvent>(s.url, f.hq.token, 'events')).documents.find((e) => e.id === reportId)!;
    expect(event.type === 'case.registered' && event.payload.complainant.name).toBe(NAME);
  }
}

/** A server whose log lines are kept. */
async function startLogged(opts: StartServerOptions): Promise<{ server: RunningServer; logs: string[] }> {
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  return { server: await startServer({ ...opts, port: 0, logger: { level: 'info', stream } }), logs };
}

const b64 = (k: Buffer) => k.toString('base64');
const noKeyIn = (text: string, keys: readonly Buffer[]) => expect(keys.filter((k) => text.includes(b64(k)) || text.includes(k.toString('hex')))).toEqual([]);

async function wrappedRows(opts: { databaseUrl?: string; dataDir?: string }): Promise<unknown[]> {
  const db = await openDatabase(opts);
  try {
    return await db.query('select org_id, wrapped from org_data_keys order by org_id');
  } finally {
    await db.close();
  }
}

describe.each(BACKENDS)('master-key rotation with keys the operator sets (%s)', (backend) => {
  const dir = mkdtempSync(join(tmpdir(), 'jiesu-rotate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('new key as current, old as previous: everything opens before the re-wrap; after it only the new key opens the data keys', async () => {
    const database = await createTestDatabase(backend, join(dir, 'data'));
    const where = { ...(database.options.databaseUrl ? { databaseUrl: database.options.databaseUrl } : { dataDir: database.options.dataDir! }) };
    const OLD = randomBytes(32);
    const NEW = randomBytes(32);
    const logs: string[] = [];
    try {
      const first = await startServer({ ...where, masterKey: OLD, port: 0 });
      const a = await seed(first);
      await first.close();

      // Instances restarted one by one onto the new key, the old one previous: no downtime.
      const during = await startLogged({ ...where, masterKey: NEW, previousMasterKeys: [OLD] });
      logs.push(...during.logs);
      await expectIdentityOpens(during.server, [a]);
      const b = await seed(during.server);
      // A data key made now is wrapped with the current key.
      expect(await checkDataKeys(during.server.db, [NEW])).toEqual({ rows: 2, needPrevious: 0, unopened: [a.f.orgId] });
      // Logged at start: how many rows still need the previous key (never the key).
      expect(during.logs.join('')).toMatch(/1 个数据密钥中有 1 个仍需旧主密钥.*1 of 1 data keys still need a previous master key/);
      await during.server.close();

      const db = await openDatabase(where);
      try {
        // Refusals change nothing.
        const before = await db.query('select org_id, wrapped from org_data_keys order by org_id');
        const refusals: [Parameters<typeof rotateMasterKey>[1], RegExp][] = [
          [{ masterKey: NEW }, /没有设置旧主密钥.*no previous master key is set/],
          [{ masterKey: NEW, previousMasterKeys: [NEW, OLD] }, /与当前主密钥相同.*equals the current master key/],
          [{ masterKey: randomBytes(32), previousMasterKeys: [OLD] }, /主密钥打不开 1\/2 个单位的数据密钥.*open no data key of 1 of 2/],
          [{ masterKey: NEW, previousMasterKeys: [randomBytes(32)] }, /主密钥打不开 1\/2/],
        ];
        for (const [src, refusal] of refusals) {
          const e = await rotateMasterKey(db, src, { now: TEST_NOW }).catch((err: Error) => err);
          expect(e).toBeInstanceOf(Error);
          expect((e as Error).message).toMatch(refusal);
          noKeyIn((e as Error).message, [OLD, NEW]);
          expect(await db.query('select org_id, wrapped from org_data_keys order by org_id')).toEqual(before);
        }

        const r = await rotateMasterKey(db, { masterKey: NEW, previousMasterKeys: [OLD] }, { now: TEST_NOW });
        expect(r).toEqual({ mode: 'configured', rows: 2, rewrapped: 1, stillPrevious: 0, resumed: false });
        const report = rotationReport(r).join('\n');
        expect(report).toMatch(/本次重新包装 1 个.*1 re-wrapped now/);
        expect(report).toMatch(/去掉 JIESU_MASTER_KEY_PREVIOUS.*without JIESU_MASTER_KEY_PREVIOUS/s);
        noKeyIn(report, [OLD, NEW]);
        expect(await checkDataKeys(db, [OLD])).toMatchObject({ rows: 2, unopened: [a.f.orgId, b.f.orgId].sort() });
        expect(await checkDataKeys(db, [NEW])).toEqual({ rows: 2, needPrevious: 0, unopened: [] });
      } finally {
        await db.close();
      }

      await expect(startServer({ ...where, masterKey: OLD, port: 0 })).rejects.toThrow(/主密钥打不开 2\/2/);
      const after = await startLogged({ ...where, masterKey: NEW });
      logs.push(...after.logs);
      await expectIdentityOpens(after.server, [a, b]);
      // Sealed at rest still: the re-wrap touched the data keys only.
      expect(clear(JSON.stringify(await after.server.db.query('select doc from events')))).toEqual([]);
      await after.server.close();
      noKeyIn(logs.join(''), [OLD, NEW]);
    } finally {
      await database.drop();
    }
  });
});

interface Run {
  code: number | null;
  out: string;
}

function runCli(args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src-server/cli.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', JIESU_MASTER_KEY: '', JIESU_MASTER_KEY_FILE: '', LOG_LEVEL: 'warn' },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, out }));
  });
}

describe('rotating the embedded default key file (PGlite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jiesu-rotate-embedded-'));
  /** A data folder and its key file with one confidential report, copied for each test. */
  const template = join(dir, 'template');
  let seeded: Seeded;
  let n = 0;
  beforeAll(async () => {
    const s = await startServer({ dataDir: template, port: 0 });
    seeded = await seed(s);
    await s.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function copyOfTemplate(): { dataDir: string; keyFile: string; oldKey: Buffer } {
    const dataDir = join(dir, `data-${++n}`);
    cpSync(template, dataDir, { recursive: true });
    cpSync(defaultKeyFile(template), defaultKeyFile(dataDir));
    const keyFile = defaultKeyFile(dataDir);
    return { dataDir, keyFile, oldKey: Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64') };
  }
  const retiredFiles = (keyFile: string) => readdirSync(dirname(keyFile)).filter((name) => name.startsWith(`${keyFile.split('/').pop()}.retired-`));

  it('npm run server -- admin rotate-master-key: a new key file, the old one retired, and the old key alone opens nothing', async () => {
    const { dataDir, keyFile, oldKey } = copyOfTemplate();
    const run = await runCli(['admin', 'rotate-master-key', '--data-dir', dataDir]);
    expect(run.out).toMatch(/本次重新包装 1 个.*1 re-wrapped now/);
    expect(run.out).toMatch(/旧主密钥保存为 .*\.retired-\d{14}.*the old one is kept as/);
    expect(run.code).toBe(0);
    const newKey = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
    noKeyIn(run.out, [oldKey, newKey]);
    expect(newKey.equals(oldKey)).toBe(false);
    expect(newKey).toHaveLength(32);
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(existsSync(pendingKeyFile(keyFile))).toBe(false);
    const [retired] = retiredFiles(keyFile);
    expect(retiredFiles(keyFile)).toHaveLength(1);
    expect(readFileSync(join(dirname(keyFile), retired!), 'utf8').trim()).toBe(b64(oldKey));

    const { server, logs } = await startLogged({ dataDir });
    await expectIdentityOpens(server, [seeded]);
    expect(await checkDataKeys(server.db, [oldKey])).toMatchObject({ unopened: [seeded.f.orgId] });
    await server.close();
    noKeyIn(logs.join(''), [oldKey, newKey]);
    await expect(startServer({ dataDir, masterKey: oldKey, port: 0 })).rejects.toThrow(/主密钥打不开/);
  });

  // Each point a crash can stop the rotation at; the thrown error stands for the crash.
  const STOPS: [RotationStep, 'old' | 'new'][] = [
    ['new-key-written', 'old'],
    ['row-rewrapped', 'old'], // inside the transaction: rolled back
    ['rewrapped', 'new'],
    ['old-key-kept', 'new'],
  ];
  it.each(STOPS)('stopped after %s: a server starts, opens everything and says to finish; running the command again finishes', async (stop, wrappedWith) => {
    const { dataDir, keyFile, oldKey } = copyOfTemplate();
    const db = await openDatabase({ dataDir });
    try {
      const crash = rotateMasterKey(
        db,
        { dataDir, env: {} },
        {
          now: TEST_NOW,
          onStep: (step) => {
            if (step === stop) throw new Error('crash');
          },
        },
      );
      await expect(crash).rejects.toThrow('crash');
    } finally {
      await db.close();
    }
    const newKey = Buffer.from(readFileSync(pendingKeyFile(keyFile), 'utf8').trim(), 'base64');
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(b64(oldKey));

    const during = await startLogged({ dataDir });
    await expectIdentityOpens(during.server, [seeded]);
    expect(await checkDataKeys(during.server.db, [wrappedWith === 'old' ? oldKey : newKey])).toMatchObject({ unopened: [] });
    // A data key made meanwhile is wrapped with the key file's key; the next run re-wraps it too.
    const meanwhile = await seed(during.server);
    expect(during.logs.join('')).toMatch(/主密钥更换没有完成.*run npm run server -- admin rotate-master-key again to finish/);
    await during.server.close();

    const again = await openDatabase({ dataDir });
    try {
      const r = await rotateMasterKey(again, { dataDir, env: {} }, { now: TEST_NOW });
      expect(r).toMatchObject({ mode: 'embedded', rows: 2, rewrapped: wrappedWith === 'old' ? 2 : 1, resumed: true });
      expect(rotationReport(r).join('\n')).toContain('上次没有完成的主密钥更换已完成');
    } finally {
      await again.close();
    }
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(b64(newKey));
    expect(existsSync(pendingKeyFile(keyFile))).toBe(false);
    const after = await startLogged({ dataDir });
    await expectIdentityOpens(after.server, [seeded, meanwhile]);
    expect(await checkDataKeys(after.server.db, [newKey])).toMatchObject({ rows: 2, needPrevious: 0, unopened: [] });
    await after.server.close();
    noKeyIn([...during.logs, ...after.logs].join(''), [oldKey, newKey]);
  });

  it('refuses, changing nothing, when the key file does not open the rows or the pending key equals it', async () => {
    const { dataDir, keyFile, oldKey } = copyOfTemplate();
    const rows = await wrappedRows({ dataDir });
    const foreign = randomBytes(32);
    writeFileSync(keyFile, `${b64(foreign)}\n`);
    const wrongKey = await runCli(['admin', 'rotate-master-key', '--data-dir', dataDir]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.out).toMatch(/主密钥打不开 1\/1 个单位的数据密钥.*open no data key of 1 of 1.*Nothing was changed/);
    noKeyIn(wrongKey.out, [oldKey, foreign]);
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(b64(foreign));
    expect(existsSync(pendingKeyFile(keyFile))).toBe(false);
    expect(retiredFiles(keyFile)).toEqual([]);
    expect(await wrappedRows({ dataDir })).toEqual(rows);

    writeFileSync(keyFile, `${b64(oldKey)}\n`);
    writeFileSync(pendingKeyFile(keyFile), `${b64(oldKey)}\n`, { mode: 0o600 });
    const db = await openDatabase({ dataDir });
    try {
      await expect(rotateMasterKey(db, { dataDir, env: {} }, { now: TEST_NOW })).rejects.toThrow(
        /未做任何更改：.*新主密钥与当前主密钥相同.*Nothing was changed/,
      );
    } finally {
      await db.close();
    }
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(b64(oldKey));
    expect(retiredFiles(keyFile)).toEqual([]);
    expect(await wrappedRows({ dataDir })).toEqual(rows);
  });
});
