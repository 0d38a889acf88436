import { describe, expect, it } from 'vitest';
import { clearAlerts, currentAlerts, markAllRead, pushAlert } from './alert-store';

const breach = { key: 'CASE1:callback:breach:1', caseId: 'CASE1', number: 'HF01-20261127-001', kind: 'breach' as const, title: 'HF01-20261127-001 回访已超时', roles: ['office_admin'], at: 1 };

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
