import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDeskBrowser, type DeskBrowser } from '../helpers/browser';
import { act, dialogOpened, firstRun, pickOption, registerPropertyComplaint, screenshot, signIn, sunnyGardenDesk } from './desk-steps';
import { clockOf } from '../helpers/page-clock';

// 回访 as a clerk records it on the property desk (callback.unsatisfiedReopens is false there), once with
// antd's animations on and once with reduced motion (issue 11 findings 4 and 5):
// - the dialog opens with nothing chosen; the cursor starts in its first question (not on the ×), and Ctrl+Enter on it untouched says what is missing and writes nothing;
// - two stars turn it unsatisfied; saved, the case stays 已办结 but is marked, comes back to the
//   callback queue as a follow-up with its own due time, and the figures count it. (That it cannot be
//   closed meanwhile is the domain's rule: src-shared/domain/callback-outcome.test.ts.)

async function resolvedCase(page: Page, profile: string): Promise<string> {
  await firstRun(
    page,
    sunnyGardenDesk({ name: '李助理', roles: ['业服助理', '物业管家', '物业大管家', '首席物业管家'], department: '业主服务中心', pin: '2468' }),
  );
  await signIn(page, '李助理', '2468');
  const number = await registerPropertyComplaint(page, '张女士', `楼上卫生间漏水（${profile}）`);
  await page.keyboard.press('Escape');
  await page.getByTestId('case-actions').waitFor();
  await act(page, 'case.replied', { content: '已安排工程部上门查看。' });
  await act(page, 'case.resolved', { result: '已修复楼上防水层' });
  await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已办结');
  return number;
}

