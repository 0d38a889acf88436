import type { BridgeHandlers, BridgeInput, BridgeOutputs, DeskSettings } from '../src-shared/bridge';
import type { BackupFolder } from './backups';
import { deskLinkHandlers, type DeskLinks } from './desk-link';
import { HostError } from './host-error';
import type { SettingsStore } from './settings';

// Every bridge channel as a plain async function (docs/architecture.md §The host bridge). The
// Electron IPC module and the browser shell register the very same object; what differs between them
// (OS notifications, printers, the tray) is passed in as small host capabilities.

export type DocumentHandlers = Pick<BridgeHandlers, 'documents.render' | 'documents.print' | 'documents.save'>;

export interface HostCapabilities {
  host: 'electron' | 'web';
  version: string;
  dataFolder: string;
  settings: SettingsStore;
  backups: BackupFolder;
  /** The desk's server links; the desk token stays here (desk-link.ts). */
  links: DeskLinks;
  /** Shows an OS notification; false when the host has none (the page then shows its own alert). */
  notify(input: BridgeInput<'notify.show'>): boolean;
  printers(): Promise<BridgeOutputs['printers.list']>;
  /** Shows the warning/breached counts on the tray; false when there is no tray. */
  tray(counts: BridgeInput<'tray.update'>): boolean;
  /** The documents service (helper E's createDocumentHandlers); absent until it is built. */
  documents?: DocumentHandlers;
  /** Applies settings that act on the host (start at login, language of menus). */
  onSettingsChanged?(settings: DeskSettings): void;
}

const documentsUnavailable = () => new HostError('documents.unavailable');

export function createHostHandlers(cap: HostCapabilities): BridgeHandlers {
  return {
    'app.info': async () => ({ version: cap.version, host: cap.host, dataFolder: cap.dataFolder }),
    'notify.show': async (input) => ({ shown: cap.notify(input) }),
    'settings.get': async () => cap.settings.get(),
    'settings.set': async (input) => {
      const next = cap.settings.set(input);
      cap.onSettingsChanged?.(next);
      return next;
    },
    'documents.render': async (input) => {
      if (!cap.documents) throw documentsUnavailable();
      return cap.documents['documents.render'](input);
    },
    'documents.print': async (input) => {
      if (!cap.documents) throw documentsUnavailable();
      return cap.documents['documents.print'](input);
    },
    'documents.save': async (input) => {
      if (!cap.documents) throw documentsUnavailable();
      return cap.documents['documents.save'](input);
    },
    'printers.list': async () => cap.printers(),
    'backup.write': async (input) => cap.backups.write(input.content, input.manual),
    'backup.list': async () => cap.backups.list(),
    'backup.read': async (input) => cap.backups.read(input.name, input.passphrase),
    'backup.open': async (input) => cap.backups.open(Buffer.from(input.file, 'base64'), input.passphrase),
    'tray.update': async (input) => ({ shown: cap.tray(input) }),
    // Only to the desk's own page (both transports check the caller first); never logged.
    'desk.fieldKey': async () => ({ key: cap.settings.fieldKey() }),
    ...deskLinkHandlers(cap.links),
  };
}
