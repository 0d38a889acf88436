import { useSyncExternalStore } from 'react';

// In-app alerts (the OS notification goes through the host bridge as well; X-3: never silent).

export interface DeskAlert {
  key: string;
  caseId: string;
  number: string;
  kind: 'warning' | 'breach' | 'risk' | 'start';
  title: string;
  roles: string[];
  at: number;
  read: boolean;
}

let alerts: DeskAlert[] = [];
const seen = new Set<string>();
const listeners = new Set<() => void>();

/** Adds an alert once per key; returns false when it was already raised. */
export function pushAlert(a: Omit<DeskAlert, 'read'>): boolean {
  if (seen.has(a.key)) return false;
  seen.add(a.key);
  alerts = [{ ...a, read: false }, ...alerts].slice(0, 200);
  listeners.forEach((l) => l());
  return true;
}

export function markAllRead(): void {
  alerts = alerts.map((a) => ({ ...a, read: true }));
  listeners.forEach((l) => l());
}

/**
 * Forgets every alert when the staff member signs out: the next person at a shared desk must not read
 * the last one's alerts, and sees the cases still due or overdue raised afresh when they sign in.
 */
export function clearAlerts(): void {
  alerts = [];
  seen.clear();
  listeners.forEach((l) => l());
}

export function currentAlerts(): DeskAlert[] {
  return alerts;
}

export function useAlerts(): DeskAlert[] {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    currentAlerts,
  );
}
