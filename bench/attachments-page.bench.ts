import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { percentile, report } from './lib';
import { buildRenderer, launchChromium, startShell } from '../test/helpers/browser';
import { loadBenchEntry } from './bench-page';

// Issue 13 "Measure": the case page with 50 photo thumbnails, first render, in Chromium on real IndexedDB
// (the production build served by the browser shell, as bench/desk.bench.ts), until every thumbnail's <img> is
// decoded (complete, with a width). Two figures, each beside the same page of a case with no attachments (until
// its 附件 card shows 暂无附件), the two alternated, median of the rounds; target ≤ 500 ms:
// 1. a fresh tab, signed in, straight to the case: from the desk's start (`jiesu:start`), so the figure carries
//    the desk's own start (opening its databases) as well as the case;
// 2. a running desk: from the click on the case's number in the queue, what a clerk opening a case waits for.

const PHOTOS = Number(process.env.ATTACHMENTS_PAGE_PHOTOS ?? 50);
const ROUNDS = Number(process.env.ATTACHMENTS_PAGE_ROUNDS ?? 5);
const WIDTH = 1600;
const HEIGHT = 1200;

type Rounds = { withPhotos: number[]; without: number[]; imgs: number[]; card: number[] };

/**
 * Until the case page shows its files: every thumbnail's <img> decoded (complete, with a width), or for a case
 * without files the 附件 card's 暂无附件; timed from the desk's start (`jiesu:start`) or from the last click.
 * `cardMs`: when the card held every file (names, kinds, labels), before any thumbnail was read; `imgsMs`: when
 * the last <img> appeared (every thumbnail read from the body store and given an object URL), before decoding.
 */
async function caseShown(page: Page, n: number, from: 'start' | 'click'): Promise<{ ms: number; cardMs: number; imgsMs: number }> {
  await page.evaluate(() => {
    const w = window as { cardAt?: number; imgsAt?: number };
    delete w.cardAt;
    delete w.imgsAt;
  });
  const done = await page.waitForFunction(
    ([count, origin]) => {
      const w = window as { cardAt?: number; imgsAt?: number; clickAt?: number };
      const t0 = origin === 'click' ? (w.clickAt ?? 0) : (performance.getEntriesByName('jiesu:start')[0]?.startTime ?? 0);
      if (count === 0) return document.querySelector('[data-testid=attachments-empty]') ? { ms: performance.now() - t0, cardMs: 0, imgsMs: 0 } : false;
      if (document.querySelectorAll('[data-testid=attachment]').length === count) w.cardAt ??= performance.now() - t0;
      const imgs = [...document.querySelectorAll<HTMLImageElement>('[data-testid=attachment-thumb] img')];
      if (imgs.length === count) w.imgsAt ??= performance.now() - t0;
      return imgs.length === count && imgs.every((i) => i.complete && i.naturalWidth > 0)
        ? { ms: performance.now() - t0, cardMs: w.cardAt ?? 0, imgsMs: w.imgsAt ?? 0 }
        : false;
    },
    [n, from] as const,
    { polling: 'raf', timeout: 120_000 },
  );
  return (await done.jsonValue()) as { ms: number; cardMs: number; imgsMs: number };
}

function reportFigure(bench: string, r: Rounds, from: string, seeded: { bytes: number; ms: number }): void {
  const figure = percentile(r.withPhotos, 50);
  const baseline = percentile(r.without, 50);
  report({
    bench,
    figure: Math.round(figure),
    unit: 'ms',
    baseline: Math.round(baseline),
    baselineLabel: `the same case page of a case without attachments (附件 card empty), ${from}, alternated in the same run`,
    ratio: baseline / figure,
    target: '≤ 500 ms',
    meetsTarget: figure <= 500,
    extra: {
      photos: PHOTOS,
      photoPixels: `${WIDTH}×${HEIGHT}`,
      photoBytesMean: Math.round(seeded.bytes / Math.max(1, PHOTOS)),
      rounds: ROUNDS,
      allImgElementsMs: Math.round(percentile(r.imgs, 50)),
      cardWithAllFilesMs: Math.round(percentile(r.card, 50)),
      maxMs: Math.round(Math.max(...r.withPhotos)),
      baselineMaxMs: Math.round(Math.max(...r.without)),
      seedMs: Math.round(seeded.ms),
    },
  });
}

