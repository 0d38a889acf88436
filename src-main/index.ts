import { join } from 'node:path';
import { app, BrowserWindow, Menu, nativeImage, Notification, protocol, screen, session, Tray } from 'electron';
import log from 'electron-log/main';
import type { BridgeInput, DeskSettings } from '../src-shared/bridge';
import { APP_ORIGIN, APP_SCHEME, rendererProtocolHandler } from './app-protocol';
import { createBackupFolder, startBackupSchedule } from './backups';
import { createDocumentHandlers } from './documents/handlers';
import { warmUpPdf } from './documents/pdf-service';
import { securityHeaders } from './csp';
import { createElectronSecretStore } from './electron-secret-store';
import { createDeskLinks, DEFAULT_PROFILE, signedRequestHeaders } from './desk-link';
import { createHostHandlers } from './handlers';
import { IPC_EVENT_CHANNEL } from './ipc-channels';
import { registerBridgeIpc } from './ipc';
import { configureLog } from './log';
import { denyPermissions, guardWebContents } from './security';
import { createSettingsStore, storedLanguage } from './settings';
import { trayBadge, trayTooltip, type TrayCounts } from './tray-label';
import { createDeskWindow, DESK_PARTITION } from './window';
import { loadWindowState, saveWindowState, type WindowState } from './window-state';
import { printPdfInHiddenWindow } from './print-pdf';

// The Electron main process: wiring only. Every decision lives in a plain module beside this one
// (handlers, dispatch, security, csp, window, settings, backups, log), each tested in Node.

// `npm start` keeps the demo's desk data beside the demo server's and tells the first run which server to join.
if (process.env.JIESU_USER_DATA) app.setPath('userData', process.env.JIESU_USER_DATA);
// Chromium's locale (date inputs read 2026/11/28, not 11/28/2026) follows the desk's language; set before `ready`.
app.commandLine.appendSwitch('lang', storedLanguage(app.getPath('userData')));
const firstRunQuery = process.env.JIESU_FIRST_RUN_QUERY ? `?${new URLSearchParams(process.env.JIESU_FIRST_RUN_QUERY).toString()}` : '';

const devRendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererOrigin = devRendererUrl ? new URL(devRendererUrl).origin : APP_ORIGIN;
const rendererUrl = devRendererUrl ?? `${APP_ORIGIN}/index.html`;

// Must run before `ready`: app:// is a standard, secure origin with fetch, so IndexedDB and CSP work as on https.
// `codeCache`: Chromium keeps V8's compiled code of the desk's scripts as it does for https, so a start after
// the first ones does not compile the bundle again (Electron caches only http(s) unless a scheme asks;
// docs/performance.md "Opening the desk's databases at 50k cases").
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);

