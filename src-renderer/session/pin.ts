// Staff PINs (first run, sign-in): only a salted PBKDF2-SHA-256 hash is stored, as `algo$salt$hash`
// (org.ts staffSchema.pinHash). WebCrypto works in the browser, in Electron and in Node tests.

const ITERATIONS = 120_000;
const ALGO = `pbkdf2-sha256-${ITERATIONS}`;

function toB64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromB64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** A PIN is 4–8 digits: easy on a shared desk keyboard, and never stored. */
export function isValidPin(pin: string): boolean {
  return /^\d{4,8}$/.test(pin);
}

export async function hashPin(pin: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(pin, salt, ITERATIONS);
  return `${ALGO}$${toB64(salt)}$${toB64(hash)}`;
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [algo, saltB64, hashB64] = stored.split('$');
  const m = /^pbkdf2-sha256-(\d+)$/.exec(algo ?? '');
  if (!m || !saltB64 || !hashB64) return false;
  const expected = fromB64(hashB64);
  const actual = await derive(pin, fromB64(saltB64), Number(m[1]));
  if (actual.length !== expected.length) return false;
  // Constant-time comparison: a PIN check must not leak how many bytes matched.
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= actual[i]! ^ expected[i]!;
  return diff === 0;
}
