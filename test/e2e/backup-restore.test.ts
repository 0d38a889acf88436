import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WebHost } from '../../src-main/web-host';
import { buildRenderer, DESK_CONTEXT, fixClock, openPage, startShell } from '../helpers/browser';
import { dialogOpened, firstRun, screenshot, signIn, sunnyGardenDesk } from './desk-steps';
import { minimalPdf } from './attachment-fixtures';
import { launchRealDesk, registerPropertyComplaint } from './real-shell';

// Issue 10: backing up a desk and restoring it on a replacement computer, as the people do it, with antd's
// animations on and a fixed clock. Two browser shells stand for two computers (each its own data folder,
// so the second never held the first's backup key). The clerk finds backups impossible until the
// administrator sets a passphrase; the administrator sets it (a short one is refused), backs up, and a
// stranger cannot replace it without the one in force; the scheduled backup is written once the page is
// asked; on the new computer the file is chosen through the file chooser, a wrong passphrase restores
// nothing, the right one brings the case back with its attached letter (issue 13: the backup carries the
// files the server does not hold) and the series of case numbers continues.

const NOW = Date.parse('2026-11-27T10:00:00+08:00');
const PASSPHRASE = '阳光花园备份 2026';
let oldComputer: WebHost;
let newComputer: WebHost;
let browser: Browser;

beforeAll(async () => {
  const renderer = await buildRenderer();
  [oldComputer, newComputer] = await Promise.all([startShell(renderer), startShell(renderer)]);
  browser = await launchRealDesk();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await oldComputer?.shell.close();
  await newComputer?.shell.close();
});

async function deskPage(host: WebHost, profile: string): Promise<Page> {
  const context = await browser.newContext({ ...DESK_CONTEXT, viewport: { width: 1366, height: 768 }, reducedMotion: 'no-preference' });
  await fixClock(context, NOW);
  return openPage(context, `${host.shell.url}/?desk=${profile}`);
}

const backupFiles = (host: WebHost): string[] => (existsSync(host.settings.get().backupFolder) ? readdirSync(host.settings.get().backupFolder) : []);

async function openBackups(page: Page) {
  await page.getByRole('link', { name: '设置' }).click();
  const card = page.getByTestId('backup-card');
  await card.scrollIntoViewIfNeeded();
  return card;
}

async function switchUser(page: Page, name: string, secret: string) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await signIn(page, name, secret);
}

