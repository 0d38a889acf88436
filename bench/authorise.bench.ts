import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { report } from './lib';
import { startServer } from '../src-server/server';
import { createDemoOrg } from '../src-server/demo';
import { enrol, push } from '../test/server/client';
import { generateDeskWork } from '../test/sync/fixtures';
import type { CaseEvent } from '../src-shared/domain/events';
import { compareEvents } from '../src-shared/domain/projection';

// Push throughput with the server's authorisation of every event (src-server/sync/authorise.ts, issue 10)
// beside the same push with it off, in the same run: PGlite servers, the same events, pushed as a desk
// does: in the order they were written (a case's later events come in later pushes, on top of its history
// on the server) and 200 a request (the desk's push batch, src-renderer/data/replication.ts). Until
// 2026-12 the bench pushed each case's events together, 500 a request: no pushed case ever had stored
// history, so the authoriser's reads and folds of stored events were never measured.
// Targets: ratio ≥ 0.7, ≥ 5k events/s authorised.

const N = Number(process.env.BENCH_AUTHORISE_EVENTS ?? 30_000);
const BATCH = Number(process.env.BENCH_AUTHORISE_BATCH ?? 200);

/** Events/s of the push, and its CPU time per 1,000 events (the process's: server and client alike), which the machine's other work moves less. */
async function pushRate(authorise: boolean): Promise<{ rate: number; cpu: number }> {
  const server = await startServer({ port: 0, logger: false, sync: { authorise } });
  try {
    const org = await createDemoOrg(server.db);
    const desk = await enrol(server.url, org.code);
    const events: CaseEvent[] = [];
    for (let chunk = 0; events.length < N; chunk++) {
      events.push(
        ...generateDeskWork(chunk, { ...desk, actorIds: org.staffIds, start: Date.UTC(2025, 0, 1) + chunk * 20 * 86_400_000, days: 20, casesPerDay: 100 }),
      );
    }
    // As written: by time, so a case registered today is accepted in this push and resolved in a later one.
    const batch = events.slice(0, N).sort(compareEvents);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < batch.length; i += BATCH) {
      const r = await push(server.url, desk.token, 'events', batch.slice(i, i + BATCH));
      if (r.status !== 200 || r.body.length) throw new Error(`push failed: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    }
    const rate = batch.length / ((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    return { rate, cpu: (c.user + c.system) / 1000 / (batch.length / 1000) };
  } finally {
    await server.close();
  }
}

// Off first, then on, then off again: the baseline is the better of the two, so warm-up favours neither side.
const off1 = await pushRate(false);
const on = await pushRate(true);
const off2 = await pushRate(false);
const baseline = Math.max(off1.rate, off2.rate);
const baselineCpu = Math.min(off1.cpu, off2.cpu);
report({
  bench: 'sync.push.authorised',
  figure: Math.round(on.rate),
  unit: 'events/s',
  baseline: Math.round(baseline),
  baselineLabel: 'the same push with authorisation off',
  ratio: on.rate / baseline,
  target: 'ratio ≥ 0.7 and ≥ 5000 events/s on PGlite',
  meetsTarget: on.rate / baseline >= 0.7 && on.rate >= 5000,
  extra: {
    events: N,
    batch: BATCH,
    cpuMsPer1000On: Math.round(on.cpu),
    cpuMsPer1000Off: Math.round(baselineCpu),
    cpuRatio: Number((baselineCpu / on.cpu).toFixed(3)),
    loadAverage: loadavg()[0]!.toFixed(1),
  },
});
