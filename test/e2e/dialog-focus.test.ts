import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { cursorAt, dialogOpened, firstRun, propertyAdministrator, screenshot, signIn, sunnyGardenDesk } from './desk-steps';
import { openDeskPage, registerPropertyComplaint, startRealDesk, type RealDesk } from './real-shell';
import { minimalPdf } from './attachment-fixtures';

// Issue 11: a dialog opens with the cursor where the clerk types next, not on the × in its corner (where
// Enter closes the dialog and typing goes nowhere). One desk, animations on, several dialogs opened as a
// person opens them; each time the keyboard alone goes on from where the cursor started: 签名, 添加附件 (a
// chosen file and a camera photo), the attachment viewer (on 下载), 打印预览 (on 打印:
// Enter prints), 拍照 (no fields: the cursor on 拍摄 once the picture plays), 撤回,
// the revision editor and 管理员确认. Ctrl+Enter saves from a field. The case action dialogs are checked in
// callback.test.ts.

const PASSPHRASE = '阳光花园-管理-2026';
let desk: RealDesk;
beforeAll(async () => {
  desk = await startRealDesk({ chromiumArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] });
}, 180_000);
afterAll(() => desk?.close());

async function cursorStartsIn(page: Page, dialog: Locator, testId: string): Promise<void> {
  await dialog.getByTestId(testId).waitFor();
  await expect.poll(() => cursorAt(page)).toBe(testId);
}

/** Opens the list inside `field` and picks the option with `text`. */
async function pick(page: Page, field: Locator, text: string): Promise<void> {
  await field.click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"]):visible .ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .click();
}

const names = (page: Page) => page.getByTestId('attachment').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));