describe('backup and restore in Chromium (animations on)', () => {
  it('the administrator sets the passphrase and backs up; a new computer restores the chosen file with it', { timeout: 300_000 }, async () => {
    const page = await deskPage(oldComputer, 'front');
    await firstRun(
      page,
      sunnyGardenDesk(
        { name: '王前台', roles: ['业服助理'], department: '业主服务中心', pin: '1357' },
        { name: '陈大管家', roles: ['物业大管家'], department: '业主服务中心', pin: '大管家口令 2026' },
      ),
    );
    await signIn(page, '王前台', '1357');
    const number = await registerPropertyComplaint(page, '张秀兰', '顶楼天花板渗水');
    // The owner's letter, attached through the file chooser: this desk has no server, so the backup must carry the file.
    const chooser0 = page.waitForEvent('filechooser');
    await page.getByTestId('attach-add').click();
    await (await chooser0).setFiles({ name: '业主来函.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Letter from owner 1203') });
    const attach = await dialogOpened(page);
    await attach.getByTestId('attach-save').click();
    await attach.waitFor({ state: 'detached', timeout: 15_000 });

    // The clerk: no passphrase, so no backup can be written; the scheduled one the host asked for failed, and says why.
    let card = await openBackups(page);
    await card.getByText('尚未设定备份口令').waitFor();
    await card.getByText('备份口令由管理员设定和更换。').waitFor();
    expect(await card.getByRole('button', { name: '立即备份' }).isDisabled()).toBe(true);
    await card
      .getByTestId('last-scheduled-backup')
      .getByText(/还没有设定备份口令/)
      .waitFor();
    expect(await card.getByPlaceholder('新备份口令（至少 8 个字符）').count()).toBe(0);

    // The administrator: a short passphrase is refused on the field; a good one typed twice is set.
    await switchUser(page, '陈大管家', '大管家口令 2026');
    card = await openBackups(page);
    await card.getByPlaceholder('新备份口令（至少 8 个字符）').fill('1234567');
    await card.getByPlaceholder('再输一次').fill('1234567');
    await card.getByRole('button', { name: '设定备份口令' }).click();
    await card.getByText('备份口令至少需要 8 个字符。').waitFor();
    expect(backupFiles(oldComputer)).toEqual([]);
    await card.getByPlaceholder('新备份口令（至少 8 个字符）').fill(PASSPHRASE);
    await card.getByPlaceholder('再输一次').fill(PASSPHRASE);
    await card.getByRole('button', { name: '设定备份口令' }).click();
    await page.getByText('备份口令已设定。', { exact: true }).waitFor();
    await card.getByText(/备份口令已设定。备份文件用它加密/).waitFor();

    await card.getByRole('button', { name: '立即备份' }).click();
    // The backup is listed (the 已备份 message above it lasts three seconds, too short to wait for on a loaded machine).
    await card.locator('tbody tr').filter({ hasText: '手动' }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'settings-backups');

    // Replacing the passphrase needs the one in force: a wrong one changes nothing and says so.
    await card.getByPlaceholder('原备份口令').fill('我猜的口令 0000');
    await card.getByPlaceholder('新备份口令（至少 8 个字符）').fill('别人的口令 2027');
    await card.getByPlaceholder('再输一次').fill('别人的口令 2027');
    await card.getByRole('button', { name: '更换备份口令' }).click();
    await card.getByText('原备份口令不正确，备份口令没有改动。').waitFor();

    // The host asks for the scheduled backup when the page is there again; now it is written.
    await page.reload();
    card = await openBackups(page);
    await card.locator('tbody tr').filter({ hasText: '自动' }).waitFor({ timeout: 30_000 });
    await card.getByTestId('last-scheduled-backup').getByText(/成功/).waitFor();
    const manual = backupFiles(oldComputer).find((n) => n.endsWith('-manual.jbak'))!;

    // The new computer: first run → 从备份恢复, the file chosen through the file chooser.
    const fresh = await deskPage(newComputer, 'front');
    await fresh.getByTestId('first-run-form').waitFor({ timeout: 60_000 });
    await fresh.getByRole('tab', { name: '从备份恢复' }).click();
    const restore = fresh.getByTestId('restore-backup');
    await restore.getByText('把一台接诉台的备份恢复到这台电脑').waitFor();
    const chooser = fresh.waitForEvent('filechooser');
    await restore.getByRole('button', { name: '选择备份文件…' }).click();
    await (await chooser).setFiles(join(oldComputer.settings.get().backupFolder, manual));
    await restore.getByText(`已选择：${manual}`).waitFor();

    // Without the passphrase, and with a wrong one: refused, the computer stays empty.
    await restore.getByRole('button', { name: /^恢\s?复$/ }).click();
    await restore.getByText(/这个备份用另一个备份口令加密/).waitFor();
    await restore.getByPlaceholder('备份口令（在别的电脑上做的备份需要输入）').fill('阳光花园备份 2025');
    await restore.getByRole('button', { name: /^恢\s?复$/ }).click();
    await restore.getByText(/备份口令不正确。桌面数据没有任何改动。/).waitFor();
    await screenshot(fresh, 'restore-wrong-passphrase');
    expect(await fresh.getByTestId('first-run-form').count()).toBe(1);

    await restore.getByPlaceholder('备份口令（在别的电脑上做的备份需要输入）').fill(PASSPHRASE);
    await restore.getByRole('button', { name: /^恢\s?复$/ }).click();
    await fresh.getByText(/已恢复 \d+ 条记录、\d+ 份配置和 1 个附件文件/).waitFor({ timeout: 30_000 });
    await signIn(fresh, '王前台', '1357');
    await fresh.getByTestId('queue-table').getByRole('link', { name: number }).waitFor({ timeout: 30_000 });
    await screenshot(fresh, 'restored-queue');
    // The letter came back with the case, and opens from this computer's own store.
    await fresh.getByTestId('queue-table').getByRole('link', { name: number }).click();
    await fresh.getByTestId('attachment').filter({ hasText: '业主来函.pdf' }).getByTestId('attachment-thumb').click();
    const viewer = await dialogOpened(fresh);
    await viewer.locator('canvas').first().waitFor({ timeout: 30_000 });
    await viewer.locator('.ant-modal-close').click();
    await viewer.waitFor({ state: 'detached' });

    // The desk's series continues: the next complaint does not take the restored case's number.
    const next = await registerPropertyComplaint(fresh, '李建国', '电梯异响');
    expect(next).toBe(number.replace(/-\d+$/, (n) => `-${String(Number(n.slice(1)) + 1).padStart(n.length - 1, '0')}`));
  });
});
