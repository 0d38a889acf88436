import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDeskBrowser, type DeskBrowser } from '../helpers/browser';
import { firstRun, hospitalDesk, screenshot, signIn, typeHospitalComplaint } from './desk-steps';

// A refused intake loses nothing the clerk typed (issue 11 finding 8): refused by validation, and refused
// after registering when its 不予受理 cannot be written (it used to delete the draft, say 已登记 and leave).
// Hospital desk (S4-7 reasons), animations on, 1366×768.

async function reloadIntake(page: Page): Promise<void> {
  await page.reload();
  await page.getByTestId('draft-restored').waitFor({ timeout: 60_000 });
}

async function casesInQueue(page: Page): Promise<number> {
  await page.goto(page.url().replace(/#.*$/, '#/queue'));
  await page.getByTestId('queue-table').waitFor();
  // Every case of the desk, the rejected ones too.
  await page.getByText('全部', { exact: true }).click();
  await page.getByText('含已结案', { exact: true }).click();
  return page.getByTestId('queue-table').locator('tbody tr.ant-table-row').count();
}

describe('refused intake keeps the draft in Chromium (animations on)', () => {
  let desk: DeskBrowser;
  beforeAll(async () => {
    desk = await startDeskBrowser('build', { animations: true });
  }, 180_000);
  afterAll(async () => {
    await desk?.close();
  });

  it('refused by validation (no 事由): the message names the field, everything typed stays, and a reload restores it', { timeout: 240_000 }, async () => {
    const page = await desk.newPage(`intake_invalid_${Date.now()}`);
    await page.setViewportSize({ width: 1366, height: 768 });
    await firstRun(page, hospitalDesk({ name: '周护士', roles: ['一站式服务台接待员'], pin: '1357' }));
    await signIn(page, '周护士', '1357');
    await typeHospitalComplaint(page);
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('intake-invalid').waitFor();
    expect(await page.locator('.ant-form-item-explain-error').allInnerTexts()).toContain('请填写「事由」。');
    expect(await page.getByTestId('intake-cause').inputValue()).toBe('去年8月在我院行膝关节手术');
    await reloadIntake(page);
    expect(await page.getByTestId('intake-name').inputValue()).toBe('刘先生');
    expect(await page.getByTestId('intake-cause').inputValue()).toBe('去年8月在我院行膝关节手术');
    expect(await casesInQueue(page)).toBe(0);
    await page.close();
  });

  it(
    'S4-7 a 不予受理 whose explanation cannot be recorded keeps the form and its draft and says why; corrected, the next save records the rejection on the same case, never a second one',
    { timeout: 240_000 },
    async () => {
      const page = await desk.newPage(`intake_rejected_${Date.now()}`);
      await page.setViewportSize({ width: 1366, height: 768 });
      await firstRun(page, hospitalDesk({ name: '周护士', roles: ['一站式服务台接待员'], pin: '1357' }));
      await signIn(page, '周护士', '1357');
      await typeHospitalComplaint(page);
      await page.getByTestId('intake-subject').fill('对手术结果不满，要求赔偿');
      await page.getByTestId('intake-admissibility').getByText('人民法院起诉').click();
      // Saved before saying why: the domain's rejectionAtIntake refuses it on the field and nothing is registered.
      await page.getByTestId('intake-save').click();
      // (The queue holding one case at the end shows this save registered nothing.)
      await expect.poll(() => page.locator('.ant-form-item-explain-error').allInnerTexts()).toContain('不予受理须向对方说明理由，请填写此项。');
      // The clerk pastes a letter of 4,001 characters as the explanation: longer than a record may hold.
      const letter = `您已就此事向区人民法院起诉。${'医'.repeat(4_001 - 14)}`;
      await page.getByTestId('intake-explanation').click();
      await page.keyboard.insertText(letter);
      await page.getByTestId('intake-save').click();
      const error = page.getByTestId('intake-error');
      await error.waitFor();
      const said = (await error.textContent()) ?? '';
      expect(said).toMatch(/^案件已登记（编号 RM01-\d{8}-\d+），但「不予受理」没有记录：/);
      expect(said).toContain('「向对方所作的说明」最多 4000 字，现在 4001 字，请删减后再保存。');
      expect(said).not.toMatch(/太长或太大|Invalid input|nonoptional/);
      expect(said).toContain('不会重复登记');
      await error.scrollIntoViewIfNeeded();
      await screenshot(page, 'intake-rejection-failed-1366');
      // Still on the form with everything typed; a reload restores it.
      expect(await page.getByTestId('case-number').count()).toBe(0);
      await reloadIntake(page);
      expect(await page.getByTestId('intake-subject').inputValue()).toBe('对手术结果不满，要求赔偿');
      expect(await page.getByTestId('intake-explanation').inputValue()).toBe(letter);

      // Shortened, saved again: the rejection is recorded on the case already registered.
      await page.getByTestId('intake-explanation').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('您已就此事向区人民法院起诉，医院投诉办不再受理。已当面说明。');
      await page.getByTestId('intake-save').click();
      await page.getByTestId('case-number').waitFor();
      expect(said).toContain((await page.getByTestId('case-number').textContent()) ?? '(none)');
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('不予受理');
      expect(await page.getByTestId('rejection').textContent()).toContain('已当面说明');
      await expect.poll(() => casesInQueue(page), { timeout: 15_000 }).toBe(1);
      await page.close();
    },
  );
});