describe('where the cursor starts in a dialog (animations on)', () => {
  it(
    '签名, 添加附件, 拍照, 撤回, the revision editor and 管理员确认 open with the cursor in their first field (拍照: on 拍摄), the viewer on 下载, 打印预览 on 打印, and the keys go on from there',
    { timeout: 300_000 },
    async () => {
      const page = await openDeskPage(desk.browser, `${desk.host.shell.url}/?desk=focus_${Date.now()}`, 'fixed', { animations: true });
      await page.context().grantPermissions(['camera']);
      await firstRun(page, sunnyGardenDesk(propertyAdministrator(PASSPHRASE)));
      await signIn(page, '李助理', PASSPHRASE);
      await registerPropertyComplaint(page, '张秀兰', '楼道墙面开裂');

      // 签名: the cursor in 签名文书; Tab, Tab and the signer's name is typed in its box.
      await page.getByTestId('sign').click();
      let dialog = await dialogOpened(page);
      await cursorStartsIn(page, dialog, 'sign-document');
      await screenshot(page, 'dialog-focus-signature');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.type('张秀兰');
      expect(await dialog.getByTestId('sign-name').inputValue()).toBe('张秀兰');
      await dialog.getByRole('button', { name: /取\s*消/ }).click();
      await dialog.waitFor({ state: 'detached' });

      // 添加附件: the cursor waits for the file to be prepared, then starts in 类别; Tab to 说明, type it, Ctrl+Enter saves.
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('attach-add').click();
      await (await chooser).setFiles({ name: '业主来函.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Letter from owner 1203') });
      dialog = await dialogOpened(page);
      await cursorStartsIn(page, dialog, 'attach-kind');
      await page.keyboard.press('Tab');
      await page.keyboard.type('业主来函原件');
      await page.keyboard.press('Control+Enter');
      await dialog.waitFor({ state: 'detached', timeout: 15_000 });
      await expect.poll(() => names(page)).toEqual(['业主来函.pdf']);
      expect(await page.getByTestId('attachment').textContent()).toContain('业主来函原件');

      // The viewer: the cursor on 下载, its one action, once the file is drawn; Enter saves the file, Esc closes.
      await page.getByTestId('attachment').filter({ hasText: '业主来函.pdf' }).getByTestId('attachment-thumb').click();
      dialog = await dialogOpened(page);
      await dialog.locator('canvas').first().waitFor({ timeout: 30_000 });
      await cursorStartsIn(page, dialog, 'viewer-download');
      const saved = page.waitForEvent('download');
      await page.keyboard.press('Enter');
      expect((await saved).suggestedFilename()).toBe('业主来函.pdf');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      // 打印预览: the cursor on 打印 once the document is drawn, and Enter prints it (the browser shell hands the
      // PDF over as a download, and the case records the print).
      await page.getByTestId('print-menu').click();
      await page.locator('.ant-dropdown:visible').getByText('登记表').click();
      dialog = await dialogOpened(page);
      await dialog.getByTestId('pdf-page-count').waitFor({ timeout: 60_000 });
      await cursorStartsIn(page, dialog, 'preview-print');
      await screenshot(page, 'dialog-focus-print-preview');
      const printed = page.waitForEvent('download');
      await page.keyboard.press('Enter');
      expect((await printed).suggestedFilename()).toMatch(/^登记表.*\.pdf$/);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      // (The record said only 打印文档, not which form.)
      await expect.poll(() => page.getByTestId('timeline').textContent()).toMatch(/打印文档[^登]*李助理登记表/);

      // 拍照 has no field: the cursor goes to 拍摄 once the picture plays, and Enter takes the photo.
      await page.getByTestId('attach-camera').click();
      dialog = await dialogOpened(page);
      await expect.poll(() => dialog.getByTestId('camera-shoot').isEnabled(), { timeout: 20_000 }).toBe(true);
      await cursorStartsIn(page, dialog, 'camera-shoot');
      await page.keyboard.press('Enter');
      await page.getByTestId('camera-video').waitFor({ state: 'detached', timeout: 15_000 });
      dialog = await dialogOpened(page);
      await cursorStartsIn(page, dialog, 'attach-kind');
      await page.keyboard.press('Control+Enter');
      await dialog.waitFor({ state: 'detached', timeout: 15_000 });
      await expect.poll(() => names(page).then((n) => n.length)).toBe(2);

      // 撤回: the cursor in the reason; Ctrl+Enter withdraws.
      await page.getByTestId('attachment').filter({ hasText: '业主来函.pdf' }).getByTestId('attachment-withdraw').click();
      dialog = await dialogOpened(page);
      await cursorStartsIn(page, dialog, 'withdraw-reason');
      await page.keyboard.type('重复上传');
      await page.keyboard.press('Control+Enter');
      await dialog.waitFor({ state: 'detached', timeout: 15_000 });
      await expect.poll(() => names(page).then((n) => n.includes('业主来函.pdf'))).toBe(false);

      // The revision editor: the cursor in 生效日期, whose digits are typed in; Ctrl+Enter saves, and 管理员确认
      // opens with the cursor in the passphrase (the signed-in administrator is proposed).
      await page.goto(page.url().replace(/#.*$/, '') + '#/policy');
      await page.getByTestId('policy-admin').waitFor({ timeout: 60_000 });
      await page.getByTestId('policy-edit').click();
      dialog = await dialogOpened(page);
      await cursorStartsIn(page, dialog, 'revision-effective');
      await page.keyboard.type('20261230');
      expect(await dialog.getByTestId('revision-effective').inputValue()).toBe('2026-12-30');
      // One edit (环境部 renamed), the reason and the approver, then Ctrl+Enter from the reason.
      await pick(page, dialog.getByTestId('revision-section'), '部门');
      await dialog.getByTestId('edit-departments').getByTestId('row-name').nth(4).fill('环境绿化部');
      await pick(page, dialog.getByTestId('revision-approver'), '李助理');
      await dialog.getByTestId('revision-reason').fill('环境部改名');
      await page.keyboard.press('Control+Enter');
      const prompt = page.locator('.ant-modal').filter({ hasText: '管理员确认' });
      await prompt.waitFor();
      await dialogOpened(page);
      await cursorStartsIn(page, prompt, 'admin-confirm-secret');
      await page.keyboard.type(PASSPHRASE);
      await screenshot(page, 'dialog-focus-admin-confirm');
      await page.keyboard.press('Enter');
      await prompt.waitFor({ state: 'detached' });
      await dialog.waitFor({ state: 'detached' });
      const revisions = page.getByTestId('policy-admin').locator('.ant-card').filter({ hasText: '修订记录' }).locator('tbody tr.ant-table-row');
      await expect.poll(() => revisions.count()).toBe(2);
    },
  );
});
