import { base64ToBytes, bytesToBase64 } from './base64';
// Staff credentials (issue 10 item 3): the verifier format shared by the desk's sign-in, the server's
// checks of pushed staff documents and the server's administrator sign-in.
//
// A verifier is `<scheme>$<salt b64>$<hash b64>` (16-byte salt, 32-byte PBKDF2-SHA-256 output):
//   - `pbkdf2-sha256-120000`      a PIN (4–8 digits), for clerks at the desk;
//   - `pass-pbkdf2-sha256-600000` a passphrase (at least 10 characters), required to administer.
// The scheme names its cost only for people reading a stored document: the cost used is the one this file
// fixes for that scheme, and a verifier with any other scheme (e.g. a pushed `pbkdf2-sha256-1`) is invalid:
// the schema refuses it (server push, desk write) and verification answers false (docs/decisions.md).
// WebCrypto runs in the browser, in Electron and in Node, so desk and server derive the same bits.

export type CredentialKind = 'pin' | 'passphrase';

const SCHEMES = {
  pin: { name: 'pbkdf2-sha256-120000', iterations: 120_000 },
  passphrase: { name: 'pass-pbkdf2-sha256-600000', iterations: 600_000 },
} as const satisfies Record<CredentialKind, { name: string; iterations: number }>;

const SALT_BYTES = 16;
const HASH_BYTES = 32;

// 16 bytes are 24 base64 characters (22 + "=="), 32 bytes are 44 (43 + "=").
const B64_16 = '[A-Za-z0-9+/]{22}==';
const B64_32 = '[A-Za-z0-9+/]{43}=';

/** A well-formed verifier of either kind, or '' (no credential: this person cannot sign in here). */
export const VERIFIER_PATTERN = new RegExp(`^(?:(?:${SCHEMES.pin.name}|${SCHEMES.passphrase.name})\\$${B64_16}\\$${B64_32})?$`);

export const PASSPHRASE_MIN_LENGTH = 10;

/** A PIN is 4–8 digits: easy on a shared desk keyboard, and never stored. */
export function isValidPin(pin: string): boolean {
  return /^\d{4,8}$/.test(pin);
}

/** A passphrase is at least 10 characters and not only digits (a long PIN is still a PIN). */
export function isValidPassphrase(passphrase: string): boolean {
  return [...passphrase].length >= PASSPHRASE_MIN_LENGTH && !/^\d+$/.test(passphrase) && passphrase.trim() === passphrase;
}

/** Which kind of secret a typed credential is, or undefined when it is neither a valid PIN nor passphrase. */
export function kindOfSecret(secret: string): CredentialKind | undefined {
  if (isValidPin(secret)) return 'pin';
  if (isValidPassphrase(secret)) return 'passphrase';
  return undefined;
}

/** The kind of a stored verifier; undefined for '' and for anything not in the fixed format. */
export function verifierKind(stored: string): CredentialKind | undefined {
  if (!stored || !VERIFIER_PATTERN.test(stored)) return undefined;
  return stored.startsWith(`${SCHEMES.passphrase.name}$`) ? 'passphrase' : 'pin';
}

async function derive(secret: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, HASH_BYTES * 8);
  return new Uint8Array(bits);
}

/** Hashes a PIN or a passphrase (its kind decides the scheme); throws on anything else. */
export async function hashCredential(secret: string): Promise<string> {
  const kind = kindOfSecret(secret);
  if (!kind) throw new Error('not a valid PIN or passphrase');
  const scheme = SCHEMES[kind];
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(secret, salt, scheme.iterations);
  return `${scheme.name}$${bytesToBase64(salt)}$${bytesToBase64(hash)}`;
}

/** True when `secret` matches the verifier; false for a malformed verifier or one with another cost. */
export async function verifyCredential(secret: string, stored: string): Promise<boolean> {
  const kind = verifierKind(stored);
  if (!kind) return false;
  const [, saltB64, hashB64] = stored.split('$');
  const expected = base64ToBytes(hashB64!);
  const actual = await derive(secret, base64ToBytes(saltB64!), SCHEMES[kind].iterations);
  // Constant-time comparison: a check must not leak how many bytes matched.
  let diff = 0;
  for (let i = 0; i < HASH_BYTES; i++) diff |= actual[i]! ^ expected[i]!;
  return diff === 0;
}
