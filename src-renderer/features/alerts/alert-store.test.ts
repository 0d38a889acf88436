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
