import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Route } from 'playwright-core';
import type { RunningDemo } from '../../scripts/start';
import { SCREENSHOT_DIR } from '../helpers/browser';
import { seedHistory } from '../helpers/history-seed';
import { signIn } from './desk-steps';
import { openDeskPage, startPropertyDemo } from './real-shell';

// Issue 14 item 1 in Chromium: a person joins an organisation that already has a history (400 cases, 1,140
// records, the closed ones older than a month). The desk is usable first: the server sends the events of the
// open cases before the history, the join ends once they are folded, and the person signs in and works the
// queue while the rest of the history follows in the background, its progress in the status bar. The
// network holds the history after its first page until the person has seen all that, so what they see is a
// moment in the middle of the join, not a race; then the history arrives and every case is on the desk.

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
  it(
    'the queue lists every open case before the history has arrived; the status bar shows the rest coming, then every case is there',
    { timeout: 240_000 },
    async () => {
      const history = await seedHistory(demo.server, demo.orgId, { cases: CASES, perCase: 3, open: OPEN, prefix: 'LS01-20261101', endsAgoMs: 40 * 86_400_000 });
      expect(history.events).toBe(1140);
      const page = await openDeskPage(browser, `${demo.web!.shell.url}/?desk=history_${Date.now()}`, 'real', {
        animations: true,
        viewport: { width: 1366, height: 768 },
      });
      // The history's first page passes (and the first part beside it: another path); the rest waits.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let historyAsked = 0;
      await page.route(
        (url) => url.pathname.endsWith('/sync/v1/events/pull'),
        async (route: Route) => {
          if (new URL(route.request().url()).searchParams.get('seq') !== '0') {
            historyAsked++;
            await held;
          }
          await route.continue();
        },
      );

      await page.getByTestId('first-run-form').waitFor({ timeout: 60_000 });
      await page.getByRole('tab', { name: '加入服务器' }).click();
      const form = page.getByTestId('join-server-form');
      await form.getByLabel('服务器地址').fill(demo.server.url);
      await form.getByLabel('加入码').fill(demo.enrolmentCode);
      await form.getByRole('button', { name: '加入服务器' }).click();

      // The join ends with the history held at its first page: the person signs in and the queue lists every open case.
      await signIn(page, '李助理', '1234');
      // 61: the 60 open cases, and the case whose registration and acceptance end the first page of 500 (its
      // closing is in the history still held) — open as far as this desk knows yet.
      await expect.poll(() => page.getByTestId('queue-count').textContent(), { timeout: 60_000 }).toMatch(new RegExp(`^共 ${OPEN + 1} 件`));
      const listed = await page.getByTestId('queue-table').getByRole('link').allTextContents();
      expect(history.open.filter((n) => listed.includes(n))).toEqual(history.open);
      expect(historyAsked).toBeGreaterThan(0);

      // The status bar says the history is still coming: the 120 records of the open cases and the first page
      // of 500 (none of them the same) arrived; a second later, how long the rest will take.
      const progress = page.getByTestId('history-progress');
      await expect.poll(() => progress.textContent(), { timeout: 30_000 }).toMatch(/正在同步历史记录 \d+%/);
      await expect.poll(() => progress.textContent(), { timeout: 30_000 }).toMatch(/预计还需约 \d+ (秒|分钟)/);
      // The records and cases so far are on hover.
      await progress.hover();
      await page
        .locator('.ant-tooltip')
        .getByText(/已收到 620 条记录，已整理 \d+ 件案件 · 上次同步 \d\d:\d\d/)
        .waitFor();
      expect(await page.locator('.ant-tooltip').filter({ hasText: '已全部同步' }).count()).toBe(0);
      await page.mouse.move(0, 0);
      // Nothing claims the desk is all synced while the history is coming, and the status bar is one line at 1366 px.
      const bar = page.getByRole('status');
      expect(await bar.textContent()).not.toContain('已全部同步');
      expect((await bar.boundingBox())!.height).toBeLessThan(50);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'join-history-queue-1366.png') });
      // All cases, closed ones too: the oldest are not on the desk yet.
      await page.getByText('全部', { exact: true }).click();
      await page.getByText('含已结案', { exact: true }).click();
      const total = async () => Number((await page.getByTestId('queue-count').textContent())?.match(/^共 (\d+) 件/)?.[1] ?? 0);
      expect(await total()).toBeLessThan(CASES);

      release();
      await expect.poll(total, { timeout: 120_000 }).toBe(CASES);
      await expect.poll(() => page.getByTestId('history-progress').count(), { timeout: 30_000 }).toBe(0);
      await page.getByTestId('sync-pending').getByText('已全部同步').waitFor();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'join-history-synced-1366.png') });
      await page.context().close();
    },
  );
});
