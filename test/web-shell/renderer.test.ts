import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WebHost } from '../../src-main/web-host';
import { launchChromium, startTestHost } from './shell';

// The desk renderer built the way `npm run start:web` builds it (vite.web.config.ts), served by the browser
// shell under the strict CSP (test/electron/start.test.ts covers the script's server and printed guide). The desk must
// start with no CSP violation (no eval in any bundled library, no inline script) and reach the host
// through the HTTP bridge.

const outDir = mkdtempSync(join(tmpdir(), 'jiesu-renderer-'));
const shots = resolve('test-artifacts/screenshots');
let host: WebHost;
let browser: Browser;

beforeAll(async () => {
  await build({ configFile: resolve('vite.web.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  host = await startTestHost(outDir);
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await host?.shell.close();
  rmSync(outDir, { recursive: true, force: true });
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
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`Refused to load ${e.blockedURI} (${e.violatedDirective}) at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  await page.goto(`${host.shell.url}/?desk=shell-test`);
  await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0, undefined, { timeout: 30_000 });
  return { page, problems };
}

describe('the built desk in the browser shell', () => {
  it('the desk starts under the CSP without a single violation and reaches the host over HTTP', async () => {
    const { page, problems } = await openDesk();
    await page.waitForTimeout(1_000);
    expect(problems).toEqual([]);
    expect(await page.evaluate(() => 'jiesu' in window)).toBe(false);
    const info = await page.evaluate(async () =>
      (await fetch('/bridge/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json(),
    );
    expect(info).toMatchObject({ ok: true, value: { host: 'web' } });
    await page.screenshot({ path: join(shots, 'web-shell-first-run.png') });
    await page.close();
  });

  it('the first load holds the queue, not the screens loaded on demand (the case page, intake, callbacks, settings, first run, print preview)', () => {
    // Every script the entry imports statically, as the built files name them (docs/architecture.md, "What the renderer loads first").
    const assets = join(outDir, 'assets');
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const first = new Set<string>();
    const visit = (file: string) => {
      if (first.has(file)) return;
      first.add(file);
      const code = readFileSync(join(assets, file), 'utf8');
      for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(m[1]!);
    };
    visit(/src="\/assets\/([^"]+\.js)"/.exec(html)![1]!);
    const files = readdirSync(assets);
    for (const screen of ['CasePage', 'IntakePage', 'CallbackQueuePage', 'SettingsPage', 'FirstRun', 'DocumentPreview']) {
      const chunk = files.find((f) => f.startsWith(`${screen}-`) && f.endsWith('.js'));
      expect(chunk, `${screen} is a chunk of its own`).toBeDefined();
      expect(first.has(chunk!), `${screen} is not in the first load`).toBe(false);
    }
    expect([...first].some((f) => f.startsWith('react-'))).toBe(true);
  });

  it('a desk opened on a case starts loading the case page with its own start; opened on the queue, it does not', async () => {
    // On a desk without identity the first run is shown, never the case page: only the start's own preload
    // (main.tsx, app/lazy-pages.tsx preloadPageFor) asks for its chunk, and only when the address names a case.
    const requested = async (address: string) => {
      const page = await browser.newPage({ locale: 'zh-CN' });
      const scripts: string[] = [];
      page.on('request', (r) => scripts.push(new URL(r.url()).pathname));
      await page.goto(`${host.shell.url}${address}`);
      await page.getByText('加入服务器').first().waitFor({ timeout: 30_000 });
      await page.close();
      return scripts.filter((s) => /\/assets\/(CasePage|FirstRun)-[^/]+\.js$/.test(s)).map((s) => s.replace(/^\/assets\/([A-Za-z]+)-.*$/, '$1'));
    };
    expect((await requested('/?desk=shell-preload#/case/HZ01-20261208-001')).sort()).toEqual(['CasePage', 'FirstRun']);
    expect(await requested('/?desk=shell-preload#/')).toEqual(['FirstRun']);
  });
});
