import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESK_CONTEXT, fixClock, openPage, SCREENSHOT_DIR } from '../helpers/browser';
import { dialogOpened, firstRun, pickOption, signIn, sunnyGardenDesk } from './desk-steps';
import { registerPropertyComplaint, startRealDesk, type RealDesk } from './real-shell';
import { minimalPdf, photoWithExif } from './attachment-fixtures';

// Issue 13 at the desk, as a clerk does it, with antd's animations on: a phone photo through the file
// chooser (downscaled, its EXIF position gone), a PDF letter later, a program renamed 照片.jpg refused
// when chosen (by its bytes; nothing kept), a screenshot pasted with Ctrl+V;
// reload and every file is still there; the PDF and the photo open in the viewer; one file is withdrawn
// with a reason — gone from the files, kept and named in the record.

let desk: RealDesk;
const work = mkdtempSync(join(tmpdir(), 'jiesu-attach-'));
const NOW = Date.parse('2026-11-27T10:00:00+08:00');

beforeAll(async () => {
  desk = await startRealDesk();
}, 180_000);
afterAll(() => desk?.close());

async function chooseFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('attach-add').click();
  await (await chooser).setFiles(file);
}

/** Saves the open 添加附件 dialog and waits for it to go (its closing animation included). */
async function saveAttachment(page: Page, dialog: Awaited<ReturnType<typeof dialogOpened>>): Promise<void> {
  await dialog.getByTestId('attach-save').click();
  await dialog.waitFor({ state: 'detached', timeout: 15_000 });
}

const names = (page: Page) => page.getByTestId('attachment').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));

