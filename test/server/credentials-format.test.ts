import { describe, expect, it } from 'vitest';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { hashCredential, isValidPassphrase, kindOfSecret, VERIFIER_PATTERN, verifierKind, verifyCredential } from '../../src-shared/credentials';

// The verifier format: the cost is the code's, never the stored string's (issue 10 item 3).

function verifier(scheme: string, secret: string, iterations: number): string {
  const salt = randomBytes(16);
  return `${scheme}$${salt.toString('base64')}$${pbkdf2Sync(secret, salt, iterations, 32, 'sha256').toString('base64')}`;
}

describe('staff credentials', () => {
  it('hashes a PIN and a passphrase with their fixed schemes, and verifies them', async () => {
    const pin = await hashCredential('2468');
    const pass = await hashCredential('我的口令是长长的一句话');
    expect(verifierKind(pin)).toBe('pin');
    expect(verifierKind(pass)).toBe('passphrase');
    expect(pin).not.toContain('2468');
    expect(await verifyCredential('2468', pin)).toBe(true);
    expect(await verifyCredential('2469', pin)).toBe(false);
    expect(await verifyCredential('我的口令是长长的一句话', pass)).toBe(true);
    expect(await verifyCredential('我的口令是长长的一句', pass)).toBe(false);
  });

  it('agrees with Node PBKDF2 at the fixed cost (the server checks the same bits)', async () => {
    expect(await verifyCredential('1357', verifier('pbkdf2-sha256-120000', '1357', 120_000))).toBe(true);
  });

  it('never reads the cost from the stored string: a 1-iteration or re-labelled verifier is refused', async () => {
    const weak = verifier('pbkdf2-sha256-1', '1357', 1);
    expect(VERIFIER_PATTERN.test(weak)).toBe(false);
    expect(await verifyCredential('1357', weak)).toBe(false);
    // The right label over a weak derivation does not verify either: the code derives with its own cost.
    expect(await verifyCredential('1357', verifier('pbkdf2-sha256-120000', '1357', 1))).toBe(false);
    expect(await verifyCredential('1357', '')).toBe(false);
  });

  it('tells PINs from passphrases; a long PIN is not a passphrase', () => {
    expect(kindOfSecret('1234')).toBe('pin');
    expect(kindOfSecret('123')).toBeUndefined();
    expect(kindOfSecret('1234567890')).toBeUndefined();
    expect(isValidPassphrase('short')).toBe(false);
    expect(isValidPassphrase(' padded passphrase ')).toBe(false);
    expect(kindOfSecret('correct horse')).toBe('passphrase');
  });
});
