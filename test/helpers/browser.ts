import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, createServer, type ViteDevServer } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../src-main/web-host';

// Builds the desk renderer (vite.web.config.ts, production mode) and serves it with the browser shell
// (src-main/web-host.ts: the same CSP and bridge handlers as `npm run start:web`), then drives it in
// headless system Chromium on real IndexedDB. A recording host double is injected as window.jiesu, so
// tests can check what the desk asked the host to do (notifications, printing).

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
export const SCREENSHOT_DIR = resolve(process.cwd(), 'test-artifacts/screenshots');

export interface DeskBrowser {
  url: string;
  rendererDir: string;
  browser: Browser;
  context: BrowserContext;
  newPage(profile: string): Promise<Page>;
  close(): Promise<void>;
}

/** Builds the renderer once per process into a temporary folder; extra entries (bench pages) ride along. */
export async function buildRenderer(extraInputs: Record<string, string> = {}): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'jiesu-renderer-'));
  await build({
    configFile: resolve(process.cwd(), 'vite.web.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, rollupOptions: { input: { index: resolve(process.cwd(), 'src-renderer/index.html'), ...extraInputs } } },
  });
  return outDir;
}

/** The renderer on a Vite dev server (unbundled, development React): quick to start, slow to load. */
export async function startRendererServer(): Promise<ViteDevServer> {
  const server = await createServer({
    configFile: false,
    root: resolve(process.cwd(), 'src-renderer'),
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, hmr: false, fs: { allow: [process.cwd()] } },
    // Pre-bundle the heavy dependencies up front so the first page load does not trigger a re-optimise.
    optimizeDeps: { include: ['react', 'react-dom/client', 'react/jsx-runtime', 'antd', 'antd/locale/zh_CN', 'antd/locale/en_US', '@ant-design/icons', 'rxdb', 'rxdb/plugins/storage-dexie', 'rxdb/plugins/local-documents', 'react-hook-form', 'zod', 'ulid', 'signature_pad', 'rxjs', 'dexie'] },
  });
  await server.listen();
  return server;
}

/** URL path of a built extra entry, e.g. assets/deskBench-1a2b3c.js. */
export function builtAsset(rendererDir: string, name: string): string {
  const file = readdirSync(join(rendererDir, 'assets')).find((f) => f.startsWith(`${name}-`) && f.endsWith('.js'));
  if (!file) throw new Error(`no built asset for ${name}`);
  return `/assets/${file}`;
}

export function startShell(rendererDir: string): Promise<WebHost> {
  return startWebHost({ dataFolder: mkdtempSync(join(tmpdir(), 'jiesu-desk-data-')), rendererDir, version: '0.1.0-test' });
}

/** A fake host: records every bridge call in window.__hostCalls and answers like a host would. */
const HOST_DOUBLE = `
  window.__hostCalls = [];
  window.jiesu = {
    async call(channel, input) {
      window.__hostCalls.push({ channel, input });
      if (channel === 'notify.show') return { ok: true, value: { shown: true } };
      if (channel === 'tray.update') return { ok: true, value: { shown: true } };
      return { ok: false, error: { code: 'test.unsupported', message: { 'zh-CN': '测试主机不支持此操作。', en: 'Not supported by the test host.' } } };
    },
    on() { return () => {}; },
  };
`;

export async function startDeskBrowser(): Promise<DeskBrowser> {
  const rendererDir = await buildRenderer();
  const host = await startShell(rendererDir);
  const url = host.shell.url.endsWith('/') ? host.shell.url : `${host.shell.url}/`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  await context.addInitScript(HOST_DOUBLE);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    url,
    rendererDir,
    browser,
    context,
    async newPage(profile: string) {
      const page = await context.newPage();
      page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
      await page.goto(`${url}?desk=${encodeURIComponent(profile)}`);
      return page;
    },
    async close() {
      await browser.close();
      await host.shell.close();
    },
  };
}
