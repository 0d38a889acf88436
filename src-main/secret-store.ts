import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// Secrets the main process keeps for the desk: its server links with the desk tokens from enrolment
// (desk-link.ts), the key for encrypted fields (issue 6 "Settings") and the key derived from the backup
// passphrase (backup-crypto.ts). Electron seals each value with safeStorage (OS keychain / DPAPI / libsecret);
// the browser shell and tests use the plain codec, in a file only the user can read.

export type SecretName = 'deskLinks' | 'fieldKey' | 'backupKey';

export interface SecretStore {
  /** How values are protected at rest, for the log and the about box. */
  readonly protection: 'os' | 'file-permissions';
  get(name: SecretName): string | undefined;
  set(name: SecretName, value: string): void;
  delete(name: SecretName): void;
}

/** Turns a secret into what is written to disk and back. */
export interface SecretCodec {
  readonly protection: SecretStore['protection'];
  seal(value: string): string;
  open(sealed: string): string;
}

export const plainCodec: SecretCodec = {
  protection: 'file-permissions',
  seal: (value) => Buffer.from(value, 'utf8').toString('base64'),
  open: (sealed) => Buffer.from(sealed, 'base64').toString('utf8'),
};

export function createFileSecretStore(file: string, codec: SecretCodec = plainCodec): SecretStore {
  const read = (): Record<string, string> => {
    try {
      const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (typeof raw !== 'object' || raw === null) return {};
      return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch {
      return {};
    }
  };
  const write = (values: Record<string, string>) => {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(values), { mode: 0o600 });
    renameSync(tmp, file);
    chmodSync(file, 0o600);
  };
  return {
    protection: codec.protection,
    get(name) {
      const sealed = read()[name];
      if (sealed === undefined) return undefined;
      try {
        return codec.open(sealed);
      } catch {
        // A value sealed by another OS account or keychain cannot be opened: treat it as absent.
        return undefined;
      }
    },
    set(name, value) {
      write({ ...read(), [name]: codec.seal(value) });
    },
    delete(name) {
      const values = read();
      delete values[name];
      write(values);
    },
  };
}
