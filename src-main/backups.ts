import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { parseBackup } from '../src-shared/backup-format';
import type { BridgeOutputs } from '../src-shared/bridge';
import { openBackup, sealBackup, type BackupKey } from './backup-crypto';
import { HostError } from './host-error';

// Backups of the desk store (issue 6 "Backups"): the renderer serialises its store (src-shared/backup-format)
// and the main process writes it into the chosen folder. Scheduled backups rotate (the newest `keep` are
// kept); manual exports are never deleted by rotation. Only files this module named can be read back.
// Every file is sealed with the backup passphrase's key (backup-crypto.ts); the page hands over and gets
// back the plain export, never the key.

const NAME_PATTERN = /^jiesu-backup-(\d{8})-(\d{6})-(\d{3})-(auto|manual)\.jbak$/;
/** Backups above this size are refused on read; the bridge schema allows up to 2 GB on write. */
const READ_LIMIT_BYTES = 1_500_000_000;

export function backupFileName(at: Date, manual: boolean): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const day = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}`;
  const time = `${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
  return `jiesu-backup-${day}-${time}-${p(at.getMilliseconds(), 3)}-${manual ? 'manual' : 'auto'}.jbak`;
}

/** A scheduled (rotated) backup, as opposed to a manual export. */
export function isAutoBackupName(name: string): boolean {
  return name.endsWith('-auto.jbak');
}

export interface BackupFolderOptions {
  folder: () => string;
  keep: () => number;
  /** The key of the backup passphrase the administrator set (settings.ts); undefined until one is set. */
  key: () => BackupKey | undefined;
  now?: () => Date;
}

export interface BackupFolder {
  write(content: string, manual: boolean): BridgeOutputs['backup.write'];
  list(): BridgeOutputs['backup.list'];
  /** Opens a backup with the desk's stored key, or with `passphrase` (a backup made on another machine). */
  read(name: string, passphrase?: string): BridgeOutputs['backup.read'];
  /** Opens a backup file the person chose (e.g. brought from another computer), checked the same way. */
  open(file: Buffer, passphrase?: string): BridgeOutputs['backup.open'];
}

export function createBackupFolder(options: BackupFolderOptions): BackupFolder {
  const now = options.now ?? (() => new Date());
  const entries = (): { name: string; bytes: number; at: number; manual: boolean }[] => {
    let names: string[];
    try {
      names = readdirSync(options.folder());
    } catch {
      return [];
    }
    return (
      names
        .filter((n) => NAME_PATTERN.test(n))
        .map((name) => {
          const st = statSync(join(options.folder(), name));
          return { name, bytes: st.size, at: st.mtimeMs, manual: !isAutoBackupName(name) };
        })
        // Newest first by the timestamp in the name (mtime can be changed by copying).
        .sort((a, b) => (a.name.slice(13, 32) < b.name.slice(13, 32) ? 1 : -1))
    );
  };
  return {
    write(content, manual) {
      const parsed = parseBackup(content);
      if (!parsed.ok) throw HostError.from(parsed.error);
      const key = options.key();
      if (!key) {
        throw new HostError('backup.noPassphrase');
      }
      const sealed = sealBackup(content, key);
      const folder = options.folder();
      try {
        mkdirSync(folder, { recursive: true });
      } catch {
        throw new HostError('backup.folder', { folder });
      }
      const name = backupFileName(now(), manual);
      const file = join(folder, name);
      try {
        writeFileSync(`${file}.partial`, sealed);
        renameSync(`${file}.partial`, file);
      } catch {
        throw new HostError('backup.write', { file });
      }
      const autos = entries().filter((e) => !e.manual);
      for (const old of autos.slice(options.keep())) unlinkSync(join(folder, old.name));
      return { name, bytes: sealed.length };
    },
    list() {
      return entries();
    },
    read(name, passphrase) {
      const folder = resolve(options.folder());
      const file = resolve(folder, basename(name));
      if (!NAME_PATTERN.test(name) || !file.startsWith(folder + sep)) {
        throw new HostError('backup.name', { name });
      }
      let size: number;
      try {
        size = statSync(file).size;
      } catch {
        throw new HostError('backup.missing', { name });
      }
      if (size > READ_LIMIT_BYTES) {
        throw new HostError('backup.tooLarge', { name });
      }
      return open(readFileSync(file), passphrase);
    },
    open(file, passphrase) {
      if (file.length > READ_LIMIT_BYTES) {
        throw new HostError('backup.tooLarge');
      }
      return open(file, passphrase);
    },
  };

  function open(file: Buffer, passphrase?: string): { content: string } {
    const key = options.key();
    const opened = openBackup(file, { ...(key ? { stored: key } : {}), ...(passphrase !== undefined ? { passphrase } : {}) });
    if (!opened.ok) throw HostError.from(opened.error);
    return { content: opened.text };
  }
}

/**
 * Scheduled backups: the host knows the folder and the interval, the page holds the store, so the host
 * asks the page (`backup.due`) and the page writes through `backup.write`. Checked when the page is ready
 * and every ten minutes after; the Electron main process and the browser shell both run it.
 */
export function startBackupSchedule(options: { backups: BackupFolder; everyHours: () => number; askPage: () => void; now?: () => number }): {
  check(): void;
  stop(): void;
} {
  const now = options.now ?? Date.now;
  const check = () => {
    const lastAuto = options.backups.list().find((b) => isAutoBackupName(b.name));
    if (isBackupDue(lastAuto?.at, options.everyHours(), now())) options.askPage();
  };
  const timer = setInterval(check, 10 * 60_000);
  timer.unref?.();
  return { check, stop: () => clearInterval(timer) };
}

/** A scheduled backup is due when none was written within the configured interval. */
export function isBackupDue(lastAutoAt: number | undefined, everyHours: number, now: number): boolean {
  return lastAutoAt === undefined || now - lastAutoAt >= everyHours * 3_600_000;
}
