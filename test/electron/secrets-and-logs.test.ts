import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import log from 'electron-log/node';
import { describe, expect, it, vi } from 'vitest';
import { configureLog, redactSecrets, redactValue, rotateLogFiles } from '../../src-main/log';
import { createFileSecretStore } from '../../src-main/secret-store';

// Secrets at rest (safeStorage in Electron, file permissions in the browser shell) and logs without secrets.

const safe = vi.hoisted(() => ({ available: true }));
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => safe.available,
    // A stand-in for the OS keychain: reversible, but visibly not the plain text.
    encryptString: (s: string) => Buffer.from(`sealed:${[...s].reverse().join('')}`),
    decryptString: (b: Buffer) => {
      const t = b.toString();
      if (!t.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return [...t.slice(7)].reverse().join('');
    },
  },
}));
const { createElectronSecretStore } = await import('../../src-main/electron-secret-store');

const dir = mkdtempSync(join(tmpdir(), 'jiesu-secrets-'));

describe('SecretStore', () => {
  it('Electron: values are sealed with safeStorage, never written in clear', () => {
    const file = join(dir, 'electron.json');
    const store = createElectronSecretStore(file);
    expect(store.protection).toBe('os');
    store.set('deskLinks', 'dt_live_0123456789');
    expect(readFileSync(file, 'utf8')).not.toContain('dt_live_0123456789');
    expect(createElectronSecretStore(file).get('deskLinks')).toBe('dt_live_0123456789');
    store.delete('deskLinks');
    expect(store.get('deskLinks')).toBeUndefined();
  });

  it('Electron without a keychain falls back to file permissions and says so', () => {
    safe.available = false;
    expect(createElectronSecretStore(join(dir, 'nokeychain.json')).protection).toBe('file-permissions');
    safe.available = true;
  });

  it('a value sealed elsewhere (another OS account) reads as absent instead of crashing', () => {
    const file = join(dir, 'foreign.json');
    writeFileSync(file, JSON.stringify({ deskToken: Buffer.from('garbage').toString('base64') }));
    expect(createElectronSecretStore(file).get('deskLinks')).toBeUndefined();
  });

  it('file store (browser shell): readable only by the user', () => {
    const file = join(dir, 'web.json');
    const store = createFileSecretStore(file);
    store.set('fieldKey', 'k'.repeat(44));
    expect(store.get('fieldKey')).toBe('k'.repeat(44));
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
  });
});

describe('log redaction', () => {
  it('hides tokens, PINs, passwords and keys in text', () => {
    const line = 'enrol ok {"deskToken":"dt_live_0123456789","pin":"1234"} Authorization: Bearer abcdef123456 pin=9876 code: K7QM-3XWA-PZ9D error code: 404';
    const out = redactSecrets(line);
    for (const secret of ['dt_live_0123456789', '"1234"', 'abcdef123456', '9876', 'K7QM-3XWA-PZ9D']) expect(out).not.toContain(secret);
    expect(out).toContain('enrol ok');
    expect(out).toContain('error code: 404');
  });

  it('hides secret-named fields in logged objects and errors, keeps the rest', () => {
    const out = redactValue({
      caseNumber: 'HZ01-20261127-007',
      staff: { name: '王芳', pin: '2468', pinHash: 'scrypt$x$y' },
      headers: { authorization: 'Bearer zzzzzzzz' },
    });
    expect(JSON.stringify(out)).not.toMatch(/2468|scrypt|zzzzzzzz/);
    expect(JSON.stringify(out)).toContain('HZ01-20261127-007');
    expect(JSON.stringify(out)).toContain('王芳');
    const err = redactValue(new Error('push failed token=dt_live_0123456789')) as Error;
    expect(err.message).not.toContain('dt_live');
  });

  it('electron-log writes redacted lines to the configured file and rotates it', async () => {
    const file = join(dir, 'logs', 'main.log');
    configureLog(log, { file, maxBytes: 2_000, keep: 2 });
    if (log.transports.console) log.transports.console.level = false;
    log.transports.file.sync = true;
    log.info('desk enrolled', { deskToken: 'dt_live_0123456789', deskCode: 'HZ01' });
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('desk enrolled');
    expect(text).toContain('HZ01');
    expect(text).not.toContain('dt_live_0123456789');
    for (let i = 0; i < 60; i++) log.info(`line ${i} ${'x'.repeat(80)}`);
    expect(existsSync(join(dir, 'logs', 'main.1.log'))).toBe(true);
    expect(statSync(file).size).toBeLessThan(4_000);
  });

  it('rotation keeps only the configured number of old files', () => {
    const file = join(dir, 'rot', 'main.log');
    mkdirSync(join(dir, 'rot'));
    for (let i = 0; i < 4; i++) {
      writeFileSync(file, `generation ${i}`);
      rotateLogFiles(file, 2);
    }
    expect(readFileSync(join(dir, 'rot', 'main.1.log'), 'utf8')).toBe('generation 3');
    expect(readFileSync(join(dir, 'rot', 'main.2.log'), 'utf8')).toBe('generation 2');
    expect(existsSync(join(dir, 'rot', 'main.3.log'))).toBe(false);
  });
});
