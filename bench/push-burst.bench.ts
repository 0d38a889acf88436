import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile, report } from './lib';
import { eventsFor } from './desk-work';
import { postgresUrl } from './postgres';
import { openDatabase } from '../src-server/db/open';
import type { Database } from '../src-server/db/types';
import { createDemoOrg } from '../src-server/demo';
import { issueEnrolmentCode } from '../src-server/orgs';
import { enrol, push } from '../test/server/client';
import type { CaseEvent } from '../src-shared/domain/events';
import type { EnrolResponse } from '../src-shared/sync/contract';
import { CHANGES_CHANNEL, type ChangeNotice } from '../src-server/sync/scope';

// 100 desks pushing at once on PostgreSQL (issue 14 item 2), every desk its own batches one after another:
// (a) all 100 in one organisation, (b) spread over 10 organisations of 10 — beside one desk alone pushing
// the same batches, measured in the same round. The servers run in processes of their own (burst-server.ts),
// as in production, so the desks' client work here does not share the server's thread. Each round measures
// the bursts on one server process and on two server processes on the same database (docs/operations.md §3),
// the desks split evenly over the two addresses as a balancer spreads connections, alternating which goes
// first, so the machine's load weighs on both alike. Both write with group commit (sync/group-commit.ts);
// BENCH_BURST_ONE_TX=1 adds a third, one server process writing one transaction per push (the write before it).
// Target: p99 ≤ 300 ms and total ≥ 3× one desk alone.
// BENCH_BURST_ROUNDS (3), BENCH_BURST_DESKS (100), BENCH_BURST_BATCHES (10 per desk), BENCH_BURST_BATCH (50 events).

const ROUNDS = Number(process.env.BENCH_BURST_ROUNDS ?? 3);
const DESKS = Number(process.env.BENCH_BURST_DESKS ?? 100);
const BATCHES = Number(process.env.BENCH_BURST_BATCHES ?? 10);
const BATCH = Number(process.env.BENCH_BURST_BATCH ?? 50);
const ORGS_SPREAD = 10;

type Mode = 'one-process' | 'two-processes' | 'one-transaction-per-push';
const MODES: Mode[] = ['one-process', 'two-processes', ...(process.env.BENCH_BURST_ONE_TX === '1' ? (['one-transaction-per-push'] as const) : [])];

interface Burst {
  p50: number;
  p99: number;
  eventsPerSecond: number;
  /** Change notices of the burst's organisations: one per committed transaction that stored events. */
  commits: number;
}
interface ServerProcess {
  url: string;
  child: ChildProcess;
}
type Desk = { desk: EnrolResponse; work: CaseEvent[] };

const loadAverage = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
const here = dirname(fileURLToPath(import.meta.url));

/** Starts one burst-server.ts process; resolves with its address once it listens. */
function spawnServer(databaseUrl: string, masterKey: string, groupCommit: boolean): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'burst-server.ts')], {
    env: { ...process.env, BURST_DATABASE_URL: databaseUrl, BURST_MASTER_KEY: masterKey, BURST_GROUP_COMMIT: groupCommit ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`burst server exited with ${code} before it listened`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('ready ')) resolve({ url: line.slice(6), child });
    });
  });
}

function stopServer(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });
}

/** `count` desks enrolled in each of `orgs` new organisations, with their work. */
async function enrolDesks(db: Database, url: string, orgs: number, count: number, seed: number): Promise<Desk[]> {
  const out: Desk[] = [];
  for (let o = 0; o < orgs; o++) {
    const org = await createDemoOrg(db, { presetId: 'starter', name: `突发单位${seed}-${o}` });
    for (let i = 0; i < count; i++) {
      const code = i === 0 ? org.code : (await issueEnrolmentCode(db, { orgId: org.orgId, scope: 'org' })).code;
      const desk = await enrol(url, code);
      out.push({ desk, work: eventsFor(desk, org.staffIds, BATCHES * BATCH, seed + out.length, 2) });
    }
  }
  return out;
}

