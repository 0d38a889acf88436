import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { createServer, type ViteDevServer } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, SCREENSHOT_DIR } from '../helpers/browser';

// The analysis test and the statistics bench serve the renderer from Vite's dev server, because they load
// their own modules into the page (the seed and the bench data) through it. Headless system Chromium with
// a host double, like the desk's browser helper.

export async function startAnalysisDevServer(): Promise<{ server: ViteDevServer; url: string }> {
  const server = await createServer({
    configFile: false,
    root: resolve(process.cwd(), 'src-renderer'),
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, hmr: false, fs: { allow: [process.cwd()] } },
    // Pre-bundle the heavy dependencies up front so the first page load does not trigger a re-optimise.
    optimizeDeps: {
      include: ['react', 'react-dom/client', 'react/jsx-runtime', 'react/jsx-dev-runtime', 'antd', 'antd/locale/zh_CN', 'antd/locale/en_US', '@ant-design/icons', 'rxdb', 'rxdb/plugins/storage-dexie', 'rxdb/plugins/local-documents', 'rxdb/plugins/replication', 'dexie', 'react-hook-form', 'zod', 'ulid', 'signature_pad', 'rxjs', 'echarts/core', 'echarts/charts', 'echarts/components', 'echarts/renderers', 'fflate'],
    },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}/` };
}

/** Imports a repository module in the page through the dev server and calls one of its exports. */
export async function callInPage<T>(page: Page, file: string, fn: string, args: unknown[]): Promise<T> {
  const mod = `/@fs${resolve(process.cwd(), file)}`;
  // A string expression, so the test runner does not rewrite the browser's dynamic import.
  return (await page.evaluate(`import(${JSON.stringify(mod)}).then((m) => m[${JSON.stringify(fn)}](...${JSON.stringify(args)}))`)) as T;
}

const HOST_DOUBLE = `
  window.jiesu = {
    async call() {
      return { ok: false, error: { code: 'test.unsupported', message: { 'zh-CN': '测试主机不支持此操作。', en: 'Not supported by the test host.' } } };
    },
    on() { return () => {}; },
  };
`;

export interface AnalysisBrowser {
  url: string;
  browser: Browser;
  context: BrowserContext;
  newPage(profile: string): Promise<Page>;
  close(): Promise<void>;
}

export async function startAnalysisBrowser(): Promise<AnalysisBrowser> {
  const { server, url } = await startAnalysisDevServer();
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
