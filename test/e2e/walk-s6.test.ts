import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, dialogErrors, dialogOpened, firstRun, pickOption, screenshot, signIn } from './desk-steps';
import { decideApproval, printedText, stageTimer, startWalkDesk, switchTo, type WalkDesk } from './walk-steps';
import { clockOf } from '../helpers/page-clock';

// Issue 16: the fuel-station preset (S6) walked as its people do, animations on, on a fixed clock. A driver
// complains that the petrol he bought made his car judder; the station manager registers it by keyboard
// (a sample must be tested first), the leader in charge signs an opinion before it is handed on (S6-3),
// a sample goes to the laboratory — the 3-day investigation gives way to 7 days from the sample (S6-5) —,
// two inspectors investigate (S6-4), the written result goes to the leader for review before the reply,
// and only then is the case resolved (S6-5); the station manager calls back and prints the register.

const NOW = Date.parse('2026-11-27T10:00:00+08:00');
let desk: WalkDesk;
beforeAll(async () => {
  // Set-up happens before the walk's clock reads 10:00 (the complaint's days are counted from there).
  desk = await startWalkDesk('s6', NOW - 30 * 60_000);
}, 300_000);
afterAll(async () => {
  await desk?.close();
});

describe('S6 walk: 加油加气站投诉举报, intake to callback', () => {
  it(
    'S6-3 S6-4 S6-5 leader opinion before 派单, sample sent (3 days → 7 days), two inspectors, reviewed written reply before 办结, callback and the printed register',
    { timeout: 300_000 },
    async () => {
      const { page } = desk;
      await firstRun(page, {
        preset: '加油加气站:投诉举报调查处理',
        org: '某石油公司',
        site: '石油城加油加气站',
        code: 'JY01',
        desk: '站长室',
        staff: [
          { name: '董站长', roles: ['站长', '接待人员'], department: '加油加气站', pin: '1111' },
          { name: '分管领导老王', roles: ['分管领导'], department: '公司领导', pin: '2222' },
          { name: '监督员甲', roles: ['监督员'], department: '加油加气站', pin: '3333' },
          { name: '监督员乙', roles: ['监督员'], department: '加油加气站', pin: '4444' },
        ],
      });
      await signIn(page, '董站长', '1111');

      // S6-1: the station manager registers it, by keyboard, received at 10:00.
      await clockOf(desk.context).setSystemTime(NOW);
      await page.keyboard.press('F2');
      const intake = page.getByTestId('intake-form');
      await intake.waitFor();
      // The risk flag's hint names who this preset alerts (S6-9 the station manager), not the fire brigade's S1-6.
      const asked = (await intake.textContent()) ?? '';
      expect(asked).not.toContain('S1-6');
      expect(asked).toContain('勾选后立即通知：站长');
      await page.getByTestId('intake-name').focus();
      await page.keyboard.type('马先生');
      await page.getByTestId('intake-phone').focus();
      await page.keyboard.type('13600004444');
      await page.getByTestId('intake-subject').focus();
      await page.keyboard.type('加的92号汽油疑似不合格，车辆抖动');
      await pickOption(page, 'intake-category', '油品气品质量');
      await pickOption(page, 'form-ledgerClass', '投诉');
      await pickOption(page, 'form-sampleNeeded', '是');
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('case-number').waitFor({ timeout: 30_000 });
      const number = (await page.getByTestId('case-number').textContent()) ?? '';
      expect(number).toMatch(/^JY01-20261127-\d{3}$/);

      // S6-5: investigated within 3 days of receipt.
      await expect.poll(async () => (await stageTimer(page, '自接到举报投诉之日起3日内调查处理')).text).toContain('2026-11-30 10:00');
      // S6-3: a leader signs an opinion before the case is handed on; 派单 says so.
      await expect.poll(() => page.getByTestId('act-case.assigned').isDisabled()).toBe(true);
      expect(await page.getByTestId('act-case.assigned').getAttribute('aria-description')).toContain('领导签署意见');
      await act(page, 'case.approval_requested', { note: '顾客反映92号汽油质量问题，请领导签署意见' });
      await expect.poll(() => page.getByTestId('waiting-approval').textContent()).toContain('由「分管领导」决定');

      await switchTo(page, '分管领导老王', '2222', number);
      await decideApproval(page, '同意', '请站长组织两名监督员调查，先行送样检验');
      await expect.poll(() => page.getByTestId('waiting-approval').count()).toBe(0);

      await switchTo(page, '董站长', '1111', number);
      await act(page, 'case.assigned', { instruction: '按分管领导意见调查处理' });
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已派单');

      // S6-5: the sample goes to the laboratory — the 3-day stage ends and 7 days from the sample begin.
      await act(page, 'case.sample_sent', { sample: '92号汽油油样1升（3号加油机）', lab: '市产品质量监督检验所' });
      await expect.poll(async () => (await stageTimer(page, '自接到举报投诉之日起3日内调查处理')).state).toBe('met');
      await expect.poll(async () => (await stageTimer(page, '送样检验之日起7日内调查处理')).state).toBe('running');
      expect((await stageTimer(page, '送样检验之日起7日内调查处理')).text).toContain('2026-12-04 10:');

      // S6-4: at least two inspectors — the dialog says so in this regulation's terms; one is refused.
      await page.getByTestId('act-case.investigated').click();
      const investigation = await dialogOpened(page);
      const dialogText = (await investigation.textContent()) ?? '';
      expect(dialogText).toContain('本制度要求至少 2 名调查人员');
      expect(dialogText).not.toContain('隐患等级');
      await pickOption(page, 'f-inspectorIds', '监督员甲');
      await page.keyboard.press('Escape');
      await investigation.getByTestId('f-findings').fill('检验报告：该批次92号汽油各项指标合格；车辆抖动系火花塞积碳所致');
      await investigation.getByTestId('action-ok').click();
      await expect.poll(() => dialogErrors(investigation)).toContain('调查至少需要 2 名未回避的检查人员');
      await pickOption(page, 'f-inspectorIds', '监督员乙');
      await page.keyboard.press('Escape');
      await investigation.getByTestId('action-ok').click();
      await investigation.waitFor({ state: 'detached', timeout: 20_000 });
      await expect.poll(async () => (await stageTimer(page, '送样检验之日起7日内调查处理')).state).toBe('met');

      // S6-5: no 办结 before the written reply, and no reply before the leader has reviewed it.
      expect(await page.getByTestId('act-case.resolved').getAttribute('aria-description')).toContain('书面答复');
      await expect.poll(() => page.getByTestId('act-case.replied').isDisabled()).toBe(true);
      await act(page, 'case.approval_requested', { note: '调查结果、拟处理意见和答复函，请分管领导审核' });
      await switchTo(page, '分管领导老王', '2222', number);
      await decideApproval(page, '同意', '答复函可以发出');
      await switchTo(page, '董站长', '1111', number);
      await act(page, 'case.replied', { content: '马先生：经送检，所购92号汽油指标合格，车辆抖动系火花塞积碳所致，建议到维修点清洗。' });
      await page.getByText('答复：已记录').first().waitFor();
      await act(page, 'case.resolved', { result: '油品经检验合格，已书面答复顾客并说明原因' });
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已办结');

      // The callback (station manager, within 3 days) from the 回访 queue.
      await page.goto(page.url().replace(/#.*$/, '#/callbacks'));
      const row = page.getByTestId('callback-table').locator('tr', { hasText: number });
      await expect.poll(() => row.textContent()).toMatch(/2026-11-30 10:\d\d/);
      await row.getByRole('link', { name: number }).click();
      await page.getByTestId('case-number').waitFor();
      await page.getByTestId('act-case.callback_done').click();
      const callback = await dialogOpened(page);
      await pickOption(page, 'f-method', '电话');
      await callback.getByTestId('f-satisfaction').locator('.ant-rate-star').nth(3).click();
      await callback.getByTestId('f-outcome').fill('清洗火花塞后车辆正常，马先生认可处理结果');
      await callback.getByTestId('action-ok').click();
      await callback.waitFor({ state: 'detached' });
      const timeline = page.getByTestId('timeline');
      await expect.poll(() => timeline.textContent()).toContain('清洗火花塞后车辆正常');
      for (const step of [
        '登记',
        '批准（分管领导）：请站长组织两名监督员调查',
        '派单',
        '送样检验',
        '调查核实',
        '批准（分管领导）：答复函可以发出',
        '答复',
        '办结',
        '回访',
      ])
        expect(await timeline.textContent()).toContain(step);
      await screenshot(page, 'walk-s6-called-back');

      // S6-3 / S6-7: the register (举报投诉登记薄) with its ledger class and the sample.
      const text = await printedText(page, '登记表', 'walk-s6-register');
      for (const said of [
        number,
        '举报投诉登记薄',
        '马先生',
        '油品气品质量',
        '台账类别',
        '须先行送样检验',
        '调查情况',
        '调查人：监督员甲、监督员乙',
        '火花塞积碳',
      ])
        expect(text).toContain(said);
      for (const other of ['致歉确认', '严重程度']) expect(text).not.toContain(other);
    },
  );
});
