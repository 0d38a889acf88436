import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleMessage } from 'playwright-core';
import { SCREENSHOT_DIR } from '../helpers/browser';
import { act, dialogOpened, firstRun, signIn, sunnyGardenDesk } from './desk-steps';
import { openDeskPage, registerPropertyComplaint, startRealDesk, type RealDesk } from './real-shell';
import { clockOf } from '../helpers/page-clock';

// 打印 in the browser shell with the real document handlers (pdfmake in the shell's host): the preview is
// the PDF the host rendered, and 打印 hands that PDF to the browser as a download (a local web server
// cannot reach the clerk's printer), recording the print on the case's timeline.

let desk: RealDesk;
const work = mkdtempSync(join(tmpdir(), 'jiesu-print-'));

beforeAll(async () => {
  desk = await startRealDesk();
}, 120_000);
afterAll(() => desk?.close());

function pdfText(bytes: Buffer, name: string): string {
  const file = join(work, name);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

function pdfPageCount(bytes: Buffer, name: string): number {
  const file = join(work, name);
  writeFileSync(file, bytes);
  return Number(/^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
}

/** A fresh 阳光花园 desk on a 1366×768 laptop, animations on, with this staff member of 业主服务中心 signed in. */
async function laptopSignedIn(deskName: string, who: { name: string; roles: string[]; pin: string }) {
  const page = await openDeskPage(desk.browser, 'about:blank', 'fixed', { animations: true, viewport: { width: 1366, height: 768 } });
  await page.goto(`${desk.host.shell.url}/?desk=${deskName}_${Date.now()}`);
  await firstRun(page, sunnyGardenDesk({ ...who, department: '业主服务中心' }));
  await signIn(page, who.name, who.pin);
  return page;
}

describe('printing in the browser shell', () => {
  it('X-2 registration form: preview is the host-rendered PDF, 打印 downloads it and the timeline records 打印', { timeout: 120_000 }, async () => {
    // Every CSP violation on the way (pdf.js must run without eval, CDN or foreign worker).
    const page = await openDeskPage(desk.browser, 'about:blank');
    const violations: string[] = [];
    const watch = (m: ConsoleMessage) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    };
    page.on('console', watch);
    page.on('worker', (w) => w.on('console', watch)); // pdf.js's worker has a console of its own
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Refused to load ${e.blockedURI} (${e.violatedDirective}) at ${e.sourceFile}:${e.lineNumber}`),
      );
    });
    await page.goto(`${desk.host.shell.url}/?desk=print_${Date.now()}`);
    await firstRun(page, sunnyGardenDesk({ name: '李助理', roles: ['业服助理'], department: '业主服务中心', pin: '2468' }));
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
    // 打印时间 is the desk's clock (fixed at 2026-11-28 15:00 Beijing time and running on), not the host's.
    expect(text).toMatch(/打印时间 2026-11-28 15:0\d/);

    // The preview draws the PDF's pages with pdf.js (Chromium's PDF viewer refuses the CSP-sandboxed page).
    const preview = page.locator('.ant-modal:visible');
    expect(await preview.locator('.ant-modal-title').textContent()).toContain('登记表');
    await preview.getByTestId('pdf-page-count').waitFor();
    const pageCount = Number(/^共 (\d+) 页$/.exec((await preview.getByTestId('pdf-page-count').textContent()) ?? '')?.[1]);
    expect(pageCount).toBe(pdfPageCount(pdf, 'preview.pdf'));
    const pages = preview.getByTestId('pdf-page');
    expect(await pages.count()).toBe(pageCount);
    expect(await pages.first().getAttribute('aria-label')).toBe(`第 1 页，共 ${pageCount} 页`);
    // The page carries ink: a fair share of its pixels are dark (text and table rules), not a white sheet.
    const ink = await pages.first().evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 1]! < 128 && data[i + 2]! < 128) dark++;
      return dark / (canvas.width * canvas.height);
    });
    expect(ink).toBeGreaterThan(0.005);
    // pdf.js parses in its worker, a file of the desk's own origin (no CDN, no fallback onto the page).
    expect(page.workers().map((w) => w.url())).toContainEqual(expect.stringMatching(new RegExp(`^${desk.host.shell.url}/.*pdf\\.worker.*\\.mjs$`)));
    await page.mouse.move(0, 0); // the 打印 menu closes, as it does once the clerk looks at the preview
    await page.locator('.ant-dropdown:visible').waitFor({ state: 'hidden' });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'print-preview.png') });
    expect(violations).toEqual([]);

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

    await preview
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('打印');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'print-timeline.png') });
    expect(violations).toEqual([]);
    await page.context().close();
  });
});

describe('print preview on a 1366×768 laptop (animations on)', () => {
  it(
    'X-2 打印 is on screen without scrolling: the preview scrolls its pages inside the dialog, and 打印 under the pointer downloads the PDF',
    { timeout: 120_000 },
    async () => {
      const page = await laptopSignedIn('print_laptop', { name: '李助理', roles: ['业服助理'], pin: '2468' });
      await registerPropertyComplaint(page, '张女士', '楼上卫生间漏水三天无人处理');
      await page.getByTestId('print-menu').click();
      await page.locator('.ant-dropdown:visible').getByText('登记表').click();
      const preview = await dialogOpened(page);
      await preview.getByTestId('pdf-page-count').waitFor();
      await page.mouse.move(0, 0);
      await page.locator('.ant-dropdown:visible').waitFor({ state: 'hidden' });
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'print-preview-1366.png') });

      // The button lies inside the window, and what is drawn at its centre is the button (nothing covers it).
      const button = preview.locator('.ant-modal-footer').getByRole('button', { name: /打\s*印/ });
      const box = (await button.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(768);
      expect(
        await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('button')?.textContent?.replace(/\s/g, ''), {
          x: box.x + box.width / 2,
          y: box.y + box.height / 2,
        }),
      ).toBe('打印');
      // The page scrolls inside the dialog, not the window.
      expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);

      const download = page.waitForEvent('download');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      expect((await download).suggestedFilename()).toContain('登记表');
      await page.context().close();
    },
  );
});

describe('the hand-over notice of a transferred case (animations on)', () => {
  it("S10-7 转办 to another department, then 打印 → 通知单: 派单时间 and 派单人 are the transfer's, not blank", { timeout: 120_000 }, async () => {
    const page = await laptopSignedIn('print_notice', { name: '李助理', roles: ['业服助理', '物业管家'], pin: '2468' });
    await registerPropertyComplaint(page, '张女士', '楼上卫生间漏水三天无人处理');
    await page.keyboard.press('Escape');
    await page.getByTestId('case-actions').waitFor();
    // An hour after registering (15:00), the clerk hands the case on to 秩序维护部.
    await clockOf(page.context()).fastForward('01:00:00');
    await act(page, 'case.transferred', { reason: '渗水点在公共管井，需秩序维护部协调入户' }, { toDepartmentId: '秩序维护部' });
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('秩序维护部');

    await page.getByTestId('print-menu').click();
    const rendered = page.waitForResponse((r) => r.url().endsWith('/bridge/documents.render'));
    await page.locator('.ant-dropdown:visible').getByText('通知单').click();
    const body = (await (await rendered).json()) as { ok: boolean; value: { pdfBase64: string } };
    const text = pdfText(Buffer.from(body.value.pdfBase64, 'base64'), 'notice.pdf');
    expect(text).toMatch(/派单时间\s+2026-11-28 16:00\s+派\s*单\s*人\s+李助理/);
    expect(text).toContain('秩序维护部');
    const preview = await dialogOpened(page);
    await preview.getByTestId('pdf-page-count').waitFor();
    await page.mouse.move(0, 0);
    await page.locator('.ant-dropdown:visible').waitFor({ state: 'hidden' });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'print-notice-transferred-1366.png') });
    await page.context().close();
  });
});

describe('统计分析 and 制度管理 print in the browser shell (animations on)', () => {
  it('X-6 S7-3 S0-1 生成汇总表 and 打印制度 open the print preview with 下载 PDF and 打印, not a dead end', { timeout: 180_000 }, async () => {
    const page = await laptopSignedIn('print_summary', { name: '王管家', roles: ['物业大管家', '业服助理'], pin: '1357' });
    const number = await registerPropertyComplaint(page, '张女士', '楼上卫生间漏水三天无人处理');
    await page.keyboard.press('Escape');

    // 统计分析: the monthly statistics duty (S7-3) offers 生成汇总表 for November.
    await page.getByRole('menuitem', { name: /统计分析/ }).click();
    const duty = page.getByTestId('duty-reminders').locator('.ant-list-item').filter({ hasText: '每月投诉统计' });
    const rendered = page.waitForResponse((r) => r.url().endsWith('/bridge/documents.render'));
    await duty.getByRole('button', { name: '生成汇总表' }).click();
    const body = (await (await rendered).json()) as { ok: boolean; value: { pdfBase64: string; fileName: string } };
    expect(body, JSON.stringify(body).slice(0, 600)).toMatchObject({ ok: true });
    const summaryText = pdfText(Buffer.from(body.value.pdfBase64, 'base64'), 'summary.pdf');
    expect(summaryText).toContain('投诉数据汇总表');
    expect(summaryText).toContain('2026-11（2026-11-01 至 2026-11-30）');
    expect(summaryText).toContain(number);
    let preview = await dialogOpened(page);
    expect(await preview.locator('.ant-modal-title').textContent()).toBe('打印预览 · 汇总表 2026-11');
    await preview.getByTestId('pdf-page-count').waitFor();
    expect(await preview.getByTestId('pdf-page').count()).toBe(pdfPageCount(Buffer.from(body.value.pdfBase64, 'base64'), 'summary.pdf'));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'print-summary-1366.png') });

    // 附案件明细 (issue 14 item 4): ticked by default for a month of at most 2,000 cases. Unticked, the sheet
    // is rendered again without one row per case, and the desk sends no case rows for it; ticked again, the
    // list is back.
    const option = preview.getByRole('checkbox', { name: /附案件明细（共 1 件）/ });
    expect(await option.isChecked()).toBe(true);
    expect(summaryText).toContain('案件明细');
    const unticked = page.waitForResponse((r) => r.url().endsWith('/bridge/documents.render'));
    await preview.getByText('附案件明细（共 1 件）').click();
    const withoutList = await unticked;
    const sent = withoutList.request().postDataJSON() as { data: Record<string, unknown> };
    expect(sent.data).not.toHaveProperty('caseList');
    expect(sent.data).not.toHaveProperty('cases');
    expect(sent.data).toHaveProperty('figures');
    expect(sent.data).toHaveProperty('attention');
    const withoutBody = (await withoutList.json()) as { ok: boolean; value: { pdfBase64: string } };
    expect(withoutBody.ok).toBe(true);
    const withoutText = pdfText(Buffer.from(withoutBody.value.pdfBase64, 'base64'), 'summary-without-list.pdf');
    expect(withoutText).toContain('投诉数据汇总表');
    expect(withoutText).toContain('案件总数');
    expect(withoutText).not.toContain('案件明细');
    expect(await option.isChecked()).toBe(false);
    await preview.getByTestId('pdf-page-count').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'print-summary-without-list-1366.png') });
    const ticked = page.waitForResponse((r) => r.url().endsWith('/bridge/documents.render'));
    await option.click();
    const withList = (await (await ticked).json()) as { ok: boolean; value: { pdfBase64: string } };
    const withText = pdfText(Buffer.from(withList.value.pdfBase64, 'base64'), 'summary-with-list.pdf');
    expect(withText).toContain('案件明细（共 1 件）');
    expect(withText).toContain(number);
    await preview.getByTestId('pdf-page-count').waitFor();

    // 下载 PDF saves the previewed file; 打印 in a browser downloads it too and says how to print it.
    let download = page.waitForEvent('download');
    await preview.getByRole('button', { name: /下载 PDF/ }).click();
    let file = await download;
    expect(file.suggestedFilename()).toBe(body.value.fileName);
    expect(file.suggestedFilename()).toContain('数据汇总表');
    await file.saveAs(join(work, 'summary-downloaded.pdf'));
    expect(pdfText(readFileSync(join(work, 'summary-downloaded.pdf')), 'summary-copy.pdf')).toContain(number);
    download = page.waitForEvent('download');
    await preview.getByRole('button', { name: /打\s*印/ }).click();
    expect((await download).suggestedFilename()).toBe(body.value.fileName);
    await page.getByText('请打开后用浏览器打印').waitFor();
    await preview
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    await preview.waitFor({ state: 'hidden' });

    // A month without cases from the page's own 生成汇总表: no case to list, so the option is off and disabled.
    await page.getByTestId('analysis-period').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '2026-10' }).click();
    const empty = page.waitForResponse((r) => r.url().endsWith('/bridge/documents.render'));
    await page.getByTestId('summary-sheet').click();
    const emptyBody = (await (await empty).json()) as { ok: boolean; value: { pdfBase64: string } };
    expect(pdfText(Buffer.from(emptyBody.value.pdfBase64, 'base64'), 'summary-empty.pdf')).toMatch(/案件总数\s+0\s*件/);
    preview = await dialogOpened(page);
    const emptyOption = preview.getByRole('checkbox', { name: /附案件明细（共 0 件）/ });
    expect(await emptyOption.isChecked()).toBe(false);
    expect(await emptyOption.isDisabled()).toBe(true);
    await preview.getByTestId('pdf-page-count').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'print-summary-empty-1366.png') });
    await preview
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    await preview.waitFor({ state: 'hidden' });

    // 制度管理 → 打印制度: the regulation in force, generated from the policy (S0-1).
    await page.getByRole('menuitem', { name: /制度管理/ }).click();
    const regulation = page.waitForResponse((r) => r.url().endsWith('/bridge/documents.render'));
    await page.getByRole('button', { name: '打印制度' }).click();
    const regBody = (await (await regulation).json()) as { ok: boolean; value: { pdfBase64: string; fileName: string } };
    expect(regBody, JSON.stringify(regBody).slice(0, 600)).toMatchObject({ ok: true });
    const regText = pdfText(Buffer.from(regBody.value.pdfBase64, 'base64'), 'regulation.pdf');
    expect(regText).toContain('业户意见和投诉处理工作制度');
    expect(regText).toContain('阳光花园物业服务有限公司');
    expect(regText).toContain('处理时限');
    preview = await dialogOpened(page);
    expect(await preview.locator('.ant-modal-title').textContent()).toBe('打印预览 · 业户意见和投诉处理工作制度 · 版本 1');
    await preview.getByTestId('pdf-page-count').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'print-regulation-1366.png') });
    download = page.waitForEvent('download');
    await preview.getByRole('button', { name: /下载 PDF/ }).click();
    file = await download;
    expect(file.suggestedFilename()).toBe(regBody.value.fileName);
    expect(file.suggestedFilename()).toContain('工作制度');
    await page.context().close();
  });
});

describe('an 已超时 alert while printing (animations on, 1366×768)', () => {
  it(
    'X-3 the alert pops up above the status bar, under the print preview, closes by itself, stays in 提醒 and does not pop up again on reload',
    { timeout: 180_000 },
    async () => {
      const page = await laptopSignedIn('print_alert', { name: '李助理', roles: ['业服助理'], pin: '2468' });
      const number = await registerPropertyComplaint(page, '张女士', '楼上卫生间漏水三天无人处理');
      await page.keyboard.press('Escape');
      await page.getByTestId('case-actions').waitFor();

      // An hour and a half later nobody has answered: 一般投诉 is to be answered within the hour (S7-13).
      await clockOf(page.context()).fastForward('01:30:00');
      const alert = page.locator('.ant-notification-notice').filter({ hasText: `已超时：${number}` });
      await alert.waitFor();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'alert-breach-1366.png') });
      const box = (await alert.boundingBox())!;
      const statusBar = (await page.getByRole('status').boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(statusBar.y); // above the status bar, not over its bell
      // Over none of the case page's buttons (the action bar is at the top of the page's lower half).
      const covered = await page.locator('#page button:visible').evaluateAll(
        (buttons, b) =>
          buttons
            .filter((el) => {
              const r = el.getBoundingClientRect();
              return r.right > b.x && r.left < b.x + b.width && r.bottom > b.y && r.top < b.y + b.height;
            })
            .map((el) => el.textContent),
        box,
      );
      expect(covered).toEqual([]);

      // The print preview opens over the alert: its corner and its buttons are the dialog's own.
      await page.getByTestId('print-menu').click();
      await page.locator('.ant-dropdown:visible').getByText('登记表').click();
      const preview = await dialogOpened(page);
      await preview.getByTestId('pdf-page-count').waitFor();
      await page.mouse.move(0, 0);
      await page.locator('.ant-dropdown:visible').waitFor({ state: 'hidden' });
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'alert-under-preview-1366.png') });
      const drawnAt = (l: typeof alert) =>
        l.evaluate((el) => {
          const r = el.getBoundingClientRect();
          const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
          return top?.closest('.ant-notification') ? 'alert' : top?.closest('.ant-modal') ? 'dialog' : 'other';
        });
      expect(await drawnAt(preview.locator('.ant-modal-close'))).toBe('dialog');
      for (const name of [/打\s*印/, /下载 PDF/, /关\s*闭/])
        expect(await drawnAt(preview.locator('.ant-modal-footer').getByRole('button', { name }))).toBe('dialog');
      if (await alert.isVisible()) expect(await drawnAt(alert)).not.toBe('alert');
      await preview
        .locator('.ant-modal-footer')
        .getByRole('button', { name: /关\s*闭/ })
        .click();
      await preview.waitFor({ state: 'hidden' });

      // The pop-up closes by itself; the alert stays listed under 提醒.
      await clockOf(page.context()).fastForward('00:00:30');
      await alert.waitFor({ state: 'hidden' });
      await page.getByTestId('alert-bell').click();
      const list = page.locator('.ant-popover:visible');
      await list.getByText(`已超时：${number}`).first().waitFor();
      await page.keyboard.press('Escape');

      // A reload keeps the clerk signed in and the list, and does not pop the same alert up again.
      await page.reload();
      await page.getByTestId('status-staff').waitFor();
      await page.getByTestId('alert-bell').click();
      await page.locator('.ant-popover:visible').getByText(`已超时：${number}`).first().waitFor();
      await page.keyboard.press('Escape');
      await page.goto(page.url().replace(/#.*$/, '') + '#/queue');
      await page.getByText(number).first().waitFor();
      // A few ticks of the one-second ticker that raises alerts, five seconds on.
      await clockOf(page.context()).fastForward('00:00:05');
      await page.waitForTimeout(3_000);
      expect(await page.locator('.ant-notification-notice').count()).toBe(0);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'alert-after-reload-1366.png') });
      await page.context().close();
    },
  );
});
