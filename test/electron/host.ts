import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BridgeInput, BridgeOutputs } from '../../src-shared/bridge';
import { createBackupFolder } from '../../src-main/backups';
import { createDeskLinks } from '../../src-main/desk-link';
import { createHostHandlers, type DocumentHandlers } from '../../src-main/handlers';
import { createFileSecretStore } from '../../src-main/secret-store';
import { createSettingsStore } from '../../src-main/settings';

// A host with real settings and backups in a temporary folder and recording fakes for the OS parts.
export function testHost(documents?: DocumentHandlers, fetchImpl?: typeof fetch) {
  const dataFolder = mkdtempSync(join(tmpdir(), 'jiesu-host-'));
  const secrets = createFileSecretStore(join(dataFolder, 'secrets.json'));
  const settings = createSettingsStore({ dataFolder, defaultArchiveFolder: join(dataFolder, 'archive') }, secrets);
  const backups = createBackupFolder({ folder: () => settings.get().backupFolder, keep: () => settings.get().backupKeep, key: () => settings.backupKey() });
  const links = createDeskLinks({ secrets, syncUrl: (profile) => `http://desk-host.invalid/sync/${profile}`, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  const notified: BridgeInput<'notify.show'>[] = [];
  const trays: BridgeInput<'tray.update'>[] = [];
  const settingsChanges: unknown[] = [];
  const printers: BridgeOutputs['printers.list'] = [{ name: '前台打印机', isDefault: true }];
  const handlers = createHostHandlers({
    host: 'electron',
    version: '0.1.0',
    dataFolder,
    settings,
    backups,
    links,
    notify: (i) => (notified.push(i), true),
    printers: async () => printers,
    tray: (c) => (trays.push(c), true),
    ...(documents ? { documents } : {}),
    onSettingsChanged: (s) => settingsChanges.push(s),
  });
  return { dataFolder, secrets, settings, links, handlers, notified, trays, settingsChanges };
}
