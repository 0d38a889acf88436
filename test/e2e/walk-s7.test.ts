import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, dialogOpened, firstRun, pickOption, screenshot, signIn, sunnyGardenDesk, typePropertyComplaint } from './desk-steps';
import { decideApproval, printedText, stageTimer, startWalkDesk, switchTo, type WalkDesk } from './walk-steps';
import { clockOf } from '../helpers/page-clock';

// Issue 16: the property preset (S7) walked as its people do, animations on, on a fixed clock. At 10:00 an
// owner phones about a leaking ceiling and wants it fixed by tomorrow 18:00; the service assistant types it
// in (a general complaint: reply within 1 h, resolve within 2 days or by the owner's date, S7-13), hands it to
// engineering, who replies and resolves it; the result goes back to the owner (S7-8), the butler calls back
// (S7-14), the chief butler signs the register before it is archived (S7-6), and it is printed. A second,
// important complaint is left unresolved: a month later it counts as major (S7-16) and the desk says so.

const NOW = Date.parse('2026-11-27T10:00:00+08:00');
let desk: WalkDesk;
beforeAll(async () => {
  desk = await startWalkDesk('s7', NOW - 30 * 60_000);
}, 300_000);
afterAll(async () => {
  await desk?.close();
});

describe('S7 walk: 业户意见和投诉, intake to archive', () => {
  it(
    "S7-13 S7-8 S7-14 S7-6 S7-16 owner deadline typed by keyboard, reply and resolve in time, feedback, callback, chief signs the register; an open complaint becomes major after a month and then waits for the chief's decision (S7-3)",
    { timeout: 300_000 },
    async () => {
      const { page } = desk;
      await firstRun(
        page,
        sunnyGardenDesk(
          { name: '助理小陈', roles: ['业服助理'], department: '业主服务中心', pin: '1111' },
          { name: '管家小李', roles: ['物业管家'], department: '业主服务中心', pin: '2222' },
          { name: '首席老张', roles: ['首席物业管家'], department: '业主服务中心', pin: '3333' },
          { name: '工程主管老赵', roles: ['相关部门主管'], department: '工程部', pin: '4444' },
        ),
      );
      await signIn(page, '助理小陈', '1111');

      // S7-13: a general complaint with the owner's own deadline, typed as a clerk types a date: digits only.
      await clockOf(desk.context).setSystemTime(NOW);
      await typePropertyComplaint(page, '周先生', '卫生间天花板渗水');
      await page.getByTestId('form-ownerDeadline').focus();
      await page.keyboard.type('202611281800');
      expect(await page.getByTestId('form-ownerDeadline').inputValue()).toBe('2026-11-28T18:00');
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('case-number').waitFor({ timeout: 30_000 });
      const number = (await page.getByTestId('case-number').textContent()) ?? '';

      await expect.poll(async () => (await stageTimer(page, '一般投诉:1小时内答复')).text).toContain('2026-11-27 11:00');
      expect((await stageTimer(page, '一般投诉:2日内处理完毕')).text).toContain('2026-11-29 10:00');
      expect((await stageTimer(page, '一般投诉:业户要求的解决期限')).text).toContain('2026-11-28 18:00');
      // The summary shows the owner's date as a person writes it, not the field's 2026-11-28T18:00.
      expect(await page.locator('.ant-descriptions-item-content', { hasText: '2026-11-28' }).first().textContent()).toBe('2026-11-28 18:00');
      expect((await stageTimer(page, '有效投诉一个月内未合理解决')).text).toContain('2026-12-28 00:00');
      await screenshot(page, 'walk-s7-registered');

      // Handed to engineering (S7-10: accept, pass on, follow): 24 hours to solve or answer (S7-9).
      await act(page, 'case.assigned', { instruction: '今天上门查漏' }, { departmentId: '工程部', assigneeId: '工程主管老赵' });
      await expect.poll(async () => (await stageTimer(page, '交待跟办事项')).state).toBe('running');

      await switchTo(page, '工程主管老赵', '4444', number);
      await act(page, 'case.replied', { content: '已约今天下午上门查看楼上防水' }, { to: '投诉人', method: '电话' });
      await expect.poll(async () => (await stageTimer(page, '一般投诉:1小时内答复')).state).toBe('met');
      await act(page, 'case.resolved', { result: '楼上卫生间防水层已修补，天花板已重新粉刷' });
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已办结');
      for (const stage of ['一般投诉:2日内处理完毕', '一般投诉:业户要求的解决期限', '有效投诉一个月内未合理解决'])
        expect((await stageTimer(page, stage)).state).toBe('met');

      // S7-8 / S7-14: the butler reports the result back and calls back from the 回访 queue.
      await switchTo(page, '管家小李', '2222', number);
      await act(page, 'case.feedback_given', { content: '周先生：防水已修补，天花板已粉刷完毕' }, { method: '电话' });
      await page.goto(page.url().replace(/#.*$/, '#/callbacks'));
      const row = page.getByTestId('callback-table').locator('tr', { hasText: number });
      await expect.poll(() => row.textContent()).toMatch(/2026-12-04 10:\d\d/);
      await row.getByRole('link', { name: number }).click();
      await page.getByTestId('case-number').waitFor();
      await page.getByTestId('act-case.callback_done').click();
      const callback = await dialogOpened(page);
      await pickOption(page, 'f-method', '电话');
      await callback.getByTestId('f-satisfaction').locator('.ant-rate-star').nth(4).click();
      await callback.getByTestId('f-outcome').fill('周先生说天花板已干燥无渗水，满意');
      await callback.getByTestId('action-ok').click();
      await callback.waitFor({ state: 'detached' });

      // S7-6: the chief butler reads and signs the register before it is archived.
      expect(await page.getByTestId('act-case.closed').getAttribute('aria-description')).toContain('首席物业管家');
      await act(page, 'case.approval_requested', { note: '投诉已处理并回访，请查阅签字后存档' });
      await switchTo(page, '首席老张', '3333', number);
      await decideApproval(page, '同意', '已查阅');
      await act(page, 'case.closed', { note: '存档' });
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已关闭');
      await screenshot(page, 'walk-s7-closed');

      const text = await printedText(page, '登记表', 'walk-s7-register');
      for (const said of [
        number,
        '客户投诉登记表',
        '周先生',
        '3-1-1201',
        '设施设备',
        '一般投诉',
        '业户要求的解决期限2026-11-2818:00',
        '楼上卫生间防水层已修补',
        '审批意见首席物业管家查阅签字',
        '同意：已查阅',
        '反馈情况',
      ])
        expect(text).toContain(said);

      // S7-16: an important complaint left unresolved for a month counts as major, and the desk says so.
      await page.goto(page.url().replace(/#.*$/, '#/queue'));
      await page.keyboard.press('F2');
      await page.getByTestId('intake-form').waitFor();
      await page.getByTestId('intake-name').focus();
      await page.keyboard.type('吴女士');
      await page.getByTestId('intake-phone').focus();
      await page.keyboard.type('13911112222');
      await page.getByTestId('intake-subject').focus();
      await page.keyboard.type('保洁员多次未清理楼道垃圾');
      await pickOption(page, 'intake-category', '环境卫生绿化');
      await pickOption(page, 'intake-severity', '重要投诉');
      await page.getByTestId('form-roomNo').focus();
      await page.keyboard.type('5-2-302');
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('case-number').waitFor({ timeout: 30_000 });
      await expect.poll(async () => (await stageTimer(page, '重要投诉:3日内处理完毕')).state).toBe('running');
      expect(await page.getByTestId('case-severity').textContent()).toBe('重要投诉');
      await clockOf(desk.context).setSystemTime(Date.parse('2026-12-28T10:30:00+08:00'));
      await expect.poll(() => page.getByTestId('case-severity').textContent(), { timeout: 15_000 }).toBe('重大投诉（由「重要投诉」超期自动升级）');
      await expect.poll(async () => (await stageTimer(page, '重大投诉:一周内解决')).state).not.toBe(null);
      await screenshot(page, 'walk-s7-escalated');

      // S7-3 on the escalated case: as a major complaint it waits for the chief butler's final decision before
      // it is resolved — the butler sees why, asks for it, the chief decides, and only then is it resolved.
      const escalated = (await page.getByTestId('case-number').textContent()) ?? '';
      await switchTo(page, '管家小李', '2222', escalated);
      await expect.poll(() => page.getByTestId('act-case.resolved').getAttribute('aria-description')).toContain('重大投诉最终处理决定');
      expect(await page.getByTestId('act-case.resolved').getAttribute('aria-description')).toContain('首席物业管家');
      await act(page, 'case.approval_requested', { note: '投诉超过一个月未解决，已转为重大投诉，请作出最终处理决定' });
      await expect.poll(() => page.getByTestId('waiting-approval').textContent()).toContain('重大投诉最终处理决定');
      await switchTo(page, '首席老张', '3333', escalated);
      await decideApproval(page, '同意', '更换保洁班组，每日两次清理');
      await act(page, 'case.resolved', { result: '已更换保洁班组，楼道垃圾每日两次清理' });
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已办结');
    },
  );
});
