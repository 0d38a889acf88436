import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// The window factory with a fake BrowserWindow: the security flags every desk window gets, the remembered
// window state, and the crash → reload behaviour.

const fake = vi.hoisted(() => {
  const created: { options: Record<string, unknown>; win: unknown }[] = [];
  return { created };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class FakeWebContents extends Emitter {
    reloads = 0;
    reload() {
      this.reloads += 1;
    }
  }
  class BrowserWindow extends Emitter {
    webContents = new FakeWebContents();
    shown = false;
    maximized = false;
    bounds = { x: 10, y: 20, width: 1200, height: 800 };
    constructor(options: Record<string, unknown>) {
      super();
      fake.created.push({ options, win: this });
    }
    show() {
      this.shown = true;
    }
    maximize() {
      this.maximized = true;
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    isMaximized() {
      return this.maximized;
    }
    getNormalBounds() {
      return this.bounds;
    }
  }
  return { BrowserWindow };
});

const { createDeskWindow, reloadAfterCrash } = await import('../../src-main/window');
const { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } = await import('../../src-main/window-state');

type FakeWin = EventEmitter & { shown: boolean; maximized: boolean; webContents: EventEmitter & { reloads: number } };

describe('createDeskWindow', () => {
  it('every desk and wall window is isolated, sandboxed, without Node, with web security and our preload', () => {
    for (const kind of ['desk', 'wall'] as const) {
      createDeskWindow({ kind, preloadPath: '/app/out/preload/index.cjs', state: DEFAULT_WINDOW_STATE, title: '接诉台' });
      const { options } = fake.created.at(-1) as unknown as { options: { webPreferences: Record<string, unknown>; show: boolean } };
      expect(options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        preload: '/app/out/preload/index.cjs',
        partition: 'persist:desk',
        disableBlinkFeatures: 'Auxclick',
      });
      expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
      expect(options.webPreferences).not.toHaveProperty('additionalArguments');
      // Shown only once painted, so no white flash and no half-loaded page.
      expect(options.show).toBe(false);
    }
  });

  it('opens where it was left (maximised again) and reports its new state', () => {
    const states: unknown[] = [];
    createDeskWindow({
      kind: 'desk',
      preloadPath: '/p',
      title: '接诉台',
      state: { x: 50, y: 60, width: 1400, height: 900, maximized: true },
      onStateChange: (s) => states.push(s),
    });
    const { options, win } = fake.created.at(-1) as { options: Record<string, unknown>; win: FakeWin };
    expect(options).toMatchObject({ x: 50, y: 60, width: 1400, height: 900 });
    win.emit('ready-to-show');
    expect(win.maximized && win.shown).toBe(true);
    win.emit('move');
    expect(states.at(-1)).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: true });
  });

  it('reloads a crashed renderer, but stops after three crashes in a minute', () => {
    createDeskWindow({ kind: 'desk', preloadPath: '/p', title: '接诉台', state: DEFAULT_WINDOW_STATE });
    const { win } = fake.created.at(-1) as { win: FakeWin };
    win.webContents.emit('render-process-gone', {}, { reason: 'clean-exit' });
    expect(win.webContents.reloads).toBe(0);
    let now = 0;
    const other = { webContents: new EventEmitter() as EventEmitter & { reload(): void }, isDestroyed: () => false };
    let reloads = 0;
    other.webContents.reload = () => void (reloads += 1);
    reloadAfterCrash(other as never, () => now);
    for (let i = 0; i < 5; i++) other.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(reloads).toBe(3);
    now = 120_000;
    other.webContents.emit('render-process-gone', {}, { reason: 'oom' });
    expect(reloads).toBe(4);
  });
});

describe('window state file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jiesu-win-'));
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

  it('round-trips, and falls back to a centred default when the display is gone or the file is damaged', () => {
    const file = join(dir, 'window-desk.json');
    saveWindowState(file, { x: 100, y: 100, width: 1300, height: 850, maximized: false });
    expect(loadWindowState(file, screen)).toEqual({ x: 100, y: 100, width: 1300, height: 850, maximized: false });
    saveWindowState(file, { x: 3000, y: 100, width: 1300, height: 850, maximized: true });
    expect(loadWindowState(file, screen)).toEqual({ ...DEFAULT_WINDOW_STATE, maximized: true });
    expect(loadWindowState(join(dir, 'missing.json'), screen)).toEqual(DEFAULT_WINDOW_STATE);
  });
});
