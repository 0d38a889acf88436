import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningDemo } from '../../scripts/start';
import { SCREENSHOT_DIR } from '../helpers/browser';
import { signIn } from './desk-steps';
import { openDeskPage, registerPropertyComplaint, startPropertyDemo } from './real-shell';

// A desk whose clock runs three days ahead joins the embedded server (as `npm run start:web` offers it) and
// registers a complaint. The server refuses the registration (issue 10: an event may not be dated after the
// server's clock beyond the skew), the desk keeps it and says so: the status bar's 「1 条未能同步」 opens a list
// that names the case and the step in the clerk's words with the server's reason — and after a reload the
// list is still there, because RxDB's checkpoint has moved past the refused record and only the desk's own
// record (src-renderer/data/refused-store.ts) remembers it.

const DAY = 86_400_000;
let demo: RunningDemo;
let browser: Browser;

beforeAll(async () => {
  ({ demo, browser } = await startPropertyDemo('jiesu-refused-'));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

async function registeredOnServer(caseNumber: string): Promise<boolean> {
  const rows = await demo.server.db.query<{ doc: string }>("select doc from events where org_id = $1 and type = 'case.registered'", [demo.orgId]);
  return rows.some((r) => r.doc.includes(caseNumber));
}

async function openRefusedList(page: Page): Promise<string> {
  await page.getByTestId('sync-refused').click();
  const list = page.getByTestId('sync-refused-list');
  await list.waitFor();
  await expect.poll(() => list.getByTestId('sync-refused-item').first().textContent()).not.toContain('…');
  // The whole popover as the clerk reads it: the summary on top, then each record.
  return (await page.locator('.ant-popover').filter({ has: list }).textContent()) ?? '';
}

describe('records the server refused', () => {
  it('are listed on the status bar with the case, the step and the server’s reason, and the list survives a reload', { timeout: 240_000 }, async () => {
    // The machine's real time plus three days: the server checks against its own clock, so this desk is
    // ahead on whatever date the suite runs.
    const page = await openDeskPage(
      browser,
      `${demo.web!.shell.url}/?desk=ahead_${Date.now()}`,
      { at: Date.now() + 3 * DAY },
      { animations: true, viewport: { width: 1366, height: 768 } },
    );
    await page.getByTestId('first-run-form').waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: '加入服务器' }).click();
    const form = page.getByTestId('join-server-form');
    await form.getByLabel('服务器地址').fill(demo.server.url);
    await form.getByLabel('加入码').fill(demo.enrolmentCode);
    await form.getByRole('button', { name: '加入服务器' }).click();
    await signIn(page, '李助理', '1234');

    const number = await registerPropertyComplaint(page, '张女士', '楼上卫生间漏水三天无人处理');
    const tag = page.getByTestId('sync-refused');
    await expect.poll(() => tag.textContent(), { timeout: 60_000 }).toBe('1 条未能同步');
    const listed = await openRefusedList(page);
    expect(listed).toContain(`案件 ${number}：登记`);
    expect(listed).toContain('记录时间晚于服务器当前时间：请校正本机时钟后重新操作。');
    expect(listed).toContain('有 1 条记录未通过服务器校验，仅保存在本台');
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sync-refused-list-1366.png') });
    expect(await registeredOnServer(number)).toBe(false);

    // The server answered, so the desk is online — a refusal is not a lost connection.
    expect(await page.getByTestId('sync-status').getAttribute('data-online')).toBe('true');
    expect(await page.getByTestId('sync-status').textContent()).toContain('已连接');

    // Reload (the sign-in lasts as long as the window): the record is still listed, with the same words,
    // and is not counted twice.
    await page.reload();
    await page.getByTestId('status-staff').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('sync-refused').textContent(), { timeout: 60_000 }).toBe('1 条未能同步');
    const again = await openRefusedList(page);
    expect(again).toContain(`案件 ${number}：登记`);
    expect(again).toContain('请校正本机时钟');
    expect(await page.getByTestId('sync-refused-item').count()).toBe(1);
    await page.context().close();
  });
});
