import { describe, expect, it, vi } from 'vitest';
import { clearAlerts, currentAlerts, markAllRead, pushAlert } from './alert-store';

const breach = {
  key: 'CASE1:callback:breach:1',
  caseId: 'CASE1',
  number: 'HF01-20261127-001',
  kind: 'breach' as const,
  title: 'HF01-20261127-001 回访已超时',
  roles: ['office_admin'],
  at: 1,
};

describe('in-app alert store', () => {
  it('signing out clears the alerts; the next staff member is alerted afresh to what is still overdue', () => {
    expect(pushAlert(breach)).toBe(true);
    expect(pushAlert(breach)).toBe(false);
    markAllRead();
    expect(currentAlerts().map((a) => [a.key, a.read])).toEqual([[breach.key, true]]);

    clearAlerts();
    expect(currentAlerts()).toEqual([]);

    expect(pushAlert(breach)).toBe(true);
    expect(currentAlerts().map((a) => [a.key, a.read])).toEqual([[breach.key, false]]);
  });
});

describe('alerts across a reload', () => {
  it('the alert centre and the keys already raised survive a reload of the signed-in window; signing out forgets them', async () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    } as Storage;
    vi.stubGlobal('sessionStorage', storage);
    try {
      vi.resetModules();
      const before = await import('./alert-store');
      expect(before.pushAlert(breach)).toBe(true);

      // The reload: the module starts again from the window's sessionStorage.
      vi.resetModules();
      const after = await import('./alert-store');
      expect(after.currentAlerts().map((a) => [a.key, a.read])).toEqual([[breach.key, false]]);
      expect(after.pushAlert(breach)).toBe(false); // not popped up again

      after.clearAlerts();
      expect(items.size).toBe(0);
      vi.resetModules();
      expect((await import('./alert-store')).currentAlerts()).toEqual([]);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});

describe('many alerts at once', () => {
  it('a desk opening on 500 due cases lists them all, newest first as one by one, and writes its record once', async () => {
    const items = new Map<string, string>();
    const setItem = vi.fn((k: string, v: string) => void items.set(k, v));
    const storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = {
      getItem: (k) => items.get(k) ?? null,
      setItem,
      removeItem: (k) => void items.delete(k),
    };
    vi.stubGlobal('sessionStorage', storage);
    try {
      vi.resetModules();
      const store = await import('./alert-store');
      const batch = Array.from({ length: 500 }, (_, i) => ({ ...breach, key: `CASE${i}:callback:breach:1`, caseId: `CASE${i}` }));
      expect(store.pushAlerts(batch)).toHaveLength(500);
      expect(setItem).toHaveBeenCalledTimes(1);
      // The alert centre keeps the newest 200, the last raised first, as 500 single pushes would.
      expect(
        store
          .currentAlerts()
          .map((a) => a.caseId)
          .slice(0, 2),
      ).toEqual(['CASE499', 'CASE498']);
      expect(store.currentAlerts()).toHaveLength(200);
      // Raised already: a second batch with one new key adds only that one.
      expect(store.pushAlerts([...batch.slice(0, 10), { ...breach, key: 'NEW:callback:breach:1', caseId: 'NEW' }]).map((a) => a.caseId)).toEqual(['NEW']);
      expect(setItem).toHaveBeenCalledTimes(2);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});
