import { resolve } from 'node:path';
import { percentile, report } from './lib';
import { buildRenderer, launchChromium, startShell } from '../test/helpers/browser';
import { loadBenchEntry } from './bench-page';

// Issue 15: what the run-time check of "cases = fold(events)" costs on a desk with 50k cases, in Chromium
// on real IndexedDB (the desk's own storage; seeded as bench/desk.bench.ts seeds: 50k cases, 500 open,
// one or two events each). The figure is the reconciliation pass as the desk runs it at start-up, after
// each burst of pulls and from settings (projection-runner.ts: catch up from the checkpoint, compare
// per-case event counts — reconcile.ts — rebuild nothing when nothing differs); the baseline is reading
// the same 50k case documents once through the desk's storage. Rounds alternate the two.

const TOTAL = Number(process.env.RECONCILE_BENCH_TOTAL ?? 50_000);
const OPEN = 500;
const ROUNDS = Number(process.env.RECONCILE_BENCH_ROUNDS ?? 5);
const DAMAGED = 100;

const rendererDir = await buildRenderer({ deskBench: resolve('bench/desk-bench-page.ts'), reconcileBench: resolve('bench/reconcile-bench-page.ts') });
const host = await startShell(rendererDir);
const origin = host.shell.url.replace(/\/$/, '');
const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });

async function entry(name: string, global: 'deskBench' | 'reconcileBench') {
  const page = await context.newPage();
  // A same-origin page that does not boot the desk, so the bench owns the databases it opens.
  await loadBenchEntry(page, origin, rendererDir, name);
  await page.waitForFunction((g) => (window as unknown as Record<string, unknown>)[g] !== undefined, global, { timeout: 120_000 });
  return page;
}

try {
  const profile = `bench_reconcile_${Date.now()}`;
  const seedPage = await entry('deskBench', 'deskBench');
  const seeded = await seedPage.evaluate(([p, t, o]) => window.deskBench!.seed(p, t, o), [profile, TOTAL, OPEN] as const);
  await seedPage.close();
  const page = await entry('reconcileBench', 'reconcileBench');
  const r = await page.evaluate(([p, n, d]) => window.reconcileBench!(p, n, d), [profile, ROUNDS, DAMAGED] as const);
  const med = (xs: number[]) => Number(percentile(xs, 50).toFixed(1));
  report({
    bench: 'projection.reconcile-pass',
    figure: med(r.pass),
    unit: 'ms',
    baseline: med(r.readAll),
    baselineLabel: `read all ${r.cases} case documents once (one query through the desk's storage instance)`,
    ratio: med(r.readAll) / med(r.pass),
    target: 'cheap enough to run at start-up and after every burst of pulls',
    extra: {
      cases: r.cases,
      events: r.events,
      rounds: ROUNDS,
      eventCountsMs: med(r.eventCounts),
      caseCountsMs: med(r.caseCounts),
      findDriftMs: med(r.drift),
      passMaxMs: Number(Math.max(...r.pass).toFixed(1)),
      // The main thread's long tasks (over 50 ms) during all rounds of the pass: how many, the longest.
      passLongTasks: r.longTasks.length,
      passLongestTaskMs: Math.round(Math.max(0, ...r.longTasks)),
      seedMs: Math.round(seeded.ms),
      firstStartCatchUpMs: Math.round(r.catchUpMs),
    },
  });
  report({
    bench: 'projection.reconcile-repair',
    figure: Number(r.repair.ms.toFixed(1)),
    unit: 'ms',
    baseline: med(r.pass),
    baselineLabel: 'the same pass with nothing to repair',
    ratio: med(r.pass) / r.repair.ms,
    extra: { cases: r.cases, missing: r.repair.report.missing, repaired: r.repair.report.repaired },
  });
} finally {
  await browser.close();
  await host.shell.close();
}
