import { safeStorage } from 'electron';
import { createFileSecretStore, plainCodec, type SecretCodec, type SecretStore } from './secret-store';

// The Electron SecretStore: values sealed with safeStorage. Where the OS offers no keychain (a bare Linux
// session), safeStorage is unavailable and the file-permission codec is used, and the log says so.

export const safeStorageCodec: SecretCodec = {
  protection: 'os',
  seal: (value) => safeStorage.encryptString(value).toString('base64'),
  open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
};

export function createElectronSecretStore(file: string): SecretStore {
  return createFileSecretStore(file, safeStorage.isEncryptionAvailable() ? safeStorageCodec : plainCodec);
}
