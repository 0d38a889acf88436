import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startDeskBrowser, type DeskBrowser } from '../helpers/browser';
import { confirmAsAdministrator, firstRun, propertyAdministrator, screenshot, signIn, sunnyGardenDesk } from './desk-steps';

// The State Council's yearly holiday notice, entered once by an administrator in 制度管理 as a policy
// revision (calendar overrides, docs/architecture.md §Policy and the SLA engine). On the fixed clock
// (2026-11-28) the package has no 2027 data: the desk shows 2027 as provisional with the statutory days
// computed from the law, until the notice is entered. Once with antd's animations on, once reduced. The desk
// is set up through the first-run form, where the administrator types her passphrase (管理口令).

const ADMIN_PASSPHRASE = '阳光花园-管理-2026';

async function pick(page: Page, field: Locator, text: string): Promise<void> {
  await field.click();
  // Only the dropdown that is open now: with animations on, the previous one may still be fading out.
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"]):visible .ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .click();
}

for (const motion of ['animations on', 'reduced motion'] as const) {
  describe(`holiday notice in Chromium (${motion})`, () => {
    let desk: DeskBrowser;
    beforeAll(async () => {
      desk = await startDeskBrowser('build', { animations: motion === 'animations on' });
    });
    afterAll(async () => {
      await desk?.close();
    });

    it('S0-2 the desk warns of provisional 2027; an administrator enters the 2027 notice (days off and a make-up day) as a revision; a reversed range is refused with nothing written; the holidays tab shows it with who and when', async () => {
      const profile = `notice_${motion === 'reduced motion' ? 'r' : 'a'}_${Date.now()}`;
      const page = await desk.newPage(profile);
      await firstRun(page, sunnyGardenDesk(propertyAdministrator(ADMIN_PASSPHRASE)));
      await signIn(page, '李助理', ADMIN_PASSPHRASE);
      await page.goto(page.url().replace(/#.*$/, '') + '#/policy');
      const admin = page.getByTestId('policy-admin');
      await admin.waitFor({ timeout: 60_000 });

      // Every desk warns: 2027 is within 60 days and has only provisional days.
      const banner = page.getByTestId('calendar-provisional');
      expect(await banner.innerText()).toContain('2027 年的国务院节假日安排尚未录入');
      // Before: 2027 is provisional, with the law's days.
      await page.getByRole('tab', { name: '节假日安排' }).click();
      const y2027 = page.getByTestId('notice-2027');
      await y2027.waitFor();
      expect(await y2027.innerText()).toContain('暂定：尚未录入国务院放假安排');
      expect(await y2027.innerText()).toContain('春节 02-05—02-08');
      expect(await y2027.innerText()).toContain('中秋节 09-15');
      expect(await page.getByTestId('notice-2026').innerText()).not.toContain('暂定');

      await page.getByTestId('policy-edit').click();
      const dialog = page.locator('.ant-modal:visible');
      await dialog.getByTestId('stage-limits').waitFor();
      await pick(page, dialog.getByTestId('revision-section'), '节假日安排');
      const editor = dialog.getByTestId('edit-calendar');
      await editor.waitFor();
      // The year the desk is about to reach is preselected.
      expect(await editor.getByTestId('notice-year').innerText()).toContain('2027');
      expect(await editor.getByTestId('notice-computed').innerText()).toContain('元旦 01-01');

      // A reversed range: a clear message, nothing entered.
      await editor.getByTestId('notice-from').fill('2027-02-12');
      await editor.getByTestId('notice-to').fill('2027-02-05');
      await editor.getByTestId('notice-add-holiday').click();
      await editor.getByTestId('notice-refusal').getByText('放假结束日期早于开始日期，请检查后重新填写。').waitFor();
      expect(await editor.getByTestId('notice-entries').locator('tbody tr.ant-table-row').count()).toBe(0);

      // The notice: 春节 02-05…02-12 off, 元旦 01-01…01-03 off, Saturday 02-20 worked.
      await editor.getByTestId('notice-from').fill('2027-02-05');
      await editor.getByTestId('notice-to').fill('2027-02-12');
      await editor.getByTestId('notice-add-holiday').click();
      await editor.getByTestId('notice-refusal').waitFor({ state: 'detached' });
      await editor.getByTestId('notice-from').fill('2027-01-01');
      await editor.getByTestId('notice-to').fill('2027-01-03');
      await editor.getByTestId('notice-add-holiday').click();
      await editor.getByTestId('notice-makeup').fill('2027-02-20');
      await editor.getByTestId('notice-add-makeup').click();
      const entries = editor.getByTestId('notice-entries').locator('tbody tr.ant-table-row');
      await expect.poll(() => entries.count()).toBe(3);
      expect((await entries.allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
        '放假 2027-01-01 — 2027-01-03 3 天 删 除',
        '放假 2027-02-05 — 2027-02-12 8 天 删 除',
        '调休上班 2027-02-20 1 天 删 除',
      ]);
      expect(await editor.innerText()).toContain('已录入放假安排');
      await screenshot(page, `holiday-notice-editor-${motion === 'reduced motion' ? 'reduced' : 'animated'}`);

      await dialog.getByTestId('revision-reason').fill('录入国务院2027年放假安排');
      await pick(page, dialog.getByTestId('revision-approver'), '李助理');
      await dialog.getByRole('button', { name: '保存为新修订' }).click();
      await confirmAsAdministrator(page, ADMIN_PASSPHRASE);
      await dialog.waitFor({ state: 'detached' });

      const revisionRows = admin.locator('.ant-card').filter({ hasText: '修订记录' }).locator('tbody tr.ant-table-row');
      await expect.poll(() => revisionRows.count()).toBe(2);
      // The notice is entered: the desk's warning goes away (the next provisional year, 2028, is more than 60 days off).
      await banner.waitFor({ state: 'detached' });
      expect(await revisionRows.first().innerText()).toContain('录入国务院2027年放假安排（批准：李助理）');

      // The holidays tab reads the newest revision: 2027 is entered, with who and when.
      await page.getByRole('tab', { name: '节假日安排' }).click();
      await expect.poll(() => y2027.innerText()).not.toContain('暂定');
      expect(await y2027.innerText()).toContain('2027-02-05 — 2027-02-12');
      expect(await y2027.innerText()).toContain('调休上班');
      expect(await page.getByTestId('notice-recorded').innerText()).toBe('放假安排最近由 李助理 于 2026-11-28 录入（第 2 版）');
      expect(await page.getByTestId('notice-2028').innerText()).toContain('暂定');
      await screenshot(page, `holiday-notice-tab-${motion === 'reduced motion' ? 'reduced' : 'animated'}`);
    }, 180_000);
  });
}
