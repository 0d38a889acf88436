import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startDemo, type RunningDemo } from '../../scripts/start';
import { launchChromium } from './shell';

// `npm run start:web` for real: the desk renderer built the way the script builds it, the embedded server
// with its demo organisation, and the browser shell serving the desk under the strict CSP. The desk must
// start with no CSP violation (no eval in any bundled library, no inline script) and reach the host
// through the HTTP bridge.

const outDir = mkdtempSync(join(tmpdir(), 'jiesu-renderer-'));
const dataRoot = mkdtempSync(join(tmpdir(), 'jiesu-start-web-'));
const shots = resolve('test-artifacts/screenshots');
let demo: RunningDemo;
let browser: Browser;

beforeAll(async () => {
  await build({ configFile: resolve('vite.web.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  demo = await startDemo({ web: true, dataRoot, presetId: 's7-property', serverPort: 0, shellPort: 0, rendererDir: outDir, print: () => undefined });
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  rmSync(outDir, { recursive: true, force: true });
  rmSync(dataRoot, { recursive: true, force: true });
});

/** Opens the desk and collects every CSP violation and page error. */
async function openDesk(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load ${e.blockedURI} (${e.violatedDirective}) at ${e.sourceFile}:${e.lineNumber}`));
  });
  await page.goto(demo.deskUrl as string);
  await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0, undefined, { timeout: 30_000 });
  return { page, problems };
}

describe('npm run start:web in Chromium', () => {
  it('the desk starts under the CSP without a single violation and reaches the host over HTTP', async () => {
    const { page, problems } = await openDesk();
    await page.waitForTimeout(1_000);
    expect(problems).toEqual([]);
    expect(await page.evaluate(() => 'jiesu' in window)).toBe(false);
    const info = await page.evaluate(async () => (await fetch('/bridge/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json());
    expect(info).toMatchObject({ ok: true, value: { host: 'web' } });
    await page.screenshot({ path: join(shots, 'web-shell-first-run.png') });
    await page.close();
  });
});
