import { resolve } from 'node:path';
import { reportMedians } from './lib';
import { buildRenderer, launchChromium, startShell } from '../test/helpers/browser';
import { loadBenchEntry } from './bench-page';

// The intake's look-up of earlier cases (issue 11) in Chromium on real IndexedDB, for a place key many
// cases share (a hospital's 科室/病区): the desk's read (the key's index walked keys only, then the eight
// cases listed) beside reading every matching case as documents, alternated in the same run.

const TOTAL = Number(process.env.HISTORY_BENCH_TOTAL ?? 20_000);
const SAME_WARD = Number(process.env.HISTORY_BENCH_WARD ?? 3_000);
const ROUNDS = 9;

const rendererDir = await buildRenderer({ historyBench: resolve('bench/intake-history-bench-page.ts') });
const host = await startShell(rendererDir);
const origin = host.shell.url.replace(/\/$/, '');
const browser = await launchChromium();
try {
  const page = await (await browser.newContext()).newPage();
  await loadBenchEntry(page, origin, rendererDir, 'historyBench');
  await page.waitForFunction(() => window.historyBench !== undefined, undefined, { timeout: 120_000 });
  const profile = `bench_history_${Date.now()}`;
  await page.evaluate(([p, t, w]) => window.historyBench!.seed(p, t, w), [profile, TOTAL, SAME_WARD] as const);
  const ab = await page.evaluate(([p, r]) => window.historyBench!.lookupAB(p, r), [profile, ROUNDS] as const);
  reportMedians(
    {
      bench: 'intake.earlier-cases.broad-place',
      unit: 'ms',
      baselineLabel: 'every matching case read as documents (RxDB query), alternated in the same run',
      target: 'under the 250 ms typing pause',
      extra: { cases: TOTAL, matching: ab.total, rounds: ROUNDS },
    },
    ab.keys,
    ab.documents,
  );
} finally {
  await browser.close();
  await host.shell.close();
}
