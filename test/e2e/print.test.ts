import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { WebHost } from '../../src-main/web-host';
import { buildRenderer, SCREENSHOT_DIR, startShell } from '../helpers/browser';
import { firstRun, signIn } from './desk-steps';
import { launchRealDesk, openDeskPage, registerPropertyComplaint } from './real-shell';

// 打印 in the browser shell with the real document handlers (pdfmake in the shell's host): the preview is
// the PDF the host rendered, and 打印 hands that PDF to the browser as a download (a local web server
// cannot reach the clerk's printer), recording the print on the case's timeline.

let host: WebHost;
let browser: Browser;
const work = mkdtempSync(join(tmpdir(), 'jiesu-print-'));

beforeAll(async () => {
  host = await startShell(await buildRenderer());
  browser = await launchRealDesk();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await host?.shell.close();
});

function pdfText(bytes: Buffer, name: string): string {
  const file = join(work, name);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('printing in the browser shell', () => {
  it('X-2 registration form: preview is the host-rendered PDF, 打印 downloads it and the timeline records 打印', { timeout: 120_000 }, async () => {
    const page = await openDeskPage(browser, `${host.shell.url}/?desk=print_${Date.now()}`);
    await firstRun(page, {
      preset: '物业管理',
      org: '阳光花园物业服务有限公司',
      site: '阳光花园小区',
      code: 'YG01',
      desk: '业主服务中心前台',
      staff: [{ name: '李助理', roles: ['业服助理'], department: '业主服务中心', pin: '2468' }],
    });
    await signIn(page, '李助理', '2468');
    const number = await registerPropertyComplaint(page, '张女士', '楼上卫生间漏水三天无人处理');
    expect(number).toMatch(/^YG01-\d{8}-001$/);

    await page.getByTestId('print-menu').click();
    const rendered = page.waitForResponse((r) => r.url().endsWith('/bridge/documents.render'));
    await page.locator('.ant-dropdown:visible').getByText('登记表').click();
    const body = (await (await rendered).json()) as { ok: boolean; value: { pdfBase64: string; fileName: string } };
    expect(body, JSON.stringify(body).slice(0, 600)).toMatchObject({ ok: true });
    const pdf = Buffer.from(body.value.pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf, 'preview.pdf');
    expect(text).toContain('登记表');
    expect(text).toContain(number);
    expect(text).toContain('张女士');
    expect(text).toContain('楼上卫生间漏水三天无人处理');

    const preview = page.locator('.ant-modal:visible');
    await preview.getByTestId('pdf-preview').waitFor();
    expect(await preview.locator('.ant-modal-title').textContent()).toContain('登记表');
    await page.waitForTimeout(1_500); // the PDF viewer paints inside the frame
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'print-preview.png') });

    // 打印: the browser receives the same PDF as a file, and the clerk is told to print it from there.
    const download = page.waitForEvent('download');
    await preview.getByRole('button', { name: /打\s*印/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(body.value.fileName);
    expect(file.suggestedFilename()).toContain('登记表');
    const saved = join(work, 'downloaded.pdf');
    await file.saveAs(saved);
    const downloadedText = pdfText(readFileSync(saved), 'downloaded-copy.pdf');
    expect(downloadedText).toContain(number);
    expect(downloadedText).toContain('张女士');
    await page.getByText('请打开后用浏览器打印').waitFor();

    await preview.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('打印');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'print-timeline.png') });
    await page.context().close();
  });
});
