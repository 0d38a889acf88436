import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { createServer, type ViteDevServer } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Serves the desk renderer with Vite and drives it in headless system Chromium (real IndexedDB).
// The host bridge is replaced by a recording double injected as window.jiesu, so tests can check what
// the desk asked the host to do (notifications, printing) without a desktop shell.

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
export const SCREENSHOT_DIR = resolve(process.cwd(), 'test-artifacts/screenshots');

export interface DeskBrowser {
  url: string;
  browser: Browser;
  context: BrowserContext;
  newPage(profile: string): Promise<Page>;
  close(): Promise<void>;
}

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

/** A fake host: records every bridge call in window.__hostCalls and answers like a host would. */
const HOST_DOUBLE = `
  window.__hostCalls = [];
  window.jiesu = {
    async call(channel, input) {
      window.__hostCalls.push({ channel, input });
      if (channel === 'notify.show') return { ok: true, value: { shown: true } };
      if (channel === 'documents.render') return { ok: false, error: { code: 'test.noPdf', message: { 'zh-CN': '测试环境不生成 PDF。', en: 'No PDF in tests.' } } };
      return { ok: false, error: { code: 'test.unsupported', message: { 'zh-CN': '测试主机不支持此操作。', en: 'Not supported by the test host.' } } };
    },
    on() { return () => {}; },
  };
`;

export async function startDeskBrowser(): Promise<DeskBrowser> {
  const server = await startRendererServer();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}/`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  await context.addInitScript(HOST_DOUBLE);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    url,
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
      await server.close();
    },
  };
}
