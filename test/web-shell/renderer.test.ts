import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { WebHost } from '../../src-main/web-host';
import { launchChromium, startTestHost } from './shell';

// The real desk renderer, built the way `npm run start:web` builds it, served by the browser shell under
// the strict CSP: it must start with no CSP violation (no eval in any bundled library, no inline script)
// and reach the host through the HTTP bridge.

const outDir = mkdtempSync(join(tmpdir(), 'jiesu-renderer-'));
let host: WebHost;
let browser: Browser;

beforeAll(async () => {
  await build({ configFile: resolve('vite.web.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  host = await startTestHost(outDir);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.shell.close();
  if (!process.env.KEEP_RENDERER) rmSync(outDir, { recursive: true, force: true });
  else console.log(outDir);
});

describe('the built renderer in the browser shell', () => {
  it('starts under the CSP without a single violation and talks to the host over HTTP', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    const bridgeCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/bridge/')) bridgeCalls.push(new URL(r.url()).pathname);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load ${e.blockedURI} (${e.violatedDirective}) at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
    });
    await page.goto(`${host.shell.url}/?desk=shell-test`);
    await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0, undefined, { timeout: 30_000 });
    await page.waitForTimeout(1_000);
    expect(problems).toEqual([]);
    expect(await page.evaluate(() => 'jiesu' in window)).toBe(false);
    // The page's bridge client reaches the shell: same answer the desk gets when it asks.
    const info = await page.evaluate(async () => (await fetch('/bridge/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json());
    expect(info).toMatchObject({ ok: true, value: { host: 'web' } });
    mkdirSync(resolve('test-artifacts/screenshots'), { recursive: true });
    await page.screenshot({ path: resolve('test-artifacts/screenshots/web-shell-first-run.png') });
    await page.close();
    expect(bridgeCalls.every((p) => p.startsWith('/bridge/'))).toBe(true);
  });
});
