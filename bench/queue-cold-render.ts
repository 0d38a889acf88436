import type { BrowserContext } from 'playwright-core';

// A clerk opening the desk on its queue: a fresh tab, signed in, straight to #/queue, until the queue says
// it holds at least `open` cases (共 N 件). Both clocks of one load, in ms: from navigation (what the clerk
// waits for, the bundle's load included) and from the desk's own start (`jiesu:start`, after the bundle).
// Shared by bench/desk.bench.ts (50k cases) and bench/bodies-queue.bench.ts (beside 2 GB of bodies).
// QUEUE_MARKS=1 prints the desk's own marks of each load (jiesu:start, db-open, identity, cases-query, cases).

export interface QueueLoad {
  fromNavigationMs: number;
  fromDeskStartMs: number;
}

export async function queueColdRender(context: BrowserContext, origin: string, profile: string, open: number): Promise<QueueLoad> {
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/?desk=${profile}#/queue`);
    await page.waitForFunction(
      ([n]) => Number(/共 (\d+) 件/.exec(document.querySelector('[data-testid=queue-count]')?.textContent ?? '')?.[1] ?? -1) >= n,
      [open] as const,
      { timeout: 120_000 },
    );
    if (process.env.QUEUE_MARKS)
      process.stderr.write(
        `${profile} ${JSON.stringify(await page.evaluate(() => performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)])))}\n`,
      );
    return await page.evaluate(() => ({
      fromNavigationMs: performance.now(),
      fromDeskStartMs: performance.now() - (performance.getEntriesByName('jiesu:start')[0]?.startTime ?? 0),
    }));
  } catch (e) {
    if (process.env.QUEUE_SHOT) await page.screenshot({ path: process.env.QUEUE_SHOT });
    throw e;
  } finally {
    await page.close();
  }
}