const rendererDir = await buildRenderer({ attachmentsBench: resolve('bench/attachments-bench-page.ts') });
const host = await startShell(rendererDir);
const origin = host.shell.url.replace(/\/$/, '');
const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });

try {
  const benchPage = await context.newPage();
  await loadBenchEntry(benchPage, origin, rendererDir, 'attachmentsBench');
  await benchPage.waitForFunction(() => window.attachmentsBench !== undefined, undefined, { timeout: 120_000 });
  const profile = `bench_att_${Date.now()}`;
  const seeded = await benchPage.evaluate(([p, n, w, h]) => window.attachmentsBench!.seed(p, n, w, h), [profile, PHOTOS, WIDTH, HEIGHT] as const);
  await benchPage.close();

  await context.addInitScript(`sessionStorage.setItem('jiesu.staff', ${JSON.stringify(seeded.staffId)})`);
  // The time of each click, for the figure from the queue (the click's own time stamp, as print-preview.bench).
  await context.addInitScript(`document.addEventListener('click', (e) => { window.clickAt = e.timeStamp; }, true)`);

  // 1. A fresh tab straight to the case: from the desk's start.
  const cold = { withPhotos: [] as number[], without: [] as number[], imgs: [] as number[], card: [] as number[] };
  for (let round = 0; round < ROUNDS * 2; round++) {
    const photos = round % 2 === 0;
    const page = await context.newPage();
    await page.goto(`${origin}/?desk=${profile}#/case/${encodeURIComponent(photos ? seeded.withPhotos : seeded.without)}`);
    const shown = await caseShown(page, photos ? PHOTOS : 0, 'start');
    (photos ? cold.withPhotos : cold.without).push(shown.ms);
    if (photos) cold.imgs.push(shown.imgsMs);
    if (photos) cold.card.push(shown.cardMs);
    if (round === 0 && process.env.ATTACHMENTS_PAGE_SHOT) await page.getByTestId('attachments').screenshot({ path: process.env.ATTACHMENTS_PAGE_SHOT });
    await page.close();
  }
  reportFigure('attachments.case-page-thumbnails', cold, "from the desk's start in a fresh tab straight to the case", seeded);

  // 2. What a clerk waits for on a running desk: the click on the case's number in the queue until every
  // thumbnail is drawn; back to the queue between rounds.
  const page = await context.newPage();
  const queue = async () => {
    await page.getByTestId('queue-count').waitFor({ timeout: 120_000 });
    await page.getByRole('link', { name: seeded.numbers[0], exact: true }).waitFor();
  };
  await page.goto(`${origin}/?desk=${profile}#/queue`);
  await queue();
  const opened = { withPhotos: [] as number[], without: [] as number[], imgs: [] as number[], card: [] as number[] };
  for (let round = 0; round < ROUNDS * 2; round++) {
    const photos = round % 2 === 0;
    await page.getByRole('link', { name: seeded.numbers[photos ? 0 : 1], exact: true }).click();
    const shown = await caseShown(page, photos ? PHOTOS : 0, 'click');
    (photos ? opened.withPhotos : opened.without).push(shown.ms);
    if (photos) opened.imgs.push(shown.imgsMs);
    if (photos) opened.card.push(shown.cardMs);
    await page.goBack();
    await queue();
  }
  reportFigure('attachments.case-page-thumbnails-from-queue', opened, 'from the click on its number in the queue of a running desk', seeded);
} finally {
  await browser.close();
  await host.shell.close();
}
