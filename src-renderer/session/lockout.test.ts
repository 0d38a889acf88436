import { describe, expect, it } from 'vitest';
import { delayAfter, FIRST_DELAY_MS, FREE_ATTEMPTS, MAX_DELAY_MS, signInAttempts } from './lockout';
import { memoryStorage } from '../../test/helpers/memory-storage';

// Sign-in lock-out: free attempts, then delays that double, capped; kept in storage (survives a reload).

const s1 = { id: 's1', pinHash: 'pbkdf2-sha256-120000$c2FsdC1vbmUtLi4uLi4uLg==$aGFzaA==' };
const s2 = { id: 's2', pinHash: 'pbkdf2-sha256-120000$c2FsdC10d28tLi4uLi4uLg==$aGFzaA==' };

describe('sign-in lock-out', () => {
  it('locks after the free attempts with doubling delays, capped', () => {
    expect(delayAfter(FREE_ATTEMPTS - 1)).toBe(0);
    expect(delayAfter(FREE_ATTEMPTS)).toBe(FIRST_DELAY_MS);
    expect(delayAfter(FREE_ATTEMPTS + 1)).toBe(2 * FIRST_DELAY_MS);
    expect(delayAfter(FREE_ATTEMPTS + 30)).toBe(MAX_DELAY_MS);
  });

  it('is kept in storage, per person, and cleared by a correct sign-in after the wait', () => {
    const storage = memoryStorage();
    const now = Date.UTC(2026, 10, 27, 2);
    const first = signInAttempts(storage);
    for (let i = 1; i < FREE_ATTEMPTS; i++) expect(first.failed(s1, now)).toBeUndefined();
    expect(first.failed(s1, now)).toBe(now + FIRST_DELAY_MS);
    // A reload reads the same record.
    const reloaded = signInAttempts(storage);
    expect(reloaded.lockedUntil(s1, now + 1000)).toBe(now + FIRST_DELAY_MS);
    expect(reloaded.lockedUntil(s2, now)).toBeUndefined();
    expect(reloaded.lockedUntil(s1, now + FIRST_DELAY_MS)).toBeUndefined();
    // The next wrong attempt after the wait doubles it.
    expect(reloaded.failed(s1, now + FIRST_DELAY_MS)).toBe(now + 3 * FIRST_DELAY_MS);
    reloaded.succeeded(s1);
    expect(signInAttempts(storage).lockedUntil(s1, now + FIRST_DELAY_MS)).toBeUndefined();
  });

  it('treats a damaged record as no record', () => {
    const storage = memoryStorage();
    storage.setItem('jiesu.signin-failures', '{"s1":{"count":"x"}');
    expect(signInAttempts(storage).lockedUntil(s1, 0)).toBeUndefined();
  });

  it("counts against the credential tried: a new verifier (an administrator's reset) opens sign-in at once, and its own wrong attempts start from none", () => {
    const storage = memoryStorage();
    const now = Date.UTC(2026, 10, 27, 2);
    const attempts = signInAttempts(storage);
    for (let i = 0; i < FREE_ATTEMPTS + 2; i++) attempts.failed(s1, now);
    expect(attempts.lockedUntil(s1, now + 1000)).toBe(now + 4 * FIRST_DELAY_MS);
    const reset = { ...s1, pinHash: 'pbkdf2-sha256-120000$bmV3LXNhbHQtLi4uLi4uLg==$aGFzaA==' };
    expect(signInAttempts(storage).lockedUntil(reset, now + 1000)).toBeUndefined();
    // A wrong attempt at the new credential is its first, not the old count's next.
    expect(attempts.failed(reset, now + 2000)).toBeUndefined();
    // A record written before attempts named their credential still holds, whatever the verifier.
    storage.setItem('jiesu.signin-failures', JSON.stringify({ s1: { count: FREE_ATTEMPTS, lastAt: now } }));
    expect(attempts.lockedUntil(reset, now + 1000)).toBe(now + FIRST_DELAY_MS);
  });
});
