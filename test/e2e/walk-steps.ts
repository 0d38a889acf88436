import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { WebHost } from '../../src-main/web-host';
import { buildRenderer, DESK_CONTEXT, fixClock, launchChromium, openPage, startShell } from '../helpers/browser';
import { dialogOpened, pickOption, signIn } from './desk-steps';

// Issue 16's preset walks: one desk per walk in the browser shell with its REAL bridge (the host renders
// the printed forms with pdfmake), animations on as a person sees them, on the walk's fixed clock.

export interface WalkDesk {
  page: Page;
  context: BrowserContext;
  close(): Promise<void>;
}

export async function startWalkDesk(profile: string, at: number): Promise<WalkDesk> {
  const host: WebHost = await startShell(await buildRenderer());
  const browser: Browser = await launchChromium();
  const context = await browser.newContext({ ...DESK_CONTEXT, reducedMotion: 'no-preference', acceptDownloads: true });
  await fixClock(context, at);
  const url = host.shell.url.endsWith('/') ? host.shell.url : `${host.shell.url}/`;
  const page = await openPage(context, `${url}?desk=${encodeURIComponent(`${profile}_${Date.now()}`)}`);
  return {
    page,
    context,
    async close() {
      await browser.close();
      await host.shell.close();
    },
  };
}

/** Signs the current person out and the next one in, and opens the case from the queue as they would. */
export async function switchTo(page: Page, name: string, pin: string, number: string): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await signIn(page, name, pin);
  await page.goto(page.url().replace(/#.*$/, '#/queue'));
  await page.getByTestId('queue-table').getByRole('link', { name: number }).click();
  await page.getByTestId('case-number').waitFor();
}

const work = mkdtempSync(join(tmpdir(), 'jiesu-walk-'));

/**
 * 打印 → one of the case's documents: the preview the host rendered, as text (pdftotext, spaces removed so
 * a table's cells read as one line), and a picture of its first page in the screenshots folder.
 */
export async function printedText(page: Page, menuLabel: string, name: string): Promise<string> {
  await page.getByTestId('print-menu').click();
  const rendered = page.waitForResponse((r) => r.url().endsWith('/bridge/documents.render'));
  await page.locator('.ant-dropdown:visible').getByText(menuLabel, { exact: true }).click();
  const body = (await (await rendered).json()) as { ok: boolean; value?: { pdfBase64: string }; error?: unknown };
  if (!body.ok || !body.value) throw new Error(`documents.render failed: ${JSON.stringify(body.error)}`);
  const preview = await dialogOpened(page);
  await preview.getByTestId('pdf-page-count').waitFor({ timeout: 60_000 });
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, Buffer.from(body.value.pdfBase64, 'base64'));
  execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', file, join(process.cwd(), 'test-artifacts/screenshots', name)]);
  await preview
    .locator('.ant-modal-footer')
    .getByRole('button', { name: /关\s*闭/ })
    .click();
  await preview.waitFor({ state: 'detached' });
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

/** Decides the waiting approval step as the signed-in approver: the decision and an opinion, then 确定. */
export async function decideApproval(page: Page, decision: '同意' | '不同意', opinion: string): Promise<void> {
  await page.getByTestId('act-case.approval_decided').click();
  const dialog = await dialogOpened(page);
  await pickOption(page, 'f-decision', decision);
  await dialog.getByTestId('f-opinion').fill(opinion);
  await dialog.getByTestId('action-ok').click();
  await dialog.waitFor({ state: 'detached', timeout: 20_000 });
}

/** The timer of the case page's deadline row whose stage name contains `stage`: its state (data-state) and its words. */
export async function stageTimer(page: Page, stage: string | RegExp): Promise<{ state: string | null; text: string }> {
  const row = page.getByTestId('deadlines').locator('.ant-row', { hasText: stage });
  const timer = row.getByTestId('stage-timer');
  return { state: await timer.getAttribute('data-state'), text: ((await row.textContent()) ?? '').replace(/\s+/g, ' ') };
}

/** Opens an action's dialog as a clerk would, reads what it asks, and cancels it: nothing is written (issue 16 finding 7 words checks). */
export async function dialogWords(page: Page, eventType: string): Promise<string> {
  await page.getByTestId(`act-${eventType}`).click();
  const dialog = await dialogOpened(page);
  const asked = (await dialog.textContent()) ?? '';
  await dialog.getByRole('button', { name: /取\s*消/ }).click();
  await dialog.waitFor({ state: 'detached' });
  return asked;
}
