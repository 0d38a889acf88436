import { join } from 'node:path';
import log from 'electron-log/node';
import { createBackupFolder, startBackupSchedule } from './backups';
import { createDeskLinks, type DeskLinks } from './desk-link';
import { createDocumentHandlers } from './documents/handlers';
import { warmUpPdf } from './documents/pdf-service';
import { createHostHandlers, type DocumentHandlers } from './handlers';
import { configureLog } from './log';
import { createFileSecretStore } from './secret-store';
import { createSettingsStore, type SettingsStore } from './settings';
import { startWebShell, SYNC_RELAY_PREFIX, type WebShell } from './web-shell';

// Assembles the browser shell's host: the same settings, backups and handlers the Electron main process
// builds, with the capabilities a browser host has (no OS notifications, no printers list, no tray: the
// page shows its own alerts and uses the browser's print dialog). Secrets go to a file only the user reads;
// the desk token among them never reaches the page, which syncs through the shell's relay.

export interface WebHostOptions {
  dataFolder: string;
  rendererDir: string;
  version: string;
  port?: number;
  /** Defaults to the documents service writing into the archive folder (no direct printing in a browser). */
  documents?: DocumentHandlers;
  /** Log to the console as well as to the file (the start script's terminal). */
  consoleLog?: boolean;
  /** Render a throw-away document once the shell listens, so the first preview is not the first render (pdf-service.ts warmUpPdf). */
  warmDocuments?: boolean;
}

export interface WebHost {
  shell: WebShell;
  settings: SettingsStore;
  /** The desk links the shell holds (the tokens the page never sees). */
  links: DeskLinks;
  logFile: string;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const logFile = join(options.dataFolder, 'logs', 'web-shell.log');
  configureLog(log, { file: logFile });
  if (!options.consoleLog && log.transports.console) log.transports.console.level = false;
  const secrets = createFileSecretStore(join(options.dataFolder, 'secrets.json'));
  const settings = createSettingsStore({ dataFolder: options.dataFolder, defaultArchiveFolder: join(options.dataFolder, 'archive') }, secrets);
  // The page sends sync requests to the shell, which relays them to the server with the desk token (web-shell.ts).
  const links = createDeskLinks({ secrets, syncUrl: (profile) => `${SYNC_RELAY_PREFIX}${profile}` });
  const backups = createBackupFolder({ folder: () => settings.get().backupFolder, keep: () => settings.get().backupKeep, key: () => settings.backupKey() });
  const handlers = createHostHandlers({
    host: 'web',
    version: options.version,
    dataFolder: options.dataFolder,
    settings,
    backups,
    links,
    notify: (input) => {
      log.info(`alert (${input.urgency}): ${input.title}`);
      return false;
    },
    printers: async () => [],
    tray: () => false,
    documents: options.documents ?? createDocumentHandlers({ archiveRoot: () => settings.get().archiveFolder }),
  });
  // Scheduled backups as in the Electron shell; a page is asked once its event stream is open.
  // (The ten-minute timer does not hold the process open.)
  let askPage = (): void => undefined;
  const schedule = startBackupSchedule({ backups, everyHours: () => settings.get().backupEveryHours, askPage: () => askPage() });
  const shell = await startWebShell({
    onPageListening: () => schedule.check(),
    rendererDir: options.rendererDir,
    handlers,
    relay: links.relay,
    ...(options.port !== undefined ? { port: options.port } : {}),
    connectOrigins: () => [settings.get().serverUrl],
    log,
  });
  askPage = () => shell.emit('backup.due', { reason: 'scheduled' });
  if (options.warmDocuments && !options.documents)
    setTimeout(() => void warmUpPdf().catch((e: unknown) => log.warn(`document warm-up failed: ${String(e)}`)), 0);
  return { shell, settings, links, logFile };
}
