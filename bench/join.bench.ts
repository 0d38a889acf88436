import { resolve } from 'node:path';
import { percentile, report } from './lib';
import { buildRenderer, builtAsset, launchChromium, startShell } from '../test/helpers/browser';

// Issue 14 item 1: projecting pulled events on a desk, in Chromium on real IndexedDB. Figures: the fold of a
// whole pulled history (a new desk's first projection) and the incremental projection of a freshly pulled
// page; baseline in the same run: bulk-inserting the fold's case documents into an empty store.

const CASES = Number(process.env.JOIN_BENCH_CASES ?? 10_000);
const PER_CASE = Number(process.env.JOIN_BENCH_PER_CASE ?? 5);
const OPEN = Number(process.env.JOIN_BENCH_OPEN ?? 500);
const ROUNDS = Number(process.env.JOIN_BENCH_ROUNDS ?? 3);
const PAGE = Number(process.env.JOIN_BENCH_PAGE ?? 5000);

const rendererDir = await buildRenderer({ joinBench: resolve('bench/join-bench-page.ts') });
const host = await startShell(rendererDir);
const origin = host.shell.url.replace(/\/$/, '');
const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });

async function entry() {
  const page = await context.newPage();
  const url = `${origin}${builtAsset(rendererDir, 'joinBench')}`;
  // A same-origin page that does not boot the desk, so the bench owns the databases it opens.
  await page.goto(url);
  await page.addScriptTag({ type: 'module', url });
  await page.waitForFunction(() => window.joinBench !== undefined, undefined, { timeout: 120_000 });
  return page;
}

try {
  const profile = `bench_join_${Date.now()}`;
  const page = await entry();
  page.on('console', (m) => process.stderr.write(`${m.text()}\n`));
  const seeded = await page.evaluate(([p, c, n, o]) => window.joinBench!.seedEvents(p, c, n, o), [profile, CASES, PER_CASE, OPEN] as const);
  const r = await page.evaluate(([p, rounds, n]) => window.joinBench!.foldBench(p, rounds, n), [profile, ROUNDS, PAGE] as const);
  const med = (xs: number[]) => percentile(xs, 50);
  const projectMs = r.pageMs.map((t, i) => t - r.pageInsertMs[i]!);
  report({
    bench: 'join.project-page',
    figure: Math.round(r.pageEvents / (med(projectMs) / 1000)),
    unit: 'events/s',
    baseline: Math.round(r.pageEvents / (med(r.pageInsertMs) / 1000)),
    baselineLabel: `writing the same ${r.pageEvents} pulled events into the store (replication's part)`,
    ratio: med(r.pageInsertMs) / med(projectMs),
    target: '≥ 50k events/s in Chromium',
    meetsTarget: r.pageEvents / (med(projectMs) / 1000) >= 50_000,
    extra: { pageEvents: r.pageEvents, projectMs: Math.round(med(projectMs)), rounds: ROUNDS, storeCases: r.cases, storeEvents: r.events },
  });
  report({
    bench: 'join.fold-history',
    figure: Math.round(r.foldMs),
    unit: 'ms',
    baseline: Math.round(r.insertMs),
    baselineLabel: `bulk-inserting the fold's ${r.cases} case documents into an empty store`,
    ratio: r.insertMs / r.foldMs,
    extra: { cases: r.cases, events: r.events, eventsPerSecond: Math.round(r.events / (r.foldMs / 1000)), seedMs: Math.round(seeded.ms) },
  });
} finally {
  await browser.close();
  await host.shell.close();
}
