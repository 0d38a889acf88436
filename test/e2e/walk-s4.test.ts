import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, dialogOpened, firstRun, hospitalDesk, pickOption, screenshot, signIn } from './desk-steps';
import { printedText, stageTimer, startWalkDesk, switchTo, type WalkDesk } from './walk-steps';
import { clockOf } from '../helpers/page-clock';

// Issue 16: the hospital preset (S4) walked as its people do, animations on, on a fixed clock. On a Friday
// at 10:00 an outpatient comes to the one-stop service desk about a wrong prescription; the desk nurse
// registers it by keyboard with the contact details and the treatment (S4-6, S4-11); it is a medical
// complaint, so it goes to 医教科 (S4-4), who investigates and resolves it; the complaint office feeds the
// result back within the set working days (S4-6), calls back from the 回访 queue and prints the form.

const NOW = Date.parse('2026-11-27T10:00:00+08:00'); // a Friday
let desk: WalkDesk;
beforeAll(async () => {
  // Set-up happens before the walk's clock reads 10:00 (the working days are counted from there).
  desk = await startWalkDesk('s4', NOW - 30 * 60_000);
}, 300_000);
afterAll(async () => {
  await desk?.close();
});

describe('S4 walk: 人民医院投诉接待, intake to callback', () => {
  it(
    'S4-2 S4-3 S4-4 S4-6 S4-11 one-stop desk intake, routed to 医教科, investigation, feedback within 5 working days, callback and the printed form',
    { timeout: 300_000 },
    async () => {
      const { page } = desk;
      await firstRun(
        page,
        hospitalDesk(
          { name: '周护士', roles: ['一站式服务台接待员'], department: '服务台', pin: '1111' },
          { name: '刘专员', roles: ['投诉管理部门(综合办)专员'], department: '综合办', pin: '2222' },
          { name: '陈科长', roles: ['医教科'], department: '医教科', pin: '3333' },
        ),
      );
      await signIn(page, '周护士', '1111');

      // S4-2 / S4-3: the one-stop desk receives an outpatient and registers it, by keyboard, at 10:00.
      await clockOf(desk.context).setSystemTime(NOW);
      await page.keyboard.press('F2');
      const intake = page.getByTestId('intake-form');
      await intake.waitFor();
      await pickOption(page, 'intake-channel', '来访');
      await pickOption(page, 'intake-reception', '一站式服务台(门诊)');
      await page.getByTestId('intake-name').focus();
      await page.keyboard.type('孙女士');
      await page.getByTestId('intake-phone').focus();
      await page.keyboard.type('13700006666');
      await page.getByTestId('intake-subject').focus();
      await page.keyboard.type('门诊处方剂量开错');
      await page.getByTestId('intake-process').focus();
      await page.keyboard.type('取药时药师发现阿莫西林剂量为常规两倍，退回重开');
      await page.getByTestId('intake-demand').focus();
      await page.keyboard.type('查明原因并道歉');
      // S4-4: a medical complaint goes to 医教科 — the form says so as soon as the category is chosen.
      await pickOption(page, 'intake-category', '医疗投诉');
      await expect.poll(() => page.getByTestId('intake-department').textContent()).toContain('医教科');
      await pickOption(page, 'form-patientType', '门诊病人');
      await page.getByTestId('form-ward').focus();
      await page.keyboard.type('呼吸内科门诊');
      await page.getByTestId('form-recordNo').focus();
      await page.keyboard.type('MZ20261127-0231');
      await page.getByTestId('form-treatmentCourse').focus();
      await page.keyboard.type('11月27日上午呼吸内科门诊就诊，诊断急性支气管炎，开具阿莫西林胶囊');
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('case-number').waitFor({ timeout: 30_000 });
      const number = (await page.getByTestId('case-number').textContent()) ?? '';
      expect(number).toMatch(/^RM01-20261127-\d{3}$/);

      // S4-6: the result is fed back within 5 working days — from Friday, by the end of the next Friday.
      await expect.poll(async () => (await stageTimer(page, '规定时日内反馈调查结果和处理意见')).text).toContain('2026-12-05 00:00');
      expect(await page.getByTestId('case-status').textContent()).not.toBe('已办结');
      // The hospital grades no complaint: no empty 等级 row on the summary.
      const summary = page.locator('.ant-descriptions').first();
      expect(await summary.locator('.ant-descriptions-item-label').allInnerTexts()).not.toContain('等级');
      await screenshot(page, 'walk-s4-registered');

      // 医教科 investigates and resolves it.
      await switchTo(page, '陈科长', '3333', number);
      await page.getByTestId('act-case.investigated').click();
      const investigation = await dialogOpened(page);
      // One investigator is enough here (only S6-4 asks for two), and a hospital grades no fire hazard.
      const asked = (await investigation.textContent()) ?? '';
      for (const other of ['至少', '隐患等级']) expect(asked).not.toContain(other);
      await pickOption(page, 'f-inspectorIds', '陈科长');
      await page.keyboard.press('Escape');
      await investigation.getByTestId('f-findings').fill('接诊医生录入剂量时多输一位，系统未拦截；已约谈接诊医生');
      await investigation.getByTestId('action-ok').click();
      await investigation.waitFor({ state: 'detached', timeout: 20_000 });
      await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('接诊医生录入剂量时多输一位');
      await act(page, 'case.resolved', { result: '向患者当面道歉，处方系统增加剂量上限提示', rectification: '全院门诊医生处方剂量核对培训' });
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已办结');
      // The feedback to the patient is still owed: its timer runs on.
      expect((await stageTimer(page, '规定时日内反馈调查结果和处理意见')).state).not.toBe('met');

      // S4-6: the complaint office feeds the result back; then calls back from the 回访 queue (7 days).
      await switchTo(page, '刘专员', '2222', number);
      await act(page, 'case.feedback_given', { content: '孙女士：经查系医生录入错误，已当面致歉并整改处方系统。' }, { method: '电话' });
      await expect.poll(async () => (await stageTimer(page, '规定时日内反馈调查结果和处理意见')).state).toBe('met');
      await page.goto(page.url().replace(/#.*$/, '#/callbacks'));
      const row = page.getByTestId('callback-table').locator('tr', { hasText: number });
      await expect.poll(() => row.textContent()).toMatch(/2026-12-04 10:\d\d/);
      await row.getByRole('link', { name: number }).click();
      await page.getByTestId('case-number').waitFor();
      await page.getByTestId('act-case.callback_done').click();
      const callback = await dialogOpened(page);
      await pickOption(page, 'f-method', '电话');
      await callback.getByTestId('f-satisfaction').locator('.ant-rate-star').nth(3).click();
      await callback.getByTestId('f-outcome').fill('孙女士认可处理，复诊用药正常');
      await callback.getByTestId('action-ok').click();
      await callback.waitFor({ state: 'detached' });
      const timeline = page.getByTestId('timeline');
      await expect.poll(() => timeline.textContent()).toContain('孙女士认可处理');
      for (const step of ['登记', '调查', '办结', '反馈', '回访']) expect(await timeline.textContent()).toContain(step);
      expect(await page.locator('[data-next=true]').getAttribute('data-testid')).toBe('act-case.closed');
      await screenshot(page, 'walk-s4-called-back');

      // S4-11: the form holds the patient, the treatment, the matter, the investigation, the result and its rectification.
      const text = await printedText(page, '登记表', 'walk-s4-register');
      for (const said of [
        number,
        '病人投诉接待登记表',
        '一站式服务台(门诊)',
        '周护士',
        '孙女士',
        '13700006666',
        '医疗投诉',
        '门诊病人',
        '呼吸内科门诊',
        'MZ20261127-0231',
        '开具阿莫西林胶囊',
        '医教科',
        '接诊医生录入剂量时多输一位',
        '处方系统增加剂量上限提示',
        '整改措施全院门诊医生处方剂量核对培训',
        '反馈情况',
      ])
        expect(text).toContain(said);
      // The archive (S4-11) carries the case in the hospital's own rows: no 严重程度 the hospital never grades.
      const archive = await printedText(page, '案件档案', 'walk-s4-archive');
      for (const said of [number, '孙女士', '开具阿莫西林胶囊', '投诉要求查明原因并道歉']) expect(archive).toContain(said);
      expect(archive).not.toContain('严重程度');
    },
  );
});
