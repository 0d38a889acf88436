import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeskBrowser, type DeskBrowser } from '../helpers/browser';
import { closeNotifications, cursorAt, dialogOpened, pickTyped, screenshot } from './desk-steps';
import { cellTexts, ledgerAs, rowsOf, seedLedger } from './ledger-desk';

// Issue 11: 奖惩台账 → 登记费用 (S3-8's 退货运费支出证明) done as the follow-up clerk does it, animations on and
// the clock fixed (TEST_NOW): the dialog opens with the cursor in 案件编号, the keyboard fills it, and what is
// wrong is said in Chinese with nothing saved — no case, no amount, a negative amount (antd's number box
// used to turn −80 into 0 on leaving it and save a 0 元 expense). Then the ledger lists the expense with its
// signature chain, the totals count it, and the case's timeline records it.

let desk: DeskBrowser;
beforeAll(async () => {
  desk = await startDeskBrowser('dev', { animations: true });
}, 180_000);
afterAll(async () => {
  await desk?.close();
});

describe('登记费用 in the ledger (animations on)', () => {
  it(
    'S3-8 the follow-up clerk records a return-freight expense by keyboard; no case, no amount and a negative amount are refused in Chinese with nothing saved; the ledger, its totals and the case timeline show it',
    { timeout: 300_000 },
    async () => {
      const { profile, seed } = await seedLedger(desk, 's3');
      expect(seed.problems).toEqual([]);
      const caseNo = seed.cases.unanswered!;
      const page = await desk.newPage(profile);
      await ledgerAs(page, '陈跟单', '1357');
      const ledgerRows = rowsOf(page, 'ledger-table');
      expect(await ledgerRows.count()).toBe(0);

      // 1. 登记费用: the cursor in 案件编号. 保存 at once: the dialog names what is missing, and stays.
      await page.getByTestId('ledger-expense').click();
      const dialog = await dialogOpened(page);
      await expect.poll(() => cursorAt(page)).toBe('expense-case');
      await dialog.getByTestId('expense-ok').click();
      await expect.poll(() => dialog.getByTestId('expense-error').textContent()).toBe('请选择费用所属的案件。');

      // 2. The case picked by typing its number, 费用项目 already 退货运费支出证明, the amount left empty, the
      //    description typed; Ctrl+Enter: the amount is asked for.
      await dialog.getByTestId('expense-case').click();
      await pickTyped(page, caseNo);
      expect(await dialog.getByTestId('expense-type').textContent()).toContain('退货运费支出证明');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await cursorAt(page)).toBe('expense-amount');
      await page.keyboard.press('Tab');
      await page.keyboard.type('客户退回两箱芒果干的往返物流运费');
      await page.keyboard.press('Control+Enter');
      await expect.poll(() => dialog.getByTestId('expense-error').textContent()).toBe('请填写金额（元），不能为负数。');

      // 3. A negative amount, then 保存 with the mouse (the box loses the cursor first): refused, and the box
      //    still shows what was typed rather than a quiet 0.
      await dialog.getByTestId('expense-amount').click();
      await page.keyboard.type('-80');
      await dialog.getByTestId('expense-ok').click();
      await expect.poll(() => dialog.getByTestId('expense-error').textContent()).toBe('请填写金额（元），不能为负数。');
      expect(await dialog.getByTestId('expense-amount').inputValue()).toBe('-80');
      await screenshot(page, 'expense-1-negative-refused');
      expect(await ledgerRows.count()).toBe(0);

      // 4. The amount corrected, the liable department picked by keyboard, 保存.
      await dialog.getByTestId('expense-amount').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('120');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await cursorAt(page)).toBe('expense-department');
      await pickTyped(page, '物流部');
      await screenshot(page, 'expense-2-filled');
      await dialog.getByTestId('expense-ok').click();
      await dialog.waitFor({ state: 'detached', timeout: 20_000 });
      await page.locator('.ant-message').getByText('已保存。').waitFor();

      // 5. What the clerk checks: one 费用 row for the case, waiting for its signatures in the policy's order
      //    (the clerk's own step first), counted in the totals …
      await expect.poll(() => ledgerRows.count()).toBe(1);
      const [row] = await cellTexts(page, 'ledger-table');
      expect(row!.slice(1, 6)).toEqual([caseNo, '费用', '退货运费支出证明', '+120 元', '物流部']);
      expect(row![7]).toBe('签字中');
      expect(row![8]).toContain('签字顺序：客服部跟单员 → 责任部门负责人 → 打单部经理或助理 → 财务部 → 人力资源部');
      expect(await page.getByTestId('ledger-totals').textContent()).toContain('费用 +120 元');
      // The clerk signs her own step of the voucher; the chain ticks it and waits for the next.
      await ledgerRows
        .first()
        .getByRole('button', { name: /签\s*字/ })
        .click();
      await expect.poll(async () => (await cellTexts(page, 'ledger-table'))[0]![8]).toContain('客服部跟单员✓ → 责任部门负责人 → ');
      await closeNotifications(page);
      await screenshot(page, 'expense-3-ledger');

      // … and the case's timeline records it with its description.
      await page.getByTestId('ledger-table').getByRole('link', { name: caseNo }).click();
      await page.waitForURL(/#\/case\//);
      // (It showed the item's code, return_freight:1, and the signature's document as doc.expense:return_freight:1.)
      const timeline = page.getByTestId('timeline');
      await expect.poll(() => timeline.textContent()).toContain('记录费用');
      expect(await timeline.textContent()).toContain('退货运费支出证明 120 元：客户退回两箱芒果干的往返物流运费');
      expect(await timeline.textContent()).toContain('陈跟单（客服部跟单员）· 退货运费支出证明');
      expect(await timeline.textContent()).not.toContain('return_freight');
      await closeNotifications(page);
      await screenshot(page, 'expense-4-case');
    },
  );
});
