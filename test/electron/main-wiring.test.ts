import { EventEmitter } from 'node:events';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { bridgeInputs } from '../../src-shared/bridge';

// src-main/index.ts run against a fake `electron` (no Electron binary here): the wiring a real start would
// do — single-instance lock, app:// as a privileged scheme served with the CSP, every bridge channel on
// ipcMain, the desk window on app://desk with the first-run hint, the tray with the case counts, the
// navigation guard on every web contents, the second launch focusing the desk.

const fx = vi.hoisted(() => {
  const userData = `${process.env.TMPDIR ?? '/tmp'}/jiesu-main-wiring-${process.pid}`;
  process.env.JIESU_USER_DATA = userData;
  process.env.JIESU_FIRST_RUN_QUERY = 'server=http://127.0.0.1:8787&code=ABCD-EFGH-JKLM';
  return {
    userData,
    appEvents: new Map<string, (...a: unknown[]) => void>(),
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, (r: Request) => Promise<Response>>(),
    beforeSendHeaders: [] as ((
      details: { url: string; requestHeaders: Record<string, string> },
      cb: (r: { requestHeaders: Record<string, string> }) => void,
    ) => void)[],
    ipc: new Map<string, (e: unknown, i: unknown) => Promise<unknown>>(),
    windows: [] as { options: Record<string, unknown>; url?: string; focused: number; sent: unknown[][] }[],
    trays: [] as { tooltip: string; title: string; menu: { label?: string }[] }[],
    loginItems: [] as unknown[],
    permissionDenied: false,
    switches: [] as [string, string?][],
    ready: undefined as undefined | (() => void),
  };
});

