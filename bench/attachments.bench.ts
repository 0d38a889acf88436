import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { report } from './lib';
import { postgresUrl } from './postgres';
import { startServer, type RunningServer } from '../src-server/server';
import { createDemoOrg } from '../src-server/demo';
import { issueEnrolmentCode } from '../src-server/orgs';
import { createDeskDatabase, type DeskDatabase } from '../src-renderer/data/database';
import { getServerConnection, joinServer, startDeskReplication, stopDeskSync, type DeskReplication } from '../src-renderer/data/replication';
import { bodyStoreFor } from '../src-renderer/data/body-store';
import { attachFile } from '../src-renderer/data/attachments';
import { loadConfig } from '../src-renderer/data/config';
import { startProjector } from '../src-renderer/data/projection-runner';
import type { WriteContext } from '../src-renderer/data/write-event';
import { ATTACHMENTS_BASE } from '../src-shared/sync/contract';
import { generateDeskWork } from '../test/sync/fixtures';
import { nodeDeskHost } from '../test/sync/desk-host';
import { eventually } from '../test/sync/network';

// Issue 13 "Measure": attachment bodies desk → server and back on loopback. 200 photos of 500 kB (JPEG magic,
// then random bytes: incompressible like a real JPEG, and of the type the server's sniffing accepts) go up
// through the desk's own uploader (body-uploader.ts via body-transfer.ts: HEAD, then PUT, up to three at a time, state
// in the body store) and come down to a second desk through its downloader (body-downloader.ts: GET, hash
// check, kept in its body store), both through the desk host's relay that adds the token (desk-link.ts), the
// desks' RxDB and body stores on fake-indexeddb as in test/sync/attachment-bodies.test.ts, against a real
// server on PGlite. Baseline in the same run: the same 200 buffers PUT to and GET from a minimal node:http
// server that keeps them in a Map, one at a time with the same fetch, measured before and after the desks'
// transfers (their mean). Target: ratio ≥ 0.5 each way.

const PHOTOS = Number(process.env.ATTACHMENTS_BENCH_PHOTOS ?? 200);
const SIZE = Number(process.env.ATTACHMENTS_BENCH_BYTES ?? 500_000);
const PER_CASE = 20;
const MB = 1_000_000;

const photos = Array.from({ length: PHOTOS }, () => {
  const b = randomBytes(SIZE);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  // As the desk holds a body (an ArrayBuffer of its own), and as both clients send it.
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
});
const totalMB = (PHOTOS * SIZE) / MB;

/** Requests to the attachments route wait until `open()`: the events go up first, then the bodies are timed alone. */
function gate(): { fetch: typeof fetch; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return {
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (new URL(input instanceof Request ? input.url : String(input)).pathname.startsWith(ATTACHMENTS_BASE)) await opened;
      return fetch(input, init);
    }) as typeof fetch,
    open,
  };
}

interface BenchDesk {
  db: DeskDatabase;
  replication: DeskReplication;
  orgId: string;
  siteId: string;
  deskId: string;
  deskCode: string;
}

let counter = 0;
/** A desk joined to the server with its body store, as test/sync/sim-desk.ts joins one (without its fake network). */
async function joinDesk(serverUrl: string, code: string, network: typeof fetch): Promise<BenchDesk> {
  const db = await createDeskDatabase(`bench_bodies_${Date.now()}_${counter++}`, getRxStorageDexie({ indexedDB, IDBKeyRange }));
  const host = nodeDeskHost(network);
  const opts = { fetch: host.fetch, host: host.call, waitForLeadership: false, retryMs: 40, maxRetryMs: 300 };
  const enrolled = await joinServer(db, { serverUrl, code }, opts);
  await stopDeskSync();
  const connection = (await getServerConnection(db, { host: host.call }))!;
  bodyStoreFor(db, indexedDB);
  const replication = startDeskReplication(db, { ...connection, ...opts, orgId: enrolled.orgId, indexedDB });
  await replication.awaitInSync();
  return { db, replication, ...enrolled };
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The floor: a node:http server that keeps what is PUT in a Map and sends it back on GET; the same 200 buffers, one at a time. */
async function plainHttp(buffers: ArrayBuffer[] = photos): Promise<{ upMs: number; downMs: number }> {
  const kept = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method === 'PUT') {
        kept.set(req.url!, await readAll(req));
        res.writeHead(201).end();
      } else {
        const b = kept.get(req.url!);
        if (!b) res.writeHead(404).end();
        else res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': b.length }).end(b);
      }
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    let t0 = performance.now();
    for (const [i, b] of buffers.entries()) {
      const r = await fetch(`${base}/${i}`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: b });
      if (r.status !== 201) throw new Error(`plain PUT ${r.status}`);
    }
    const upMs = performance.now() - t0;
    t0 = performance.now();
    for (let i = 0; i < buffers.length; i++) {
      const got = await (await fetch(`${base}/${i}`)).arrayBuffer();
      if (got.byteLength !== SIZE) throw new Error('plain GET short');
    }
    return { upMs, downMs: performance.now() - t0 };
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

