import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningDemo } from '../../scripts/start';
import { DEMO_ADMIN_PASSPHRASE } from '../../src-server/demo';
import { issueEnrolmentCode } from '../../src-server/orgs';
import { cursorAt, dialogOpened, pickTyped, screenshot, signIn } from './desk-steps';
import { openDeskPage, startPropertyDemo } from './real-shell';

// 设置 → 工作人员 → 添加工作人员 on a desk joined to the embedded server (the property demo). A new person
// changes who signs in, so the server takes the staff document only under an administrator's session: the
// form asks 管理员确认 before anything is written. A wrong passphrase writes nothing; with the right one the
// person is on the desk and on the server (before, the desk wrote the person unconfirmed and the server refused
// it: the person stayed on this desk only), and signs in with the PIN typed for them.

let demo: RunningDemo;
let browser: Browser;
beforeAll(async () => {
  ({ demo, browser } = await startPropertyDemo('jiesu-staff-add-'));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const staffCard = (page: Page) => page.locator('.ant-card').filter({ hasText: '工作人员' }).first();
const staffRow = (page: Page, name: string) => staffCard(page).locator('tbody tr.ant-table-row').filter({ hasText: name });

async function onServer(name: string): Promise<boolean> {
  const rows = await demo.server.db.query<{ doc: string }>("select doc from config_docs where org_id = $1 and kind = 'staff'", [demo.orgId]);
  return rows.some((r) => r.doc.includes(`"name":"${name}"`));
}

describe('adding a staff member at a joined desk', () => {
  it(
    'the administrator fills the row, confirms with their passphrase (a wrong one writes nothing); the person is on the server and signs in',
    { timeout: 240_000 },
    async () => {
      const { code } = await issueEnrolmentCode(demo.server.db, { orgId: demo.orgId, scope: 'org' });
      const link = `${demo.web!.shell.url}/?desk=staffadd_${Date.now()}&${new URLSearchParams({ server: demo.server.url, code })}`;
      const page = await openDeskPage(browser, link, 'real', { animations: true, viewport: { width: 1366, height: 768 } });
      await page.getByTestId('join-server-form').getByRole('button', { name: '加入服务器' }).click({ timeout: 60_000 });
      await signIn(page, '冯大管家', DEMO_ADMIN_PASSPHRASE);
      await page.getByRole('menuitem', { name: '设置' }).click();
      const form = page.getByTestId('add-staff-form');
      await form.waitFor();

      // The row, by clicks and keys: name, role (typed and picked), department, PIN.
      await form.getByLabel('姓名').click();
      await page.keyboard.type('孙管家');
      // Roles take several: the list stays open after a pick, and Escape closes it.
      await form.getByLabel('角色').click();
      await page.keyboard.type('物业管家');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: '物业管家' }).waitFor();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
      await form.getByLabel('所属部门').click();
      await pickTyped(page, '业主服务中心');
      await page.getByTestId('new-staff-pin').click();
      await page.keyboard.type('3579');
      await form.getByRole('button', { name: '添加工作人员' }).click();

      // 管理员确认: the signed-in administrator proposed, the cursor in the passphrase.
      const prompt = await dialogOpened(page);
      await prompt.getByText('添加孙管家会改变谁能登录本单位的工作台').waitFor();
      expect(await prompt.getByTestId('admin-confirm-who').innerText()).toContain('冯大管家');
      await expect.poll(() => cursorAt(page)).toBe('admin-confirm-secret');
      await page.keyboard.type('not-the-passphrase');
      await prompt.getByRole('button', { name: '确认并添加' }).click();
      await prompt.getByTestId('admin-confirm-error').waitFor();
      await screenshot(page, 'staff-add-confirm-refused');
      expect(await staffRow(page, '孙管家').count()).toBe(0);
      expect(await onServer('孙管家')).toBe(false);

      await prompt.getByTestId('admin-confirm-secret').click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(DEMO_ADMIN_PASSPHRASE);
      await page.keyboard.press('Enter');
      await prompt.waitFor({ state: 'detached' });
      await page.getByText('已添加工作人员 孙管家').waitFor();
      await staffRow(page, '孙管家').waitFor();
      expect(await staffRow(page, '孙管家').innerText()).toMatch(/物业管家[\s\S]*业主服务中心[\s\S]*PIN 码/);
      // On the server, and nothing refused on the way.
      await expect.poll(() => onServer('孙管家'), { timeout: 30_000 }).toBe(true);
      await expect.poll(() => page.getByTestId('sync-status').getAttribute('data-pending'), { timeout: 15_000 }).toBe('0');
      expect(await page.getByText('未通过服务器校验').count()).toBe(0);
      await screenshot(page, 'staff-add-done');

      // In English, the status bar's last sync is a 24-hour time, as every time on the desk (issue 11 finding 10).
      await page.getByText('English', { exact: true }).click();
      const lastSync = page.getByRole('status').getByText(/^Last sync /);
      await lastSync.waitFor();
      expect(await lastSync.innerText()).toMatch(/^Last sync ([01]\d|2[0-3]):[0-5]\d$/);
      await page.getByText('简体中文', { exact: true }).click();

      // The new person signs in with the PIN typed for them.
      await page.getByRole('button', { name: '退出登录' }).click();
      await signIn(page, '孙管家', '3579');
      expect(await page.getByTestId('status-staff').textContent()).toContain('孙管家');
      await page.context().close();
    },
  );
});
