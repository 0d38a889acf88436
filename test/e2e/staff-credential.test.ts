import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDeskBrowser, type DeskBrowser } from '../helpers/browser';
import { clockOf } from '../helpers/page-clock';
import { cursorAt, dialogOpened, firstRun, pickOption, propertyAdministrator, screenshot, signIn, sunnyGardenDesk } from './desk-steps';

// 设置 → 工作人员 → 重设登录凭据 (issue 10 item 3): a standalone property desk set up through the first-run
// form, where the department head 王主管 was given a PIN. With a PIN he may work but never administer, and
// may not change credentials himself (the button is disabled with the reason). The administrator 李助理,
// signed in with her passphrase, gives him a 管理口令 by clicks and keys and confirms it with hers; then his
// old PIN no longer signs in, the new passphrase does, and with it he confirms an administrator's change.
// Giving 李助理 herself a PIN while she is the only passphrase administrator is refused with the reason.
// 赵管家, locked out after wrong PINs, signs in at once with the PIN 王主管 then gives her.

const ADMIN_PASSPHRASE = '阳光花园-管理-2026';
const HEAD_PASSPHRASE = '工程部-王主管-2026';
let desk: DeskBrowser;
beforeAll(async () => {
  desk = await startDeskBrowser('build', { animations: true });
}, 300_000);
afterAll(async () => {
  await desk?.close();
});

async function openStaffSettings(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.locator('.ant-card').filter({ hasText: '工作人员' }).first().waitFor();
}

const staffRow = (page: Page, name: string) =>
  page.locator('.ant-card').filter({ hasText: '工作人员' }).locator('tbody tr.ant-table-row').filter({ hasText: name });

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByTestId('signin-pin').waitFor();
}

/** Types into a password field the way a person does: click it, then the keys. */
async function typeInto(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).last().click();
  await page.keyboard.type(text);
}

async function openReset(page: Page, name: string) {
  await staffRow(page, name).getByRole('button', { name: '重设登录凭据' }).click();
  const dialog = await dialogOpened(page);
  await dialog.getByText(`重设${name}的登录凭据`).waitFor();
  return dialog;
}

/** The 管理员确认 prompt (the reset dialog's own button also names it). */
const adminPrompt = (page: Page) => page.locator('.ant-modal').filter({ has: page.getByTestId('admin-confirm-secret') });

/** 管理员确认 over the reset dialog: the signed-in administrator types their passphrase and confirms. */
async function confirmAs(page: Page, secret: string): Promise<void> {
  const prompt = adminPrompt(page);
  await prompt.getByTestId('admin-confirm-secret').waitFor();
  await typeInto(page, 'admin-confirm-secret', secret);
  await prompt.getByRole('button', { name: '确认并保存' }).click();
  await prompt.waitFor({ state: 'detached' });
}

