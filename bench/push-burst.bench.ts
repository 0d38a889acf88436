import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { percentile, report } from './lib';
import { eventsFor } from './desk-work';
import { postgresUrl } from './postgres';
import { startServer, type RunningServer } from '../src-server/server';
import { createDemoOrg } from '../src-server/demo';
import { issueEnrolmentCode } from '../src-server/orgs';
import { enrol, push } from '../test/server/client';
import type { CaseEvent } from '../src-shared/domain/events';
import type { EnrolResponse } from '../src-shared/sync/contract';
import { CHANGES_CHANNEL, type ChangeNotice } from '../src-server/sync/scope';

// 100 desks pushing at once on PostgreSQL (issue 14 item 2), every desk its own batches one after another:
// (a) all 100 in one organisation, (b) spread over 10 organisations of 10 — beside one desk alone pushing
// the same batches, measured in the same round. Each round runs the three on the server as it is (group
// commit, sync/group-commit.ts) and on a second server on the same database with `groupCommit: false` (one
// transaction per push, as before), alternating which goes first, so the machine's load weighs on both
// alike. Target: p99 ≤ 300 ms and total ≥ 3× one desk alone.
// BENCH_BURST_ROUNDS (3), BENCH_BURST_DESKS (100), BENCH_BURST_BATCHES (10 per desk), BENCH_BURST_BATCH (50 events).

const ROUNDS = Number(process.env.BENCH_BURST_ROUNDS ?? 3);
const DESKS = Number(process.env.BENCH_BURST_DESKS ?? 100);
const BATCHES = Number(process.env.BENCH_BURST_BATCHES ?? 10);
const BATCH = Number(process.env.BENCH_BURST_BATCH ?? 50);
const ORGS_SPREAD = 10;

type Mode = 'group-commit' | 'one-transaction-per-push';
interface Burst {
  p50: number;
  p99: number;
  eventsPerSecond: number;
  /** Change notices of the burst's organisations: one per committed transaction that stored events. */
  commits: number;
}

const loadAverage = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

/** `count` desks enrolled in each of `orgs` new organisations, with their work. */
async function enrolDesks(server: RunningServer, orgs: number, count: number, seed: number): Promise<{ desk: EnrolResponse; work: CaseEvent[] }[]> {
  const out: { desk: EnrolResponse; work: CaseEvent[] }[] = [];
  for (let o = 0; o < orgs; o++) {
    const org = await createDemoOrg(server.db, { presetId: 'starter', name: `突发单位${seed}-${o}` });
    for (let i = 0; i < count; i++) {
      const code = i === 0 ? org.code : (await issueEnrolmentCode(server.db, { orgId: org.orgId, scope: 'org' })).code;
      const desk = await enrol(server.url, code);
      out.push({ desk, work: eventsFor(desk, org.staffIds, BATCHES * BATCH, seed + out.length, 2) });
    }
  }
  return out;
}

/** Every desk pushes its batches one after another, all desks at once. */
async function burst(server: RunningServer, desks: { desk: EnrolResponse; work: CaseEvent[] }[]): Promise<Burst> {
  const orgs = new Set(desks.map((d) => d.desk.orgId));
  const end = `end-${randomBytes(4).toString('hex')}`;
  let commits = 0;
  let ended: () => void = () => undefined;
  const allHeard = new Promise<void>((resolve) => (ended = resolve));
  const unlisten = await server.db.listen(CHANGES_CHANNEL, (payload) => {
    const notice = JSON.parse(payload) as ChangeNotice;
    if (notice.orgId === end) ended();
    else if (notice.collection === 'events' && orgs.has(notice.orgId)) commits++;
  });
  const url = server.url;
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    desks.map(async ({ desk, work }) => {
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
  await server.db.notify(CHANGES_CHANNEL, JSON.stringify({ orgId: end, collection: 'events', seq: 0 }));
  await allHeard;
  await unlisten();
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), eventsPerSecond: (desks.length * BATCHES * BATCH) / (wall / 1000), commits };
}

const round1 = (n: number) => Number(n.toFixed(1));

const pgdb = await postgresUrl();
if (!pgdb) {
  process.stderr.write('push-burst bench: no PostgreSQL reachable (DATABASE_URL_TEST); nothing measured\n');
} else {
  const servers: Record<Mode, RunningServer> = {
    'group-commit': await startServer({ databaseUrl: pgdb.url, port: 0, masterKey: randomBytes(32) }),
    'one-transaction-per-push': await startServer({ databaseUrl: pgdb.url, port: 0, masterKey: randomBytes(32), sync: { groupCommit: false } }),
  };
  const results: { mode: Mode; scenario: string; burst: Burst; alone: Burst }[] = [];
  try {
    // Warm-up (not reported): the first burst of a process pays for compiling its code paths.
    for (const server of Object.values(servers)) await burst(server, await enrolDesks(server, 1, 10, 99_000));
    for (let round = 0; round < ROUNDS; round++) {
      const modes: Mode[] = round % 2 === 0 ? ['group-commit', 'one-transaction-per-push'] : ['one-transaction-per-push', 'group-commit'];
      for (const mode of modes) {
        const server = servers[mode];
        const seed = 1000 * (round * 2 + modes.indexOf(mode) + 1);
        // Each burst beside its baseline: one desk alone, in an organisation of its own, the same batches just before.
        const scenarios = [
          { scenario: 'one-org', desks: await enrolDesks(server, 1, DESKS, seed), lonely: await enrolDesks(server, 1, 1, seed + 800) },
          {
            scenario: 'ten-orgs',
            desks: await enrolDesks(server, ORGS_SPREAD, DESKS / ORGS_SPREAD, seed + 400),
            lonely: await enrolDesks(server, 1, 1, seed + 900),
          },
        ];
        for (const { scenario, desks, lonely } of scenarios) {
          const alone = await burst(server, lonely);
          const loadBefore = loadAverage();
          const measured = await burst(server, desks);
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
    for (const mode of Object.keys(servers) as Mode[])
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
    for (const server of Object.values(servers)) await server.close();
    await pgdb.drop();
  }
}
