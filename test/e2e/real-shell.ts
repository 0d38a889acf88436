import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, SCREENSHOT_DIR } from '../helpers/browser';

// The desk in Chromium against the browser shell's REAL bridge (no host double injected): what a clerk
// gets from `npm run start:web`. Shared by the printing and join-server scenarios.

export async function launchRealDesk(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export async function openDeskPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
  await page.goto(url);
  return page;
}

/** A property-preset phone complaint typed in by keyboard (F2 … Ctrl+Enter); returns the case number. */
export async function registerPropertyComplaint(page: Page, name: string, subject: string): Promise<string> {
  await page.keyboard.press('F2');
  await page.getByTestId('intake-form').waitFor();
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type('13812345678');
  await page.keyboard.press('Tab');
  await page.keyboard.type('3栋1单元1201');
  await page.keyboard.press('Tab'); // anonymous
  await page.keyboard.press('Tab'); // confidential
  await page.keyboard.press('Tab');
  await page.keyboard.type(subject);
  await page.keyboard.press('Tab');
  await page.keyboard.type('11月24日起');
  await page.keyboard.press('Tab');
  await page.keyboard.type('楼上卫生间防水层破损');
  await page.keyboard.press('Tab');
  await page.keyboard.type('已两次电话报修，维修人员未上门');
  await page.keyboard.press('Tab');
  await page.keyboard.type('天花板发霉，影响居住');
  await page.keyboard.press('Tab');
  await page.keyboard.type('三日内修好并赔偿粉刷费用');
  await page.keyboard.press('Tab');
  await page.keyboard.type('设施设备');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  await page.keyboard.press('Tab');
  await page.keyboard.type('一般投诉');
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  await page.keyboard.press('Tab'); // department: routed by category
  await page.keyboard.press('Tab');
  await page.keyboard.type('3-1-1201');
  await page.getByTestId('apologised').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('case-number').waitFor({ timeout: 15_000 }).catch(async (e: unknown) => {
    process.stderr.write(`intake errors: ${JSON.stringify(await page.locator('.ant-form-item-explain-error, [data-testid=intake-error]').allInnerTexts())}\n`);
    throw e;
  });
  return (await page.getByTestId('case-number').textContent()) ?? '';
}
