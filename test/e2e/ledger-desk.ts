import type { Page } from 'playwright-core';
import { callInPage, TEST_NOW, type DeskBrowser } from '../helpers/browser';
import { closeNotifications, signIn } from './desk-steps';
import type { LedgerScenario, LedgerSeed } from './ledger-seed';

// The 奖惩台账's e2e steps shared by ledger.test.ts and expense.test.ts: a desk seeded in its own page
// (ledger-seed.ts, on the dev server), and the ledger opened as a person signs in and goes there.

export async function seedLedger(desk: DeskBrowser, scenario: LedgerScenario): Promise<{ profile: string; seed: LedgerSeed }> {
  const profile = `ledger_${scenario}_${Date.now()}`;
  const seeder = await desk.context.newPage();
  seeder.on('pageerror', (e) => process.stderr.write(`[seed page error] ${e.message}\n`));
  await seeder.goto(`${desk.url}?desk=seed_${profile}`);
  const seed = await callInPage<LedgerSeed>(seeder, 'test/e2e/ledger-seed.ts', 'seedLedgerDesk', [profile, scenario, TEST_NOW]);
  await seeder.close();
  return { profile, seed };
}

export const rowsOf = (page: Page, testId: string) => page.getByTestId(testId).locator('tbody tr.ant-table-row');
export const cellTexts = (page: Page, testId: string) =>
  rowsOf(page, testId).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));

/**
 * Signs in (signing the previous person out), opens the ledger, waits for the first row of `table` (none:
 * for the page alone) and closes the breach alerts the desk raises on sign-in, which sit over its top right.
 */
export async function ledgerAs(page: Page, name: string, pin: string, table?: 'ledger-suggestions' | 'ledger-table'): Promise<void> {
  if (await page.getByTestId('status-staff').isVisible()) {
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByTestId('signin-pin').waitFor();
  }
  await signIn(page, name, pin);
  await page.goto(page.url().replace(/#.*$/, '') + '#/ledger');
  await page.getByTestId('ledger-page').waitFor({ timeout: 60_000 });
  if (table) await rowsOf(page, table).first().waitFor();
  await closeNotifications(page);
}