/** Time spent in the server's database calls, while `on` (the share of a transfer the storage takes). */
function timeQueries(server: RunningServer): { on: boolean; ms: number } {
  const spent = { on: false, ms: 0 };
  const query = server.db.query.bind(server.db);
  server.db.query = (async (...args: Parameters<typeof query>) => {
    const t0 = performance.now();
    try {
      return await query(...args);
    } finally {
      if (spent.on) spent.ms += performance.now() - t0;
    }
  }) as typeof query;
  // PGlite reads a body's bytes through readBytes (db/pglite.ts), beside query.
  const readBytes = server.db.readBytes?.bind(server.db);
  if (readBytes) {
    server.db.readBytes = async (...args: Parameters<typeof readBytes>) => {
      const t0 = performance.now();
      try {
        return await readBytes(...args);
      } finally {
        if (spent.on) spent.ms += performance.now() - t0;
      }
    };
  }
  return spent;
}

async function transfer(label: string, server: RunningServer): Promise<void> {
  const projectors: { stop(): Promise<void> }[] = [];
  const desks: BenchDesk[] = [];
  const spent = timeQueries(server);
  try {
    const before = await plainHttp();

    // Desk A attaches the photos (20 a case) with its attachment requests held back, so its events are on the
    // server before the first body is sent, as when a desk comes back online.
    const org = await createDemoOrg(server.db, { presetId: 's7-property', scope: 'org' });
    const held = gate();
    const a = await joinDesk(server.url, org.code, held.fetch);
    desks.push(a);
    projectors.push(await startProjector(a.db, undefined, Date.now, { waitForLeadership: false, settleMs: 50, log: () => undefined }));
    const config = await loadConfig(a.db);
    const policy = config.policies[0]!;
    const ctx: WriteContext = {
      orgId: a.orgId,
      siteId: a.siteId,
      deskId: a.deskId,
      actor: config.staff[0]!,
      policy,
      policyFor: (rev) => config.policies.find((p) => p.revision === rev),
    };
    const cases = Math.ceil(PHOTOS / PER_CASE);
    const registrations = generateDeskWork(1300, {
      orgId: a.orgId,
      siteId: a.siteId,
      deskId: a.deskId,
      deskCode: a.deskCode,
      actorIds: config.staff.map((s) => s.id),
      start: Date.now() - 86_400_000,
      days: 1,
      casesPerDay: cases,
      org: { policy, staff: config.staff },
    })
      .filter((e) => e.type === 'case.registered')
      .slice(0, cases);
    await a.db.events.bulkInsert(registrations);
    await eventually(async () => (await a.db.cases.count().exec()) === registrations.length, 60_000, 'the cases projected');
    const storeA = bodyStoreFor(a.db);
    for (const [i, bytes] of photos.entries()) {
      const r = await attachFile(
        a.db,
        ctx,
        registrations[Math.floor(i / PER_CASE)]!.caseId,
        { bytes, type: 'image/jpeg', name: `现场照片${i}.jpg` },
        { kind: 'evidence' },
      );
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
    }
    a.replication.resync();
    await a.replication.awaitInSync();
    const count = async (sql: string) => Number((await server.db.query<{ n: number }>(sql, [a.orgId]))[0]!.n);
    await eventually(
      async () => (await count("select count(*)::int as n from events where org_id = $1 and type = 'case.attachment_added'")) === PHOTOS,
      60_000,
      'the attachment events on the server',
    );

    // Upload: from opening the gate until the body store has marked every photo uploaded.
    let allUp!: () => void;
    const everyUpload = new Promise<void>((r) => (allUp = r));
    storeA.onChanged(() => void storeA.counts().then((c) => c.waiting === 0 && allUp()));
    spent.on = true;
    let t0 = performance.now();
    held.open();
    a.replication.bodies!.uploader.poke();
    await everyUpload;
    const upMs = performance.now() - t0;
    spent.on = false;
    const upDbMs = spent.ms;
    const uploaded = await count('select count(*)::int as n from attachment_bodies where org_id = $1');
    if (uploaded !== PHOTOS) throw new Error(`server holds ${uploaded} of ${PHOTOS} bodies`);

    // Download: a second desk of the organisation fetches every body by its hash, one after another.
    const { code } = await issueEnrolmentCode(server.db, { orgId: a.orgId, scope: 'org' });
    const b = await joinDesk(server.url, code, fetch);
    desks.push(b);
    const storeB = bodyStoreFor(b.db);
    const hashes = (await server.db.query<{ hash: string }>('select hash from attachment_bodies where org_id = $1 order by hash', [a.orgId])).map(
      (r) => r.hash,
    );
    spent.ms = 0;
    spent.on = true;
    t0 = performance.now();
    for (const hash of hashes) {
      const outcome = await b.replication.bodies!.download(hash, 'image/jpeg');
      if (outcome !== 'stored') throw new Error(`download ${hash}: ${outcome}`);
    }
    const downMs = performance.now() - t0;
    spent.on = false;
    const downDbMs = spent.ms;
    if ((await storeB.counts()).files !== PHOTOS) throw new Error('desk B does not hold every body');

    const after = await plainHttp();
    const plainUp = (before.upMs + after.upMs) / 2;
    const plainDown = (before.downMs + after.downMs) / 2;
    const rate = (ms: number) => Number((totalMB / (ms / 1000)).toFixed(1));
    const size = {
      photos: PHOTOS,
      bytesEach: SIZE,
      totalMB,
      plainRunsMBs: `${rate(before.upMs)} / ${rate(after.upMs)} up, ${rate(before.downMs)} / ${rate(after.downMs)} down`,
    };
    const ways = [
      { way: 'upload', verb: 'PUT', ms: upMs, plainMs: plainUp, dbMs: upDbMs },
      { way: 'download', verb: 'GET', ms: downMs, plainMs: plainDown, dbMs: downDbMs },
    ];
    for (const w of ways) {
      report({
        bench: `attachments.${w.way}.${label}`,
        figure: rate(w.ms),
        unit: 'MB/s',
        baseline: rate(w.plainMs),
        baselineLabel: `plain node:http ${w.verb} of the same ${PHOTOS} buffers, one at a time (mean of a run before and after)`,
        ratio: w.plainMs / w.ms,
        target: 'ratio ≥ 0.5',
        meetsTarget: w.plainMs / w.ms >= 0.5,
        extra: {
          ...size,
          seconds: Number((w.ms / 1000).toFixed(2)),
          msPerPhoto: Number((w.ms / PHOTOS).toFixed(1)),
          serverDbSeconds: Number((w.dbMs / 1000).toFixed(2)),
        },
      });
    }
  } finally {
    for (const p of projectors) await p.stop();
    for (const d of desks) {
      await d.replication.stop();
      await d.db.close();
    }
  }
}

// The plain server and fetch warmed up before anything is timed.
await plainHttp(photos.slice(0, 20));

// The embedded default as `npm run server` runs it: PGlite on a data folder. In memory (as the tests run it)
// every stored body grows PGlite's in-memory file by a copy, which a server on a folder never pays.
const liteDir = mkdtempSync(join(tmpdir(), 'jiesu-bench-bodies-'));
const lite = await startServer({ port: 0, dataDir: join(liteDir, 'data') });
try {
  await transfer('pglite', lite);
} finally {
  await lite.close();
  rmSync(liteDir, { recursive: true, force: true });
}

const pgdb = process.env.ATTACHMENTS_BENCH_PG === '0' ? undefined : await postgresUrl();
if (pgdb) {
  const server = await startServer({ databaseUrl: pgdb.url, port: 0, masterKey: randomBytes(32) });
  try {
    await transfer('postgres', server);
  } finally {
    await server.close();
    await pgdb.drop();
  }
} else {
  process.stderr.write('attachments bench: no PostgreSQL reachable (or ATTACHMENTS_BENCH_PG=0); skipped the PostgreSQL figures\n');
}