/** Every desk pushes its batches one after another, all desks at once; desk i through urls[i % urls.length]. */
async function burst(db: Database, urls: string[], desks: Desk[]): Promise<Burst> {
  const orgs = new Set(desks.map((d) => d.desk.orgId));
  const end = `end-${randomBytes(4).toString('hex')}`;
  let commits = 0;
  let ended: () => void = () => undefined;
  const allHeard = new Promise<void>((resolve) => (ended = resolve));
  const unlisten = await db.listen(CHANGES_CHANNEL, (payload) => {
    const notice = JSON.parse(payload) as ChangeNotice;
    if (notice.orgId === end) ended();
    else if (notice.collection === 'events' && orgs.has(notice.orgId)) commits++;
  });
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    desks.map(async ({ desk, work }, i) => {
      const url = urls[i % urls.length]!;
      for (let b = 0; b < BATCHES; b++) {
        const s = performance.now();
        const r = await push(url, desk.token, 'events', work.slice(b * BATCH, (b + 1) * BATCH));
        if (r.status !== 200 || r.body.length) throw new Error(`push ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
        latencies.push(performance.now() - s);
      }
    }),
  );
  const wall = performance.now() - t0;
  // Notices arrive in commit order: once this one is heard, every notice of the burst has been.
  await db.notify(CHANGES_CHANNEL, JSON.stringify({ orgId: end, collection: 'events', seq: 0 }));
  await allHeard;
  await unlisten();
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), eventsPerSecond: (desks.length * BATCHES * BATCH) / (wall / 1000), commits };
}

const round1 = (n: number) => Number(n.toFixed(1));

const pgdb = await postgresUrl();
if (!pgdb) {
  process.stderr.write('push-burst bench: no PostgreSQL reachable (DATABASE_URL_TEST); nothing measured\n');
} else {
  const masterKey = randomBytes(32).toString('hex');
  const started: ServerProcess[] = [];
  let db: Database | undefined;
  try {
    // One after another: the first creates the schema and the data key, the others find them.
    const first = await spawnServer(pgdb.url, masterKey, true);
    started.push(first);
    const second = await spawnServer(pgdb.url, masterKey, true);
    started.push(second);
    const oneTx = MODES.includes('one-transaction-per-push') ? await spawnServer(pgdb.url, masterKey, false) : undefined;
    if (oneTx) started.push(oneTx);
    const urls: Record<Mode, string[]> = {
      'one-process': [first.url],
      'two-processes': [first.url, second.url],
      'one-transaction-per-push': oneTx ? [oneTx.url] : [],
    };
    const admin = await openDatabase({ databaseUrl: pgdb.url });
    db = admin;
    const results: { mode: Mode; scenario: string; burst: Burst; alone: Burst }[] = [];
    // Warm-up (not reported): the first burst of a process pays for compiling its code paths.
    for (const url of started.map((s) => s.url)) await burst(admin, [url], await enrolDesks(admin, url, 1, 10, 99_000));
    for (let round = 0; round < ROUNDS; round++) {
      const modes = round % 2 === 0 ? MODES : [...MODES].reverse();
      for (const mode of modes) {
        const seed = 1000 * (round * MODES.length + modes.indexOf(mode) + 1);
        const through = urls[mode];
        // Each burst beside its baseline: one desk alone, in an organisation of its own, the same batches just before,
        // through the first address.
        const scenarios = [
          { scenario: 'one-org', desks: await enrolDesks(admin, through[0]!, 1, DESKS, seed), lonely: await enrolDesks(admin, through[0]!, 1, 1, seed + 800) },
          {
            scenario: 'ten-orgs',
            desks: await enrolDesks(admin, through[0]!, ORGS_SPREAD, DESKS / ORGS_SPREAD, seed + 400),
            lonely: await enrolDesks(admin, through[0]!, 1, 1, seed + 900),
          },
        ];
        for (const { scenario, desks, lonely } of scenarios) {
          const alone = await burst(admin, [through[0]!], lonely);
          const loadBefore = loadAverage();
          const measured = await burst(admin, through, desks);
          results.push({ mode, scenario, burst: measured, alone });
          report({
            bench: `sync.push-burst.${scenario}.round`,
            figure: Math.round(measured.eventsPerSecond),
            unit: 'events/s',
            baseline: Math.round(alone.eventsPerSecond),
            baselineLabel: `one desk alone pushing ${BATCHES} batches of ${BATCH}`,
            ratio: measured.eventsPerSecond / alone.eventsPerSecond,
            extra: {
              mode,
              round: round + 1,
              desks: desks.length,
              organisations: scenario === 'one-org' ? 1 : ORGS_SPREAD,
              p50Ms: round1(measured.p50),
              p99Ms: round1(measured.p99),
              aloneP50Ms: round1(alone.p50),
              pushes: desks.length * BATCHES,
              commits: measured.commits,
              loadAverage: `${loadBefore}→${loadAverage()}`,
            },
          });
        }
      }
    }
    for (const mode of MODES)
      for (const scenario of ['one-org', 'ten-orgs']) {
        const rows = results.filter((r) => r.mode === mode && r.scenario === scenario);
        const med = (f: (r: (typeof rows)[number]) => number) => percentile(rows.map(f), 50);
        const rate = med((r) => r.burst.eventsPerSecond);
        const aloneRate = med((r) => r.alone.eventsPerSecond);
        const p99 = med((r) => r.burst.p99);
        report({
          bench: `sync.push-burst.${scenario}`,
          figure: Math.round(rate),
          unit: 'events/s',
          baseline: Math.round(aloneRate),
          baselineLabel: `one desk alone pushing ${BATCHES} batches of ${BATCH} (median of ${rows.length} rounds)`,
          ratio: rate / aloneRate,
          target: 'p99 ≤ 300 ms and total ≥ 3× one desk alone',
          meetsTarget: p99 <= 300 && rate >= 3 * aloneRate,
          extra: {
            mode,
            serverProcesses: urls[mode].length,
            desks: DESKS,
            organisations: scenario === 'one-org' ? 1 : ORGS_SPREAD,
            batchesPerDesk: BATCHES,
            batchSize: BATCH,
            p50Ms: round1(med((r) => r.burst.p50)),
            p99Ms: round1(p99),
            aloneP50Ms: round1(med((r) => r.alone.p50)),
            pushesPerCommit: round1(med((r) => (DESKS * BATCHES) / r.burst.commits)),
            rounds: rows.length,
          },
        });
      }
  } finally {
    await db?.close();
    await Promise.all(started.map(stopServer));
    await pgdb.drop();
  }
}
