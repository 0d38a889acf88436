import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR } from '../helpers/browser';
import { longText } from '../helpers/long-case-seed';
import { pdfTextIn } from '../helpers/pdf-text';
import { EMOJI_PLACEHOLDER } from '../../src-main/documents/printable-text';
import { firstRun, signIn, sunnyGardenDesk, typePropertyComplaint } from './desk-steps';
import { openDeskPage, startRealDesk, type RealDesk } from './real-shell';

// Long input typed through the intake (issue 11 "Tests that must exist"): the clerk pastes a 4,000-character
// text with line breaks and emoji into each free-text field of the property intake (a paste is one
// insertText, as the browser does it), saves, and reads the case page at 1366×768 — every text whole, no
// column squeezed to a character or two, nothing wider than the window — then prints 登记表 and the PDF
// holds every text whole. Real host (pdfmake in the browser shell), animations on, fixed clock.

let desk: RealDesk;
beforeAll(async () => {
  desk = await startRealDesk();
}, 180_000);
afterAll(() => desk?.close());

/** A text as compared: whitespace removed (a one-line field turns a pasted line break into nothing or a space). */
const squeezed = (s: string) => s.replace(/\s+/g, '');

describe('long texts pasted into the intake (animations on, 1366×768)', () => {
  it(
    'X-5 S1-13 four 4,000-character texts with line breaks and emoji pasted into 起因, 经过, 结果 and 诉求 are saved, shown and printed whole',
    { timeout: 240_000 },
    async () => {
      const page = await openDeskPage(desk.browser, `${desk.host.shell.url}/?desk=intake_long_${Date.now()}`, 'fixed', {
        animations: true,
        viewport: { width: 1366, height: 768 },
      });
      await firstRun(page, sunnyGardenDesk({ name: '王前台', roles: ['业服助理'], department: '业主服务中心', pin: '1357' }));
      await signIn(page, '王前台', '1357');
      await typePropertyComplaint(page, '张秀兰', '卫生间漏水多次报修未果');
      // Each field's short text replaced by a long one: click in, select all, paste.
      const fields = { cause: '起因', process: '经过', result: '结果', demand: '诉求' } as const;
      for (const [field, tag] of Object.entries(fields)) {
        await page.getByTestId(`intake-${field}`).click();
        await page.keyboard.press('Control+A');
        await page.keyboard.insertText(longText(tag));
      }
      // The multi-line fields keep the text as pasted, line breaks and emoji included.
      expect(await page.getByTestId('intake-process').inputValue()).toBe(longText('经过'));
      expect(await page.getByTestId('intake-result').inputValue()).toBe(longText('结果'));
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('case-number').waitFor({ timeout: 30_000 });

      // The case page: every text whole in the summary, each value cell readable, nothing wider than the window.
      const summary = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: /^概要$/ }) });
      await summary.waitFor();
      const shown = squeezed(await summary.innerText());
      for (const tag of Object.values(fields)) expect(shown.includes(squeezed(longText(tag))), `${tag} shown whole`).toBe(true);
      const widths = await summary
        .locator('.ant-descriptions-item-content')
        .evaluateAll((cells) => cells.map((c) => Math.round(c.getBoundingClientRect().width)));
      expect(Math.min(...widths), `value cells ${widths.join(', ')} px wide`).toBeGreaterThanOrEqual(120);
      // The long texts take whole rows, from the first value column to the right edge: not the right half of a
      // row beside a short item, with the labels of that row centred thousands of pixels down.
      const rows = await summary.locator('.ant-descriptions-item-content').evaluateAll((cells) => {
        const first = cells[0]!.getBoundingClientRect();
        const table = cells[0]!.closest('table')!.getBoundingClientRect();
        return cells
          .filter((c) => (c.textContent ?? '').length > 3_000)
          .map((c) => ({ left: Math.round(c.getBoundingClientRect().left - first.left), right: Math.round(table.right - c.getBoundingClientRect().right) }));
      });
      expect(rows).toEqual([
        { left: 0, right: 0 },
        { left: 0, right: 0 },
      ]);
      // Each long text's label beside its first line; 经过 and 结果 with the line breaks pasted into them.
      const labelled = await summary.locator('tr').evaluateAll((trs) => {
        // Where a cell's words begin (the cell itself is as tall as its row).
        const textTop = (cell: Element) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          return range.getClientRects()[0]!.top;
        };
        return trs
          .filter((tr) => (tr.querySelector('.ant-descriptions-item-content')?.textContent ?? '').length > 3_000)
          .map(
            (tr) =>
              Math.abs(Math.round(textTop(tr.querySelector('.ant-descriptions-item-label')!) - textTop(tr.querySelector('.ant-descriptions-item-content')!))) <=
              4,
          );
      });
      expect(labelled).toEqual([true, true]);
      const description = await summary.locator('.ant-descriptions-item-content').filter({ hasText: '【经过】' }).innerText();
      expect(description).toContain(longText('经过'));
      expect(description).toContain(longText('结果'));
      const overflow = await page.evaluate(() =>
        [document.documentElement, ...document.querySelectorAll('.ant-layout-content, .ant-card-body, .ant-descriptions-view')]
          .filter((el) => el.scrollWidth > el.clientWidth + 1)
          .map((el) => `${el.className || el.tagName} ${el.scrollWidth}>${el.clientWidth}`),
      );
      expect(overflow).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'intake-long-case-1366.png') });

      // 打印 → 登记表: the PDF the host rendered holds every text whole (emoji printed as 〔表情〕).
      await page.getByTestId('print-menu').evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await page.getByTestId('print-menu').click();
      const rendered = page.waitForResponse((r) => r.url().endsWith('/bridge/documents.render'), { timeout: 60_000 });
      await page.locator('.ant-dropdown:visible').getByText('登记表', { exact: true }).click();
      const body = (await (await rendered).json()) as { ok: boolean; value: { pdfBase64: string; pages: number } };
      expect(body.ok).toBe(true);
      // The value column of the A4 form (right of the labels, below the page header, above the footer).
      const text = pdfTextIn(Buffer.from(body.value.pdfBase64, 'base64'), { x: 140, y: 55, width: 430, height: 740 });
      for (const tag of Object.values(fields))
        expect(text.includes(squeezed(longText(tag).replace(/\p{Extended_Pictographic}/gu, EMOJI_PLACEHOLDER))), `${tag} printed whole`).toBe(true);
      await page.locator('.ant-modal-wrap:visible .ant-modal').last().getByTestId('pdf-page').first().waitFor({ timeout: 60_000 });
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'intake-long-print-1366.png') });
      await page.context().close();
    },
  );
});
