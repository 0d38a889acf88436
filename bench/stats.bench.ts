import { findRepeatedProblems } from '../src-shared/analytics/repeated';
import { callInPage, launchChromium, startRendererDevServer } from '../test/helpers/browser';
import { medianOf, N, plainPass, statisticsPass, yearOfCases, YEAR_START } from './stats-data';
import { report } from './lib';

// Statistics for 100k cases over a year (issue 7): the analysis screen's whole computation, beside a
// baseline of one plain pass over the same cases in the same run — in Node, then in headless Chromium
// (where the desk runs it). Target ≤ 300 ms.

const { policy, cases } = yearOfCases();
let sink = 0;
const baseline = medianOf(() => (sink += plainPass(cases)));
const figure = medianOf(() => (sink += statisticsPass(policy, cases)));
const daily = medianOf(() => (sink += statisticsPass(policy, cases, 'day')));
const monthCases = cases.filter((c) => c.state.receivedAt < YEAR_START + 31 * 86_400_000).map((c) => c.state);
const repeated = medianOf(() => (sink += findRepeatedProblems(monthCases, { windowMs: 7 * 86_400_000 }).length), 3);

report({
  bench: 'stats.year-100k.node',
  figure: Math.round(figure * 10) / 10,
  unit: 'ms',
  baseline: Math.round(baseline * 100) / 100,
  baselineLabel: 'one plain pass over the same 100k cases',
  ratio: baseline / figure,
  target: '≤ 300 ms',
  meetsTarget: figure <= 300,
  extra: {
    cases: N,
    dailyTrendMs: Math.round(daily * 10) / 10,
    repeatedOneMonthMs: Math.round(repeated * 10) / 10,
    repeatedOneMonthCases: monthCases.length,
    sink: sink % 7,
  },
});

const { server, url } = await startRendererDevServer();
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  // A blank page of the same origin: the bench module is loaded through Vite, no desk UI runs beside it.
  await page.goto(`${url}@vite/client`);
  const r = await callInPage<{ figure: number; baseline: number; dailyTrend: number }>(page, 'bench/stats-data.ts', 'runInPage', []);
  report({
    bench: 'stats.year-100k.chromium',
    figure: Math.round(r.figure * 10) / 10,
    unit: 'ms',
    baseline: Math.round(r.baseline * 100) / 100,
    baselineLabel: 'one plain pass over the same 100k cases, same page',
    ratio: r.baseline / r.figure,
    target: '≤ 300 ms',
    meetsTarget: r.figure <= 300,
    extra: { cases: N, dailyTrendMs: Math.round(r.dailyTrend * 10) / 10 },
  });
} finally {
  await browser.close();
  await server.close();
}
