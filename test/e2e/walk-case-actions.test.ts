import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callInPage, startDeskBrowser, type DeskBrowser } from '../helpers/browser';
import { act, dialogOpened, pickOption, screenshot, signIn } from './desk-steps';
import { stageTimer, switchTo } from './walk-steps';
import { clockOf } from '../helpers/page-clock';

// Issue 11: the case page's less frequent actions, each performed as a person does it (the button, the
// dialog's fields, 确定) with animations on and a fixed clock, and checked where that person would look:
// the timeline, the deadlines, the queue's filters. The walks of the eleven regulations take the usual
// road; this one takes the side roads every preset offers: 备注, 风险标记, 多部门协调, 回避, 上报, 暂停计时 and
// 恢复计时, 申请延期 decided by the department head, 确认接单, and 无法反馈. test/action-coverage.test.ts
// fails when an action of the case page has no end-to-end test like this.

const NOW = Date.parse('2026-11-27T10:00:00+08:00'); // a Friday, 10:00 in China
let desk: DeskBrowser;
beforeAll(async () => {
  desk = await startDeskBrowser('dev', { animations: true });
  await clockOf(desk.context).setSystemTime(NOW);
}, 300_000);
afterAll(async () => {
  await desk?.close();
});

describe("the case page's side roads, walked (starter preset)", () => {
  it(
    'X-3 note, risk flag, coordination, recusal, escalation, pause and resume, an extension decided by the head, hand-over acknowledged, feedback impossible',
    { timeout: 300_000 },
    async () => {
      const profile = `side_roads_${Date.now()}`;
      const seeder = await desk.newPage(`seed_${profile}`);
      expect(await callInPage<string[]>(seeder, 'test/e2e/side-roads-seed.ts', 'seedSideRoadsDesk', [profile, NOW])).toEqual([]);
      await seeder.close();
      const page = await desk.newPage(profile);
      const timeline = () => page.getByTestId('timeline').textContent();
      await signIn(page, '赵前台', '1111');
      await page.keyboard.press('F2');
      await page.getByTestId('intake-name').fill('孙女士');
      await page.getByTestId('intake-phone').fill('13600003333');
      await page.getByTestId('intake-subject').fill('电梯频繁故障困人');
      await page.getByTestId('intake-save').click();
      await page.getByTestId('case-number').waitFor();
      const number = (await page.getByTestId('case-number').textContent()) ?? '';

      // 备注: the clerk's note is in the record.
      await act(page, 'case.note', { text: '孙女士要求上午回电，下午不便接听' });
      await expect.poll(timeline).toContain('孙女士要求上午回电，下午不便接听');

      // 分类定级: 服务质量, 紧急.
      await act(page, 'case.classified', { note: '涉及人身安全，按紧急处理' }, { category: '服务质量', severity: '紧急' });
      await expect.poll(timeline).toContain('投诉 · 服务质量 · 紧急');

      // 风险标记: someone was trapped; the case is listed under 仅风险.
      await act(page, 'case.risk_flagged', { note: '上周有老人被困40分钟' }, { flag: '人身安全风险' });
      await expect.poll(timeline).toContain('人身安全风险：上周有老人被困40分钟');

      // 派单 to 业务部门's handler, who acknowledges it (确认接单).
      await act(page, 'case.assigned', {}, { departmentId: '业务部门', assigneeId: '李承办' });
      await switchTo(page, '李承办', '2222', number);
      await act(page, 'case.handover_acknowledged', { note: '已接单，联系维保单位' });
      await expect.poll(timeline).toContain('已接单，联系维保单位');

      // 多部门协调: one department is no coordination, and the dialog says so under the field; with 业务部门 and
      // 接待处 it is saved, the handler coordinating.
      await page.getByTestId('act-case.coordinated').click();
      const dialog = await dialogOpened(page);
      await pickOption(page, 'f-departmentIds', '接待处');
      await dialog.locator('.ant-modal-title').click();
      await dialog.getByTestId('action-ok').click();
      await dialog.getByText('「协调部门（至少两个）」至少选择 2 项。').waitFor();
      await pickOption(page, 'f-departmentIds', '业务部门');
      await dialog.getByTestId('f-note').fill('接待处负责安抚住户');
      await dialog.getByTestId('action-ok').click();
      await dialog.waitFor({ state: 'detached', timeout: 10_000 });
      await expect.poll(timeline).toContain('接待处、业务部门 · 李承办 · 接待处负责安抚住户');

      // 暂停计时 while the lift maintainer's inspection report is awaited: the 办结 timer says so; then 恢复计时.
      await act(page, 'case.clock_paused', { reason: '等待电梯维保单位出具检测报告' }, { stageId: '办结' });
      await expect.poll(async () => (await stageTimer(page, '办结')).state).toBe('paused');
      await screenshot(page, 'case-clock-paused');
      await act(page, 'case.clock_resumed', { note: '检测报告已收到' }, { stageId: '办结' });
      await expect.poll(async () => (await stageTimer(page, '办结')).state).not.toBe('paused');
      await expect.poll(timeline).toContain('等待电梯维保单位出具检测报告');

      // 申请延期 of 办结 to 10 December 17:30; only the department head may decide it.
      await act(page, 'case.extension_requested', { newDueAt: '2026-12-10T17:30', reason: '需更换曳引机，配件到货约10天' }, { stageId: '办结' });
      expect(await page.getByTestId('act-case.extension_decided').isDisabled()).toBe(true);
      await switchTo(page, '张主任', '3333', number);
      await act(page, 'case.extension_decided', { note: '同意延期' });
      await expect.poll(async () => (await stageTimer(page, '办结')).text).toContain('2026-12-10 17:30');

      // 上报 to 单位负责人; then 回避: the head steps aside (a relative lives in the building), and a person who
      // has stepped aside is offered nothing more on the case.
      await act(page, 'case.escalated', { reason: '同一电梯半年内第三次困人，需单位协调更换' }, { toRole: '单位负责人' });
      await expect.poll(timeline).toContain('单位负责人：同一电梯半年内第三次困人');
      await act(page, 'case.recused', { reason: '本人亲属为该楼住户' }, { staffId: '张主任' });
      await expect.poll(timeline).toContain('张主任：本人亲属为该楼住户');
      await expect.poll(() => page.getByTestId('act-case.note').count()).toBe(0);

      // Resolved, and the result cannot be told to the complainant: 无法反馈, with the reason.
      await switchTo(page, '李承办', '2222', number);
      await act(page, 'case.resolved', { result: '已更换曳引机，电梯检测合格' });
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已办结');
      await act(page, 'case.feedback_impossible', { reason: '投诉人电话停机，上门两次无人' });
      await expect.poll(timeline).toContain('投诉人电话停机，上门两次无人');
      // The feedback step was taken the other way: the next step offered is no longer 反馈结果.
      expect(await page.locator('[data-next=true]').textContent()).not.toContain('反馈结果');
      await screenshot(page, 'case-side-roads-timeline');

      // A second call asks about social insurance: 不予受理 on its case page, with the reason and the explanation.
      await page.keyboard.press('F2');
      await page.getByTestId('intake-name').fill('钱先生');
      await page.getByTestId('intake-phone').fill('13700004444');
      await page.getByTestId('intake-subject').fill('咨询社保缴费基数');
      await page.getByTestId('intake-save').click();
      await page.getByTestId('case-number').waitFor();
      await act(page, 'case.rejected', { explanation: '社保缴费由社保经办机构办理，已告知对方电话12333' }, { reasonCode: '不属于本单位受理范围' });
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('不予受理');
      await expect.poll(timeline).toContain('社保缴费由社保经办机构办理');

      // The queue: 仅风险 lists the case (with 含已结案, as it is resolved).
      await page.goto(page.url().replace(/#.*$/, '#/queue'));
      await page.getByText('含已结案', { exact: true }).click();
      await page.getByText('仅风险', { exact: true }).click();
      await page.getByTestId('queue-table').getByRole('link', { name: number }).waitFor();
    },
  );
});
