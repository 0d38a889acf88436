import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Desk and admin tokens are 256-bit random strings; the server keeps only their SHA-256 (a fast hash is
// enough for high-entropy secrets). Enrolment codes are short, typed by people, and single-use.

export const DESK_TOKEN_PREFIX = 'jsd_';
export const ADMIN_TOKEN_PREFIX = 'jsa_';

export function newToken(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

// No 0/O or 1/I: codes are read aloud and typed from paper.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time enrolment code like `K7QM-3XWA-PZ9D` (about 60 bits). */
export function newEnrolmentCode(): string {
  const bytes = randomBytes(12);
  let out = '';
  for (let i = 0; i < 12; i++) {
    if (i > 0 && i % 4 === 0) out += '-';
    out += CODE_ALPHABET[bytes[i]! % CODE_ALPHABET.length];
  }
  return out;
}

/** Reads `Authorization: Bearer <token>`; anything else is no token. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(header.trim());
  return m?.[1];
}
