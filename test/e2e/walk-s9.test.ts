import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, dialogErrors, dialogOpened, firstRun, pickOption, screenshot, signIn } from './desk-steps';
import { decideApproval, printedText, stageTimer, startWalkDesk, switchTo, type WalkDesk } from './walk-steps';
import { clockOf } from '../helpers/page-clock';

// Issue 16: the complaint-and-callback preset (S9) walked as its people do, animations on, on a fixed clock.
// At 10:00 a resident phones about a dripping pipe; the receptionist apologises first and registers it by
// keyboard (S9-1), the office hands it to engineering with a deadline typed in the dialog (S9-2); engineering
// resolves it; the callback clerk calls back from the 回访 queue (S9-7) — the resident is not satisfied, so the
// case is reopened and must be fixed and called back again (S9-10); the director writes the result on the
// register and the department head signs it off (S9-5) — and the register is printed.

const NOW = Date.parse('2026-11-27T10:00:00+08:00');
let desk: WalkDesk;
beforeAll(async () => {
  desk = await startWalkDesk('s9', NOW - 30 * 60_000);
}, 300_000);
afterAll(async () => {
  await desk?.close();
});

async function callBack(page: WalkDesk['page'], number: string, stars: number, satisfied: '满意' | '不满意', outcome: string): Promise<void> {
  await page.goto(page.url().replace(/#.*$/, '#/callbacks'));
  await page.getByTestId('callback-table').locator('tr', { hasText: number }).getByRole('link', { name: number }).click();
  await page.getByTestId('case-number').waitFor();
  await page.getByTestId('act-case.callback_done').click();
  const callback = await dialogOpened(page);
  await pickOption(page, 'f-method', '电话');
  await callback
    .getByTestId('f-satisfaction')
    .locator('.ant-rate-star')
    .nth(stars - 1)
    .click();
  await callback.getByTestId('f-satisfied').getByText(satisfied, { exact: true }).click();
  await callback.getByTestId('f-outcome').fill(outcome);
  await callback.getByTestId('action-ok').click();
  await callback.waitFor({ state: 'detached' });
}

describe('S9 walk: 管理处投诉回访工作流程, intake to the second callback', () => {
  it(
    'S9-1 S9-2 S9-4 S9-5 S9-7 S9-10 apology before registration, department deadline, callback, unsatisfied reopens, fixed and called back again, the director writes the result and the department head signs, printed register',
    { timeout: 300_000 },
    async () => {
      const { page } = desk;
      await firstRun(page, {
        preset: '管理处:投诉与回访工作流程',
        org: '某物业管理处',
        site: '翠苑小区',
        code: 'CY01',
        desk: '管理处接待处',
        staff: [
          { name: '接待员小何', roles: ['管理处接待员', '办公室'], department: '办公室', pin: '1111' },
          { name: '回访员小冯', roles: ['回访管理员'], department: '办公室', pin: '2222' },
          { name: '部长老林', roles: ['具体解决部门负责人'], department: '工程维修部', pin: '3333' },
          { name: '主任老郑', roles: ['管理处主任'], department: '管理处', pin: '4444' },
        ],
      });
      await signIn(page, '接待员小何', '1111');

      // S9-1: apologise first, then register — the intake says so and records it.
      await clockOf(desk.context).setSystemTime(NOW);
      await page.keyboard.press('F2');
      const intake = page.getByTestId('intake-form');
      await intake.waitFor();
      expect(await intake.textContent()).toContain('请先向住户表示歉意');
      // The director's result is not asked at intake: nobody knows it yet (S9-5, issue 16 finding 8).
      expect(await intake.textContent()).not.toContain('处理结果');
      await page.getByTestId('apologised').check();
      await page.getByTestId('intake-name').focus();
      await page.keyboard.type('冯阿姨');
      await page.getByTestId('intake-phone').focus();
      await page.keyboard.type('13511113333');
      await page.getByTestId('intake-subject').focus();
      await page.keyboard.type('厨房水管接头漏水');
      await pickOption(page, 'intake-category', '维修');
      await page.getByTestId('form-roomNo').focus();
      await page.keyboard.type('2-3-101');
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('case-number').waitFor({ timeout: 30_000 });
      const number = (await page.getByTestId('case-number').textContent()) ?? '';

      // S9-2: the office notifies engineering with a deadline, typed in the dialog as digits.
      await page.getByTestId('act-case.assigned').click();
      const assign = await dialogOpened(page);
      await pickOption(page, 'f-departmentId', '工程维修部');
      await pickOption(page, 'f-assigneeId', '部长老林');
      await assign.getByTestId('f-dueAt').focus();
      await page.keyboard.type('202611281800');
      expect(await assign.getByTestId('f-dueAt').inputValue()).toBe('2026-11-28T18:00');
      await assign.getByTestId('f-instruction').fill('明天下班前修好');
      await assign.getByTestId('action-ok').click();
      await assign.waitFor({ state: 'detached', timeout: 20_000 });
      await expect.poll(async () => (await stageTimer(page, '相关部门限期解决')).text).toContain('2026-11-28 18:00');

      await switchTo(page, '部长老林', '3333', number);
      await act(page, 'case.resolved', { result: '更换厨房水管接头' });
      await expect.poll(async () => (await stageTimer(page, '相关部门限期解决')).state).toBe('met');
      await expect.poll(async () => (await stageTimer(page, /^回访/)).state).toBe('running');

      // S9-7 / S9-10: the callback finds it still dripping — the case is reopened with its own deadline.
      await switchTo(page, '回访员小冯', '2222', number);
      await callBack(page, number, 2, '不满意', '接头处仍有渗水');
      await expect.poll(() => page.getByTestId('case-callback-unsatisfied').count()).toBe(1);
      await expect.poll(async () => (await stageTimer(page, '不合格项目限期解决并再次回访')).state).toBe('running');
      await screenshot(page, 'walk-s9-unsatisfied');

      await switchTo(page, '部长老林', '3333', number);
      await act(page, 'case.resolved', { result: '更换整段水管并加装止水阀' });
      await switchTo(page, '回访员小冯', '2222', number);
      await callBack(page, number, 5, '满意', '两天未再漏水，冯阿姨满意');
      await expect.poll(async () => (await stageTimer(page, '不合格项目限期解决并再次回访')).state).toBe('met');
      await expect.poll(() => page.getByTestId('case-callback-unsatisfied').count()).toBe(0);
      await screenshot(page, 'walk-s9-called-back');

      // S9-5: the office passes the register to the director, who writes the result on it.
      await switchTo(page, '接待员小何', '1111', number);
      await act(page, 'case.approval_requested', { note: '维修已完成，回访满意，请主任填写处理结果' });
      await switchTo(page, '主任老郑', '4444', number);
      await page.getByTestId('act-case.approval_decided').click();
      const decide = await dialogOpened(page);
      expect(await decide.textContent()).toContain('主任处理结果');
      // Ctrl+Enter saves from the text area as the save button does, with its checks: no decision chosen, then
      // no result written — each is said in zh-CN and nothing is written.
      const result = decide.getByTestId('f-opinion');
      await result.click();
      await page.keyboard.press('Control+Enter');
      await expect.poll(() => decide.locator('.ant-form-item-explain-error').allInnerTexts()).toContainEqual(expect.stringContaining('审批结论'));
      await pickOption(page, 'f-decision', '同意');
      await result.click();
      await page.keyboard.press('Control+Enter');
      await expect.poll(() => dialogErrors(decide)).toContain('请填写主任处理结果');
      await screenshot(page, 'walk-s9-director-result');
      expect(await page.getByTestId('waiting-approval').textContent()).toContain('管理处主任填写处理结果');
      await page.keyboard.type('工程维修部更换整段水管并加装止水阀，两次回访，住户满意');
      await page.keyboard.press('Control+Enter');
      await decide.waitFor({ state: 'detached', timeout: 20_000 });
      // The department head's sign-off follows at once.
      await expect.poll(() => page.getByTestId('waiting-approval').textContent()).toContain('具体解决部门负责人签字认可');
      await switchTo(page, '部长老林', '3333', number);
      await decideApproval(page, '同意', '确认');
      await expect.poll(() => page.getByTestId('waiting-approval').count()).toBe(0);

      const text = await printedText(page, '登记表', 'walk-s9-register');
      for (const said of [
        number,
        '业主/租户投诉处理登记表',
        '冯阿姨',
        '2-3-101',
        '维修',
        '致歉确认已致歉',
        '工程维修部',
        '更换整段水管并加装止水阀',
        '主任处理结果工程维修部更换整段水管并加装止水阀，两次回访，住户满意（主任老郑',
        '审批意见具体解决部门负责人签字认可',
        '同意：确认（部长老林',
      ])
        expect(text).toContain(said);
    },
  );
});