const goto = (page: Page, hash: string) => page.goto(page.url().replace(/#.*$/, `#/${hash}`));

async function openCallbackDialog(page: Page, number: string) {
  await goto(page, 'callbacks');
  await page.getByTestId(`callback-${number}`).click();
  return dialogOpened(page);
}

async function figures(page: Page): Promise<{ rate: string; done: string; unsatisfied: string; satisfaction: string }> {
  await goto(page, 'analysis');
  await page.getByTestId('analysis-page').waitFor({ timeout: 60_000 });
  const text = async (id: string) => ((await page.getByTestId(id).textContent()) ?? '').replace(/\s+/g, '');
  return {
    rate: await text('kpi-callback'),
    done: await text('figure-callback-done'),
    unsatisfied: await text('figure-callback-unsatisfied'),
    satisfaction: await text('figure-satisfaction'),
  };
}

for (const motion of ['animations on', 'reduced motion'] as const) {
  describe(`callback in Chromium (${motion})`, () => {
    let desk: DeskBrowser;
    beforeAll(async () => {
      desk = await startDeskBrowser('build', { animations: motion === 'animations on' });
    }, 180_000);
    afterAll(async () => {
      await desk?.close();
    });

    it(
      'S9-7 S9-9 the callback dialog opens with no method, stars or satisfaction chosen; the cursor in 方式 and Ctrl+Enter on it untouched names each missing answer in Chinese and writes nothing',
      { timeout: 240_000 },
      async () => {
        const profile = `cb_defaults_${motion === 'animations on' ? 'anim' : 'still'}_${Date.now()}`;
        const page = await desk.newPage(profile);
        const number = await resolvedCase(page, profile);
        const dialog = await openCallbackDialog(page, number);
        expect(await dialog.getByTestId('f-method').locator('.ant-select-selection-item').count()).toBe(0);
        expect(await dialog.getByTestId('f-satisfaction').locator('.ant-rate-star-full').count()).toBe(0);
        expect(await dialog.getByTestId('f-satisfied').locator('input:checked').count()).toBe(0);
        await screenshot(page, `callback-dialog-untouched-${motion === 'animations on' ? 'anim' : 'still'}`);

        // The cursor is in the first question, 方式, not on the dialog's ×: Enter there opens the list and
        // saves nothing; Ctrl+Enter saves from anywhere, and here names each missing answer.
        expect(await dialog.getByTestId('f-method').evaluate((select) => select.contains(document.activeElement))).toBe(true);
        await page.keyboard.press('Control+Enter');
        const errors = dialog.locator('.ant-form-item-explain-error');
        await expect.poll(() => errors.allInnerTexts()).toEqual(['请选择「方式」。', '请选择「满意度」。', '请选择「是否满意」。', '请填写「回访结果」。']);
        await screenshot(page, `callback-dialog-refused-${motion === 'animations on' ? 'anim' : 'still'}`);
        // Nothing written: the dialog stays, and after cancelling the case still awaits its callback.
        expect(await dialog.isVisible()).toBe(true);
        await dialog.getByRole('button', { name: /取\s*消/ }).click();
        await dialog.waitFor({ state: 'hidden' });
        await page.getByTestId(`callback-${number}`).waitFor();
        await page.getByRole('link', { name: number }).click();
        await page.getByTestId('timeline').waitFor();
        expect(await page.getByTestId('timeline').textContent()).not.toContain('回访');
        await page.close();
      },
    );

    it(
      'S9-10 X-4 S10-20 an unsatisfied callback (2 stars) keeps the case visible: marked in the queue and on the case page, back in the callback queue as a follow-up with its own due time, and counted in the callback rate and satisfaction',
      { timeout: 240_000 },
      async () => {
        const tag = motion === 'animations on' ? 'anim' : 'still';
        const profile = `cb_unsatisfied_${tag}_${Date.now()}`;
        const page = await desk.newPage(profile);
        const number = await resolvedCase(page, profile);
        // Resolved on 28 November (TEST_NOW): the property policy wants the callback within 7 days, by 5 December.
        await goto(page, 'callbacks');
        await page.getByTestId(`callback-${number}`).waitFor();
        expect(await page.getByTestId('callback-table').textContent()).toContain('2026-12-05');
        // The clerk calls two days later.
        await clockOf(desk.context).fastForward('48:00:00');
        let dialog = await openCallbackDialog(page, number);
        await pickOption(page, 'f-method', '电话');
        await dialog.getByTestId('f-satisfaction').locator('.ant-rate-star').nth(1).click();
        // Two stars answer 是否满意 with 不满意 (the clerk could still change it).
        expect(await dialog.getByTestId('f-satisfied').getByLabel('不满意').isChecked()).toBe(true);
        await dialog.getByTestId('f-outcome').fill('天花板仍有水渍，业主不满意');
        await screenshot(page, `callback-dialog-unsatisfied-${tag}`);
        await dialog.getByTestId('action-ok').click();
        await dialog.waitFor({ state: 'hidden' });

        // Callback queue: the case is still there, as a follow-up with its own timer: 7 days from this callback.
        await page.getByTestId(`callback-follow-up-${number}`).waitFor();
        expect(await page.getByTestId(`callback-follow-up-${number}`).textContent()).toBe('再次回访 · 上次 2 星');
        expect(await page.getByTestId('callback-table').textContent()).toContain('2026-12-07');
        expect(await page.getByTestId('callback-table').textContent()).not.toContain('2026-12-05');
        expect(await page.getByTestId('callback-rate').textContent()).toContain('0.0%');
        expect(await page.getByTestId('callback-unsatisfied-count').textContent()).toBe('回访不满意待跟进 1 件');
        await screenshot(page, `callbacks-follow-up-${tag}`);

        // Work queue: 已办结, marked 回访不满意.
        await goto(page, 'queue');
        await page.getByTestId('queue-table').waitFor();
        const row = page.locator('tr', { has: page.getByRole('link', { name: number }) });
        expect(await row.getByTestId('queue-callback-unsatisfied').textContent()).toBe('回访不满意');
        expect(await row.textContent()).toContain('已办结');

        // Case page: status, the mark, the follow-up with its due time; 结案 refused with the reason.
        await page.getByRole('link', { name: number }).click();
        await page.getByTestId('callback-follow-up').waitFor();
        expect(await page.getByTestId('case-status').textContent()).toBe('已办结');
        expect(await page.getByTestId('case-callback-unsatisfied').textContent()).toBe('回访不满意');
        const alert = (await page.getByTestId('callback-follow-up').textContent()) ?? '';
        expect(alert).toContain('回访不满意（2 星）：天花板仍有水渍，业主不满意');
        expect(alert).toContain('需再次回访，期限 2026-12-07');
        await screenshot(page, `case-callback-unsatisfied-${tag}`);

        // 统计分析: the unsatisfied callback does not complete the callback and its 2 stars count.
        expect(await figures(page)).toEqual({
          rate: expect.stringContaining('0.0%'),
          done: '回访满意0/1',
          unsatisfied: '不满意待跟进1',
          satisfaction: '平均满意度：2.00/5',
        });

        // The follow-up callback finds the resident satisfied: the follow-up is done and the figures say so.
        dialog = await openCallbackDialog(page, number);
        await pickOption(page, 'f-method', '上门');
        await dialog.getByTestId('f-satisfaction').locator('.ant-rate-star').nth(4).click();
        expect(await dialog.getByTestId('f-satisfied').getByLabel('满意', { exact: true }).isChecked()).toBe(true);
        await dialog.getByTestId('f-outcome').fill('上门查看，水渍已干，业主满意');
        await dialog.getByTestId('action-ok').click();
        await dialog.waitFor({ state: 'hidden' });
        await page.getByRole('link', { name: number }).waitFor({ state: 'detached' });
        expect(await page.getByTestId('callback-rate').textContent()).toContain('100.0%');
        expect(await figures(page)).toEqual({
          rate: expect.stringContaining('100.0%'),
          done: '回访满意1/1',
          unsatisfied: '不满意待跟进0',
          satisfaction: '平均满意度：5.00/5',
        });
        await page.close();
      },
    );
  });
}
