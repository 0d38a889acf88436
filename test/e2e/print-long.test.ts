import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRenderer, builtAsset, SCREENSHOT_DIR, TEST_NOW } from '../helpers/browser';
import { longText, SEED_STAFF, type SeededCases } from '../helpers/long-case-seed';
import { EMOJI_PLACEHOLDER } from '../../src-main/documents/printable-text';
import { pdfBodyText } from '../helpers/pdf-text';
import { signIn } from './desk-steps';
import { openDeskPage, startRealDesk, type RealDesk } from './real-shell';

// 打印 → 登记表 of a long case (issue 11 "Measure"): every free-text field at 4,000 characters with line breaks
// and emoji, 300 events. The clerk opens the preview by clicking; the first page is on screen while the later
// ones are still being drawn, with 「正在生成第 n/N 页」 saying how far it is, and then every page is there. The
// PDF the host rendered carries each long text whole. The desk is seeded through its own write path
// (test/helpers/long-case-seed.ts, a page of the built renderer), then used as a person does: sign in, the
// case from the queue, the 打印 menu. Real host (pdfmake in the browser shell), animations on, fixed clock.

let desk: RealDesk;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = await buildRenderer({ longCaseSeed: resolve('test/helpers/long-case-seed.ts') });
  desk = await startRealDesk({ rendererDir });
}, 180_000);
afterAll(() => desk?.close());

describe('print preview of a long case (animations on, 1366×768)', () => {
  it(
    'X-2 登记表 of a case with 4,000-character texts and 300 events: page 1 is shown while the rest are drawn, with progress, then every page; the PDF holds each text whole',
    { timeout: 300_000 },
    async () => {
      const origin = desk.host.shell.url.replace(/\/$/, '');
      const page = await openDeskPage(desk.browser, 'about:blank', 'fixed', { animations: true, viewport: { width: 1366, height: 768 } });
      page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
      // Seed from a page of the desk's origin that does not start the desk, so the seed owns the database.
      await page.goto(`${origin}${builtAsset(rendererDir, 'longCaseSeed')}`);
      await page.addScriptTag({ type: 'module', url: `${origin}${builtAsset(rendererDir, 'longCaseSeed')}` });
      await page.waitForFunction(() => window.longCaseSeed !== undefined);
      const profile = `print_long_${Date.now()}`;
      const seeded: SeededCases = await page.evaluate(([p, now]) => window.longCaseSeed!.seedLongCaseDesk(p, now), [profile, TEST_NOW] as const);
      expect(seeded.problems).toEqual([]);
      const number = seeded.long!.number;

      // What the clerk sees each time a page of the preview appears: how many pages are on screen and what
      // the line above them says (recorded in the page, so no moment is missed between two looks).
      await page.addInitScript(() => {
        const seen: { pages: number; progress: string | null; total: string | null }[] = [];
        (window as unknown as { __pagesSeen: typeof seen }).__pagesSeen = seen;
        new MutationObserver(() => {
          const pages = document.querySelectorAll('[data-testid=pdf-page]').length;
          if (pages && pages !== seen.at(-1)?.pages)
            seen.push({
              pages,
              progress: document.querySelector('[data-testid=pdf-page-progress]')?.textContent ?? null,
              total: document.querySelector('[data-testid=pdf-page-count]')?.textContent ?? null,
            });
        }).observe(document, { childList: true, subtree: true, characterData: true });
      });
      await page.goto(`${origin}/?desk=${profile}`);
      await signIn(page, SEED_STAFF.name, SEED_STAFF.pin);
      await page.getByTestId('queue-table').getByRole('link', { name: number }).click();
      await page.getByTestId('timeline').waitFor();
      // The summary stays readable with the long texts in it (finding 2: a 1,500-character 经过 squeezed the
      // other value column to one character per line): every value cell keeps a readable width.
      const summary = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: /^概要$/ }) });
      const widths = await summary
        .locator('.ant-descriptions-item-content')
        .evaluateAll((cells) => cells.map((c) => Math.round(c.getBoundingClientRect().width)));
      await summary.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'print-long-case-summary-1366.png') });
      expect(widths.length).toBeGreaterThan(4);
      expect(Math.min(...widths), `value cells ${widths.join(', ')} px wide`).toBeGreaterThanOrEqual(120);
      // The long case's page is tall: the clerk brings the 打印 button to the middle of the window, so its menu
      // opens on screen (a menu item below the window's edge would close the menu as the pointer follows it).
      await page.getByTestId('print-menu').evaluate((el) => el.scrollIntoView({ block: 'center' }));

      await page.getByTestId('print-menu').click();
      const rendered = page.waitForResponse((r) => r.url().endsWith('/bridge/documents.render'), { timeout: 120_000 });
      await page.locator('.ant-dropdown:visible').getByText('登记表', { exact: true }).click();
      // (Not dialogOpened: the spinner of the progress line animates for as long as pages are being drawn.)
      const preview = page.locator('.ant-modal-wrap:visible .ant-modal').last();
      await preview.getByTestId('pdf-page').first().waitFor({ timeout: 120_000 });
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'print-long-first-page-1366.png') });
      const body = (await (await rendered).json()) as { ok: boolean; value: { pdfBase64: string; pages: number } };
      expect(body.ok).toBe(true);
      const total = body.value.pages;
      expect(total).toBeGreaterThan(5);

      // Then every page, the progress line replaced by the count.
      await preview.getByTestId('pdf-page-count').waitFor({ timeout: 120_000 });
      expect(await preview.getByTestId('pdf-page-count').textContent()).toBe(`共 ${total} 页`);
      expect(await preview.getByTestId('pdf-page').count()).toBe(total);
      expect(await preview.getByTestId('pdf-page-progress').count()).toBe(0);
      expect(
        await preview
          .getByTestId('pdf-page')
          .nth(total - 1)
          .getAttribute('aria-label'),
      ).toBe(`第 ${total} 页，共 ${total} 页`);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'print-long-all-1366.png') });

      // Page 1 came on screen alone, under 「正在生成第 1/N 页」 (2/N once the next is started) and no page count,
      // and each later page joined it one by one with the line counting up: never all pages at once at the end.
      const seen = await page.evaluate(
        () => (window as unknown as { __pagesSeen: { pages: number; progress: string | null; total: string | null }[] }).__pagesSeen,
      );
      expect(seen[0]).toMatchObject({ pages: 1, total: null });
      expect(seen[0]!.progress).toMatch(new RegExp(`^正在生成第 [12]/${total} 页…$`));
      expect(seen.map((s) => s.pages)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      for (const s of seen.slice(0, -1)) expect(s.progress).toMatch(new RegExp(`^正在生成第 (${s.pages}|${s.pages + 1})/${total} 页…$`));

      // The PDF carries each long text whole, from its first characters to its last (emoji printed as 〔表情〕).
      const text = pdfBodyText(Buffer.from(body.value.pdfBase64, 'base64'), [number, '阳光花园物业服务有限公司', '客户投诉登记表', `编号：${number}`]);
      const printed = (tag: string) =>
        longText(tag)
          .replace(/\p{Extended_Pictographic}/gu, EMOJI_PLACEHOLDER)
          .replace(/\s+/g, '');
      for (const tag of ['起因', '经过', '结果', '内容', '诉求']) expect(text.includes(printed(tag)), `${tag} printed whole`).toBe(true);
      await page.context().close();
    },
  );
});
