import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Route } from 'playwright-core';
import type { RunningDemo } from '../../scripts/start';
import { SCREENSHOT_DIR } from '../helpers/browser';
import { seedHistory } from '../helpers/history-seed';
import { signIn } from './desk-steps';
import { openDeskPage, startPropertyDemo } from './real-shell';

// Issue 14 item 1 in Chromium: a person joins an organisation that already has a history (400 cases, 1,140
// records, pulled 500 at a time). While the records arrive the join screen says how many have arrived, how
// many cases are ready and how long the rest will take; the network holds the second page until the person
// has read that, so what they read is a moment in the middle of the join, not a race. Then they sign in and
// the queue lists every open case of the organisation.

let demo: RunningDemo;
let browser: Browser;

beforeAll(async () => {
  ({ demo, browser } = await startPropertyDemo('jiesu-join-history-'));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const CASES = 400;
const OPEN = 60;

describe('issue 14: joining an organisation with a history (Chromium, embedded server)', () => {
  it('the join screen shows the records and cases so far and the time left; after signing in the queue lists every open case', { timeout: 240_000 }, async () => {
    const history = await seedHistory(demo.server, demo.orgId, { cases: CASES, perCase: 3, open: OPEN, prefix: 'LS01-20261101' });
    expect(history.events).toBe(1140);
    const page = await openDeskPage(browser, `${demo.web!.shell.url}/?desk=history_${Date.now()}`, 'real', { animations: true, viewport: { width: 1366, height: 768 } });
    // The first events page passes; the next waits until the person has read the progress.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.pathname.endsWith('/sync/v1/events/pull'),
      async (route: Route) => {
        if (new URL(route.request().url()).searchParams.get('seq') !== '0') await held;
        await route.continue();
      },
    );

    await page.getByTestId('first-run-form').waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: '加入服务器' }).click();
    const form = page.getByTestId('join-server-form');
    await form.getByLabel('服务器地址').fill(demo.server.url);
    await form.getByLabel('加入码').fill(demo.enrolmentCode);
    await form.getByRole('button', { name: '加入服务器' }).click();

    const progress = page.getByTestId('join-progress');
    await expect.poll(() => progress.textContent(), { timeout: 60_000 }).toMatch(/已收到 500 条记录，已整理 \d+ 件案件/);
    // A second has passed with the pull held at 500 of the organisation's records: an estimate is shown.
    await expect.poll(() => progress.textContent(), { timeout: 30_000 }).toMatch(/预计还需约 \d+ (秒|分钟)/);
    // The cases of the first page are folded while the rest is still on its way (about 170 of the 400).
    await expect.poll(async () => Number((await progress.textContent())?.match(/已整理 (\d+) 件/)?.[1] ?? 0), { timeout: 30_000 }).toBeGreaterThan(100);
    // It is the join screen that says so: the server this desk has joined, above the progress.
    expect(await page.getByTestId('server-connection').textContent()).toContain(demo.server.url);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'join-history-progress-1366.png') });
    release();

    await signIn(page, '李助理', '1234');
    await expect.poll(() => page.getByTestId('queue-count').textContent(), { timeout: 60_000 }).toMatch(new RegExp(`^共 ${OPEN} 件`));
    const listed = await page.getByTestId('queue-table').getByRole('link').allTextContents();
    expect(history.open.slice(-3).some((n) => listed.includes(n))).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'join-history-queue-1366.png') });
    await page.context().close();
  });
});