describe('resetting a staff member’s credential in Chromium', () => {
  it('an administrator gives a PIN-only department head a 管理口令; his PIN stops working and he administers with the passphrase', async () => {
    const page = await desk.newPage(`credential_${Date.now()}`);
    await firstRun(
      page,
      sunnyGardenDesk(
        propertyAdministrator(ADMIN_PASSPHRASE),
        { name: '王主管', roles: ['相关部门主管'], department: '工程部', pin: '1357' },
        { name: '赵管家', roles: ['物业管家'], pin: '2468' },
      ),
    );

    // 王主管 with his PIN: he sees why he cannot, and who can.
    await signIn(page, '王主管', '1357');
    await openStaffSettings(page);
    await page.getByText('请已用管理口令登录的管理员在此表中您的一行点「重设登录凭据」，为您设置管理口令').waitFor();
    const disabled = staffRow(page, '王主管').getByRole('button', { name: '重设登录凭据' });
    expect(await disabled.isDisabled()).toBe(true);
    expect(await disabled.getAttribute('aria-description')).toBe('只有用管理口令登录的管理员可以重设工作人员的登录凭据。');
    expect(await staffRow(page, '王主管').innerText()).toContain('PIN 码');
    // The pointer over the disabled button shows the same reason.
    const box = (await disabled.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.locator('.ant-tooltip:visible').getByText('只有用管理口令登录的管理员可以重设工作人员的登录凭据。').waitFor();
    await screenshot(page, 'reset-credential-disabled');
    await signOut(page);

    // 李助理 tries to give herself a PIN: she is the only passphrase administrator, so it is refused and nothing changes.
    await signIn(page, '李助理', ADMIN_PASSPHRASE);
    await openStaffSettings(page);
    let dialog = await openReset(page, '李助理');
    await dialog.getByText('PIN 码', { exact: true }).click();
    await typeInto(page, 'reset-credential-secret', '8642');
    await typeInto(page, 'reset-credential-again', '8642');
    await dialog.getByTestId('reset-credential-pin-warning').waitFor();
    await dialog.getByRole('button', { name: '下一步：管理员确认' }).click();
    await dialog
      .getByTestId('reset-credential-error')
      .getByText(
        '李助理是本单位唯一能用管理口令确认管理操作的人：改为 PIN 码后，本单位将没有人能发布制度或管理人员。请先为另一位管理人员设置管理口令，再改此人的凭据。未做任何更改。',
      )
      .waitFor();
    expect(await adminPrompt(page).count()).toBe(0);
    await screenshot(page, 'reset-credential-last-admin-refused');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'detached' });

    // 王主管 gets a 管理口令: typed twice (a mismatch is caught first), then 李助理 confirms with hers.
    dialog = await openReset(page, '王主管');
    expect(await dialog.getByRole('radio', { name: '管理口令' }).isChecked()).toBe(true);
    // The cursor starts in the new passphrase (not on the kind, nor on the dialog's ×): typed, Tab, typed
    // again — Tab goes to 再次输入, not to the field's 显示 eye.
    await expect.poll(() => cursorAt(page)).toBe('reset-credential-secret');
    await page.keyboard.type(HEAD_PASSPHRASE);
    await page.keyboard.press('Tab');
    await page.keyboard.type('工程部-王主管-2025');
    await dialog.getByRole('button', { name: '下一步：管理员确认' }).click();
    await dialog.getByText('两次输入不一致。').waitFor();
    await page.getByTestId('reset-credential-again').last().click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(HEAD_PASSPHRASE);
    await dialog.getByText('两次输入不一致。').waitFor({ state: 'detached' });
    await screenshot(page, 'reset-credential-dialog');
    await page.keyboard.press('Enter');
    await adminPrompt(page).getByText('更改登录凭据会改变谁能登录、谁能做管理操作').waitFor();
    await screenshot(page, 'reset-credential-admin-confirm');
    await confirmAs(page, ADMIN_PASSPHRASE);
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('已为王主管设置新的管理口令，旧的已失效。').waitFor();
    await expect.poll(() => staffRow(page, '王主管').innerText()).toContain('管理口令');
    await signOut(page);

    // 赵管家 has forgotten her PIN: three wrong ones lock her sign-in (session/lockout.ts). The pages' clock
    // stands still from here, so the lock cannot run out before 王主管 resets her PIN below.
    await clockOf(desk.context).setFixedTime(Date.now());
    await pickOption(page, 'signin-staff', '赵管家');
    for (const wrong of ['1111', '2222', '3333']) {
      await page.getByTestId('signin-pin').fill(wrong);
      await page.getByTestId('signin-submit').click();
      await page.getByTestId('signin-error').waitFor();
    }
    await page.getByTestId('signin-error').getByText('赵管家 的登录已暂时锁定', { exact: false }).waitFor();
    await screenshot(page, 'reset-credential-butler-locked');

    // The old PIN no longer signs in; the new passphrase does.
    await pickOption(page, 'signin-staff', '王主管');
    await page.getByTestId('signin-pin').fill('1357');
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('signin-error').waitFor();
    expect(await page.getByTestId('status-staff').count()).toBe(0);
    await page.getByTestId('signin-pin').fill(HEAD_PASSPHRASE);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('status-staff').waitFor();

    // Now he administers: he resets the butler's forgotten PIN and confirms it with his own passphrase.
    await openStaffSettings(page);
    await page.getByText('请已用管理口令登录的管理员').waitFor({ state: 'detached' });
    dialog = await openReset(page, '赵管家');
    await dialog.getByText('PIN 码', { exact: true }).click();
    await typeInto(page, 'reset-credential-secret', '9753');
    await typeInto(page, 'reset-credential-again', '9753');
    await dialog.getByRole('button', { name: '下一步：管理员确认' }).click();
    const prompt = adminPrompt(page);
    await prompt.waitFor();
    expect(await prompt.getByTestId('admin-confirm-who').innerText()).toContain('王主管');
    await confirmAs(page, HEAD_PASSPHRASE);
    await page.getByText('已为赵管家设置新的PIN 码，旧的已失效。').waitFor();
    await signOut(page);
    // The lock was on her old PIN: with the new one she signs in at once, the clock still where it locked.
    await signIn(page, '赵管家', '9753');
    expect(await page.getByTestId('status-staff').textContent()).toContain('赵管家');
  }, 240_000);
});
