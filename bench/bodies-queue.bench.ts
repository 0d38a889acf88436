import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { percentile, report } from './lib';
import { queueColdRender } from './queue-cold-render';
import { buildRenderer, CHROMIUM_ARGS, startShell } from '../test/helpers/browser';
import { loadBenchEntry } from './bench-page';

// Issue 13 "Measure": a desk store holding 2 GB of attachment bodies opens on its queue as fast as one
// holding none. Chromium on real IndexedDB, the production build served by the browser shell. Two desks
// with the same cases (BODIES_QUEUE_CASES, 500 of them open); one also keeps BODIES_QUEUE_MB of bodies of
// 512 kB each in its body store. A fresh tab, signed in, straight to the queue, until it counts the 500
// open cases (queue-cold-render.ts), from navigation; the two desks alternated, median of the rounds.

const CASES = Number(process.env.BODIES_QUEUE_CASES ?? 5_000);
const OPEN = 500;
const MB = Number(process.env.BODIES_QUEUE_MB ?? 2_048);
const EACH = 512 * 1024;
const ROUNDS = Number(process.env.BODIES_QUEUE_ROUNDS ?? 5);

const rendererDir = await buildRenderer({ deskBench: resolve('bench/desk-bench-page.ts') });
const host = await startShell(rendererDir);
const origin = host.shell.url.replace(/\/$/, '');
// A profile on disk, as the desk's own window has: a browser context of `newContext` is off the record, its
// IndexedDB held in memory under a quota far below 2 GB.
const profileDir = mkdtempSync(join(tmpdir(), 'jiesu-bench-profile-'));
const context = await chromium.launchPersistentContext(profileDir, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [...CHROMIUM_ARGS],
  viewport: { width: 1440, height: 900 },
});

try {
  const benchPage = await context.newPage();
  await loadBenchEntry(benchPage, origin, rendererDir, 'deskBench');
  await benchPage.waitForFunction(() => window.deskBench !== undefined, undefined, { timeout: 120_000 });
  const stamp = Date.now();
  const heavy = `bench_bodies_${stamp}`;
  const light = `bench_nobodies_${stamp}`;
  const staff: Record<string, string> = {};
  for (const p of [heavy, light]) staff[p] = (await benchPage.evaluate(([d, t, o]) => window.deskBench!.seed(d, t, o), [p, CASES, OPEN] as const)).staffId;
  const filled = await benchPage.evaluate(([p, t, e]) => window.deskBench!.fillBodies(p, t, e), [heavy, MB * 1024 * 1024, EACH] as const);
  await benchPage.close();

  // Each desk has its own clerk: the tab signs in as the one of the desk it opens (?desk=…).
  await context.addInitScript(`sessionStorage.setItem('jiesu.staff', (${JSON.stringify(staff)})[new URLSearchParams(location.search).get('desk')] ?? '')`);
  // A first load of each, untimed: the browser's own caches (the bundle, the fonts) warm for both alike.
  for (const p of [light, heavy]) await queueColdRender(context, origin, p, OPEN);
  const withBodies: number[] = [];
  const without: number[] = [];
  const afterStart: Record<'with' | 'without', number[]> = { with: [], without: [] };
  for (let round = 0; round < ROUNDS * 2; round++) {
    const bodies = round % 2 === 0;
    const load = await queueColdRender(context, origin, bodies ? heavy : light, OPEN);
    (bodies ? withBodies : without).push(load.fromNavigationMs);
    afterStart[bodies ? 'with' : 'without'].push(load.fromDeskStartMs);
  }
  const figure = percentile(withBodies, 50);
  const baseline = percentile(without, 50);
  report({
    bench: 'attachments.queue-beside-bodies',
    figure: Math.round(figure),
    unit: 'ms',
    baseline: Math.round(baseline),
    baselineLabel: 'the same queue of a desk with the same cases and no bodies, alternated in the same run',
    ratio: baseline / figure,
    target: 'unchanged (ratio ≥ 0.9)',
    meetsTarget: baseline / figure >= 0.9,
    extra: {
      cases: CASES,
      open: OPEN,
      bodiesMB: Math.round(filled.bytes / 1024 / 1024),
      bodyFiles: filled.files,
      fillSeconds: Math.round(filled.ms / 1000),
      rounds: ROUNDS,
      fromDeskStartMs: Math.round(percentile(afterStart.with, 50)),
      baselineFromDeskStartMs: Math.round(percentile(afterStart.without, 50)),
      maxMs: Math.round(Math.max(...withBodies)),
      baselineMaxMs: Math.round(Math.max(...without)),
    },
  });
} finally {
  await context.close();
  await host.shell.close();
  rmSync(profileDir, { recursive: true, force: true });
}
