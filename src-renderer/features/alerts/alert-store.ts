import { useSyncExternalStore } from 'react';

// In-app alerts (the OS notification goes through the host bridge as well; X-3: never silent). The list
// and the keys already raised live as long as the sign-in does: both are kept in sessionStorage beside
// the signed-in staff member (session/session.ts), so a reload neither empties the alert centre nor pops
// every due case up again (issue 11 finding 12); signing out clears them (clearAlerts).

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

const STORAGE_KEY = 'jiesu.alerts';
const MAX_ALERTS = 200;
/** Keys remembered across a reload; older ones are of cases long since raised again or closed. */
const MAX_SEEN = 2000;

interface Stored {
  alerts: DeskAlert[];
  seen: string[];
}

function load(storage: Storage | undefined): Stored {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    const v = raw ? (JSON.parse(raw) as Partial<Stored>) : undefined;
    if (v && Array.isArray(v.alerts) && Array.isArray(v.seen))
      return { alerts: v.alerts.slice(0, MAX_ALERTS), seen: v.seen.filter((k) => typeof k === 'string') };
  } catch {
    // An unreadable record is dropped: the watcher raises what is still due afresh.
  }
  return { alerts: [], seen: [] };
}

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

const initial = load(storage());
let alerts: DeskAlert[] = initial.alerts;
const seen = new Set<string>(initial.seen);
const listeners = new Set<() => void>();

function changed(): void {
  try {
    const s = storage();
    if (alerts.length === 0 && seen.size === 0) s?.removeItem(STORAGE_KEY);
    else s?.setItem(STORAGE_KEY, JSON.stringify({ alerts, seen: [...seen].slice(-MAX_SEEN) } satisfies Stored));
  } catch {
    // Without sessionStorage the alerts last until the page reloads.
  }
  listeners.forEach((l) => l());
}

/**
 * Adds the alerts not raised before (once per key) and returns them. The record is written and the
 * listeners told once for the whole batch: a desk opening on 500 due cases raised them one by one, each
 * writing the whole record again, 1.8 s of its queue's first render (docs/performance.md).
 */
export function pushAlerts(batch: readonly Omit<DeskAlert, 'read'>[]): Omit<DeskAlert, 'read'>[] {
  const fresh = batch.filter((a) => !seen.has(a.key) && seen.add(a.key));
  if (fresh.length === 0) return fresh;
  alerts = [...fresh.map((a) => ({ ...a, read: false })).reverse(), ...alerts].slice(0, MAX_ALERTS);
  changed();
  return fresh;
}

/** Adds an alert once per key; returns false when it was already raised. */
export function pushAlert(a: Omit<DeskAlert, 'read'>): boolean {
  return pushAlerts([a]).length > 0;
}

export function markAllRead(): void {
  alerts = alerts.map((a) => ({ ...a, read: true }));
  changed();
}

/**
 * Forgets every alert when the staff member signs out: the next person at a shared desk must not read
 * the last one's alerts, and sees the cases still due or overdue raised afresh when they sign in.
 */
export function clearAlerts(): void {
  alerts = [];
  seen.clear();
  changed();
}

export function currentAlerts(): DeskAlert[] {
  return alerts;
}

export function useAlerts(): DeskAlert[] {
  return useSyncExternalStore((cb) => {
    listeners.add(cb);
    return () => listeners.delete(cb);
  }, currentAlerts);
}
