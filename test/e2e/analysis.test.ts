import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { startDeskBrowser, SCREENSHOT_DIR, type DeskBrowser } from '../helpers/browser';
import { signIn } from './desk-steps';

// The analysis screens in Chromium on a month of real cases written through the desk's own write path
// (analysis-seed.ts runs in the page): figures, charts, drill-down to case numbers, repeated problems,
// the ledger and the policy administration.

let desk: DeskBrowser;
beforeAll(async () => {
  desk = await startDeskBrowser();
});
afterAll(async () => {
  await desk?.close();
});

describe('analysis in Chromium', () => {
  it('X-6 S7-7 S10-20 analysis screen: figures, trend, drill-down to case numbers, repeated problems', async () => {
    const profile = `analysis_${Date.now()}`;
    const seeder = await desk.context.newPage();
    seeder.on('pageerror', (e) => process.stderr.write(`[seed page error] ${e.message}\n`));
    await seeder.goto(`${desk.url}?desk=seed_${profile}`);
    const seedModule = `/@fs${resolve(process.cwd(), 'test/e2e/analysis-seed.ts')}`;
    // A string expression, so the test runner does not rewrite the browser's dynamic import.
    const problems = (await seeder.evaluate(`import(${JSON.stringify(seedModule)}).then((m) => m.seedAnalysisDesk(${JSON.stringify(profile)}, Date.now()))`)) as string[];
    expect(problems).toEqual([]);
    await seeder.close();

    const page = await desk.newPage(profile);
    await signIn(page, '李助理', '2468');
    await page.goto(page.url().replace(/#.*$/, '') + '#/analysis');
    await page.getByTestId('analysis-page').waitFor({ timeout: 30_000 });
    await page.getByTestId('chart-trend').locator('svg').waitFor();
    const total = await page.getByTestId('kpi-total').locator('.ant-statistic-content').textContent();
    expect(Number(total)).toBeGreaterThan(0);
    expect(await page.getByTestId('repeated-groups').getByText('设施设备').first().isVisible()).toBe(true);
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/analysis-month.png`, fullPage: true });

    // Drill-down: the KPI opens the list of the case numbers behind it, each linking to its case page.
    await page.getByTestId('kpi-total').click();
    const list = page.getByTestId('drill-list');
    await list.waitFor();
    const links = list.locator('a[href^="#/case/"]');
    expect(await links.count()).toBe(Math.min(50, Number(total)));
    expect(await links.first().textContent()).toMatch(/^YG01-\d{8}-\d{3}$/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/analysis-drilldown.png` });
    await links.first().click();
    await page.waitForURL(/#\/case\//);
    expect(page.url()).toMatch(/#\/case\//);
  });
});