vi.mock('electron-log/main', () => {
  const log = { transports: { file: {}, console: { level: false } }, hooks: [], info: () => undefined, warn: () => undefined, error: () => undefined };
  return { default: log };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const ready = new Promise<void>((r) => (fx.ready = r));
  class BrowserWindow extends Emitter {
    record: (typeof fx.windows)[number];
    webContents = Object.assign(new Emitter(), {
      send: (...a: unknown[]) => this.record.sent.push(a),
      reload: () => undefined,
      getPrintersAsync: async () => [{ name: '前台打印机', isDefault: true }],
    });
    constructor(options: Record<string, unknown>) {
      super();
      this.record = { options, focused: 0, sent: [] };
      fx.windows.push(this.record);
    }
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    isMaximized = () => false;
    restore() {}
    show() {}
    focus() {
      this.record.focused += 1;
    }
    maximize() {}
    getNormalBounds = () => ({ x: 0, y: 0, width: 1280, height: 800 });
  }
  class Tray extends Emitter {
    record = { tooltip: '', title: '', menu: [] as { label?: string }[] };
    constructor() {
      super();
      fx.trays.push(this.record);
    }
    setToolTip(t: string) {
      this.record.tooltip = t;
    }
    setTitle(t: string) {
      this.record.title = t;
    }
    setContextMenu(m: { label?: string }[]) {
      this.record.menu = m;
    }
  }
  return {
    app: {
      requestSingleInstanceLock: () => true,
      quit: vi.fn(),
      on: (e: string, cb: (...a: unknown[]) => void) => void fx.appEvents.set(e, cb),
      whenReady: () => ready,
      getPath: (name: string) => (name === 'userData' ? fx.userData : fx.userData + '/' + name),
      setPath: () => undefined,
      commandLine: { appendSwitch: (name: string, value?: string) => void fx.switches.push([name, value]) },
      getAppPath: () => process.cwd(),
      isPackaged: false,
      getVersion: () => '0.1.0',
      setLoginItemSettings: (s: unknown) => void fx.loginItems.push(s),
    },
    protocol: { registerSchemesAsPrivileged: (s: unknown[]) => void fx.privileged.push(...s) },
    session: {
      fromPartition: () => ({
        protocol: { handle: (scheme: string, h: (r: Request) => Promise<Response>) => void fx.protocolHandlers.set(scheme, h) },
        webRequest: { onBeforeSendHeaders: (l: (typeof fx.beforeSendHeaders)[number]) => void fx.beforeSendHeaders.push(l) },
        setPermissionRequestHandler: (h: (c: unknown, p: string, cb: (g: boolean) => void) => void) => h({}, 'media', (g) => (fx.permissionDenied = !g)),
        setPermissionCheckHandler: () => undefined,
      }),
    },
    ipcMain: { handle: (c: string, h: (e: unknown, i: unknown) => Promise<unknown>) => void fx.ipc.set(c, h), removeHandler: () => undefined },
    BrowserWindow,
    Tray,
    Menu: { buildFromTemplate: (t: unknown) => t },
    nativeImage: { createFromPath: () => ({ resize: () => ({}) }) },
    Notification: Object.assign(
      class extends Emitter {
        show() {}
      },
      { isSupported: () => true },
    ),
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    safeStorage: { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' },
  };
});

await import('../../src-main/index');
fx.ready?.();
await new Promise((r) => setTimeout(r, 50));
afterAll(() => rmSync(fx.userData, { recursive: true, force: true }));

describe('Electron main process wiring (fake electron)', () => {
  it('registers app:// as a privileged scheme and serves the renderer with the CSP', async () => {
    expect(fx.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    const handler = fx.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    const missing = await handler?.(new Request('app://desk/no-such-file.js'));
    expect(missing?.status).toBe(404);
    expect(missing?.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(fx.permissionDenied).toBe(true);
  });

  it('the desk session signs requests with the desk token in the main process (webRequest); none joined yet, nothing is added', async () => {
    expect(fx.beforeSendHeaders).toHaveLength(1);
    const seen = await new Promise<Record<string, string>>((resolve) =>
      fx.beforeSendHeaders[0]!({ url: 'http://127.0.0.1:8787/sync/v1/events/pull?seq=0', requestHeaders: { Accept: '*/*' } }, (r) => resolve(r.requestHeaders)),
    );
    expect(seen).toEqual({ Accept: '*/*' });
  });

  it('opens the desk on app://desk with the first-run join hint and the locked-down preferences', () => {
    const desk = fx.windows[0];
    expect(desk?.url).toBe('app://desk/index.html?server=http%3A%2F%2F127.0.0.1%3A8787&code=ABCD-EFGH-JKLM');
    expect(desk?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: resolve('out/preload/index.cjs'),
    });
    // No settings yet: Chromium starts in Chinese, so native date inputs read 2026/11/28.
    expect(fx.switches).toContainEqual(['lang', 'zh-CN']);
  });

  it('registers every bridge channel; calls from the desk work, calls from elsewhere are refused', async () => {
    expect([...fx.ipc.keys()].sort()).toEqual(
      Object.keys(bridgeInputs)
        .map((c) => `jiesu:${c}`)
        .sort(),
    );
    const info = fx.ipc.get('jiesu:app.info');
    expect(await info?.({ senderFrame: { url: 'app://desk/index.html', parent: null } }, {})).toEqual({
      ok: true,
      value: { version: '0.1.0', host: 'electron', dataFolder: fx.userData },
    });
    expect(await info?.({ senderFrame: { url: 'https://evil.example/', parent: null } }, {})).toMatchObject({ ok: false, error: { code: 'bridge.sender' } });
  });

  it('shows warning and breached counts on the tray, and applies start at login', async () => {
    const trusted = { senderFrame: { url: 'app://desk/index.html', parent: null } };
    expect(await fx.ipc.get('jiesu:tray.update')?.(trusted, { warning: 3, breached: 2 })).toEqual({ ok: true, value: { shown: true } });
    expect(fx.trays[0]?.tooltip).toBe('接诉台 — 超时 2 件，临期 3 件');
    expect(fx.trays[0]?.title).toBe('5');
    expect(fx.trays[0]?.menu.map((m) => m.label).filter(Boolean)).toEqual(['打开接诉台', '快速登记', '打开计时墙（第二屏）', '退出']);
    await fx.ipc.get('jiesu:settings.set')?.(trusted, { startAtLogin: true });
    expect(fx.loginItems.at(-1)).toEqual({ openAtLogin: true });
  });

  it('guards every new web contents and focuses the desk on a second launch', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    fx.appEvents.get('web-contents-created')?.({}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    const e = { url: 'https://evil.example/', preventDefault: vi.fn() };
    contents.emit('will-navigate', e);
    expect(e.preventDefault).toHaveBeenCalled();
    const before = fx.windows[0]?.focused ?? 0;
    fx.appEvents.get('second-instance')?.();
    expect(fx.windows[0]?.focused).toBe(before + 1);
  });

  it('the tray opens the wall display of timers in a second window', () => {
    const wall = (fx.trays[0]?.menu as { label?: string; click?: () => void }[]).find((m) => m.label === '打开计时墙（第二屏）');
    wall?.click?.();
    expect(fx.windows.at(-1)?.url).toBe('app://desk/index.html#/wall');
    expect(fx.windows.at(-1)?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
  });
});
