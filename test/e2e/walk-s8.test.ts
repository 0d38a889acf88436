import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, dialogOpened, firstRun, pickOption, screenshot, signIn } from './desk-steps';
import { decideApproval, printedText, stageTimer, startWalkDesk, switchTo, type WalkDesk } from './walk-steps';
import { clockOf } from '../helpers/page-clock';

// Issue 16: the management-office intake preset (S8) walked as its people do, animations on, on a fixed
// clock. At 10:00 an owner comes to the front desk: water has been off in his building all morning and no one
// came — a serious complaint. The front desk registers it by keyboard and hands it to engineering within 20
// minutes (S8-2); the service-centre manager reports it and the office director approves the handling (S8-6);
// engineering resolves it and returns the result to the front desk, which calls back within 3 days (S8-4,
// S8-9) and prints the 业主(用户)投诉处理登记表 (S8-12).

const NOW = Date.parse('2026-11-27T10:00:00+08:00');
let desk: WalkDesk;
beforeAll(async () => {
  desk = await startWalkDesk('s8', NOW - 30 * 60_000);
}, 300_000);
afterAll(async () => {
  await desk?.close();
});

describe('S8 walk: 管理处受理投诉工作流程, intake to callback', () => {
  it(
    'S8-1 S8-2 S8-6 S8-4 S8-9 S8-12 front-desk intake, hand-over within 20 minutes, manager and director approve, resolve, callback within 3 days and the printed register',
    { timeout: 300_000 },
    async () => {
      const { page } = desk;
      await firstRun(page, {
        preset: '管理处:受理投诉工作流程',
        org: '天下城管理处',
        site: '天下城小区',
        code: 'TX01',
        desk: '服务中心前台',
        staff: [
          { name: '前台小周', roles: ['服务中心前台(接诉人)'], department: '服务中心', pin: '1111' },
          { name: '经理老孙', roles: ['服务中心经理'], department: '服务中心', pin: '2222' },
          { name: '主任老钱', roles: ['管理处主任'], department: '管理处办公室', pin: '3333' },
          { name: '部长老吴', roles: ['相关责任部门负责人'], department: '工程部', pin: '4444' },
        ],
      });
      await signIn(page, '前台小周', '1111');

      // S8-1 / S8-2: the front desk is the single intake; registered by keyboard at 10:00.
      await clockOf(desk.context).setSystemTime(NOW);
      await page.keyboard.press('F2');
      await page.getByTestId('intake-form').waitFor();
      await pickOption(page, 'intake-channel', '来访');
      await page.getByTestId('intake-name').focus();
      await page.keyboard.type('郑先生');
      await page.getByTestId('intake-phone').focus();
      await page.keyboard.type('13600008888');
      await page.getByTestId('intake-subject').focus();
      await page.keyboard.type('8栋停水一上午无人处理');
      await pickOption(page, 'intake-category', '工程维修');
      await pickOption(page, 'intake-severity', '重大投诉');
      await page.getByTestId('form-roomNo').focus();
      await page.keyboard.type('8-1-502');
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('case-number').waitFor({ timeout: 30_000 });
      const number = (await page.getByTestId('case-number').textContent()) ?? '';
      expect(number).toMatch(/^TX01-20261127-\d{3}$/);

      // S8-2: delivered to the responsible department within 20 minutes.
      await expect.poll(async () => (await stageTimer(page, '20分钟内送达相关责任部门')).text).toContain('2026-11-27 10:20');
      await act(page, 'case.assigned', { instruction: '8栋停水，立即排查' }, { departmentId: '工程部', assigneeId: '部长老吴' });
      await expect.poll(async () => (await stageTimer(page, '20分钟内送达相关责任部门')).state).toBe('met');
      await screenshot(page, 'walk-s8-assigned');

      // S8-6: a serious complaint is reported by the service-centre manager and approved by the director before it is resolved.
      await switchTo(page, '部长老吴', '4444', number);
      expect(await page.getByTestId('act-case.resolved').getAttribute('aria-description')).toContain('重大投诉报管理处主任审批');
      await act(page, 'case.approval_requested', { note: '8栋主供水阀门损坏，需停水更换，请审批' });
      await switchTo(page, '经理老孙', '2222', number);
      await decideApproval(page, '同意', '情况属实，报主任');
      // The manager's approval forwards it to the director at once (S8-6): waiting for 管理处主任, nothing else to ask.
      await expect.poll(() => page.getByTestId('waiting-approval').textContent()).toContain('由「管理处主任」决定');
      expect(await page.getByTestId('act-case.approval_requested').count()).toBe(0);
      expect(await page.getByTestId('act-case.approval_decided').getAttribute('aria-description')).toContain('管理处主任');
      await switchTo(page, '部长老吴', '4444', number);
      expect(await page.getByTestId('act-case.resolved').getAttribute('aria-description')).toContain('重大投诉报管理处主任审批');
      await switchTo(page, '主任老钱', '3333', number);
      await decideApproval(page, '同意', '同意更换阀门，今日内恢复供水');
      await expect.poll(() => page.getByTestId('waiting-approval').count()).toBe(0);

      // S8-4: engineering resolves and returns the result to the front desk, which calls back (S8-9: within 3 days).
      await switchTo(page, '部长老吴', '4444', number);
      await act(page, 'case.resolved', { result: '更换8栋主供水阀门，15:00恢复供水' });
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已办结');
      await expect.poll(async () => (await stageTimer(page, '处理结束后3日内回访验证')).state).toBe('running');

      await switchTo(page, '前台小周', '1111', number);
      await page.goto(page.url().replace(/#.*$/, '#/callbacks'));
      const row = page.getByTestId('callback-table').locator('tr', { hasText: number });
      await expect.poll(() => row.textContent()).toMatch(/2026-11-30 10:\d\d/);
      await row.getByRole('link', { name: number }).click();
      await page.getByTestId('case-number').waitFor();
      await page.getByTestId('act-case.callback_done').click();
      const callback = await dialogOpened(page);
      await pickOption(page, 'f-method', '电话');
      await callback.getByTestId('f-satisfaction').locator('.ant-rate-star').nth(4).click();
      await callback.getByTestId('f-outcome').fill('供水正常，郑先生满意');
      await callback.getByTestId('action-ok').click();
      await callback.waitFor({ state: 'detached' });
      await expect.poll(async () => (await stageTimer(page, '处理结束后3日内回访验证')).state).toBe('met');
      const timeline = page.getByTestId('timeline');
      for (const step of ['登记', '派单', '批准（服务中心经理）：情况属实，报主任', '批准（管理处主任）：同意更换阀门', '办结', '回访'])
        expect(await timeline.textContent()).toContain(step);
      await screenshot(page, 'walk-s8-called-back');

      // S8-12: the register — room, severity, department, both approvals and the result.
      const text = await printedText(page, '登记表', 'walk-s8-register');
      for (const said of [
        number,
        '业主(用户)投诉处理登记表',
        '郑先生',
        '8-1-502',
        '工程维修',
        '重大投诉',
        '工程部',
        '服务中心经理上报',
        '管理处主任审批',
        '更换8栋主供水阀门',
      ])
        expect(text).toContain(said);
    },
  );
});
