import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { callInPage, SCREENSHOT_DIR, startDeskBrowser, TEST_NOW, type DeskBrowser } from '../helpers/browser';
import { closeNotifications, signIn } from './desk-steps';

// Issue 11: every screen of the desk at a laptop's 1366×768 and a desktop's 1920×1080, in Chinese and in
// English, with a month of cases on it (analysis-seed.ts), saved under test-artifacts/screenshots/screens
// for a person to look at. What a person would notice without looking closely is checked here: the
// screen is there (its heading), nothing runs off the right edge, and in English the desk's own frame
// (menu, status bar) has no Chinese left in it.

const SCREENS = [
  { route: 'queue', heading: { 'zh-CN': '工作台', en: 'Work queue' } },
  { route: 'intake', heading: { 'zh-CN': '快速登记', en: 'Quick intake' } },
  { route: 'case', heading: { 'zh-CN': '处理记录', en: 'Record' } },
  { route: 'callbacks', heading: { 'zh-CN': '回访', en: 'Callbacks' } },
  { route: 'analysis', heading: { 'zh-CN': '统计分析', en: 'Analysis' } },
  { route: 'ledger', heading: { 'zh-CN': '奖惩台账', en: 'Rewards and penalties' } },
  { route: 'reception', heading: { 'zh-CN': '接待日', en: 'Reception days' } },
  { route: 'policy', heading: { 'zh-CN': '制度管理', en: 'Policy administration' } },
  { route: 'settings', heading: { 'zh-CN': '设置', en: 'Settings' } },
] as const;
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
const DIR = join(SCREENSHOT_DIR, 'screens');

let desk: DeskBrowser;
let caseHash = '';
let profile = '';
beforeAll(async () => {
  mkdirSync(DIR, { recursive: true });
  desk = await startDeskBrowser('dev', { animations: true });
  profile = `screens_${Date.now()}`;
  const seeder = await desk.context.newPage();
  await seeder.goto(`${desk.url}?desk=seed_${profile}`);
  expect(await callInPage<string[]>(seeder, 'test/e2e/analysis-seed.ts', 'seedAnalysisDesk', [profile, TEST_NOW])).toEqual([]);
  await seeder.close();
}, 300_000);
afterAll(async () => {
  await desk?.close();
});

async function open(page: Page, route: string): Promise<void> {
  const hash = route === 'case' ? caseHash : `#/${route}`;
  await page.goto(`${desk.url}?desk=${profile}${hash}`);
  await page.getByTestId('status-staff').waitFor({ timeout: 60_000 });
}

describe.each(['zh-CN', 'en'] as const)('every screen in %s', (lang) => {
  it.each(SIZES)('at $width×$height: there, within the width, in the right language', { timeout: 300_000 }, async (size) => {
    const page = await desk.context.newPage();
    await page.setViewportSize(size);
    await page.addInitScript((l) => localStorage.setItem('jiesu.language', l), lang);
    await page.goto(`${desk.url}?desk=${profile}`);
    await signIn(page, '李助理', '2468');
    if (!caseHash) {
      await page.getByTestId('queue-table').getByRole('link').first().click();
      await page.getByTestId('case-number').waitFor();
      caseHash = new URL(page.url()).hash;
    }
    for (const screen of SCREENS) {
      await open(page, screen.route);
      await page.locator('#page').getByText(screen.heading[lang], { exact: false }).first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(600); // charts and tables settle; animations finish
      await closeNotifications(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${screen.route} runs ${overflow}px off the right edge`).toBeLessThanOrEqual(0);
      if (lang === 'en') {
        const menu = await page.locator('.ant-layout-sider .ant-menu').innerText();
        expect(menu, `${screen.route}: Chinese words in the English menu`).not.toMatch(/[\u4e00-\u9fff]/);
        // The desk's and the staff's names are the organisation's data and stay Chinese; the words and the
        // punctuation around them are English.
        const status = (await page.getByRole('status').innerText()).replace(/[\u4e00-\u9fff]+/g, 'X');
        expect(status, `${screen.route}: Chinese punctuation in the English status bar`).not.toMatch(/[：（）]/);
        expect(status).toMatch(/Desk: X \(YG01\)/);
      }
      // No menu item is cut short (…): every label fits the side bar.
      const cut = await page
        .locator('.ant-layout-sider .ant-menu-title-content')
        .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent));
      expect(cut, `${screen.route}: menu items cut short`).toEqual([]);
      if (lang === 'en' && screen.route === 'case') {
        expect(await page.locator('[data-next=true]').innerText()).toMatch(/^Next step: \w/);
      }
      await page.screenshot({ path: join(DIR, `${screen.route}-${size.width}-${lang}.png`) });
    }
    await page.close();
  });
});
