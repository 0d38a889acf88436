import { resolve } from 'node:path';
import { percentile, report } from './lib';
import { buildRenderer, launchChromium, startShell } from '../test/helpers/browser';
import { loadBenchEntry } from './bench-page';

// Issue 13 "Measure": the case page with 50 photo thumbnails, first render, in Chromium on real IndexedDB
// (the production build served by the browser shell, as bench/desk.bench.ts). A fresh tab, signed in,
// straight to the case: from the desk's start (`jiesu:start`) until every thumbnail's <img> is decoded
// (complete, with a width). Baseline in the same run: the same page of a case with no attachments, until its
// 附件 card shows 暂无附件; the two alternated, median of the rounds. Target: ≤ 500 ms. `cardWithAllFilesMs`: when
// the card held all 50 files, before any thumbnail was read; `allImgElementsMs`: when the 50th <img> appeared
// (every thumbnail read from the body store and given an object URL), before decoding.

const PHOTOS = Number(process.env.ATTACHMENTS_PAGE_PHOTOS ?? 50);
const ROUNDS = Number(process.env.ATTACHMENTS_PAGE_ROUNDS ?? 5);
const WIDTH = 1600;
const HEIGHT = 1200;

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
  const withPhotos: number[] = [];
  const without: number[] = [];
  const bodiesRead: number[] = [];
  const cardShown: number[] = [];
  for (let round = 0; round < ROUNDS * 2; round++) {
    const photos = round % 2 === 0;
    const page = await context.newPage();
    await page.goto(`${origin}/?desk=${profile}#/case/${encodeURIComponent(photos ? seeded.withPhotos : seeded.without)}`);
    const done = await page.waitForFunction(
      ([n]) => {
        const start = performance.getEntriesByName('jiesu:start')[0]?.startTime ?? 0;
        if (n === 0) return document.querySelector('[data-testid=attachments-empty]') ? performance.now() - start : false;
        // When the card holds every file (names, kinds, labels), before any thumbnail is read.
        if (document.querySelectorAll('[data-testid=attachment]').length === n) (window as { cardAt?: number }).cardAt ??= performance.now() - start;
        const imgs = [...document.querySelectorAll<HTMLImageElement>('[data-testid=attachment-thumb] img')];
        // When every thumbnail has its <img> (its body read from the body store, its object URL made), before decoding.
        if (imgs.length === n) (window as { imgsAt?: number }).imgsAt ??= performance.now() - start;
        return imgs.length === n && imgs.every((i) => i.complete && i.naturalWidth > 0) ? performance.now() - start : false;
      },
      [photos ? PHOTOS : 0] as const,
      { polling: 'raf', timeout: 120_000 },
    );
    (photos ? withPhotos : without).push((await done.jsonValue()) as number);
    if (photos) bodiesRead.push(await page.evaluate(() => (window as { imgsAt?: number }).imgsAt ?? 0));
    if (photos) cardShown.push(await page.evaluate(() => (window as { cardAt?: number }).cardAt ?? 0));
    if (round === 0 && process.env.ATTACHMENTS_PAGE_SHOT) await page.getByTestId('attachments').screenshot({ path: process.env.ATTACHMENTS_PAGE_SHOT });
    await page.close();
  }
  const figure = percentile(withPhotos, 50);
  const baseline = percentile(without, 50);
  report({
    bench: 'attachments.case-page-thumbnails',
    figure: Math.round(figure),
    unit: 'ms',
    baseline: Math.round(baseline),
    baselineLabel: 'the same case page of a case without attachments (附件 card empty), alternated in the same run',
    ratio: baseline / figure,
    target: '≤ 500 ms',
    meetsTarget: figure <= 500,
    extra: {
      photos: PHOTOS,
      photoPixels: `${WIDTH}×${HEIGHT}`,
      photoBytesMean: Math.round(seeded.bytes / Math.max(1, PHOTOS)),
      rounds: ROUNDS,
      allImgElementsMs: Math.round(percentile(bodiesRead, 50)),
      cardWithAllFilesMs: Math.round(percentile(cardShown, 50)),
      maxMs: Math.round(Math.max(...withPhotos)),
      baselineMaxMs: Math.round(Math.max(...without)),
      seedMs: Math.round(seeded.ms),
    },
  });
} finally {
  await browser.close();
  await host.shell.close();
}
