import { describe, expect, it } from 'vitest';
import { delayAfter, FIRST_DELAY_MS, FREE_ATTEMPTS, MAX_DELAY_MS, signInAttempts } from './lockout';

// Sign-in lock-out: free attempts, then delays that double, capped; kept in storage (survives a reload).

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

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
    for (let i = 1; i < FREE_ATTEMPTS; i++) expect(first.failed('s1', now)).toBeUndefined();
    expect(first.failed('s1', now)).toBe(now + FIRST_DELAY_MS);
    // A reload reads the same record.
    const reloaded = signInAttempts(storage);
    expect(reloaded.lockedUntil('s1', now + 1000)).toBe(now + FIRST_DELAY_MS);
    expect(reloaded.lockedUntil('s2', now)).toBeUndefined();
    expect(reloaded.lockedUntil('s1', now + FIRST_DELAY_MS)).toBeUndefined();
    // The next wrong attempt after the wait doubles it.
    expect(reloaded.failed('s1', now + FIRST_DELAY_MS)).toBe(now + 3 * FIRST_DELAY_MS);
    reloaded.succeeded('s1');
    expect(signInAttempts(storage).lockedUntil('s1', now + FIRST_DELAY_MS)).toBeUndefined();
  });

  it('treats a damaged record as no record', () => {
    const storage = memoryStorage();
    storage.setItem('jiesu.signin-failures', '{"s1":{"count":"x"}');
    expect(signInAttempts(storage).lockedUntil('s1', 0)).toBeUndefined();
  });
});
