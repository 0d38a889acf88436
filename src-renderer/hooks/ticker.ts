import { useSyncExternalStore } from 'react';

// ONE ticker for the whole window: every timer on screen re-renders from the same second, so 500 timers
// cost one interval, and they never drift apart.

const listeners = new Set<() => void>();
let now = Date.now();
let handle: ReturnType<typeof setInterval> | undefined;

function tick(): void {
  now = Date.now();
  listeners.forEach((l) => l());
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  if (!handle) {
    now = Date.now();
    handle = setInterval(tick, 1000);
  }
  return () => {
    listeners.delete(cb);
    if (listeners.size === 0 && handle) {
      clearInterval(handle);
      handle = undefined;
    }
  };
}

/** The current time, updated once a second while anything on screen shows it. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
