import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from '../helpers/browser';
import { fireBrigadeDesk, firstRun, pickOption, signIn } from './desk-steps';
import { openDeskPage, startRealDesk, type RealDesk } from './real-shell';
import { pdfText } from '../documents/pdf-tools';

// Issue 11: the person who brings a case is called by one word, the regulation's, on screen and on paper.
// A fire-brigade hazard report (S1) called the reporter 投诉人 at intake and on the case page but 举报人 on
// the printed 登记表. The clerk reads the word at intake and on the case page; the registration form the
// desk prints (the real document handlers, read with pdftotext) says the same word beside the name.

let desk: RealDesk;

beforeAll(async () => {
  desk = await startRealDesk();
}, 120_000);
afterAll(() => desk?.close());

/** Intake of a case of this kind by keyboard and clicks; the word the intake shows above the caller's fields. */
async function register(page: Page, kind: string, name: string, subject: string): Promise<string> {
  await page.keyboard.press('F2');
  await page.getByTestId('intake-kind').waitFor();
  await pickOption(page, 'intake-kind', kind);
  const word = ((await page.getByTestId('intake-person').textContent()) ?? '').trim();
  await page.getByTestId('intake-name').fill(name);
  await page.getByTestId('intake-phone').fill('13700002222');
  await page.getByTestId('intake-subject').fill(subject);
  await pickOption(page, 'intake-category', '火灾隐患');
  await page.getByTestId('form-hazardPlace').fill('人民路88号商场负一层东侧疏散通道');
  await page.getByTestId('intake-save').click();
  await page.getByTestId('case-number').waitFor();
  return word;
}

/** 打印 → 登记表: the text of the PDF the preview shows. */
async function printedRegistration(page: Page): Promise<string> {
  await page.getByTestId('print-menu').click();
  const rendered = page.waitForResponse((r) => r.url().endsWith('/bridge/documents.render'));
  await page.locator('.ant-dropdown:visible').getByText('登记表').click();
  const body = (await (await rendered).json()) as { ok: boolean; value: { pdfBase64: string } };
  expect(body.ok).toBe(true);
  const preview = page.locator('.ant-modal-wrap:visible .ant-modal').last();
  await preview.getByTestId('pdf-page-count').waitFor();
  await page.keyboard.press('Escape');
  await preview.waitFor({ state: 'hidden' });
  return pdfText(Buffer.from(body.value.pdfBase64, 'base64'), true);
}

describe('the person who brings a case has one word on screen and on paper', () => {
  it(
    'fire brigade (S1): a hazard report says 举报人 at intake, on the case page, in the reveal refusal and on the printed 登记表; a complaint says 投诉人 on all of them',
    { timeout: 180_000 },
    async () => {
      const page = await openDeskPage(desk.browser, 'about:blank', 'fixed', { animations: true, viewport: { width: 1366, height: 768 } });
      await page.goto(`${desk.host.shell.url}/?desk=person_word_${Date.now()}`);
      await firstRun(page, fireBrigadeDesk({ name: '陈值班', roles: ['行政值班员'], pin: '1111' }));
      await signIn(page, '陈值班', '1111');

      for (const [kind, expected, name] of [
        ['举报', '举报人', '黄先生'],
        ['投诉', '投诉人', '周女士'],
      ] as const) {
        const atIntake = await register(page, kind, name, `${kind}：某商场消防通道堆放大量纸箱`);
        expect(atIntake, `${kind} at intake`).toBe(expected);
        const onTheCase = ((await page.getByTestId('complainant-word').textContent()) ?? '').trim();
        expect(onTheCase, `${kind} on the case page`).toBe(expected);
        await page.screenshot({ path: join(SCREENSHOT_DIR, `person-word-${kind}.png`) });
        // The reporter is confidential (S1-5): the duty officer may not reveal, and is told whose identity it is.
        expect(await page.getByTestId('reveal-identity').getAttribute('aria-description')).toBe(`${expected}身份保密，只有「主要领导、值班首长」可以查看。`);
        const paper = await printedRegistration(page);
        // The name row: the word, then the name as printed (masked: 黄＊＊).
        expect(paper, `${kind} on paper`).toMatch(new RegExp(`${expected}\\s+${name[0]}＊`));
        const other = expected === '举报人' ? '投诉人' : '举报人';
        expect(paper, `${kind}: no other word on paper`).not.toContain(other);
      }
      await page.close();
    },
  );
});
