import { BrowserWindow } from 'electron';
import type { WindowState } from './window-state';

// The window factory: every desk window (the desk itself and the wall display of timers) is created here
// with the same locked-down web preferences (issue 6 "Security"). The page reaches the host only through
// the preload's contextBridge object.

export const DESK_PARTITION = 'persist:desk';

export interface DeskWindowOptions {
  preloadPath: string;
  state: WindowState;
  title: string;
  iconPath?: string;
  /** The wall display opens full-screen on a second monitor, without menus. */
  kind: 'desk' | 'wall';
  onStateChange?: (state: WindowState) => void;
}

export function createDeskWindow(options: DeskWindowOptions): BrowserWindow {
  const { state } = options;
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: options.title,
    backgroundColor: '#f5f5f5',
    autoHideMenuBar: true,
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    ...(options.kind === 'wall' ? { fullscreenable: true } : {}),
    // Written out here (not built elsewhere) so reviewers and electronegativity see every flag in one place.
    webPreferences: {
      preload: options.preloadPath,
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
      // Middle-click would otherwise try to open links in a new window (denied anyway by security.ts).
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      // The desk store lives in this persistent partition under the user-data folder (docs/architecture.md).
      partition: DESK_PARTITION,
    },
  });
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  if (options.onStateChange) {
    const report = options.onStateChange;
    const remember = () => {
      if (win.isDestroyed() || win.isMinimized()) return;
      const b = win.getNormalBounds();
      report({ x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
    };
    win.on('resize', remember);
    win.on('move', remember);
    win.on('close', remember);
  }
  reloadAfterCrash(win);
  return win;
}

/**
 * A crashed renderer reloads by itself: the desk store is IndexedDB and drafts are saved as the clerk types,
 * so nothing is lost. More than three crashes in a minute stop the loop and leave the window for support.
 */
export function reloadAfterCrash(win: Pick<BrowserWindow, 'webContents' | 'isDestroyed'>, now: () => number = Date.now): void {
  const crashes: number[] = [];
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    const t = now();
    while (crashes.length > 0 && (crashes[0] as number) < t - 60_000) crashes.shift();
    crashes.push(t);
    if (crashes.length <= 3) win.webContents.reload();
  });
}