if (!app.requestSingleInstanceLock()) {
  // A second launch hands over to the running desk (it focuses itself in 'second-instance') and exits.
  app.quit();
} else {
  let deskWindow: BrowserWindow | undefined;
  let wallWindow: BrowserWindow | undefined;
  let tray: Tray | undefined;
  let counts: TrayCounts = { warning: 0, breached: 0 };

  const appRoot = app.getAppPath();
  const resourcesRoot = app.isPackaged ? process.resourcesPath : join(appRoot, 'build');
  const iconPath = join(resourcesRoot, 'icon.png');
  const preloadPath = join(appRoot, 'out/preload/index.cjs');

  const focusDesk = () => {
    if (!deskWindow || deskWindow.isDestroyed()) return;
    if (deskWindow.isMinimized()) deskWindow.restore();
    deskWindow.show();
    deskWindow.focus();
  };
  const sendToDesk = (event: 'backup.due' | 'intake.open' | 'navigate', payload: unknown) => {
    if (deskWindow && !deskWindow.isDestroyed()) deskWindow.webContents.send(IPC_EVENT_CHANNEL, event, payload);
  };

  app.on('second-instance', focusDesk);

  // Every web contents the app ever creates (windows, frames) gets the navigation and popup guards.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, rendererOrigin, log));

  void app.whenReady().then(() => {
    const userData = app.getPath('userData');
    // No log.initialize(): it would add electron-log's own preload to the page, and the page gets only the bridge.
    configureLog(log, { file: join(userData, 'logs', 'main.log') });
    const secrets = createElectronSecretStore(join(userData, 'secrets.json'));
    if (secrets.protection !== 'os') log.warn('safeStorage is unavailable; secrets are protected by file permissions only');
    const settings = createSettingsStore({ dataFolder: userData, defaultArchiveFolder: join(app.getPath('documents'), '接诉台档案') }, secrets);
    // The desk token stays in the main process: the page sends its sync requests to the server itself and
    // the desk session adds the Authorization header below (docs/decisions.md "The desk token stays with the host").
    const links = createDeskLinks({ secrets, syncUrl: (_profile, serverUrl) => serverUrl });
    const backups = createBackupFolder({ folder: () => settings.get().backupFolder, keep: () => settings.get().backupKeep, key: () => settings.backupKey() });

    const deskSession = session.fromPartition(DESK_PARTITION);
    denyPermissions(deskSession, rendererOrigin);
    deskSession.protocol.handle(
      APP_SCHEME,
      rendererProtocolHandler(join(appRoot, 'out/renderer'), () =>
        securityHeaders({ connectOrigins: [settings.get().serverUrl, links.link(DEFAULT_PROFILE)?.serverUrl ?? ''] }),
      ),
    );
    deskSession.webRequest.onBeforeSendHeaders((details, callback) =>
      callback({ requestHeaders: signedRequestHeaders(links, details.url, details.requestHeaders) }),
    );

    const applySettings = (s: DeskSettings) => {
      app.setLoginItemSettings({ openAtLogin: s.startAtLogin });
      tray?.setToolTip(trayTooltip(counts, s.language));
    };

    // Packaged: the font and its licence ship as extra resources (electron-builder.yml); dev: the npm package.
    const fontOptions = app.isPackaged ? { fontDir: join(process.resourcesPath, 'fonts') } : {};
    const handlers = createHostHandlers({
      host: 'electron',
      version: app.getVersion(),
      dataFolder: userData,
      settings,
      backups,
      links,
      notify: (input: BridgeInput<'notify.show'>) => {
        if (!Notification.isSupported()) return false;
        const roles = input.roles?.length ? `\n${input.roles.join('、')}` : '';
        const n = new Notification({
          title: input.title,
          body: `${input.body}${roles}`,
          urgency: input.urgency === 'critical' ? 'critical' : 'normal',
          silent: false,
        });
        n.on('click', () => {
          focusDesk();
          if (input.caseId) sendToDesk('navigate', { caseId: input.caseId });
        });
        n.show();
        return true;
      },
      printers: async () => {
        const list = deskWindow && !deskWindow.isDestroyed() ? await deskWindow.webContents.getPrintersAsync() : [];
        return list.map((p) => ({ name: p.name, isDefault: Boolean((p as { isDefault?: boolean }).isDefault) }));
      },
      tray: (next) => {
        counts = next;
        if (!tray) return false;
        tray.setToolTip(trayTooltip(counts, settings.get().language));
        tray.setTitle(trayBadge(counts));
        return true;
      },
      documents: createDocumentHandlers({
        archiveRoot: () => settings.get().archiveFolder,
        printPdf: printPdfInHiddenWindow,
        ...fontOptions,
      }),
      onSettingsChanged: applySettings,
    });
    registerBridgeIpc(handlers, rendererOrigin, log);

    const stateFile = (kind: string) => join(userData, `window-${kind}.json`);
    const openWindow = (kind: 'desk' | 'wall'): BrowserWindow => {
      const workAreas = screen.getAllDisplays().map((d) => d.workArea);
      const win = createDeskWindow({
        kind,
        preloadPath,
        iconPath,
        title: kind === 'desk' ? '接诉台' : '接诉台 · 计时墙',
        state: loadWindowState(stateFile(kind), workAreas),
        onStateChange: (s: WindowState) => saveWindowState(stateFile(kind), s),
      });
      void win.loadURL(kind === 'desk' ? `${rendererUrl}${firstRunQuery}` : `${rendererUrl}#/wall`);
      return win;
    };

    deskWindow = openWindow('desk');
    deskWindow.on('closed', () => {
      deskWindow = undefined;
      wallWindow?.close();
    });

    const openWall = () => {
      if (wallWindow && !wallWindow.isDestroyed()) return wallWindow.focus();
      wallWindow = openWindow('wall');
      wallWindow.on('closed', () => (wallWindow = undefined));
    };

    tray = new Tray(nativeImage.createFromPath(iconPath).resize({ width: 16, height: 16 }));
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: '打开接诉台', click: focusDesk },
        { label: '快速登记', click: () => (focusDesk(), sendToDesk('intake.open', {})) },
        { label: '打开计时墙（第二屏）', click: openWall },
        { type: 'separator' },
        { label: '退出', click: () => app.quit() },
      ]),
    );
    tray.on('click', focusDesk);
    applySettings(settings.get());

    const schedule = startBackupSchedule({
      backups,
      everyHours: () => settings.get().backupEveryHours,
      askPage: () => sendToDesk('backup.due', { reason: 'scheduled' }),
    });
    deskWindow.webContents.once('did-finish-load', schedule.check);
    // The first print preview should not pay for the CJK font and pdfmake's first run (pdf-service.ts warmUpPdf).
    deskWindow.webContents.once('did-finish-load', () => void warmUpPdf(fontOptions).catch((e: unknown) => log.warn(`document warm-up failed: ${String(e)}`)));
  });

  app.on('window-all-closed', () => app.quit());
}