describe('attachments in Chromium (animations on)', () => {
  it('attach a photo and a PDF through the file chooser and paste a screenshot; reload and see all; view; withdraw one', { timeout: 240_000 }, async () => {
    const context = await desk.browser.newContext({
      ...DESK_CONTEXT,
      viewport: { width: 1366, height: 768 },
      reducedMotion: 'no-preference',
      acceptDownloads: true,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await fixClock(context, NOW);
    const page = await openPage(context, `${desk.host.shell.url}/?desk=attach_${Date.now()}`);
    await firstRun(page, sunnyGardenDesk({ name: '王前台', roles: ['业服助理'], department: '业主服务中心', pin: '1357' }));
    await signIn(page, '王前台', '1357');
    await registerPropertyComplaint(page, '张秀兰', '顶楼天花板渗水');

    // The empty section says how to add a file.
    await page.getByTestId('attachments-empty').getByText('还没有附件').waitFor();
    await page.getByTestId('attachments').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'attachments-empty.png') });

    // 1. A 4000×3000 phone photo carrying an EXIF GPS position, through the file chooser.
    const photo = await photoWithExif(page, 4000, 3000);
    expect(photo.includes(Buffer.from('JIESU-GPS-31.2304N-121.4737E'))).toBe(true);
    await chooseFile(page, { name: '天花板渗水.jpg', mimeType: 'image/jpeg', buffer: photo });
    let dialog = await dialogOpened(page);
    await dialog.getByText('照片已缩小到 2048×1536，并去掉了拍摄位置等信息。').waitFor();
    await dialog.getByTestId('attach-caption').fill('顶楼 1203 室卫生间天花板');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'attachments-dialog.png') });
    await saveAttachment(page, dialog);
    await page.getByText('附件已保存').first().waitFor();
    expect(await names(page)).toEqual(['天花板渗水.jpg']);

    // 2. Later, a PDF letter, recorded as 来信来函.
    await chooseFile(page, { name: '业主来函.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Letter from owner 1203') });
    dialog = await dialogOpened(page);
    await dialog.getByTestId('attach-name').getByText('业主来函.pdf').waitFor();
    await pickOption(page, 'attach-kind', '来信来函');
    await saveAttachment(page, dialog);
    await expect.poll(() => names(page)).toEqual(['天花板渗水.jpg', '业主来函.pdf']);

    // 2b. A "photo" someone handed over on a USB stick is a program renamed 照片.jpg. The desk looks at its
    // bytes when it is chosen: the dialog says what is wrong with it, by name, and 保存 stays off; the clerk
    // closes the dialog and the case's files are as they were — nothing kept, nothing in the record.
    const program = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.from([0x90, 0, 3, 0, 0, 0, 4, 0]),
      Buffer.from('This program cannot be run in DOS mode.\r\n$'),
      Buffer.alloc(2048, 0x41),
    ]);
    await chooseFile(page, { name: '照片.jpg', mimeType: 'image/jpeg', buffer: program });
    dialog = await dialogOpened(page);
    const refusal = dialog.getByTestId('attach-error');
    await refusal
      .getByText('「照片.jpg」标明是 JPEG 图片，但文件内容不是 JPEG 图片，没有添加。它可能是改了扩展名的其他文件，请核实后选择原来的文件。')
      .waitFor();
    expect(await dialog.getByTestId('attach-save').isDisabled()).toBe(true);
    expect(await dialog.getByTestId('attach-preview').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'attachments-refused-not-jpeg.png') });
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    expect(await names(page)).toEqual(['天花板渗水.jpg', '业主来函.pdf']);
    expect(await page.getByTestId('timeline').locator('[data-event-type="case.attachment_added"]').count()).toBe(2);

    // 3. A screenshot copied to the clipboard and pasted onto the page. Headless Chromium has no platform
    // key bindings, so Ctrl+V runs no paste command there; the test hands the page the paste event the
    // browser raises for Ctrl+V, carrying what the clipboard holds.
    await page.evaluate(async () => {
      const c = new OffscreenCanvas(320, 200);
      const g = c.getContext('2d')!;
      g.fillStyle = '#1677ff';
      g.fillRect(0, 0, 320, 200);
      g.fillStyle = '#fff';
      g.fillRect(40, 40, 120, 60);
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': await c.convertToBlob({ type: 'image/png' }) })]);
    });
    await page.locator('body').click({ position: { x: 700, y: 20 } });
    await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const data = new DataTransfer();
      data.items.add(new File([await item!.getType('image/png')], 'image.png', { type: 'image/png' }));
      (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    dialog = await dialogOpened(page);
    const pastedName = (await dialog.getByTestId('attach-name').textContent())!;
    expect(pastedName).toBe('粘贴的图片-202611271000.png');
    await pickOption(page, 'attach-kind', '其他');
    await saveAttachment(page, dialog);
    await expect.poll(() => names(page)).toEqual(['天花板渗水.jpg', '业主来函.pdf', pastedName]);

    // 4. Reload: the files, their thumbnails and their details come back from the desk's own store.
    await page.reload();
    await page.getByTestId('attachment').nth(2).waitFor({ timeout: 30_000 });
    expect(await names(page)).toEqual(['天花板渗水.jpg', '业主来函.pdf', pastedName]);
    // The card draws small copies (a 2048-pixel photo as 320), never the whole kept picture; the viewer below shows that.
    const thumbs = page.getByTestId('attachment-thumb').locator('img');
    await expect.poll(() => thumbs.evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth))).toEqual([320, 320]);
    const photoCard = page.getByTestId('attachment').filter({ hasText: '天花板渗水.jpg' });
    expect(await photoCard.textContent()).toContain('证据');
    expect(await photoCard.textContent()).toContain('顶楼 1203 室卫生间天花板');
    expect(await photoCard.textContent()).toContain('王前台 · 2026-11-27 10:0');
    await page.getByTestId('attachments').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'attachments-after-reload.png') });

    // 5. The PDF opens in the viewer, drawn by pdf.js.
    await page.getByTestId('attachment').filter({ hasText: '业主来函.pdf' }).getByTestId('attachment-thumb').click();
    let viewer = await dialogOpened(page);
    await viewer.locator('canvas').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'attachments-viewer-pdf.png') });
    await viewer.locator('.ant-modal-close').click();
    await viewer.waitFor({ state: 'detached' });

    // The photo opens at full size; downloaded, it is the kept file: 2048 wide, and no EXIF left in it.
    await photoCard.getByTestId('attachment-thumb').click();
    viewer = await dialogOpened(page);
    await expect.poll(() => viewer.getByTestId('viewer-image').evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(2048);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'attachments-viewer-photo.png') });
    const download = page.waitForEvent('download');
    await viewer.getByTestId('viewer-download').click();
    const kept = join(work, 'kept.jpg');
    await (await download).saveAs(kept);
    const bytes = readFileSync(kept);
    expect(bytes.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(bytes.includes(Buffer.from('JIESU-GPS'))).toBe(false);
    expect(bytes.includes(Buffer.from('Exif\0\0'))).toBe(false);
    await viewer.locator('.ant-modal-close').click();
    await viewer.waitFor({ state: 'detached' });

    // 6. Withdraw the pasted picture with a reason: gone from the files, kept in the record with the reason.
    await page.getByTestId('attachment').filter({ hasText: pastedName }).getByTestId('attachment-withdraw').click();
    dialog = await dialogOpened(page);
    expect(await dialog.getByTestId('withdraw-ok').isDisabled()).toBe(true);
    await dialog.getByTestId('withdraw-reason').fill('截图与本案无关');
    await dialog.getByTestId('withdraw-ok').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => names(page)).toEqual(['天花板渗水.jpg', '业主来函.pdf']);
    expect(await page.getByTestId('attachments-withdrawn').textContent()).toBe('已撤回 1 个（见处理记录）');
    const record = page.getByTestId('timeline').locator('[data-event-type="case.attachment_withdrawn"]');
    expect(await record.textContent()).toContain(`撤回附件`);
    expect(await record.textContent()).toContain(`${pastedName}：截图与本案无关`);
    expect(await page.getByTestId('timeline').locator('[data-event-type="case.attachment_added"]').count()).toBe(3);
    await page.reload();
    await page.getByTestId('attachment').nth(1).waitFor({ timeout: 30_000 });
    expect(await names(page)).toEqual(['天花板渗水.jpg', '业主来函.pdf']);
    await page.getByTestId('timeline').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'attachments-withdrawn-record.png') });

    // 7. Print the archive (the browser shell downloads the PDF): every file listed with its hash, kind,
    // who and when, the withdrawn one marked, and the photo drawn as a picture.
    await page.getByTestId('print-menu').click();
    await page.locator('.ant-dropdown:visible').getByText('案件档案').click();
    const preview = await dialogOpened(page);
    await preview.getByTestId('pdf-page-count').waitFor({ timeout: 60_000 });
    const printed = page.waitForEvent('download');
    await preview.getByRole('button', { name: /打\s*印/ }).click();
    const archive = join(work, 'archive.pdf');
    await (await printed).saveAs(archive);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', archive, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('附件（共3个）');
    for (const s of ['天花板渗水.jpg', '业主来函.pdf', pastedName, '证据', '来信来函', '已撤回', '截图与本案无关', '顶楼1203室卫生间天花板'])
      expect(text).toContain(s);
    expect(text).toMatch(/SHA-256[0-9a-f]{64}/);
    const images = execFileSync('pdfimages', ['-list', archive], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .map((l) => l.trim().split(/\s+/))
      .filter((c) => c[2] === 'image');
    // The photo (2048×1536) is drawn; the withdrawn screenshot (320×200) is not.
    expect(images.filter((c) => c[3] === '2048' && c[4] === '1536')).toHaveLength(1);
    expect(images.filter((c) => c[3] === '320' && c[4] === '200')).toHaveLength(0);
    execFileSync('pdftoppm', ['-r', '60', '-png', archive, join(SCREENSHOT_DIR, 'attachments-archive')]);

    // 8. 设置 → 存储: the three files are kept here only (a withdrawn file is hidden, never deleted), and how
    // much of the browser's storage the desk uses.
    await preview.locator('.ant-modal-close').click();
    await page.getByRole('link', { name: '设置' }).click();
    const storage = page.getByTestId('storage-card');
    await storage.scrollIntoViewIfNeeded();
    await storage.getByText('共 3 个，都只保存在这台电脑上，请定期备份。').waitFor();
    await storage.getByText(/本机浏览器存储上限约/).waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'settings-storage.png') });
    await context.close();
  });
});
