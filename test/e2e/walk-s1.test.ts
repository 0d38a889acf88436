import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, dialogOpened, firstRun, pickOption, screenshot, signIn } from './desk-steps';
import { decideApproval, printedText, stageTimer, startWalkDesk, switchTo, type WalkDesk } from './walk-steps';
import { clockOf } from '../helpers/page-clock';

// Issue 16: the fire-brigade preset (S1) walked as its people do, animations on, on a fixed clock. At
// 10:00 a caller reports a locked fire exit in a shopping centre; the duty officer registers it by keyboard
// (confidential by default, S1-5), reports to the duty chief the same day (S1-3), who instructs the hand-over
// to fire supervision with a time limit; two inspectors investigate, the handling opinion is approved by the
// administrative leader (S1-10) before the result is fed back to the reporter (S1-11); the duty officer calls
// back from the 回访 queue and prints the registration form, on which the reporter stays masked.

const NOW = Date.parse('2026-11-27T10:00:00+08:00');
let desk: WalkDesk;
beforeAll(async () => {
  // Set-up happens before the walk's clock reads 10:00 (the report's day is counted from there).
  desk = await startWalkDesk('s1', NOW - 30 * 60_000);
}, 300_000);
afterAll(async () => {
  await desk?.close();
});

describe('S1 walk: 火灾隐患举报投诉查处, intake to callback', () => {
  it(
    'S1-2 S1-3 S1-5 S1-10 S1-11 S1-1 same-day report to the chief, instructed hand-over, investigation, approved opinion, feedback, callback and the printed form with the reporter masked',
    { timeout: 300_000 },
    async () => {
      const { page } = desk;
      await firstRun(page, {
        preset: '消防:火灾隐患举报投诉查处',
        org: '某市消防救援大队',
        site: '火灾隐患举报投诉受理中心',
        code: 'XF01',
        desk: '值班室',
        staff: [
          { name: '张值班', roles: ['行政值班员(接访工作人员)'], department: '火灾隐患举报投诉受理中心', pin: '1111' },
          { name: '李首长', roles: ['值班首长'], department: '火灾隐患举报投诉受理中心', pin: '2222' },
          { name: '赵教导员', roles: ['行政领导'], department: '大队领导', pin: '3333' },
          { name: '孙监督', roles: ['消防监督员'], department: '防火监督科', pin: '4444' },
          { name: '周监督', roles: ['消防监督员'], department: '防火监督科', pin: '5555' },
        ],
      });
      await signIn(page, '张值班', '1111');

      // S1-1 / S1-2: the duty officer takes the hotline call at 10:00 and registers it by keyboard.
      await clockOf(desk.context).setSystemTime(NOW);
      await page.keyboard.press('F2');
      const intake = page.getByTestId('intake-form');
      await intake.waitFor();
      // S1-5: a report is confidential unless the officer unticks it.
      expect(await page.getByTestId('intake-confidential').isChecked()).toBe(true);
      await page.getByTestId('intake-name').focus();
      await page.keyboard.type('钱先生');
      await page.getByTestId('intake-phone').focus();
      await page.keyboard.type('13900007777');
      await page.getByTestId('intake-subject').focus();
      await page.keyboard.type('商场安全出口被锁');
      await page.getByTestId('intake-process').focus();
      await page.keyboard.type('上午购物时发现二楼东侧安全出口被铁链锁住');
      await page.getByTestId('intake-demand').focus();
      await page.keyboard.type('尽快查处');
      await pickOption(page, 'intake-category', '火灾隐患');
      await page.getByTestId('form-hazardPlace').focus();
      await page.keyboard.type('新华路88号华联商场二楼东侧安全出口');
      await page.getByTestId('form-reportedUnit').focus();
      await page.keyboard.type('华联商场');
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('case-number').waitFor({ timeout: 30_000 });
      const number = (await page.getByTestId('case-number').textContent()) ?? '';
      expect(number).toMatch(/^XF01-20261127-\d{3}$/);

      // S1-5: the reporter is masked on the case page, even for the officer who took the call.
      const complainant = page.getByTestId('complainant');
      expect(await complainant.textContent()).not.toContain('钱先生');
      expect(await complainant.textContent()).not.toContain('13900007777');
      // S1-3: reported to the duty chief the same day (24:00 of the day of the call, natural time).
      await expect.poll(async () => (await stageTimer(page, '当日报告值班首长')).text).toContain('2026-11-28 00:00');
      // The chief's instruction comes before the hand-over.
      await expect.poll(() => page.getByTestId('act-case.assigned').isDisabled()).toBe(true);
      await act(page, 'case.approval_requested', { note: '群众举报华联商场安全出口上锁，请首长批示' });
      await expect.poll(async () => (await stageTimer(page, '当日报告值班首长')).state).toBe('met');
      await expect.poll(() => page.getByTestId('waiting-approval').textContent()).toContain('由「值班首长」决定');
      await screenshot(page, 'walk-s1-reported');

      // The chief instructs: to fire supervision, within two days.
      await switchTo(page, '李首长', '2222', number);
      await decideApproval(page, '同意', '转防火监督科限两日内查处');
      await expect.poll(() => page.getByTestId('waiting-approval').count()).toBe(0);
      await switchTo(page, '张值班', '1111', number);
      await act(page, 'case.assigned', { instruction: '按首长批示限时查处' }, { departmentId: '防火监督科', assigneeId: '孙监督' });
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已派单');
      // 限时办理: 3 days of natural time from the hand-over (S1-1: no night or weekend is skipped).
      expect((await stageTimer(page, '限时办理')).text).toMatch(/2026-11-30 10:\d\d/);

      // The inspectors investigate by the supervision procedure and grade the hazard (S1-14's levels).
      await switchTo(page, '孙监督', '4444', number);
      expect(await page.getByTestId('complainant').textContent()).not.toContain('钱先生');
      await page.getByTestId('act-case.investigated').click();
      const investigation = await dialogOpened(page);
      await pickOption(page, 'f-inspectorIds', '孙监督');
      await pickOption(page, 'f-inspectorIds', '周监督');
      await page.keyboard.press('Escape');
      await investigation.getByTestId('f-findings').fill('现场检查属实：二楼东侧安全出口被铁链锁闭，已责令当场开启并下达责令改正通知书');
      await investigation.getByTestId('f-verified').check();
      await pickOption(page, 'f-dangerLevel', '一般火灾隐患');
      await investigation.getByTestId('action-ok').click();
      await investigation.waitFor({ state: 'detached', timeout: 20_000 });
      await expect.poll(async () => (await stageTimer(page, '限时办理')).state).toBe('met');
      await act(page, 'case.resolved', { result: '安全出口已开启，商场已整改，依法给予警告' });
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已办结');
      await expect.poll(async () => (await stageTimer(page, '向举报投诉人反馈处理结果')).state).toBe('running');

      // S1-10: no feedback before the administrative leader has approved the handling opinion.
      await switchTo(page, '张值班', '1111', number);
      await expect.poll(() => page.getByTestId('act-case.feedback_given').isDisabled()).toBe(true);
      expect(await page.getByTestId('act-case.feedback_given').getAttribute('aria-description')).toBe('须先经「行政领导」批准（处理意见审批），才能反馈结果。');
      // The step that is next is asking for that approval, not the feedback it holds back.
      await expect.poll(() => page.locator('[data-next=true]').getAttribute('data-testid')).toBe('act-case.approval_requested');
      await act(page, 'case.approval_requested', { note: '处理意见：责令改正并警告，请审批后反馈举报人' });
      await switchTo(page, '赵教导员', '3333', number);
      await decideApproval(page, '同意', '同意处理意见，反馈举报人');

      // S1-11: the result goes back to the reporter; the feedback stage is met.
      await switchTo(page, '张值班', '1111', number);
      await act(page, 'case.feedback_given', { content: '您举报的华联商场安全出口上锁问题已查实，已责令整改并依法处理。' }, { method: '电话' });
      await expect.poll(async () => (await stageTimer(page, '向举报投诉人反馈处理结果')).state).toBe('met');

      // The callback (duty officer, within 3 days) from the 回访 queue.
      await page.goto(page.url().replace(/#.*$/, '#/callbacks'));
      const row = page.getByTestId('callback-table').locator('tr', { hasText: number });
      await expect.poll(() => row.textContent()).toMatch(/2026-11-30 10:\d\d/);
      // S1-5: the queue does not give the reporter away either.
      expect(await row.textContent()).not.toContain('钱先生');
      await row.getByRole('link', { name: number }).click();
      await page.getByTestId('case-number').waitFor();
      await page.getByTestId('act-case.callback_done').click();
      const callback = await dialogOpened(page);
      await pickOption(page, 'f-method', '电话');
      await callback.getByTestId('f-satisfaction').locator('.ant-rate-star').nth(4).click();
      await callback.getByTestId('f-outcome').fill('安全出口已常开，举报人满意');
      await callback.getByTestId('action-ok').click();
      await callback.waitFor({ state: 'detached' });
      const timeline = page.getByTestId('timeline');
      await expect.poll(() => timeline.textContent()).toContain('安全出口已常开');
      for (const step of ['登记', '批准（值班首长）：转防火监督科限两日内查处', '派单', '调查核实', '办结', '批准（行政领导）：同意处理意见', '反馈', '回访'])
        expect(await timeline.textContent()).toContain(step);
      expect(await timeline.textContent()).not.toContain('钱先生');
      // Fed back and called back: what is left is 结案, not an 答复 the case no longer needs (issue 16).
      expect(await page.locator('[data-next=true]').getAttribute('data-testid')).toBe('act-case.closed');
      await screenshot(page, 'walk-s1-called-back');

      // S1-13: the registration form — the place, the unit, the chief's instruction; the reporter masked (S1-5).
      const text = await printedText(page, '登记表', 'walk-s1-register');
      for (const said of [
        number,
        '举报投诉处理登记表',
        '新华路88号华联商场二楼东侧安全',
        '华联商场',
        '火灾隐患',
        '张值班',
        '上午购物时发现二楼东侧安全出口被铁链锁住',
        '尽快查处',
        '调查人：孙监督、周监督',
      ])
        expect(text).toContain(said);
      // The chief's instruction (S1-3) and the leader's approval of the opinion (S1-10) as they were given, and
      // the feedback (S1-11) — none left blank for a pen.
      for (const said of [
        '审批意见主要领导或值班首长批示同意：转防火监督科限两日内查处',
        '（李首长2026-11-2710:00）',
        '审批意见行政领导审批处理意见',
        '同意：同意处理意见，反馈举报人',
        '（赵教导员2026-11-2710:',
        '反馈情况2026-11-2710:',
        '您举报的华联商场安全出口上锁问题已查实',
      ])
        expect(text).toContain(said);
      for (const secret of ['钱先生', '13900007777']) expect(text).not.toContain(secret);
    },
  );
});
