import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, createServer, type ViteDevServer } from 'vite';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../src-main/web-host';
import { TEST_NOW } from './clock';
import { clockOf } from './page-clock';

// Builds the desk renderer (vite.web.config.ts, production mode) and serves it with the browser shell
// (src-main/web-host.ts: the same CSP and bridge handlers as `npm run start:web`), then drives it in
// headless system Chromium on real IndexedDB. A recording host double is injected as window.jiesu, so
// tests can check what the desk asked the host to do (notifications, printing).

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
export const SCREENSHOT_DIR = resolve(process.cwd(), 'test-artifacts/screenshots');

export interface DeskBrowser {
  url: string;
  browser: Browser;
  context: BrowserContext;
  newPage(profile: string): Promise<Page>;
  close(): Promise<void>;
}

/** Builds the renderer once per process into a temporary folder; extra entries (bench pages) ride along. */
export async function buildRenderer(extraInputs: Record<string, string> = {}): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'jiesu-renderer-'));
  // The build a clerk runs: Vite builds development React when NODE_ENV is already set, and vitest sets it
  // to "test" — a save then took 0.4–2 s of React's development checks where the product takes a fraction.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: resolve(process.cwd(), 'vite.web.config.ts'),
      mode: 'production',
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, rollupOptions: { input: { index: resolve(process.cwd(), 'src-renderer/index.html'), ...extraInputs } } },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}

/**
 * The renderer on a Vite dev server (unbundled, development React): slower to load than the build, but a
 * test or bench can import its own modules into the page through it (see callInPage).
 */
export async function startRendererDevServer(): Promise<{ server: ViteDevServer; url: string }> {
  const server = await createServer({
    configFile: false,
    root: resolve(process.cwd(), 'src-renderer'),
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, hmr: false, fs: { allow: [process.cwd()] } },
    // Pre-bundle the heavy dependencies up front so the first page load does not trigger a re-optimise.
    optimizeDeps: {
      include: [
        'react',
        'react-dom/client',
        'react/jsx-runtime',
        'react/jsx-dev-runtime',
        'antd',
        'antd/locale/zh_CN',
        'antd/locale/en_US',
        '@ant-design/icons',
        'rxdb',
        'rxdb/plugins/storage-dexie',
        'rxdb/plugins/local-documents',
        'rxdb/plugins/replication',
        'dexie',
        'react-hook-form',
        'zod',
        'ulid',
        'signature_pad',
        'rxjs',
        'echarts/core',
        'echarts/charts',
        'echarts/components',
        'echarts/renderers',
        'fflate',
      ],
    },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}/` };
}

/** Imports a repository module in a dev-server page and calls one of its exports. */
export async function callInPage<T>(page: Page, file: string, fn: string, args: unknown[]): Promise<T> {
  const mod = `/@fs${resolve(process.cwd(), file)}`;
  // A string expression, so the test runner does not rewrite the browser's dynamic import.
  return (await page.evaluate(`import(${JSON.stringify(mod)}).then((m) => m[${JSON.stringify(fn)}](...${JSON.stringify(args)}))`)) as T;
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
      // The field key a host keeps for the desk (src-main/settings.ts): the page encrypts confidential identities with it.
      if (channel === 'desk.fieldKey') return { ok: true, value: { key: btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => i + 1))) } };
      return { ok: false, error: { code: 'test.unsupported', message: { 'zh-CN': '测试主机不支持此操作。', en: 'Not supported by the test host.' } } };
    },
    on() { return () => {}; },
  };
`;

/**
 * How every test sees the desk: a zh-CN clerk in Shanghai on a 1440×900 screen. Reduced motion turns
 * antd's open/close animations off (the desk honours the OS setting), so a click never lands on a dialog
 * that is still zooming in — the cause of a lost checkbox click in one CI run.
 */
export const DESK_CONTEXT: BrowserContextOptions = {
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  viewport: { width: 1440, height: 900 },
  reducedMotion: 'reduce',
};

export { TEST_NOW };

/**
 * Puts a context's pages on the fixed clock (TEST_NOW, test/helpers/clock.ts). From there the page clock
 * runs on in real time, so live timers still tick; clockOf(context) moves it (test/helpers/page-clock.ts
 * says why this is not Playwright's context.clock).
 */
export async function fixClock(context: BrowserContext, at: number = TEST_NOW): Promise<void> {
  await clockOf(context).setSystemTime(at);
}

/** `extraArgs`: e.g. a fake camera (--use-fake-device-for-media-stream) for the 拍照 test. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // A Chinese desk's Chromium: the desktop app passes --lang (src-main/index.ts); Chromium on Linux takes
  // its UI locale from LANGUAGE instead, so native date inputs read 2026/11/28 (needs Debian's
  // chromium-l10n). LANG stays C.UTF-8, a locale every machine has: with a zh_CN LANG that the C library
  // lacks, Chromium cannot encode a Chinese download name and saves 登记表_….pdf as "download".
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs],
    env: { ...process.env, LANG: 'C.UTF-8', LANGUAGE: 'zh_CN' },
  });
}

/** A page that reports its uncaught errors on the test's stderr. */
export async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
  await page.goto(url);
  return page;
}

/**
 * The desk in Chromium with the recording host double. `build` (default): the production renderer served
 * by the browser shell; `dev`: the Vite dev server, for tests that load their own modules into the page.
 */
export async function startDeskBrowser(source: 'build' | 'dev' = 'build', o: { animations?: boolean; timezoneId?: string } = {}): Promise<DeskBrowser> {
  let url: string;
  let stop: () => Promise<void>;
  if (source === 'build') {
    const host = await startShell(await buildRenderer());
    url = host.shell.url.endsWith('/') ? host.shell.url : `${host.shell.url}/`;
    stop = () => host.shell.close();
  } else {
    const dev = await startRendererDevServer();
    url = dev.url;
    stop = () => dev.server.close();
  }
  const browser = await launchChromium();
  // `animations`: antd's open/close animations on, as a person sees them (the bar asks every action's test to run so too).
  // `timezoneId`: a machine set to another zone than the organisation's (DESK_CONTEXT: China).
  const context = await browser.newContext({
    ...DESK_CONTEXT,
    ...(o.animations ? { reducedMotion: 'no-preference' as const } : {}),
    ...(o.timezoneId ? { timezoneId: o.timezoneId } : {}),
  });
  await fixClock(context);
  await context.addInitScript(HOST_DOUBLE);
  return {
    url,
    browser,
    context,
    newPage: (profile: string) => openPage(context, `${url}?desk=${encodeURIComponent(profile)}`),
    async close() {
      await browser.close();
      await stop();
    },
  };
}
