import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import type { BridgeInput, DeskSettings } from '../src-shared/bridge';
import { HostError } from './host-error';
import { BACKUP_PASSPHRASE_MIN, decodeBackupKey, deriveBackupKey, encodeBackupKey, passphraseOpens, type BackupKey } from './backup-crypto';
import type { SecretStore } from './secret-store';

// Desk settings owned by the main process (issue 6 "Settings"): a JSON file in the user-data folder for
// plain preferences; the field-encryption key and the backup passphrase's key go to the SecretStore, never
// to this file and never back to the page (it only learns `hasBackupPassphrase`). The passphrase itself is
// not kept, only the key scrypt derives from it. The desk token is the desk link's (desk-link.ts).

const storedSchema = z.object({
  serverUrl: z.string().max(500).catch(''),
  printer: z.string().max(200).catch(''),
  silentPrint: z.boolean().catch(false),
  archiveFolder: z.string().max(1000).optional().catch(undefined),
  backupFolder: z.string().max(1000).optional().catch(undefined),
  backupEveryHours: z.number().int().min(1).max(168).catch(24),
  backupKeep: z.number().int().min(1).max(100).catch(14),
  language: z.enum(['zh-CN', 'en']).catch('zh-CN'),
  startAtLogin: z.boolean().catch(false),
});
type StoredSettings = z.infer<typeof storedSchema>;

export interface SettingsPaths {
  /** Folder of settings.json (the app's user-data folder). */
  dataFolder: string;
  /** Default archive folder for saved documents (e.g. ~/Documents/接诉台档案). */
  defaultArchiveFolder: string;
}

export interface SettingsStore {
  readonly file: string;
  get(): DeskSettings;
  set(patch: BridgeInput<'settings.set'>): DeskSettings;
  /** The key for encrypted fields, created on first use (32 random bytes, base64). */
  fieldKey(): string;
  /** The key backups are sealed with, derived from the backup passphrase; undefined until one is set. */
  backupKey(): BackupKey | undefined;
}

function readStored(file: string): StoredSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    raw = {};
  }
  // A damaged field falls back to its default; the other fields are kept.
  return storedSchema.parse(typeof raw === 'object' && raw !== null ? raw : {});
}

/**
 * The desk's language, readable before Electron is ready (no secrets needed): Chromium's own locale is
 * fixed at start (`--lang`), and it decides how native date inputs and context menus read.
 */
export function storedLanguage(dataFolder: string): StoredSettings['language'] {
  return readStored(join(dataFolder, 'settings.json')).language;
}

export function createSettingsStore(paths: SettingsPaths, secrets: SecretStore): SettingsStore {
  const file = join(paths.dataFolder, 'settings.json');
  const read = () => readStored(file);
  const storedBackupKey = (): BackupKey | undefined => {
    const stored = secrets.get('backupKey');
    return stored ? decodeBackupKey(stored) : undefined;
  };
  const toDesk = (s: StoredSettings): DeskSettings => ({
    serverUrl: s.serverUrl,
    hasBackupPassphrase: Boolean(secrets.get('backupKey')),
    printer: s.printer,
    silentPrint: s.silentPrint,
    archiveFolder: s.archiveFolder ?? paths.defaultArchiveFolder,
    backupFolder: s.backupFolder ?? join(paths.dataFolder, 'backups'),
    backupEveryHours: s.backupEveryHours,
    backupKeep: s.backupKeep,
    language: s.language,
    startAtLogin: s.startAtLogin,
  });
  return {
    file,
    get: () => toDesk(read()),
    set(patch) {
      const { backupPassphrase, currentBackupPassphrase, ...plain } = patch;
      if (backupPassphrase !== undefined && [...backupPassphrase.trim()].length < BACKUP_PASSPHRASE_MIN) {
        throw new HostError('settings.backupPassphrase', { minimum: BACKUP_PASSPHRASE_MIN });
      }
      // The host cannot see who is signed in at the page, so the rule it can enforce is knowledge: whoever
      // replaces the passphrase backups are sealed with must know the one in force (issue 10).
      const stored = storedBackupKey();
      if (backupPassphrase !== undefined && stored && (currentBackupPassphrase === undefined || !passphraseOpens(stored, currentBackupPassphrase))) {
        throw new HostError('settings.backupPassphraseCurrent');
      }
      for (const key of ['archiveFolder', 'backupFolder'] as const) {
        const folder = plain[key];
        // A relative path would land wherever the app happened to start; refuse it, change nothing.
        if (folder !== undefined && !isAbsolute(folder)) throw new HostError('settings.folder', { folder: key });
      }
      const next = storedSchema.parse({ ...read(), ...Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== undefined)) });
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify(next, null, 2));
      renameSync(tmp, file);
      // A new passphrase gets a new salt; backups sealed under the old one open with the old passphrase.
      if (backupPassphrase !== undefined) secrets.set('backupKey', encodeBackupKey(deriveBackupKey(backupPassphrase)));
      return toDesk(next);
    },
    fieldKey() {
      const existing = secrets.get('fieldKey');
      if (existing) return existing;
      const key = randomBytes(32).toString('base64');
      secrets.set('fieldKey', key);
      return key;
    },
    backupKey: storedBackupKey,
  };
}
