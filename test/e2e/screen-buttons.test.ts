import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from '../helpers/browser';
import { firstRun, registerPropertyComplaint, signIn, sunnyGardenDesk } from './desk-steps';
import { openDeskPage, startRealDesk, type RealDesk } from './real-shell';
import { pdfText } from '../documents/pdf-tools';

// Issue 11: buttons of the desk that no e2e test pressed (test/action-coverage.test.ts lists them from the
// code): 快速登记's 返回 and 清空草稿, the queue's 清除筛选 and the case page's 打印 → 回访记录表. Each is
// pressed as the clerk does, on a 1366×768 laptop with animations on and the desk's fixed clock.

let desk: RealDesk;

beforeAll(async () => {
  desk = await startRealDesk();
}, 120_000);
afterAll(() => desk?.close());

/** A fresh 阳光花园 desk with 李助理 (业服助理) signed in. */
async function signedIn(name: string): Promise<Page> {
  const page = await openDeskPage(desk.browser, 'about:blank', 'fixed', { animations: true, viewport: { width: 1366, height: 768 } });
  await page.goto(`${desk.host.shell.url}/?desk=${name}_${Date.now()}`);
  await firstRun(page, sunnyGardenDesk({ name: '李助理', roles: ['业服助理'], department: '业主服务中心', pin: '2468' }));
  await signIn(page, '李助理', '2468');
  return page;
}

describe('screen buttons outside the case actions', () => {
  it(
    '快速登记: 返回 goes to the queue keeping what was typed as a draft, which comes back; 清空草稿 empties the form and the draft',
    { timeout: 120_000 },
    async () => {
      const page = await signedIn('intake_buttons');
      await page.keyboard.press('F2');
      await page.getByTestId('intake-form').waitFor();
      await page.keyboard.type('王先生'); // the cursor starts in the name
      await page.getByTestId('intake-subject').click();
      await page.keyboard.type('地下车库照明不亮');
      await expect.poll(() => page.getByTestId('draft-status').textContent(), { timeout: 15_000 }).toContain('草稿已自动保存');

      await page.getByRole('button', { name: /返回/ }).click();
      await page.getByTestId('queue-table').waitFor();
      await page.keyboard.press('F2');
      await expect.poll(() => page.getByTestId('intake-name').inputValue(), { timeout: 15_000 }).toBe('王先生');
      expect(await page.getByTestId('intake-subject').inputValue()).toBe('地下车库照明不亮');
      await page.getByText('已恢复上次未保存的登记草稿。').waitFor();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'intake-draft-restored.png') });

      await page.getByRole('button', { name: '清空草稿' }).click();
      await expect.poll(() => page.getByTestId('intake-name').inputValue()).toBe('');
      expect(await page.getByTestId('intake-subject').inputValue()).toBe('');
      // The clerk pauses before leaving, longer than the draft's autosave delay: emptying the form must not
      // itself be saved as a draft (it was, and the next 快速登记 said 已恢复… over an empty form).
      await page.waitForTimeout(1000);
      // Gone for good: back to the queue and in again, the form is empty.
      await page.getByRole('button', { name: /返回/ }).click();
      await page.getByTestId('queue-table').waitFor();
      await page.keyboard.press('F2');
      await page.getByTestId('intake-form').waitFor();
      await page.waitForTimeout(1000); // a draft, were there one, is loaded at once
      expect(await page.getByTestId('intake-name').inputValue()).toBe('');
      expect(await page.getByText('已恢复上次未保存的登记草稿。').count()).toBe(0);
      await page.close();
    },
  );

  it('工作台: a search that finds nothing says so, and 清除筛选 brings the cases back', { timeout: 120_000 }, async () => {
    const page = await signedIn('queue_clear');
    const number = await registerPropertyComplaint(page, '张女士', '楼上卫生间漏水三天无人处理');
    await page.getByRole('menuitem', { name: /工作台/ }).click();
    await page.getByTestId('queue-table').getByText(number).waitFor();
    // 全部 so the case is listed whoever it is assigned to, then a search for what no case says.
    await page.getByText('全部', { exact: true }).click();
    await page.getByRole('searchbox', { name: '搜索编号、姓名、事由、描述' }).click();
    await page.keyboard.type('电梯困人');
    await page.getByText('没有符合筛选条件的案件。').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'queue-filtered-empty.png') });
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.getByTestId('queue-table').getByText(number).waitFor();
    expect(await page.getByRole('searchbox', { name: '搜索编号、姓名、事由、描述' }).inputValue()).toBe('');
    await page.close();
  });

  it('case page: 打印 → 回访记录表 previews the callback record of this case', { timeout: 120_000 }, async () => {
    const page = await signedIn('print_callback');
    const number = await registerPropertyComplaint(page, '张女士', '楼上卫生间漏水三天无人处理');
    await page.getByTestId('print-menu').click();
    const rendered = page.waitForResponse((r) => r.url().endsWith('/bridge/documents.render'));
    await page.locator('.ant-dropdown:visible').getByText('回访记录表').click();
    const body = (await (await rendered).json()) as { ok: boolean; value: { pdfBase64: string } };
    expect(body.ok).toBe(true);
    const text = pdfText(Buffer.from(body.value.pdfBase64, 'base64'), true);
    expect(text).toContain('回访记录表');
    expect(text).toContain(number);
    expect(text).toContain('张女士');
    const preview = page.locator('.ant-modal-wrap:visible .ant-modal').last();
    expect(await preview.locator('.ant-modal-title').textContent()).toContain('回访记录表');
    await preview.getByTestId('pdf-page-count').waitFor();
    await page.mouse.move(0, 0);
    await page.locator('.ant-dropdown:visible').waitFor({ state: 'hidden' });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'print-callback-record.png') });
    await page.close();
  });
});
